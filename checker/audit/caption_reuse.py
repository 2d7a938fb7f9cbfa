"""The cross-article rule caption-reuse over an audited archive (the rule itself, its
docs and its params: checker/rules/caption_reuse.py): identical and near-duplicate captions
of stories about different places or dates."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from typing import Any, Mapping, Protocol

import numpy as np

from checker.audit.state import Caption
from checker.config import RuleConfig
from checker.rules.caption_reuse import RULE, Params

NEIGHBOUR_BLOCK = 1024  # caption rows per matrix product: 1024 x n float32 at a time

RULE_ID = RULE.id
EXCERPT_CHARS = 160


def find(captions: list[Caption], vectors: np.ndarray, facts: Mapping[str, Mapping[str, Any]],
         config: RuleConfig, memo: "NeighbourMemo | None" = None) -> dict[str, list[dict[str, Any]]]:
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
        # Closest first; equally close ones by path, so that no run (nor a resumed one, whose
        # keys and order of sources differ) lists them in another order.
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], str(facts[kv[0]].get("path")),
                                                      str(facts[kv[0]].get("id")), kv[0]))
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
             config: RuleConfig) -> dict[str, Any]:
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
