"""Text damaged by extraction: glued words, a credit glued to its caption, mojibake, lost characters (`�`), a story cut off mid-quotation, HTML debris.

## What it flags
- words glued together where markup between them was dropped: `Lebanon'sHezbollah`,
  `PresidentEmmanuel`, `ElectionCould`, a link's text run into "to", "of" or "at" before it
  (`ofVirat`), a missing space after a full stop, a closing quotation
  mark or a bracket (`weather.CreditKirsten`, `said."Andrew`, `bill.”“Additionally`,
  `estimate.A`, `2.55%.More`, `(Jane Doe/AP)After`), two
  lower-case words run together (`contributes tothat`, `productionwas suspended`: a string no
  web page writes as a word, made of a function word and a common word, or two function
  words, `ofthe`);
- a photo credit glued to its caption (`REUTERS/…/HandoutA view shows …`);
- mojibake, UTF-8 decoded as Windows-1252 (`donâ€™t`) or Latin-1, confirmed and repaired by
  ftfy;
- the replacement character `�` (U+FFFD) where a character was lost before checker read the
  text (`Qur�an`): checker decodes strictly, so it was in the file; the original is gone;
- contractions that lost their apostrophes (`didnt`, `theyre`: words from `contractions`,
  none a word without its apostrophe), one finding for the article; twice, or once in a text
  with no apostrophe left (a quoted post may spell "dont" so);
- a picture's credit in brackets inside a paragraph, the story's text going on after it (`…
  in Boston. (Photo by Jane Roe/Getty Images) Two young women…`: a caption run into the
  text), and a page's script left in a paragraph (two signs of it or more: `window.googletag
  =`, `function() {`), one finding a paragraph, in plain text and Markdown;
- a story cut off inside a quotation: its last paragraph ends in a quotation it opened, with
  no mark that ends a sentence (`He said, “We`, a feed's excerpt cut at a word limit);
- leftover HTML entities or tags (`&amp;nbsp;`, `<br>`), what is left of a character
  reference that lost its `&` (`itR#8217;s`, which a page shows for `it&#82#8217;s`), and a
  character written as its escape inside a word (`don\u2019t`, `don\xe2\x80\x99t`: text
  escaped twice, or saved in Python's notation for bytes).
Camel-case names (McDonald, iPhone, YouTube, DeSantis) are not glue: a name is left alone
when it is in `allow`, starts with a name prefix, or is itself a common word in the
wordsegment unigram counts (a web-scale frequency list); and two capitalised words made one
(`TechRadar`, `FlyDubai`) are a brand unless the first is a label or a title (`CreditJane`,
`PresidentEmmanuel`) or the second opens a sentence (`TriumphIn`, `HandoutA`). A camel-cased
word used twice in an article is a name, and so is one whose second part is a single capital
other than "A" or "I" (`WebP`, `PBoC`) and, on an HTML page, one that is the whole text of a
link (a business response service "TalkTo" linked to its site). On an HTML page, a lower-case
word run into a capitalised one (`wiredTiger`, `getUserMedia`) is not said: the reader keeps
the page's elements apart, so the publisher wrote the word so, a name of code or a product.
Hashtags, handles and the names in web addresses (`#BlackLivesMatter`, `@BreakingNews`,
`SmartAsset.com`) are joined on purpose.
Three notes at info severity say what could not be judged: a file with no story paragraphs, or
a web page with a scrap of fewer than 15 words of them ("No article body found": a story a
script fills in is not in the page's HTML); one past the segmenter's limit of 5,000
paragraphs, whose first 5,000 are judged and the rest left out; and a story that does not
read as English (under 8 % of its first words common English words, `checker/language.py`),
on which the rules that read English — `headline-mismatch`, `caption-mismatch`,
`unrelated-trailer`, `off-topic` — are not run: a Spanish caption's "Sala de espera" is a town
in Morocco to an English gazetteer (`date-inconsistency` still runs: "14/03/2016" is a date in
any language).

## Why it matters
Glued words and mojibake are the visible trace of a broken scrape: readers and search
engines see them, and they hide the boundaries between the story and whatever was glued on.

## Example
Bad:

    Syria's army, spearheaded by Lebanon'sHezbollah, took the town.

Good:

    Syria's army, spearheaded by Lebanon's Hezbollah, took the town.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from checker.context import Context
from checker.model import Article, Hit, Kind, Rule, Segment
from checker.rules._evidence import has_story

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Words that open a sentence or a caption far more often than they end a brand name.
_OPENERS = frozenset("""a an the in on at as by for from to of and but or if when while after
before during he she it we they i you his her its their our this that these those there here
what who why how where residents officials police people could would should might must was
were has had says said""".split())
# A page's labels and a person's titles, glued to what they label when the markup between is
# dropped ("CreditJane", "PresidentEmmanuel").
_LABELS = frozenset("""credit credits photo photos image picture caption video watch listen
read related more see also source sources advertisement sponsored share updated published
follow""".split()) | frozenset("""president minister secretary governor senator mayor king queen
prince princess judge chief general director chairman chairwoman sir dr mr mrs ms""".split())
# (a quotation mark may close the sentence or open the next, or both: 'the mayor said."Andrew',
# "a relief.”It", 'bill.”“Additionally'; the next may be "I" or "A": 'field.“I think'; a word
# of three letters may be a name's: "Milky Way.The", one of two a word of its own: "grew
# up.Using"; a figure may end on a percent sign)
_STOP_GLUE = re.compile(r"(?:(?<=[a-z]{3})|(?<=[A-Z][a-z]{2})|(?<=\s[a-z]{2})|(?<=%))[.!?][\"”’“]{0,2}(?=[A-Z][a-z]|[AI]\s)"
                        r"|(?<=\d)[.!?][\"”’“]{0,2}(?=[A-Z][a-z])")
_MAX_TAGS_COUNTED = 1000
_ONE_LETTER = re.compile(r"[AI]\s")
# Prepositions a link's text is run into when the space before the link is lost; no brand
# opens on one ("inDrive" does on "in", which is left out).
_GLUED_PREPOSITIONS = frozenset({"to", "of", "at"})
_EMAIL = re.compile(r"[\w.+-]@[\w-]+\.[\w.-]")
# A bracket closed and a word run into it: "(Jane Doe/AP)After the vote", "(10-7)The Rams"
_BRACKET_GLUE = re.compile(r"\)(?=[A-Z][a-z]{2})")
_MOJIBAKE = re.compile(r"(?:[ÃÂâ][\u0080-\u00bf€™œžŸ˜šŠ‚„…†‡ˆ‰‹›\u201c\u201d\u2018\u2019\u2013\u2014\u2022]+)+")
_REPLACEMENT = re.compile("\ufffd+")
_C1 = re.compile("[\u0080-\u009f]")
_MAX_LINES_LISTED = 20
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# What is left of a character reference that lost its "&" ("it&#82#8217;s" shows as
# "itR#8217;s", "it#8217;s"): a number of three digits or more between "#" and ";" run into a
# word, which no writer sets ("ranked #10; the next" has no letter against it).
_BROKEN_REFERENCE = re.compile(r"(?<=[A-Za-z])#x?\d{3,6};|(?<![&\w])#x?\d{3,6};(?=[A-Za-z])")
# A character written as its escape inside a word, by a scraper that escaped the text twice
# (JSON's "don\u2019t") or saved it as Python bytes ("don\xe2\x80\x99t"): within a word, not
# the escape a programmer's post quotes on its own ("the \u2019 escape").
_ESCAPED = re.compile(r"(?<=[A-Za-z])(?:\\u[0-9a-fA-F]{4}|(?:\\x[0-9a-fA-F]{2})+)(?=[A-Za-z])")
# (pattern, evidence kind, what it is, why: "{}" is the match)
_ESCAPE_DEBRIS = (
    (_ESCAPED, "escape sequence", "Escape sequence left",
     "the text was escaped twice, or saved as the bytes' notation"),
    (_BROKEN_REFERENCE, "broken character reference", "Broken character reference",
     "an HTML “&{}” that lost its “&”"),
)
# Written joined on purpose: hashtags, handles and the names in web addresses.
_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|io|co|tv|news|info|ai|app|uk|de|fr)\b", re.I)
_TAG = re.compile(r"</?(?:p|div|span|br|a|strong|em|b|i|img|figure|figcaption|iframe|script|style)\b[^<>]{0,200}>", re.I)
# Extraction glues a few words into one, not dozens: past this many lower-to-upper joins a
# token ("AaAaAa…", a hash) is not read further, as each join tested re-reads the token
# (a 4.9 MB word of 2.4 million joins never finished).
_MAX_CUTS = 10


@dataclass(frozen=True)
class Params:
    allow: tuple[str, ...]
    name_prefixes: tuple[str, ...]
    min_known_word_count: float
    # words that a lower-case pair run together holds ("to" in "tothat", "was" in
    # "productionwas"), and how common on the web the other word must be
    function_words: tuple[str, ...]
    min_common_word_count: float
    check_html: bool
    # contractions that are no word without their apostrophe ("didnt", "theyre")
    contractions: tuple[str, ...]


@lru_cache(maxsize=2)
def _known_words(min_count: float) -> frozenset[str]:
    """Words seen at least `min_count` times on the web, from wordsegment's unigram counts.

    Only the unigram file is read, and only down to the threshold (the file runs from the most
    frequent word down): wordsegment's own loader also parses its bigrams, 70 MB of Python
    objects in every audit worker."""
    import wordsegment

    known = set()
    with open(wordsegment.Segmenter.UNIGRAMS_FILENAME, encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.partition("\t")
            if float(count) < min_count:
                break
            known.add(word)
    return frozenset(known)


def _lower_glue(token: str, params: Params) -> int | None:
    """Where two lower-case words run together split ("tothat": 2, "productionwas": 10), or
    None: a string no web page writes as a word that is a function word and a common word
    (or two function words: "ofthe", which careless pages write often enough to count)."""
    if not _MIN_LOWER_GLUE <= len(token) <= _MAX_LOWER_GLUE or not token.isascii() or not token.islower():
        return None
    function = _as_set(params.function_words)
    common = _known_words(params.min_common_word_count)
    known = token in _known_words(params.min_known_word_count)
    for cut in range(2, len(token) - 1):
        left, right = token[:cut], token[cut:]
        if left in function and right in function:
            return cut
        if not known and (left in function and len(right) >= _MIN_GLUED_WORD and right in common or
                          right in function and len(left) >= _MIN_GLUED_WORD and left in common):
            return cut
    return None


@lru_cache(maxsize=4)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


_MIN_LOWER_GLUE = 5
# Two words run together are short; a longer run of letters is no pair (and each cut tested
# copies the token: a run of a million letters must not cost a million copies).
_MAX_LOWER_GLUE = 40
_MIN_GLUED_WORD = 4  # "areole" is no "are" + "ole", "birther" no "birt" + "her"


def _is_glue(token: str, cut: int, params: Params) -> bool:
    left, right = token[:cut], token[cut:]
    if token in params.allow or token.rstrip("s'’") in params.allow:
        return False
    if any(left == p or left.startswith(p) and len(left) <= len(p) + 1 for p in params.name_prefixes):
        return False
    if left in _GLUED_PREPOSITIONS and len(right) >= 3 and not right.isupper():
        return True  # "ofVirat", "toOnlinekhabar": a link's text run into the word before it
    if len(left) < 3 or left[:1].islower() and len(left) <= 2:
        return False  # iPhone, eBay
    if len(right) == 1 and right not in "AI":
        return False  # WebP, ChatGPT's kin: no other letter is a word that opens a line
    if left[:1].islower() and right.isupper():
        return False  # collectSPACE, a brand's styling: a line's next word opens on one capital
    known = _known_words(params.min_known_word_count)
    if re.sub(r"['’]", "", token).lower() in known:
        return False  # YouTube, PlayStation, MacArthur are words of the web
    possessive = left.endswith(("'s", "’s"))
    if left[:1].isupper() and not possessive and len(right) > 1 and right.lower() not in _OPENERS \
            and left.lower() not in _LABELS:
        # "TechRadar", "FlyDubai", "PlymouthLive": two capitalised words made one is how
        # brands are written. Extraction glues a line's end to the next one's start: a
        # lower-case word ("floodwatersResidents"), a possessive ("Lebanon'sHezbollah"), a
        # word that opens a sentence ("TriumphIn", "HandoutA") or a page's label before
        # what it labels ("CreditJane", "RelatedApple").
        return False
    return re.sub(r"['’]s$", "", left).lower() in known or possessive


def _glued_boundaries(article: Article) -> list[int]:
    """Offsets where a credit segment runs straight into its caption."""
    segs = article.segments
    return [a.end for a, b in zip(segs, segs[1:])
            if a.kind is Kind.CREDIT and b.kind is Kind.CAPTION and a.end == b.start] + \
           [b.start for a, b in zip(segs, segs[1:])
            if a.kind is Kind.CAPTION and b.kind is Kind.CREDIT and "glued" in b.note]


class _Words:
    """The words (runs without white space) of a text, found once: the word around an offset
    is a bisection, not a walk over the word from each of its glues (a 270 KB word of 30,000
    glued pairs took minutes), and whether a word is a web address is decided once."""

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self._web: dict[int, bool] = {}
        self._linked: dict[int, bool] = {}

    def around(self, at: int) -> tuple[int, int]:
        """The word holding offset `at` or ending at it; (at, at) between words."""
        i = bisect.bisect_right(self.starts, at) - 1
        return (self.starts[i], self.ends[i]) if i >= 0 and at <= self.ends[i] else (at, at)

    def web_address(self, at: int) -> bool:
        """Whether the word around `at` is a web address, with or without its scheme
        ("https://…", "www.…", "pic.twitter.com/2Ur09qccLI")."""
        s, e = self.around(at)
        if s not in self._web:
            word = self.text[s:e]
            self._web[s] = "://" in word or "www." in word.lower() or ("/" in word and bool(_DOMAIN.search(word)))
        return self._web[s]

    def link_or_code(self, at: int) -> bool:
        """Whether the word around `at` is an address (a web page's or an e-mail's,
        "Jane.Doe@example.com") or a qualified name ("java.util.List;"), where a full stop
        before a capital is no sentence glued to the next."""
        s, e = self.around(at)
        if s not in self._linked:
            word = self.text[s:e]
            self._linked[s] = "://" in word or "www." in word or bool(_QUALIFIED.search(word)) \
                or bool(_EMAIL.search(word))
        return self._linked[s]


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    # A page whose story is not in its HTML (filled in by a script, or inside <noscript>) reads
    # as a scrap of a few words: that is no story either.
    body_words = sum(len(s.text.split()) for s in article.body)
    if article.segments and not has_story(article):
        # A gallery, an index or a page of links: said plainly, never a silent PASS.
        kinds = sorted({s.kind.value for s in article.segments})
        found = f" (only {body_words} word{'s' if body_words != 1 else ''} of it)" if article.body else ""
        yield Hit.on(article.segments[0], "No article body found: nothing here reads as the "
                     f"story's paragraphs{found} (a gallery, an index, a page of links, a paywall, or a story a "
                     "script fills in?)",
                     confidence=1.0, evidence={"kind": "no article body", "segment_kinds": kinds,
                                               "body_words": body_words},
                     weak=True)
    if article.body and has_story(article) and not ctx.english:
        share, n = ctx.english_share
        yield Hit.on(article.body[0], f"The story does not read as English (only {share:.0%} of its first {n:,} "
                     "words are common English words): the checks that read English (headline, captions, "
                     "trailing headlines, off-topic paragraphs) were not run",
                     confidence=1.0, evidence={"kind": "not English", "english_share": round(share, 3),
                                               "words": n}, weak=True)
    if article.left_out:
        last = article.segments[-1]
        yield Hit.on(last, f"Too long to judge whole: checker read its first {len(article.segments):,} "
                     f"paragraphs and left {article.left_out:,} more out (a story has a few hundred)",
                     confidence=1.0, evidence={"kind": "too long", "judged_segments": len(article.segments),
                                               "left_out": article.left_out}, weak=True)
    text = article.source.text
    words = _Words(text)
    boundaries = set(_glued_boundaries(article))
    for at in sorted(boundaries):
        s, e = words.around(at)
        yield Hit(s, e, f"Photo credit glued to its caption: “{text[s:at]}” + “{text[at:e]}”",
                  confidence=0.95, evidence={"kind": "credit glued to caption",
                                             "credit_ends": text[s:at], "caption_starts": text[at:e]})
    # Extraction glues two words by accident, once; a name written as one word ("AirPods",
    # a charity's "HopeWorks") recurs: a camel-cased word used twice is a name.
    names = {t for t, n in Counter(t for s in article.segments if s.kind is not Kind.OTHER
                                   for t in _TOKEN.findall(s.text)).items() if n >= 2}
    # On a page, a word that is a link's whole text is one the publisher marked as one thing.
    names |= article.source.meta.get("link_words", frozenset())
    for seg in article.segments:
        if seg.kind is not Kind.OTHER:  # page furniture is the page's, not the article's
            yield from _in_segment(seg, words, boundaries, params, article.source.format, names)
    yield from _replacement_characters(article, words)
    yield from _dropped_apostrophes(article, frozenset(w.lower() for w in params.contractions))
    yield from _cut_off(article)


# A contraction written bare by the writer of a post ("I dont know") is quoted once; a scraper
# that drops apostrophes drops them all: twice, or once in a text with no apostrophe left.
_APOSTROPHES = re.compile("['’]")
_BARE_CONTRACTION = re.compile(r"(?<![#@/\w.'’-])[A-Za-z]{4,8}(?![\w'’@-]|\.\w)")


def _dropped_apostrophes(article: Article, contractions: frozenset[str]) -> Iterator[Hit]:
    """One finding for the article, at the first contraction that lost its apostrophe."""
    found: list[tuple[int, int]] = []
    for seg in article.segments:
        if seg.kind is Kind.OTHER:
            continue
        for m in _BARE_CONTRACTION.finditer(seg.text):
            if m.group().lower() in contractions:
                found.append((seg.start + m.start(), seg.start + m.end()))
    text = article.source.text
    if not found or len(found) < 2 and _APOSTROPHES.search(text):
        return
    (s, e), more = found[0], len(found) - 1
    shown = sorted({text[a:b] for a, b in found}, key=lambda w: text.index(w))[:4]
    also = f" ({len(found)} in the article: {', '.join(f'“{w}”' for w in shown)})" if more else ""
    yield Hit(s, e, f"Apostrophe lost: “{text[s:e]}”{also} — the extraction dropped the apostrophes of "
                    "contractions", confidence=0.9,
              evidence={"kind": "apostrophes dropped", "count": len(found),
                        "words": [text[a:b] for a, b in found[:10]],
                        "lines": sorted({article.source.position(a)[0] for a, _ in found})[:_MAX_LINES_LISTED]})


# A quotation opened and never closed, at the very end of the story's last paragraph, with no
# mark that ends a sentence: "He said, “We" (a feed's excerpt cut at a word limit, its "Read
# more…" link after it).
_SENTENCE_CLOSE = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$|[\"”’»)\]]\s*$")
_CUT_WORDS = 12  # the end quoted in the message


def _cut_off(article: Article) -> Iterator[Hit]:
    """The story's last paragraph ending inside a quotation it opened: the story is cut off."""
    if not article.body:
        return
    last = article.body[-1]
    text = last.text.rstrip()
    if _SENTENCE_CLOSE.search(text) or not _open_quote(text):
        return
    end = " ".join(text.split()[-_CUT_WORDS:])
    yield Hit(last.start, last.start + len(text),
              "The story is cut off: its last paragraph stops inside a quotation it opened, with no "
              "sentence's end", confidence=0.9, evidence={"kind": "cut off", "ends": end})


