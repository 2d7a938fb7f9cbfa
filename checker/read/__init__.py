"""The reading stage: a file (or stdin, or a string) -> `Source` with its blocks.

Each format module has `parse(text, path) -> Source`; every block's text is exactly
`source.text[block.start:block.end]`, stripped and non-empty, in reading order. HTML and JSON
sources hold a derived plain text whose `origin` maps positions back to the file.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import PurePath

from checker.model import Source
from checker.read import html, jsonfile, md, txt
from checker.read.common import ReadError
from checker.read.decode import check_size, decode, normalise_newlines, size_label

__all__ = ["ARTICLE_SUFFIXES", "READERS", "ReadError", "read_path", "read_text", "shown_name"]

READERS = {"txt": txt.parse, "md": md.parse, "html": html.parse, "json": jsonfile.parse}
# anything else is read as plain text
_EXTENSIONS = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "xhtml": "html",
               "json": "json"}
# What a walk over a folder takes as an article, in `check` and `audit` alike.
ARTICLE_SUFFIXES = frozenset({".txt", *(f".{ext}" for ext in _EXTENSIONS)})

_REASONS = {
    errno.ENOENT: "no such file",
    errno.EISDIR: "is a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def read_path(path: str | os.PathLike, *, max_bytes: int = 5_000_000,
              stdin_name: str | None = None) -> Source:
    """`-` reads standard input, named `stdin_name` (whose extension picks the reader) or
    `<stdin>` (read as plain text)."""
    name = os.fspath(path)
    if name == "-":
        display = name = stdin_name or "<stdin>"
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        display = shown_name(name)
        data = _read_file(name, max_bytes, display)
    # Reads are bounded, so a device or pipe that never ends cannot exhaust memory.
    if len(data) > max_bytes:
        raise ReadError(f"{display}: too large (over the {size_label(max_bytes)} limit)")
    text = decode(data, display, max_bytes)
    try:
        return READERS[format_of(name)](text, display)
    except ReadError:
        raise
    except (RecursionError, MemoryError, ValueError) as exc:  # a reader's limit, never the run's
        raise ReadError(f"{display}: cannot read: {type(exc).__name__}: {exc}"[:300]) from None


def read_text(text: str, path: str = "<string>", format: str = "txt") -> Source:
    if format not in READERS:
        raise ValueError(f"unknown format {format!r} (known: {', '.join(READERS)})")
    return READERS[format](normalise_newlines(text.removeprefix("\ufeff")), path)


def format_of(path: str) -> str:
    return _EXTENSIONS.get(PurePath(path).suffix.lower().lstrip("."), "txt")


def shown_name(name: str) -> str:
    """A file name as reports show it: a name that is not UTF-8 (a byte the file system
    holds, decoded by Python as a lone surrogate) with that byte as `\\xe9`, so every report
    stays valid UTF-8, as the audit shows it."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _read_file(name: str, max_bytes: int, display: str) -> bytes:
    try:
        # Opening a FIFO that no one writes to would wait forever; without O_NONBLOCK the
        # open returns at once, and a read of a pipe with no writer ends (an empty file).
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
                raise ReadError(f"{display}: not a regular file")
            os.set_blocking(fd, True)
            check_size(st.st_size, display, max_bytes)
            return f.read(max_bytes + 1)
    except OSError as e:
        reason = _REASONS.get(e.errno or 0, e.strerror or str(e))
        raise ReadError(f"{display}: {reason}") from None
