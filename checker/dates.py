"""Calendar dates written in a text: "February 19, 2016", "Feb. 2016", "2016-02-19", "in 2014".

A compiled regex finds the candidates, and its groups give each one's day, month and year.
Only these few written forms are candidates, so no general date parser is needed: dateparser
read them identically (tests/test_dates.py holds the two equal on generated dates) but spent
0.3 s building its English patterns in every fresh process, a fifth of a cold `checker review`.
Weekdays and relative dates ("on Wednesday", "last year") are not candidates: they say nothing
about which year a photo or a story belongs to.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for m in names.split()}
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_SP = r"[^\S\n]+"  # a date does not run over a line break
_CANDIDATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH}){_SP}(?P<d1>{_DAY}),?{_SP}(?P<y1>{_YEAR})"  # February 19, 2016
    rf"|(?P<d2>{_DAY}){_SP}(?:of{_SP})?(?P<m2>{_MONTH}),?{_SP}(?P<y2>{_YEAR})"  # 19 February 2016
    rf"|(?P<m3>{_MONTH}),?{_SP}(?P<y3>{_YEAR})"  # February 2016
    rf"|(?P<y4>{_YEAR})-(?P<n4>0[1-9]|1[0-2])-(?P<d4>0[1-9]|[12]\d|3[01])"  # 2016-02-19
    rf"|(?P<a>\d\d?)[/.](?P<b>\d\d?)[/.](?P<y5>{_YEAR}))\b"  # 19/02/2016
    # a bare year: not part of an amount ($2016, 1,500), a decade (1950s) or a range (2016-17)
    rf"|(?<![\w$£€¥#.,/])(?<!\d-)(?P<year>{_YEAR})(?![\w%]|[.,/-]\d)"
)
# Words before a bare number that make it a year ("in 2014", "since 2014", "the 2016 election").
_YEAR_BEFORE = frozenset(
    "in since by until till from during before after of early late mid between and to through "
    "throughout circa year the this that spring summer autumn fall winter".split()
)
# Words after a bare number that make it a year even with nothing before it.
_YEAR_AFTER = frozenset("handout photo picture file image election elections season census".split())
# A lowercase plural after the number makes it a count: "2016 people", "1900 hours".
_NOT_PLURAL = frozenset(
    "this thus was has his its does always perhaps whereas afterwards towards besides unless across".split()
)
_COUNT_WORDS = frozenset("people men women children GMT UTC EST EDT PST PDT CET BST".split())
# "of 1909 Jolinda Drive" is an address
_STREETS = frozenset("Street St Avenue Ave Road Rd Drive Dr Boulevard Blvd Lane Ln Way Court Place".split())
_PREV_WORD = re.compile(r"([A-Za-z]+)-?[^\S\n]*$")
# "2026 and 2027": a number paired with a year is a year too.
_AND_YEAR = re.compile(rf"[^\S\n]+(?:and|or)[^\S\n]+{_YEAR}\b")
_NEXT_WORDS = re.compile(r"[^\S\n]*([A-Za-z]+)(?:[^\S\n]+([A-Za-z]+))?")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date: datetime.date  # the first day of the period when precision is month or year
    precision: str  # "day" | "month" | "year"


@functools.lru_cache(maxsize=16384)
def find_dates(text: str) -> tuple[DateMention, ...]:
    out = []
    for m in _CANDIDATE.finditer(text):
        if m["year"] and not _is_year(text, m.start(), m.end()):
            continue
        parsed = _parse(m)
        if parsed:
            out.append(DateMention(m.group(), m.start(), m.end(), *parsed))
    return tuple(out)


def _is_year(text: str, start: int, end: int) -> bool:
    after = _NEXT_WORDS.match(text, end)
    following, then = (after[1], after[2]) if after else ("", None)
    if following in _COUNT_WORDS or _plural(following) or then in _STREETS:
        return False
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":
        return True
    if _AND_YEAR.match(text, end):
        return True
    before = _PREV_WORD.search(text, max(0, start - 30), start)
    return bool(before and before[1].lower() in _YEAR_BEFORE) or following.lower() in _YEAR_AFTER


def _plural(word: str) -> bool:
    return (len(word) >= 4 and word.islower() and word.endswith("s")
            and not word.endswith(("ss", "us", "is")) and word not in _NOT_PLURAL)


def _numeric_order(a: str, b: str) -> str | None:
    """Day-first or month-first for 19/02/2016; None when both readings are valid dates."""
    a, b = int(a), int(b)
    if a == b or (a > 12 and b <= 12):
        return "DMY"
    if b > 12 and a <= 12:
        return "MDY"
    return None


def _parse(m: re.Match) -> tuple[datetime.date, str] | None:
    """The date a candidate names, on the first day of its period, and that period; None for
    a day the calendar lacks (30 February) or a numeric date that reads both ways."""
    if m["year"]:
        return datetime.date(int(m["year"]), 1, 1), "year"
    if m["a"]:
        order = _numeric_order(m["a"], m["b"])
        if order is None:
            return None
        day, month = (m["a"], m["b"]) if order == "DMY" else (m["b"], m["a"])
        return _day(m["y5"], int(month), day)
    if m["y4"]:
        return _day(m["y4"], int(m["n4"]), m["d4"])
    month = _MONTHS[(m["m1"] or m["m2"] or m["m3"]).rstrip(".").lower()]
    if m["m3"]:
        return datetime.date(int(m["y3"]), month, 1), "month"
    return _day(m["y1"] or m["y2"], month, m["d1"] or m["d2"])


def _day(year: str, month: int, day: str) -> tuple[datetime.date, str] | None:
    try:
        return datetime.date(int(year), month, int(day.rstrip("stndrh"))), "day"
    except ValueError:
        return None


_WEEKDAY_DATE = re.compile(
    rf"(?i)\b(?P<weekday>{'|'.join(_WEEKDAYS)}),?{_SP}"
    rf"(?:(?P<day>{_DAY}){_SP}(?:of{_SP})?(?P<month>{_MONTH})|(?P<month2>{_MONTH}){_SP}(?P<day2>{_DAY}))"
    # a whole word, and not followed by a year: "Monday, 28 April 2025" is a full date
    rf"(?![A-Za-z0-9])(?!,?{_SP}{_YEAR})"
)


@dataclass(frozen=True)
class WeekdayDate:
    """"Monday, 28 April": a day the text pins by its weekday but not its year."""
    text: str
    start: int
    end: int
    weekday: int  # Monday = 0
    month: int
    day: int

    def first_year_from(self, year: int, within: int = 11) -> datetime.date | None:
        """The first date on or after 1 January of `year` that falls on this weekday (the
        same day and month fall on the same weekday again within 11 years)."""
        for y in range(year, year + within + 1):
            try:
                d = datetime.date(y, self.month, self.day)
            except ValueError:  # 29 February
                continue
            if d.weekday() == self.weekday:
                return d
        return None


@functools.lru_cache(maxsize=16384)
def find_weekday_dates(text: str) -> tuple[WeekdayDate, ...]:
    out = []
    for m in _WEEKDAY_DATE.finditer(text):
        month = _MONTHS.get((m["month"] or m["month2"]).rstrip(".").lower())
        day = int(re.match(r"\d+", m["day"] or m["day2"])[0])
        if month is None or not 1 <= day <= 31:
            continue
        out.append(WeekdayDate(m.group(), m.start(), m.end(),
                               _WEEKDAYS.index(m["weekday"].lower()), month, day))
    return tuple(out)