def _open_quote(text: str) -> bool:
    """A quotation the prose opens and never closes ("He said, “We", "…, she said: "The"): the
    last opening mark, “ or a straight quote, has no closing one after it and follows a comma
    or a colon, as a quotation introduced in a sentence does (not a line that is all quote,
    "\"Questions? Comments? Email us at", whose address the page links)."""
    at = max(text.rfind("“"), text.rfind('"'))
    if at <= 0 or "”" in text[at:] or text.count('"') % 2 == 0 and text[at] == '"':
        return False
    # A straight quote opens after a space and before a word ('said, "We'); one against the
    # comma before it closes ('ahead," said Felicia Marcus'), whatever the count of the others.
    if text[at] == '"' and (not text[at - 1].isspace() or text[at + 1:at + 2].isspace()):
        return False
    before = text[:at].rstrip()
    return before.endswith((",", ":"))


def _replacement_characters(article: Article, words: "_Words") -> Iterator[Hit]:
    """One finding for the article, at the first word holding "\ufffd": a text whose quotes
    were all lost in one bad decoding has one cause, not a finding in every paragraph."""
    text = article.source.text
    broken: list[tuple[int, int]] = []
    for seg in article.segments:
        if seg.kind is Kind.OTHER:
            continue
        for m in _REPLACEMENT.finditer(seg.text):
            s, e = words.around(seg.start + m.start())
            if not broken or s >= broken[-1][1]:
                broken.append((s, max(e, seg.start + m.end())))
    if not broken:
        return
    (s, e), more = broken[0], len(broken) - 1
    also = f" and {more} more word{'s' if more > 1 else ''} in the article" if more else ""
    lines: list[int] = []
    for a, _ in broken:
        line = article.source.position(a)[0]
        if not lines or line != lines[-1]:
            lines.append(line)
            if len(lines) == _MAX_LINES_LISTED:
                break
    yield Hit(s, e, f"Broken character: “{text[s:e]}”{also} hold{'s' if not more else ''} the replacement "
                    "character “\ufffd”: a character was lost when the text was decoded, before checker read it",
              confidence=0.95, evidence={"kind": "replacement character", "count": len(broken),
                                         "words": [text[a:b] for a, b in broken[:10]],
                                         "lines": lines})


