"""The command through Typer's runner: exit codes, formats, bad input."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from checker.cli import app
from tests.conftest import SAMPLES, SEED, SHARED

runner = CliRunner()
SCHEMA = json.loads((SHARED / "contract" / "report.schema.json").read_text())
CLEAN = SAMPLES / "clean-multi-country.txt"


def test_help_imports_no_torch():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom checker.cli import app\n"
            "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0, r.output\n"
            "heavy = ('torch', 'sentence_transformers', 'transformers', 'numpy', 'onnxruntime')\n"
            "bad = [m for m in heavy if m in sys.modules]\n"
            "assert not bad, ('--help', bad)\n"
            "for cmd in (['rules'], ['explain', 'duplicate']):\n"
            "    assert CliRunner().invoke(app, cmd).exit_code == 0\n"
            "bad = [m for m in heavy[:3] + ('onnxruntime',) if m in sys.modules]\n"
            "assert not bad, ('rules, explain', bad)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seed_fails_with_exit_1_and_valid_json():
    result = runner.invoke(app, ["review", str(SEED), "--format", "json"])
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    (entry,) = doc["files"]
    assert entry["verdict"] == "fail" and doc["summary"]["failed_files"] == 1
    assert doc["tool"]["model"] == "all-MiniLM-L6-v2 (int8)"


def test_clean_article_passes_with_exit_0():
    result = runner.invoke(app, ["review", str(CLEAN)])
    assert result.exit_code == 0, result.output
    assert "PASS" in result.stdout


def test_rich_report_shows_outline_findings_evidence_and_verdict():
    result = runner.invoke(app, ["review", str(SEED)])
    out = result.stdout
    for needle in ("headline", "caption", "credit", "related", "boilerplate",
                   "caption-mismatch", "Sabratha", "Libya", "Syria", "FAIL", "all-MiniLM-L6-v2"):
        assert needle in out, needle


def test_review_honours_the_articles_own_directives_as_check_does(tmp_path):
    story = (Path(__file__).parent / "fixtures" / "check" / "wildfire-foreign-caption.txt").read_text()
    caption_line = next(n for n, line in enumerate(story.split("\n"), 1) if line.startswith("Riot police"))
    bad, marked = tmp_path / "bad.txt", tmp_path / "marked.txt"
    bad.write_text(story)
    marked.write_text(story.replace("Riot police", "# checker: disable-next-line=caption-mismatch\nRiot police"))

    def findings(path):
        result = runner.invoke(app, ["review", str(path), "--format", "json"])
        return result, [(f["rule"], f["line"]) for f in json.loads(result.stdout)["files"][0]["findings"]]

    _, before = findings(bad)
    result, after = findings(marked)
    assert ("caption-mismatch", caption_line) in before
    assert "1 finding suppressed" in result.stderr
    # the directive line is not content: every other finding stays, one line further down
    moved = [(rule, n + 1 if n >= caption_line else n) for rule, n in before if rule != "caption-mismatch"]
    assert sorted(after) == sorted(moved)


def test_several_files_one_report_and_unreadable_input_exit_2(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["review", str(CLEAN), str(binary), "--format", "json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert [f["status"] for f in doc["files"]] == ["ok", "error"]
    assert str(binary) in doc["files"][1]["error"]


def test_stdin():
    result = runner.invoke(app, ["review", "-", "--format", "json"], input=CLEAN.read_text())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["path"] == "<stdin>"


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["review"]).exit_code == 2
    assert runner.invoke(app, ["review", str(CLEAN), "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["explain", "no-such-rule"])
    assert result.exit_code == 2 and "caption-mismatch" in result.output


def test_bad_rules_dir_is_a_clear_error(tmp_path):
    bad = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", bad)
    (bad / "duplicate.yml").write_text("enabled: true\nseverity: warning\nparams: {min_words: 3, typo: 1}\n")
    result = runner.invoke(app, ["review", str(CLEAN), "--rules-dir", str(bad)])
    assert result.exit_code == 2
    assert "typo" in result.output and "duplicate.yml" in result.output


def test_missing_model_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["review", str(CLEAN), "--model", str(tmp_path / "nope"), "--no-cache"])
    assert result.exit_code == 2
    assert "cannot load embedding model" in result.output


def test_rules_and_explain():
    out = runner.invoke(app, ["rules"]).stdout
    assert "caption-mismatch" in out and "error" in out
    out = runner.invoke(app, ["explain", "caption-mismatch"]).stdout
    assert "What it flags" in out and "Example" in out and "Sabratha" in out


def test_caption_reuse_is_listed_and_explained_as_audit_only():
    out = runner.invoke(app, ["rules"]).stdout
    assert "caption-reuse" in out and "checker audit only" in out
    out = runner.invoke(app, ["explain", "caption-reuse"]).stdout
    assert "What it flags" in out and "rules/caption-reuse.yml" in out
    bad = runner.invoke(app, ["explain", "caption-reuse-typo"])
    assert bad.exit_code == 2 and "caption-reuse" in bad.output


def test_never_modifies_the_article(tmp_path):
    article = tmp_path / "a.txt"
    shutil.copy(SEED, article)
    before = article.read_bytes()
    runner.invoke(app, ["review", str(article)])
    assert article.read_bytes() == before


def test_review_honours_the_project_settings_as_check_does(tmp_path):
    story = tmp_path / "stories" / "swap.txt"
    story.parent.mkdir()
    story.write_text((SAMPLES / "headline-swap.txt").read_text(encoding="utf-8"))

    def rules(*extra):
        result = runner.invoke(app, ["review", str(story), "--format", "json", *extra])
        assert result.exit_code in (0, 1), result.output
        return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"] if f["severity"] != "info"}

    assert "headline-mismatch" in rules()
    (tmp_path / "checker.toml").write_text('[rules.headline-mismatch]\nenabled = false\n')
    assert "headline-mismatch" not in rules()
    elsewhere = tmp_path / "other.toml"
    elsewhere.write_text('ignore = ["duplicate"]\n')
    assert "headline-mismatch" in rules("--config", str(elsewhere))
    (tmp_path / "checker.toml").write_text('ignore = ["no-such-rule"]\n')
    bad = runner.invoke(app, ["review", str(story)])
    assert bad.exit_code == 2 and "checker.toml" in bad.output and "no-such-rule" in bad.output
    (tmp_path / "checker.toml").unlink()
    (tmp_path / "checker.toml").mkdir()
    for command in (["review", str(story)], ["check", str(story)]):
        bad = runner.invoke(app, command)
        assert bad.exit_code == 2 and f"{tmp_path / 'checker.toml'}: cannot read: a folder" in bad.output


def test_short_help_and_version_flags():
    from checker import __version__

    for flag in ("-h", "--help"):
        assert runner.invoke(app, [flag]).exit_code == 0
    assert runner.invoke(app, ["review", "-h"]).exit_code == 0
    assert runner.invoke(app, ["check", "-h"]).exit_code == 0
    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and result.stdout.strip() == f"checker {__version__}"
