"""report.html: one self-contained page that a standards desk can open offline and share.

Python does the thinking (counts, chart geometry, which characters of an article each finding
covers, where an article comes from); one Jinja template with autoescape on does the markup;
a script, inlined and pinned by its hash in the Content-Security-Policy, does the working
parts: sortable, paged tables of every finding and every article (passing ones too), filters
kept in the page's query string, charts that filter when clicked, and reviewers' marks
(confirmed / false alarm) kept in the browser's localStorage and exported as a labels file.
Charts are SVG drawn here, so they print as crisply as text. The script reads its data from a
`<script type="application/json">` block and writes only with `textContent`.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from checker.audit import digest, evidence_words
from checker.audit.digest import SEVERITIES, SEVERITY_RANK
from checker.report.safe import json_bidi, no_bidi

HIST_BINS = 10
# Search covers what a reader would type: ids, headlines, paths, dates, urls, where an
# article comes from; a finding's rule, message and flagged text are added by the script.
_SEARCH_KEYS = ("id", "headline", "path", "date", "url", "source", "section")
# The tables list at most this many articles (and their findings); all are in the other files.
MAX_TABLE_ARTICLES = 100_000
# Bars in the by-source and by-section charts; the filter menus list every value.
TOP_GROUPS = 12
# Periods drawn in the trend: months, or weeks when the dated stories span less than this.
WEEKLY_UNDER_DAYS = 120
MAX_PERIODS = 240
# Worst articles listed at the top of the page.
WORST = 15
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render(entries: list[dict[str, Any]], run: dict[str, Any], counts: dict[str, Any],
           *, max_articles: int) -> str:
    """The page for tidy entries (see `digest.tidy`), the run's summary and the counts."""
    listed = sorted((e for e in entries if e["findings"] or digest.verdict(e) == "error"),
                    key=digest.rank_key)
    passing = [e for e in entries if not (e["findings"] or digest.verdict(e) == "error")]
    everyone = (listed + passing)[:MAX_TABLE_ARTICLES]
    shown = listed[:max(max_articles, 0)]
    anchors = _anchors(shown)
    origins = [_origin(e) for e in everyone]
    weekly = _weekly(everyone)
    periods = [_period(e.get("date"), weekly) for e in everyone]
    fids = [_finding_ids(e) for e in everyone]
    articles = [_article(e, i, anchors, fids[i]) for i, e in enumerate(shown)]
    rules = list(counts["by_rule"])
    script = _resource("report.js")
    style = _resource("report.css")
    table = _table_data(everyone, origins, periods, fids, len(shown))
    return _environment().get_template("report.html.j2").render(
        title=_title(run),
        run=_run_facts(run),
        run_details=_run_details(run),
        counts=counts,
        flagged_pct=_pct(counts["flagged_share"]),
        articles=articles,
        listed=len(listed),
        total=len(entries),
        in_tables=len(everyone),
        worst=[a for a in articles if a["verdict"] in ("fail", "warn")][:WORST],
        rules=rules,
        severities=SEVERITIES,
        verdicts=digest.VERDICTS,
        sources=sorted({o[0] for o in origins}),
        sections=sorted({o[1] for o in origins if o[1]}),
        chart_rules=_chart_by_rule(counts),
        chart_verdicts=_chart_verdicts(counts),
        chart_share=_chart_rule_share(counts),
        chart_trend=_chart_trend(everyone, periods, weekly),
        chart_sources=_chart_groups(everyone, [o[0] for o in origins]),
        chart_sections=_chart_groups(everyone, [o[1] for o in origins]),
        histograms=_histograms(entries, rules),
        data=_json_for_script({"run": run_id(run), **table}),
        script=Markup(script),
        style=Markup(style),
        script_hash=_sha256(script),
    )


