"""`--format text`: one line per finding, as ruff and flake8 print them, then a summary.

    path:line:col: severity rule message

A file that could not be read or checked is an input error: the command says so on standard
error (`checker: error: path: reason`), and the report holds only findings.
`summary` is the one summary line the command prints after it (`All checks passed.`, else for
example `Found 3 findings (1 error, 2 warnings) in 2 of 5 files; 1 file could not be
checked.`); `statistics` the per-rule counts of `--statistics`. Colour as report/style.py
decides. Paths, messages and reasons come from files and articles: their control and bidi
characters are written as escapes (report/safe.py), never sent raw to a terminal.
"""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from checker.model import FileResult, Report, Severity
from checker.report.safe import visible
from checker.report.style import wants_colour

FILE_ERROR = "file-error"
_COLOUR = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def report(report: Report, out: TextIO) -> None:
    colour = wants_colour(out)

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for result in report.files:
        for f in result.findings:
            out.write(f"{paint(_BOLD, visible(f.path))}:{f.line}:{f.column}: "
                      f"{paint(_COLOUR[f.severity], f.severity.label)} {paint(_DIM, f.rule)} "
                      f"{_one_line(f.message)}\n")


def statistics(report: Report) -> list[str]:
    """`--statistics`: one line per rule with findings, most first: count, rule, severity."""
    counts = Counter((f.rule, f.severity.label) for r in report.files for f in r.findings)
    counts.update(("file-error", "error") for r in report.files if r.error is not None)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [f"{n:>{width}}  {rule}  ({severity})" for (rule, severity), n in ordered]


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
    return visible(" ".join(line.strip() for line in str(text).splitlines() if line.strip()))
