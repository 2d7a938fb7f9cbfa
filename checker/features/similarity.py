"""How a line's similarity to the story ranks among the story's own paragraphs."""
from __future__ import annotations

import bisect

from checker.context import Context
from checker.model import Segment


def similarity_rank(ctx: Context, value: float, exclude: Segment | None = None) -> float:
    """Share of the body's paragraphs less similar to the rest of the body than `value`:
    0 when a line is further from the story than every paragraph of it."""
    sims = ctx.paragraph_similarities
    below, count = bisect.bisect_left(ctx.sorted_paragraph_similarities, value), len(sims)
    if exclude is not None and exclude.index in sims:
        below, count = below - (sims[exclude.index] < value), count - 1
    return below / count if count else 0.5
