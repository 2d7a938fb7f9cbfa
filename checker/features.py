"""Evidence shared by the semantic rules: where a line is set against where the story is,
and which of a headline's words the body supports."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

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


def compared_with(article, match) -> dict:
    """The body sentence a line was held against, as evidence (nothing without a body)."""
    if match.best_sentence is None:
        return {}
    return {"compared_with": {"line": article.line(match.best_sentence),
                              "text": match.best_sentence.text[:160]}}


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


@lru_cache(maxsize=8192)
def content_terms(text: str) -> dict[str, str]:
    """Content words keyed by a crude stem, each with the first form the text uses.
    Cached (callers must not change the dict): rules ask about the same paragraphs often."""
    terms: dict[str, str] = {}
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]+|\d(?:[\d,.]*\d)?", text):
        if w.lower() not in _STOPWORDS and len(w) > 1:
            terms.setdefault(_stem(w), w.strip("'’"))
    return terms


def terms_of(texts) -> set[str]:
    """The content-word stems of several texts, each text's terms found once."""
    out: set[str] = set()
    for text in texts:
        out.update(content_terms(text))
    return out


def term_coverage(line: str, body: str | set[str]) -> tuple[float, list[str]]:
    """Share of a line's content words that the body (a text, or its stems) uses, and the
    ones it does not."""
    terms = content_terms(line)
    if not terms:
        return 1.0, []
    body_terms = content_terms(body) if isinstance(body, str) else body
    missing = [word for stem, word in terms.items() if stem not in body_terms]
    return 1.0 - len(missing) / len(terms), missing


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
_LEANS_BACK = re.compile(r"^[\"“‘']?(?:He|She|It|They|We|I|You|This|That|These|Those|His|Her|Their|Its|"
                         r"Our|But|And|So|Yet|Still|However|Also|Then|Now|Instead|Meanwhile|Even|"
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


def similarity_rank(ctx: Context, value: float, exclude: Segment | None = None) -> float:
    """Share of the body's paragraphs less similar to the rest of the body than `value`:
    0 when a line is further from the story than every paragraph of it."""
    sims = [v for k, v in ctx.paragraph_similarities.items() if exclude is None or k != exclude.index]
    return sum(1 for s in sims if s < value) / len(sims) if sims else 0.5


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100})
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_NUMBER = re.compile(r"(?i)(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) +
                     r")(?:\s*(thousand|million|billion|trillion|bn|k|m)\b)?(?![\w,.]\d)(?![A-Za-z\d])")


def _keys(text: str, start: int, end: int, left: int, right: int,
          skip: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Stems of the nearest content word before and after text[start:end], looking no further
    than `left` and `right` (the neighbouring figures)."""
    before = [w for w in re.findall(r"[A-Za-z]+", text[max(left, start - 30): start])
              if w.lower() not in _STOPWORDS and w.lower() not in skip][-1:]
    after = [w for w in re.findall(r"[A-Za-z]+", text[end: min(right, end + 30)])
             if w.lower() not in _STOPWORDS and w.lower() not in _SCALE][:1]
    return (_stem(before[0]) if before else "", _stem(after[0]) if after else "")


def _numbers(text: str) -> list[tuple[float, str, str, tuple[frozenset[str], frozenset[str]]]]:
    """(value, as written, unit, content words just before and just after) per number.

    Numbers inside compounds ("three-year-old", "18-karat") and years are left out; the
    context stops at another number and at the end of the sentence, so "$9 billion order for
    30 jets" keeps its two figures apart."""
    found = [m for m in _NUMBER.finditer(text)
             if text[m.end(): m.end() + 1] != "-" and text[max(0, m.start() - 1): m.start()] != "-"]
    out = []
    for i, m in enumerate(found):
        raw = m.group(1).lower()
        value = _NUMBER_WORDS.get(raw)
        if value is None:
            value = float(raw.replace(",", ""))
        value = float(value) * _SCALE.get((m.group(2) or "").lower(), 1.0)
        if 1900 <= value <= 2100 and raw.isdigit():
            continue  # a year, not a count
        left = found[i - 1].end() if i else 0
        right = found[i + 1].start() if i + 1 < len(found) else len(text)
        unit = ("money" if re.search(r"[$£€¥]\s*$", text[max(0, m.start() - 2): m.start()])
                else "percent" if re.match(r"\s*(?:%|per ?cent)", text[m.end():]) else "count")
        out.append((value, m.group(0), unit, _context(text, m.start(), m.end(), left, right)))
    return out


# What a count is about, folded: "kills 40" and "40 people died" count one thing.
_COUNTED = {w: k for k, words in {
    "kill": "kill kills killed killing dead die dies died death deaths toll lives",
    "injure": "injure injures injured injuring injury injuries wounded wounding hurt",
    "arrest": "arrest arrests arrested detain detains detained",
    "displace": "displace displaces displaced evacuate evacuates evacuated evacuation homeless",
    "rise": "rise rises rose risen rising",
    "fall": "fall falls fell fallen falling",
}.items() for w in words.split()}
# Words that name the count itself whichever side they stand on ("kills 40", "40 were killed").
_EITHER_SIDE = frozenset({"kill", "injure", "arrest", "displace", "missing"})
# Words around figures of every kind, which tie no two of them together.
_GENERIC = frozenset("""people person persons report reports reported reporting said says say
told according official officials news monday tuesday wednesday thursday friday saturday
sunday""".split())
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)")


