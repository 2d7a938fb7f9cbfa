"""Fitted linear classifiers of the scored rules, read from a plain JSON file.

`rules/classifiers.json` holds, for each scored rule, one weight per named feature and a bias:
the probability is the logistic of `bias + sum(weight * feature)`. The weights were fitted by
`checker train` (logistic regression, then Platt-calibrated on held-out folds and folded
back in), so a finding's confidence is a calibrated probability and its evidence can list each
feature's contribution. JSON rather than a pickle: a newsroom can read, diff and review it.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

FORMAT = "checker.classifiers/1"
DEFAULT_FILE = "classifiers.json"


class ParamsError(ValueError):
    """A classifiers file is missing, malformed, or fitted for other features."""


@dataclass(frozen=True)
class Classifier:
    rule: str
    weights: Mapping[str, float]   # feature -> weight, in the feature's own units
    bias: float
    info: Mapping[str, Any] = field(default_factory=dict)  # how it was fitted, held-out figures

    def score(self, values: Mapping[str, float]) -> tuple[float, dict[str, float]]:
        """Probability, and each feature's contribution to the log-odds."""
        contributions = {k: round(self.weights[k] * float(values[k]), 3) for k in self.weights}
        z = self.bias + sum(self.weights[k] * float(values[k]) for k in self.weights)
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0))), contributions


@dataclass(frozen=True)
class Classifiers:
    by_rule: Mapping[str, Classifier]
    origin: str
    meta: Mapping[str, Any] = field(default_factory=dict)

    def get(self, rule: str) -> Classifier:
        try:
            return self.by_rule[rule]
        except KeyError:
            raise ParamsError(f"{self.origin}: no classifier for rule {rule!r}") from None


def default_path() -> Path:
    from checker.config import rules_dir

    return rules_dir() / DEFAULT_FILE


def load(path: Path | None = None) -> Classifiers:
    """Read and validate a classifiers file against the features the rules compute now."""
    path = Path(path) if path else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParamsError(f"{path}: file missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParamsError(f"{path}: cannot read classifiers: {exc}") from None
    return from_dict(data, str(path))


def from_dict(data: Any, origin: str) -> Classifiers:
    from checker.rules import RULES

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ParamsError(f"{origin}: not a classifiers file (expected \"format\": \"{FORMAT}\")")
    entries = data.get("classifiers")
    if not isinstance(entries, dict):
        raise ParamsError(f"{origin}: 'classifiers' must be a mapping of rule id to classifier")
    scored = {r.id: r.scorer for r in RULES if r.scorer is not None}
    unknown = sorted(set(entries) - set(scored))
    if unknown:
        raise ParamsError(f"{origin}: classifiers.{unknown[0]}: not a scored rule "
                          f"(scored rules: {', '.join(scored)})")
    out = {}
    for rule, scorer in scored.items():
        where = f"{origin}: classifiers.{rule}"
        entry = entries.get(rule)
        if not isinstance(entry, dict):
            raise ParamsError(f"{where}: missing")
        weights = entry.get("weights")
        if not isinstance(weights, dict) or set(weights) != set(scorer.features):
            got = sorted(weights) if isinstance(weights, dict) else weights
            raise ParamsError(f"{where}.weights: fitted for features {got}, but this version of "
                              f"checker computes {list(scorer.features)}; refit with `checker train`")
        bad = [k for k, v in {**weights, "bias": entry.get("bias")}.items()
               if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)]
        if bad:
            raise ParamsError(f"{where}: {bad[0]} must be a finite number")
        out[rule] = Classifier(rule, {k: float(weights[k]) for k in scorer.features},
                               float(entry["bias"]), dict(entry.get("trained", {})))
    return Classifiers(out, origin, {k: v for k, v in data.items() if k != "classifiers"})


def to_dict(classifiers: Mapping[str, Classifier], meta: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        **meta,
        "classifiers": {
            rule: {"bias": round(c.bias, 4),
                   "weights": {k: round(v, 4) for k, v in c.weights.items()},
                   "trained": dict(c.info)}
            for rule, c in classifiers.items()
        },
    }


def dump(classifiers: Mapping[str, Classifier], meta: Mapping[str, Any], path: Path) -> None:
    text = json.dumps(to_dict(classifiers, meta), indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
