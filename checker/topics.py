"""What a line is about, held against a bank of news topics (`data/topics.yml`).

Similarity to the story cannot tell a story's own generic line ("A decision is expected
within days, officials said.") from a line about something else entirely ("Ask our brokers
about cover for your van or shop today."): both are far from the story. Held against a few hundred topics, the first leans towards none of them and the second
leans towards insurance and small business far more than the story does. The bank is broad on
purpose (news sections, regions, and what else ends up on a news page: ads, cartoons,
bios), so no story's topic is missing from it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.shipped import load_yaml

DATA = Path(__file__).parent / "data" / "topics.yml"


@functools.lru_cache(maxsize=1)
def phrases() -> tuple[str, ...]:
    return tuple(load_yaml(DATA.read_text(encoding="utf-8"))["topics"])


@dataclass(frozen=True)
class Shift:
    """The topic a line leans towards most beyond what the story does."""
    value: float   # the line's cosine to `topic` minus the story's
    topic: str
    line: float
    story: float


def shift(line: np.ndarray, story: np.ndarray | None, bank: np.ndarray) -> Shift:
    """`bank` holds the topic vectors in the order of `phrases()`; without a story to hold
    the line against there is no shift."""
    if story is None:
        return Shift(0.0, "", 0.0, 0.0)
    own, theirs = bank @ line, bank @ story
    k = int(np.argmax(own - theirs))
    return Shift(float(own[k] - theirs[k]), phrases()[k], float(own[k]), float(theirs[k]))
