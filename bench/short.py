"""Short stories: how often checker cries wolf on a brief, and whether it still catches a
splice or a swapped headline in one.

    .venv/bin/python bench/short.py [--corpus ../shared/corpus] [--lengths 4 5 6 8 12] [--show N]
                                    [--naive]

Newsrooms publish briefs of four or five paragraphs all the time, and a rule that judges a
line against "the rest of the story" has less to judge against in one. The clean articles of
T2/dev and T3/dev (labelled segments, no injected defect) are cut to their first N body
paragraphs, for each N of `--lengths`. The cut is made after the N-th paragraph the labels
call body, so a story never ends on a subhead, a list heading or a timestamp left behind by
the cut (the labels' `other` lines), which would read as a trailing headline: a brief as a
newsroom writes it ends on prose. `--naive` cuts after the N-th block of any kind instead,
as a first measurement did, to show what that artifact adds.

Per N it prints:

- clean: articles cut, warning+ findings of the guarded rules (caption-mismatch, off-topic,
  unrelated-trailer, headline-mismatch, date-inconsistency) per rule, and false flags per
  article;
- spliced: the same cut stories with one paragraph (25 words or more) of another clean story
  inserted after one of paragraphs 1..N-1 (never first, never last), a fixed random draw;
  recall is the share whose spliced line a warning+ off-topic finding covers;
- headline-swap: T2's headline-swap files (another story's headline on a real body) cut the
  same way; recall is the share with a warning+ headline-mismatch on line 1.

`--show N` lists up to N false flags per length with the flagged text.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import GUARDED  # noqa: E402
from bench.quality import read_labels  # noqa: E402

LENGTHS = (4, 5, 6, 8, 12)
SPLICE_SEED = 11
DONOR_WORDS = 25


def stories(corpus: Path, variant: str, tasks=("T2", "T3")) -> list[tuple[str, list[str], list[int], set[int]]]:
    """(name, lines, body line numbers, ignored line numbers) of each labelled file of
    `variant`. Ignored lines are the real page's own lines that are not story text (a
    related-story headline the publisher left in the body): flagging one is no false flag."""
    out = []
    for task in tasks:
        task_dir = corpus / task / "dev"
        for lab in read_labels(task_dir):
            if lab["variant"] != variant:
                continue
            lines = (task_dir / lab["file"]).read_text(encoding="utf-8").split("\n")
            body = [s["line"] for s in lab["segments"] if s["kind"] == "body"]
            out.append((f"{task}/{lab['file']}", lines, body, set(lab.get("ignore_lines", ()))))
    return out


def cut(lines: list[str], body: list[int], n: int, naive: bool = False) -> str | None:
    """The story up to and including its n-th body paragraph (None when it has fewer). Naive:
    up to its n-th non-blank block after the headline, whatever the block is."""
    if naive:
        blocks = [i + 1 for i, line in enumerate(lines) if i and line.strip()]
        if len(blocks) < n:
            return None
        end = blocks[n - 1]
    else:
        if len(body) < n:
            return None
        end = body[n - 1]
    return "\n".join(lines[:end]).rstrip("\n") + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--naive", action="store_true", help="cut after the n-th block of any kind")
    args = ap.parse_args()
    report(args.corpus, args.lengths, args.show, args.naive)


def report(corpus: Path, lengths, show: int = 0, naive: bool = False) -> None:
    from checker.config import load
    from checker.embed import Embedder
    from checker.engine import Engine
    from checker.model import Severity
    from checker.read import read_text

    engine = Engine(load(), Embedder())

    def loud(text: str, name: str):
        (result,) = engine.check_sources([read_text(text, name, "txt")])
        return [f for f in result.findings if f.severity >= Severity.WARNING and f.rule in GUARDED]

    clean = stories(corpus, "clean")
    swaps = stories(corpus, "headline-swap", tasks=("T2",))
    donors = [lines[b - 1] for _, lines, body, _ in clean for b in body
              if len(lines[b - 1].split()) >= DONOR_WORDS]
    print(f"{'N':>3} {'clean':>5} {'FF/article':>10}  {'by rule':<46} {'spliced':>7} {'recall':>6} "
          f"{'swaps':>5} {'recall':>6}")
    for n in lengths:
        rng = random.Random(SPLICE_SEED * 100 + n)
        flags: Counter = Counter()
        shown = []
        articles = spliced = caught = swapped = swap_caught = 0
        for name, lines, body, ignored in clean:
            text = cut(lines, body, n, naive)
            if text is None:
                continue
            articles += 1
            for f in loud(text, name):
                if set(range(f.line, f.end_line + 1)) <= ignored:
                    continue
                flags[f.rule] += 1
                shown.append((name, f))
            if naive or n < 2:
                continue
            own = set(lines[b - 1] for b in body)
            paragraph = rng.choice([d for d in donors if d not in own])
            at = body[rng.randrange(1, n)]  # before paragraph 2..n: never first, never last
            kept = text.split("\n")
            text = "\n".join(kept[: at - 1] + [paragraph, ""] + kept[at - 1:])
            spliced += 1
            caught += any(f.rule == "off-topic" and f.line <= at <= f.end_line for f in loud(text, name))
        for name, lines, body, _ in swaps:
            text = cut(lines, body, n, naive)
            if text is None:
                continue
            swapped += 1
            swap_caught += any(f.rule == "headline-mismatch" and f.line == 1 for f in loud(text, name))
        by_rule = ", ".join(f"{r} {c}" for r, c in sorted(flags.items())) or "-"
        print(f"{n:>3} {articles:>5} {sum(flags.values()) / max(articles, 1):>10.3f}  {by_rule:<46} "
              f"{spliced:>7} {caught / max(spliced, 1):>6.3f} {swapped:>5} {swap_caught / max(swapped, 1):>6.3f}",
              flush=True)
        for name, f in shown[:show]:
            print(f"      {name}:{f.line} {f.rule} {f.confidence:.2f} {f.excerpt[:90]!r}")


if __name__ == "__main__":
    main()
