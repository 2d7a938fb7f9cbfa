"""Where a line is set against where the story is: the places a line is *in*, and whether
the story is in their countries."""
from __future__ import annotations

import re

from checker.context import Context
from checker.model import Segment

# A place after one of these is where a photo was taken or an event happened; elsewhere
# ("by USA warplanes", "a Syrian flag") it is usually an actor, not the location.
_LOCATIVE = re.compile(r"(?i)\b(?:in|at|near|outside|inside|from|across|off|of|to)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,2}$")
# Only the words just before a place are read for one: a search of the whole line before
# each of its places was quadratic in the line's length (a line of 40,000 places: minutes).
_LOCATIVE_REACH = 100


# A place naming an event rather than where the picture is: "at the Qatar World Cup", "the
# 2024 Paris, France, premiere". A story about the footballer need not name Qatar.
_NAMES_AN_EVENT = re.compile(
    r"(?i)(?:,\s[\w .'’-]{1,40})?,?\s(?:World Cup|Olympics?|Olympic Games|Paralympics|Games|Open|Grand Prix"
    r"|Marathon|premiere|(?:film )?festival|Fashion Week|summit|awards?|Expo|Biennale|final|derby"
    r"|Eurovision|Song Contest)\b")


# A place after a result names a team: "a battling win over Tottenham", "lost to Leeds",
# "Chelsea beat Arsenal", "Spain v Italy". A story about the match need not name the district.
_NAMES_A_TEAM = re.compile(
    r"(?i)\b(?:(?:win|wins|victory|triumph|romp)\s+over|(?:lose|loses|lost|loss|defeat|fall|falls|fell)\s+to"
    r"|beat|beats|beaten\s+by|thrash(?:es|ed)?|stuns?|edges?|(?:draw|draws|drew)\s+(?:with|against)"
    r"|vs?\.?|versus)\s+$")


def names_a_team(seg: Segment, place) -> bool:
    return bool(_NAMES_A_TEAM.search(seg.text[max(0, place.start - 30): place.start]))


def located_places(ctx: Context, seg: Segment) -> list:
    """The places a line is *in*: cities and regions, and countries named as a location;
    not a place that names an event."""
    return [p for p in ctx.places(seg)
            if not _NAMES_AN_EVENT.match(seg.text, p.end) and not names_a_team(seg, p)
            and (p.kind in ("city", "region") or (p.kind != "demonym" and (
                _LOCATIVE.search(seg.text, max(0, p.start - _LOCATIVE_REACH), p.start) or seg.text[max(0, p.start - 2): p.start] == ", ")))]


# What may stand between a photo's place and its date in a wire caption: "in Brussels on
# Monday, 28 April 2025", "in Sabratha, Libya, in this February 19, 2016 handout picture".
_PLACE_THEN_DATE = re.compile(
    r"(?i)[,\s]*(?:(?:on|in|this|the)\s+|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)*")
# "Friday, Sept. 2, 2016, in Pittsburgh."
_DATE_THEN_PLACE = re.compile(r"(?i)[,\s]*(?:in|at|near|outside)\s+(?:the\s+)?")


def scene_places(ctx: Context, seg: Segment, located: list) -> list:
    """The places a caption's picture was taken in, when it says: those its full date stands
    right beside. A caption names more than where it is set ("aid to Palestinians in Gaza,
    during hearings at the court in Brussels on Monday, 28 April 2025"); the place it dates is
    the scene."""
    days = [d for d in ctx.dates(seg) if d.precision == "day"]
    if not days or not located:
        return []
    text = seg.text
    return [p for p in located
            if any(_PLACE_THEN_DATE.fullmatch(text, p.end, d.start) or _DATE_THEN_PLACE.fullmatch(text, d.end, p.start)
                   for d in days)]


def location_places(ctx: Context, seg: Segment) -> list:
    """The places a line is in, or failing those every place it names but demonyms."""
    return located_places(ctx, seg) or [p for p in ctx.places(seg) if p.kind != "demonym"
                                        and not _NAMES_AN_EVENT.match(seg.text, p.end)]


# A country the story names this often is one of the places the story is, however much more
# it names another: a story about US designs on Venezuelan oil names Venezuela twenty times
# beside the US's forty, and a photo of a Venezuelan refinery is its own.
STORY_COUNTRY_MENTIONS = 5.0


def place_conflict(ctx: Context, places: list, left_out: Segment | None = None) -> float:
    """1 when none of the line's countries figures in the story, 0 when its main one does, or
    one the story names often.

    The square root makes a country the story names even now and then count for much: a
    story about the US border that mentions Mexico a few times may carry a Nogales photo.
    """
    story = ctx.story_countries if left_out is None else ctx.story_countries_without(left_out)
    if not places or not story or any(p.country in ctx.story_region_countries for p in places):
        return 0.0
    # Mentions are counted over the whole story: a line judged as part of it (off-topic's
    # paragraph, `left_out`) would count its own, so only a line outside it is held to them.
    if left_out is None and any(ctx.story_country_mentions(p.country) >= STORY_COUNTRY_MENTIONS for p in places):
        return 0.0
    return 1.0 - max(story.get(p.country, 0.0) for p in places) ** 0.5


def place_unnamed(ctx: Context, located: list) -> float:
    """1 when a line is set somewhere (a city, a region, "in Canada") whose country the story
    never names at all, though it names others: "in Toronto, Canada" under a story set in
    Des Moines. Stronger than a conflict with a country the story names only in passing."""
    story = ctx.story_countries
    if not located or not story:
        return 0.0
    return 0.0 if any(story.get(p.country, 0.0) > 0.0 or p.country in ctx.story_region_countries
                      for p in located) else 1.0
