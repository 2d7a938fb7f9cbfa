"""Titles of office before a name, and the earliest day a text could have written them.

"Vice President Kamala Harris" was printed from 20 January 2021 on; "former President
Donald Trump" from the end of his first term. A caption that writes either beside
"Friday, Sept. 2, 2016" pictures a day years before its own words, and a story that writes
either was written then at the earliest. The holders and their terms are in
`data/offices.yml`; only lower bounds are drawn, never how late a text was written.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker.shipped import load_yaml

DATA = Path(__file__).parent / "data" / "offices.yml"

# "Former U.S. President", "the late President", "then-Vice President": a modifier, then at
# most one capitalised word (a country: "U.S.", "French") before the title itself.
_MODIFIER = r"(?P<mod>\b(?:[Ff]ormer[^\S\n]+|[Ee]x-|[Tt]hen-|[Tt]hen[^\S\n]+|[Ll]ate[^\S\n]+))?"
# A name run after the title: capitalised words and initials, with the particles of
# "Lula da Silva", on one line and not into a date ("Prime Minister May 3").
_NAME_RUN = (r"(?P<name>[A-Z][\w'’.-]*"
             r"(?:[^\S\n]+(?:[A-Z][\w'’.-]*|da|de|dos|do|van|von|bin|al-\w+)){0,5})(?![^\S\n]*\d)")
# Words that make the title another office: "Deputy Prime Minister", "LDP President" is a
# party's head, "Vice President" is its own entry.
_NOT_BEFORE = frozenset("Vice Deputy Acting Assistant Associate Executive Senior Student Party Club".split())
_ROMAN = re.compile(r"^[IVXL]+$")


@dataclass(frozen=True)
class Holder:
    name: str
    office: str
    given: frozenset[str]
    surnames: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[date, date | None], ...]


@dataclass(frozen=True)
class OfficeMention:
    text: str  # "former President Donald Trump"
    start: int
    end: int
    holder: str  # "Donald Trump"
    title: str  # "former President"
    since: date  # the text was written on this day or later
    why: str  # "the first term ended then" | "the term began then"


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[Holder, ...]], date]:
    data = load_yaml(DATA.read_text(encoding="utf-8"))
    as_of = data.pop("as_of")
    table = {}
    for office, holders in data.items():
        table[office] = tuple(
            Holder(name=h["name"], office=office,
                   given=frozenset([h["name"].split()[0], *h.get("given", ())]),
                   surnames=tuple(sorted((tuple(s.split()) for s in h["surnames"]), key=len, reverse=True)),
                   terms=tuple((t[0], t[1]) for t in h["terms"]))
            for h in holders)
    return table, as_of


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    table, _ = _table()
    offices = "|".join(re.escape(o).replace(r"\ ", r"[ -]") for o in sorted(table, key=len, reverse=True))
    not_before = "|".join(sorted(_NOT_BEFORE))
    return re.compile(rf"{_MODIFIER}(?:(?!(?:{not_before})\b)(?P<adj>[A-Z][\w.]*)[^\S\n]+)?(?P<office>{offices})(?![\w-])[^\S\n]+{_NAME_RUN}")


def _office(found: str) -> str:
    return found.replace("-", " ") if found.replace("-", " ") in _table()[0] else found


def _holder_at(tokens: list[str], holder: Holder) -> int | None:
    """How many of `tokens` name `holder` ("Donald J. Trump" → 3), or None. The surname may
    come first (the title's "President Xi"), or after a given name the holder goes by and at
    most two middle names or initials ("Joseph R. Biden")."""
    words = [t.rstrip(".,;:") if not re.fullmatch(r"[A-Z]\.", t) else t for t in tokens]
    for surname in holder.surnames:
        n = len(surname)
        for i in range(0, min(len(words) - n, 3) + 1):
            if tuple(words[i:i + n]) != surname:
                continue
            if i and words[0] not in holder.given:
                continue
            tail = words[i + n] if i + n < len(words) else ""
            # "Pope Benedict XV" is not Benedict XVI
            if _ROMAN.match(tail) and tail not in holder.name.split():
                return None
            return i + n
    return None


def find_offices(text: str) -> list[OfficeMention]:
    """Every title of an office in `data/offices.yml` followed by one of its holders' names,
    with the earliest day a text could print it."""
    table, as_of = _table()
    found = []
    for m in _pattern().finditer(text):
        adj = m.group("adj")
        office = _office(m.group("office"))
        before = text[max(0, m.start() - 12): m.start()].split()
        if not m.group("mod") and not adj and before and before[-1] in _NOT_BEFORE:
            continue
        tokens = m.group("name").split()
        mod = (m.group("mod") or "").strip().lower().rstrip("-")
        best = None
        for holder in table.get(office, ()):
            used = _holder_at(tokens, holder)
            if used is None:
                continue
            if mod in ("former", "ex"):
                ended = [end for _, end in holder.terms if end is not None and end <= as_of]
                first = "first term" if len(holder.terms) > 1 else "term"
                since, why = (min(ended), f"the {first} ended then") if ended else (None, "")
            else:
                since, why = min(start for start, _ in holder.terms), "the term began then"
            if since is None:
                continue
            # Two holders of one surname ("President Bush"): the earlier bound is the one sure.
            if best is None or since < best[1]:
                best = (holder, since, why, used)
        if best is None:
            continue
        holder, since, why, used = best
        end = m.start("name")
        for token in tokens[:used]:
            end = text.index(token, end) + len(token)
        start = m.start("mod") if m.group("mod") else m.start()
        found.append(OfficeMention(text=text[start:end].rstrip(".,;:"), start=start, end=end,
                                   holder=holder.name, title=" ".join(text[start:m.start("name")].split()),
                                   since=since, why=why))
    return found


def earliest(text: str) -> OfficeMention | None:
    """The title in `text` that dates it latest, or None."""
    return max(find_offices(text), key=lambda o: o.since, default=None)
