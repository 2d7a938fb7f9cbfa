"""The pieces of `checker check` on their own: discovery, project settings, directives,
baseline fingerprints, git changes. No model is loaded here."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker import project
from checker.check import baseline, gitdiff, suppress
from checker.check.discover import Excluder, discover
from checker.config import ConfigError
from checker.model import Finding, Severity
from checker.read import ReadError, read_text
from checker.rules import BY_ID
from tests.gitrepo import git, init

KNOWN = list(BY_ID)


def _finding(rule="caption-mismatch", path="stories/a.md", line=13, excerpt="Firefighters battle flames",
             message="Caption is set in Paradise (0.93)") -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, path=path, line=line, column=3, end_line=line,
                   end_column=40, message=message, confidence=0.9, evidence={}, excerpt=excerpt)


# -- discovery ---------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("b/z.md", "b/a.txt", "a.md", "b/c/deep.html", "b/c/data.json", "notes.rst",
                 "b/photo.jpg", ".hidden.md", ".git/x.md", ".obsidian/y.md", "drafts/d.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Headline\n\nBody text.\n")
    (tmp_path / "b" / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "b" / "utf16.txt").write_bytes("Headline\n\nBody.\n".encode("utf-16"))
    return tmp_path


def test_walk_is_recursive_sorted_and_skips_hidden_and_binary_with_notes(tree):
    found = discover(["."])
    assert found.files == ["a.md", "b/a.txt", "b/c/data.json", "b/c/deep.html", "b/utf16.txt",
                           "b/z.md", "drafts/d.md"]
    assert ".hidden.md: skipped (hidden file)" in found.notes
    assert ".obsidian/: skipped (hidden folder)" in found.notes
    assert "b/binary.md: skipped (binary file)" in found.notes
    assert not any(".git" in note for note in found.notes)  # version control: silently


def test_walk_leaves_a_folders_documentation_out_unless_named(tree):
    for name in ("README.md", "b/CHANGELOG.md", "b/License.txt"):
        (tree / name).write_text("Project notes\n\nHow to add a story.\n")
    found = discover(["."])
    assert not {"README.md", "b/CHANGELOG.md", "b/License.txt"} & set(found.files)
    assert "README.md: skipped (the folder's documentation, not a story; name it to check it)" in found.notes
    assert "b/z.md" in found.files  # stories beside it are still walked
    assert discover(["README.md"]).files == ["README.md"]


def test_walk_takes_json_only_when_it_holds_an_article(tree):
    (tree / "b" / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    (tree / "b" / "story.json").write_text('{"headline": "H", "body": "B."}')
    found = discover(["b"])
    assert "b/story.json" in found.files and "b/package.json" not in found.files
    assert "b/package.json: skipped (JSON without headline, body or captions)" in found.notes
    assert "b/package.json" in discover(["b/package.json"]).files  # named: checked, and its error shown


def test_named_files_globs_duplicates_and_missing_paths(tree):
    found = discover(["notes.rst", "b/**/*.html", "a.md", "./a.md", str(tree / "a.md"), "gone.md",
                      "nothing/*.md"])
    assert found.files == ["a.md", "b/c/deep.html", "gone.md", "notes.rst"]
    assert "nothing/*.md: no files match" in found.notes


def test_exclude_patterns_apply_to_walks_and_named_files(tree):
    excluded = Excluder(tree, ["drafts/", "*.json", "/b/c/deep.html"])
    found = discover([".", "drafts/d.md"], excluded)
    assert "drafts/d.md" not in found.files and "b/c/data.json" not in found.files
    assert "b/c/deep.html" not in found.files and "b/z.md" in found.files
    assert "drafts/d.md: skipped (excluded by configuration)" in found.notes
    # patterns are relative to the project folder: a file outside it is never excluded
    assert not Excluder(tree / "b", ["*.md"])(str(tree / "a.md"))


# -- project settings --------------------------------------------------------------------

def test_project_found_upward_checker_toml_before_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nignore = ["boilerplate"]\n')
    deep = tmp_path / "stories" / "2025"
    deep.mkdir(parents=True)
    proj = project.discover([str(deep)])
    assert proj.ignore == ("boilerplate",) and proj.root == tmp_path
    assert proj.where.endswith("pyproject.toml [tool.checker]")
    (tmp_path / "stories" / "checker.toml").write_text('select = ["duplicate", "caption-mismatch"]\n')
    proj = project.discover([str(deep / "a.md"), str(deep)])
    assert proj.select == ("duplicate", "caption-mismatch") and proj.root == tmp_path / "stories"


@pytest.mark.parametrize("make, what", [
    (lambda p: (p / "x").mkdir(parents=True), "a folder"),
    (lambda p: p.symlink_to(p.parent / "missing.toml"), "a broken link"),
], ids=["folder", "broken link"])
def test_a_checker_toml_that_is_no_file_is_an_error_not_passed_over(tmp_path, make, what):
    make(tmp_path / "checker.toml")
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nignore = ["boilerplate"]\n')
    with pytest.raises(ConfigError, match=what) as info:
        project.discover([str(tmp_path)])
    assert str(tmp_path / "checker.toml") in str(info.value)


def test_an_unreadable_checker_toml_is_an_error_naming_it(tmp_path, monkeypatch):
    path = tmp_path / "checker.toml"
    path.write_text('fail-on = "warning"\n')
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if self == path else real_open(self, *a, **k))
    with pytest.raises(ConfigError, match="cannot read: Permission denied") as info:
        project.discover([str(tmp_path)])
    assert str(path) in str(info.value)


def test_pyproject_without_checker_table_is_passed_over(tmp_path):
    (tmp_path / "checker.toml").write_text('fail-on = "warning"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')
    assert project.discover([str(tmp_path / "sub")]).fail_on == "warning"


@pytest.mark.parametrize("text,error", [
    ('selcet = ["duplicate"]\n', "unknown key 'selcet'"),
    ('select = ["duplicat"]\n', r"select: unknown rule 'duplicat'"),
    ('ignore = "boilerplate, nope"\n', r"ignore: unknown rule 'nope'"),
    ('exclude = "drafts"\n', "exclude: expected a list of strings"),
    ('fail-on = "fatal"\n', "fail-on: expected one of error, warning, info, never"),
    ('[rules.duplicate]\nseverity = "fatal"\n', r"rules\.duplicate\.severity: unknown severity 'fatal'"),
    ('[rules.duplicate]\nsevirity = "error"\n', r"rules\.duplicate: unknown key 'sevirity'"),
    ('[rules.duplicate.params]\nmin_wrods = 3\n', r"rules\.duplicate\.params: unknown key 'min_wrods'"),
    ('[rules.duplicate.params]\nmin_ratio = "high"\n', r"rules\.duplicate\.params\.min_ratio: expected a finite number"),
    ('[rules.no-such-rule]\nenabled = false\n', "rules.no-such-rule: unknown rule"),
    ('select = [\n', "invalid TOML"),
], ids=["key", "select", "ignore", "exclude", "fail-on", "severity", "rule key", "param", "param type",
        "rule", "toml"])
def test_config_mistakes_name_the_file_and_key(tmp_path, text, error):
    path = tmp_path / "checker.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=error) as info:
        project.read(path)
    assert str(path) in str(info.value)


def test_rule_config_merges_tables_then_select_and_ignore(tmp_path):
    path = tmp_path / "checker.toml"
    path.write_text('select = ["duplicate", "boilerplate", "caption-mismatch"]\nignore = ["boilerplate"]\n'
                    '[rules.duplicate]\nseverity = "error"\nparams = { min_words = 5 }\n')
    proj = project.read(path)
    config = project.rule_config(proj)
    enabled = {rc.rule.id for rc in config.enabled()}
    assert enabled == {"duplicate", "caption-mismatch"}
    dup = config.get("duplicate")
    assert dup.severity is Severity.ERROR and dup.params.min_words == 5 and dup.params.min_ratio == 0.93
    # the command line replaces the project's lists
    config = project.rule_config(proj, select=["off-topic", "boilerplate"], ignore=[])
    assert {rc.rule.id for rc in config.enabled()} == {"off-topic", "boilerplate"}


def test_params_a_rule_rejects_together_name_the_project_file(tmp_path):
    path = tmp_path / "checker.toml"
    path.write_text("[rules.caption-mismatch.params]\nmin_probability = 0.1\nreport_probability = 0.5\n")
    with pytest.raises(ConfigError, match="checker.toml"):
        project.rule_config(project.read(path))


def test_explicit_config_must_exist_and_pyproject_needs_the_table(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        project.discover(["."], tmp_path / "missing.toml")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.checker\] table"):
        project.discover(["."], tmp_path / "pyproject.toml")


# -- directives --------------------------------------------------------------------------

MD = """---
title: A headline
checker:
  disable: [duplicate]
