"""`checker check` end to end, through Typer's runner, on a temporary git repository of stories.

The repository holds a clean story, one with a foreign photo caption, the same story with the
caption suppressed inline, by front matter and (as plain text) by a line directive, a hidden
and a binary file, and an excluded drafts folder. Every run shares the session's embedding
cache, so only runs over new text load the model.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from checker.cli import app
from tests.conftest import ROOT, SHARED
from tests.gitrepo import git, init

runner = CliRunner()
STORIES = Path(__file__).resolve().parent / "fixtures" / "check"
REPORT_SCHEMA = json.loads((SHARED / "contract" / "report.schema.json").read_text())
SARIF_SCHEMA = json.loads((SHARED / "contract" / "sarif-schema-2.1.0.json").read_text())
BAD_CAPTION = "![Firefighters battle flames as the Camp Fire"
CAPTION_LINE = 13  # of wildfire-foreign-caption.md


def _bad() -> str:
    return (STORIES / "wildfire-foreign-caption.md").read_text()


@contextmanager
def _cwd(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def check(cwd: Path, *args: str):
    with _cwd(cwd):
        return runner.invoke(app, ["check", *args])


def make_repo(root: Path) -> Path:
    stories = root / "stories"
    stories.mkdir(parents=True)
    shutil.copy(STORIES / "wildfire-clean.md", stories / "good.md")
    (stories / "bad.md").write_text(_bad())
    (stories / "inline.md").write_text(_bad().replace(
        BAD_CAPTION, "<!-- checker: disable-next-line=caption-mismatch -->\n" + BAD_CAPTION))
    (stories / "front.md").write_text(_bad().replace(
        "author: Nikos Vlachos\n", "author: Nikos Vlachos\nchecker:\n  disable: [caption-mismatch]\n"))
    (stories / "plain.txt").write_text((STORIES / "wildfire-foreign-caption.txt").read_text().replace(
        "Riot police", "# checker: disable-next-line=caption-mismatch\nRiot police"))
    (stories / ".draft.md").write_text(_bad())
    (stories / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (root / "drafts").mkdir()
    (root / "drafts" / "bad.md").write_text(_bad())
    (root / "checker.toml").write_text('exclude = ["drafts/"]\n')
    init(root)
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("newsroom"))


@pytest.fixture(scope="module")
def json_run(repo):
    return check(repo, ".", "--format", "json")


def _by_path(doc: dict) -> dict[str, dict]:
    return {f["path"]: f for f in doc["files"]}


def _rules(entry: dict, min_severity=("error", "warning")) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in entry["findings"] if f["severity"] in min_severity]


# -- the gate ----------------------------------------------------------------------------

def test_json_report_fails_on_the_foreign_caption_only(json_run):
    assert json_run.exit_code == 1, json_run.output
    doc = json.loads(json_run.stdout)
    jsonschema.validate(doc, REPORT_SCHEMA)
    files = _by_path(doc)
    assert list(files) == ["stories/bad.md", "stories/front.md", "stories/good.md",
                           "stories/inline.md", "stories/plain.txt"]
    bad = files["stories/bad.md"]
    assert bad["verdict"] == "fail"
    caption = [f for f in bad["findings"] if f["rule"] == "caption-mismatch"]
    assert [(f["severity"], f["line"], f["column"]) for f in caption] == [("error", CAPTION_LINE, 3)]
    assert "California" in caption[0]["message"] and caption[0]["evidence"]
    assert _rules(files["stories/good.md"]) == []
    for name in ("front.md", "inline.md", "plain.txt"):
        assert "caption-mismatch" not in [r for r, _ in _rules(files[f"stories/{name}"], ("error", "warning", "info"))]


def test_skips_are_notes_on_stderr_never_in_the_report(json_run):
    assert "stories/.draft.md: skipped (hidden file)" in json_run.stderr
    assert "stories/photo.md: skipped (binary file)" in json_run.stderr
    assert "drafts" not in json_run.stdout and "photo.md" not in json_run.stdout
    assert "suppressed in articles" in json_run.stderr


def test_output_is_deterministic(repo, json_run):
    again = check(repo, "stories", "--format", "json")
    assert again.stdout == json_run.stdout


def _text(out: str) -> list[tuple[str, int, int, str, str]]:
    pattern = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                         r"(?P<rule>[a-z-]+) .+$", re.M)
    return [(m["path"], int(m["line"]), int(m["col"]), m["sev"], m["rule"]) for m in pattern.finditer(out)]


def _sarif(out: str) -> list[tuple[str, int, int, str, str]]:
    doc = json.loads(out)
    jsonschema.validate(doc, SARIF_SCHEMA)
    found = []
    for result in doc["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        found.append((location["artifactLocation"]["uri"], region["startLine"], region["startColumn"],
                      result["level"], result["ruleId"]))
    return found


def _junit(out: str) -> list[tuple[str, int, int, str, str]]:
    root = ET.fromstring(out)
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert {"stories/good.md", "stories/bad.md"} <= set(cases)
    assert cases["stories/good.md"].find("failure") is None
    failure = cases["stories/bad.md"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    text = failure.text or ""
    assert f"{CAPTION_LINE}:3" in text and "caption-mismatch" in text
    return [("stories/bad.md", CAPTION_LINE, 3, "error", "caption-mismatch")]


def _github(out: str) -> list[tuple[str, int, int, str, str]]:
    pattern = re.compile(r"^::(?P<sev>error|warning|notice) (?P<props>[^:]*)::.+$", re.M)
    found = []
    for m in pattern.finditer(out):
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        found.append((props["file"], int(props["line"]), int(props["col"]), m["sev"], props["title"]))
    return found


@pytest.mark.parametrize("fmt,parse", [("text", _text), ("sarif", _sarif), ("junit", _junit),
                                       ("github", _github)])
def test_every_format_parses_back_with_the_exact_line(repo, json_run, tmp_path, fmt, parse):
    target = tmp_path / "out" / f"report.{fmt}"
    target.parent.mkdir()
    result = check(repo, "stories", "--format", fmt, "--output", str(target))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left
    found = parse(target.read_text())
    assert ("stories/bad.md", CAPTION_LINE, 3, "error", "caption-mismatch") in found
    suppressed = {"stories/front.md", "stories/inline.md", "stories/plain.txt"}
    assert not [f for f in found if f[0] in suppressed and f[4] == "caption-mismatch"]


# -- exit codes --------------------------------------------------------------------------

@pytest.mark.parametrize("args,code", [
    ([], 1),
    (["--fail-on", "warning"], 1),
    (["--fail-on", "never"], 0),
    (["--select", "date-inconsistency"], 0),              # a warning only
    (["--select", "date-inconsistency", "--fail-on", "warning"], 1),
    (["--select", "date-inconsistency,caption-mismatch", "--ignore", "caption-mismatch"], 0),
], ids=["default", "warning", "never", "warning-only", "warning-fails", "ignore"])
def test_fail_on_and_rule_selection(repo, json_run, args, code):
    result = check(repo, "stories/bad.md", *args)
    assert result.exit_code == code, result.output


def test_project_severity_override_and_info_threshold(repo, json_run, tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text('select = ["caption-mismatch"]\n[rules.caption-mismatch]\nseverity = "info"\n')
    args = ["stories/bad.md", "--config", str(config), "--format", "json"]
    result = check(repo, *args)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("caption-mismatch", "info")]
    assert check(repo, *args, "--fail-on", "info").exit_code == 1
    config.write_text('fail-on = "info"\n' + config.read_text())
    assert check(repo, *args).exit_code == 1


def test_unreadable_files_are_error_results_and_the_rest_still_run(repo, json_run, tmp_path):
    shutil.copy(repo / "stories" / "good.md", tmp_path / "good.md")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody.\n")
    (tmp_path / "empty.txt").write_text("")
    result = check(tmp_path, ".", "--format", "json")
    assert result.exit_code == 2, result.output  # a file that could not be read: exit 2
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, REPORT_SCHEMA)
    files = _by_path(doc)
    assert files["broken.md"]["status"] == "error" and "front matter" in files["broken.md"]["error"]
    assert files["empty.txt"]["status"] == "error" and "empty" in files["empty.txt"]["error"]
    assert files["good.md"]["status"] == "ok"
    assert check(tmp_path, ".", "--fail-on", "never").exit_code == 2  # never is for findings


def test_named_files_honour_excludes_as_a_hook_passes_them(repo, json_run):
    result = check(repo, "stories/good.md", "drafts/bad.md")
    assert result.exit_code == 0, result.output
    assert "drafts/bad.md: skipped (excluded by configuration)" in result.stderr


@pytest.mark.parametrize("setup,args,message", [
    ({"checker.toml": 'exclude = ["drafts/"]\nselcet = ["duplicate"]\n'}, [],
     ["checker.toml", "unknown key 'selcet'"]),
    ({"checker.toml": '[rules.duplicate.params]\nmin_wrods = 3\n'}, [],
     ["checker.toml", "rules.duplicate.params", "min_wrods"]),
    ({"checker.toml": None, "pyproject.toml": '[tool.checker]\nignore = ["boilerplat"]\n'}, [],
     ["pyproject.toml [tool.checker]", "ignore: unknown rule 'boilerplat'"]),
    ({}, ["--select", "caption-mismatch,nope"], ["--select: unknown rule 'nope'"]),
    ({}, ["--config", "missing.toml"], ["missing.toml: no such configuration file"]),
    ({"base.json": '{"schema": "x"}'}, ["--baseline", "base.json"], ["base.json", "not a checker baseline"]),
    ({}, ["--format", "xml"], ["xml"]),
], ids=["key", "param", "pyproject", "select", "config", "baseline", "format"])
def test_usage_and_configuration_errors_exit_2_naming_the_key(repo, tmp_path, setup, args, message):
    work = tmp_path / "repo"
    shutil.copytree(repo, work)
    for name, text in setup.items():
        if text is None:
            (work / name).unlink()
        else:
            (work / name).write_text(text)
    result = check(work, "stories", *args)
    assert result.exit_code == 2, result.output
    for needle in message:
        assert needle in result.output


# -- baseline ----------------------------------------------------------------------------

def test_baseline_accepts_old_findings_and_survives_edits_above_them(repo, json_run, tmp_path):
    work = tmp_path / "repo"
    shutil.copytree(repo, work)
    written = check(work, "stories", "--write-baseline", "checker-baseline.json")
    assert written.exit_code == 0, written.output
    doc = json.loads((work / "checker-baseline.json").read_text())
    assert doc["schema"] == "checker.baseline/1"
    assert {(e["path"], e["rule"]) for e in doc["findings"]} >= {("stories/bad.md", "caption-mismatch")}

    green = check(work, "stories", "--baseline", "checker-baseline.json", "--format", "json")
    assert green.exit_code == 0, green.output
    assert all(not f["findings"] for f in json.loads(green.stdout)["files"])
    # the baseline's paths do not depend on where checker runs
    assert check(work / "stories", ".", "--baseline", "../checker-baseline.json").exit_code == 0

    story = work / "stories" / "bad.md"
    text = story.read_text()
    anchor = "Greece's fire service said"
    extra = ("Officials in Lindos said the ancient acropolis above the town was not in danger and "
             "remained open to visitors on Saturday morning.\n\n")
    new_caption = ("\n\n![Demonstrators march through central Santiago, Chile, demanding pension "
                   "reform, Sept. 3, 2024.](march.jpg)\n")
    story.write_text(text.replace(anchor, extra + anchor) + new_caption)
    moved_to = CAPTION_LINE + 2
    assert BAD_CAPTION in story.read_text().splitlines()[moved_to - 1]
    edited = check(work, "stories", "--baseline", "checker-baseline.json", "--format", "json")
    findings = _by_path(json.loads(edited.stdout))["stories/bad.md"]["findings"]
    caption = [f for f in findings if f["rule"] == "caption-mismatch"]
    assert [f["line"] for f in caption] == [len(story.read_text().splitlines())]  # only the new one
    assert edited.exit_code == 1, edited.output


# -- pull requests -----------------------------------------------------------------------

def test_changed_since_checks_only_the_pull_requests_files(repo, json_run, tmp_path):
    work = tmp_path / "repo"
    shutil.copytree(repo, work)
    git(work, "checkout", "-q", "-b", "new-story")
    (work / "stories" / "new.md").write_text(_bad())
    good = work / "stories" / "good.md"
    good.write_text(good.read_text().replace("author: Eleni Marou", "author: Eleni Marou-Pappa"))
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "new story")
    result = check(work, "stories", "--changed-since", "main", "--format", "json")
    assert result.exit_code == 1, result.output
    assert list(_by_path(json.loads(result.stdout))) == ["stories/good.md", "stories/new.md"]
    assert check(work, "stories", "--changed-since", "HEAD").exit_code == 0  # nothing changed

    bad_ref = check(work, "stories", "--changed-since", "no-such-branch")
    assert bad_ref.exit_code == 2 and "unknown git ref 'no-such-branch'" in bad_ref.output
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text(_bad())
    outside = check(plain, ".", "--changed-since", "main")
    assert outside.exit_code == 2 and "not inside a git repository" in outside.output


def test_one_model_load_for_many_chunks(repo, json_run, monkeypatch):
    from checker.check import run
    from checker.embed import ModelSpec

    loads = []
    real = ModelSpec.load
    monkeypatch.setattr(ModelSpec, "load", lambda self, *a: loads.append(a) or real(self, *a))
    monkeypatch.setattr(run, "CHUNK_FILES", 2)
    result = check(repo, "stories", "--format", "json", "--no-cache")
    assert len(loads) == 1
    assert result.stdout == json_run.stdout


# -- integrations ------------------------------------------------------------------------

def test_pre_commit_hook_and_action_are_well_formed():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "checker" and hook["entry"] == "checker check"
    assert hook["require_serial"] is True  # one process, so one model load
    for name in ("a.md", "b.markdown", "c.txt", "d.html", "e.json"):
        assert re.search(hook["files"], name), name
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "changed-since", "baseline"} <= set(action["inputs"])
    steps = " ".join(str(s) for s in action["runs"]["steps"])
    assert "upload-sarif" in steps
    # Stock pip, no wheel folder or extra index: the default install needs no torch.
    assert "torch" not in steps and "index-url" not in steps


def test_docs_workflow_example_uses_the_action():
    doc = (ROOT / "docs" / "ci.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    workflows = [yaml.safe_load(b) for b in blocks if "jobs:" in b]
    assert workflows
    steps = [s for w in workflows for job in w["jobs"].values() for s in job["steps"]]
    assert any("fetch-depth" in str(s.get("with", {})) for s in steps)
    (action,) = [s for s in steps if str(s.get("uses", "")).split("@")[0].endswith("/checker")]
    assert {"paths", "changed-since", "fail-on"} <= set(action["with"])


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    """`checker check ... | head`: the closed pipe is not an error, and the exit code still
    reports the findings."""
    import subprocess
    import sys

    for i in range(150):  # a JSON report well past a pipe's buffer
        shutil.copy(ROOT / "samples" / "trailer-headlines.txt", tmp_path / f"a{i}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "checker.cli", "check", "--format", "json", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10).startswith(b"{")
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait() == 1, stderr
    assert "cannot write" not in stderr and "Traceback" not in stderr, stderr
    assert "150 files checked" in stderr
