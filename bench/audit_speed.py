"""Speed and memory of `checker audit` against the bare model work it stands in for.

    .venv/bin/python bench/audit_speed.py [--articles 1000] [--workers 2] [--chunk-size N]
                                          [--skip-compare]

Builds an archive of N articles from ../shared/corpus (the T1 and T2 dev files as .txt, the
rest as JSON Lines records re-packaged from the same files, with their captions in the
`captions` field), then measures, each audit in a fresh process with its own empty
embedding cache unless said otherwise:

  - bare: sentence-transformers' `model.encode` of the upstream model on CPU torch (loaded
    beforehand, not timed; batches of 16) in this process, of the texts the audit needs vectors for: every segment and body
    sentence of every article, as the audit's readers and segmenter produce them.
      * all of them, repeats included: exactly the sentences of the archive, what a plain
        encode of it costs.
      * the distinct ones only. The corpus varies a few dozen base articles, so its texts
        repeat about seven times over; the audit encodes each distinct text once, so this
        ratio shows what is left when the encoding cost is cut to the bone: the fixed cost
        of starting workers and loading the model in each, and the checking itself. This is
        the throughput target (audit >= 1.5x of it);
  - cold audit with --workers N (a local Dask cluster): wall time of the whole command,
    articles/s and texts/s, the ratios bare time / audit time, and where the workers spent
    their time (summary.json's worker_seconds);
  - peak memory: the largest sum of RSS and of PSS over the audit process and all its
    children (Dask nanny and worker processes), sampled every 0.1 s (target < 1 GiB);
  - warm re-run: a fresh --out with the embedding and results caches the cold run filled
    (target >= 20x faster than cold), and a re-run into the complete --out (resume: nothing
    to do);
  - scaling: cold --workers 1 against cold --workers 2;
  - Dask overhead: cold --workers 1 (Dask, one worker process) against cold --workers 0 (the
    same work in the command's own process, no Dask).

The machine is shared and noisy: compare the ratios measured in one run, not seconds across
runs.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PY = sys.executable
GIB = 1024 ** 3


def corpus_files() -> list[tuple[Path, dict]]:
    found = []
    for task in ("T1", "T2"):
        dev = CORPUS / task / "dev"
        labels = {}
        for line in (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                labels[label["file"]] = label
        found.extend((p, labels.get(p.name, {})) for p in sorted(dev.glob("*.txt")))
    return found


def record(path: Path, label: dict, n: int) -> dict:
    """One corpus file as a JSON Lines record; lines labelled as captions go to `captions`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    kinds = {s["line"]: s["kind"] for s in label.get("segments", [])}
    body, captions = [], []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            (captions if kinds.get(number) == "caption" else body).append(line)
    return {"id": f"rec-{n:05d}", "headline": lines[0], "body": body, "captions": captions,
            "url": f"https://example.org/{path.stem}/{n}"}


def build(root: Path, n_articles: int) -> Path:
    files = corpus_files()
    src = root / "archive"
    (src / "files").mkdir(parents=True)
    for path, _ in files[:n_articles]:
        shutil.copy(path, src / "files" / path.name)
    with (src / "records.jsonl").open("w", encoding="utf-8") as out:
        for n in range(max(0, n_articles - len(files))):
            path, label = files[n % len(files)]
            out.write(json.dumps(record(path, label, n), ensure_ascii=False) + "\n")
    return src


def article_texts(src: Path) -> tuple[list[str], int]:
    """Every text the audit needs a vector for, article by article (repeats included), and
    how many of them are body sentences."""
    from checker.audit import sources
    from checker.audit.work import _source
    from checker.config import load
    from checker.context import texts_to_embed
    from checker.segment import Segmenter

    segmenter = Segmenter(load().segmenter)
    texts: list[str] = []
    sentences = 0
    for item in sources.items(sources.expand([str(src)]), "bench"):
        article = segmenter.segment(_source(item))
        texts.extend(texts_to_embed(article))
        sentences += len(article.sentences)
    return texts, sentences


