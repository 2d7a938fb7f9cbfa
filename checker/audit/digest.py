"""The audit's entries made tidy and counted, shared by every output file.

An entry is `checker.report.json_report.file_entry(result)` plus the archive's own facts about
the article (`id`, `headline`, `date`, `url`, `content_hash`). Entries keep the order the
pipeline gives them (the order of the sources, whatever order the workers finished in); what
nothing here trusts is their key order and value types: `entry()` puts keys in one fixed order,
values through `plain` and findings in (line, column, rule) order, which is what makes every
output file byte-stable.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from checker.report.evidence import describe
from checker.report.values import plain

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
VERDICTS = ("fail", "warn", "pass", "error")
# The contract's order for a file and a finding, then the archive's own keys.
ENTRY_KEYS = ("path", "status", "error", "verdict", "segments", "findings")
ARCHIVE_KEYS = ("id", "headline", "date", "url", "content_hash")
FINDING_KEYS = ("rule", "severity", "message", "line", "column", "end_line", "end_column",
                "excerpt", "confidence", "evidence")
SEGMENT_KEYS = ("kind", "line", "end_line", "text")
# Keys by which evidence points at another article of the archive (caption-reuse).
ARTICLE_REF_KEYS = ("id", "article_id", "article", "path")


def entry(raw: dict[str, Any]) -> dict[str, Any]:
    """One entry with plain values and keys in a fixed order; nothing is dropped."""
    value = plain(raw)
    out = _ordered_keys(value, ENTRY_KEYS + ARCHIVE_KEYS)
    for key in ARCHIVE_KEYS:
        out.setdefault(key, None)
    out["segments"] = [_ordered_keys(s, SEGMENT_KEYS) for s in out.get("segments") or []]
    findings = [_ordered_keys(f, FINDING_KEYS) for f in out.get("findings") or []]
    # The engine sorts its own findings; a pipeline may append cross-article ones after them.
    findings.sort(key=lambda f: (_int(f.get("line")), _int(f.get("column")), str(f.get("rule")),
                                 _int(f.get("end_line")), _int(f.get("end_column"))))
    out["findings"] = findings
    return out


def tidy(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry(e) for e in entries]


def _ordered_keys(value: Any, first: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    out = {k: value[k] for k in first if k in value}
    out.update((k, value[k]) for k in sorted(value) if k not in out)
    return out


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def confidence(finding: dict[str, Any]) -> float:
    value = finding.get("confidence")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return min(max(float(value), 0.0), 1.0)
    return 0.0


def severity(finding: dict[str, Any]) -> str:
    value = finding.get("severity")
    return value if value in SEVERITY_RANK else "info"


def is_flagged(e: dict[str, Any]) -> bool:
    """Flagged means a warning or an error; info findings are weak signals below threshold."""
    return any(SEVERITY_RANK[severity(f)] >= SEVERITY_RANK["warning"] for f in e["findings"])


def verdict(e: dict[str, Any]) -> str:
    if e.get("status") == "error" or e.get("verdict") == "error":
        return "error"
    worst = max((SEVERITY_RANK[severity(f)] for f in e["findings"]), default=0)
    return {2: "fail", 1: "warn"}.get(worst, "pass")


def counts(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """What the entries hold, counted: the numbers every output agrees on."""
    verdicts = Counter(verdict(e) for e in entries)
    by_severity = Counter(severity(f) for e in entries for f in e["findings"])
    rules: dict[str, dict[str, Any]] = {}
    for e in entries:
        flagged_rules = set()
        for f in e["findings"]:
            rule = str(f.get("rule"))
            row = rules.setdefault(rule, {"findings": 0, "articles": 0,
                                          **{s: 0 for s in SEVERITIES}})
            row["findings"] += 1
            row[severity(f)] += 1
            if severity(f) != "info":
                flagged_rules.add(rule)
        for rule in flagged_rules:
            rules[rule]["articles"] += 1
    articles = len(entries)
    flagged = sum(1 for e in entries if is_flagged(e))
    return {
        "articles": articles,
        "checked": articles - verdicts["error"],
        "read_errors": verdicts["error"],
        "flagged": flagged,
        "flagged_share": round(flagged / articles, 4) if articles else 0.0,
        "verdicts": {v: verdicts[v] for v in VERDICTS},
        "findings": sum(by_severity.values()),
        "by_severity": {s: by_severity[s] for s in SEVERITIES},
        # `articles` counts the articles a rule flagged at warning or error.
        "by_rule": {rule: rules[rule] for rule in sorted(rules)},
    }


def rank_key(e: dict[str, Any]) -> tuple:
    """Worst first: worst severity, how many findings at it, how sure, how many in all."""
    findings = e["findings"]
    worst = max((SEVERITY_RANK[severity(f)] for f in findings), default=-1)
    at_worst = [f for f in findings if SEVERITY_RANK[severity(f)] == worst]
    top = max((confidence(f) for f in at_worst), default=0.0)
    return (-worst, -len(at_worst), -top, -len(findings), str(e.get("path")), str(e.get("id")))


def article_refs(evidence: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """(key, items) for evidence lists that name other articles, as caption-reuse's do."""
    if not isinstance(evidence, dict):
        return []
    out = []
    for key, value in evidence.items():
        if isinstance(value, list) and value and all(
                isinstance(v, dict) and any(k in v for k in ARTICLE_REF_KEYS) for v in value):
            out.append((key, value))
    return out


def ref_id(item: dict[str, Any]) -> str | None:
    for key in ("id", "article_id", "article"):
        if item.get(key) not in (None, ""):
            return str(item[key])
    return None


def evidence_lines(evidence: Any, width: int | None = None, refs: bool = True) -> list[str]:
    """Evidence in words; other articles it names get one line each (none with refs=False,
    for a page that lists them as links)."""
    found = article_refs(evidence)
    if not found:
        return describe(evidence, width)
    named = {key for key, _ in found}
    rest = {k: v for k, v in evidence.items() if k not in named}
    lines = describe(rest, width) if rest else []
    if refs:
        for key, items in found:
            label = key.replace("_", " ")
            lines.extend(f"{label}: {ref_words(item)}" for item in items)
    return lines


def ref_words(item: dict[str, Any], with_id: bool = True) -> str:
    """Another article in words: its id, headline and path, then its own facts."""
    ident = ref_id(item)
    parts = [ident] if ident and with_id else []
    if item.get("headline"):
        parts.append(f"“{' '.join(str(item['headline']).split())}”")
    if item.get("path") not in (None, "") and str(item["path"]) != ident:
        parts.append(f"({item['path']})")
    skip = set(ARTICLE_REF_KEYS) | {"headline"}
    facts = describe({k: v for k, v in item.items() if k not in skip})
    head = " ".join(parts) or ("" if not with_id else "another article")
    return "; ".join([head, *facts] if head else facts)
