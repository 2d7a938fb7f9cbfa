"""Figures and dates a line gives differently from the body for the same thing: "40 dead"
in a headline where the body says "14 dead"."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from checker.features.terms import STOPWORDS, stem

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
              if w.lower() not in STOPWORDS and w.lower() not in skip][-1:]
    after = [w for w in re.findall(r"[A-Za-z]+", text[end: min(right, end + 30)])
             if w.lower() not in STOPWORDS and w.lower() not in _SCALE][:1]
    return (stem(before[0]) if before else "", stem(after[0]) if after else "")


_LABEL_BEFORE = re.compile(r"(?i)\b(?:day|week|month|round|stage|game|leg|act|chapter|article|section|"
                           r"flight|route|level|phase|season|episode|no\.?|number)\s+$")
# "more than 300 points" is given by a body's "347 points"; "nearly 350" by 347 too.
_BOUND = re.compile(r"(?i)\b(?:(?P<above>more than|over|above|at least|upwards of|in excess of)"
                    r"|(?P<near>nearly|almost|close to|about|around|roughly|some|approximately)"
                    r"|(?P<below>less than|fewer than|under|below|up to|at most))\s+[$£€¥]?$")
_NEAR = 0.15
_CURRENCY_BEFORE = re.compile(r"[$£€¥]\s*$")


def _bound(text: str, start: int) -> str:
    """"above", "below" or "near" when a qualifier bounds the figure at `start`, else ""."""
    m = _BOUND.search(text, max(0, start - 25), start)
    return next((k for k, v in m.groupdict().items() if v), "") if m else ""


def _after_currency(text: str, start: int) -> bool:
    return bool(_CURRENCY_BEFORE.search(text, max(0, start - 2), start))


def _admits(bound: str, value: float, other: float) -> bool:
    """Whether a figure bounded so ("more than 300") holds for the body's `other` (347)."""
    return (bound == "above" and other > value or bound == "below" and other < value
            or bound == "near" and abs(other - value) <= _NEAR * value)


def _numbers(text: str) -> list[tuple[float, str, str, tuple[frozenset[str], frozenset[str]], str]]:
    """(value, as written, unit, content words just before and just after, bound) per number.

    Numbers inside compounds ("three-year-old", "18-karat") and years are left out; the
    context stops at another number and at the end of the sentence, so "$9 billion order for
    30 jets" keeps its two figures apart. Digits glued to a capital K or M with no currency
    before them are a name ("3M", "4K"), not thousands or millions."""
    found = [m for m in _NUMBER.finditer(text)
             if text[m.end(): m.end() + 1] != "-" and text[max(0, m.start() - 1): m.start()] != "-"
             and not (m.group(2) in ("K", "M") and m.end(1) == m.start(2) and not _after_currency(text, m.start()))]
    out = []
    for i, m in enumerate(found):
        raw = m.group(1).lower()
        value = _NUMBER_WORDS.get(raw)
        if value is None:
            value = float(raw.replace(",", ""))
        value = float(value) * _SCALE.get((m.group(2) or "").lower(), 1.0)
        if 1900 <= value <= 2100 and raw.isdigit():
            continue  # a year, not a count
        if _LABEL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "day 35", "Article 5", "Flight 370": a name or a place in a series, not a count
        left = found[i - 1].end() if i else 0
        right = found[i + 1].start() if i + 1 < len(found) else len(text)
        unit = ("money" if _after_currency(text, m.start())
                else "percent" if re.match(r"\s*(?:%|per ?cent)", text[m.end():]) else "count")
        out.append((value, m.group(0), unit, _context(text, m.start(), m.end(), left, right),
                    _bound(text, m.start())))
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
sunday us uk eu un""".split())  # (a country's initials name where, not what is counted)
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)")


@lru_cache(maxsize=4096)
def _a_nation(word: str) -> bool:
    """A country or its people ("Israeli", "France"): where a figure is, not what it counts —
    "35 of US-Israeli attacks" and "four Israeli tanks" count nothing alike."""
    from checker.places import gazetteer

    found = gazetteer().find(word)
    return len(found) == 1 and found[0].kind in ("country", "demonym") and found[0].end - found[0].start == len(word)


def _fold(word: str) -> str:
    return _COUNTED.get(word.lower()) or stem(word)


def _context(text: str, start: int, end: int, left: int, right: int,
             width: int = 3) -> tuple[frozenset[str], frozenset[str]]:
    """Up to `width` content words either side of text[start:end], folded, within the sentence
    and no further than the neighbouring figures at `left` and `right`.

    The words between two figures belong to the nearer one, and a tie to the first: a unit
    follows its figure, so in "lost 130 pounds, shares 7 changes" "pounds" is 130's, not 7's."""
    if left:
        left = _nearer_second(text, left, start)
    if right < len(text):
        right = _nearer_second(text, end, right)
    before_text = text[max(left, start - 60): start]
    cut = list(_SENTENCE_BREAK.finditer(before_text))
    if cut:
        before_text = before_text[cut[-1].end():]
    after_text = text[end: min(right, end + 60)]
    stop = _SENTENCE_BREAK.search(after_text)
    if stop:
        after_text = after_text[: stop.start()]
    words = lambda t: [w for w in re.findall(r"[A-Za-z]+", t)  # noqa: E731
                       if w.lower() not in STOPWORDS and w.lower() not in _SCALE
                       and w.lower() not in _GENERIC and not (w[:1].isupper() and _a_nation(w))]
    return (frozenset(_fold(w) for w in words(before_text)[-width:]),
            frozenset(_fold(w) for w in words(after_text)[:width]))


_WORD = re.compile(r"[\w'’]+")


def _nearer_second(text: str, first_end: int, second_start: int) -> int:
    """Where the words between two figures start to be nearer the second one. Forty words
    are plenty: a figure's context reaches no further than 60 characters."""
    words = list(itertools.islice(_WORD.finditer(text, first_end, second_start), 40))
    # word i (from 0) is i + 1 words from the first figure and len - i from the second
    own = (len(words) + 1) // 2
    return words[own].start() if own < len(words) else second_start


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


