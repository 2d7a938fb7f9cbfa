"""The CI formats (text, sarif, junit, github) on reports from the real engine, parsed back."""
from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import checker
from checker.model import FileResult, Finding, Report, Severity
from checker.report import FORMATS
from checker.report import junit as junit_format
from checker.report import sarif as sarif_format
from checker.report.github import escape_data, escape_property
from checker.report.paths import ci_path
from checker.rules import RULES
from tests.helpers import check_text
from tests.test_report_json import build_report

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "contract" / "sarif-schema-2.1.0.json"
CI_FORMATS = ("text", "sarif", "junit", "github")
LEVEL = {"error": "error", "warning": "warning", "info": "note"}

HTML = """\
<html><head><title>Floods</title></head>
<body><article>
<h1>Floods cut off hundreds of thousands in northeast Bangladesh as rivers keep rising</h1>
{paragraphs}
</article></body></html>
"""


@pytest.fixture(scope="module")
def report(engine, tmp_path_factory) -> Report:
    """Samples with and without damage, an HTML page, a JSON article and a missing file."""
    tmp = tmp_path_factory.mktemp("formats")
    sample = (ROOT / "samples" / "foreign-caption-same-topic.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in sample.split("\n\n")[1:] if p.strip()]
    credit = "AP Photo/Pervez Masih/File"
    html_lines = [f"<figure><figcaption>{p[len(credit):]} <span class=credit>{credit}</span>"
                  "</figcaption></figure>" if p.startswith(credit) else f"<p>{p}</p>"
                  for p in paragraphs]
    (tmp / "flood.html").write_text(HTML.format(paragraphs="\n".join(html_lines)), encoding="utf-8")
    (tmp / "flood.json").write_text(json.dumps({
        "headline": sample.split("\n", 1)[0], "date": "2024-06-20",
        "captions": [{"text": p[len(credit):], "credit": credit}
                     for p in paragraphs if p.startswith(credit)],
        "body": [p for p in paragraphs if not p.startswith(credit)]}, indent=2), encoding="utf-8")
    paths = [ROOT / "samples" / "foreign-caption-same-topic.txt",
             ROOT / "samples" / "clean-multi-country.txt",
             ROOT / "samples" / "promo-and-duplicate.md",
             tmp / "flood.html", tmp / "flood.json", tmp / "missing.txt"]
    return engine.run([str(p) for p in paths])


def render(fmt: str, report: Report) -> str:
    out = io.StringIO()
    FORMATS[fmt](report, out)
    return out.getvalue()


def findings(report: Report) -> list[Finding]:
    return [f for r in report.files for f in r.findings]


def clean(report: Report) -> Report:
    return Report(tuple(r for r in report.files if not r.findings and not r.error),
                  report.model, report.version, report.seconds)


def test_formats_are_registered() -> None:
    assert set(CI_FORMATS) <= set(FORMATS)


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_same_input_same_bytes(fmt: str, report: Report) -> None:
    assert render(fmt, report) == render(fmt, report)
    assert render(fmt, build_report()) == render(fmt, build_report())


def test_the_report_has_what_the_formats_must_show(report: Report) -> None:
    by_name = {Path(r.path).name: r for r in report.files}
    assert by_name["missing.txt"].error and not by_name["clean-multi-country.txt"].findings
    for name in ("foreign-caption-same-topic.txt", "flood.html", "flood.json"):
        assert any(f.rule == "caption-mismatch" for f in by_name[name].findings), name


# -- text ------------------------------------------------------------------------------------

_TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<severity>error|warning|info) (?P<rule>[a-z-]+) (?P<message>.+)$")


