"""`checker audit` through Typer's runner: options, usage errors and exit codes."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from checker.cli import app
from tests.audit_archive import write_archive

runner = CliRunner()


def test_help_lists_the_options():
    result = runner.invoke(app, ["audit", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    for option in ("--out", "--workers", "--scheduler", "--model", "--cache-dir", "--no-cache",
                   "--rules-dir", "--chunk-size", "--fresh"):
        assert option in result.output, option


def test_usage_errors_exit_2_and_audit_nothing(tmp_path):
    out = tmp_path / "out"
    missing = runner.invoke(app, ["audit", str(tmp_path / "nothing-*.jsonl"), "--out", str(out)])
    assert missing.exit_code == 2 and "no such file" in missing.output
    assert not (out / "summary.json").exists()
    no_out = runner.invoke(app, ["audit", str(tmp_path)])
    assert no_out.exit_code == 2 and "--out" in no_out.output


def test_a_model_that_cannot_load_stops_the_run(tmp_path):
    src = write_archive(tmp_path / "src")
    result = runner.invoke(app, ["audit", str(src), "--out", str(tmp_path / "out"), "--workers", "0",
                                 "--model", str(tmp_path / "no-such-model"), "--no-cache"])
    assert result.exit_code == 2
    assert "no-such-model" in result.output


def test_exit_code_1_for_failing_articles_and_the_summary_line(tmp_path):
    src = write_archive(tmp_path / "src")
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(src), "--out", str(out), "--workers", "0"])
    assert result.exit_code == 1, result.output
    assert "8 articles" in result.output and "2 unreadable" in result.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["articles"] == 8
