"""Every finding checker reports on the dev corpus, as a golden file: behaviour is unchanged
by a refactor exactly when this file is.

    .venv/bin/python -m tests.golden_corpus            # compare, print what differs
    .venv/bin/python -m tests.golden_corpus --update   # a change meant to move findings

`tests/test_golden_corpus.py` runs the comparison. Each finding is kept as
`rule severity line-end_line confidence` (confidence to 3 places: what the benchmark's F1,
precision and AUROC are computed from), per file of T1, T2 and T3 dev. Update it only in a
commit that says why findings moved, with the benchmark figures before and after.
(onnxruntime's int8 kernels differ between CPU instruction sets, so confidences may differ
in the third place on another kind of processor than this project's machines and CI.)
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "corpus_findings.json.gz"
TASKS = ("T1", "T2", "T3")


def corpus_files() -> list[Path]:
    return [p for task in TASKS for p in sorted((CORPUS / task / "dev").glob("*.txt"))]


def findings(engine, paths: list[Path]) -> dict[str, list[str]]:
    from checker.engine import read_all

    out: dict[str, list[str]] = {}
    for start in range(0, len(paths), 100):
        chunk = paths[start:start + 100]
        for path, result in zip(chunk, engine.check_sources(read_all([str(p) for p in chunk]))):
            key = f"{path.parent.parent.name}/{path.name}"
            out[key] = [f"{f.rule} {f.severity.label} {f.line}-{f.end_line} {f.confidence:.3f}"
                        for f in result.findings] if result.error is None else [f"error {result.error}"]
    return out


def current(embedder) -> dict[str, list[str]]:
    from checker.config import load
    from checker.engine import Engine

    return findings(Engine(load(), embedder), corpus_files())


def differences(golden: dict[str, list[str]], now: dict[str, list[str]], limit: int = 20) -> list[str]:
    lines = []
    for key in sorted(set(golden) | set(now)):
        before, after = set(golden.get(key, [])), set(now.get(key, []))
        if before != after:
            lines.append(f"{key}: -{sorted(before - after)} +{sorted(after - before)}")
    return lines[:limit] + ([f"... and {len(lines) - limit} more files"] if len(lines) > limit else [])


def read() -> dict[str, list[str]]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def write(data: dict[str, list[str]]) -> None:
    raw = json.dumps(data, indent=0, sort_keys=True).encode("utf-8")
    with gzip.GzipFile(GOLDEN, "wb", mtime=0) as fh:
        fh.write(raw)


def main() -> None:
    from checker.embed import Embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite the golden file")
    args = ap.parse_args()
    now = current(Embedder())
    if args.update:
        write(now)
        print(f"wrote {GOLDEN.relative_to(ROOT)}: {sum(map(len, now.values()))} findings in {len(now)} files")
        return
    diff = differences(read(), now)
    print("\n".join(diff) if diff else "identical")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
