"""A readable linear score: named features times weights from YAML, squashed to a probability.

The weights live in rules/<rule>.yml so a newsroom can read and refit them; each finding's
evidence lists the contributions, so a reader sees which facts drove the decision.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Mapping


def check_weights(weights: Mapping[str, float], features: tuple[str, ...], rule: str) -> None:
    expected = {"bias", *features}
    if set(weights) != expected:
        extra = sorted(set(weights) - expected)
        missing = sorted(expected - set(weights))
        detail = f"unknown weight {extra[0]!r}" if extra else f"missing weight {missing[0]!r}"
        raise ValueError(f"{rule}: {detail} (features: {', '.join(features)})")


def probability(features: Mapping[str, float], weights: Mapping[str, float]) -> tuple[float, dict]:
    """Logistic of bias + sum(weight * feature); also each feature's contribution."""
    contributions = {k: round(weights[k] * v, 3) for k, v in features.items()}
    z = weights["bias"] + sum(contributions.values())
    p = 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
    return p, contributions


@dataclass(frozen=True)
class ScoreParams:
    """Settings of a scored rule; subclasses name their FEATURES."""

    FEATURES: ClassVar[tuple[str, ...]] = ()
    RULE: ClassVar[str] = ""

    weights: Mapping[str, float]
    min_probability: float      # at or above: the rule's severity
    report_probability: float   # between this and min_probability: info

    def __post_init__(self) -> None:
        check_weights(self.weights, self.FEATURES, self.RULE)
