"""`--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
the lines of the pull request.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message

warning -> ::warning, info -> ::notice. A file that could not be read or checked gets
`::error file=PATH,title=file-error::reason`. Escaping as in @actions/core (command.ts):
"%", CR and LF in the message; those and ":" and "," in property values.
"""
from __future__ import annotations

from typing import TextIO

from checker.model import Report, Severity
from checker.report.paths import ci_path
from checker.report.text import FILE_ERROR, error_reason

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report(report: Report, out: TextIO) -> None:
    for result in report.files:
        path = ci_path(result.path)
        if result.error is not None:
            out.write(_command("error", {"file": path, "title": FILE_ERROR}, error_reason(result)))
        for f in result.findings:
            properties = {"file": path, "line": f.line, "col": f.column, "endLine": f.end_line,
                          "endColumn": f.end_column, "title": f.rule}
            out.write(_command(COMMAND[f.severity], properties, f.message))


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(str(message))}\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
