"""Where a line is set against where the story is: the places a line is *in*, and whether
the story is in their countries."""
from __future__ import annotations

import re

from checker.context import Context
from checker.model import Segment

# A place after one of these is where a photo was taken or an event happened; elsewhere
# ("by USA warplanes", "a Syrian flag") it is usually an actor, not the location.
_LOCATIVE = re.compile(r"(?i)\b(?:in|at|near|outside|inside|from|across|off|of|to)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,2}$")


def location_places(ctx: Context, seg: Segment) -> list:
    """The places a line is *in*: cities and regions, and countries named as a location."""
    places = [p for p in ctx.places(seg) if p.kind != "demonym"]
    located = [p for p in places
               if p.kind in ("city", "region") or _LOCATIVE.search(seg.text[: p.start])
               or seg.text[max(0, p.start - 2): p.start] == ", "]
    return located or places


def place_conflict(ctx: Context, places: list, left_out: Segment | None = None) -> float:
    """1 when none of the line's countries figures in the story, 0 when its main one does.

    The square root makes a country the story names even now and then count for much: a
    story about the US border that mentions Mexico a few times may carry a Nogales photo.
    """
    story = ctx.story_countries if left_out is None else ctx.story_countries_without(left_out)
    if not places or not story:
        return 0.0
    return 1.0 - max(story.get(p.country, 0.0) for p in places) ** 0.5
