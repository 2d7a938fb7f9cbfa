"""Fitted linear classifiers of the scored rules, read from a plain JSON file.

`rules/classifiers.json` holds, for each scorer of the scored rules, one weight per named feature and a bias:
the probability is the logistic of `bias + sum(weight * feature)`. The weights were fitted by
`checker train` (logistic regression, then Platt-calibrated on held-out folds and folded
back in), so a finding's confidence is a calibrated probability and its evidence can list each
feature's contribution. A feature's contribution is `weight * (value - reference)`, the
reference being its mean over the training examples: what sets this line apart from a
typical one, so the features that raised a flag come out positive. JSON rather than a pickle:
a newsroom can read, diff and review it.
"""
from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from checker.model import Rule, Scorer
from checker.shipped import rules_dir

# The registry's scorers, passed in by whoever assembled it: name -> (rule, scorer).
Scorers = Mapping[str, tuple[Rule, Scorer]]
FORMAT = "checker.classifiers/1"
DEFAULT_FILE = "classifiers.json"


class ParamsError(ValueError):
    """A classifiers file is missing, malformed, or fitted for other features."""


@dataclass(frozen=True)
class Classifier:
    name: str                      # the scorer it serves (a rule id, or e.g. "off-topic/lines")
    weights: Mapping[str, float]   # feature -> weight, in the feature's own units
    bias: float
    info: Mapping[str, Any] = field(default_factory=dict)  # how it was fitted, held-out figures
    reference: Mapping[str, float] = field(default_factory=dict)  # feature -> typical value

    def judged(self, weights: Mapping[str, float]) -> "Classifier":
        """This classifier with the weights set by judgement (a rule's YAML) in force."""
        if all(self.weights.get(k) == w for k, w in weights.items()):
            return self
        return Classifier(self.name, {**self.weights, **weights}, self.bias, self.info, self.reference)

    def score(self, values: Mapping[str, float]) -> tuple[float, dict[str, float]]:
        """Probability, and each feature's contribution to the log-odds against a typical
        example (a file without references measures from zero)."""
        contributions = {k: round(w * (float(values[k]) - self.reference.get(k, 0.0)), 3)
                         for k, w in self.weights.items()}
        z = self.bias + sum(self.weights[k] * float(values[k]) for k in self.weights)
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0))), contributions


@dataclass(frozen=True)
class Classifiers:
    by_name: Mapping[str, Classifier]
    origin: str
    meta: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Classifier:
        try:
            return self.by_name[name]
        except KeyError:
            raise ParamsError(f"{self.origin}: no classifier named {name!r}") from None


def default_path() -> Path:
    return rules_dir() / DEFAULT_FILE


def for_rules(origin: str | Path, scorers: Scorers, path: Path | None = None) -> Classifiers:
    """`path` (--params) if given, else classifiers.json beside the rules in use (a
    --rules-dir may carry its own), else the shipped file."""
    if path is None:
        beside = Path(origin) / DEFAULT_FILE
        path = beside if beside.is_file() else None
    return load(scorers, path)


def load(scorers: Scorers, path: Path | None = None) -> Classifiers:
    """Read and validate a classifiers file against the features `scorers` (the registry's
    scorer name -> (rule, scorer)) compute now."""
    path = Path(path) if path else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParamsError(f"{path}: file missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParamsError(f"{path}: cannot read classifiers: {exc}") from None
    return from_dict(data, str(path), scorers)


def from_dict(data: Any, origin: str, scorers: Scorers) -> Classifiers:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ParamsError(f"{origin}: not a classifiers file (expected \"format\": \"{FORMAT}\")")
    entries = data.get("classifiers")
    if not isinstance(entries, dict):
        raise ParamsError(f"{origin}: 'classifiers' must be a mapping of scorer name to classifier")
    unknown = sorted(set(entries) - set(scorers))
    if unknown:
        raise ParamsError(f"{origin}: classifiers.{unknown[0]}: no such scorer "
                          f"(scorers: {', '.join(scorers)})")
    out = {}
    for name, (_, scorer) in scorers.items():
        where = f"{origin}: classifiers.{name}"
        entry = entries.get(name)
        if not isinstance(entry, dict):
            raise ParamsError(f"{where}: missing")
        weights = entry.get("weights")
        if not isinstance(weights, dict) or set(weights) != set(scorer.features):
            got = sorted(weights) if isinstance(weights, dict) else weights
            raise ParamsError(f"{where}.weights: fitted for features {got}, but this version of "
                              f"checker computes {list(scorer.features)}; refit with `checker train`")
        reference = entry.get("reference", {})
        if not isinstance(reference, dict) or not set(reference) <= set(scorer.features):
            raise ParamsError(f"{where}.reference: must map some of the features "
                              f"{list(scorer.features)} to their typical values")
        bad = [k for k, v in {**weights, **reference, "bias": entry.get("bias")}.items()
               if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)]
        if bad:
            raise ParamsError(f"{where}: {bad[0]} must be a finite number")
        out[name] = Classifier(name, {k: float(weights[k]) for k in scorer.features},
                               float(entry["bias"]), dict(entry.get("trained", {})),
                               {k: float(v) for k, v in reference.items()})
    return Classifiers(out, origin, {k: v for k, v in data.items() if k != "classifiers"})


def load_base(path: Path | None = None) -> Classifiers | None:
    """Whatever a classifiers file holds, leniently: entries for scorers and features this
    version no longer has are dropped, so a refit keeps the weights set by judgement."""
    path = Path(path) if path else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["classifiers"]
        out = {name: Classifier(name, {k: float(v) for k, v in e["weights"].items()}, float(e["bias"]))
               for name, e in entries.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Classifiers(out, str(path))


def average(fits: Sequence[Mapping[str, Classifier]]) -> dict[str, Classifier]:
    """Each scorer's classifier averaged over fits of the same features to different draws of
    training data (bagging: a linear model's mean weights give its mean log-odds). The
    held-out figures are the fits' means."""
    out = {}
    for name, first in fits[0].items():
        each = [fit[name] for fit in fits]
        held = [c.info.get("held_out", {}) for c in each]
        info = {**first.info, "averaged_over": len(each),
                "held_out": {k: round(statistics.fmean(h[k] for h in held), 4) if k != "folds" else v
                             for k, v in held[0].items()}}
        out[name] = Classifier(name, {k: statistics.fmean(c.weights[k] for c in each) for k in first.weights},
                               statistics.fmean(c.bias for c in each), info,
                               {k: statistics.fmean(c.reference[k] for c in each) for k in first.reference})
    return out


def to_dict(classifiers: Mapping[str, Classifier], meta: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        **meta,
        "classifiers": {
            name: {"bias": round(c.bias, 4),
                   "weights": {k: round(v, 4) for k, v in c.weights.items()},
                   **({"reference": {k: round(v, 4) for k, v in c.reference.items()}}
                      if c.reference else {}),
                   "trained": dict(c.info)}
            for name, c in classifiers.items()
        },
    }


def dump(classifiers: Mapping[str, Classifier], meta: Mapping[str, Any], path: Path) -> None:
    from checker import atomic

    text = json.dumps(to_dict(classifiers, meta), indent=2, ensure_ascii=False) + "\n"
    atomic.write(path, lambda out: out.write(text))