def test_text_one_line_per_finding_and_one_summary(report: Report) -> None:
    from checker.report.text import summary

    lines = render("text", report).splitlines()
    parsed = [_TEXT_LINE.match(line) for line in lines]
    assert all(parsed), lines
    expected = []
    for r in report.files:
        expected += [(f.path, f.line, f.column, f.severity.label, f.rule) for f in r.findings]
    assert [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["rule"])
            for m in parsed] == expected
    flagged = sum(1 for r in report.files if r.findings)
    counts = ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in
                       (("error", report.count(Severity.ERROR)),
                        ("warning", report.count(Severity.WARNING)),
                        ("info", report.count(Severity.INFO))) if n)
    assert summary(report) == (f"Found {len(findings(report))} findings ({counts}) in {flagged} of "
                               f"{len(report.files)} files; 1 file could not be checked.")


def test_text_clean_run(report: Report) -> None:
    from checker.report.text import summary

    assert render("text", clean(report)) == ""
    assert summary(clean(report)) == "All checks passed."


def test_text_statistics_count_each_rule() -> None:
    from checker.report.text import statistics

    flood = build_report().files[0]
    finding = flood.findings[0]
    report = Report((FileResult("a.md", None, (finding, finding, dataclasses.replace(
        finding, rule="duplicate", severity=Severity.WARNING))),), "m", "0")
    assert statistics(report) == [f"2  {finding.rule}  ({finding.severity.label})",
                                  "1  duplicate  (warning)"]


def test_text_control_characters_are_shown_escaped() -> None:
    flood = build_report().files[0]
    odd = dataclasses.replace(flood.findings[0], path="a\x1b[2Jb.md",
                              message="fake \x1b]8;;http://x\x07link\x1b]8;;\x07 \x9b31m \u202eevil")
    text = render("text", Report((FileResult(odd.path, None, (odd,)),), "m", "0"))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text.replace("\n", ""))
    assert text.startswith("a\\x1b[2Jb.md:") and "\\x1b]8;;http://x\\x07link" in text
    assert "\\x9b31m \\u202eevil" in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_colour_only_on_a_terminal(report: Report, monkeypatch) -> None:
    assert "\x1b[" not in render("text", report)
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = _Terminal()
    FORMATS["text"](report, tty)
    assert "\x1b[" in tty.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", tty.getvalue()) == render("text", report)
    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Terminal()
    FORMATS["text"](report, tty)
    assert "\x1b[" not in tty.getvalue()


# -- sarif -----------------------------------------------------------------------------------

def validate_sarif(document: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(document)


def test_sarif_is_valid_and_holds_every_finding(report: Report) -> None:
    document = json.loads(render("sarif", report))
    validate_sarif(document)
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[:len(RULES)]] == [r.id for r in RULES]
    results = run["results"]
    assert len(results) == len(findings(report))
    for result, f in zip(results, findings(report)):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f.rule
        assert result["level"] == LEVEL[f.severity.label]
        assert result["message"]["text"] == f.message
        location = result["locations"][0]["physicalLocation"]
        assert "\\" not in location["artifactLocation"]["uri"]
        assert location["region"] == {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line, "endColumn": f.end_column,
                                      "snippet": {"text": f.excerpt}}
        assert result["properties"]["confidence"] == f.confidence
        assert set(result["properties"]["evidence"]) == set(f.evidence)
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_carry_their_docs(report: Report) -> None:
    driver = json.loads(render("sarif", report))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == checker.HOMEPAGE
    assert driver["semanticVersion"] == driver["version"] == checker.__version__
    configured = {rule_id: (severity, enabled) for rule_id, severity, enabled in report.rules}
    assert set(configured) == {r.id for r in RULES}
    for descriptor, rule in zip(driver["rules"], RULES):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert "## What it flags" in descriptor["help"]["markdown"]
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(descriptor[key]["text"]) <= 1024, (rule.id, key)
        assert descriptor["fullDescription"]["text"][:60] in " ".join(descriptor["help"]["text"].split())
        severity, enabled = configured[rule.id]
        assert descriptor["defaultConfiguration"] == {"enabled": enabled, "level": LEVEL[severity.label]}
        assert descriptor["helpUri"] == (f"{checker.HOMEPAGE}/blob/v{checker.__version__}/docs/rules/"
                                         f"{rule.id}.md")
        assert (ROOT / "docs" / "rules" / f"{rule.id}.md").is_file()
        assert "news" in descriptor["properties"]["tags"]


