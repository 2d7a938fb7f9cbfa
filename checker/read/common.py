"""Pieces shared by the readers: the error they raise and the span arithmetic."""
from __future__ import annotations

from checker.model import Block, Kind


class ReadError(Exception):
    """An input that cannot be read; str() is one line naming the file."""


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past leading and trailing whitespace (str.isspace, as str.strip)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def block(text: str, start: int, end: int, hint: Kind | None = None, note: str = "",
          paragraph: bool = False) -> Block | None:
    """A Block over text[start:end] trimmed, or None when nothing but whitespace is left."""
    start, end = trim(text, start, end)
    if start == end:
        return None
    return Block(text[start:end], start, end, hint, note, paragraph)
