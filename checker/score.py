"""Thresholds shared by the scored rules. Their weights are fitted, not set by hand: they live
in rules/classifiers.json (see checker/classifier.py); each rule's YAML keeps the two
probabilities a newsroom tunes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoreParams:
    min_probability: float      # at or above: the rule's severity
    report_probability: float   # between this and min_probability: info

    def __post_init__(self) -> None:
        if not 0.0 <= self.report_probability <= self.min_probability <= 1.0:
            raise ValueError("need 0 <= report_probability <= min_probability <= 1")
