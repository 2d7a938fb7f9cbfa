"""Detection quality on the dev corpus (../shared/corpus), scored as its README says.

    .venv/bin/python bench/quality.py [--corpus ../shared/corpus] [--tasks T1 T2 T3 R1] [--params FILE]
    .venv/bin/python bench/quality.py --cv 5     # held-out: each file scored by classifiers
                                                 # fitted without its story (grouped folds)
    .venv/bin/python bench/quality.py --cv 5 --repeats 5   # ... over 5 fold assignments

(T3 is never fitted, bench/fit.py trains on T1 and T2: under --cv it is scored by the shipped
classifiers, held-out already.)

A positive line is caught when a finding of an accepted rule at warning or error covers it.
Precision counts flagged non-blank lines (accepted rules, warning+) that are neither positive
nor in ignore_lines. For clean variants: findings of the guarded rules at warning+ per
article. Headline tasks: AUROC over the highest headline-mismatch confidence per file.
Also holds the seed and every samples/*.expected.json to their expectations.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import load  # noqa: E402
from checker.embed import Embedder  # noqa: E402
from checker.engine import Engine  # noqa: E402
from checker.model import Severity  # noqa: E402
from checker.read import read_path  # noqa: E402

SHOWN: list[str] = []  # false flags on clean articles and missed positives, printed with --show
GUARDED = {"caption-mismatch", "off-topic", "unrelated-trailer", "headline-mismatch", "date-inconsistency"}


FITTED_TASKS = ["T1", "T2"]  # bench/fit.py's training labels


def covers(f, line: int) -> bool:
    return f.line <= line <= f.end_line


def read_labels(task_dir: Path) -> list[dict]:
    """A split's labels.jsonl, one record per file."""
    return [json.loads(line) for line in (task_dir / "labels.jsonl").read_text().splitlines() if line.strip()]


def score_task(check, task_dir: Path) -> dict:
    """`check(paths) -> results` runs checker; the labels then score what it found."""
    labels = read_labels(task_dir)
    sources = [read_path(task_dir / lab["file"]) for lab in labels]
    results = check([task_dir / lab["file"] for lab in labels], sources)
    stats: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    countries: dict[str, dict] = defaultdict(lambda: defaultdict(float))
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
        if positives:
            for line in sorted(flagged - positives - ignore):
                f = next(f for f in warn if covers(f, line))
                text = src.text.split("\n")[line - 1] if src.origin is None else f.excerpt
                SHOWN.append(f"extra flag: {lab['variant']} {lab['file']}:{line} {f.rule} {f.confidence:.2f} {text[:90]}")
        if not positives:
            false = [f for f in res.findings if f.rule in GUARDED and f.severity >= Severity.WARNING]
            v["false_flags"] += len(false)
            if "multi_country" in (lab.get("base") or {}):
                many = "2+ countries" if lab["base"]["multi_country"] else "0-1 countries"
                countries[many]["files"] += 1
                countries[many]["false_flags"] += len(false)
            for f in false:
                line = src.text.split("\n")[f.line - 1] if src.origin is None else f.excerpt
                SHOWN.append(f"false flag: {lab['variant']} {lab['file']}:{f.line} {f.rule} {f.confidence:.2f} {line[:90]}")
        if 1 in positives or lab["variant"] in ("related", "unrelated") or "headline-mismatch" in accept:
            score = max((f.confidence for f in res.findings if f.rule == "headline-mismatch"), default=0.0)
            ys, ss = auroc[lab["variant"] if lab["task"] == "T2" else "all"]
            ys.append(1 if 1 in positives else 0)
            ss.append(score)
    return {"stats": stats, "auroc": auroc, "countries": countries}


