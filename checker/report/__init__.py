"""Reporters: one module per output format, one signature, chosen by name.

Every reporter is `report(report: Report, out: TextIO) -> None`. Reporters only format: the
engine has already filtered and sorted the findings, and the CLI decides the exit code.
The commands' `--format` choices are built from the tuples below, and a reporter's module is
imported only when its format is asked for, so `checker --help` imports none of them.
"""
from __future__ import annotations

import importlib
from typing import Callable, Iterator, Mapping, TextIO

from checker.model import Report

Reporter = Callable[[Report, TextIO], None]

# format name -> module in checker.report
_MODULES = {"rich": "terminal", "json": "json_report", "text": "text", "sarif": "sarif",
            "junit": "junit", "github": "github"}
REVIEW_FORMATS = ("rich", "json")                            # for an editor
CHECK_FORMATS = ("text", "json", "sarif", "junit", "github")  # for a CI gate


class _Reporters(Mapping[str, Reporter]):
    """Format name -> reporter, each module imported when first asked for."""

    def __getitem__(self, name: str) -> Reporter:
        return importlib.import_module(f"checker.report.{_MODULES[name]}").report

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Reporter] = _Reporters()

__all__ = ["CHECK_FORMATS", "FORMATS", "REVIEW_FORMATS", "Reporter"]
