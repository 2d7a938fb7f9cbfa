"""Colour, decided one way for every command and format.

`--color never` or NO_COLOR (https://no-color.org: set and not empty) -> no escape codes at
all, bold and dim included (rich alone drops only the colours); `--color always` or
FORCE_COLOR -> colour even into a pipe; otherwise colour only on a terminal. The command
line's `--color` wins over the environment, and NO_COLOR over FORCE_COLOR.
"""
from __future__ import annotations

import os
from typing import Any, TextIO

MODES = ("auto", "always", "never")
_mode = "auto"


def set_mode(mode: str) -> None:
    global _mode
    if mode not in MODES:
        raise ValueError(f"colour mode {mode!r} is not one of {', '.join(MODES)}")
    _mode = mode


def wants_colour(out: TextIO) -> bool:
    if _mode != "auto":
        return _mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def console(out: TextIO, **options: Any):
    """A rich Console on `out` that writes escape codes only when `wants_colour(out)`."""
    from rich.console import Console

    if wants_colour(out):
        return Console(file=out, force_terminal=True, **options)
    return Console(file=out, color_system=None, **options)
