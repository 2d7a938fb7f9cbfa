"""The README shows what checker prints: its sample report is the real one, less the timing.

Refits move confidences and contributions; without this the README's report drifts from
what a new user sees on running the command printed above it.
"""
from __future__ import annotations

import re

from typer.testing import CliRunner

from checker.cli import app
from tests.conftest import ROOT

TIMING = re.compile(r" · [\d.]+ s$")


def _readme_report() -> tuple[str, str]:
    """(the sample the README reviews, the report it shows for it)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"checker review (samples/\S+)", readme)
    shown = re.search(r"## What an editor sees.*?```text\n(.*?)```", readme, re.S)
    assert command and shown, "README lost its sample command or report"
    return command.group(1), shown.group(1)


def test_the_readme_report_is_what_review_prints(monkeypatch):
    sample, shown = _readme_report()
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    printed = CliRunner().invoke(app, ["review", sample]).stdout
    strip = lambda text: [TIMING.sub("", line.rstrip()) for line in text.strip().splitlines()]  # noqa: E731
    assert strip(printed) == strip(shown)
