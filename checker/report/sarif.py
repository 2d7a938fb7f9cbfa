"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read.

One run. `tool.driver.rules` holds every registered rule, in registry order, with its docs
(generated from the rule's docstring), then any other rule id the results use (caption-reuse
from the audit); `ruleIndex` points into that list. A rule's `defaultConfiguration.level` is
the highest level its results have in this report (a Report does not carry the configured
severities); a rule without results has none. Levels: error -> error, warning -> warning,
info -> note. Columns count code points (`columnKind`). `partialFingerprints` hash the rule,
the flagged text and how many times the same text was flagged before in the file, so an
alert keeps its identity when lines move. Files that could not be read or checked are
`toolExecutionNotifications` and make `executionSuccessful` false.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections import Counter
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from checker.model import Finding, Report, Rule, Severity
from checker.report.docs import HEADINGS, sections
from checker.report.paths import ci_path
from checker.report.text import FILE_ERROR, error_reason
from checker.report.values import plain

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "checker/v1"


def report(report: Report, out: TextIO) -> None:
    json.dump(document(report), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def document(report: Report) -> dict[str, Any]:
    from checker.rules import RULES  # the registry, for the docs of every rule

    findings = [f for r in report.files for f in r.findings]
    ids = [rule.id for rule in RULES]
    ids += sorted({f.rule for f in findings} - set(ids))
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    by_id = {rule.id: rule for rule in RULES}
    worst: dict[str, Severity] = {}
    for f in findings:
        worst[f.rule] = max(worst.get(f.rule, f.severity), f.severity)
    notifications = [_notification(r.path, error_reason(r)) for r in report.files
                     if r.error is not None]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": _driver(report, [_rule(i, by_id.get(i), worst.get(i)) for i in ids])},
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": [result for r in report.files for result in _results(r.findings, index)],
            "properties": {"model": str(report.model)},
        }],
    }


def _driver(report: Report, rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "checker", "version": str(report.version)}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = rules
    return driver


def information_uri() -> str | None:
    """The project's home page, from the installed package's metadata (pyproject's
    [project.urls] Homepage), so it is written down in one place."""
    try:
        meta = importlib.metadata.metadata("checker")
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return meta.get("Home-page") or None


def _rule(rule_id: str, rule: Rule | None, worst: Severity | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule_id, "name": rule_id}
    if rule is not None:
        parts = sections(rule.doc)
        summary = parts["summary"]
        out["shortDescription"] = {"text": summary}
        out["fullDescription"] = {"text": parts.get("What it flags", summary)}
        present = [h for h in HEADINGS if h in parts]
        out["help"] = {
            "text": "\n\n".join([summary] + [f"{h}\n\n{parts[h]}" for h in present]),
            "markdown": "\n\n".join([f"**{summary}**"] + [f"## {h}\n\n{parts[h]}" for h in present]),
        }
    else:
        out["shortDescription"] = {"text": rule_id}
    if worst is not None:
        out["defaultConfiguration"] = {"level": LEVEL[worst]}
    return out


def _results(findings: tuple[Finding, ...], index: dict[str, int]) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        flagged = " ".join((f.excerpt or f.message).split())
        seen[f.rule, flagged] += 1
        digest = hashlib.sha256(f"{f.rule}\0{flagged}\0{seen[f.rule, flagged]}".encode(
            "utf-8", "surrogatepass")).hexdigest()
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column,
                                  "endLine": f.end_line, "endColumn": f.end_column}
        if f.excerpt:
            region["snippet"] = {"text": f.excerpt}
        confidence = plain(f.confidence)
        evidence = plain(f.evidence)
        out.append({
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVEL[f.severity],
            "message": {"text": str(f.message)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)},
                                                "region": region}}],
            "partialFingerprints": {FINGERPRINT: digest[:32]},
            "properties": {
                "confidence": confidence if isinstance(confidence, (int, float)) else None,
                "evidence": evidence if isinstance(evidence, dict) else {"value": evidence},
            },
        })
    return out


def _notification(path: str, reason: str) -> dict[str, Any]:
    return {
        "descriptor": {"id": FILE_ERROR},
        "level": "error",
        "message": {"text": reason},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
    }


def artifact_uri(path: str) -> str:
    """A relative URI reference with forward slashes (a file URI outside the working
    directory); characters a URI cannot hold, and ":" (it would read as a scheme), escaped."""
    posix = ci_path(path)
    if PurePath(posix).is_absolute():
        return PurePath(posix).as_uri()
    return quote(posix, safe="/@!$&'()*+,;=-._~")
