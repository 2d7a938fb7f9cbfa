"""The formulaic lines of news copy (`data/stock.yml`).

A story's own stock line ("Further details were not immediately released.") shares
little with the story's subject, so by similarity alone it looks like a line from elsewhere.
It is close to one of a bank of stock lines; a caption or headline from another story is not.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from checker.shipped import load_yaml

DATA = Path(__file__).parent / "data" / "stock.yml"


@functools.lru_cache(maxsize=1)
def phrases() -> tuple[str, ...]:
    return tuple(load_yaml(DATA.read_text(encoding="utf-8"))["phrases"])


def closest(line: np.ndarray, bank: np.ndarray) -> tuple[float, str]:
    """The stock line closest to a line and its cosine; `bank` in the order of `phrases()`."""
    sims = bank @ line
    k = int(np.argmax(sims))
    return float(sims[k]), phrases()[k]
