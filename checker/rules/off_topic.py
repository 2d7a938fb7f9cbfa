"""A body paragraph from another story.

## What it flags
A paragraph far less similar to the rest of the body than the body's paragraphs are to each
other: its similarity to the centre of the *other* paragraphs is low in absolute terms and an
outlier for this article (a z-score against its siblings), and it is set in a country the
rest of the story never names. Needs at least `min_paragraphs` body paragraphs to judge.

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
from checker.features import location_places, place_conflict, place_evidence
from checker.model import Article, Hit, Rule
from checker.score import check_weights, probability

FEATURES = ("centroid_similarity", "outlier_z", "place_conflict")


@dataclass(frozen=True)
class Params:
    weights: Mapping[str, float]
    min_probability: float
    min_paragraphs: int
    min_words: int

    def __post_init__(self) -> None:
        check_weights(self.weights, FEATURES, "off-topic")  # not a ScoreParams: no info band


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    body = [s for s in article.body if len(s.text.split()) >= params.min_words]
    if len(body) < params.min_paragraphs:
        return
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


RULE = Rule(id="off-topic", doc=__doc__, params=Params, check=check, needs_embeddings=True)
