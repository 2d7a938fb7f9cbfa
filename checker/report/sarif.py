"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (and most CI dashboards).

One run. `tool.driver` names checker, its version (also as `semanticVersion`) and home page;
`tool.driver.rules` holds every registered rule, in registry order, then any other rule id the
results use (caption-reuse from the audit); `ruleIndex` points into that list. Each rule has
its configured severity as `defaultConfiguration.level` (error -> error, warning -> warning,
info -> note; `enabled` false for a rule switched off), a short and a full description within
GitHub's 1,024 characters, its docs as `help`, `helpUri` to its page in docs/rules/ at this
release's tag, and `properties.tags`.

Paths are relative to the repository root (report/paths.py) under `uriBaseId` `%SRCROOT%`,
whose absolute URI `originalUriBaseIds` gives, so GitHub finds the file whatever folder the
command ran in. Columns count code points (`columnKind`). `partialFingerprints` hash the
path, the rule, the flagged text and how many times the same text was flagged before in the
file: an alert keeps its identity when lines move, and the same caption in two files is two
alerts. Bidi controls from articles are written as escapes (report/safe.py). Files that
could not be read or checked are `toolExecutionNotifications` and make
`executionSuccessful` false.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from checker import HOMEPAGE
from checker.model import Finding, Report, Rule, Severity
from checker.report.docs import HEADINGS, sections
from checker.report.paths import ci_path, repo_root
from checker.report.safe import no_bidi
from checker.report.text import FILE_ERROR, error_reason
from checker.report.values import plain

SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "checker/v2"   # v1 left the path out
SRCROOT = "%SRCROOT%"
MAX_DESCRIPTION = 1024  # GitHub's limit on a rule's short and full description


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
    configured = {rule_id: (severity, enabled) for rule_id, severity, enabled in report.rules}
    worst: dict[str, Severity] = {}
    for f in findings:  # a rule the run did not configure: the level its results have
        worst[f.rule] = max(worst.get(f.rule, f.severity), f.severity)
    version = str(report.version)
    root = repo_root()
    notifications = [_notification(artifact(r.path, root), error_reason(r)) for r in report.files
                     if r.error is not None]
    rules = [_rule(i, by_id.get(i), configured.get(i), worst.get(i), version) for i in ids]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": _driver(version, rules)},
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [result for r in report.files
                        for result in _results(r.findings, index, artifact(r.path, root))],
            "properties": {"model": str(report.model)},
        }],
    }


def _driver(version: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "checker", "version": version, "informationUri": HOMEPAGE}
    if SEMVER.match(version):
        driver["semanticVersion"] = version
    driver["rules"] = rules
    return driver


def help_uri(rule_id: str, version: str) -> str:
    """The rule's page at the release's tag, so the help matches the checker that reported."""
    ref = f"v{version}" if SEMVER.match(version) else "main"
    return f"{HOMEPAGE}/blob/{ref}/docs/rules/{quote(rule_id)}.md"


def _within(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """`text` cut to `limit` characters at the last sentence (else word) that fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[:end + 1] if end > limit // 2 else cut[:cut.rfind(" ")] + "…"


def _rule(rule_id: str, rule: Rule | None, configured: tuple[Severity, bool] | None,
          worst: Severity | None, version: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule_id, "name": rule_id}
    if rule is not None:
        parts = sections(rule.doc)
        summary = parts["summary"]
        out["shortDescription"] = {"text": _within(summary)}
        out["fullDescription"] = {"text": _within(parts.get("What it flags", summary))}
        present = [h for h in HEADINGS if h in parts]
        out["helpUri"] = help_uri(rule_id, version)
        out["help"] = {
            "text": "\n\n".join([summary] + [f"{h}\n\n{parts[h]}" for h in present]),
            "markdown": "\n\n".join([f"**{summary}**"] + [f"## {h}\n\n{parts[h]}" for h in present]),
        }
    else:
        out["shortDescription"] = {"text": rule_id}
    if configured is not None:
        severity, enabled = configured
        out["defaultConfiguration"] = {"enabled": enabled, "level": LEVEL[severity]}
    elif worst is not None:
        out["defaultConfiguration"] = {"level": LEVEL[worst]}
    tags = ["news", "scraping"]
    if rule is not None:
        tags.append("semantic" if rule.needs_embeddings else "pattern")
        if rule.archive:
            tags.append("archive")
    out["properties"] = {"tags": tags}
    return out


def _results(findings: tuple[Finding, ...], index: dict[str, int],
             location: dict[str, str]) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        flagged = " ".join((f.excerpt or f.message).split())
        seen[f.rule, flagged] += 1
        digest = hashlib.sha256(f"{location['uri']}\0{f.rule}\0{flagged}\0{seen[f.rule, flagged]}".encode(
            "utf-8", "surrogatepass")).hexdigest()
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column,
                                  "endLine": f.end_line, "endColumn": f.end_column}
        if f.excerpt:
            region["snippet"] = {"text": no_bidi(f.excerpt)}
        confidence = plain(f.confidence)
        evidence = _no_bidi(plain(f.evidence))
        out.append({
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVEL[f.severity],
            "message": {"text": no_bidi(f.message)},
            "locations": [{"physicalLocation": {"artifactLocation": dict(location),
                                                "region": region}}],
            "partialFingerprints": {FINGERPRINT: digest[:32]},
            "properties": {
                "confidence": confidence if isinstance(confidence, (int, float)) else None,
                "evidence": evidence if isinstance(evidence, dict) else {"value": evidence},
            },
        })
    return out


def _no_bidi(value: Any) -> Any:
    if isinstance(value, str):
        return no_bidi(value)
    if isinstance(value, list):
        return [_no_bidi(v) for v in value]
    if isinstance(value, dict):
        return {k: _no_bidi(v) for k, v in value.items()}
    return value


def _notification(location: dict[str, str], reason: str) -> dict[str, Any]:
    return {
        "descriptor": {"id": FILE_ERROR},
        "level": "error",
        "message": {"text": no_bidi(reason)},
        "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}],
    }


def artifact(path: str, root: Path) -> dict[str, str]:
    """The artifactLocation of a file: its URI relative to the repository root with
    `uriBaseId` %SRCROOT%, or an absolute file URI for a file outside the root."""
    posix = ci_path(path, root)
    if PurePath(posix).is_absolute():
        return {"uri": PurePath(posix).as_uri()}
    return {"uri": artifact_uri(posix), "uriBaseId": SRCROOT}


def artifact_uri(posix: str) -> str:
    """A relative URI reference with forward slashes; characters a URI cannot hold, and ":"
    (it would read as a scheme), escaped."""
    return quote(no_bidi(posix), safe="/@!$&'()*+,;=-._~")
