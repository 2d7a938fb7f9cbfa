"""Real published pages (../shared/corpus/R1): how well checker reads them, and how often it
cries wolf on them.

    .venv/bin/python bench/pages.py [--corpus ../shared/corpus] [--show N]

The 84 pages are real stories as published (no injected defects), with the title, body and
captions fundus extracts from each (R1/gold.jsonl). Per page:

- body F1: bag-of-words F1 of the text checker reads as body (body and subhead segments)
  against the gold body (standfirst and paragraphs, less `non_story` lines), beside the same
  for trafilatura's own `extract` of the page (the target: checker at least as good);
- findings at warning or error per page, and the share of pages whose verdict is FAIL;
- suspect findings per page: a warning+ finding of a guarded rule (caption-mismatch,
  off-topic, unrelated-trailer, headline-mismatch, date-inconsistency) on a line of the
  publisher's own story text (its title, body or captions), which on these pages is a false
  flag. Pages with a `note` (live blogs, lists, newsletters: not single stories) are left out
  of the suspect count and the FAIL share, as the corpus README says;
- seconds per page after the first (the model loaded, the cache warm for nothing else).

Figures are printed for all pages; `--show N` lists the N pages with the most suspect
findings and what was flagged.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GUARDED = {"caption-mismatch", "off-topic", "unrelated-trailer", "headline-mismatch", "date-inconsistency"}
_WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def f1(got: Counter, want: Counter) -> float:
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def gold_body(row: dict) -> str:
    skip = {(n["field"], n["index"]) for n in row.get("non_story") or []}
    parts = [p for i, p in enumerate(row.get("summary") or []) if ("summary", i) not in skip]
    parts += [p for i, p in enumerate(row.get("body") or []) if ("body", i) not in skip]
    return "\n".join(parts)


def own_text(row: dict) -> list[str]:
    """The publisher's own story text: what a guarded finding must not land on."""
    skip = {(n["field"], n["index"]) for n in row.get("non_story") or []}
    texts = [row.get("title") or ""]
    texts += [p for i, p in enumerate(row.get("summary") or []) if ("summary", i) not in skip]
    texts += [p for i, p in enumerate(row.get("body") or []) if ("body", i) not in skip]
    texts += [c.get("caption") or "" for c in row.get("captions") or []]
    return [t for t in texts if t.strip()]


def on_own_text(excerpt: str, own: list[str]) -> bool:
    """The flagged text is (mostly) a piece of the story's own text."""
    flagged = words(excerpt)
    if not flagged:
        return False
    return any(sum((flagged & words(t)).values()) >= 0.8 * sum(flagged.values()) for t in own)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    report(args.corpus, args.show)


def report(corpus: Path, show: int = 0) -> None:
    """Read, check and score every R1 page; print the figures (bench/quality.py's R1 too)."""
    import trafilatura

    from checker.config import load
    from checker.embed import Embedder
    from checker.engine import Engine
    from checker.model import Kind, Severity
    from checker.read import ReadError, read_text

    rows = [json.loads(line) for line in (corpus / "R1" / "gold.jsonl").read_text().splitlines()]
    engine = Engine(load(), Embedder())
    ours, theirs, seconds = [], [], []
    findings = suspects = fails = judged = errors = 0
    flagged_rules: Counter = Counter()
    shown = []
    for n, row in enumerate(rows):
        html = gzip.open(corpus / "R1" / row["file"], "rt", encoding="utf-8", errors="replace").read()
        want = words(gold_body(row))
        extracted = trafilatura.extract(html, include_comments=False) or ""
        theirs.append(f1(words(extracted), want))
        started = time.perf_counter()
        try:
            source = read_text(html, row["file"].removesuffix(".gz"), "html")
        except ReadError:
            errors += 1
            ours.append(0.0)
            continue
        (result,) = engine.check_sources([source])
        if n:
            seconds.append(time.perf_counter() - started)
        if result.error or result.article is None:
            errors += 1
            ours.append(0.0)
            continue
        body = "\n".join(s.text for s in result.article.segments if s.kind in (Kind.BODY, Kind.SUBHEAD))
        ours.append(f1(words(body), want))
        loud = [f for f in result.findings if f.severity >= Severity.WARNING]
        findings += len(loud)
        flagged_rules.update(f.rule for f in loud)
        if row.get("note"):
            continue
        judged += 1
        fails += result.verdict == "fail"
        own = own_text(row)
        bad = [f for f in loud if f.rule in GUARDED and on_own_text(f.excerpt, own)]
        suspects += len(bad)
        if bad:
            shown.append((len(bad), row["file"], row["publisher"], bad))

    pages = len(rows)
    print(f"R1: {pages} real pages ({judged} single stories), {errors} not read")
    print(f"  body F1, checker      {sum(ours) / pages:.3f}  (pages under 0.8: {sum(1 for x in ours if x < 0.8)})")
    print(f"  body F1, trafilatura  {sum(theirs) / pages:.3f}  (pages under 0.8: {sum(1 for x in theirs if x < 0.8)})")
    print(f"  findings at warning+ per page      {findings / pages:.2f}  ({dict(flagged_rules.most_common())})")
    print(f"  suspect findings per story page    {suspects / max(judged, 1):.3f}  (target <= 0.1)")
    print(f"  FAIL share of story pages          {fails / max(judged, 1):.3f}  (target <= 0.15)")
    if seconds:
        print(f"  seconds per page after the first   {sorted(seconds)[len(seconds) // 2]:.3f} median, "
              f"{max(seconds):.2f} max")
    for count, file, publisher, bad in sorted(shown, reverse=True)[:show]:
        print(f"\n  {file} ({publisher}): {count} suspect")
        for f in bad[:6]:
            print(f"    {f.line}:{f.column} {f.rule} {f.confidence:.2f} {f.excerpt[:100]!r}")


if __name__ == "__main__":
    main()
