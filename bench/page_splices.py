"""Defects put into real published pages: does checker still catch them on a page, where it
reads the publisher's layout and keeps furniture quiet?

    .venv/bin/python bench/page_splices.py [--corpus ../shared/corpus] [--show N]

bench/pages.py shows that checker is quiet on R1's pages as published; this shows what that
quiet costs. Each single-story page of ../shared/corpus/R1 gets, one variant at a time, a
defect written into its HTML inside the story, where a CMS or a scraper puts one:

- `foreign-figure`: a `<figure>` with an image and another R1 story's caption after the
  story's second paragraph; the caption is chosen far in topic (cosine to the story's
  headline and body under 0.20), from another publisher;
- `near-figure`: the same with the other stories' caption closest to this story that is
  still not about it (cosine 0.25–0.45, another publisher). Picked automatically and not read
  by hand, so some may fairly illustrate the story: a recall floor, not a target;
- `trailer`: two other R1 stories' headlines appended after the last paragraph, each in a
  `<p>` of its own (far in topic, as in `foreign-figure`);
- `foreign-paragraph`: a paragraph of another publisher's R1 story (one of its first body
  paragraphs of 25-80 words, far in topic) as a `<p>` after the story's second paragraph,
  as a scraper or a CMS splices one;
- `glued`: the space after a full stop inside a paragraph deleted ("sea.The");
- `repeated-headline`: the headline, as checker reads it, again as a `<p>` after the first
  paragraph.

A defect is caught when a warning or error of an accepted rule lands on it; a false flag is
any other warning+ finding on the page (the untouched pages have none: bench/pages.py).
Where to insert is found from what checker reads as the story's paragraphs, kept only when
the paragraph is one of R1's gold body paragraphs, so the edit sits in the story both agree on.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html as htmllib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import words  # noqa: E402

ACCEPT = {
    "foreign-figure": {"caption-mismatch", "off-topic", "date-inconsistency"},
    "near-figure": {"caption-mismatch", "off-topic", "date-inconsistency"},
    "trailer": {"unrelated-trailer", "off-topic"},
    "foreign-paragraph": {"off-topic"},
    "glued": {"extraction-artifact"},
    "repeated-headline": {"duplicate"},
}
_GLUE = re.compile(r"([a-z]{3,}\.) ([A-Z][a-z]+)")
_CLOSE_P = re.compile(r"</p\s*>", re.IGNORECASE)


def _pick(key: str, items: list) -> object:
    return items[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(items)]


def _gold_paragraph(text: str, gold: list[Counter]) -> bool:
    got = words(text)
    size = sum(got.values())
    return size >= 8 and any(sum((got & g).values()) >= 0.8 * size for g in gold)


def _after_paragraph(page: str, source, segment) -> int | None:
    """Where the paragraph holding `segment` closes in the page's HTML: after its </p>."""
    end = source.origin.offset(segment.end - 1)
    close = _CLOSE_P.search(page, end)
    if close is None or "<p" in page[end:close.start()].lower():
        return None
    return close.end()


def variants(page: str, row: dict, story_segments: list, source, pool: dict,
             headline: str = "") -> dict[str, tuple[str, str]]:
    """{variant: (edited page, the text put in)} for what this page allows; the headline is
    repeated as checker reads it (a page's <h1> may differ from its gold title)."""
    gold = [words(p) for p in row["body"]]
    paras = [s for s in story_segments if _gold_paragraph(s.text, gold)]
    out: dict[str, tuple[str, str]] = {}
    if len(paras) < 3:
        return out
    second = _after_paragraph(page, source, paras[1])
    first = _after_paragraph(page, source, paras[0])
    last = _after_paragraph(page, source, paras[-1])
    if second is not None:
        for variant in ("foreign-figure", "near-figure"):
            caption = pool[variant].get(row["file"])
            if caption:
                figure = (f'<figure class="article-image"><img src="/media/photo-{len(caption)}.jpg" alt="">'
                          f"<figcaption>{htmllib.escape(caption)}</figcaption></figure>")
                out[variant] = (page[:second] + figure + page[second:], caption)
        paragraph = pool["foreign-paragraph"].get(row["file"])
        if paragraph:
            out["foreign-paragraph"] = (page[:second] + f"<p>{htmllib.escape(paragraph)}</p>" + page[second:],
                                        paragraph)
    if last is not None and pool["trailer"].get(row["file"]):
        titles = pool["trailer"][row["file"]]
        added = "".join(f"<p>{htmllib.escape(t)}</p>" for t in titles)
        out["trailer"] = (page[:last] + added + page[last:], "\n".join(titles))
    if first is not None and headline:
        out["repeated-headline"] = (page[:first] + f"<p>{htmllib.escape(headline)}</p>" + page[first:], headline)
    for seg in paras[1:]:
        a, b = source.origin.offset(seg.start), source.origin.offset(seg.end - 1) + 1
        m = _GLUE.search(page, a, b)
        if m:
            glued = m.group(1) + m.group(2)
            out["glued"] = (page[:m.start()] + glued + page[m.end():], glued)
            break
    return out


