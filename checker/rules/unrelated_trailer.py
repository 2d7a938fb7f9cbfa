"""Headlines of other stories appended after the end of the article.

## What it flags
Related-story headlines that a scraper kept after the story's last paragraph: title-shaped
lines (short, capitalised, no closing full stop) that follow the body, or in plain text a
run of consecutive headline lines set apart from the story's blank-line paragraphs, when
they are not about the story. The score combines the line's similarity to the body's centre
and to its best-matching sentence, the share of its content words the body uses, where the
line is set against where the story is, and its shape (a numbered list item or a full
sentence is more likely the story's own last lines). The weights are fitted
(`rules/classifiers.json`, `checker train`). A trailing line about the story itself (a
"read more" link to a follow-up) is reported at info only, unless it sits in one block of
title lines with another story's headline: a scraper appends related headlines as a block,
and a close-topic one ("Monsoon floods strand thousands in Assam" under a Bangladesh flood
story) is flagged with its block. A web page whose story paragraphs come to fewer than 15
words (its story filled in by a script, its menu read in its place) has no story for a trailer
to follow: nothing is judged, and `extraction-artifact` says no article body was found. On a
page, a headline after the story that the markup links to another page is the publisher's own
list of links ("Editor's recommendations"), which `boilerplate` notes: a scraper's glued
headlines have lost their links with the page.

## Why it matters
Trailing headlines read as part of the article, put claims from other stories under this
story's byline, and confuse anything that summarises or indexes the text.

## Example
Bad:

    …the council will vote again in March.

    Storm knocks out power across the Maritimes
    Ten best cheap eats downtown

Good:

    …the council will vote again in March.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

from checker.context import Context
from checker.features.places import location_places, place_conflict
from checker.features.shape import shape
from checker.features.terms import term_coverage
from checker.model import Article, Hit, Kind, Scorer, Segment
from checker.rules._evidence import has_story, place_evidence
from checker.score import Candidate, ScoreParams, scored_rule

FEATURES = ("centroid_similarity", "best_similarity", "term_coverage", "place_conflict",
            "list_item", "sentence_end", "title_case")


@dataclass(frozen=True)
class Params(ScoreParams):
    pass


def candidates(article: Article) -> tuple[Segment, ...]:
    return article.of(Kind.RELATED) if has_story(article) else ()


def measure(article: Article, ctx: Context, seg: Segment) -> dict[str, float]:
    match = ctx.body_match(seg)
    body_text = ctx.body_text
    form = shape(seg.text)
    return {"centroid_similarity": match.centroid, "best_similarity": match.best,
            "term_coverage": term_coverage(seg.text, body_text)[0],
            "place_conflict": place_conflict(ctx, location_places(ctx, seg)),
            "list_item": form["list_item"], "sentence_end": form["sentence_end"],
            "title_case": form["title_case"]}


def describe(c: Candidate) -> tuple[str, dict]:
    ctx, seg, params = c.ctx, c.segment, c.params
    match = ctx.body_match(seg)
    places = location_places(ctx, seg)
    _, missing = term_coverage(seg.text, ctx.body_text)
    message = (f"Headline of another story appended after the article "
               f"(similarity to the body {match.centroid:.2f})")
    evidence = {"similarity": round(match.centroid, 3), "best_similarity": round(match.best, 3),
                "min_probability": params.min_probability, "position": "after the last paragraph",
                "term_coverage": round(c.facts["term_coverage"], 3), "missing_terms": missing,
                **place_evidence(ctx, places, "line"), "features": c.contributions}
    return message, evidence


SCORER = Scorer("unrelated-trailer", FEATURES, candidates, measure)


def _runs(article: Article) -> dict[int, int]:
    """Each trailing title line's run: consecutive title lines after the article, whether
    on consecutive lines or one per paragraph, share the index of the run's first."""
    runs: dict[int, int] = {}
    first = None
    for seg in article.segments:
        if seg.kind is Kind.RELATED:
            first = seg.index if first is None else first
            runs[seg.index] = first
        elif seg.text.strip():
            first = None
    return runs


def _with_its_run(article: Article, ctx: Context, hits: list[Hit], params: Params) -> Iterator[Hit]:
    """A scraper appends related headlines as a block: when one title line of a run after
    the article is another story's headline, a weaker one beside it in the same run is one
    too ("Who is Phil Foden's girlfriend…" under a line already flagged)."""
    by_start = {seg.start: seg for seg in article.of(Kind.RELATED)}
    runs = _runs(article)
    strong: dict[int, int] = {}
    for hit in hits:
        seg = by_start.get(hit.start)
        if seg is not None and not hit.weak:
            strong.setdefault(runs[seg.index], article.line(seg))
    for hit in hits:
        seg = by_start.get(hit.start)
        anchor = strong.get(runs[seg.index]) if seg is not None else None
        if hit.weak and anchor is not None:
            hit = replace(hit, weak=False, confidence=max(hit.confidence, params.min_probability),
                          message=hit.message.replace(" (similarity", f", in one block with line {anchor} (similarity", 1),
                          evidence={**hit.evidence, "in_a_block_with_line": anchor,
                                    "probability_alone": round(hit.confidence, 3)})
        yield hit


RULE = scored_rule("unrelated-trailer", __doc__, Params, SCORER, describe, after=_with_its_run)
