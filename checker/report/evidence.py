"""Evidence in words: one short line per fact, for people rather than programs.

Rules share a few conventions for evidence keys, and these are written out specially:

- `*_places`: [{"name", "country", "country_name"}] -> "caption places: Sabratha, Libya → Libya"
- `*_dates`: ISO dates -> "caption dates: 19 Feb 2016"
- `similarity`, `*_similarity` (with `threshold`, `*_threshold`) -> "similarity 0.21 (threshold
  0.35)"
- `compared_with`: {"line", "text"} -> 'compared with line 7: "Syria's army and its…"'
- `features`: {name: contribution} -> "driven by: place_conflict +2.10, date_gap +0.50" and
  "held back by: body_similarity −0.80" (what pushed towards the flag, and against it)
- `matched`: str -> 'matched: "The Iraq Report is a weekly feature at The New Arab."'

Anything else reads `key: value`, floats with two decimals, lists joined with ", " and nested
dicts flattened to `a.b: value`.
"""
from __future__ import annotations

import datetime
from typing import Any

from rich.cells import cell_len, set_cell_size

from checker.report.values import plain

ELLIPSIS = "…"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# "driven by" names the strongest few features; more is a table, not a fact.
_TOP_FEATURES = 3


def describe(evidence: Any, width: int | None = None) -> list[str]:
    """The facts in `evidence`, one line each.

    Quotations of the article (`compared_with`, `matched`) are cut to `width` cells when given,
    keeping their closing quote; other facts are whole, for the caller to wrap.
    """
    return [line for _, _, line in keyed(evidence, width)]


def keyed(evidence: Any, width: int | None = None) -> list[tuple[str, str | None, str]]:
    """The lines of `describe`, each with the evidence key it says and the threshold key it
    was paired with (None), for a page that labels facts in its own words."""
    facts = plain(evidence)
    if not isinstance(facts, dict):
        facts = {} if facts is None else {"evidence": facts}
    thresholds = _pair_thresholds(facts)
    lines: list[tuple[str, str | None, str]] = []
    for key, value in facts.items():
        if key in thresholds.values():
            continue
        threshold = facts[thresholds[key]] if key in thresholds else None
        lines.extend((key, thresholds.get(key), line)
                     for line in _fact(key, value, threshold, width))
    return lines


def fit(text: str, width: int | None) -> str:
    """`text` cut to `width` terminal cells, ending in an ellipsis when cut.

    The cut falls between words when one ends in the last third of the room.
    """
    if width is None or cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:max(width, 0)]
    cut = set_cell_size(text, width - 1)  # pads with a blank where a wide character splits
    space = cut.rfind(" ")
    mid_word = len(cut) < len(text) and not text[len(cut)].isspace()
    if mid_word and space >= len(cut) * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _is_similarity(key: str) -> bool:
    return key == "similarity" or key.endswith("_similarity")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pair_thresholds(facts: dict[str, Any]) -> dict[str, str]:
    """similarity key -> the threshold key it is measured against."""
    pairs: dict[str, str] = {}
    sims = [k for k, v in facts.items() if _is_similarity(k) and _is_number(v)]
    for key in sims:
        stem = key[: -len("similarity")]  # "" or "body_"
        for candidate in (f"{stem}threshold", f"{key}_threshold", f"min_{key}"):
            taken = candidate in pairs.values()
            if candidate in facts and _is_number(facts[candidate]) and not taken:
                pairs[key] = candidate
                break
    # a lone `threshold` next to a lone `body_similarity` belongs to it
    unpaired = [k for k in sims if k not in pairs]
    lone = "threshold" not in pairs.values() and _is_number(facts.get("threshold"))
    if len(unpaired) == 1 and lone:
        pairs[unpaired[0]] = "threshold"
    return pairs


def _label(key: str) -> str:
    return key.replace("_", " ")


def _fact(key: str, value: Any, threshold: Any, width: int | None) -> list[str]:
    label = _label(key)
    if (key == "places" or key.endswith("_places")) and isinstance(value, list):
        return [f"{label}: {_places(value)}"]
    if (key == "dates" or key.endswith("_dates")) and isinstance(value, (list, str)):
        dates = value if isinstance(value, list) else [value]
        return [f"{label}: {', '.join(_date(d) for d in dates) or 'none'}"]
    if _is_similarity(key) and _is_number(value):
        line = f"{label} {value:.2f}"
        if threshold is not None:
            line += f" (threshold {_number(threshold)})"
        return [line]
    if key == "compared_with":
        items = value if isinstance(value, list) else [value]
        if all(isinstance(i, dict) and "line" in i for i in items):
            return [_compared(i, width) for i in items]
    if key == "features" and isinstance(value, dict) and value and all(
            _is_number(v) for v in value.values()):
        return _features(value)
    if key == "matched" and isinstance(value, str):
        return [_quoted("matched: ", value, width)]
    if isinstance(value, dict) and value:
        return [f"{_label(path)}: {_value(v)}" for path, v in _flatten(key, value)]
    return [f"{label}: {_value(value)}"]


def _places(places: list[Any]) -> str:
    """Names grouped by country, countries in order of first mention."""
    groups: dict[str, tuple[str | None, list[str]]] = {}
    for place in places:
        if isinstance(place, dict):
            name = place.get("name")
            country = place.get("country_name") or place.get("country")
        else:
            name, country = place, None
        if name in (None, ""):
            continue
        names = groups.setdefault(str(country), (country, []))[1]
        if str(name) not in names:
            names.append(str(name))
    if not groups:
        return "none"
    parts = []
    for country, names in groups.values():
        joined = ", ".join(names)
        parts.append(f"{joined} → {country}" if country else joined)
    return "; ".join(parts)


def _date(value: Any) -> str:
    """ISO date (or year-month, or year) in words: "19 Feb 2016"; anything else as given."""
    text = str(value)
    try:
        if len(text) >= 10:
            day = datetime.date.fromisoformat(text[:10])
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if len(text) == 7 and text[4] == "-":
            return f"{_MONTHS[int(text[5:]) - 1]} {int(text[:4])}"
    except (ValueError, IndexError):
        pass
    return text


def _compared(item: dict[str, Any], width: int | None) -> str:
    head = f"compared with line {_value(item['line'])}"
    text = item.get("text")
    if not text:
        return head
    return _quoted(f"{head}: ", " ".join(str(text).split()), width)


def _quoted(head: str, text: str, width: int | None) -> str:
    """head + "text", cutting the text rather than the closing quote."""
    text = " ".join(text.split())
    if width is None:
        return f'{head}"{text}"'
    room = width - cell_len(head) - 2
    if room < 4:
        return fit(f'{head}"{text}"', width)
    return f'{head}"{fit(text, room)}"'


def _features(features: dict[str, float]) -> list[str]:
    """What pushed the score towards the flag, strongest first, and what held it back."""
    def listed(items) -> str:
        return ", ".join(f"{name} {'−' if v < 0 else '+'}{abs(v):.2f}" for name, v in items)

    ranked = sorted(features.items(), key=lambda kv: -abs(kv[1]))
    towards = [kv for kv in ranked if kv[1] >= 0.005][:_TOP_FEATURES]
    against = [kv for kv in ranked if kv[1] <= -0.005][:_TOP_FEATURES]
    lines = [f"driven by: {listed(towards)}"] if towards else []
    return lines + ([f"held back by: {listed(against)}"] if against else [])


def _flatten(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict) and value:
        out: list[tuple[str, Any]] = []
        for k, v in value.items():
            out.extend(_flatten(f"{prefix}.{k}", v))
        return out
    return [(prefix, value)]


def _number(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return " ".join(str(value).split())
