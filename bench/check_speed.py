"""Speed of `checker check` on a folder of stories against reviewing the same stories.

    .venv/bin/python bench/check_speed.py [--stories 200] [--runs 3] [--single 2]

Makes N Markdown stories (front-matter title, then the paragraphs) from the dev articles in
../shared/corpus/T2 and times, in alternating fresh processes with an empty embedding cache
each time (the gazetteer index, built once per install, stays warm):

  - check:  `checker check DIR --format json` (discovery, config, directives, one engine);
  - review: `checker review FILE... --format json` with all N files in one process, i.e. the
    same reviewing work with the model loaded once, not once per story.

and prints their medians and the ratio check / review (the issue's target: at most 1.2).
`--single K` also times K one-file `checker review` processes, to show what reviewing the
stories one process (one model load) apart would cost: about N times that.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "T2" / "dev"
CHECKER = [sys.executable, "-m", "checker.cli"]


def make_stories(folder: Path, n: int) -> list[Path]:
    sources = sorted(CORPUS.glob("*.txt"))
    if len(sources) < n:
        sys.exit(f"need {n} articles in {CORPUS}, found {len(sources)}")
    stories = []
    for source in sources[:n]:
        headline, _, body = source.read_text(encoding="utf-8").partition("\n")
        # JSON strings are valid YAML scalars, so any headline survives quoting.
        text = f"---\ntitle: {json.dumps(headline.strip(), ensure_ascii=False)}\n---\n\n{body.strip()}\n"
        story = folder / f"{source.stem}.md"
        story.write_text(text, encoding="utf-8")
        stories.append(story)
    return stories


def timed(cmd: list[str], env: dict, cache: Path) -> float:
    vectors = cache / "checker" / "embeddings.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(vectors) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    try:  # exit 1 is also what a crash returns: only a whole report counts as a run
        files = json.loads(done.stdout)["files"]
    except (ValueError, KeyError):
        files = None
    if done.returncode not in (0, 1) or not files or any(f["status"] != "ok" for f in files):
        sys.exit(f"{' '.join(cmd[2:4])}... failed ({done.returncode}): {done.stderr.decode()[-800:]}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--single", type=int, default=2, help="one-file review processes to time")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="checker-check-bench-"))
    try:
        folder = work / "stories"
        folder.mkdir()
        stories = make_stories(folder, args.stories)
        cache = work / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
        check = [*CHECKER, "check", str(folder), "--format", "json"]
        review = [*CHECKER, "review", *map(str, stories), "--format", "json"]
        subprocess.run([*CHECKER, "review", str(stories[0]), "--format", "json"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # builds the gazetteer index

        times: dict[str, list[float]] = {"check": [], "review": []}
        for i in range(args.runs):
            order = ("check", "review") if i % 2 == 0 else ("review", "check")
            for name in order:
                times[name].append(timed(check if name == "check" else review, env, cache))
        single = [timed([*CHECKER, "review", str(stories[i]), "--format", "json"], env, cache)
                  for i in range(args.single)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{args.stories} Markdown stories from {CORPUS.relative_to(ROOT.parent)}, "
          f"{args.runs} runs each, medians, empty embedding cache every run")
    print(f"  checker check DIR (one process)          {med['check']:7.2f} s   runs: "
          + ", ".join(f"{t:.2f}" for t in times["check"]))
    print(f"  checker review FILE... (one process)     {med['review']:7.2f} s   runs: "
          + ", ".join(f"{t:.2f}" for t in times["review"]))
    print(f"  ratio check / review                     {med['check'] / med['review']:7.2f}   (target <= 1.20)")
    if single:
        one = statistics.median(single)
        print(f"  one-file review process                  {one:7.2f} s   -> {args.stories} apart: "
              f"~{one * args.stories:.0f} s ({one * args.stories / med['check']:.0f}x check)")


if __name__ == "__main__":
    main()
