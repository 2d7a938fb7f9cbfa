"""Made-up audit entries in the shape the pipeline hands to `write_outputs`, for tests and
bench/report_speed.py that need many articles and findings (paging, sorting, speed) without
running the model. Deterministic for a given size."""
from __future__ import annotations

import datetime as dt
import hashlib
import random

RULES = ("caption-mismatch", "headline-mismatch", "off-topic", "boilerplate", "duplicate")
SITES = ("daily.example", "wire.example", "gazette.example")
SECTIONS = ("world", "politics", "sport")


def entries(articles: int, findings_per_article: int, *, passing_every: int = 5,
            seed: int = 7) -> list[dict]:
    """`articles` archive records; every `passing_every`-th has no finding, the others
    `findings_per_article` each."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    out = []
    for i in range(articles):
        headline = f"Story {i:05d}: council weighs plan number {i}"
        body = [f"Paragraph {p} of story {i}, about the council's plan and its costs." for p in range(3)]
        segments = [{"kind": "headline", "line": 1, "end_line": 1, "text": headline}]
        segments += [{"kind": "body", "line": 2 + p, "end_line": 2 + p, "text": t}
                     for p, t in enumerate(body)]
        findings = []
        if i % passing_every:
            for j in range(findings_per_article):
                line = 1 + (i + j) % 4
                text = segments[line - 1]["text"]
                severity = rng.choice(("error", "warning", "warning", "info"))
                findings.append({
                    "rule": RULES[(i + j) % len(RULES)], "severity": severity,
                    "message": f"Finding {j} on story {i}", "line": line, "column": 1,
                    "end_line": line, "end_column": len(text) + 1, "excerpt": text,
                    "confidence": round(rng.random(), 3),
                    "evidence": {"similarity": round(rng.random(), 3), "min_probability": 0.5},
                })
        worst = {f["severity"] for f in findings}
        out.append({
            "path": f"archive.jsonl:{i + 1}", "status": "ok", "error": None,
            "verdict": "fail" if "error" in worst else "warn" if "warning" in worst else "pass",
            "segments": segments, "findings": findings,
            "id": f"s{i:05d}", "headline": headline,
            "date": (start + dt.timedelta(days=(i * 3) % 300)).isoformat(),
            "url": f"https://{SITES[i % 3]}/{SECTIONS[(i // 3) % 3]}/story-{i}",
            "content_hash": hashlib.sha256(headline.encode()).hexdigest(),
        })
    return out
