"""`--format json`: the report as the contract in `report.schema.json` (checker.report/1).

Keys come out in the contract's order, with evidence in the order the rule wrote it, so two
runs over the same input print the same bytes.
"""
from __future__ import annotations

import json
from typing import Any, TextIO

from checker.model import Article, FileResult, Finding, Report, Segment, Severity
from checker.report.values import plain

SCHEMA = "checker.report/1"


def report(report: Report, out: TextIO) -> None:
    json.dump(document(report), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def document(report: Report) -> dict[str, Any]:
    """The report as plain JSON values, ready for `json.dump`."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "checker", "version": str(report.version), "model": str(report.model)},
        "files": [file_entry(result) for result in report.files],
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "failed_files": report.failed_files,
        },
    }


def file_entry(result: FileResult) -> dict[str, Any]:
    """One file of the report, as the contract's `files[]` item."""
    article = result.article
    return {
        "path": str(result.path),
        "status": result.status,
        "error": None if result.error is None else str(result.error),
        "verdict": result.verdict,
        "segments": [] if article is None else [_segment(s, article) for s in article.segments],
        "findings": [_finding(f) for f in result.findings],
    }


def _segment(segment: Segment, article: Article) -> dict[str, Any]:
    position = article.source.position
    return {
        "kind": plain(segment.kind),
        "line": position(segment.start)[0],
        # end is exclusive; an empty segment ends on the line it starts on
        "end_line": position(max(segment.end - 1, segment.start))[0],
        "text": segment.text,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
    }
    if finding.excerpt:
        out["excerpt"] = finding.excerpt
    confidence = plain(finding.confidence)
    out["confidence"] = round(confidence, 4) if isinstance(confidence, (int, float)) else None
    evidence = plain(finding.evidence)
    out["evidence"] = evidence if isinstance(evidence, dict) else {"value": evidence}
    return out
