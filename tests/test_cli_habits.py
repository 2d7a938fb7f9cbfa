"""The command-line habits of ruff and flake8: --quiet, --exit-zero, --statistics, --color
(NO_COLOR, FORCE_COLOR), --stdin-filename, `rules --format json`, shell completion, one exit
code table, one summary line, no wrapping into a pipe, a fast --help. And output hygiene: an
article's or a file name's control characters never reach a terminal raw."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.rules import RULES
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
FOREIGN = str(SAMPLES / "foreign-caption-same-topic.txt")   # an error and a warning
CLEAN = str(SAMPLES / "clean-multi-country.txt")
ESCAPE = re.compile("\x1b")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKDOWN = ("---\ntitle: Floods cut off villages in northeast Bangladesh\n---\n\n"
            "Floodwaters cut off villages across northeast Bangladesh on Thursday as rivers rose.\n\n"
            "Rescue boats reached the worst-hit villages near Sylhet by the evening, officials said.\n")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    yield
    runner.invoke(app, ["--color", "auto", "rules"])  # the colour mode is the process's


def test_quiet_prints_the_report_only():
    loud = runner.invoke(app, ["check", FOREIGN])
    quiet = runner.invoke(app, ["check", FOREIGN, "--quiet"])
    assert loud.exit_code == quiet.exit_code == 1
    assert quiet.stdout == "".join(line + "\n" for line in loud.stdout.splitlines()[:-1])
    assert quiet.stderr == ""


def test_one_summary_line():
    text = runner.invoke(app, ["check", FOREIGN])
    assert text.stdout.splitlines()[-1] == "Found 3 findings (1 error, 1 warning, 1 info) in 1 of 1 file."
    assert text.stderr == ""
    machine = runner.invoke(app, ["check", FOREIGN, "--format", "json"])
    assert machine.stderr == "checker: Found 3 findings (1 error, 1 warning, 1 info) in 1 of 1 file.\n"
    json.loads(machine.stdout)


def test_exit_zero_passes_findings_but_not_input_errors(tmp_path):
    assert runner.invoke(app, ["check", FOREIGN, "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["check", FOREIGN, str(tmp_path / "missing.md"), "--exit-zero"]).exit_code == 2


def test_statistics_count_each_rule():
    result = runner.invoke(app, ["check", FOREIGN, "--statistics"])
    lines = result.stdout.splitlines()
    assert lines[-4:] == ["1  caption-mismatch  (error)", "1  date-inconsistency  (info)",
                          "1  extraction-artifact  (warning)",
                          "Found 3 findings (1 error, 1 warning, 1 info) in 1 of 1 file."]
    machine = runner.invoke(app, ["check", FOREIGN, "--statistics", "--format", "sarif", "-q"])
    assert machine.stderr.splitlines() == ["checker: 1  caption-mismatch  (error)",
                                           "checker: 1  date-inconsistency  (info)",
                                           "checker: 1  extraction-artifact  (warning)"]


@pytest.mark.parametrize("args", [["check", FOREIGN], ["review", FOREIGN], ["rules"],
                                  ["explain", "duplicate"]])
def test_color_always_and_never(args):
    assert ESCAPE.search(runner.invoke(app, ["--color", "always", *args]).stdout)
    assert not ESCAPE.search(runner.invoke(app, ["--color", "never", *args]).stdout)
    assert not ESCAPE.search(runner.invoke(app, args).stdout)  # not a terminal


@pytest.mark.parametrize("args", [["--help"], ["review", "--help"], ["rules"], ["explain", "duplicate"],
                                  ["review", CLEAN], ["check", FOREIGN]])
def test_no_color_wins_over_force_color_bold_and_dim_included(args):
    env = {**os.environ, "FORCE_COLOR": "1", "PYTHONPATH": str(ROOT)}
    forced = subprocess.run([sys.executable, "-m", "checker.cli", *args], env=env,
                            capture_output=True, text=True)
    assert ESCAPE.search(forced.stdout), forced.stderr
    plain = subprocess.run([sys.executable, "-m", "checker.cli", *args], env={**env, "NO_COLOR": "1"},
                           capture_output=True, text=True)
    assert plain.stdout and not ESCAPE.search(plain.stdout)


@pytest.mark.parametrize("command", ["check", "review"])
def test_stdin_filename_names_stdin_and_picks_the_reader(command):
    args = [command, "--stdin-filename", "news/floods.md", "--format", "json"]
    result = runner.invoke(app, args, input=MARKDOWN)
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["path"] == "news/floods.md"
    headline = [s for s in entry["segments"] if s["kind"] == "headline"]
    assert headline and headline[0]["line"] == 2  # the front matter's title: read as Markdown
    as_text = runner.invoke(app, [command, "-", "--format", "json"], input=MARKDOWN)
    assert json.loads(as_text.stdout)["files"][0]["path"] == "<stdin>"


def test_rules_as_json():
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "checker.rules/1"
    assert [r["id"] for r in doc["rules"]] == [r.id for r in RULES]
    caption = next(r for r in doc["rules"] if r["id"] == "caption-mismatch")
    assert caption["severity"] == "error" and caption["enabled"] and "min_probability" in caption["params"]


def test_shell_completion_is_offered():
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    shown = runner.invoke(app, ["--show-completion", "bash"])
    assert shown.exit_code == 0 and "complete" in shown.stdout


def test_a_piped_review_never_breaks_a_path(tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-for-the-section-" * 2) / "2024"
    folder.mkdir(parents=True)
    story = folder / "floods-cut-off-villages-in-northeast-bangladesh.txt"
    story.write_text(open(CLEAN, encoding="utf-8").read(), encoding="utf-8")
    result = runner.invoke(app, ["review", str(story)])
    assert any(line.endswith(str(story)) for line in result.stdout.splitlines()), result.stdout


def test_help_is_fast_and_light():
    code = ("import sys, time\nt = time.perf_counter()\nfrom checker.cli import app\n"
            "from typer.testing import CliRunner\nassert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
            "assert not {'numpy', 'onnxruntime', 'torch'} & set(sys.modules)\n"
            "print(time.perf_counter() - t)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) < 2.0  # about 0.2 s; the bound leaves room for a busy machine


def test_github_job_summary_is_appended(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["check", FOREIGN, "--format", "github"])
    assert result.exit_code == 1
    text = summary.read_text()
    assert text.startswith("earlier step\n## checker\n") and "`caption-mismatch`" in text


@pytest.mark.parametrize("command", [["check"], ["review"], ["check", "--format", "github"]])
def test_control_characters_in_articles_and_names_never_reach_the_terminal(command):
    name = "odd\x1b[2J\u202e.txt"
    article = ("Floods cut off villages\x1b]0;owned\x07 in Bangladesh\n\n"
               "Floodwaters\x1b[31m cut off villages \x9b across the northeast on Thursday.\n\n"
               "Residents wade through water in Jacobabad, Pakistan. AP Photo/Jane Doe\x08\x08\n")
    result = runner.invoke(app, [*command, "--stdin-filename", name], input=article)
    assert result.exit_code in (0, 1), result.output
    assert not RAW_CONTROL.search(result.stdout.replace("\n", "")), result.stdout
    assert not RAW_CONTROL.search(result.stderr.replace("\n", ""))
    assert "\\x1b" in result.stdout


# -- bidi controls in the machine and archive formats -------------------------------------------

BIDI = "\u202e\u2066\u200f"


def test_sarif_neutralises_bidi_controls():
    import dataclasses

    from checker.model import FileResult, Report
    from checker.report.sarif import document
    from tests.test_report_json import build_report

    flood = build_report().files[0]
    odd = dataclasses.replace(flood.findings[0], path=f"a{BIDI}.md", message=f"x{BIDI}y",
                              excerpt=f"cap{BIDI}tion")
    text = json.dumps(document(Report((FileResult(odd.path, None, (odd,)),), "m", "0")), ensure_ascii=False)
    assert not re.search(f"[{BIDI}]", text)
    assert "x\\\\u202e\\\\u2066\\\\u200fy" in text


def test_audit_html_and_csv_neutralise_bidi_controls():
    from checker.audit import html_report
    from checker.audit.outputs import findings_csv

    template = html_report._environment().from_string("<p>{{ text }}</p>")
    assert template.render(text=f"evil{BIDI}<b>") == "<p>evil\\u202e\\u2066\\u200f&lt;b&gt;</p>"
    script = str(html_report._json_for_script({"message": f"a{BIDI}"}))
    assert not re.search(f"[{BIDI}]", script) and json.loads(script) == {"message": f"a{BIDI}"}
    csv_text = findings_csv([{"id": "1", "path": f"p{BIDI}.md", "headline": "h", "findings": [
        {"rule": "duplicate", "severity": "warning", "line": 1, "column": 1, "confidence": 0.5,
         "message": f"m{BIDI}", "excerpt": "e", "evidence": {}}]}]).decode("utf-8")
    assert not re.search(f"[{BIDI}]", csv_text) and "p\\u202e\\u2066\\u200f.md" in csv_text


def test_check_and_review_run_numpy_on_one_blas_thread_unless_told_otherwise(tmp_path):
    """As the audit's workers do: a similarity must not move in its last bits with the core
    count, so `check`, `review` and `audit` agree on every machine."""
    pytest.importorskip("threadpoolctl")
    story = tmp_path / "a.txt"
    story.write_text("Floods cut off villages\n\nRivers rose in the night, officials said.\n")
    code = ("import os, sys\nfrom checker.cli import main\nsys.argv = ['checker', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import numpy\nfrom threadpoolctl import threadpool_info\n"
            "print(os.environ['OMP_NUM_THREADS'], max(p['num_threads'] for p in threadpool_info()))\n")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env["PYTHONPATH"] = str(ROOT)
    for command in ("check", "review"):
        done = subprocess.run([sys.executable, "-c", code, command, str(story), "--quiet",
                               "--cache-dir", str(tmp_path / "cache")],
                              capture_output=True, text=True, env=env)
        assert done.stdout.splitlines()[-1] == "1 1", (command, done.stdout, done.stderr)
    done = subprocess.run([sys.executable, "-c", code, "check", str(story), "--quiet",
                           "--cache-dir", str(tmp_path / "cache")],
                          capture_output=True, text=True, env={**env, "OMP_NUM_THREADS": "2"})
    assert done.stdout.splitlines()[-1].split()[0] == "2"  # the user's own choice stands


def _help_texts(command, path=()):
    yield path, command.help or ""
    for param in command.params:
        yield path, getattr(param, "help", None) or ""
    for name, sub in getattr(command, "commands", {}).items():
        yield from _help_texts(sub, path + (name,))


def test_help_prints_every_bracketed_word_its_source_writes(monkeypatch):
    """--help renders rich markup: a bracket its source meant as text ("[tool.checker]") must be
    escaped, or rich swallows it as a style tag and the help reads "(or  in pyproject.toml)"."""
    import typer.main

    monkeypatch.setenv("COLUMNS", "400")
    bracketed = re.compile(r"\\?\[([a-z][\w.\-]*)\]")   # escaped or not: shown as written
    checked = 0
    for path, text in _help_texts(typer.main.get_command(app)):
        words = bracketed.findall(text)
        if not words:
            continue
        shown = " ".join(runner.invoke(app, [*path, "--help"], terminal_width=400).output.split())
        for word in words:
            checked += 1
            assert f"[{word}]" in shown, (path, word)
    assert checked, "no bracketed word in any help: the test has nothing to hold"
