"""Every finding checker reports on the dev corpus, as a golden file: behaviour is unchanged
by a refactor exactly when this file is.

    .venv/bin/python -m tests.golden_corpus            # compare, print what differs
    .venv/bin/python -m tests.golden_corpus --update   # a change meant to move findings

`tests/test_golden_corpus.py` runs the comparison. Each finding is kept as
`rule severity line-end_line confidence` (confidence to 3 places: what the benchmark's F1,
precision and AUROC are computed from), per file of T1, T2 and T3 dev. Update it only in a
commit that says why findings moved, with the benchmark figures before and after.
The same findings must come back, by rule, severity and lines, each confidence within
CONFIDENCE_TOLERANCE: the model's integer products are exact on every CPU (7-bit weights,
scripts/export_onnx.py), but onnxruntime's float kernels sum in another order on AVX-512
than on AVX2, which moves a vector by up to about 2e-4 a component and a confidence in the
third place.
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
# The vectors of a few probes on the machine that wrote the golden file: when findings move,
# whether this CPU's vectors do too tells a kernel's rounding from a change of behaviour.
PROBE_VECTORS = ROOT / "tests" / "golden" / "probe_vectors.json"
PROBES = ("Rebels took the town after three days of fighting.",
          "Residents wade through floodwaters past submerged shops.",
          "Photo: Jane Doe/Reuters")
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


CONFIDENCE_TOLERANCE = 0.005


def _same(before: list[str], after: list[str]) -> bool:
    """The same findings (rule, severity, lines), in order, each confidence within the tolerance."""
    if len(before) != len(after):
        return False
    for a, b in zip(before, after):
        (a_what, a_conf), (b_what, b_conf) = a.rsplit(" ", 1), b.rsplit(" ", 1)
        if a_what != b_what:
            return False
        try:
            if abs(float(a_conf) - float(b_conf)) > CONFIDENCE_TOLERANCE:
                return False
        except ValueError:  # an "error …" entry: the text itself must match
            if a_conf != b_conf:
                return False
    return True


def differences(golden: dict[str, list[str]], now: dict[str, list[str]], limit: int = 20) -> list[str]:
    lines = []
    for key in sorted(set(golden) | set(now)):
        before, after = golden.get(key, []), now.get(key, [])
        if not _same(sorted(before), sorted(after)):
            lines.append(f"{key}: -{sorted(set(before) - set(after))} +{sorted(set(after) - set(before))}")
    return lines[:limit] + ([f"... and {len(lines) - limit} more files"] if len(lines) > limit else [])


def probe_vectors(embedder) -> list[list[float]]:
    return [[round(float(x), 6) for x in row] for row in embedder.encode(list(PROBES))]


def vector_drift(embedder) -> float:
    """The largest difference, component by component, between this machine's probe vectors
    and those of the machine that wrote the golden file."""
    recorded = json.loads(PROBE_VECTORS.read_text(encoding="utf-8"))
    return max(abs(a - b) for old, new in zip(recorded, probe_vectors(embedder)) for a, b in zip(old, new))


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
    embedder = Embedder()
    now = current(embedder)
    if args.update:
        write(now)
        PROBE_VECTORS.write_text(json.dumps(probe_vectors(embedder)) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}: {sum(map(len, now.values()))} findings in {len(now)} files")
        return
    diff = differences(read(), now)
    print("\n".join(diff) if diff else "identical")
    if diff:
        print(f"(probe vectors differ from the recording machine's by up to {vector_drift(embedder):.2e})")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
