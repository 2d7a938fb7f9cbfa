"""`--format text`: one line per finding, as ruff and flake8 print them, then a summary.

    path:line:col: severity rule message

A file that could not be read or checked gets one line `path:1:1: error file-error reason`.
The summary is `All checks passed.` when there is nothing to report, else for example
`Found 3 findings (1 error, 2 warnings) in 2 of 5 files; 1 file could not be checked.`
Colour only when writing to a terminal and NO_COLOR is not set.
"""
from __future__ import annotations

import os
from typing import TextIO

from checker.model import FileResult, Report, Severity

FILE_ERROR = "file-error"
_COLOUR = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def report(report: Report, out: TextIO) -> None:
    colour = _wants_colour(out)

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for result in report.files:
        if result.error is not None:
            out.write(f"{paint(_BOLD, result.path)}:1:1: {paint(_COLOUR[Severity.ERROR], 'error')} "
                      f"{paint(_DIM, FILE_ERROR)} {_one_line(error_reason(result))}\n")
        for f in result.findings:
            out.write(f"{paint(_BOLD, f.path)}:{f.line}:{f.column}: "
                      f"{paint(_COLOUR[f.severity], f.severity.label)} {paint(_DIM, f.rule)} "
                      f"{_one_line(f.message)}\n")
    out.write(summary(report) + "\n")


def summary(report: Report) -> str:
    total = sum(len(r.findings) for r in report.files)
    unreadable = sum(1 for r in report.files if r.error is not None)
    if not total and not unreadable:
        return "All checks passed."
    files = len(report.files)
    if total:
        counts = [_plural(report.count(s), s.label) for s in reversed(Severity) if report.count(s)]
        flagged = sum(1 for r in report.files if r.findings)
        text = (f"Found {_plural(total, 'finding')} ({', '.join(counts)}) "
                f"in {flagged} of {_plural(files, 'file')}")
    else:
        text = f"No findings in {files - unreadable} of {_plural(files, 'file')}"
    if unreadable:
        text += f"; {_plural(unreadable, 'file')} could not be checked"
    return text + "."


def error_reason(result: FileResult) -> str:
    """The error without the "path: " that starts it, for formats that name the file."""
    error = str(result.error)
    return error[len(result.path) + 2:] if error.startswith(f"{result.path}: ") else error


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


def _wants_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