def test_sarif_descriptions_are_cut_at_a_sentence() -> None:
    long = "A sentence of forty characters or so. " * 40
    cut = sarif_format._within(long)
    assert len(cut) <= 1024 and cut.endswith(".") and long.startswith(cut)


def test_sarif_unreadable_files_are_notifications(report: Report) -> None:
    invocation = json.loads(render("sarif", report))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "no such file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("missing.txt")
    clean_run = json.loads(render("sarif", clean(report)))
    validate_sarif(clean_run)
    assert clean_run["runs"][0]["invocations"][0] == {"executionSuccessful": True,
                                                      "toolExecutionNotifications": []}


def test_sarif_paths_are_relative_uris(monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    root = tmp_path
    assert sarif_format.artifact(str(tmp_path / "news" / "a b.html"), root) == \
        {"uri": "news/a%20b.html", "uriBaseId": "%SRCROOT%"}
    assert sarif_format.artifact("news/x:y.txt", root)["uri"] == "news/x%3Ay.txt"
    assert sarif_format.artifact("/elsewhere/a.txt", root) == {"uri": "file:///elsewhere/a.txt"}


def test_sarif_paths_are_from_the_repository_root_wherever_it_runs(monkeypatch, tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "stories" / "2024").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "stories")
    base = build_report()
    flood = dataclasses.replace(base.files[0], path="2024/floods.md")
    flood = dataclasses.replace(flood, findings=tuple(dataclasses.replace(f, path="2024/floods.md")
                                                      for f in flood.findings))
    document = json.loads(render("sarif", Report((flood,), "m", "1.0.0")))
    validate_sarif(document)
    run = document["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == \
            {"uri": "stories/2024/floods.md", "uriBaseId": "%SRCROOT%"}


def test_sarif_fingerprints_include_the_path() -> None:
    base = build_report()
    flood = base.files[0]
    copy = dataclasses.replace(flood, path="other.md", findings=tuple(
        dataclasses.replace(f, path="other.md") for f in flood.findings))
    run = sarif_format.document(Report((flood, copy), "m", "0"))["runs"][0]
    prints = [r["partialFingerprints"]["checker/v2"] for r in run["results"]]
    assert len(set(prints)) == len(prints) == 2 * len(flood.findings)


def test_sarif_fingerprints_survive_moved_lines(engine) -> None:
    text = (ROOT / "samples" / "foreign-caption-same-topic.txt").read_text(encoding="utf-8")

    def prints(article: str) -> list[tuple[str, str, int]]:
        result = check_text(engine, article, "txt", "a.txt")
        document = sarif_format.document(Report((result,), "m", "0"))
        return [(r["ruleId"], r["partialFingerprints"]["checker/v2"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in document["runs"][0]["results"]]

    before, after = prints(text), prints("\n\n\n" + text)
    assert before and [p[:2] for p in before] == [p[:2] for p in after]
    assert [p[2] + 3 for p in before] == [p[2] for p in after]
    assert len({p[1] for p in before}) == len(before)


def test_sarif_rule_ids_outside_the_registry_get_a_descriptor() -> None:
    base = build_report()
    flood = base.files[0]
    reuse = dataclasses.replace(flood.findings[0], rule="caption-reuse")
    report = Report((dataclasses.replace(flood, findings=flood.findings + (reuse,)),),
                    base.model, base.version)
    document = json.loads(render("sarif", report))
    validate_sarif(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "caption-reuse"
    assert run["results"][-1]["ruleIndex"] == len(rules) - 1


# -- junit -----------------------------------------------------------------------------------

JUNIT_XSD = Path(__file__).resolve().parent / "fixtures" / "junit" / "junit.xsd"


def validate_junit(text: str) -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(text.encode("utf-8"))
    schema.assertValid(document)


def test_junit_one_case_per_file_and_rule(report: Report) -> None:
    text = render("junit", report)
    validate_junit(text)
    root = ET.fromstring(text)
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "checker"
    cases = suite.findall("testcase")
    per_article = [rule_id for rule_id, _, enabled in report.rules
                   if enabled and rule_id != "caption-reuse"]
    expected = []
    for result in report.files:
        classname = junit_format.classname_of(ci_path(result.path))
        if result.error:
            expected.append((classname, "file-error"))
        else:
            expected += [(classname, rule) for rule in per_article]
    assert [(c.get("classname"), c.get("name")) for c in cases] == expected
    assert all("/" not in c.get("classname") for c in cases)
    failing = errors = 0
    by_case = {(c.get("classname"), c.get("name")): c for c in cases}
    for result in report.files:
        classname = junit_format.classname_of(ci_path(result.path))
        if result.error:
            errors += 1
            assert by_case[classname, "file-error"].find("error").get("message") == "no such file"
            continue
        for rule in per_article:
            case = by_case[classname, rule]
            serious = [f for f in result.findings if f.rule == rule and f.severity >= Severity.ERROR]
            failure = case.find("failure")
            if serious:
                failing += 1
                assert [line.split(" ")[:3] for line in failure.text.splitlines()] == \
                    [[f"{f.line}:{f.column}:", f.severity.label, f.rule] for f in serious]
            else:
                assert failure is None
    assert suite.get("tests") == root.get("tests") == str(len(cases))
    assert suite.get("failures") == str(failing) and suite.get("errors") == str(errors)
    assert set(root.attrib) == {"name", "tests", "failures", "errors", "time"}


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_junit_failures_follow_fail_on_as_the_exit_code_does(report: Report, fail_on: str) -> None:
    from checker.check.run import fails

    gated = dataclasses.replace(clean_of_errors(report), fail_on=fail_on)
    text = render("junit", gated)
    validate_junit(text)
    failures = ET.fromstring(text).findall("testsuite/testcase/failure")
    assert bool(failures) == fails(gated, fail_on)
    if fail_on == "never":
        assert not failures and ET.fromstring(text).find("testsuite/testcase/system-out") is not None


def clean_of_errors(report: Report) -> Report:
    return dataclasses.replace(report, files=tuple(r for r in report.files if not r.error))


def test_junit_classnames_group_by_folder() -> None:
    assert junit_format.classname_of("stories/floods-sylhet.md") == "stories.floods-sylhet_md"
    assert junit_format.classname_of("2024.06/a.b.txt") == "2024_06.a_b_txt"
    assert junit_format.classname_of("/abs/x.md") == "abs.x_md"


def test_junit_escapes_markup_and_control_characters() -> None:
    base = build_report()
    flood = base.files[0]
    odd = dataclasses.replace(flood.findings[0], message='<b>"Tom & Jerry"</b>\x01\x00 ]]>',
                              severity=Severity.ERROR)
    report = Report((dataclasses.replace(flood, findings=(odd,)),), "m", "0")
    failure = ET.fromstring(render("junit", report)).find("testsuite/testcase/failure")
    assert failure.text.endswith('<b>"Tom & Jerry"</b>\ufffd\ufffd ]]>')


# -- github ----------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(?P<command>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_github(output: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in output.splitlines():
        m = _COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        commands.append((m["command"], {k: _unescape(v) for k, v in props.items()},
                         _unescape(m["message"])))
    return commands


def test_github_annotations(report: Report) -> None:
    commands = parse_github(render("github", report))
    expected = []
    for r in report.files:
        if r.error:
            expected.append(("error", {"file": r.path.lstrip("/"), "title": "file-error"},
                             "no such file"))
        for f in r.findings:
            span = ({"col": str(f.column), "endColumn": str(f.end_column)} if f.line == f.end_line
                    else {"endLine": str(f.end_line)})
            expected.append(({"error": "error", "warning": "warning", "info": "notice"}[f.severity.label],
                             {"file": f.path.lstrip("/"), "line": str(f.line), **span,
                              "title": f.rule}, f.message))
    for (command, props, message), (want_command, want_props, want_message) in zip(commands, expected, strict=True):
        assert (command, message) == (want_command, want_message)
        assert props.keys() == want_props.keys()
        assert props["file"].endswith(want_props["file"].split("/")[-1])
        assert all(props[k] == v for k, v in want_props.items() if k != "file")


def test_github_paths_are_relative(report: Report, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    files = {props["file"] for _, props, _ in parse_github(render("github", report))}
    assert "samples/foreign-caption-same-topic.txt" in files


def _one_finding_report(path: str, **changes) -> Report:
    flood = build_report().files[0]
    finding = dataclasses.replace(flood.findings[0], path=path, **changes)
    return Report((FileResult(path, None, (finding,)),), "m", "0")


def test_github_paths_are_from_the_repository_root_wherever_it_runs(monkeypatch, tmp_path) -> None:
    (tmp_path / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    (tmp_path / "stories").mkdir()
    monkeypatch.chdir(tmp_path / "stories")
    (command,) = parse_github(render("github", _one_finding_report("floods.md")))
    assert command[1]["file"] == "stories/floods.md"


def test_github_col_only_on_a_single_line_span() -> None:
    (single,) = parse_github(render("github", _one_finding_report("a.md", line=3, end_line=3)))
    assert {"col", "endColumn"} <= single[1].keys() and "endLine" not in single[1]
    (multi,) = parse_github(render("github", _one_finding_report("a.md", line=3, end_line=5)))
    assert multi[1]["endLine"] == "5" and not {"col", "endColumn"} & multi[1].keys()


def test_github_totals_when_github_would_hide_annotations() -> None:
    flood = build_report().files[0]
    finding = dataclasses.replace(flood.findings[0], severity=Severity.WARNING)
    few = Report((FileResult("a.md", None, (finding,) * 10),), "m", "0")
    assert len(parse_github(render("github", few))) == 10
    many = Report((FileResult("a.md", None, (finding,) * 11),), "m", "0")
    commands = parse_github(render("github", many))
    assert len(commands) == 12
    command, props, message = commands[-1]
    assert (command, props) == ("notice", {"title": "checker"})
    assert message.startswith("11 warnings in all") and "first 10" in message


def test_github_job_summary_is_markdown_with_the_totals() -> None:
    from checker.report.github import job_summary

    markdown = job_summary(_one_finding_report("a|b.md", message="50% *bold* \x1b[2J|x"))
    lines = markdown.splitlines()
    assert lines[0] == "## checker" and lines[2].startswith("Found 1 finding")
    row = lines[-1]
    assert row.startswith("| a\\|b.md | ") and "\x1b" not in row and "\\\\x1b\\[2J\\|x" in row


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    base = build_report()
    flood = base.files[0]
    odd = dataclasses.replace(flood.findings[0], message="50% of\nlines::x", path="dir,1/a:b.txt")
    report = Report((FileResult("dir,1/a:b.txt", None, (odd,)),), "m", "0")
    (command,) = parse_github(render("github", report))
    assert command[1]["file"] == "dir,1/a:b.txt" and command[2] == "50% of\nlines::x"
    assert "\n" not in render("github", report).rstrip("\n")


def test_github_control_characters_never_reach_the_log_raw() -> None:
    report = _one_finding_report("a\x1b]8;;x\x07.md", message="red \x1b[31m\rdone \u202e!")
    output = render("github", report)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", output.rstrip("\n"))
    (command,) = parse_github(output)
    assert command[1]["file"] == "a\\x1b]8;;x\\x07.md"
    assert command[2] == "red \\x1b[31m\\x0ddone \\u202e!"
