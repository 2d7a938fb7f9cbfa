"""A headline the body does not support.

## What it flags
A headline about something the body never reports: another event, another place. The score
combines the headline's similarity to the body's centre and to its best-matching sentence,
the share of the headline's content words the body uses, and headline places (cities,
regions) that the body never names. A low score still yields an info finding, so the
confidence ranks every article.

## Why it matters
A swapped or scraped headline misinforms readers who only read headlines, and it is what
search engines and social cards show.

## Example
Bad:

    Drone Shows Fighters Flee Al-Qaim City

    Syria's army captured Albu Kamal on Wednesday…

Good:

    Syrian Army Captures Albu Kamal, Islamic State's Last Syrian Stronghold

    Syria's army captured Albu Kamal on Wednesday…
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from checker.context import Context
from checker.features import place_evidence, term_coverage
from checker.model import Article, Hit, Kind, Rule
from checker.score import ScoreParams, probability

@dataclass(frozen=True)
class Params(ScoreParams):
    FEATURES = ("centroid_similarity", "best_similarity", "term_coverage", "missing_place")
    RULE = "headline-mismatch"


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    head = article.headline
    if head is None or not article.body:
        return
    body_text = "\n".join(s.text for s in article.body)
    folded_body = body_text.casefold()
    match = ctx.body_match(head)
    coverage, missing_terms = term_coverage(head.text, body_text)
    places = [p for p in ctx.places(head) if p.kind in ("city", "region")]
    missing_places = [p for p in places if p.name.casefold() not in folded_body
                      and not any(q.name == p.name or q.country == p.country and q.kind != "country"
                                  and q.name.casefold() == p.name.casefold()
                                  for s in article.body for q in ctx.places(s))]
    features = {"centroid_similarity": match.centroid, "best_similarity": match.best,
                "term_coverage": coverage, "missing_place": 1.0 if missing_places else 0.0}
    p, contributions = probability(features, params.weights)
    if p < params.report_probability:
        return
    if missing_places:
        names = ", ".join(f"{q.name} ({q.country_name})" for q in missing_places)
        message = f"Headline names {names}, which the body never mentions"
    elif p >= params.min_probability:
        message = f"Headline is not supported by the body (similarity {match.centroid:.2f})"
    else:
        message = f"Headline may not be fully supported by the body (similarity {match.centroid:.2f})"
    if missing_terms:
        message += f"; unsupported words: {', '.join(missing_terms[:6])}"
    evidence = {"similarity": round(match.centroid, 3), "best_similarity": round(match.best, 3),
                "min_probability": params.min_probability, "term_coverage": round(coverage, 3),
                "missing_terms": missing_terms, **place_evidence(ctx, places, "headline"),
                "features": contributions}
    if match.best_sentence is not None:
        evidence["compared_with"] = {"line": article.line(match.best_sentence),
                                     "text": match.best_sentence.text[:160]}
    yield Hit.on(head, message, confidence=p, evidence=evidence, weak=p < params.min_probability)


RULE = Rule(id="headline-mismatch", doc=__doc__, params=Params, check=check, needs_embeddings=True)
