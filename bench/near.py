"""Near-topic captions beyond T3/dev: how caption-mismatch generalises to pairs it was never
tuned on.

    .venv/bin/python bench/near.py [--corpus ../shared/corpus] [--show N] [--keep DIR]

T3/dev's 61 near-captions all come from the 84 pages of R1 spliced into each other. This set
crosses the two pools of real captions the corpus has, so none of its pairs is in T3/dev:
the own captions of T2's articles (the caption lines of T2 files that are not positives)
spliced into R1 bases (T3/dev's clean files), and R1's gold captions spliced into T2 bases
(T2/dev's clean files). A pair is chosen as the T3 builder (`corpus/build_dev.py`, imported
from ../shared at run time, standard library only) chooses one: the caption's article and the
base are close (article TF-IDF cosine, over both pools, at least NEAR_MIN and in the base's
top decile, below SAME_STORY_MAX: the same story), of the same event kind (the builder's
kinds, stricter than the builder: here always required), and the caption names a place or
a name the base never mentions. Each caption goes in after paragraph 2, with its credit as
the builder prints it. Negatives: each base with up to two of its own captions that no dev file
already pairs with it (`clean-own-caption`; an R1 base then with its whole body, not cut at
25 sentences: a page's later photos show what its later paragraphs tell).

Nothing is hand-reviewed: a pair that could illustrate the story counts as a positive, so
recall here is a floor. `--show` prints a sample of misses for a person to judge.

Scored by bench/quality.py's `score_task` and `figures` (a positive line is caught by a
warning+ caption-mismatch, off-topic or date-inconsistency finding covering it); the misses
are then broken down by what checker's evidence saw in the caption.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import figures, print_table, read_labels, score_task  # noqa: E402
from checker.config import load  # noqa: E402
from checker.embed import Embedder  # noqa: E402
from checker.engine import Engine  # noqa: E402
from checker.model import Kind, Severity  # noqa: E402

CAP_RULES = ["caption-mismatch", "off-topic", "date-inconsistency"]
MAX_NEAR_PER_BASE = 3
MAX_CAPTION_USES = 3
MAX_OWN_PER_BASE = 2


def builder(corpus: Path):
    """The T3 builder's own text features (TF-IDF, event kinds, places, names, caption
    rendering), so that "close" and "same kind" mean here what they mean in T3."""
    spec = importlib.util.spec_from_file_location("build_dev", corpus / "build_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _blocks(text: str) -> list[str]:
    """A corpus file's paragraphs (line 1 the headline): the lines between blank lines."""
    return [b for b in text.rstrip("\n").split("\n\n")]


