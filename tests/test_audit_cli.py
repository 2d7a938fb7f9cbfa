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
                   "--rules-dir", "--chunk-size", "--fresh", "--params", "--config"):
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


def test_exit_code_2_for_unreadable_articles_and_the_summary_line(tmp_path):
    src = write_archive(tmp_path / "src")
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(src), "--out", str(out), "--workers", "0"])
    assert result.exit_code == 2, result.output
    assert "8 articles" in result.output and "2 unreadable" in result.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["articles"] == 8


def _lenient_headlines(tmp_path):
    """The shipped classifiers with headline-mismatch made never to fire: a newsroom's refit."""
    from checker.classifier import default_path

    data = json.loads(default_path().read_text(encoding="utf-8"))
    data["classifiers"]["headline-mismatch"]["bias"] = -100.0
    path = tmp_path / "lenient.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_params_and_project_settings_apply_as_in_review_and_check(tmp_path):
    from tests.conftest import SAMPLES

    src = tmp_path / "src"
    src.mkdir()
    (src / "swap.txt").write_text((SAMPLES / "headline-swap.txt").read_text(encoding="utf-8"))

    def rules(out, *extra):
        result = runner.invoke(app, ["audit", str(src), "--out", str(tmp_path / out), "--workers", "0",
                                     *extra])
        assert result.exit_code in (0, 1, 2), result.output
        rows = [json.loads(line) for line in (tmp_path / out / "articles.jsonl").read_text().splitlines()]
        return {f["rule"] for r in rows for f in r["findings"] if f["severity"] != "info"}

    assert "headline-mismatch" in rules("shipped")
    assert "headline-mismatch" not in rules("lenient", "--params", str(_lenient_headlines(tmp_path)))
    (src / "checker.toml").write_text('ignore = ["headline-mismatch"]\n')
    assert "headline-mismatch" not in rules("project")
