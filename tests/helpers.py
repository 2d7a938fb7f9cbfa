"""Small shared helpers for tests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checker.read import read_text

RANK = {"info": 0, "warning": 1, "error": 2}


def check_text(engine, text: str, fmt: str = "txt", path: str = "case.txt"):
    """Run the engine over an article given as a string; return its FileResult."""
    (result,) = engine.check_sources([read_text(text, path, fmt)])
    return result


def context_of(text: str, embedder):
    """An article given as a string, segmented and encoded as the engine does (the run's
    phrase banks too): its Context, and its segments by their first twelve characters."""
    from checker.config import load
    from checker.context import Context, texts_to_embed, with_run_texts
    from checker.segment import Segmenter

    article = Segmenter(load().segmenter).segment(read_text(text, "story.txt", "txt"))
    texts = with_run_texts(texts_to_embed(article))
    return Context(article, dict(zip(texts, embedder.encode(texts)))), {s.text[:12]: s for s in article.segments}


def dev_slice_labels(folder: Path, slices=(("T1", 40), ("T2", 80))) -> Path:
    """A labels file over a slice of the dev corpus (files by absolute path), enough stories
    to fit on."""
    import json

    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    out = []
    for task, keep in slices:
        corpus = shared / task / "dev"
        for line in (corpus / "labels.jsonl").read_text().splitlines()[:keep]:
            rec = json.loads(line)
            rec["file"] = str(corpus / rec["file"])
            out.append(json.dumps(rec))
    path = folder / "labels.jsonl"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def lines_flagged(result, rule: str, min_severity: str = "warning") -> list[int]:
    floor = RANK[min_severity]
    return sorted({ln for f in result.findings if f.rule == rule and f.severity >= floor
                   for ln in range(f.line, f.end_line + 1)})


def hold_to_expectations(report_json: str, expected: Path, tmp_path: Path) -> tuple[int, str]:
    """Run ../shared/tools/expect.py on a JSON report, as the project's contract says."""
    report = tmp_path / "report.json"
    report.write_text(report_json, encoding="utf-8")
    tool = Path(__file__).resolve().parents[2] / "shared" / "tools" / "expect.py"
    proc = subprocess.run([sys.executable, str(tool), str(report), str(expected)],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr

