"""Is every stage linear in its input? Times n and 2n of each hostile shape and prints the
ratio (about 2 is linear, about 4 quadratic). The whole article pipeline runs — read,
segment, every rule — with vectors made up from a hash of each text, so no model is loaded
and what is timed is checker's own work, as with every vector cached.

    .venv/bin/python bench/doubling.py            # every shape, n = 1000
    .venv/bin/python bench/doubling.py --n 2000 --only paragraphs
"""
from __future__ import annotations

import argparse
import hashlib
import os
import time

# One BLAS thread, as the audit's workers have: on a busy machine a multi-threaded product of
# a 2,000-row matrix by a vector waits on its threads, and the ratio measured the machine's
# load (20x), not checker's work.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

from checker.config import load  # noqa: E402
from checker.context import texts_to_embed, with_run_texts  # noqa: E402
from checker.engine import Engine  # noqa: E402
from checker.read import read_text  # noqa: E402

PARAGRAPH = "Officials in Smallville said {i} residents were moved to shelters on Tuesday."


def shapes() -> dict:
    """name -> (format, text of size n)."""
    return {
        "paragraphs": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n\n".join(
            PARAGRAPH.format(i=i) for i in range(n)) + "\n"),
        "marked-lines": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n\n".join(
            f"* Point {i} of a list" for i in range(n)) + "\n"),
        "lines": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n".join(
            f"Line {i} of a list" for i in range(n)) + "\n"),
        "md-bangs": ("md", lambda n: "# Title\n\n" + "![a" * (10 * n) + "![a](b.jpg)\n"),
        "md-images": ("md", lambda n: "# Title\n\n" + "\n\n".join(
            f"![Caption {i} of a photo](p{i}.jpg)" for i in range(n)) + "\n"),
        "html-nesting": ("html", lambda n: "<html><body><h1>Title</h1>" + "<div>" * n
                         + "<p>Deep text of the story.</p>" + "</div>" * n + "</body></html>"),
        "html-tag-soup": ("html", lambda n: "<html><body><h1>Floods</h1>" + "<b><i>x</b></i><p>" * n
                          + "</body></html>"),
        "html-paragraphs": ("html", lambda n: "<html><body><article><h1>Title</h1>" + "".join(
            f"<p>{PARAGRAPH.format(i=i)}</p>" for i in range(n)) + "</article></body></html>"),
        # A whole page (a <head> with its <title>), read as a page: its furniture is sought.
        "html-page-column": ("html", lambda n: "<html><head><title>Floods</title></head><body><h1>Floods</h1>"
                             "<div>" + "".join(f"<p>{PARAGRAPH.format(i=i)}</p>\n" for i in range(n))
                             + "</div></body></html>"),
        "html-bare-text": ("html", lambda n: "<html><head><title>Floods</title></head><body><h1>Floods</h1>"
                           "<div>" + "\n\n".join(PARAGRAPH.format(i=i) for i in range(n)) + "</div></body></html>"),
        "json-body": ("json", lambda n: '{"headline": "Floods", "body": ['
                      + ", ".join(f'"{PARAGRAPH.format(i=i)}"' for i in range(n)) + "]}"),
        "long-word": ("txt", lambda n: "Headline\n\nA caption " + "Aa" * (500 * n) + "\n"),
        "glued-pairs": ("txt", lambda n: "Headline\n\nA caption " + "".join(
            f"w{i:x}ordNext{i:x}Word." for i in range(10 * n)) + "\n"),
        "dates": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n\n".join(
            f"On Monday, March {i % 28 + 1}, {1900 + i % 200} it rained." for i in range(n)) + "\n"),
        "whitespace": ("txt", lambda n: "Floods hit Smallville\n\n" + ("a" + " " * 500 + "\t" * 500) * n + "\n"),
        "places": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n\n".join(
            " ".join(["Paris London Berlin in France, Nigeria and Peru"] * n)
            for _ in range(4)) + "\n"),
        "md-captioned": ("md", lambda n: "# Floods hit Smallville\n\n" + "\n\n".join(
            f"{PARAGRAPH.format(i=i)}\n\n![Residents {i} wade through water in Lagos]({i}.jpg)"
            for i in range(n)) + "\n"),
        "trailing-lines": ("txt", lambda n: "Floods hit Smallville\n\n" + "\n\n".join(
            PARAGRAPH.format(i=i) for i in range(n)) + "\n\n" + "\n".join(
            f"Storm {i} Batters Coast Of Peru" for i in range(n)) + "\n"),
    }


def fake_vectors(texts) -> dict:
    out = {}
    for t in texts:
        seed = int.from_bytes(hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
        v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
        out[t] = v / np.linalg.norm(v)
    return out


def run(engine: Engine, fmt: str, text: str) -> float:
    started = time.perf_counter()
    article = engine.segmenter.segment(read_text(text, f"bench.{fmt}", fmt))
    vectors = fake_vectors(with_run_texts(texts_to_embed(article)))
    engine.check_article(article, vectors)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="the smaller size (default 1000)")
    parser.add_argument("--only", help="one shape")
    args = parser.parse_args()
    engine = Engine(load())
    run(engine, "txt", "Warm up\n\nOne paragraph.\n")
    print(f"{'shape':16} {'n':>7} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for name, (fmt, make) in shapes().items():
        if args.only and name != args.only:
            continue
        small, large = run(engine, fmt, make(args.n)), run(engine, fmt, make(2 * args.n))
        print(f"{name:16} {args.n:>7} {small:8.2f} {large:8.2f} {large / max(small, 1e-9):6.2f}")


if __name__ == "__main__":
    main()
