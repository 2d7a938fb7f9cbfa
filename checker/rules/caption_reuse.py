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
Identical captions are grouped by text, and near-duplicates are found by a brute-force cosine
search over the distinct captions' unit vectors, in matrix products of a bounded number of
rows: there is no Python loop over pairs of articles, only over the neighbours each caption
actually has. The
result of the search is kept in the results cache, keyed by the caption vectors, so a re-audit
of an unchanged archive skips it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from checker.model import Article, Hit, Rule


@dataclass(frozen=True)
class Params:
    min_similarity: float
    min_caption_words: int
    max_days_apart: int
    min_country_weight: float
    max_evidence: int

    def __post_init__(self) -> None:
        if not 0.0 < self.min_similarity <= 1.0:
            raise ValueError(f"min_similarity: must be in (0, 1], got {self.min_similarity}")


def check(article: Article, ctx, params: Params) -> Iterator[Hit]:
    """Nothing to find in one article: the audit runs checker.audit.caption_reuse over all."""
    return iter(())


RULE = Rule(id="caption-reuse", doc=__doc__, params=Params, check=check, needs_embeddings=False,
            archive=True)
