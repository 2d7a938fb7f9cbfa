"""One photo caption, or a near-duplicate of it, illustrating stories about different places or dates.

## What it flags
A caption whose text, or one within `min_similarity` (cosine of sentence embeddings), also
captions another article of the audited archive, when the two stories are about different
places (no country where one story is, at `min_country_weight`, is where the other is) or
lie more than `max_days_apart` days apart. The finding is reported on the caption in every
article involved, naming the other articles, their countries and dates and the similarity.
Captions shorter than `min_caption_words` words are left alone. Only `checker audit` finds
it: it needs the whole archive.

## Why it matters
A recycled photo is the damage no single article shows: each caption may fit its story well
enough, yet the same picture of a flood in Pakistan cannot also show one in Bangladesh. Desks
auditing an archive want every story that carries it, together.

## Example
Bad:

    Floods cut off villages in northeast Bangladesh (dated 2024-06-20)
    Residents wade through floodwaters past submerged shops in the town centre.

    Monsoon rains flood Pakistan's Sindh province (dated 2022-08-27)
    Residents wade through floodwaters past submerged shops in the town centre.

Good:

    Floods cut off villages in northeast Bangladesh (dated 2024-06-20)
    Residents wade through floodwaters past submerged shops in the town centre.

    Bangladesh flood toll rises as rivers keep climbing (dated 2024-06-21)
    Residents wade through floodwaters past submerged shops in the town centre.

## How it scales
Identical captions are grouped by text, and near-duplicates are found with scikit-learn's
`NearestNeighbors` radius query over the distinct captions' unit vectors (Euclidean radius
sqrt(2 - 2 * min_similarity), the same cut as cosine), computed in bounded blocks: there is no
Python loop over pairs of articles, only over the neighbours each caption actually has. The
result of the search is kept in the results cache, keyed by the caption vectors, so a re-audit
of an unchanged archive skips it.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Protocol

import numpy as np

from checker.audit.state import Caption
from checker.config import ConfigError, read_yaml, rule_settings, rules_dir
from checker.model import Severity

NEIGHBOUR_BLOCK = 1024  # caption rows per matrix product: 1024 x n float32 at a time

RULE_ID = "caption-reuse"
EXCERPT_CHARS = 160


@dataclass(frozen=True)
class Params:
    min_similarity: float
    min_caption_words: int
    max_days_apart: int
    min_country_weight: float
    max_evidence: int


@dataclass(frozen=True)
class ReuseConfig:
    enabled: bool
    severity: Severity
    params: Params


def load(directory: Path | None = None) -> ReuseConfig:
    """rules/caption-reuse.yml, as strictly as the per-article rules' files."""
    path = (directory or rules_dir()) / f"{RULE_ID}.yml"
    enabled, severity, params = rule_settings(Params, read_yaml(path), str(path))
    if not 0.0 < params.min_similarity <= 1.0:
        raise ConfigError(f"{path}.params.min_similarity: must be in (0, 1], got {params.min_similarity}")
    return ReuseConfig(enabled, severity, params)


def find(captions: list[Caption], vectors: np.ndarray, facts: Mapping[str, Mapping[str, Any]],
         config: ReuseConfig, memo: "NeighbourMemo | None" = None) -> dict[str, list[dict[str, Any]]]:
    """Schema-shaped findings per article key. `facts[key]` holds the article's id, path,
    headline, date (ISO) and countries ({iso: weight}) with their names. `memo` keeps the
    neighbour search of an unchanged set of captions for the next audit."""
    p = config.params
    keep = [i for i, c in enumerate(captions) if len(c.text.split()) >= p.min_caption_words]
    if not keep:
        return {}
    # Identical captions are one point of the index; near-duplicates are its neighbours.
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in keep:
        by_text[captions[i].text].append(i)
    texts = list(by_text)
    points = np.stack([vectors[by_text[t][0]] for t in texts]).astype(np.float32)
    neighbours = _memoized(points, p.min_similarity, memo)

    # Places and dates of each article once; a wire caption reused N times pairs N^2 times.
    where_when = {k: (_countries(f, p), _date(f)) for k, f in facts.items()}
    findings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t, text in enumerate(texts):
        near = neighbours[t]
        if len(near) == 1 and len(by_text[text]) == 1:
            continue
        # The closest copy in each article, found once for every copy of this text.
        best: dict[str, tuple[float, Caption]] = {}
        for u, sim in near:
            for j in by_text[texts[u]]:
                other = captions[j]
                if sim > best.get(other.key, (-1.0, None))[0]:
                    best[other.key] = (sim, other)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        for i in by_text[text]:
            mine = captions[i]
            differing = [(k, sim, c, reasons) for k, (sim, c) in ranked if k != mine.key
                         if (reasons := _differences(where_when[mine.key], where_when[k], p))]
            if differing:
                evidence = [_other(facts[k], sim, c, reasons, p)
                            for k, sim, c, reasons in differing[: p.max_evidence]]
                findings[mine.key].append(_finding(mine, facts[mine.key], evidence, len(differing), config))
    return dict(findings)