def pools(corpus: Path, bd) -> tuple[list[dict], list[dict]]:
    """The two pools of articles, each: key, title, doc (for TF-IDF), base text, the clean
    file's blocks and labels (a base), its own captions (rendered as printed) and which of
    them dev already pairs with it."""
    t2 = read_labels(corpus / "T2" / "dev")
    t2_dir = corpus / "T2" / "dev"
    arts: dict[str, dict] = {}
    for lab in t2:
        key = "T2:" + lab["base"]["id"]
        a = arts.setdefault(key, {"key": key, "pool": "T2", "title": lab["base"]["title"], "captions": [],
                                  "used_own": set()})
        lines = (t2_dir / lab["file"]).read_text().split("\n")
        own = [lines[s["line"] - 1] for s in lab["segments"]
               if s["kind"] == "caption" and s["line"] not in lab["positive_lines"]]
        for c in own:
            if c not in a["captions"]:
                a["captions"].append(c)
        if lab["variant"] == "clean-own-caption":
            a["used_own"].update(own)
        if lab["variant"] == "clean":
            a["clean"], a["label"] = (t2_dir / lab["file"]).read_text(), lab
    t2_arts = sorted((a for a in arts.values() if "clean" in a), key=lambda a: a["key"])
    for a in t2_arts:
        body = _blocks(a["clean"])[1:]
        a["base_text"] = " ".join([a["title"], *body])
        a["doc"] = " ".join([a["base_text"], *a["captions"]])
        a["caption_texts"] = list(a["captions"])

    t3_dir = corpus / "T3" / "dev"
    t3 = read_labels(t3_dir)
    clean = {lab["base"]["r1_file"]: lab for lab in t3 if lab["variant"] == "clean"}
    used = defaultdict(set)
    for lab in t3:
        if lab["variant"] == "clean-own-caption":
            lines = (t3_dir / lab["file"]).read_text().split("\n")
            used[lab["base"]["r1_file"]].update(lines[s["line"] - 1] for s in lab["segments"] if s["kind"] == "caption")
    r1_arts = []
    for line in (corpus / "R1" / "gold.jsonl").read_text().splitlines():
        g = json.loads(line)
        cw = bd.clean_ws
        # gold paragraphs that are not story text (related headlines, promos) left out
        skip = {cw(g[n["field"]][n["index"]]) for n in g.get("non_story") or []
                if n["field"] in ("body", "summary") and n["index"] < len(g[n["field"]] or [])}
        art = {"title": cw(g["title"] or ""), "summary": [cw(p) for p in g["summary"] or [] if cw(p) and cw(p) not in skip],
               "sections": [{"headline": [cw(h) for h in s.get("headline") or [] if cw(h)],
                             "paragraphs": [cw(p) for p in s.get("paragraphs") or [] if cw(p) and cw(p) not in skip]}
                            for s in g["sections"] or []],
               "captions": [{"caption": cw(c["caption"] or "") or None, "credit": c["credit"] or []}
                            for c in g["captions"] or []]}
        art["paragraphs"] = [p for s in art["sections"] for p in s["paragraphs"]]
        paras = bd.alnum(" ".join(art["paragraphs"]))
        caps = [c for c in bd.page_captions(art) if bd.alnum(c["caption"])[:60] not in paras]
        art["key"] = g["file"]
        a = {"key": "R1:" + g["file"], "pool": "R1", "article": art, "title": art["title"], "doc": bd.doc_of(art),
             "base_text": bd.base_text(art), "captions": [bd.render_caption(c) for c in caps],
             "caption_texts": [c["caption"] for c in caps], "used_own": used.get(g["file"], set())}
        if g["file"] in clean:
            a["clean"], a["label"] = (t3_dir / clean[g["file"]]["file"]).read_text(), clean[g["file"]]
        r1_arts.append(a)
    return t2_arts, r1_arts


def _splice(base: dict, line: str, variant: str, extra: dict) -> tuple[str, dict]:
    """The base's clean file with `line` as a paragraph after its paragraph 2, and its labels
    with the lines after it moved down."""
    blocks = _blocks(base["clean"])
    at = min(3, len(blocks))
    new = blocks[:at] + [line] + blocks[at:]
    first = sum(b.count("\n") + 2 for b in blocks[:at]) + 1  # the new paragraph's line
    shift = lambda n: n if n < first else n + 2  # noqa: E731
    lab = base["label"]
    base_info = dict(lab["base"])
    label = {"task": "near", "variant": variant, "file": "", "positive_lines": [first] if variant != "clean-own-caption" else [],
             "ignore_lines": [shift(n) for n in lab.get("ignore_lines", [])],
             "accept_rules": CAP_RULES if variant != "clean-own-caption" else [],
             "base": base_info, **extra}
    return "\n\n".join(new) + "\n", label


def _whole(bd, base: dict) -> dict:
    """An R1 base with its whole body (the builder's units, untrimmed): the page's later
    captions show scenes of paragraphs past T3's 25-sentence cut, so an own caption is only a
    fair negative beside the text it illustrates. T2's bodies exist only as cut."""
    if base["pool"] != "R1":
        return base
    units = bd.body_units(base["article"])
    while units and units[-1][0] == "ignored-subhead":  # a related box's title, as the builder drops it
        units.pop()
    text, segs = bd.render([("headline", base["title"])] + units)
    label = {**base["label"], "ignore_lines": [g["line"] for g in segs if g["kind"].startswith("ignored-")]}
    return {**base, "clean": text, "label": label}


