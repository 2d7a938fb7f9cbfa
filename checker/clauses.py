"""A photo caption cut into its clauses.

A wire caption strings what the picture shows, where and when it was taken, and why it
matters into one sentence: "A shopper looks at gas cans on a store's shelves in Pine Hollow,
Calif., Tuesday, before a planned power shutdown." The whole sentence's vector is dominated
by the shop; the clause that ties the photo to the story ("before a planned power shutdown")
is what the story's own caption shares with it, and what a caption from elsewhere lacks.
"""
from __future__ import annotations

import re

# Punctuation and the conjunctions that open a caption's "when" and "why".
_BREAK = re.compile(r"[,;:()\u2013\u2014]|\b(?:as|after|before|while|during|when|following|ahead of)\b")
MIN_WORDS = 4  # shorter pieces ("Calif.", "Tuesday", "Nov. 19") join the clause before them


def clauses(text: str) -> list[str]:
    """The caption's clauses of at least MIN_WORDS words, in order; the text itself when it
    has at most one."""
    out: list[str] = []
    pending = ""  # short pieces before the first clause
    for piece in _BREAK.split(text):
        piece = f"{pending} {piece.strip()}".strip()
        pending = ""
        if len(piece.split()) >= MIN_WORDS:
            out.append(piece)
        elif out:
            out[-1] = f"{out[-1]} {piece}".strip()
        else:
            pending = piece
    return out if len(out) > 1 else [text]
