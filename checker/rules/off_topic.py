"""A body paragraph, or a line inside the story, from another story.

## What it flags
A paragraph far less similar to the rest of the body than the body's paragraphs are to each
other, or a short line inside the story (a stray headline or an uncredited caption) that
shares neither its meaning nor its words. The score combines the paragraph's similarity to
the centre of the *other* paragraphs, how much of an outlier that is among its siblings (a
z-score), its closest neighbour and best-matching sentence, how much closer the paragraphs
either side are to each other than to it (a splice sits between two paragraphs that once ran
on), the share of its words the rest of the story uses, how much more it leans towards some
topic than the rest of the story does (held against a bank of news topics,
`checker/data/topics.yml`: a generic line such as "A decision is expected within days"
leans towards none, a line from another story towards its own), how close it is to one of
the stock lines of news copy (`checker/data/stock.yml`: "Further details were not
immediately released" is far from every story's subject and still the story's own), a
country the rest of the story never names, and its shape (title shape, the wording of photo
captions, whether it attributes, or leans on the text around it as a story's own short
paragraphs do: opening on "But" or "He", an aside in brackets).
Length is left out on purpose: the paragraph-sized splices it is trained on would teach it
that short lines are innocent, and most strays are short. The weights are fitted
(`rules/classifiers.json`, `checker train`). Needs at least five body paragraphs and lines
to judge: in a brief of four paragraphs the other three are too little to measure a
paragraph against (it shares few words and no close sentence with them however much it
belongs), so a brief is left alone, while a paragraph or line spliced into one makes five; and a story
needs three paragraphs of prose, or the rest of its body is too little to measure against.
ALL-CAPS section headings are page structure and are left alone, and so is a line of one
content word ("Who will use it", "What it costs"), which has no topic of its own to stray to, and so is a lead-in ending
on a colon ("Here's the timeline:"), which belongs to what follows, and a line more figures
and codes than words (a server's timing line, "Tot: 1.631s; cc: 37; qc: 193"), which is data
of no story. A paragraph a page sets
apart as a quotation (an epigraph, a poem or a statement in a `<blockquote>`) is quoted on
purpose and reported at info, however far it is from the story; so is a paragraph a page
sets wholly in italics, the desk's voice beside the story (an editor's note, the author's
bio, the house's own appeal); and so is a line of a list, three or more short lines in a row
in sentence case ("Can it be repaired?" / "Can it be upgraded?"), the story's own points as
a plain-text scrape sets them, a line apiece; and so is a line of an interview's transcript
whose speaker's label opens three of the story's lines or more ("JANE ROE: Could it have been
saved sooner?"); and so is a one-sentence line opening on "But",
"And", "Yet", "Or" or "Nor" ("But that might hold traps for the unwary, experts warn."), on
a demonstrative and its noun ("That fever has struck nationwide.") or on an ellipsis (a deck's
second line, "…accuse chiefs of taking bribes"), which goes on from the line before it as no
caption or headline does (none of the corpus's spliced captions and headlines opens so).
On a whole published page (HTML with the page around the story) the story's text is the
publisher's own as printed: a paragraph or line far from the rest of it on distance alone is
reported at info (a columnist's aside, a closing note, a reference list); one that names a
place in a country the story never names, or a paragraph of one sentence shaped as a headline
(a stray headline set among the paragraphs, not a heading of the page's own), stays what it
scored, unless the page links its words to another page: a line that is all a link ("<p><a
href='/news/…'>Trauma and sympathy shared online</a></p>") is the publisher's own link to
another of its stories, at info.

## Why it matters
Scrapers that cross a page boundary splice paragraphs of neighbouring stories into the
article; readers take them as part of the story.

## Example
Bad (in a story about a nurses' strike):

    The striker completed his medical in Lisbon before signing a four-year deal.

Good:

    Nurses at the city hospital walked out at 7 a.m. on Tuesday.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from checker.context import Context
from checker.features.places import location_places, place_conflict
from checker.features.shape import shape
from checker.features.terms import TermsWithout, content_terms, term_coverage
from checker.model import ITALIC, QUOTATION, Article, Hit, Kind, Scorer, Segment
from checker.rules._evidence import as_note, place_evidence, published_page
from checker.score import Candidate, ScoreParams, scored_rule
from checker.segment import LIST_ITEM, SHAPED_PARAGRAPH

FEATURES = ("centroid_similarity", "outlier_z", "best_similarity", "neighbour_similarity",
            "bridge", "term_coverage", "topic_shift", "stock_similarity", "place_conflict",
            "title_shaped", "caption_cues", "attributed", "leans_on_context")
# Fewer body paragraphs and lines, and "the rest of the body" is too little to judge against:
# in a four-paragraph brief an own paragraph shares few words and no close sentence with the
# other three, and reads as spliced (bench/short.py).
MIN_PARAGRAPHS = 5
MIN_BODY_PARAGRAPHS = 3
# "Who will use it", "What it costs": a subhead of one content word has no topic of its own
# to stray from the story's; another story's headline names a thing and what befell it.
MIN_TERMS = 2
MIN_WORDS = 4        # "Officials did not respond." resembles nothing; leave it alone
LINE_WORDS = 30      # a one-sentence paragraph shorter than this is a line, not a paragraph


@dataclass(frozen=True)
class Params(ScoreParams):
    pass


def _story_terms(ctx: Context) -> TermsWithout:
    """The headline's and body's terms, counted once per article (kept with the article's
    other facts in its Context)."""
    memo = ctx.__dict__.setdefault("_off_topic_terms", {})
    if "terms" not in memo:
        memo["terms"] = TermsWithout(s.text for s in ctx.article.of(Kind.HEADLINE, Kind.BODY))
    return memo["terms"]


def _judged(article: Article) -> tuple[Segment, ...]:
    # (a text of headings alone, with no paragraph of prose, has no story to stray from; nor
    # has one of a paragraph or two and a list of headings: "the rest of the body" is empty)
    if len(article.of(Kind.BODY, Kind.SUBHEAD)) < MIN_PARAGRAPHS or len(article.body) < MIN_BODY_PARAGRAPHS:
        return ()
    return tuple(s for s in article.of(Kind.BODY, Kind.SUBHEAD)
                 if len(s.text.split()) >= MIN_WORDS and len(content_terms(s.text)) >= MIN_TERMS
                 and not shape(s.text)["all_caps"]
                 and not s.text.rstrip().endswith(":") and _mostly_words(s.text))


# Possessive: the closing marks share ' ’ . with the word, and a token of a million quotes
# must fail at once rather than try every split between the two.
_WORD = re.compile(r"[\"“‘'(\[]*+[A-Za-z][A-Za-z'’.-]*+[\"”’'),.;:!?\]]*+")


def _mostly_words(text: str) -> bool:
    """Half its tokens words or more: a line of figures and codes ("Tot: 1.631s; cc: 37;
    qc: 193; …", a server's timing line) is data, no story's paragraph nor another's."""
    tokens = text.split()
    return 2 * sum(1 for t in tokens if _WORD.fullmatch(t)) >= len(tokens)


# A transcript's speaker label opening a line: "JANE ROE: …", "Q: …", "Omar Haddad: …".
_SPEAKER = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s")
_TRANSCRIPT_LINES = 3


def _speakers(article: Article) -> Counter:
    """How many of the story's lines each speaker label opens."""
    return Counter(m.group(1) for s in article.of(Kind.BODY, Kind.SUBHEAD) if (m := _SPEAKER.match(s.text)))


def _title_shaped(seg: Segment) -> bool:
    """A subhead, or a line of a subhead's shape that the page set as a paragraph: a stray
    headline is shaped so whatever element it sits in."""
    return seg.kind is Kind.SUBHEAD or seg.note == SHAPED_PARAGRAPH


def _stray_headline(ctx: Context, seg: Segment) -> bool:
    """A paragraph of one sentence shaped as a headline, on a page: "Red flag. Or perhaps,
    white?", an author's aside in two, is none, and nor is a heading the page sets as one
    ("<h4>A second important thing</h4>", the author's own, run on in the next paragraph)."""
    return seg.note == SHAPED_PARAGRAPH and ctx.sentence_count(seg) <= 1


def _is_line(ctx: Context, seg: Segment) -> bool:
    """A subhead, or a one-sentence paragraph short enough to be a caption or a headline."""
    if seg.kind is Kind.SUBHEAD:
        return True
    return ctx.sentence_count(seg) <= 1 and len(seg.text.split()) < LINE_WORDS


def _spread(ctx: Context, seg: Segment) -> tuple[float, float, float]:
    """(similarity to the rest of the body, its siblings' mean, z-score among them)."""
    sims = ctx.paragraph_similarities
    own = sims[seg.index] if seg.index in sims else ctx.body_match(seg).centroid
    mean, spread = ctx.similarity_spread_without(seg)
    spread = spread or 0.05
    # Clipped: past three spreads below its siblings a paragraph is no more off-topic.
    return own, mean, max((own - mean) / max(spread, 0.05), -3.0)


def measure(article: Article, ctx: Context, seg: Segment) -> dict[str, float]:
    own, _, z = _spread(ctx, seg)
    form = shape(seg.text)
    rest = _story_terms(ctx).without(seg.text if seg.kind in (Kind.HEADLINE, Kind.BODY) else None)
    return {"centroid_similarity": own, "outlier_z": z,
            "best_similarity": ctx.body_match(seg, leave_out=True).best,
            "neighbour_similarity": ctx.neighbour_similarity(seg),
            "bridge": ctx.bridge(seg),
            "term_coverage": term_coverage(seg.text, rest)[0],
            "topic_shift": ctx.topic_shift(seg).value,
            "stock_similarity": ctx.stock_match(seg)[0],
            "place_conflict": place_conflict(ctx, location_places(ctx, seg), left_out=seg),
            "title_shaped": 1.0 if _title_shaped(seg) else 0.0,
            "caption_cues": form["caption_cues"], "attributed": form["attributed"],
            "leans_on_context": form["leans_on_context"]}


TOPIC_NAMED_FROM = 0.15
_PROSE_LINE_WORDS = 12
# A line opening on a conjunction or an ellipsis goes on from the line before it.
_CONTINUES = re.compile(r"[\"“‘']?(But\b|And\b|Yet\b|Nor\b|Or\b|…|\.\.\.)")
# "That fever has struck nationwide.": a demonstrative and its noun point back to the line
# before; "This week in markets", "This photo shows…" point at a time or a picture instead.
_POINTS_BACK = re.compile(r"[\"“‘']?((?:That|This|These|Those) (?!(?:photo|image|picture|video|handout|file|"
                          r"week|year|month|weekend|morning|afternoon|evening|summer|winter|spring|autumn|fall|"
                          r"season|time|is|are|was|were|will|would|could|can|may)\w*\b)[a-z]+)\b")


def _stock_evidence(ctx: Context, seg: Segment) -> dict:
    similarity, line = ctx.stock_match(seg)
    # Past this a stock line is what the line resembles; below, naming one would mislead.
    return {"stock_line": line, "stock_similarity": round(similarity, 3)} if similarity >= 0.5 else {}


def _topic_evidence(topic) -> dict:
    # A line barely closer to any topic than the story is leans towards none in a reader's
    # eyes: "wildlife" for a line about a port's backlog of ships is noise, not evidence.
    if topic.line < TOPIC_NAMED_FROM:
        return {}
    return {"leans_towards": topic.topic, "topic_similarity": round(topic.line, 3),
            "story_topic_similarity": round(topic.story, 3)}


def describe(c: Candidate) -> tuple[str, dict]:
    ctx, seg, params = c.ctx, c.segment, c.params
    own, mean, z = _spread(ctx, seg)
    places = location_places(ctx, seg)
    topic = ctx.topic_shift(seg)
    # (a sentence of a dozen words or more that attributes, "The company said customers'
    # bills would not rise…", reads as a paragraph of prose, whatever its length)
    prose = shape(seg.text)["attributed"] and len(seg.text.split()) >= _PROSE_LINE_WORDS
    what = "Line inside the story looks like another story's headline or caption" \
        if _is_line(ctx, seg) and not prose else "Paragraph looks spliced in from another story"
    return (f"{what} (similarity to the rest of the body {own:.2f}, typical {mean:.2f})",
            {"similarity": round(own, 3), "body_mean_similarity": round(mean, 3),
             "outlier_z": round(z, 2), "min_probability": params.min_probability,
             **_topic_evidence(topic), **_stock_evidence(ctx, seg),
             **place_evidence(ctx, places, "paragraph", seg), "features": c.contributions})


SCORER = Scorer("off-topic", FEATURES, _judged, measure)


def _notes(article: Article, ctx: Context, hits: list[Hit], params: Params) -> Iterator[Hit]:
    """A paragraph the page sets apart as a quotation (an epigraph, a statement, a poem in a
    <blockquote>) is quoted on purpose, however far from the story: a note. So is one it sets
    wholly in italics, the desk's voice beside the story (an editor's note, the author's bio,
    the house's appeal to bookmark its site), and a line of a list of the story's points.
    On a published page, so is one far from the story on distance alone, and a line whose words
    are all a link to another page (the publisher's own link to another story)."""
    by_start = {seg.start: seg for seg in article.segments}
    page = published_page(article)
    speakers = _speakers(article)
    # A page that sets its whole story in italics sets nothing apart by them.
    aside = 2 * sum(seg.note == ITALIC for seg in article.body) < len(article.body)
    for hit in hits:
        seg = by_start.get(hit.start)
        note = seg.note if seg is not None else None
        opener = (_CONTINUES.match(seg.text) or _POINTS_BACK.match(seg.text)) \
            if seg is not None and _is_line(ctx, seg) else None
        if opener:
            # "But that might hold traps for the unwary, experts warn.": a line that goes on
            # from the one before it is the story's; no caption or headline opens so.
            hit = as_note(hit, f"; it opens on “{opener.group(1)}”, going on from the line before",
                          continues=opener.group(1))
        elif seg is not None and (speaker := _SPEAKER.match(seg.text)) and speakers[speaker.group(1)] >= _TRANSCRIPT_LINES:
            # "JANE ROE: Could it have been saved sooner?": a line of an interview's
            # transcript, its speaker named as in the story's other lines, is the story's.
            hit = as_note(hit, f"; a line of a transcript, its speaker {speaker.group(1)} named on "
                               f"{speakers[speaker.group(1)] - 1} other line(s)", speaker=speaker.group(1))
        elif note == QUOTATION:
            hit = as_note(hit, "; a quotation the page sets apart", quotation=True)
        elif aside and note == ITALIC:
            hit = as_note(hit, "; a note the page sets in italics beside the story", italic=True)
        elif note == LIST_ITEM:
            hit = as_note(hit, "; one of several short lines in a row, a list of the story's points",
                          list_item=True)
        elif page and seg is not None and seg.start in article.source.meta.get("linked", ()):
            # "<p><a href='/news/world-asia-china-34674393'>Trauma and sympathy shared
            # online</a></p>": a line the page links to another of its stories is its own link
            # to that story, set in the story by the publisher, not another story's line spliced in.
            hit = as_note(hit, "; a link the page sets in the story to another page", where="a published page's own link")
        elif page and not hit.weak and seg is not None and not _stray_headline(ctx, seg) and \
                hit.evidence.get("features", {}).get("place_conflict", 0.0) <= 0:
            hit = as_note(hit, "; on the publisher's own page, on distance alone",
                          where="a published page's own story text")
        yield hit


RULE = scored_rule("off-topic", __doc__, Params, SCORER, describe, after=_notes)
