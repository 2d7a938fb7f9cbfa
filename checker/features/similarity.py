"""How a line's similarity to the story ranks among the story's own paragraphs."""
from __future__ import annotations

from checker.context import Context
from checker.model import Segment


def similarity_rank(ctx: Context, value: float, exclude: Segment | None = None) -> float:
    """Share of the body's paragraphs less similar to the rest of the body than `value`:
    0 when a line is further from the story than every paragraph of it."""
    sims = [v for k, v in ctx.paragraph_similarities.items() if exclude is None or k != exclude.index]
    return sum(1 for s in sims if s < value) / len(sims) if sims else 0.5