def figures(task: str, scored: dict) -> dict[str, dict[str, float]]:
    """Per variant: files, recall, precision, F1, false flags per clean article; for T1 also
    headline-mismatch over all pairs (AUROC, F1)."""
    from sklearn.metrics import roc_auc_score

    nan = float("nan")
    out: dict[str, dict[str, float]] = {}
    for variant, v in sorted(scored["stats"].items()):
        recall = v["caught"] / v["positives"] if v["positives"] else nan
        flagged = v["flagged_true"] + v["flagged_false"]
        precision = v["flagged_true"] / flagged if flagged else (1.0 if v["positives"] else nan)
        f1 = 2 * precision * recall / (precision + recall) if v["positives"] and precision + recall else nan
        ff = v["false_flags"] / v["files"] if not v["positives"] else nan
        out[variant] = {"files": v["files"], "recall": recall, "precision": precision, "F1": f1,
                        "false flags/clean": ff}
    for group, v in sorted(scored.get("countries", {}).items()):
        out[f"clean, {group}"] = {"files": v["files"], "recall": nan, "precision": nan, "F1": nan,
                                  "false flags/clean": v["false_flags"] / v["files"]}
    if task == "T1":
        ys, ss = scored["auroc"]["all"]
        caught = sum(v["caught"] for v in scored["stats"].values())
        pos = sum(v["positives"] for v in scored["stats"].values())
        fp = scored["stats"]["related"]["flagged_false"]
        prec = caught / (caught + fp) if caught + fp else 0
        rec = caught / pos
        out["headline-mismatch"] = {"AUROC": roc_auc_score(ys, ss), "F1": 2 * prec * rec / (prec + rec),
                                    "precision": prec, "recall": rec}
    return out


COLUMNS = ("recall", "precision", "F1", "false flags/clean")


def print_table(task: str, runs: list[dict[str, dict[str, float]]]) -> None:
    """One run's figures, or the mean of several with their spread (min-max) beside it."""
    import math

    def cell(name: str, key: str, width: int, digits: int = 3) -> str:
        values = [r[name][key] for r in runs if not math.isnan(r[name][key])]
        if not values:
            return f"{'nan':>{width}}"
        mean = sum(values) / len(values)
        if len(runs) == 1 or max(values) == min(values):
            return f"{mean:>{width}.{digits}f}"
        spread = f"{mean:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"
        return f"{spread:>{width}}"

    width = 6 if len(runs) == 1 else 20
    first = runs[0]
    print(f"\n{task}" + (f"  (mean of {len(runs)} fold assignments, min-max)" if len(runs) > 1 else ""))
    print(f"  {'variant':<20} {'files':>5} " + " ".join(f"{c:>{max(width, len(c))}}" for c in COLUMNS))
    for variant in (v for v in first if v != "headline-mismatch"):
        print(f"  {variant:<20} {int(first[variant]['files']):>5} "
              + " ".join(cell(variant, c, max(width, len(c))) for c in COLUMNS))
    if "headline-mismatch" in first:
        print(f"  headline-mismatch AUROC {cell('headline-mismatch', 'AUROC', 0, 4).strip()}")
        print(f"  headline-mismatch F1 {cell('headline-mismatch', 'F1', 0, 4).strip()} (precision "
              f"{cell('headline-mismatch', 'precision', 0).strip()}, recall "
              f"{cell('headline-mismatch', 'recall', 0).strip()})")


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


def held_out_setup(corpus: Path, tasks: list[str], embedder: Embedder,
                   splice_seeds: tuple[int, ...]) -> dict:
    """Every labelled article segmented, encoded and measured once (bench/fit.py's training
    set, every draw of spliced paragraphs), for any number of fold assignments."""
    from bench.fit import splice_draws
    from checker.rules import SCORERS
    from checker.segment import Segmenter
    from checker.train import collect, read_labels

    config = load()
    with tempfile.TemporaryDirectory() as tmp:
        drawn = splice_draws(corpus, Path(tmp), splice_seeds)
        items = read_labels([corpus / t / "dev" / "labels.jsonl" for t in tasks] + list(drawn.values()))
        examples, _ = collect(items, SCORERS, Segmenter(config.segmenter), embedder)
    draw = [next((seed for seed in splice_seeds if f"/splices-{seed}/" in str(it.path)), None) for it in items]
    return {"config": config, "items": items, "examples": examples, "draw": draw, "seeds": splice_seeds}