def _on_the_web(words: _Words, start: int, end: int) -> bool:
    """A hashtag, a handle, or a name in a web address (with or without its scheme:
    "pic.twitter.com/2Ur09qccLI")."""
    text = words.text
    return text[start - 1: start] in ("#", "@") or bool(_DOMAIN.match(text, end)) or words.web_address(start)


# Code quoted in an article: a qualified name ("java.util.List;", "de.l3s.boilerpipe") is
# no sentence glued to the next, and a name called or reached through a dot or a tag
# ("images.get(0).getSrc()", "<artifactId>xercesImpl<") no two words glued.
# A figure is no name: "$482.95.GameStop" is a price run into the next sentence.
_QUALIFIED = re.compile(r"(?<![\w$])(?:[A-Za-z_]|\$(?!\d))[\w$]*(?:\.[\w$]+){2,}")
_CODE_BEFORE = frozenset(".>_$@")
_CODE_AFTER = frozenset("(<_[")


def _in_code(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _CODE_BEFORE) or (end < len(text) and text[end] in _CODE_AFTER)


def _in_segment(seg: Segment, words: _Words, boundaries: set[int], params: Params, fmt: str,
                names: set[str]) -> Iterator[Hit]:
    text, own = words.text, None
    for m in _TOKEN.finditer(seg.text):
        token = m.group()
        cuts = [c.start() for c, _ in zip(_CAMEL.finditer(token), range(_MAX_CUTS))]
        lower = None if cuts else _lower_glue(token, params)
        if not cuts and lower is None or token in names or _in_code(seg.text, m.start(), m.end()):
            continue
        own = own or _Words(seg.text)  # the segment's own words: a caption may open mid-word
        if _on_the_web(own, m.start(), m.end()):
            continue
        if lower is not None:
            s, e = seg.start + m.start(), seg.start + m.end()
            yield Hit(s, e, f"Words glued together: “{token}” (missing space: “{token[:lower]} {token[lower:]}”)",
                      confidence=0.9, evidence={"kind": "glued words", "token": token,
                                                "suggestion": f"{token[:lower]} {token[lower:]}"})
            continue
        for cut in cuts:
            at = seg.start + m.start() + cut
            if at in boundaries or not _is_glue(token, cut, params):
                continue
            # On a page the reader keeps the publisher's elements apart, so a word glued
            # inside one is how the publisher wrote it: a lower-case word run into a
            # capitalised one there is a name of code or a product ("wiredTiger",
            # "getUserMedia"), not said.
            if fmt == "html" and token[:1].islower():
                break
            s, e = seg.start + m.start(), seg.start + m.end()
            yield Hit(s, e, f"Words glued together: “{token}” (missing space: “{token[:cut]} {token[cut:]}”)",
                      confidence=0.9, evidence={"kind": "glued words", "token": token,
                                                "suggestion": f"{token[:cut]} {token[cut:]}"})
            break
    for glue, after, kind in ((_STOP_GLUE, "a sentence", "missing space after full stop"),
                              (_BRACKET_GLUE, "a bracket", "missing space after a bracket")):
        for m in glue.finditer(seg.text):
            at = seg.start + m.end()
            if at in boundaries:
                continue
            # (on a page, "years.<span class='br'></span>A series": a break the page's style
            # draws, which the reader cannot see; a word of one letter after a full stop is
            # said in plain text only)
            if fmt == "html" and _ONE_LETTER.match(text, at):
                continue
            s, e = words.around(at)
            if words.link_or_code(at):
                continue
            yield Hit(s, e, f"Missing space after {after}: “{text[s:e]}”", confidence=0.8,
                      evidence={"kind": kind, "token": text[s:e]})
    reported: set[int] = set()
    for m in _MOJIBAKE.finditer(seg.text):
        import ftfy

        s, e = words.around(seg.start + m.start())
        e = max(e, seg.start + m.end())
        if s in reported:
            continue  # two broken characters in one word ("HÃ©lÃ¨ne") are one finding
        reported.add(s)
        fixed = ftfy.fix_encoding(text[s:e])
        if fixed != text[s:e]:
            # (control characters of the C1 range left in: the bytes were read as Latin-1, whose
            # code page leaves them, where Windows-1252 makes them "€™")
            page = "Latin-1" if _C1.search(text[s:e]) else "Windows-1252"
            yield Hit(s, e, f"Mojibake (UTF-8 read as {page}): “{text[s:e]}” should read “{fixed}”",
                      confidence=0.95, evidence={"kind": "mojibake", "token": text[s:e], "suggestion": fixed})
    if params.check_html:
        for m in _ENTITY.finditer(seg.text):
            s, e = seg.start + m.start(), seg.start + m.end()
            yield Hit(s, e, f"HTML entity left in the text: “{m.group()}”", confidence=0.9,
                      evidence={"kind": "html entity", "token": m.group()})
        for pattern, kind, what, why in _ESCAPE_DEBRIS:
            for m in pattern.finditer(seg.text):
                s, e = words.around(seg.start + m.start())
                e = max(e, seg.start + m.end())
                yield Hit(s, e, f"{what} in the text: “{text[s:e]}” ({why.format(m.group())})",
                          confidence=0.9, evidence={"kind": kind, "token": text[s:e]})
        if fmt != "html" and seg.kind is Kind.BODY:
            yield from _inline_credit(seg)
            yield from _script(seg)
        if fmt != "md":  # Markdown may hold HTML on purpose
            # (one finding a paragraph: a scrape that kept its markup keeps it everywhere)
            tags = list(itertools.islice(_TAG.finditer(seg.text), _MAX_TAGS_COUNTED))
            if tags:
                first = tags[0]
                s, e = seg.start + first.start(), seg.start + first.end()
                kinds = list(dict.fromkeys(m.group()[:40] for m in tags))
                more = f" and {len(tags) - 1} more{'+' if len(tags) == _MAX_TAGS_COUNTED else ''} " \
                       f"({', '.join(f'“{k}”' for k in kinds[1:4])}{', …' if len(kinds) > 4 else ''})" \
                    if len(tags) > 1 else ""
                yield Hit(s, e, f"HTML tag left in the text: “{first.group()[:40]}”{more}", confidence=0.9,
                          evidence={"kind": "html tag", "token": first.group()[:80], "count": len(tags)})