def _pools(rows: list[dict], embedder) -> dict[str, dict[str, object]]:
    """Per base page: a far and a near caption of another publisher's story, two far
    headlines, a far paragraph."""
    import numpy as np

    stories = [r for r in rows if not r.get("note")]
    texts = [r["title"] + "\n" + " ".join(r["body"][:6]) for r in stories]
    story_vecs = np.asarray(embedder.encode(texts))
    caps = [(r, c["caption"]) for r in rows for c in r.get("captions") or [] if len((c.get("caption") or "").split()) >= 6]
    cap_vecs = np.asarray(embedder.encode([c for _, c in caps]))
    title_vecs = np.asarray(embedder.encode([r["title"] for r in stories]))
    paras = [(r, next(p for p in r["body"][1:4] if 25 <= len(p.split()) <= 80)) for r in stories
             if any(25 <= len(p.split()) <= 80 for p in r["body"][1:4])]
    para_vecs = np.asarray(embedder.encode([p for _, p in paras]))
    pool: dict[str, dict[str, object]] = {"foreign-figure": {}, "near-figure": {}, "trailer": {},
                                          "foreign-paragraph": {}}
    for i, row in enumerate(stories):
        sims = cap_vecs @ story_vecs[i]
        other = [j for j, (r, _) in enumerate(caps) if r["publisher"] != row["publisher"]]
        far = [j for j in other if sims[j] < 0.20]
        near = sorted((j for j in other if 0.25 <= sims[j] <= 0.45), key=lambda j: -sims[j])
        if far:
            pool["foreign-figure"][row["file"]] = caps[_pick(row["file"], far)][1]
        if near:
            pool["near-figure"][row["file"]] = caps[near[0]][1]
        psims = para_vecs @ story_vecs[i]
        far_paras = [j for j, (r, _) in enumerate(paras) if r["publisher"] != row["publisher"] and psims[j] < 0.20]
        if far_paras:
            pool["foreign-paragraph"][row["file"]] = paras[_pick(row["file"] + "/p", far_paras)][1]
        tsims = title_vecs @ story_vecs[i]
        far_titles = [j for j, r in enumerate(stories) if r["publisher"] != row["publisher"] and tsims[j] < 0.20]
        if len(far_titles) >= 2:
            a = _pick(row["file"] + "/1", far_titles)
            b = _pick(row["file"] + "/2", [j for j in far_titles if j != a])
            pool["trailer"][row["file"]] = [stories[a]["title"], stories[b]["title"]]
    return pool


def _lands(finding, added: str) -> bool:
    flagged = words(finding.excerpt)
    size = sum(flagged.values())
    return bool(size) and sum((flagged & words(added)).values()) >= 0.5 * size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", type=int, default=0, help="list this many misses and false flags per variant")
    args = ap.parse_args()
    report(args.corpus, args.show)


def report(corpus: Path, show: int = 0) -> None:
    from checker.config import load
    from checker.embed import Embedder
    from checker.engine import Engine
    from checker.model import Kind, Severity
    from checker.read import read_text

    rows = [json.loads(line) for line in (corpus / "R1" / "gold.jsonl").read_text().splitlines()]
    embedder = Embedder()
    engine = Engine(load(), embedder)
    pool = _pools(rows, embedder)
    caught: Counter = Counter()
    tried: Counter = Counter()
    false_flags: Counter = Counter()
    misses: dict[str, list] = defaultdict(list)
    flags: dict[str, list] = defaultdict(list)
    for row in rows:
        if row.get("note"):
            continue
        name = row["file"].removesuffix(".gz")
        page = gzip.open(corpus / "R1" / row["file"], "rt", encoding="utf-8", errors="replace").read()
        source = read_text(page, name, "html")
        (base,) = engine.check_sources([source])
        if base.article is None:
            continue
        story = [s for s in base.article.segments if s.kind is Kind.BODY]
        headline = next((s.text for s in base.article.segments if s.kind is Kind.HEADLINE), "")
        for variant, (edited, added) in variants(page, row, story, source, pool, headline).items():
            (result,) = engine.check_sources([read_text(edited, name, "html")])
            loud = [f for f in result.findings if f.severity >= Severity.WARNING]
            hit = any(f.rule in ACCEPT[variant] and _lands(f, added) for f in loud)
            other = [f for f in loud if not _lands(f, added)]
            tried[variant] += 1
            caught[variant] += hit
            false_flags[variant] += len(other)
            if not hit:
                near = [f"{f.rule}/{f.severity.name.lower()}" for f in result.findings if _lands(f, added)]
                misses[variant].append((name, row["title"][:70], added[:110], near))
            flags[variant].extend((name, f.rule, f.excerpt[:90]) for f in other)
    print(f"R1 page splices: {sum(1 for r in rows if not r.get('note'))} single-story pages")
    print(f"  {'variant':<18} {'pages':>5} {'caught':>7} {'recall':>7} {'false flags/page':>17}")
    for variant in ACCEPT:
        n = tried[variant]
        if n:
            print(f"  {variant:<18} {n:>5} {caught[variant]:>7} {caught[variant] / n:>7.3f} "
                  f"{false_flags[variant] / n:>17.3f}")
    for variant in ACCEPT:
        for name, title, added, near in misses[variant][:show]:
            print(f"\n  MISS {variant} {name}: {title}\n    added: {added!r}\n    findings on it: {near or 'none'}")
        for name, rule, excerpt in flags[variant][:show]:
            print(f"\n  FALSE FLAG {variant} {name}: {rule} {excerpt!r}")


if __name__ == "__main__":
    main()
