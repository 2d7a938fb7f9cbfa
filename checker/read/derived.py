"""The plain text that the HTML and JSON readers derive from a file, and where it came from.

Readers hand over pieces of text, each with the offset in the original file it came from.
The builder lays the article out like a .txt article (one unit per line, a blank line between
units), keeps every block's text equal to `text[block.start:block.end]` (the segmenter splits
blocks by offsets), and records an `Origin` so findings point into the original file.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from checker.model import Kind, Origin, Source
from checker.read.common import block

_TOKEN = re.compile(r"\s+|\S+")


class Piece(NamedTuple):
    text: str          # as the reader means it: entities and escapes already decoded
    at: int | None     # offset in the original file; None when there is no file
    exact: bool        # text[i] came from at + i (no entity or escape in between)


def collapse(pieces: Iterable[Piece]) -> list[Piece]:
    """The pieces with whitespace collapsed to single spaces and trimmed at both ends.

    Each word keeps its own origin, so columns stay exact across collapsed whitespace and
    line breaks; a collapsed space maps to the first whitespace character it replaces.
    """
    out: list[Piece] = []
    space: Piece | None = None
    # ("Chi&shy;na": a soft hyphen, a line-break hint some CMSs put in every long word, or a
    # zero-width space is not part of the word a reader sees)
    for text, at, exact in visible(pieces):
        for m in _TOKEN.finditer(text):
            origin = None if at is None else at + m.start() if exact else at
            if m.group()[0].isspace():
                if out and space is None:
                    space = Piece(" ", origin, True)
            else:
                if space is not None:
                    out.append(space)
                    space = None
                out.append(Piece(m.group(), origin, exact))
    return out


_INVISIBLE = re.compile("[\u00ad\u200b\u2060]+")
_VISIBLE = re.compile("[^\u00ad\u200b\u2060]+")


def without_invisible(text: str) -> tuple[str, Origin | None]:
    """The text without soft hyphens and zero-width spaces, and an origin that maps each
    character kept to its place in the file (None when there was nothing to drop)."""
    spans = [m.span() for m in _INVISIBLE.finditer(text)]
    if not spans:
        return text, None
    return without_spans(text, spans, None)[:2]


def without_spans(text: str, spans: list[tuple[int, int]], origin: Origin | None
                  ) -> tuple[str, Origin | None, Callable[[int], int]]:
    """The text with `spans` (sorted, apart) cut out; an origin that maps what is left to the
    file `origin` maps text to (text itself when None); and a function from offsets in text to
    offsets in the result (an offset inside a cut span goes to where the span was)."""
    if not spans:
        return text, origin, lambda at: at
    original = text if origin is None else origin.text
    parts: list[str] = []
    runs: list[tuple[int, int, int, bool]] = []
    cuts: list[tuple[int, int, int]] = []  # (start, end, how much was cut before it)
    size, at, cut = 0, 0, 0
    for start, end in spans + [(len(text), len(text))]:
        if start > at:
            parts.append(text[at:start])
            runs += _through(origin, size, at, start)
            size += start - at
        if end > start:
            cuts.append((start, end, cut))
            cut += end - start
        at = max(at, end)
    cut_starts = [c[0] for c in cuts]

    def moved(offset: int) -> int:
        i = bisect.bisect_right(cut_starts, offset) - 1
        if i < 0:
            return offset
        start, end, before = cuts[i]
        return offset - before - (min(offset, end) - start)

    return "".join(parts), Origin(original, tuple(runs)), moved


def _through(origin: Origin | None, derived: int, start: int, end: int) -> list[tuple[int, int, int, bool]]:
    """Runs for text[start:end] placed at `derived`, mapped through origin to its file."""
    if origin is None:
        return [(derived, derived + end - start, start, True)]
    out = []
    i = max(0, bisect.bisect_right(origin.run_starts, start) - 1)
    while i < len(origin.runs) and origin.runs[i][0] < end:
        r_start, r_end, r_original, exact = origin.runs[i]
        lo, hi = max(start, r_start), min(end, r_end)
        if lo < hi:
            out.append((derived + lo - start, derived + hi - start,
                        r_original + (lo - r_start if exact else 0), exact))
        i += 1
    return out


def visible(pieces: Iterable[Piece]) -> list[Piece]:
    """The pieces without soft hyphens and zero-width spaces, each part keeping its origin."""
    out: list[Piece] = []
    for text, at, exact in pieces:
        if not _INVISIBLE.search(text):
            out.append(Piece(text, at, exact))
            continue
        for part in _VISIBLE.finditer(text):
            out.append(Piece(part.group(), None if at is None else at + part.start() if exact else at,
                             exact))
    return out


class Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.runs: list[tuple[int, int, int, bool]] = []
        self.spans: list[tuple[int, int, Kind | None]] = []
        self.notes: dict[int, str] = {}  # span index -> the reader's note on it
        self.paragraphs: set[int] = set()  # the spans the format sets as paragraphs (Block.paragraph)

    def unit(self, blocks: Iterable[tuple[list[Piece], Kind | None]]) -> None:
        """Blocks that belong together (a caption and its credit) on one new line, one space
        apart; empty blocks are dropped."""
        first = True
        for pieces, hint in blocks:
            if not pieces:
                continue
            self.separate(" " if not first else "\n\n")
            first = False
            start = self.size
            self.put(pieces)
            self.spans.append((start, self.size, hint))

    def separate(self, gap: str) -> None:
        if self.size:
            self.parts.append(gap)
            self.size += len(gap)

    def put(self, pieces: Iterable[Piece]) -> tuple[int, int]:
        """Append pieces verbatim; their span in the derived text."""
        start = self.size
        for text, at, exact in pieces:
            if not text:
                continue
            if at is not None:
                self._run(self.size, self.size + len(text), at, exact)
            self.parts.append(text)
            self.size += len(text)
        return start, self.size

    def mark(self, start: int, end: int, hint: Kind | None) -> None:
        self.spans.append((start, end, hint))

    def _run(self, start: int, end: int, at: int, exact: bool) -> None:
        if self.runs and exact:
            p_start, p_end, p_at, p_exact = self.runs[-1]
            if p_exact and p_end == start and p_at + (p_end - p_start) == at:
                self.runs[-1] = (p_start, end, p_at, True)
                return
        self.runs.append((start, end, at, exact))

    def source(self, path: str, format: str, original: str | None,
               meta: Mapping[str, Any]) -> Source:
        text = "".join(self.parts) + "\n"
        blocks = [block(text, s, e, hint, self.notes.get(i, ""), i in self.paragraphs)
                  for i, (s, e, hint) in enumerate(self.spans)]
        return Source(path=path, text=text, format=format,
                      blocks=tuple(b for b in blocks if b is not None), meta=dict(meta),
                      origin=None if original is None else Origin(original, tuple(self.runs)))
