"""`--format junit`: JUnit XML, which most CI servers show as a test report.

One <testsuite name="checker"> holding one <testcase> per file (classname and name are the
path). A file with findings at warning or error severity gets one <failure> listing them, one
`line:col: severity rule message` per line (type is the worst severity); info findings go to
the test case's <system-out>; a file that could not be read or checked gets an <error>.
Characters XML 1.0 cannot hold are replaced with U+FFFD.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from checker.model import FileResult, Finding, Report, Severity
from checker.report.text import FILE_ERROR, error_reason

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def report(report: Report, out: TextIO) -> None:
    failures = sum(1 for r in report.files if _failing(r))
    errors = sum(1 for r in report.files if r.error is not None)
    counts = {"tests": str(len(report.files)), "failures": str(failures),
              "errors": str(errors), "skipped": "0", "time": f"{report.seconds:.3f}"}
    root = ET.Element("testsuites", {"name": "checker", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "checker", **counts})
    for result in report.files:
        case = ET.SubElement(suite, "testcase", {"classname": _xml(result.path),
                                                 "name": _xml(result.path)})
        if result.error is not None:
            reason = _xml(error_reason(result))
            ET.SubElement(case, "error", {"type": FILE_ERROR, "message": reason}).text = reason
        failing = _failing(result)
        if failing:
            worst = max(f.severity for f in failing)
            message = f"{len(failing)} finding{'s' if len(failing) > 1 else ''}"
            ET.SubElement(case, "failure", {"type": worst.label, "message": message}).text = \
                "\n".join(_line(f) for f in failing)
        infos = [f for f in result.findings if f.severity < Severity.WARNING]
        if infos:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in infos)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _failing(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.severity >= Severity.WARNING]


def _line(f: Finding) -> str:
    message = " ".join(str(f.message).split())
    return _xml(f"{f.line}:{f.column}: {f.severity.label} {f.rule} {message}")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", str(text))