class NeighbourMemo(Protocol):
    def get_neighbours(self, digest: str) -> list[list[tuple[int, float]]] | None: ...
    def put_neighbours(self, digest: str, neighbours: list[list[tuple[int, float]]]) -> None: ...


def _memoized(points: np.ndarray, min_similarity: float,
              memo: NeighbourMemo | None) -> list[list[tuple[int, float]]]:
    if memo is None:
        return _neighbours(points, min_similarity)
    digest = hashlib.blake2b(points.tobytes() + repr(min_similarity).encode(), digest_size=16).hexdigest()
    found = memo.get_neighbours(digest)
    if found is None:
        found = _neighbours(points, min_similarity)
        memo.put_neighbours(digest, found)
    return found


def _neighbours(points: np.ndarray, min_similarity: float) -> list[list[tuple[int, float]]]:
    """Every point's neighbours at or above the similarity, in index order: a brute-force
    search (as scikit-learn's for cosine), a block of rows at a time so memory stays flat."""
    found: list[list[tuple[int, float]]] = []
    floor = min_similarity - 1e-6
    for start in range(0, len(points), NEIGHBOUR_BLOCK):
        for row in points[start:start + NEIGHBOUR_BLOCK] @ points.T:  # unit vectors: cosines
            found.append([(int(j), round(float(row[j]), 4)) for j in np.flatnonzero(row >= floor)])
    return found


def _countries(fact: Mapping[str, Any], p: Params) -> set[str]:
    return {c for c, w in (fact.get("countries") or {}).items() if w >= p.min_country_weight}


def _date(fact: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(fact.get("date"))[:10]) if fact.get("date") else None
    except ValueError:
        return None


def _differences(a: tuple[set[str], date | None], b: tuple[set[str], date | None],
                 p: Params) -> list[str]:
    """Why two articles' uses of a caption disagree, from each one's (countries, date)."""
    reasons = []
    (ca, da), (cb, db) = a, b
    if ca and cb and not ca & cb:
        reasons.append("different places")
    if da and db and abs((da - db).days) > p.max_days_apart:
        reasons.append("different dates")
    return reasons


def _place_words(fact: Mapping[str, Any], p: Params) -> list[str]:
    names = fact.get("country_names") or {}
    return [names.get(c, c) for c in sorted(_countries(fact, p))]


def _other(fact: Mapping[str, Any], sim: float, caption: Caption, reasons: list[str],
           p: Params) -> dict[str, Any]:
    return {
        "id": fact.get("id"),
        "path": fact.get("path"),
        "headline": fact.get("headline"),
        "countries": _place_words(fact, p),
        "date": fact.get("date"),
        "similarity": round(min(sim, 1.0), 4),
        "line": caption.position.get("line"),
        "differs_in": ", ".join(reasons),
    }


def _finding(caption: Caption, fact: Mapping[str, Any], evidence: list[dict[str, Any]], articles: int,
             config: ReuseConfig) -> dict[str, Any]:
    """`evidence`: the closest of the `articles` other articles, at most max_evidence."""
    p = config.params
    first = evidence[0]
    where = ", ".join(first["countries"]) or "an unknown place"
    when = f", {first['date']}" if first.get("date") else ""
    more = f" and {articles - 1} more" if articles > 1 else ""
    message = (f"The same caption illustrates {first['id']} ({where}{when}){more}: "
               f"{first['differs_in']}")
    excerpt = " ".join(caption.text.split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
    pos = caption.position
    return {
        "rule": RULE_ID,
        "severity": config.severity.label,
        "message": message,
        "line": pos["line"],
        "column": pos["column"],
        "end_line": pos["end_line"],
        "end_column": pos["end_column"],
        "excerpt": excerpt,
        "confidence": first["similarity"],
        "evidence": {
            "similarity": first["similarity"],
            "min_similarity": p.min_similarity,
            "countries": _place_words(fact, p),
            "date": fact.get("date"),
            "articles": articles,
            "other_articles": evidence,
        },
    }