def run_id(run: dict[str, Any]) -> str:
    """What the page's marks are kept under in the browser: the archive audited (its sources),
    not the moment, so a re-run or resumed audit of the same archive keeps a reviewer's marks."""
    value = run.get("sources", run.get("source", run.get("archive")))
    names = value if isinstance(value, list) else [value]
    key = "\x1f".join(sorted(str(n) for n in names if n not in (None, "")))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("checker.audit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_no_bidi,
    )
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    return env


def _resource(name: str) -> str:
    return resources.files("checker.audit").joinpath("templates", name).read_text("utf-8")


def _no_bidi(value: Any) -> Any:
    """Every value a template prints: bidi controls from articles shown as escapes, so a line
    reads as what it holds (report/safe.py)."""
    if isinstance(value, Markup):
        return Markup(no_bidi(str(value)))
    return no_bidi(value) if isinstance(value, str) else value


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json_for_script(value: Any) -> Markup:
    """JSON that cannot end its <script> element: no <, >, & or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(json_bidi(text))


def _whole_pct(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5)}%"


def _pct(share: float) -> str:
    """Half up, as people round (format() rounds 62.5 to 62)."""
    pct = share * 100
    if pct == 0 or pct >= 10:
        return f"{math.floor(pct + 0.5)}%"
    return f"{math.floor(pct * 10 + 0.5) / 10}%"


# -- the run -------------------------------------------------------------------------------

_RUN_LABELS = (
    ("generated_at", "generated"),
    ("model", "model"),
    ("version", "checker"),
    ("executor", "executor"),
    ("workers", "workers"),
    ("seconds", "time"),
    ("articles_per_second", "speed"),
    ("resumed", "resumed"),
)


def _title(run: dict[str, Any]) -> str:
    source = _sources(run)
    return f"checker audit — {source}" if source else "checker audit"


def _sources(run: dict[str, Any]) -> str:
    value = run.get("sources", run.get("source", run.get("archive")))
    names = value if isinstance(value, list) else [value]
    names = [str(n) for n in names if n not in (None, "")]
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return ", ".join(names)


def _run_facts(run: dict[str, Any]) -> list[tuple[str, str]]:
    facts = [("archive", _sources(run))] if _sources(run) else []
    for key, label in _RUN_LABELS:
        value = run.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "seconds" and isinstance(value, (int, float)):
            text = _duration(float(value))
        elif key == "articles_per_second" and isinstance(value, (int, float)):
            text = f"{value:,.1f} articles/s"
        elif key == "resumed" and isinstance(value, bool):
            text = "yes" if value else "no"
        else:
            text = _scalar(value)
        facts.append((label, text))
    return facts


def _run_details(run: dict[str, Any]) -> list[tuple[str, str]]:
    """Every other top-level fact in the summary, so that nothing the pipeline said is lost.

    The pipeline's own counts are left out: the page counts the entries itself.
    """
    known = {key for key, _ in _RUN_LABELS} | {"archive", "source", "sources", "tool",
                                               "articles", "errors", "flagged"}
    return [(key.replace("_", " "), _scalar(value)) for key, value in run.items()
            if key not in known and not isinstance(value, (dict, list))]


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return " ".join(str(value).split())


# -- articles ------------------------------------------------------------------------------

def _anchors(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Article id or path -> its anchor on the page (anchors never carry article text)."""
    out: dict[str, str] = {}
    for i, e in enumerate(entries):
        for key in (e.get("id"), e.get("path")):
            if key not in (None, ""):
                out.setdefault(str(key), f"a{i}")
    return out