_VAGUE = re.compile(r"(?i)\b(dozens|scores|hundreds|thousands|tens of thousands|hundreds of thousands|"
                    r"millions|billions)\s+of\s+((?:[a-z'’-]+\s+){0,2}[a-z'’-]+)")
_VAGUE_RANGE = {"dozens": (24, 200), "scores": (40, 200), "hundreds": (200, 2000),
                "thousands": (2000, 20000), "tens of thousands": (20000, 200000),
                "hundreds of thousands": (200000, 2e6), "millions": (2e6, 2e9), "billions": (2e9, 2e12)}


def _vague_counts(text: str) -> list[tuple[float, float, frozenset[str]]]:
    """Round counts the text gives in words ("thousands of pages"): the range they stand for
    and the stems of what they count."""
    return [(*_VAGUE_RANGE[m.group(1).lower()], frozenset(stem(w) for w in m.group(2).split()))
            for m in _VAGUE.finditer(text)]


_LONG_DIGITS = re.compile(r"(?<![\d.,])\d{3,}(?![\d])")


def number_conflicts(line: str, body: str) -> list[tuple[str, str]]:
    """Figures and dates of a line the body contradicts: the body never gives the line's figure
    but gives another one about the same thing ("kills 40" against "killed 14 people", "on sale
    in March" against "go on sale in April")."""
    body_numbers = _numbers(body)
    # A figure of three digits or more inside a compound gives it too: "787-9 Dreamliner
    # jets" names the headline's "787 jets", a model number, not another count.
    given = {v for v, *_ in body_numbers} | {float(d) for d in _LONG_DIGITS.findall(body)}
    vague = _vague_counts(body)
    conflicts = []
    for value, written, unit, context, bound in _numbers(line):
        if value in given or not (context[0] or context[1]):
            continue
        # "thousands of pages" gives "3000 pages" in round terms: no contradiction.
        if any(low <= value < high and (context[1] & things) for low, high, things in vague):
            continue
        # Same side only, but for what is counted: "Boeing 787 jets" and "30 Boeing jets" are
        # not about one figure.
        same = [(v, w) for v, w, u, c, _ in body_numbers if u == unit and v != value and _same_thing(context, c)]
        if same and not any(_admits(bound, value, v) for v, _ in same):
            conflicts.append((written, same[0][1]))
    # A story names many months for many things (an event on March 9, a launch in April), so
    # a month is contradicted only by another month about the same thing, and given only
    # where the body ties it to that thing too.
    body_months = _months(body)
    for value, written, keys in _months(line):
        same = [(v, w) for v, w, k in body_months if any(a and a == b for a, b in zip(keys, k))]
        if same and all(v != value for v, _ in same):
            conflicts.append((written, same[0][1]))
    return conflicts
