"""A headline or paragraph that appears again later in the article.

## What it flags
Every repeat of a headline, caption or paragraph that already appeared earlier in the same
article, compared with case, accents, punctuation and spacing folded; near-repeats count too
when they share almost all their characters (`min_ratio`). Lines shorter than `min_words`
words are left alone ("Advertisement" twice is boilerplate, not a duplicate), and so are the
short "label: value" lines of fact boxes and spec sheets ("Temp rating: 15°F", "Image
credits: Strava"), which repeat by design. On a whole published page (HTML with the page
around the story) a repeat is the page's design and reported at info, except the headline
printed again as one of the story's paragraphs (a copy the page sets as a heading, an <h2>
or a line all in bold, titles a recipe card or a section: the page's design too). Two items
of one list that nearly repeat each other ("2 tablespoons chopped mint" / "2 tablespoons
chopped cilantro") are alike by design: an info. The headline printed again at the start of
a paragraph and run into the story's first words ("Judge Orders Government to Reinstate
Program A federal judge on Friday…", a scraper joining the page's title and the article) is a
repeat too, when the headline has five words or more; and so is a caption or a paragraph of
eight words or more printed again at the start of a later paragraph and glued to its words
without a space ("…at the centre of the Milky Way.The black hole…", a scraper reading a
caption twice), not one a writer repeats as a refrain or a caption quotes.

## Why it matters
Scrapers that read both the page title and the article header, or that walk a page twice,
print the same headline or paragraph several times. Readers notice at once.

## Example
Bad:

    Floods cut off three villages

    Floods cut off three villages

Good:

    Floods cut off three villages

    Rising water closed the only road on Tuesday.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterator

from checker.context import Context
from checker.model import Article, Hit, Kind, Rule
from checker.rules._evidence import published_page
from checker.segment import LIST_ITEM, SET_AS_HEADING, normalized

# "Temp rating: 15°F / -9°C", "Image Credits: Strava": a short label and its value, the line
# of a fact box or spec sheet that repeats by design under each product or picture.
_FACT = re.compile(r"^[\w'’ -]{1,25}:\s*\S")
FACT_WORDS = 6


def _fact_line(text: str) -> bool:
    return bool(_FACT.match(text.strip())) and len(text.split()) <= FACT_WORDS


@dataclass(frozen=True)
class Params:
    min_words: int
    min_ratio: float


# Near repeats cost a character comparison per pair of lines of similar length, so an article
# of thousands of alike lines (a list, a table) would take quadratic time. The search stops
# after this many comparisons: all pairs of about 300 lines of one length, more than an article holds,
# so only hostile or huge input meets it; exact repeats are still found after it (a lookup).
MAX_NEAR_COMPARISONS = 50_000
# A full comparison of two lines costs about the product of their lengths, and far more on
# repetitive text (two 8,000-character lines of one phrase repeated: 16 s), so only lines up
# to MAX_NEAR_CHARS characters are compared for near repeats (a story's paragraph is a few
# hundred), and full comparisons stop after MAX_NEAR_WORK character pairs (a few seconds).
MAX_NEAR_CHARS = 2_000
MAX_NEAR_WORK = 100_000_000


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    seen: list[tuple[str, object]] = []
    first: dict[str, object] = {}
    budget, work = MAX_NEAR_COMPARISONS, MAX_NEAR_WORK
    headline, headline_key, run_into = None, "", None  # the first headline, and the paragraph it opens
    openers: list[tuple[str, object]] = []  # earlier captions and paragraphs a later one may open with
    for seg in article.segments:
        if seg.kind in (Kind.CREDIT, Kind.OTHER):
            continue  # one agency credit under several photos is normal; page furniture repeats
        key = normalized(seg.text)
        if seg.kind is Kind.HEADLINE and headline is None:
            headline, headline_key = seg, key
        n = len(headline_key.split())
        if run_into is None and n >= max(params.min_words, _RUN_IN_WORDS) and seg.kind in (Kind.BODY, Kind.SUBHEAD) \
                and key.startswith(headline_key + " ") and len(key.split()) - n >= params.min_words:
            yield _printed_again(article, headline, seg, n)
            run_into = seg
        if seg.kind in (Kind.BODY, Kind.CAPTION) and openers and seg is not run_into:
            # (the line run in may have lost its space: "…the Milky Way.The black hole…")
            earlier = next(((ok, o) for ok, o in openers if key.startswith(ok) and key[len(ok):len(ok) + 1] in " .!?"
                            and len(key.split()) - len(ok.split()) >= params.min_words and _glued(o, seg)), None)
            if earlier is not None:
                yield _printed_again(article, earlier[1], seg, len(earlier[0].split()))
        if seg.kind in (Kind.CAPTION, Kind.BODY) and len(key.split()) >= _OPENER_WORDS and len(openers) < _MAX_OPENERS:
            openers.append((key, seg))
        if len(key.split()) < params.min_words or _fact_line(seg.text):
            continue
        match, ratio = first.get(key), 1.0
        if match is None and params.min_ratio < 1.0 and budget > 0 and len(key) <= MAX_NEAR_CHARS:
            ratio = 0.0
            # One matcher per line: its own text is indexed once, not once per pair.
            matcher = SequenceMatcher(None, "", key, autojunk=False)
            for earlier_key, earlier in seen:
                if abs(len(earlier_key) - len(key)) > 0.2 * len(key):
                    continue
                budget -= 1
                if budget < 0:
                    break
                matcher.set_seq1(earlier_key)
                # The quick ratios are upper bounds of ratio(): most pairs stop at them.
                if matcher.real_quick_ratio() < params.min_ratio or matcher.quick_ratio() < params.min_ratio:
                    continue
                work -= len(earlier_key) * len(key)
                if work < 0:
                    budget = 0
                    break
                r = matcher.ratio()
                if r >= params.min_ratio and r > ratio:
                    match, ratio = earlier, r
        if match is None:
            seen.append((key, seg))
            first[key] = seg
            continue
        first_line = article.line(match)
        what = "headline" if match.kind is Kind.HEADLINE else match.kind.value
        exact = "repeats" if ratio == 1.0 else "nearly repeats"
        # On a whole published page a repeat is the page's design (a pull quote, a gallery's
        # caption under its thumbnail, a contents list, a related list at top and bottom): a
        # note. In a scraped text or a CMS export it is the damage this rule exists for, and
        # so is, on a page, the headline printed again as one of the story's paragraphs (the
        # reader leaves the page's own copies of it, a share card or a sticky bar, as
        # furniture, and a copy set as a heading titles a recipe card or a section).
        layout = published_page(article) and not (match.kind is Kind.HEADLINE and seg.kind is Kind.HEADLINE
                                                  and not seg.note.endswith(SET_AS_HEADING))
        # "2 tablespoons chopped mint" / "2 tablespoons chopped cilantro": a list's items are
        # alike by design; only the same item twice is a repeat.
        parallel = ratio < 1.0 and seg.note == match.note == LIST_ITEM
        yield Hit.on(seg, f"This {exact} the {what} on line {first_line}"
                     + (" (the page's own layout)" if layout else "")
                     + (", an item of the same list" if parallel else ""), confidence=ratio,
                     evidence={"first_line": first_line, "similarity": round(ratio, 3),
                               "threshold": params.min_ratio, "kind": match.kind.value,
                               **({"where": "a published page's own layout"} if layout else {}),
                               **({"list_items": True} if parallel else {})},
                     weak=layout or parallel)


# A headline this short may open a paragraph by chance ("Storm hits coast" / "Storm hits coast
# towns…"); a longer one run into the first words is the title printed again.
_RUN_IN_WORDS = 5


# A caption or a paragraph this long printed again at the start of a later paragraph and run
# into its words ("…at the center of the Milky Way.The black hole at the center of our
# galaxy…"): a scraper that read the picture's caption twice. The first this many are kept.
_OPENER_WORDS = 8
_MAX_OPENERS = 200


def _glued(earlier, seg) -> bool:
    """The earlier line printed again and glued to the paragraph's words without a space
    ("…the Milky Way.The black hole…"): a scraper that read a caption twice glues it, where a
    writer may open a closing paragraph with the sentence that opened the story, as a
    refrain, and a caption may quote the story's sentence that a paragraph goes on from."""
    words = earlier.text.split()
    tokens = list(itertools.islice(re.finditer(r"\S+", seg.text), len(words)))
    return len(tokens) == len(words) and tokens[-1].group() != words[-1] and tokens[-1].group().startswith(words[-1])


def _printed_again(article: Article, earlier, seg, n: int) -> Hit:
    """The headline, a caption or a paragraph printed again at the start of a later paragraph
    and run into its words ("Judge Orders Government to Reinstate Program A federal judge on
    Friday…": a scraper that read both the page's title and the article joined them). `n`:
    the earlier line's words."""
    words = list(itertools.islice(re.finditer(r"\S+", seg.text), n))
    end = seg.start + words[-1].end() if len(words) == n else seg.end
    line = article.line(earlier)
    headline = earlier.kind is Kind.HEADLINE
    what = "headline" if headline else "caption" if earlier.kind is Kind.CAPTION else "paragraph"
    into = "the story's first words" if headline else "its words"
    return Hit(seg.start, end, f"This paragraph opens with the {what} on line {line}, printed again "
               f"and run into {into}", confidence=1.0,
               evidence={"first_line": line, "kind": earlier.kind.value,
                         "run_into": seg.text[end - seg.start:][:60].strip()},
               weak=published_page(article))


RULE = Rule(id="duplicate", doc=__doc__, params=Params, check=check, needs_embeddings=False)
