"""A line's shape: what a headline, a list item, a caption and a sentence look like."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[•·▪●*-])\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
# Words photo captions use and story paragraphs rarely do: positions of people in the frame,
# the picture itself, and the present-tense "X speaks during Y" of caption style.
_CAPTION_CUES = re.compile(
    r"(?i)\b(?:(?:at|on the|from) (?:left|right|center|centre)|\((?:left|right|center|centre|top|bottom|L|R|C)\)"
    r"|left,|right,|center,|pictured|photo(?:graph)?(?:ed)?|picture[ds]?|file (?:photo|image)|image|"
    r"poses?|looks? on|speaks? (?:during|at|to|with)|gestures?|arrives?|waves?|is seen|are seen|"
    r"shows?|stained|micrograph|rendering|illustration|handout|courtesy)\b")


# A story's own short paragraphs lean on what came before ("He said...", "But the council...")
# or attribute a quote; a caption or headline from elsewhere stands alone.
# A paragraph wholly in brackets is the writer's aside on the text around it.
_ASIDE = re.compile(r"\(.*\)[.!?]?|\[.*\][.!?]?", re.S)
_ATTRIBUTED = re.compile(r"(?i)\b(?:said|says|told|tells|according to|added|adds|asked|wrote|writes)\b")
# A leading ellipsis ("…as villagers cry foul") carries on the line before, as a deck does.
# "Our" is not on the list: a house or an advertiser opens a line so ("Our agents are small
# business owners too") far more often than a story does, while "We" and "I" mostly carry
# on a speaker the paragraph before named (dropping them too cost false flags in
# bench/quality.py's cross-validation).
_LEANS_BACK = re.compile(r"^(?:…|\.\.\.)|^[\"“‘']?(?:He|She|It|They|We|I|You|This|That|These|Those|His|Her|Their|Its|"
                         r"But|And|So|Yet|Still|However|Also|Then|Now|Instead|Meanwhile|Even|"
                         r"There|Here|The (?:company|group|city|government|agency|state|president|"
                         r"minister|police|court|team|club|report|study|move|decision|plan|bill))\b")


@lru_cache(maxsize=16384)
def shape(text: str) -> Mapping[str, float]:
    """Line shape: what a headline, a list item, a caption and a sentence look like."""
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    capitalised = [w for w in words if w[:1].isupper()]
    return MappingProxyType({
        "list_item": 1.0 if _LIST_ITEM.match(text) else 0.0,
        "all_caps": 1.0 if len(letters) >= 4 and all(c.isupper() for c in letters) else 0.0,
        "sentence_end": 1.0 if _SENTENCE_END.search(text.strip()) else 0.0,
        "title_case": len(capitalised) / len(words) if words else 0.0,
        "log_words": math.log1p(len(words)),
        "caption_cues": min(len(_CAPTION_CUES.findall(text)), 3) / 3,
        "attributed": 1.0 if _ATTRIBUTED.search(text) else 0.0,
        "leans_on_context": 1.0 if _LEANS_BACK.match(text.strip()) or _ASIDE.fullmatch(text.strip()) else 0.0,
    })