---

First paragraph.

<!-- checker: disable-next-line=caption-mismatch, off-topic -->

![A caption](x.jpg)

<!-- checker: disable=boilerplate -->
Promo one.

Promo two.
<!-- checker: enable -->
Promo three.

<!-- checker: disable -->
<!-- checker: enable=off-topic -->
Last paragraph.
<!-- checker: disabel=boilerplate -->
<!-- just a comment -->
<!-- checker: disable=no-such-rule -->
"""


def _covered(rules: suppress.Suppressions, rule: str, line: int) -> bool:
    return rules.covers(_finding(rule=rule, line=line))


def test_markdown_comments_and_front_matter():
    source = read_text(MD, "a.md", "md")
    rules, notes = suppress.suppressions(source, KNOWN)
    assert all(_covered(rules, "duplicate", n) for n in (1, 9, 22))       # front matter: whole file
    assert _covered(rules, "caption-mismatch", 11) and _covered(rules, "off-topic", 11)
    assert not _covered(rules, "caption-mismatch", 12) and not _covered(rules, "boilerplate", 11)
    assert _covered(rules, "boilerplate", 14) and _covered(rules, "boilerplate", 16)
    assert not _covered(rules, "boilerplate", 18)                          # after the bare enable
    assert not _covered(rules, "boilerplate", 17)                          # from the enable's own line
    assert _covered(rules, "boilerplate", 22) and not _covered(rules, "off-topic", 22)
    assert not _covered(rules, "headline-mismatch", 2)
    assert any("not a checker directive" in n and ":23:" in n for n in notes)
    assert any("unknown rule 'no-such-rule'" in n for n in notes)
    assert len(notes) == 2  # the ordinary comment is left alone


def test_a_json_story_suppresses_with_a_key_of_its_own():
    source = read_text('{"headline": "H", "body": ["B."], "checker": {"disable": ["duplicate"]}}', "a.json", "json")
    rules, notes = suppress.suppressions(source, KNOWN)
    assert _covered(rules, "duplicate", 1) and not _covered(rules, "boilerplate", 1) and not notes
    source = read_text('{"headline": "H", "body": ["B."], "checker": {"disable": "all"}}', "a.json", "json")
    assert _covered(suppress.suppressions(source, KNOWN)[0], "boilerplate", 1)


def test_front_matter_all_and_bad_values():
    source = read_text("---\ntitle: T\nchecker: {disable: all}\n---\n\nBody.\n", "a.md", "md")
    rules, _ = suppress.suppressions(source, KNOWN)
    assert _covered(rules, "headline-mismatch", 2)
    source = read_text("---\ntitle: T\nchecker: {disabled: [duplicate]}\n---\n\nBody.\n", "a.md", "md")
    rules, notes = suppress.suppressions(source, KNOWN)
    assert not _covered(rules, "duplicate", 6) and "expected a mapping" in notes[0]


TXT = """Headline of the story

