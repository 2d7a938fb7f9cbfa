"""rules/*.yml (+ user overrides) -> each rule's enabled flag, severity and Params. Strict.

Every rule has one YAML file `rules/<rule-id>.yml` with exactly the keys `enabled`,
`severity` and `params`; `params` must hold exactly the fields of the rule's Params
dataclass. An unknown or missing key is an error naming the file and the key, so a typo in
a threshold can never silently fall back to a default (there are none).
"""
from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from checker.model import Outlets, Rule, Scorer, Severity
from checker.shipped import load_yaml, rules_dir

SEGMENTER_FILE = "segmenter.yml"
OUTLETS_FILE = "outlets.yml"


class ConfigError(ValueError):
    """A configuration file or value is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class RuleConfig:
    rule: Rule
    enabled: bool
    severity: Severity
    params: Any


@dataclass(frozen=True)
class Config:
    rules: tuple[RuleConfig, ...]
    segmenter: Any
    origin: str

    def enabled(self) -> tuple[RuleConfig, ...]:
        return tuple(rc for rc in self.rules if rc.enabled)

    @property
    def scorers(self) -> dict[str, tuple[Rule, Scorer]]:
        """Every fitted classifier's name -> (the rule it serves, its scorer), of the rules
        this configuration was built for."""
        return {s.name: (rc.rule, s) for rc in self.rules for s in rc.rule.scorers}

    @property
    def judged_weights(self) -> dict[str, Mapping[str, float]]:
        """Each scorer's weights set by judgement (its rule's YAML), which a refit keeps."""
        return {s.name: getattr(rc.params, "judged_weights", {})
                for rc in self.rules for s in rc.rule.scorers}

    def get(self, rule_id: str) -> RuleConfig:
        for rc in self.rules:
            if rc.rule.id == rule_id:
                return rc
        raise KeyError(rule_id)


def _coerce(value: Any, kind: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ConfigError(f"{where}: expected a finite number, got {value!r}")
        return float(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected text, got {value!r}")
        return value
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        (item,) = {a for a in typing.get_args(kind) if a is not Ellipsis}
        return tuple(_coerce(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if origin in (dict, Mapping, typing.Mapping) or kind is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {value!r}")
        args = typing.get_args(kind)
        vt = args[1] if args else Any
        return types.MappingProxyType(
            {str(k): (v if vt is Any else _coerce(v, vt, f"{where}.{k}")) for k, v in value.items()}
        )
    return value


# Settings whose name says they are a share or a probability lie in [0, 1]; every other
# number (a count of words or days, a threshold in words) is at least 0. Declared by name so
# that a new rule's Params get the check without anyone remembering it.
_UNIT_WORDS = ("probability", "confidence", "ratio", "similarity", "weight")


def _check_range(name: str, value: Any, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if any(word in name for word in _UNIT_WORDS):
        if not 0.0 <= value <= 1.0:
            raise ConfigError(f"{where}: expected a value from 0 to 1, got {value!r}")
    elif value < 0:
        raise ConfigError(f"{where}: expected 0 or more, got {value!r}")


def _exact_keys(data: Mapping[str, Any], keys: typing.Sequence[str], where: str) -> None:
    """Strict: an unknown or a missing key is an error naming the file and the key."""
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(keys)})")
    missing = [k for k in keys if k not in data]
    if missing:
        raise ConfigError(f"{where}: missing key {missing[0]!r}")


def build_params(cls: type, raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of parameters")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    _exact_keys(raw, names, where)
    values = {n: _coerce(raw[n], hints[n], f"{where}.{n}") for n in names}
    for n in names:
        _check_range(n, values[n], f"{where}.{n}")
    try:
        return cls(**values)
    except ConfigError:
        raise
    except ValueError as exc:  # the params' own checks: an order of thresholds, a bad pattern
        raise ConfigError(f"{where}: {exc}") from None


def check_param(cls: type, name: str, value: Any, where: str) -> None:
    """Type-check one field of a Params dataclass on its own, for partial overrides."""
    _check_range(name, _coerce(value, typing.get_type_hints(cls)[name], where), where)


def read_yaml(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file missing") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, expected a YAML file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def rule_settings(params_cls: type, data: Mapping[str, Any], where: str) -> tuple[bool, Severity, Any]:
    """A rule file's `enabled`, `severity` and `params`, strictly (also caption-reuse's)."""
    unknown = sorted(set(data) - {"enabled", "severity", "params"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: enabled, severity, params)")
    for key in ("enabled", "severity", "params"):
        if key not in data:
            raise ConfigError(f"{where}: missing key {key!r}")
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise ConfigError(f"{where}.severity: {exc}") from None
    return (_coerce(data["enabled"], bool, f"{where}.enabled"), severity,
            build_params(params_cls, data["params"], f"{where}.params"))


def read_outlets(path: Path) -> Outlets:
    """outlets.yml, strictly."""
    data = read_yaml(path)
    _exact_keys(data, ("outlets", "credit_agencies", "photo_only"), str(path))
    names = data["outlets"]
    if not isinstance(names, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and v and all(isinstance(f, str) and f for f in v)
            for k, v in names.items()):
        raise ConfigError(f"{path}.outlets: expected outlet name -> non-empty list of how it is written")
    lists = {k: _coerce(data[k], tuple[str, ...], f"{path}.{k}") for k in ("credit_agencies", "photo_only")}
    return Outlets(tuple((k, tuple(v)) for k, v in names.items()), lists["credit_agencies"],
                   frozenset(lists["photo_only"]))


def _rule_config(rule: Rule, data: Mapping[str, Any], where: str, outlets: Outlets) -> RuleConfig:
    if any(f.name == "outlets" for f in dataclasses.fields(rule.params)):
        # The rule reads outlets.yml, handed over rather than typed into its own file.
        data = {**data, "params": {**(data.get("params") or {}), "outlets": outlets}}
    enabled, severity, params = rule_settings(rule.params, data, where)
    judged = getattr(params, "judged_weights", None)
    fixed = {f for s in rule.scorers for f in s.fixed}
    if judged is not None and set(judged) != fixed:
        raise ConfigError(f"{where}.params.judged_weights: needs exactly "
                          f"{sorted(fixed) or 'no features'}, got {sorted(judged)}")
    return RuleConfig(rule=rule, enabled=enabled, severity=severity, params=params)


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load(directory: Path | None = None,
         overrides: Mapping[str, Mapping[str, Any]] | None = None,
         override_origin: str = "overrides") -> Config:
    """Read every rule's YAML from `directory`, then apply per-rule overrides on top."""
    from checker.rules import RULES
    from checker.segment_vocabulary import SegmenterParams

    directory = directory or rules_dir()
    if not directory.is_dir():
        raise ConfigError(f"{directory}: not a folder of rule files"
                          + (" (no such folder)" if not directory.exists() else ""))
    overrides = dict(overrides or {})
    known = {r.id for r in RULES}
    stray = sorted(set(overrides) - known)
    if stray:
        raise ConfigError(f"{override_origin}: unknown rule {stray[0]!r}")
    outlets = read_outlets(directory / OUTLETS_FILE)
    configs = []
    for rule in RULES:
        path = directory / f"{rule.id}.yml"
        data = _merge(read_yaml(path), overrides.get(rule.id, {}))
        where = str(path) if rule.id not in overrides else f"{path} + {override_origin}"
        configs.append(_rule_config(rule, data, where, outlets))
    seg_path = directory / SEGMENTER_FILE
    seg = read_yaml(seg_path)
    if isinstance(seg.get("vocabulary"), dict):
        seg["vocabulary"] = {**seg["vocabulary"], "agency": list(outlets.credit_agencies),
                             "outlet": [w for _, written in outlets.names for w in written]}
    segmenter = build_params(SegmenterParams, seg, str(seg_path))
    return Config(rules=tuple(configs), segmenter=segmenter, origin=str(directory))
