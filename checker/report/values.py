"""Plain JSON values from whatever a rule put in its evidence.

Rules promise JSON-ready evidence, but a numpy float, a tuple or a date slips in easily, and
a reporter must never be the thing that crashes a run. Every reporter passes evidence through
`plain` first; it never raises.
"""
from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import math
import numbers
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

# Evidence is a few levels deep at most; past this we are looking at a cycle.
_MAX_DEPTH = 32


def plain(value: Any, _depth: int = 0) -> Any:
    """`value` as None, bool, int, float, str, list or dict with str keys (recursively).

    NaN and infinities become None (JSON has no spelling for them); anything unknown becomes
    its str().
    """
    if _depth > _MAX_DEPTH:
        return _text(value)
    deeper = _depth + 1
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value, deeper)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _float(value)
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        return _array_like(value, deeper)
    if isinstance(value, Mapping):
        return {_key(k, deeper): plain(v, deeper) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, deeper) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [plain(v, deeper) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return _float(float(value))
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, deeper)
    return _text(value)


def _array_like(value: Any, depth: int) -> Any:
    """numpy (or torch) scalars and arrays, duck-typed so reporters never import numpy."""
    try:
        if getattr(value, "shape", ()) != ():
            return [plain(v, depth) for v in value]
        item = value.item()
        if isinstance(item, float):
            # str() of a numpy float32 is its shortest round-trip form ("0.18"), where
            # float(np.float32(0.18)) would print as 0.18000000715255737.
            try:
                item = float(str(value))
            except ValueError:
                pass
        return plain(item, depth)
    except Exception:  # a reporter must not crash on an odd evidence value
        return _text(value)


def _float(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _key(key: Any, depth: int) -> str:
    if isinstance(key, str):
        return str(key)
    converted = plain(key, depth)
    return converted if isinstance(converted, str) else json.dumps(converted, ensure_ascii=False)


def _text(value: Any) -> str:
    try:
        return str(value)
    except Exception:
        return f"<{type(value).__name__}>"