def _fold(word: str) -> str:
    return _COUNTED.get(word.lower()) or _stem(word)


def _context(text: str, start: int, end: int, left: int, right: int,
             width: int = 3) -> tuple[frozenset[str], frozenset[str]]:
    """Up to `width` content words either side of text[start:end], folded, within the sentence
    and no further than the neighbouring figures at `left` and `right`."""
    before_text = text[max(left, start - 60): start]
    cut = list(_SENTENCE_BREAK.finditer(before_text))
    if cut:
        before_text = before_text[cut[-1].end():]
    after_text = text[end: min(right, end + 60)]
    stop = _SENTENCE_BREAK.search(after_text)
    if stop:
        after_text = after_text[: stop.start()]
    words = lambda t: [w for w in re.findall(r"[A-Za-z]+", t)  # noqa: E731
                       if w.lower() not in _STOPWORDS and w.lower() not in _SCALE
                       and w.lower() not in _GENERIC]
    return (frozenset(_fold(w) for w in words(before_text)[-width:]),
            frozenset(_fold(w) for w in words(after_text)[:width]))


def _same_thing(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Two figures' contexts share a word on the same side, or a word naming what is counted
    on either side (active and passive: "kills 40", "14 people were killed")."""
    if a[0] & b[0] or a[1] & b[1]:
        return True
    return bool((a[0] | a[1]) & (b[0] | b[1]) & _EITHER_SIDE)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
# A month name counts only where it reads as a date ("in March", "on April 9", "9 May"):
# "May" and "March" are also a verb and a noun.
_MONTH = re.compile(
    r"(?:(?i:\b(?:in|on|since|until|till|by|from|through|before|after|during)\s+(?:(?:early|late|mid)[\s-]+)?)"
    r"(?P<a>" + "|".join(m.capitalize() for m in _MONTHS) + r")\b"
    r"|\b(?P<b>" + "|".join(m.capitalize() for m in _MONTHS) + r")(?=\s+\d{1,2}\b)"
    r"|(?<=\d\s)(?P<c>" + "|".join(m.capitalize() for m in _MONTHS) + r")\b)")


_MONTH_PART = frozenset({"early", "mid", "late"})


def _months(text: str) -> list[tuple[int, str, tuple[str, str]]]:
    """(month number, as written, stems of the nearest content word before and after) per date."""
    found = list(_MONTH.finditer(text))
    out = []
    for i, m in enumerate(found):
        name = m.group("a") or m.group("b") or m.group("c")
        start = m.start("a") if m.group("a") else m.start("b") if m.group("b") else m.start("c")
        left = found[i - 1].end() if i else 0
        right = found[i + 1].start() if i + 1 < len(found) else len(text)
        keys = _keys(text, start, start + len(name), left, right, skip=_MONTH_PART)
        out.append((_MONTHS.index(name.lower()) + 1, name, keys))
    return out


def number_conflicts(line: str, body: str) -> list[tuple[str, str]]:
    """Figures and dates of a line the body contradicts: the body never gives the line's figure
    but gives another one about the same thing ("kills 40" against "killed 14 people", "on sale
    in March" against "go on sale in April")."""
    body_numbers = _numbers(body)
    given = {v for v, _, _, _ in body_numbers}
    conflicts = []
    for value, written, unit, context in _numbers(line):
        if value in given or not (context[0] or context[1]):
            continue
        # Same side only, but for what is counted: "Boeing 787 jets" and "30 Boeing jets" are
        # not about one figure.
        other = next((w for v, w, u, c in body_numbers if u == unit and v != value
                      and _same_thing(context, c)), None)
        if other is not None:
            conflicts.append((written, other))
    # A story names many months for many things (an event on March 9, a launch in April), so
    # a month is contradicted only by another month about the same thing, and given only
    # where the body ties it to that thing too.
    body_months = _months(body)
    for value, written, keys in _months(line):
        same = [(v, w) for v, w, k in body_months if any(a and a == b for a, b in zip(keys, k))]
        if same and all(v != value for v, _ in same):
            conflicts.append((written, same[0][1]))
    return conflicts
