"""report.html: one self-contained page that a standards desk can open offline and share.

Python does the thinking (counts, chart geometry, which characters of an article each finding
covers); one Jinja template with autoescape on does the markup; a small script, inlined and
pinned by its hash in the Content-Security-Policy, does the filters. Charts are SVG drawn here,
so they need no script and print as crisply as text. The script reads its data from a
`<script type="application/json">` block and writes only with `textContent`.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from checker.audit import digest
from checker.audit.digest import SEVERITIES, SEVERITY_RANK
from checker.report.safe import json_bidi, no_bidi

HIST_BINS = 10
# Search covers what a reader would type: ids, headlines, paths, dates, messages, flagged text.
_SEARCH_KEYS = ("id", "headline", "path", "date", "url")
# Worst articles listed at the top of the page.
WORST = 15
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render(entries: list[dict[str, Any]], run: dict[str, Any], counts: dict[str, Any],
           *, max_articles: int) -> str:
    """The page for tidy entries (see `digest.tidy`), the run's summary and the counts."""
    listed = sorted((e for e in entries if e["findings"] or digest.verdict(e) == "error"),
                    key=digest.rank_key)
    shown = listed[:max(max_articles, 0)]
    anchors = _anchors(shown)
    articles = [_article(e, i, anchors) for i, e in enumerate(shown)]
    rules = list(counts["by_rule"])
    script = _resource("report.js")
    style = _resource("report.css")
    return _environment().get_template("report.html.j2").render(
        title=_title(run),
        run=_run_facts(run),
        run_details=_run_details(run),
        counts=counts,
        flagged_pct=_pct(counts["flagged_share"]),
        articles=articles,
        listed=len(listed),
        worst=[a for a in articles if a["verdict"] in ("fail", "warn")][:WORST],
        rules=rules,
        severities=SEVERITIES,
        chart_rules=_chart_by_rule(counts),
        chart_verdicts=_chart_verdicts(counts),
        chart_share=_chart_rule_share(counts),
        histograms=_histograms(entries, rules),
        data=_json_for_script({"articles": [_search_entry(a) for a in articles]}),
        script=Markup(script),
        style=Markup(style),
        script_hash=_sha256(script),
    )


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


def _article(e: dict[str, Any], index: int, anchors: dict[str, str]) -> dict[str, Any]:
    anchor = f"a{index}"
    findings = e["findings"]
    segments, located = _highlight(e["segments"], findings, anchor)
    views = []
    for k, f in enumerate(findings):
        where = located.get(k)  # "span", a segment's DOM id, or None when not on the page
        views.append({
            "dom_id": f"{anchor}-f{k}",
            "mark_id": f"{anchor}-m{k}" if where == "span" else None,
            "segment_id": where if where not in (None, "span") else None,
            "rule": str(f.get("rule")),
            "severity": digest.severity(f),
            "confidence": digest.confidence(f),
            "confidence_pct": _whole_pct(digest.confidence(f)),
            "where": _where(f),
            "message": str(f.get("message") or ""),
            "excerpt": str(f.get("excerpt") or ""),
            "evidence": digest.evidence_lines(f.get("evidence"), refs=False),
            "refs": _refs(f.get("evidence"), anchors),
        })
    per_severity = {s: sum(1 for f in findings if digest.severity(f) == s) for s in SEVERITIES}
    headline = e.get("headline") or next(
        (s["text"] for s in e["segments"] if s.get("kind") == "headline"), None)
    ident, path, date = _text(e.get("id")), _text(e.get("path")), _text(e.get("date"))
    return {
        "anchor": anchor,
        "index": index,
        "sub": " · ".join(p for p in (ident, date, path if path != ident else "") if p),
        "id": _text(e.get("id")),
        "headline": " ".join(str(headline).split()) if headline else "",
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


def _search_entry(article: dict[str, Any]) -> dict[str, Any]:
    words = [article[key] for key in _SEARCH_KEYS if article.get(key)]
    for f in article["findings"]:
        words.extend([f["rule"], f["message"], f["excerpt"]])
    return {
        "anchor": article["anchor"],
        "verdict": article["verdict"],
        "search": " ".join(" ".join(words).split()).casefold(),
        "findings": [{"rule": f["rule"], "severity": f["severity"],
                      "confidence": round(f["confidence"], 4)} for f in article["findings"]],
    }


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


def _chart_by_rule(counts: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings per rule, one stacked bar each (error, warning, info), longest first."""
    rows = sorted(counts["by_rule"].items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
    top = max((row["findings"] for _, row in rows), default=0)
    out = []
    for rule, row in rows:
        x, bars = 0.0, []
        for sev in SEVERITIES:
            if row[sev]:
                w = _bar_width(row[sev], top)
                bars.append({"x": round(x, 2), "w": w, "sev": sev, "count": row[sev]})
                x += w
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
