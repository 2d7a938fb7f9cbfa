"""What the scored rules share: their thresholds and the skeleton they run.

Their weights are fitted, not set by hand: they live in rules/classifiers.json (see
checker/classifier.py); each rule's YAML keeps the two probabilities a newsroom tunes. A
scored rule declares a Scorer (its candidates and the features it measures on each) and a
`describe` that says, for a candidate the classifier flags, what to tell the editor and with
what evidence; `scored_hits` does the rest, the same way for every one of them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from checker.model import Article, Hit, Rule, Scorer, Segment, Severity

if TYPE_CHECKING:
    from checker.context import Context


@dataclass(frozen=True)
class ScoreParams:
    min_probability: float      # at or above: the rule's severity
    report_probability: float   # between this and min_probability: info
    # The scorer's `fixed` features -> log-odds weight, set by judgement in the rule's YAML:
    # a refit can never change them (config checks the names against the scorer).
    judged_weights: Mapping[str, float]

    def __post_init__(self) -> None:
        if not 0.0 <= self.report_probability <= self.min_probability <= 1.0:
            raise ValueError("need 0 <= report_probability <= min_probability <= 1")
        bad = [k for k, v in self.judged_weights.items() if not math.isfinite(v)]
        if bad:
            raise ValueError(f"judged_weights.{bad[0]} must be a finite number")


@dataclass(frozen=True)
class Candidate:
    """One candidate as its scored rule saw it: what `describe` turns into a message and
    evidence."""
    article: Article
    ctx: Context
    segment: Segment
    facts: Any                          # what the rule's measure found (a Mapping or its facts)
    probability: float
    contributions: Mapping[str, float]  # each feature's push on the log-odds, for "driven by"
    params: ScoreParams


Describe = Callable[[Candidate], tuple[str, dict]]


def feature_values(facts: Any) -> Mapping[str, float]:
    """The features of what a measure returned: a mapping, or facts with `features()`."""
    return facts if isinstance(facts, Mapping) else facts.features()


def scored_hits(article: Article, ctx: Context, params: ScoreParams, scorer: Scorer,
                describe: Describe, facts: Callable[..., Any] | None = None,
                cap: Callable[[Candidate], Severity | None] | None = None) -> Iterator[Hit]:
    """The skeleton every scored rule runs. Each of the scorer's candidates is measured
    (`facts`, else the scorer's own measure) and scored by the scorer's fitted classifier;
    from `report_probability` up the rule describes it, and it is a hit, weak (reported as
    info) below `min_probability`."""
    classifier = ctx.classifier(scorer.name).judged(params.judged_weights)
    for segment in scorer.candidates(article):
        found = (facts or scorer.measure)(article, ctx, segment)
        p, contributions = classifier.score(feature_values(found))
        if p < params.report_probability:
            continue
        candidate = Candidate(article, ctx, segment, found, p, contributions, params)
        message, evidence = describe(candidate)
        yield Hit.on(segment, message, confidence=p, evidence=evidence, weak=p < params.min_probability,
                     cap=cap(candidate) if cap else None)


def scored_rule(rule_id: str, doc: str, params: type, scorer: Scorer, describe: Describe,
                facts: Callable[..., Any] | None = None,
                cap: Callable[[Candidate], Severity | None] | None = None,
                after: Callable[[Article, Context, list[Hit], Any], Iterable[Hit]] | None = None) -> Rule:
    """The Rule of a scored rule: its check is the skeleton over its scorer. `after` sees the
    article's hits together, for what one candidate alone cannot tell (a gallery of several
    captions, a block of trailing headlines), with the context the candidates were scored in."""
    def check(article: Article, ctx: Context, p: ScoreParams) -> Iterator[Hit]:
        if not ctx.english:  # the model and the cues read English (extraction-artifact says so)
            return iter(())
        hits = scored_hits(article, ctx, p, scorer, describe, facts, cap)
        return hits if after is None else iter(after(article, ctx, list(hits), p))

    return Rule(id=rule_id, doc=doc, params=params, check=check, needs_embeddings=True,
                scorers=(scorer,))