# A picture's credit in brackets with the story's text going on after it: "… rally in Boston.
# (Photo by Jane Roe/The Daily Planet via Getty Images) Two young women are driving…". A
# caption ends on its credit; one inside a paragraph is a caption the scrape ran into the text.
_INLINE_CREDIT = re.compile(r"\((?:AP Photo/|Photo by |Photo: |Image: |Picture: |Photo credit: )[^()\n]{3,100}\)"
                            r"(?=\s*[(\w\"“])")
# Script a scrape kept from the page: "window.googletag = window.googletag || {cmd: []};
# googletag.cmd.push(function() {". Two signs of it in one paragraph (a story about code
# quotes one).
_SCRIPT = re.compile(r"\b(?:window|document)\.\w+\s*(?:=(?!=)|\()|\bfunction\s*\([^()]{0,40}\)\s*\{|"
                     r"\bgoogletag\.\w+|\bvar\s+\w+\s*=\s*[\w\[{(\"']|\}\);")
_SCRIPT_SIGNS = 2


def _inline_credit(seg: Segment) -> Iterator[Hit]:
    """One finding a paragraph, at the first picture credit with the story's text after it."""
    m = _INLINE_CREDIT.search(seg.text)
    if m and seg.text[m.end():].strip():
        yield Hit(seg.start + m.start(), seg.start + m.end(),
                  f"Picture credit inside the paragraph: “{m.group()[:80]}”: a caption was run into the story's text",
                  confidence=0.85, evidence={"kind": "caption run into text", "token": m.group()[:100]})


def _script(seg: Segment) -> Iterator[Hit]:
    """One finding a paragraph that holds the page's script."""
    signs = list(itertools.islice(_SCRIPT.finditer(seg.text), 50))
    if len(signs) >= _SCRIPT_SIGNS:
        first = signs[0]
        yield Hit(seg.start + first.start(), seg.start + first.end(),
                  f"Script code left in the text: “{first.group()[:40]}” and {len(signs) - 1} more sign"
                  f"{'s' if len(signs) > 2 else ''} of it", confidence=0.9,
                  evidence={"kind": "script", "token": first.group()[:80], "count": len(signs)})


RULE = Rule(id="extraction-artifact", doc=__doc__, params=Params, check=check, needs_embeddings=False)
