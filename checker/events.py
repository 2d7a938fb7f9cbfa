"""Kinds of disaster and accident a text names, from `data/events.yml`.

Places say where a line is, dates when; the kind of event says what happened. A headline or
caption naming an earthquake over a story that reports floods and never an earthquake is
about another event, however close the topics and the places are.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from checker.shipped import load_yaml

DATA = Path(__file__).parent / "data" / "events.yml"


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, re.Pattern], ...], frozenset[frozenset[str]]]:
    data = load_yaml(DATA.read_text(encoding="utf-8"))
    together = frozenset(frozenset(pair) for pair in data.pop("together", []))
    patterns = tuple((kind, re.compile(r"(?i)\b(?:" + "|".join(words) + r")\b"))
                     for kind, words in data.items())
    return patterns, together


def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return _lexicon()[0]


@functools.lru_cache(maxsize=4096)
def kinds(text: str) -> dict[str, str]:
    """The kinds of event a text names, each with the first word that names it."""
    found = {}
    for kind, pattern in _patterns():
        m = pattern.search(text)
        if m:
            found[kind] = m.group(0)
    return found


def conflict(line: str, story: str) -> list[tuple[str, str]]:
    """(the line's word, the story's commonest word) for each kind of event the line names
    that the story never names, when the story names a kind of its own; empty when they agree."""
    own, theirs = kinds(line), kinds(story)
    together = _lexicon()[1]
    if not own or not theirs or own.keys() & theirs.keys() \
            or any(frozenset((a, b)) in together for a in own for b in theirs):
        return []
    return [(word.lower(), _commonest(story)) for word in own.values()]


@functools.lru_cache(maxsize=64)
def _commonest(story: str) -> str:
    """The word the story names its kinds of event by most often: read once per story, not
    again for each of its lines."""
    theirs = kinds(story)
    words = Counter(m.group(0).lower() for kind, pattern in _patterns() if kind in theirs
                    for m in pattern.finditer(story))
    return words.most_common(1)[0][0]
