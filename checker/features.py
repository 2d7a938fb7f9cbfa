"""Evidence shared by the semantic rules: where a line is set against where the story is,
and which of a headline's words the body supports."""
from __future__ import annotations

import re

from checker.context import Context, place_dicts
from checker.model import Segment

# A place after one of these is where a photo was taken or an event happened; elsewhere
# ("by USA warplanes", "a Syrian flag") it is usually an actor, not the location.
_LOCATIVE = re.compile(r"(?i)\b(?:in|at|near|outside|inside|from|across|off|of|to)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,2}$")
_STOPWORDS = frozenset("""a an the and or but of in on at to for from by with as is are was were be been
be being this that these those it its their his her they he she we you i not no yes after before over
under into out up down off about than then so if while says said say new more most will would can
could may might has have had do does did just also how why what when where who which amid""".split())


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


def place_evidence(ctx: Context, places: list, label: str) -> dict:
    story = sorted(ctx.story_places(), key=lambda p: -ctx.story_countries.get(p.country, 0))
    return {f"{label}_places": place_dicts(places), "story_places": place_dicts(story)[:8]}


def story_summary(ctx: Context) -> str:
    """'Syria (Albu Kamal, Deir al-Zour)': the story's main country and its named cities."""
    top = next(iter(ctx.story_countries), None)
    if top is None:
        return "elsewhere"
    places = [p for p in ctx.story_places() if p.country == top]
    country = next((p.country_name for p in places), top)
    cities = list(dict.fromkeys(p.name for p in places if p.kind in ("city", "region")))
    return f"{country} ({', '.join(cities[:3])})" if cities else country


def where(places: list) -> str:
    """'Sabratha, Libya (Libya)': names grouped by country."""
    groups: dict[str, list[str]] = {}
    for p in places:
        groups.setdefault(p.country_name, [])
        if p.name not in groups[p.country_name]:
            groups[p.country_name].append(p.name)
    return "; ".join(f"{', '.join(names)} ({country})" if names != [country] else country
                     for country, names in groups.items())


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    for suffix in ("'s", "’s", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> dict[str, str]:
    """Content words keyed by a crude stem, each with the first form the text uses."""
    terms: dict[str, str] = {}
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*", text):
        if w.lower() not in _STOPWORDS and len(w) > 1:
            terms.setdefault(_stem(w), w.strip("'’"))
    return terms


def term_coverage(line: str, body: str) -> tuple[float, list[str]]:
    """Share of a line's content words that the body uses, and the ones it does not."""
    terms = content_terms(line)
    if not terms:
        return 1.0, []
    body_terms = content_terms(body)
    missing = [word for stem, word in terms.items() if stem not in body_terms]
    return 1.0 - len(missing) / len(terms), missing
