"""`--format junit`: JUnit XML as Jenkins, GitLab and Azure Pipelines render it.

One <testsuite name="checker"> in a <testsuites>; one <testcase> per file and rule the run
checked (every enabled rule; `caption-reuse`, which only the audit runs, only where it has
findings). A rule's findings at or above the gate's `--fail-on` make one <failure> (type the
worst severity, one `line:col: severity rule message` per line), so a report has a failure
exactly when `checker check` exits 1; findings below it go to the test case's <system-out>.
A file that could not be read or checked is one test case `file-error` with an <error>.

Names: `classname` is the file's path from the repository root with "/" as "." and the dots
of file and folder names as "_" (`stories/floods-sylhet.md` -> `stories.floods-sylhet_md`),
and `name` is the rule id. Jenkins splits a classname at its last dot into package and class,
so its tree reads folder -> file -> rule; GitLab and Azure show classname and name as they
are. Attributes are only those of the common JUnit schema that Jenkins validates against
(no `skipped` on <testsuites>, no timestamps, so a report is the same bytes for the same
input). Characters XML 1.0 cannot hold are replaced with U+FFFD.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from typing import TextIO

from checker.model import Finding, Report, Severity
from checker.report.paths import ci_path, repo_root
from checker.report.text import FILE_ERROR, error_reason

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def report(report: Report, out: TextIO) -> None:
    threshold = None if report.fail_on == "never" else Severity.parse(report.fail_on)
    rules = _rules(report)
    root = repo_root()
    cases: list[ET.Element] = []
    for result in report.files:
        classname = _xml(classname_of(ci_path(result.path, root)))
        if result.error is not None:
            case = ET.Element("testcase", {"classname": classname, "name": FILE_ERROR})
            reason = _xml(error_reason(result))
            ET.SubElement(case, "error", {"type": FILE_ERROR, "message": reason}).text = reason
            cases.append(case)
            continue
        for rule in rules + sorted({f.rule for f in result.findings} - set(rules)):
            cases.append(_case(classname, rule, [f for f in result.findings if f.rule == rule], threshold))
    counts = {"tests": str(len(cases)),
              "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
              "errors": str(sum(1 for c in cases if c.find("error") is not None)),
              "time": f"{report.seconds:.3f}"}
    root_element = ET.Element("testsuites", {"name": "checker", **counts})
    suite = ET.SubElement(root_element, "testsuite", {"name": "checker", **counts, "skipped": "0"})
    suite.extend(cases)
    ET.indent(root_element)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root_element, encoding="unicode"))
    out.write("\n")


def classname_of(path: str) -> str:
    """`stories/floods-sylhet.md` -> `stories.floods-sylhet_md`: dots only between folders."""
    return ".".join(part.replace(".", "_") for part in PurePosixPath(path).parts if part != "/")


def _rules(report: Report) -> list[str]:
    from checker.rules import BY_ID  # the registry, to leave out the audit's archive rules

    return [rule_id for rule_id, _, enabled in report.rules
            if enabled and not (rule_id in BY_ID and BY_ID[rule_id].archive)]


def _case(classname: str, rule: str, findings: list[Finding], threshold: Severity | None) -> ET.Element:
    case = ET.Element("testcase", {"classname": classname, "name": rule})
    fails = lambda f: threshold is not None and f.severity >= threshold  # noqa: E731
    failing = [f for f in findings if fails(f)]
    if failing:
        worst = max(f.severity for f in failing)
        message = f"{len(failing)} finding{'s' if len(failing) > 1 else ''}"
        ET.SubElement(case, "failure", {"type": worst.label, "message": message}).text = \
            "\n".join(_line(f) for f in failing)
    below = [f for f in findings if not fails(f)]
    if below:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in below)
    return case


def _line(f: Finding) -> str:
    message = " ".join(str(f.message).split())
    return _xml(f"{f.line}:{f.column}: {f.severity.label} {f.rule} {message}")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", str(text))