def cross_validated(setup: dict, k: int, embedder: Embedder, seed: int | None = None) -> dict[Path, object]:
    """Results of every corpus file from classifiers fitted on the other folds' stories only
    (T1 grouped by FNC body, T2 by base article, spliced paragraphs with their base). Seed
    None is the fixed assignment; a seed shuffles which stories share a fold."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from checker.classifier import Classifiers, average, load_base
    from checker.train import train

    items, examples, draw = setup["items"], setup["examples"], setup["draw"]
    scored = {i for i, d in enumerate(draw) if d is None}
    groups = np.array([it.group for it in items])
    folds = GroupKFold(n_splits=k) if seed is None else GroupKFold(n_splits=k, shuffle=True, random_state=seed)
    results: dict[Path, object] = {}
    for n, (train_idx, test_idx) in enumerate(folds.split(groups, groups=groups), 1):
        # one fit per draw of spliced paragraphs, averaged, as bench/fit.py makes the shipped file
        fitted = average([train(examples, load_base(), setup["config"].scorers,
                                judged=setup["config"].judged_weights,
                                articles={i for i in train_idx.tolist() if draw[i] in (None, drawn)})
                          for drawn in setup["seeds"]])
        engine = Engine(setup["config"], embedder, Classifiers(fitted, f"fold {n}"))
        held = [i for i in test_idx if i in scored]
        for i, res in zip(held, engine.check_sources([read_path(items[i].path) for i in held])):
            results[items[i].path] = res
        print(f"  fold {n}/{k}: fitted on {len(train_idx)} articles, scored {len(held)} held out",
              file=sys.stderr, flush=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--tasks", nargs="*", default=["T1", "T2", "T3", "R1"],
                    help="T1 T2 T3 (labelled splices) and R1 (real pages, bench/pages.py)")
    ap.add_argument("--params", type=Path, help="classifiers file (default: rules/classifiers.json)")
    ap.add_argument("--show", action="store_true",
                    help="list every false flag on a clean article, every flagged line that is not "
                         "a positive, and every missed positive line (with --repeats: in how many "
                         "assignments)")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="score held-out: refit on K-1 grouped folds, score the K-th")
    ap.add_argument("--repeats", type=int, default=1, metavar="R",
                    help="with --cv: R fold assignments (the fixed one, then shuffled), figures "
                         "as their mean and min-max; one assignment moves a figure by a line or two")
    ap.add_argument("--splice-seeds", type=int, nargs="+", metavar="N",
                    help="with --cv: the draws of spliced training paragraphs whose fits are "
                         "averaged (default: bench/fit.py's, as the shipped file)")
    args = ap.parse_args()
    embedder = Embedder()
    checks = []
    if args.cv and set(args.tasks) & set(FITTED_TASKS):
        print(f"held-out scores: grouped {args.cv}-fold refits (bench/fit.py's training set)")
        from bench.fit import SPLICE_SEEDS

        # fit.py trains on T1 and T2 (and their spliced paragraphs) only: T3 is never fitted,
        # so the shipped classifiers score it held-out already
        setup = held_out_setup(args.corpus, FITTED_TASKS, embedder, tuple(args.splice_seeds or SPLICE_SEEDS))
        seeds = [None, *range(1, args.repeats)]
        for seed in seeds:
            held = cross_validated(setup, args.cv, embedder, seed)
            checks.append(lambda paths, sources, held=held: [held[p] for p in paths])
    from checker.classifier import load as load_classifiers
    from checker.rules import SCORERS

    engine = Engine(load(), embedder, load_classifiers(SCORERS, args.params) if args.params else None)
    shipped = [lambda paths, sources: engine.check_sources(sources)]
    checks = checks or shipped
    for task in args.tasks:
        started = time.perf_counter()
        if task == "R1":
            from bench.pages import report

            print()
            report(args.corpus)
            continue
        runs = []
        shown: Counter[str] = Counter()
        used = checks if task in FITTED_TASKS else shipped
        for check in used:
            runs.append(figures(task, score_task(check, args.corpus / task / "dev")))
            # a line's confidence moves between assignments: count the line, not the number
            shown.update({line if len(used) == 1 else re.sub(r" (\(best )?\d\.\d\d\)? ", " ", line)
                          for line in SHOWN})
            SHOWN.clear()
        print_table(task, runs)
        print(f"  ({time.perf_counter() - started:.1f} s)")
        if args.show:
            for line, n in sorted(shown.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {line}" if len(used) == 1 else f"  {n:>2}/{len(used)} {line}")
    if not args.cv:
        check_expectations([] if args.params is None else ["--params", str(args.params)])


if __name__ == "__main__":
    main()