def bare_encode(model, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (all threads) of one model.encode of `texts`."""
    from checker.embed import BATCH_SIZE

    started, cpu = time.perf_counter(), time.process_time()
    model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True,
                 show_progress_bar=False)
    return time.perf_counter() - started, time.process_time() - cpu


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def audit(src: Path, out: Path, cache: Path, workers: int, chunk_size: int | None) -> dict:
    """One `checker audit` in a fresh process: wall and CPU seconds (the command and every
    process under it), peak memory of its process tree, its summary."""
    cmd = [PY, "-m", "checker.cli", "audit", str(src), "--out", str(out), "--workers",
           str(workers), "--cache-dir", str(cache)]
    if chunk_size:
        cmd += ["--chunk-size", str(chunk_size)]
    env = {**os.environ, "NO_COLOR": "1"}
    started, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        rss = pss = 0
        try:
            for p in [parent, *parent.children(recursive=True)]:
                try:
                    info = p.memory_full_info()
                    rss, pss = rss + info.rss, pss + info.pss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.1)
    proc.wait()
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    stderr = proc.stderr.read().decode("utf-8", "replace")
    summary_file = out / "summary.json"
    if proc.returncode not in (0, 1) or "Traceback" in stderr or not summary_file.is_file():
        raise SystemExit(f"audit failed ({proc.returncode}):\n{stderr[-3000:]}")
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    done = summary["processed"] + summary["skipped"] + summary.get("from_shared_cache", 0)
    if done != summary["articles"] or summary["errors"]:
        raise SystemExit(f"audit did not check every article: {summary}")
    return {"seconds": seconds, "cpu": cpu, "rss": peak_rss, "pss": peak_pss, "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=None, help="Default: the CLI's.")
    ap.add_argument("--skip-compare", action="store_true",
                    help="Only the cold, warm and resumed runs (no --workers 1 / 0 comparisons).")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="checker-audit-bench-"))
    try:
        src = build(tmp, args.articles)
        from sentence_transformers import SentenceTransformer

        from checker.embed import BATCH_SIZE, bundled_model_path

        every, sentences = article_texts(src)
        texts, needed = list(dict.fromkeys(every)), len(every)
        # The baseline: the upstream model as sentence-transformers runs it (CPU torch).
        model = SentenceTransformer(str(bundled_model_path()), device="cpu")
        model.encode(texts[:64], batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)
        bare = bare_encode(model, texts)
        repeats = bare_encode(model, every)
        del model
        cache = tmp / "cache-main"
        cold = audit(src, tmp / "out-cold", cache, args.workers, args.chunk_size)
        warm = audit(src, tmp / "out-warm", cache, args.workers, args.chunk_size)
        resumed = audit(src, tmp / "out-warm", cache, args.workers, args.chunk_size)
        compare = {}
        if not args.skip_compare:
            for workers in (1, 0):
                compare[workers] = audit(src, tmp / f"out-{workers}", tmp / f"cache-{workers}",
                                         workers, args.chunk_size)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n = cold["summary"]["articles"]
    u = len(texts)
    bare_wall, bare_cpu = bare
    print(f"archive: {n} articles from ../shared/corpus, {needed} texts needed "
          f"({sentences} body sentences), {u} distinct ({needed / u:.1f}x repetition: the corpus "
          f"varies few base articles); wall s (cpu s, all processes)")
    all_wall, all_cpu = repeats
    print(f"  bare model.encode of all {needed} texts       {all_wall:7.2f} s ({all_cpu:7.2f})  "
          f"{n / all_wall:6.1f} articles/s {needed / all_wall:6.1f} texts/s")
    print(f"  bare model.encode of the {u} distinct texts  {bare_wall:7.2f} s ({bare_cpu:7.2f})  "
          f"{n / bare_wall:6.1f} articles/s {u / bare_wall:6.1f} texts/s")
    c, cc = cold["seconds"], cold["cpu"]
    print(f"  cold audit --workers {args.workers}, whole command    {c:7.2f} s ({cc:7.2f})  "
          f"{n / c:6.1f} articles/s {needed / c:6.1f} texts/s; model encoded "
          f"{cold['summary']['encoded']} texts")
    print(f"  throughput, audit / bare encode of the same {needed} texts: "
          f"wall {all_wall / c:5.2f}x  cpu {all_cpu / cc:5.2f}x")
    print(f"  throughput, audit / bare encode of the {u} distinct texts only: "
          f"wall {bare_wall / c:5.2f}x  cpu {bare_cpu / cc:5.2f}x   (target >= 1.5)")
    phases = cold["summary"].get("worker_seconds", {})
    if phases:
        print("  worker seconds (summed over workers): "
              + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
    print(f"  peak memory, audit and its processes    PSS {cold['pss'] / GIB:5.2f} GiB  "
          f"RSS {cold['rss'] / GIB:5.2f} GiB   (target < 1 GiB)")
    w, r = warm["seconds"], resumed["seconds"]
    print(f"  warm re-run, fresh --out, warm cache    {w:7.2f} s ({warm['cpu']:7.2f})  speed-up "
          f"{c / w:5.1f}x wall {cc / warm['cpu']:5.1f}x cpu (target >= 20x); model encoded "
          f"{warm['summary']['encoded']} texts, {warm['summary']['from_shared_cache']} articles "
          f"from the results cache")
    print(f"  re-run into the complete --out          {r:7.2f} s ({resumed['cpu']:7.2f})  speed-up "
          f"{c / r:5.1f}x wall; {resumed['summary']['skipped']} skipped, "
          f"{resumed['summary']['processed']} redone")
    if compare:
        one, zero = compare[1], compare[0]
        print(f"  cold audit --workers 1 (Dask)           {one['seconds']:7.2f} s ({one['cpu']:7.2f})  "
              f"scaling 1 -> {args.workers} workers: {one['seconds'] / c:.2f}x wall")
        print(f"  cold audit --workers 0 (in-process)     {zero['seconds']:7.2f} s ({zero['cpu']:7.2f})  "
              f"Dask overhead, 1 worker vs in-process: "
              f"{100 * (one['seconds'] - zero['seconds']) / zero['seconds']:+.1f}% wall "
              f"{100 * (one['cpu'] - zero['cpu']) / zero['cpu']:+.1f}% cpu")
        for workers in (1, 0):
            print(f"    --workers {workers}: peak PSS {compare[workers]['pss'] / GIB:.2f} GiB, "
                  f"RSS {compare[workers]['rss'] / GIB:.2f} GiB")

if __name__ == "__main__":
    main()