def _article(e: dict[str, Any], index: int, anchors: dict[str, str], fids: list[str]
             ) -> dict[str, Any]:
    anchor = f"a{index}"
    findings = e["findings"]
    segments, located = _highlight(e["segments"], findings, anchor)
    views = []
    for k, f in enumerate(findings):
        where = located.get(k)  # "span", a segment's DOM id, or None when not on the page
        views.append({
            "dom_id": f"{anchor}-f{k}",
            "fid": fids[k],
            "mark_id": f"{anchor}-m{k}" if where == "span" else None,
            "segment_id": where if where not in (None, "span") else None,
            "rule": str(f.get("rule")),
            "severity": digest.severity(f),
            "confidence": digest.confidence(f),
            "confidence_pct": _whole_pct(digest.confidence(f)),
            "where": _where(f),
            "message": str(f.get("message") or ""),
            "excerpt": str(f.get("excerpt") or ""),
            "evidence": _evidence(f.get("evidence")),
            "refs": _refs(f.get("evidence"), anchors),
        })
    per_severity = {s: sum(1 for f in findings if digest.severity(f) == s) for s in SEVERITIES}
    ident, path, date = _text(e.get("id")), _text(e.get("path")), _text(e.get("date"))
    return {
        "anchor": anchor,
        "index": index,
        "sub": " · ".join(p for p in (ident, date, path if path != ident else "") if p),
        "id": _text(e.get("id")),
        "headline": _headline(e),
        "path": _text(e.get("path")),
        "date": _text(e.get("date")),
        "url": _safe_url(e.get("url")),
        "verdict": digest.verdict(e),
        "error": _text(e.get("error")),
        "counts": per_severity,
        "rules": sorted({v["rule"] for v in views}),
        "top_confidence": _whole_pct(max((v["confidence"] for v in views), default=0.0)),
        "findings": views,
        "segments": segments,
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _safe_url(value: Any) -> str:
    """Only web links become links: a `javascript:` URL would run on click, escaped or not."""
    if isinstance(value, str) and re.match(r"https?://", value.strip(), re.IGNORECASE):
        return value.strip()
    return ""


def _where(f: dict[str, Any]) -> str:
    line, column = f.get("line"), f.get("column")
    if not isinstance(line, int):
        return ""
    return f"{line}:{column}" if isinstance(column, int) else str(line)


def _refs(evidence: Any, anchors: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for _, items in digest.article_refs(evidence):
        for item in items:
            key = digest.ref_id(item) or _text(item.get("path"))
            anchor = anchors.get(key) or anchors.get(_text(item.get("path")))
            out.append({"label": key or "another article", "anchor": anchor,
                        "words": digest.ref_words(item, with_id=not key)})
    return out


def _evidence(evidence: Any) -> list[dict[str, str]]:
    """Facts in words; the other articles it names are listed as links instead (`_refs`)."""
    if not isinstance(evidence, dict):
        evidence = {} if evidence is None else {"evidence": evidence}
    named = {key for key, _ in digest.article_refs(evidence)}
    return evidence_words.facts({k: v for k, v in evidence.items() if k not in named})


# -- the tables' data ----------------------------------------------------------------------

_RECORD_PATH = re.compile(r"^(.*\.(?:jsonl|ndjson)):\d+$", re.IGNORECASE)


def _origin(e: dict[str, Any]) -> tuple[str, str]:
    """(source, section) of an article: the site and the first folder of its URL, else the
    archive file that holds the record, or the folder that holds the file (no section)."""
    url = _safe_url(e.get("url"))
    if url:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        folders = [p for p in parts.path.split("/") if p]
        return host or "(no site)", folders[0] if len(folders) > 1 else ""
    path = _text(e.get("path"))
    record = _RECORD_PATH.match(path)
    if record:
        return record.group(1), ""
    parent = str(PurePosixPath(path.replace("\\", "/")).parent)
    return (parent if parent not in ("", ".") else "(this folder)"), ""


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _weekly(entries: list[dict[str, Any]]) -> bool:
    dates = [d for d in (_date(e.get("date")) for e in entries) if d]
    return bool(dates) and (max(dates) - min(dates)).days < WEEKLY_UNDER_DAYS


def _period(value: Any, weekly: bool) -> str:
    day = _date(value)
    if day is None:
        return ""
    if weekly:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def _finding_ids(e: dict[str, Any]) -> list[str]:
    """A stable id per finding: its article, rule, position and flagged text, so a re-run of
    the same archive gives the same ids (a reviewer's marks are kept by them)."""
    out, seen = [], Counter()
    for f in e["findings"]:
        key = "\x1f".join(_text(v) for v in (
            e.get("id"), e.get("path"), f.get("rule"), f.get("line"), f.get("column"),
            f.get("end_line"), f.get("end_column"), f.get("excerpt") or f.get("message")))
        fid = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
        seen[fid] += 1
        out.append(fid if seen[fid] == 1 else f"{fid}-{seen[fid]}")
    return out


def _lines(e: dict[str, Any]) -> int:
    return max((_int(s.get("end_line")) or _int(s.get("line")) for s in e["segments"]), default=0)


def _table_data(entries: list[dict[str, Any]], origins: list[tuple[str, str]], periods: list[str],
                fids: list[list[str]], shown: int) -> dict[str, Any]:
    """Every article (flagged first, as ranked, then passing ones) and every finding, flat,
    as the script's tables, filters and label export need them."""
    articles, findings = [], []
    for i, e in enumerate(entries):
        source, section = origins[i]
        path = _text(e.get("path"))
        anchor = f"a{i}" if i < shown else None  # the drill-down lists the first `shown`
        row = {"anchor": anchor, "id": _text(e.get("id")), "headline": _headline(e), "path": path,
               "date": _text(e.get("date")), "url": _safe_url(e.get("url")), "source": source,
               "section": section, "period": periods[i], "verdict": digest.verdict(e),
               # a file checker train and check can read again; an archive record is not one
               "file": path if path and not _RECORD_PATH.match(path) else None,
               "lines": _lines(e),
               "counts": [sum(1 for f in e["findings"] if digest.severity(f) == s)
                          for s in SEVERITIES]}
        row["search"] = " ".join(" ".join(row[key] for key in _SEARCH_KEYS if row[key]).split()
                                 ).casefold()
        row["f"] = [len(findings), len(findings) + len(e["findings"])]
        for k, f in enumerate(e["findings"]):
            line, end = f.get("line"), f.get("end_line")
            findings.append({
                "a": i, "k": k, "id": fids[i][k], "rule": str(f.get("rule")),
                "sev": digest.severity(f), "conf": round(digest.confidence(f), 4),
                "line": _int(line) or None,
                "end": _int(end) if _int(end) >= _int(line) > 0 else _int(line) or None,
                "where": _where(f), "msg": str(f.get("message") or ""),
                "excerpt": str(f.get("excerpt") or ""),
                "dom": f"{anchor}-f{k}" if anchor else None,
            })
        articles.append(row)
    return {"articles": articles, "findings": findings}


def _headline(e: dict[str, Any]) -> str:
    headline = e.get("headline") or next(
        (s["text"] for s in e["segments"] if s.get("kind") == "headline"), None)
    return " ".join(str(headline).split()) if headline else ""


# -- highlighting --------------------------------------------------------------------------

def _highlight(segments: list[dict[str, Any]], findings: list[dict[str, Any]], anchor: str
               ) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Segments cut into pieces, each piece marked with the findings that cover it.

    A finding gives its line/column in the file, but a segment only knows its lines, so the
    span is found by its excerpt (whitespace-collapsed, maybe cut with "…") in the text of the
    segments on those lines, joined: a credit glued to its caption is two segments and one
    excerpt. Where the excerpt cannot be found the whole segment is flagged instead.
    Returns the segments and, per finding, "span" or the DOM id of the segment it flags.
    """
    ranges: dict[int, list[tuple[int, int, int]]] = {}  # segment -> (start, end, finding)
    flagged: dict[int, list[int]] = {}
    located: dict[int, str] = {}
    for k, f in enumerate(findings):
        line, end_line = f.get("line"), f.get("end_line")
        if not isinstance(line, int):
            continue
        end_line = end_line if isinstance(end_line, int) and end_line >= line else line
        on_lines = [i for i, s in enumerate(segments)
                    if _int(s.get("line")) <= end_line and _int(s.get("end_line"), 1 << 30) >= line]
        if not on_lines:
            continue
        span = _find_span([segments[i] for i in on_lines], f)
        if span is None:
            for i in on_lines:
                flagged.setdefault(i, []).append(k)
            located[k] = f"{anchor}-s{on_lines[0]}"
            continue
        located[k] = "span"
        for i, start, end in span:
            ranges.setdefault(on_lines[i], []).append((start, end, k))
    views = []
    for i, s in enumerate(segments):
        text = str(s.get("text") or "")
        marks = flagged.get(i, [])
        views.append({
            "dom_id": f"{anchor}-s{i}",
            "kind": str(s.get("kind") or "other"),
            "line": s.get("line"),
            "end_line": s.get("end_line"),
            "pieces": _pieces(text, ranges.get(i, []), findings, anchor),
            "flag": _worst([digest.severity(findings[k]) for k in marks]) if marks else None,
            "flag_findings": " ".join(str(k) for k in marks),
        })
    return views, located


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _find_span(segments: list[dict[str, Any]], f: dict[str, Any]
               ) -> list[tuple[int, int, int]] | None:
    """[(segment position in `segments`, start, end)] covered by the finding, or None."""
    excerpt = str(f.get("excerpt") or "")
    cut = excerpt.endswith("…")
    words = (excerpt[:-1] if cut else excerpt).split()
    if not words:
        return None
    texts = [str(s.get("text") or "") for s in segments]
    joined = "".join(texts)
    # Spaces in the excerpt may stand for any whitespace, or for none where two segments
    # were glued; the words themselves must match exactly.
    pattern = r"\s*".join(re.escape(w) for w in words)
    match = re.search(pattern, joined)
    if match is None:
        return None
    start, end = match.start(), match.end()
    if cut:
        column, end_column = f.get("column"), f.get("end_column")
        one_line = f.get("line") == f.get("end_line")
        if one_line and isinstance(column, int) and isinstance(end_column, int):
            end = max(end, min(len(joined), start + end_column - column))
        else:  # a span over several lines: up to the end of the segment it reached
            edge = 0
            for text in texts:
                edge += len(text)
                if edge >= end:
                    end = edge
                    break
    out, offset = [], 0
    for i, text in enumerate(texts):
        lo, hi = max(start, offset), min(end, offset + len(text))
        if lo < hi:
            out.append((i, lo - offset, hi - offset))
        offset += len(text)
    return out


def _pieces(text: str, ranges: list[tuple[int, int, int]], findings: list[dict[str, Any]],
            anchor: str) -> list[dict[str, Any]]:
    if not ranges:
        return [{"text": text, "sev": None, "findings": "", "id": None}]
    cuts = sorted({0, len(text), *(r[0] for r in ranges), *(r[1] for r in ranges)})
    pieces, seen = [], set()
    for lo, hi in zip(cuts, cuts[1:]):
        covering = sorted(k for start, end, k in ranges if start <= lo and hi <= end)
        first = next((k for k in covering if k not in seen), None)
        seen.update(covering)
        pieces.append({
            "text": text[lo:hi],
            "sev": _worst([digest.severity(findings[k]) for k in covering]) if covering else None,
            "findings": " ".join(str(k) for k in covering),
            "id": f"{anchor}-m{first}" if first is not None else None,
        })
    return pieces


def _worst(severities: list[str]) -> str:
    return max(severities, key=lambda s: SEVERITY_RANK[s])


# -- charts (SVG geometry; the template draws it) ------------------------------------------

CHART_W = 1000  # bars are drawn in 0..1000 and stretched to the width of their column
BAR_H = 20
# a non-zero count is never drawn thinner than this, so that one article in 100,000 shows
MIN_BAR = 4


def _bar_width(n: int, of: int) -> float:
    return round(max(n / of * CHART_W, MIN_BAR), 2) if n and of else 0.0


def _stacked(row: dict[str, int], top: int) -> list[dict[str, Any]]:
    """One horizontal bar's segments, error then warning then info, scaled to `top`."""
    x, bars = 0.0, []
    for sev in SEVERITIES:
        if row[sev]:
            w = _bar_width(row[sev], top)
            bars.append({"x": round(x, 2), "w": w, "sev": sev, "count": row[sev]})
            x += w
    return bars


def _chart_by_rule(counts: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings per rule, one stacked bar each (error, warning, info), longest first."""
    rows = sorted(counts["by_rule"].items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
    top = max((row["findings"] for _, row in rows), default=0)
    out = []
    for rule, row in rows:
        bars = _stacked(row, top)
        out.append({"rule": rule, "total": row["findings"], "bars": bars})
    return out


def _chart_verdicts(counts: dict[str, Any]) -> dict[str, Any]:
    """Every article in one 100% bar, by verdict."""
    total = counts["articles"]
    x, bars = 0.0, []
    for verdict in digest.VERDICTS:
        n = counts["verdicts"][verdict]
        if not n or not total:
            continue
        w = n / total * CHART_W
        bars.append({"x": round(x, 2), "w": round(w, 2), "verdict": verdict, "count": n,
                     "pct": _pct(n / total)})
        x += w
    return {"width": CHART_W, "height": BAR_H, "bars": bars}


def _chart_rule_share(counts: dict[str, Any]) -> list[dict[str, Any]]:
    """Share of all articles that each rule flagged at warning or error, on a 0-100% scale."""
    total = counts["articles"]
    rows = sorted(((rule, row["articles"]) for rule, row in counts["by_rule"].items()
                   if row["articles"]), key=lambda kv: (-kv[1], kv[0]))
    return [{"rule": rule, "count": n, "w": _bar_width(n, total), "pct": _pct(n / total)}
            for rule, n in rows]


HIST_W, HIST_H = 260, 130
_PLOT = {"left": 34, "right": 252, "top": 12, "bottom": 104}


def _histograms(entries: list[dict[str, Any]], rules: list[str]) -> list[dict[str, Any]]:
    """Per rule, findings by confidence in tenths, stacked by severity."""
    bins = {rule: [[0, 0, 0] for _ in range(HIST_BINS)] for rule in rules}
    for e in entries:
        for f in e["findings"]:
            rule = str(f.get("rule"))
            b = min(int(digest.confidence(f) * HIST_BINS), HIST_BINS - 1)
            bins[rule][b][SEVERITIES.index(digest.severity(f))] += 1
    plot_w = _PLOT["right"] - _PLOT["left"]
    plot_h = _PLOT["bottom"] - _PLOT["top"]
    step = plot_w / HIST_BINS
    charts = []
    for rule in rules:
        top = max(sum(b) for b in bins[rule]) or 1
        bars = []
        for i, per_sev in enumerate(bins[rule]):
            y = float(_PLOT["bottom"])
            for sev, n in zip(SEVERITIES, per_sev):
                if not n:
                    continue
                h = n / top * plot_h
                y -= h
                bars.append({"x": round(_PLOT["left"] + i * step + 1, 2), "y": round(y, 2),
                             "w": round(step - 2, 2), "h": round(h, 2), "sev": sev, "count": n,
                             "bin": f"{i / HIST_BINS:.1f}–{(i + 1) / HIST_BINS:.1f}"})
        charts.append({"rule": rule, "bars": bars, "top": top, "total": sum(map(sum, bins[rule])),
                       "width": HIST_W, "height": HIST_H, "plot": _PLOT,
                       "ticks": [{"x": round(_PLOT["left"] + t * plot_w, 2), "label": label}
                                 for t, label in ((0, "0"), (0.5, "0.5"), (1, "1"))]})
    return charts


TREND_W, TREND_H = 1000, 180
_TREND = {"left": 44, "right": 992, "top": 10, "bottom": 150}


def _tally(entries: list[dict[str, Any]], keys: list[str]) -> dict[str, dict[str, int]]:
    """Per key (a period, a source): its articles, the flagged ones and findings by severity;
    entries without a key are left out."""
    per: dict[str, dict[str, int]] = {}
    for e, key in zip(entries, keys):
        if not key:
            continue
        row = per.setdefault(key, {"articles": 0, "flagged": 0, **{s: 0 for s in SEVERITIES}})
        row["articles"] += 1
        row["flagged"] += digest.is_flagged(e)
        for f in e["findings"]:
            row[digest.severity(f)] += 1
    return per


def _chart_trend(entries: list[dict[str, Any]], periods: list[str], weekly: bool
                 ) -> dict[str, Any]:
    """Findings by the stories' publication month (or week), stacked by severity, with each
    period's articles and flagged articles for its tooltip. Months without stories between
    the first and the last are drawn empty, so that a gap reads as a gap."""
    per = _tally(entries, periods)
    keys = sorted(per)
    if keys and not weekly:
        keys = _months(keys[0], keys[-1]) or keys
    empty = {"articles": 0, "flagged": 0, **{s: 0 for s in SEVERITIES}}
    rows = [(k, per.get(k, empty)) for k in keys]
    undated = sum(1 for p in periods if not p)
    top = max((sum(r[s] for s in SEVERITIES) for _, r in rows), default=0) or 1
    plot_w, plot_h = _TREND["right"] - _TREND["left"], _TREND["bottom"] - _TREND["top"]
    step = plot_w / max(len(rows), 1)
    bars = []
    label_every = max(1, math.ceil(len(rows) / 12))
    for i, (period, row) in enumerate(rows):
        x, y = _TREND["left"] + i * step, float(_TREND["bottom"])
        stack = []
        for sev in SEVERITIES:
            if row[sev]:
                h = max(row[sev] / top * plot_h, 1.0)  # one finding still shows
                y -= h
                stack.append({"y": round(y, 2), "h": round(h, 2), "sev": sev, "count": row[sev]})
        bars.append({"period": period, "x": round(x + step * 0.1, 2), "w": round(step * 0.8, 2),
                     "hit_x": round(x, 2), "hit_w": round(step, 2), "stack": stack,
                     "findings": sum(row[s] for s in SEVERITIES), "articles": row["articles"],
                     "flagged": row["flagged"], "label": period if i % label_every == 0 else "",
                     "label_x": round(x + step / 2, 2)})
    return {"width": TREND_W, "height": TREND_H, "plot": _TREND, "bars": bars, "top": top,
            "unit": "week" if weekly else "month", "undated": undated}


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y}-{m:02d}" <= last and len(out) < MAX_PERIODS:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out if out and out[-1] == last else []


def _chart_groups(entries: list[dict[str, Any]], groups: list[str]) -> list[dict[str, Any]]:
    """Findings per source (or section), stacked by severity, the most first, with the share
    of the group's articles flagged; at most TOP_GROUPS bars (the filter lists every one)."""
    per = _tally(entries, groups)
    ranked = sorted(per.items(), key=lambda kv: (-sum(kv[1][s] for s in SEVERITIES),
                                                 -kv[1]["articles"], kv[0]))[:TOP_GROUPS]
    top = max((sum(r[s] for s in SEVERITIES) for _, r in ranked), default=0)
    out = []
    for group, row in ranked:
        bars = _stacked(row, top)
        out.append({"group": group, "bars": bars, "findings": sum(row[s] for s in SEVERITIES),
                    "articles": row["articles"], "flagged": row["flagged"],
                    "pct": _pct(row["flagged"] / row["articles"])})
    return out
