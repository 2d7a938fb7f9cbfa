"""A baseline: the findings a repository has accepted, so a gate reports only new ones.

A finding is matched by content, not position: its fingerprint is the rule, the file's path
(relative to the baseline file's folder, so the working folder does not matter) and the text
it flags, whitespace-folded and case-folded. Editing lines above a finding moves it but keeps
its fingerprint. Findings without an excerpt use their message with numbers blanked, since
scores in messages drift when other text changes. Identical findings are counted: a baseline
holding a fingerprint twice absorbs two of them, and a third is new.

    {"schema": "checker.baseline/1",
     "findings": [{"rule": ..., "path": ..., "excerpt": ..., "fingerprint": ..., "count": 1}]}

A labels file that the audit report exports (JSON Lines, the `checker train` format) is read
as a baseline too: each record's `false_alarms` ([{"rule", "excerpt", "message"}] on the
record's `file`, relative to the labels file like every `file` of that format) are the
findings a reviewer dismissed, so the gate stops reporting them. Confirmed findings are not
in it: they are real damage and stay reported.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, TextIO

from checker.model import FileResult, Finding

SCHEMA = "checker.baseline/1"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class BaselineError(ValueError):
    """The baseline file is missing or malformed; the message names the file."""


def key_path(path: str, base: Path) -> str:
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.path.abspath(base))
    outside = rel == ".." or rel.startswith(".." + os.sep)
    return absolute if outside else Path(rel).as_posix()


def content(finding: Finding) -> str:
    return _content(finding.excerpt, finding.message)


def _content(excerpt: str | None, message: str) -> str:
    text = excerpt.rstrip("…") if excerpt else _NUMBER.sub("#", message)
    return " ".join(text.split()).casefold()


def fingerprint(finding: Finding, base: Path) -> str:
    return _fingerprint(finding.rule, key_path(finding.path, base), content(finding))


def _fingerprint(rule: str, path: str, text: str) -> str:
    key = "\x1f".join((rule, path, text))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def document(results: Iterable[FileResult], base: Path) -> dict:
    counts: Counter[str] = Counter()
    entries: dict[str, dict] = {}
    for result in results:
        for f in result.findings:
            fp = fingerprint(f, base)
            counts[fp] += 1
            entries.setdefault(fp, {"rule": f.rule, "path": key_path(f.path, base),
                                    "excerpt": f.excerpt or f.message, "fingerprint": fp})
    findings = [{**entries[fp], "count": counts[fp]} for fp in entries]
    findings.sort(key=lambda e: (e["path"], e["rule"], e["excerpt"], e["fingerprint"]))
    return {"schema": SCHEMA, "findings": findings}


def dump(doc: dict, out: TextIO) -> None:
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def load(path: Path) -> Counter[str]:
    """Fingerprint -> how many identical findings the baseline accepts."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file missing (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_labels(text):
            return _dismissed(path, text)
        raise BaselineError(f"{path}: not JSON: {exc}") from None
    if isinstance(doc, dict) and "schema" not in doc and "file" in doc:
        return _dismissed(path, text)  # a labels file of one record
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise BaselineError(f"{path}: not a checker baseline (expected \"schema\": \"{SCHEMA}\")")
    entries = doc.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: findings: expected a list")
    counts: Counter[str] = Counter()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(fp, str) or isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"{path}: findings[{i}]: expected a fingerprint and a count >= 1")
        counts[fp] += count
    return counts


def _looks_like_labels(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and "file" in record


def _dismissed(path: Path, text: str) -> Counter[str]:
    """Fingerprints of the false alarms in a labels file (see the module's docstring)."""
    base = path.parent
    counts: Counter[str] = Counter()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}:{n}: not JSON: {exc}") from None
        if not isinstance(record, dict) or not isinstance(record.get("file"), str):
            raise BaselineError(f"{path}:{n}: a labels record needs a \"file\"")
        dismissed = record.get("false_alarms", [])
        if not isinstance(dismissed, list):
            raise BaselineError(f"{path}:{n}: false_alarms: expected a list")
        where = key_path(str(base / record["file"]), base)
        for i, item in enumerate(dismissed):
            rule = item.get("rule") if isinstance(item, dict) else None
            excerpt, message = (item.get("excerpt"), item.get("message")) if rule else (None, None)
            if not isinstance(rule, str) or not isinstance(excerpt or message, str):
                raise BaselineError(f"{path}:{n}: false_alarms[{i}]: expected a rule and an "
                                    "excerpt or a message")
            counts[_fingerprint(rule, where, _content(excerpt or None, str(message or "")))] += 1
    return counts


def subtract(findings: Iterable[Finding], accepted: Counter[str], base: Path) -> tuple[tuple[Finding, ...], int]:
    """The findings the baseline does not absorb; `accepted` is used up as it goes."""
    kept = []
    absorbed = 0
    for f in findings:
        fp = fingerprint(f, base)
        if accepted[fp] > 0:
            accepted[fp] -= 1
            absorbed += 1
        else:
            kept.append(f)
    return tuple(kept), absorbed
