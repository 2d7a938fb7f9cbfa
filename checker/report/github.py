"""`--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
the lines of the pull request.

    ::error file=PATH,line=L,col=C,endColumn=C2,title=RULE::message     (a span on one line)
    ::error file=PATH,line=L,endLine=L2,title=RULE::message             (a span over lines)

warning -> ::warning, info -> ::notice. GitHub places `col`/`endColumn` only on a single-line
span, so a multi-line one gets `endLine` instead. PATH is relative to the repository root
(report/paths.py), which is where GitHub resolves it, whatever folder the command ran in. A
file that could not be read or checked gets `::error file=PATH,title=file-error::reason`.
Escaping as in @actions/core (command.ts): "%", CR and LF in the message; those and ":" and
"," in property values; other control characters from an article or a file name are written
as escapes first (report/safe.py), so none reaches the log raw.

GitHub shows at most 10 annotations of each type per step and drops the rest silently: past
that, a closing notice gives the totals. `job_summary` is the Markdown the command appends to
`$GITHUB_STEP_SUMMARY`.
"""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from checker.model import Report, Severity
from checker.report.paths import ci_path, repo_root
from checker.report.safe import visible
from checker.report.text import FILE_ERROR, error_reason, summary

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_TYPE = 10     # GitHub's limit per step and annotation type
SUMMARY_ROWS = 500      # the job summary's table; a step summary may hold 1 MiB


def report(report: Report, out: TextIO) -> None:
    root = repo_root()
    sent: Counter[str] = Counter()
    for result in report.files:
        path = ci_path(result.path, root)
        if result.error is not None:
            sent["error"] += 1
            out.write(_command("error", {"file": path, "title": FILE_ERROR}, error_reason(result)))
        for f in result.findings:
            properties: dict[str, object] = {"file": path, "line": f.line}
            if f.end_line == f.line:
                properties.update(col=f.column, endColumn=f.end_column)
            else:
                properties["endLine"] = f.end_line
            properties["title"] = f.rule
            sent[COMMAND[f.severity]] += 1
            out.write(_command(COMMAND[f.severity], properties, f.message))
    if any(n > SHOWN_PER_TYPE for n in sent.values()):
        totals = ", ".join(f"{sent[name]} {name}{'s' if sent[name] != 1 else ''}"
                           for name in ("error", "warning", "notice") if sent[name])
        out.write(_command("notice", {"title": "checker"},
                           f"{totals} in all: GitHub shows only the first {SHOWN_PER_TYPE} "
                           "annotations of each type, the rest are in this log and the job summary. "
                           + summary(report)))


def job_summary(report: Report) -> str:
    """Markdown for the job's summary page: the totals, then a table of the findings."""
    root = repo_root()
    lines = ["## checker", "", summary(report), ""]
    rows = [(ci_path(r.path, root), 1, "error", FILE_ERROR, error_reason(r))
            for r in report.files if r.error is not None]
    rows += [(ci_path(f.path, root), f.line, f.severity.label, f.rule, f.message)
             for r in report.files for f in r.findings]
    if rows:
        lines += ["| file | line | severity | rule | message |", "|---|---:|---|---|---|"]
        lines += [f"| {_cell(path)} | {line} | {severity} | `{rule}` | {_cell(message)} |"
                  for path, line, severity, rule, message in rows[:SUMMARY_ROWS]]
        if len(rows) > SUMMARY_ROWS:
            lines += ["", f"… and {len(rows) - SUMMARY_ROWS} more: see the job log."]
    return "\n".join(lines) + "\n"


def _cell(text: object) -> str:
    """Text for a Markdown table cell: one line, no raw control or bidi characters, and
    nothing that closes the cell or starts markup."""
    text = visible(" ".join(str(text).split()))
    for char in "\\|*_`[]<>":
        text = text.replace(char, f"\\{char}")
    return text


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(visible(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(visible(message))}\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
