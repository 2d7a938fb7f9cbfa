"""Reporters: one module per output format, one signature, chosen by name.

Every reporter is `report(report: Report, out: TextIO) -> None`. Reporters only format: the
engine has already filtered and sorted the findings, and the CLI decides the exit code.
"""
from __future__ import annotations

from typing import Callable, TextIO

from checker.model import Report
from checker.report import github, json_report, junit, sarif, terminal, text

Reporter = Callable[[Report, TextIO], None]

FORMATS: dict[str, Reporter] = {
    "rich": terminal.report,
    "json": json_report.report,
    "text": text.report,
    "sarif": sarif.report,
    "junit": junit.report,
    "github": github.report,
}

__all__ = ["FORMATS", "Reporter"]
