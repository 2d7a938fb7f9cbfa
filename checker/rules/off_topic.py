"""A body paragraph from another story.

## What it flags
A paragraph far less similar to the rest of the body than the body's paragraphs are to each
other: its similarity to the centre of the *other* paragraphs is low in absolute terms and an
outlier for this article (a z-score against its siblings), and it is set in a country the
rest of the story never names. Short title-shaped lines inside the story (subheads) are scored on their
own features (`line_weights`): similarity to the body and the share of their words it uses,
which catches another story's headline or caption dropped mid-article. Needs at least
`min_paragraphs` body paragraphs to judge.

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

import statistics
from dataclasses import dataclass
from typing import Iterator, Mapping

from checker.context import Context
from checker.features import location_places, place_conflict, place_evidence, term_coverage
from checker.model import Article, Hit, Kind, Rule
from checker.score import check_weights, probability

FEATURES = ("centroid_similarity", "outlier_z", "place_conflict")
LINE_FEATURES = ("centroid_similarity", "best_similarity", "term_coverage")


@dataclass(frozen=True)
class Params:
    weights: Mapping[str, float]
    line_weights: Mapping[str, float]
    min_probability: float
    min_paragraphs: int
    min_words: int

    def __post_init__(self) -> None:
        check_weights(self.weights, FEATURES, "off-topic")
        check_weights(self.line_weights, LINE_FEATURES, "off-topic (line_weights)")


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    body = [s for s in article.body if len(s.text.split()) >= params.min_words]
    if len(body) < params.min_paragraphs:
        return
    yield from _lines(article, ctx, params)
    sims = {s.index: ctx.body_match(s, leave_out=True).centroid for s in body}
    for seg in body:
        others = [v for k, v in sims.items() if k != seg.index]
        mean, spread = statistics.fmean(others), statistics.pstdev(others) or 0.05
        # Clipped: past three spreads below its siblings a paragraph is no more off-topic.
        z = max((sims[seg.index] - mean) / max(spread, 0.05), -3.0)
        places = location_places(ctx, seg)
        features = {"centroid_similarity": sims[seg.index], "outlier_z": z,
                    "place_conflict": place_conflict(ctx, places, left_out=seg)}
        p, contributions = probability(features, params.weights)
        if p < params.min_probability:
            continue
        yield Hit.on(seg, f"Paragraph looks spliced in from another story (similarity to the "
                          f"rest of the body {sims[seg.index]:.2f}, typical {mean:.2f})",
                     confidence=p,
                     evidence={"similarity": round(sims[seg.index], 3), "body_mean_similarity": round(mean, 3),
                               "outlier_z": round(z, 2), "min_probability": params.min_probability,
                               **place_evidence(ctx, places, "paragraph"), "features": contributions})


def _lines(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    """Short title-shaped lines inside the story: a subhead about the story shares its words
    and meaning; another story's headline or caption shares neither."""
    body_text = "\n".join(s.text for s in article.body)
    for seg in article.of(Kind.SUBHEAD):
        match = ctx.body_match(seg)
        coverage, missing = term_coverage(seg.text, body_text)
        features = {"centroid_similarity": match.centroid, "best_similarity": match.best,
                    "term_coverage": coverage}
        p, contributions = probability(features, params.line_weights)
        if p >= params.min_probability:
            yield Hit.on(seg, f"Line inside the story looks like another story's headline or caption "
                              f"(similarity to the body {match.centroid:.2f})", confidence=p,
                         evidence={"similarity": round(match.centroid, 3), "best_similarity": round(match.best, 3),
                                   "term_coverage": round(coverage, 3), "missing_terms": missing,
                                   "min_probability": params.min_probability, "features": contributions})


RULE = Rule(id="off-topic", doc=__doc__, params=Params, check=check, needs_embeddings=True)