# checker: disable-next-line=caption-mismatch
Riot police watch a rally in Caracas, Venezuela. (AP Photo/Someone)

Body paragraph.
  #checker: disable=boilerplate
Sign up for our newsletter.
"""


def test_txt_directive_lines_are_blanked_with_line_numbers_kept():
    source = read_text(TXT, "a.txt", "txt")
    assert len(source.text) == len(TXT) and source.text.count("\n") == TXT.count("\n")
    assert all("checker" not in b.text for b in source.blocks)
    caption = next(b for b in source.blocks if b.text.startswith("Riot"))
    assert source.position(caption.start) == (4, 1)
    rules, notes = suppress.suppressions(source, KNOWN)
    assert not notes
    assert _covered(rules, "caption-mismatch", 4) and not _covered(rules, "caption-mismatch", 6)
    assert _covered(rules, "boilerplate", 8) and not _covered(rules, "boilerplate", 6)
    # stacked directives all point at the content line below them
    stacked = read_text("Headline\n\n# checker: disable-next-line=duplicate\n# checker: disable-next-line=boilerplate\n"
                        "Sign up now.\n", "c.txt", "txt")
    rules, _ = suppress.suppressions(stacked, KNOWN)
    assert _covered(rules, "duplicate", 5) and _covered(rules, "boilerplate", 5)
    # a file of directives alone has no article in it
    with pytest.raises(ReadError, match="only checker directives"):
        read_text("# checker: disable\n\n", "d.txt", "txt")
    # an article line that merely mentions a hash tag is content
    plain = read_text("Headline\n\n#checker fans met on Monday.\n", "b.txt", "txt")
    assert plain.text.endswith("#checker fans met on Monday.\n") and "directives" not in plain.meta


# -- baseline ----------------------------------------------------------------------------

def test_fingerprint_ignores_position_and_whitespace_not_content(tmp_path):
    a = _finding(line=13)
    moved = _finding(line=40, excerpt="Firefighters  battle\nflames")
    assert baseline.fingerprint(a, tmp_path) == baseline.fingerprint(moved, tmp_path)
    assert baseline.fingerprint(a, tmp_path) != baseline.fingerprint(_finding(excerpt="Other text"), tmp_path)
    assert baseline.fingerprint(a, tmp_path) != baseline.fingerprint(_finding(path="stories/b.md"), tmp_path)
    assert baseline.fingerprint(a, tmp_path) != baseline.fingerprint(_finding(rule="off-topic"), tmp_path)
    # without an excerpt, drifting numbers in the message do not matter
    x, y = _finding(excerpt="", message="similarity 0.41"), _finding(excerpt="", message="similarity 0.44")
    assert baseline.fingerprint(x, tmp_path) == baseline.fingerprint(y, tmp_path)


def test_paths_are_relative_to_the_baseline_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stories").mkdir()
    here = baseline.fingerprint(_finding(path="stories/a.md"), tmp_path)
    monkeypatch.chdir(tmp_path / "stories")
    assert baseline.fingerprint(_finding(path="a.md"), tmp_path) == here


def test_duplicates_are_counted(tmp_path):
    from checker.model import FileResult

    twice = FileResult("stories/a.md", None, (_finding(line=3), _finding(line=9)))
    doc = baseline.document([twice], tmp_path)
    assert doc["schema"] == "checker.baseline/1" and doc["findings"][0]["count"] == 2
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(doc))
    accepted = baseline.load(path)
    kept, absorbed = baseline.subtract([_finding(line=1), _finding(line=5), _finding(line=8)], accepted, tmp_path)
    assert absorbed == 2 and [f.line for f in kept] == [8]


def test_a_labels_file_silences_its_false_alarms_only(tmp_path, monkeypatch):
    """The labels the audit report exports: false alarms are dismissed, confirmed findings and
    unreviewed ones stay; `file` is relative to the labels file, as `checker train` reads it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels").mkdir()
    path = tmp_path / "labels" / "labels.jsonl"
    records = [
        {"file": "../stories/a.md", "positive_lines": [3], "accept_rules": ["off-topic"],
         "ignore_lines": [], "false_alarms": [
             {"rule": "caption-mismatch", "line": 13, "end_line": 13,
              "excerpt": "Firefighters  battle FLAMES", "message": "ignored when there is an excerpt"},
             {"rule": "boilerplate", "line": 20, "end_line": 20, "excerpt": None,
              "message": "Caption is set in Paradise (0.41)"}]},
        {"file": "../stories/b.md", "positive_lines": [], "accept_rules": [], "ignore_lines": []},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    accepted = baseline.load(path)
    assert sum(accepted.values()) == 2
    findings = [_finding(), _finding(rule="boilerplate", excerpt=None, line=20),
                _finding(rule="off-topic", line=3), _finding(path="stories/b.md")]
    kept, absorbed = baseline.subtract(findings, accepted, path.parent)
    assert absorbed == 2 and [(f.rule, f.path) for f in kept] == [
        ("off-topic", "stories/a.md"), ("caption-mismatch", "stories/b.md")]
    path.write_text(json.dumps(records[0]))  # one record is one JSON object
    assert sum(baseline.load(path).values()) == 2
    path.write_text(json.dumps(records[0]) + "\n" + json.dumps({"file": "x", "false_alarms": [{}]}))
    with pytest.raises(baseline.BaselineError, match=r"labels.jsonl:2: false_alarms\[0\]"):
        baseline.load(path)


@pytest.mark.parametrize("text,error", [
    ("{", "not JSON"),
    ('{"schema": "other"}', "not a checker baseline"),
    ('{"schema": "checker.baseline/1", "findings": [{"count": 1}]}', r"findings\[0\]"),
])
def test_bad_baseline_files(tmp_path, text, error):
    path = tmp_path / "b.json"
    path.write_text(text)
    with pytest.raises(baseline.BaselineError, match=error):
        baseline.load(path)
    with pytest.raises(baseline.BaselineError, match="missing"):
        baseline.load(tmp_path / "none.json")


# -- git ---------------------------------------------------------------------------------

def test_changed_files_since_a_ref(tmp_path):
    repo = tmp_path / "repo"
    (repo / "s").mkdir(parents=True)
    for name in ("old.md", "edited.md", "gone.md", "renamed.md"):
        (repo / "s" / name).write_text(f"{name}\n")
    (repo / ".gitignore").write_text("*.tmp.md\n")
    init(repo)
    git(repo, "checkout", "-q", "-b", "story")
    (repo / "s" / "new.md").write_text("new\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "add")
    (repo / "s" / "edited.md").write_text("changed, not committed\n")
    (repo / "s" / "gone.md").unlink()
    git(repo, "mv", "s/renamed.md", "s/moved.md")
    (repo / "s" / "untracked.md").write_text("u\n")
    (repo / "s" / "ignored.tmp.md").write_text("i\n")
    changed = gitdiff.changed_files("main", repo / "s")
    assert {Path(p).name for p in changed} == {"new.md", "edited.md", "moved.md", "untracked.md"}
    with pytest.raises(gitdiff.GitError, match="unknown git ref 'nope'"):
        gitdiff.changed_files("nope", repo)
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(gitdiff.GitError, match="not inside a git repository"):
        gitdiff.changed_files("main", outside)


# -- atomic writes -----------------------------------------------------------------------

def test_atomic_write_replaces_whole_or_leaves_the_old_file(tmp_path):
    from checker import atomic

    target = tmp_path / "report.sarif"
    target.write_text("old")

    def half(out):
        out.write("half a rep")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic.write(target, half)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.sarif"]
    atomic.write(target, lambda out: out.write("new\n"))
    mask = os.umask(0)
    os.umask(mask)
    assert target.read_text() == "new\n" and target.stat().st_mode & 0o777 == 0o666 & ~mask
