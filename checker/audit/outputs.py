"""The audit's files: report.html, findings.csv, articles.jsonl and summary.json.

`write_outputs` is the one entry point. Each file is rendered whole in memory, then written
to a temporary file beside its target and moved into place with `os.replace`, so a reader
(or a crashed run) never sees half a file. The same entries and summary give the same bytes:
articles come out in the order given (the pipeline's, which is the order of the sources), and
the only clock on the page is the summary's own `generated_at`.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from checker import atomic
from checker.audit import digest
from checker.audit.html_report import render
from checker.report.safe import no_bidi
from checker.report.values import plain

CSV_COLUMNS = ("article_id", "path", "headline", "rule", "severity", "line", "column",
               "confidence", "message", "excerpt", "evidence")
# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# report.html lists at most this many articles in full; every article is in the other files.
MAX_HTML_ARTICLES = 2000


def write_outputs(out_dir: Path, entries: list[dict], summary: dict, *,
                  max_html_articles: int = MAX_HTML_ARTICLES) -> None:
    """Write the four audit files into `out_dir` (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tidy = digest.tidy(entries)
    run = plain(summary) if isinstance(summary, dict) else {}
    counts = digest.counts(tidy)
    atomic.write_bytes(out_dir / "summary.json", summary_json(run, counts))
    atomic.write_bytes(out_dir / "articles.jsonl", articles_jsonl(tidy))
    atomic.write_bytes(out_dir / "findings.csv", findings_csv(tidy))
    html = render(tidy, run, counts, max_articles=max_html_articles)
    atomic.write_bytes(out_dir / "report.html", html.encode("utf-8"))


def summary_json(run: dict[str, Any], counts: dict[str, Any]) -> bytes:
    """The pipeline's summary as given, with the counts from the entries under `counts`."""
    document = {k: v for k, v in run.items() if k != "counts"}
    document["counts"] = counts
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def articles_jsonl(entries: list[dict[str, Any]]) -> bytes:
    lines = []
    for e in entries:
        line = json.dumps(e, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        # Legal JSON either way, but str.splitlines() and some editors break lines at these.
        lines.append(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def findings_csv(entries: list[dict[str, Any]]) -> bytes:
    """One row per finding; UTF-8 with a BOM so that Excel reads it as UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        for f in e["findings"]:
            row = (e.get("id"), e.get("path"), e.get("headline"), f.get("rule"),
                   f.get("severity"), f.get("line"), f.get("column"), f.get("confidence"),
                   f.get("message"), f.get("excerpt"),
                   "\n".join(digest.evidence_lines(f.get("evidence"))))
            writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = no_bidi(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text