def build(corpus: Path) -> list[tuple[str, dict]]:
    bd = builder(corpus)
    t2_arts, r1_arts = pools(corpus, bd)
    everything = t2_arts + r1_arts
    tf = bd.TfIdf([a["doc"] for a in everything])
    vec = {a["key"]: tf.vec(a["doc"]) for a in everything}
    for a in everything:
        a["kinds"] = bd.kinds_of(a["base_text"], top=3, min_hits=2)
        if "label" in a and "multi_country" not in a["label"]["base"]:
            a["label"]["base"]["multi_country"] = len(bd.countries_of(bd.places_in(a["base_text"]))) >= 2
    items: list[tuple[str, dict]] = []
    usage: Counter = Counter()
    for bases, others, variant in ((r1_arts, t2_arts, "T2 caption, R1 base"),
                                   (t2_arts, r1_arts, "R1 caption, T2 base")):
        for b in (b for b in bases if "clean" in b):
            bv = vec[b["key"]]
            with_caps = [a for a in others if a["captions"] and a["key"] != b["key"]]
            sims = {a["key"]: bd.cosine(bv, vec[a["key"]]) for a in with_caps}
            floor = max(bd.NEAR_MIN, bd.quantile(list(sims.values()), bd.NEAR_QUANTILE))
            bplaces = bd.places_in(b["base_text"])
            body_norm = bd.alnum(b["base_text"])
            cands = []
            for a in with_caps:
                s = sims[a["key"]]
                same_story = set(a["kinds"]) & set(b["kinds"])
                if not (floor <= s < bd.SAME_STORY_MAX) or not same_story:
                    continue
                for shown, ctext in zip(a["captions"], a["caption_texts"]):
                    if bd.alnum(ctext)[:60] in body_norm:
                        continue
                    ckinds = bd.kinds_of(ctext)
                    if ckinds and not set(ckinds) & set(b["kinds"]):
                        continue
                    new_places = [p for p in bd.places_in(ctext) if p not in bplaces and p != "United States"]
                    ents = bd.new_entities(ctext, b["base_text"])
                    if not ents and not new_places:
                        continue
                    csim = bd.cosine(tf.vec(ctext), bv)
                    score = s + 0.5 * csim + 0.05 * bool(new_places)
                    cands.append((-score, bd.stable_hash("near", b["key"], ctext)[:12], a, shown, ctext, s,
                                  new_places, ents, sorted(same_story)))
            cands.sort(key=lambda c: (c[0], c[1]))
            picked = 0
            for _, key, a, shown, ctext, s, new_places, ents, kinds in cands:
                if picked >= MAX_NEAR_PER_BASE or usage[ctext] >= MAX_CAPTION_USES:
                    continue
                usage[ctext] += 1
                picked += 1
                items.append(_splice(b, shown, variant, {
                    "foreign": [{"id": a["key"], "text": shown, "topic_sim": round(s, 4)}],
                    "evidence": {"new_places": new_places, "new_entities": ents[:8], "same_event_kind": kinds,
                                 "review": key}}))
    for b in everything:
        if "clean" not in b:
            continue
        own = [c for c in b["captions"] if c not in b["used_own"]
               and bd.alnum(c)[:60] not in bd.alnum(b["clean"])]
        rng = random.Random(bd.stable_int("near-own", b["key"]))
        for c in rng.sample(own, min(MAX_OWN_PER_BASE, len(own))):
            items.append(_splice(_whole(bd, b), c, "clean-own-caption", {"foreign": []}))
    for text, label in items:
        label["file"] = bd.stable_hash("near-file", text)[:16] + ".txt"
    return items


