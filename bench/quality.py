"""Detection quality on the dev corpus (../shared/corpus), scored as its README says.

    .venv/bin/python bench/quality.py [--corpus ../shared/corpus] [--tasks T1 T2] [--params FILE]
    .venv/bin/python bench/quality.py --cv 5     # held-out: each file scored by classifiers
                                                 # fitted without its story (grouped folds)

A positive line is caught when a finding of an accepted rule at warning or error covers it.
Precision counts flagged non-blank lines (accepted rules, warning+) that are neither positive
nor in ignore_lines. For clean variants: findings of the guarded rules at warning+ per
article. Headline tasks: AUROC over the highest headline-mismatch confidence per file.
Also holds the seed and every samples/*.expected.json to their expectations.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import load  # noqa: E402
from checker.embed import Embedder  # noqa: E402
from checker.engine import Engine  # noqa: E402
from checker.model import Severity  # noqa: E402
from checker.read import read_path  # noqa: E402

SHOWN: list[str] = []  # false flags on clean articles and missed positives, printed with --show
GUARDED = {"caption-mismatch", "off-topic", "unrelated-trailer", "headline-mismatch"}


def covers(f, line: int) -> bool:
    return f.line <= line <= f.end_line


def score_task(check, task_dir: Path) -> dict:
    """`check(paths) -> results` runs checker; the labels then score what it found."""
    labels = [json.loads(l) for l in (task_dir / "labels.jsonl").read_text().splitlines() if l.strip()]
    sources = [read_path(task_dir / lab["file"]) for lab in labels]
    results = check([task_dir / lab["file"] for lab in labels], sources)
    stats: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    auroc: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for lab, res, src in zip(labels, results, sources):
        v = stats[lab["variant"]]
        v["files"] += 1
        positives = set(lab["positive_lines"])
        ignore = set(lab.get("ignore_lines", []))
        accept = set(lab["accept_rules"]) or GUARDED
        warn = [f for f in res.findings if f.severity >= Severity.WARNING and f.rule in accept]
        for line in sorted(positives):
            v["positives"] += 1
            caught = any(covers(f, line) for f in warn)
            v["caught"] += caught
            if not caught:
                text = src.text.split("\n")[line - 1] if src.origin is None else ""
                best = max((f.confidence for f in res.findings if covers(f, line)), default=0.0)
                SHOWN.append(f"missed: {lab['variant']} {lab['file']}:{line} (best {best:.2f}) {text[:100]}")
        nonblank = {i + 1 for i, t in enumerate(src.text.split("\n")) if t.strip()}
        flagged = {ln for f in warn for ln in range(f.line, f.end_line + 1)} & nonblank
        v["flagged_true"] += len(flagged & positives)
        v["flagged_false"] += len(flagged - positives - ignore)
        if not positives:
            false = [f for f in res.findings if f.rule in GUARDED and f.severity >= Severity.WARNING]
            v["false_flags"] += len(false)
            for f in false:
                line = src.text.split("\n")[f.line - 1] if src.origin is None else f.excerpt
                SHOWN.append(f"false flag: {lab['variant']} {lab['file']}:{f.line} {f.rule} {f.confidence:.2f} {line[:90]}")
        if 1 in positives or lab["variant"] in ("related", "unrelated") or "headline-mismatch" in accept:
            score = max((f.confidence for f in res.findings if f.rule == "headline-mismatch"), default=0.0)
            ys, ss = auroc[lab["variant"] if lab["task"] == "T2" else "all"]
            ys.append(1 if 1 in positives else 0)
            ss.append(score)
    return {"stats": stats, "auroc": auroc}


def print_table(task: str, scored: dict) -> None:
    from sklearn.metrics import roc_auc_score

    print(f"\n{task}")
    print(f"  {'variant':<20} {'files':>5} {'recall':>7} {'precision':>9} {'F1':>6} {'false flags/clean':>18}")
    for variant, v in sorted(scored["stats"].items()):
        recall = v["caught"] / v["positives"] if v["positives"] else float("nan")
        flagged = v["flagged_true"] + v["flagged_false"]
        precision = v["flagged_true"] / flagged if flagged else (1.0 if v["positives"] else float("nan"))
        f1 = 2 * precision * recall / (precision + recall) if v["positives"] and precision + recall else float("nan")
        ff = v["false_flags"] / v["files"] if not v["positives"] else float("nan")
        print(f"  {variant:<20} {int(v['files']):>5} {recall:>7.3f} {precision:>9.3f} {f1:>6.3f} {ff:>18.3f}")
    if task == "T1":
        ys, ss = scored["auroc"]["all"]
        print(f"  headline-mismatch AUROC {roc_auc_score(ys, ss):.4f}")
        caught = sum(v["caught"] for v in scored["stats"].values())
        pos = sum(v["positives"] for v in scored["stats"].values())
        fp = scored["stats"]["related"]["flagged_false"]
        prec = caught / (caught + fp) if caught + fp else 0
        rec = caught / pos
        print(f"  headline-mismatch F1 {2 * prec * rec / (prec + rec):.4f} (precision {prec:.3f}, recall {rec:.3f})")


def check_expectations(engine_args: list[str]) -> None:
    from typer.testing import CliRunner

    from checker.cli import app

    articles = [ROOT.parent / "shared" / "seeds" / "000_955f36c13bab3e62.txt"]
    articles += sorted(p for p in (ROOT / "samples").iterdir()
                       if p.suffix in (".txt", ".md") and p.name != "README.md")
    print("\nseed and samples")
    for article in articles:
        out = CliRunner().invoke(app, ["review", str(article), "--format", "json", *engine_args]).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            fh.write(out)
        proc = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "expect.py"),
                               fh.name, str(article.with_suffix(".expected.json"))],
                              capture_output=True, text=True)
        print(f"  {article.name:<40} {proc.stdout.strip().splitlines()[-1]}")


def cross_validated(corpus: Path, tasks: list[str], k: int, embedder: Embedder) -> dict[Path, object]:
    """Results of every corpus file from classifiers fitted on the other folds' stories only
    (T1 grouped by FNC body, T2 by base article, spliced paragraphs with their base)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from bench.fit import splices
    from checker.classifier import Classifiers
    from checker.classifier import load_base
    from checker.rules import SCORERS
    from checker.segment import Segmenter
    from checker.train import collect, read_labels, train

    config = load()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [corpus / t / "dev" / "labels.jsonl" for t in tasks] + [splices(corpus, Path(tmp), 7)]
        items = read_labels(paths)
        examples, _ = collect(items, SCORERS, Segmenter(config.segmenter), embedder)
    scored = {i for i, it in enumerate(items) if not it.path.name.startswith("splice-")}
    groups = np.array([it.group for it in items])
    results: dict[Path, object] = {}
    for n, (train_idx, test_idx) in enumerate(GroupKFold(n_splits=k).split(groups, groups=groups), 1):
        fitted = train(examples, load_base(), articles=set(train_idx.tolist()))
        engine = Engine(config, embedder, Classifiers(fitted, f"fold {n}"))
        held = [i for i in test_idx if i in scored]
        for i, res in zip(held, engine.check_sources([read_path(items[i].path) for i in held])):
            results[items[i].path] = res
        print(f"  fold {n}/{k}: fitted on {len(train_idx)} articles, scored {len(held)} held out", flush=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--tasks", nargs="*", default=["T1", "T2"])
    ap.add_argument("--params", type=Path, help="classifiers file (default: rules/classifiers.json)")
    ap.add_argument("--show", action="store_true",
                    help="list every false flag on a clean article and every missed positive line")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="score held-out: refit on K-1 grouped folds, score the K-th")
    args = ap.parse_args()
    embedder = Embedder()
    if args.cv:
        print(f"held-out scores: grouped {args.cv}-fold refits (bench/fit.py's training set)")
        held = cross_validated(args.corpus, args.tasks, args.cv, embedder)
        check = lambda paths, sources: [held[p] for p in paths]  # noqa: E731
    else:
        from checker.classifier import load as load_classifiers

        engine = Engine(load(), embedder, load_classifiers(args.params) if args.params else None)
        check = lambda paths, sources: engine.check_sources(sources)  # noqa: E731
    for task in args.tasks:
        started = time.perf_counter()
        scored = score_task(check, args.corpus / task / "dev")
        print_table(task, scored)
        print(f"  ({time.perf_counter() - started:.1f} s)")
        if args.show:
            print("\n".join(f"  {line}" for line in SHOWN))
        SHOWN.clear()
    if not args.cv:
        check_expectations([] if args.params is None else ["--params", str(args.params)])


if __name__ == "__main__":
    main()