def write(items: list[tuple[str, dict]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for text, label in items:
        (out / label["file"]).write_text(text, encoding="utf-8")
    (out / "labels.jsonl").write_text("".join(json.dumps(l, sort_keys=True) + "\n"
                                              for _, l in sorted(items, key=lambda i: i[1]["file"])))


def cause(res, line: int) -> str:
    """What checker's evidence saw in a missed caption line, in the order an editor would
    ask: was it read as a caption, does it say where it is, is that where the story is."""
    from checker.context import Context
    from checker.features.names import new_names
    from checker.features.places import location_places

    article = res.article
    at = sum(len(t) + 1 for t in article.source.text.split("\n")[: line - 1])
    seg = next((s for s in article.segments if s.start <= at < s.end), None)
    if seg is None or seg.kind is not Kind.CAPTION:
        return f"read as {seg.kind.name.lower() if seg else 'nothing'}, not caption"
    ctx = Context(article)
    places = location_places(ctx, seg)
    story = ctx.story_countries
    if places:
        if all(story.get(p.country, 0.0) >= 0.5 for p in places):
            return "place in the story's main country"
        if any(story.get(p.country, 0.0) > 0.0 for p in places):
            return "place in a country the story names"
        return "place in a foreign country, not enough"
    if new_names(seg.text, ctx.story_text):
        return "no place; new names only"
    return "no place, no new names"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", type=int, default=15, metavar="N", help="print N missed captions, drawn at random")
    ap.add_argument("--keep", type=Path, help="write the set's files and labels.jsonl here (else a temporary folder)")
    ap.add_argument("--false-flags", action="store_true", help="print every false flag and extra flag")
    args = ap.parse_args()
    items = build(args.corpus)
    engine = Engine(load(), Embedder())
    kept: dict[str, object] = {}

    def check(paths, sources):
        results = engine.check_sources(sources)
        kept.update({Path(p).name: r for p, r in zip(paths, results)})
        return results

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        write(items, out)
        counts = Counter(l["variant"] for _, l in items)
        print(f"near-topic set: {len(items)} files ({', '.join(f'{v} {n}' for v, n in sorted(counts.items()))})")
        import bench.quality as quality

        quality.SHOWN.clear()
        scored = score_task(check, out)
        table = figures("near", scored)
        pos = [v for v in scored["stats"] if scored["stats"][v]["positives"]]
        total = {k: sum(scored["stats"][v][k] for v in pos) for k in ("positives", "caught", "flagged_true", "flagged_false")}
        print_table("near-topic set (bench/near.py)", [table])
        rec = total["caught"] / total["positives"]
        flagged = total["flagged_true"] + total["flagged_false"]
        prec = total["flagged_true"] / flagged if flagged else 1.0
        print(f"  all near-captions: {int(total['positives'])} lines, recall {rec:.3f}, precision {prec:.3f}, "
              f"F1 {2 * prec * rec / (prec + rec) if prec + rec else 0:.3f}")
        if args.false_flags:
            for line in quality.SHOWN:
                if not line.startswith("missed"):
                    print("  " + line)
        misses = []
        for text, lab in items:
            res = kept[lab["file"]]
            for line in lab["positive_lines"]:
                warn = [f for f in res.findings if f.severity >= Severity.WARNING and f.rule in lab["accept_rules"]
                        and f.line <= line <= f.end_line]
                if not warn:
                    best = max((f.confidence for f in res.findings if f.line <= line <= f.end_line), default=0.0)
                    misses.append((cause(res, line), lab, text.split("\n")[line - 1], best))
        print("\n  misses by cause")
        for why, n in Counter(m[0] for m in misses).most_common():
            print(f"    {n:>3}  {why}")
        sample = random.Random(0).sample(misses, min(args.show, len(misses)))
        if sample:
            print(f"\n  {len(sample)} misses drawn at random (judge: could the caption illustrate the story?)")
        for why, lab, line, best in sample:
            print(f"  - [{why}; best {best:.2f}] {lab['variant']} {lab['file']} (cosine {lab['foreign'][0]['topic_sim']})")
            print(f"      story:   {lab['base']['title'][:110]}")
            print(f"      caption: {line[:220]}")


if __name__ == "__main__":
    main()
