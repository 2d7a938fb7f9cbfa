"""The segmenter's vocabulary: the families of patterns rules/segmenter.yml holds, read
strictly (each a pattern and the lines it must match and reject), and compiled once per
configuration. checker.segment applies them; the configuration and the patterns' test read
them here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Mapping, Union

# A pattern in rules/segmenter.yml: a string, or a list of parts read as one string; either
# may name a piece of the vocabulary as {name}.
Pattern = Union[str, tuple[str, ...]]
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_ENTRY_KEYS = ("pattern", "matches", "rejects")

# How the segmenter applies each family of patterns to a line: the method of re.Pattern
# (furniture's fullmatch is on the stripped line) and the flags. compile_patterns and the test of
# the patterns' examples both read it, so that they cannot drift apart.
FAMILIES: Mapping[str, tuple[str, int]] = {
    "credit_patterns": ("search", 0),
    "caption_patterns": ("search", re.IGNORECASE),
    "boilerplate_patterns": ("search", re.IGNORECASE),
    "furniture_patterns": ("fullmatch", re.IGNORECASE),
    "tag_line_patterns": ("fullmatch", re.IGNORECASE),
    "advert_patterns": ("search", re.IGNORECASE),
    "appeal_patterns": ("search", re.IGNORECASE),
    "byline_patterns": ("match", 0),
    "wire_line_patterns": ("search", 0),
    "dateline_pattern": ("match", 0),
    "closing_dateline_pattern": ("fullmatch", 0),
    "image_label_patterns": ("search", re.IGNORECASE),
    "copyright_credit_pattern": ("match", 0),
    "reported_speech_pattern": ("search", 0),
    "contact_heading_pattern": ("fullmatch", re.IGNORECASE),
    "about_heading_pattern": ("fullmatch", 0),
    "rail_label_pattern": ("fullmatch", re.IGNORECASE),
    "inline_boilerplate_patterns": ("search", re.IGNORECASE),
}


@dataclass(frozen=True)
class NamedPattern:
    """One entry of rules/segmenter.yml: a pattern, lines it must find and near misses it
    must not (tests/test_segmenter_patterns.py runs them)."""
    name: str
    pattern: Pattern
    matches: tuple[str, ...]
    rejects: tuple[str, ...]


# A family as rules/segmenter.yml writes it (name -> entry), read into its entries in the
# file's order: the order matters, the first credit pattern that matches wins.
Family = Union[Mapping[str, Any], tuple[NamedPattern, ...]]


@dataclass(frozen=True)
class SegmenterParams:
    vocabulary: Mapping[str, Any]        # name -> alternatives (a list) or a fragment (a string)
    wire_names: tuple[str, ...]          # agency names that open a slash credit: REUTERS/…
    credit_patterns: Family       # a credit at the end of a caption, or a whole line
    caption_patterns: Family      # phrasing only photo captions use
    boilerplate_patterns: Family
    furniture_patterns: Family    # whole lines of page structure: "___", a timestamp
    tag_line_patterns: Family     # a story's tags, topics, filing: "Tags: floods, Bangladesh"
    advert_patterns: Family       # an advert's call to action: "Compare quotes…"
    appeal_patterns: Family       # the publisher's appeal for support: "Become a member…"
    byline_patterns: Family
    wire_line_patterns: Family    # legitimate closing lines: "Reporting by …"
    image_label_patterns: Family  # what a page's alt texts also label: share buttons, avatars
    # a widget's text a scrape ran into a paragraph: "hide caption toggle caption"
    inline_boilerplate_patterns: Family
    dateline_pattern: Union[Mapping[str, Any], NamedPattern]  # one entry, without a name
    # a dateline on a line of its own, closing a wire story: "MOSCOW, April 10 (RIA Novosti)"
    closing_dateline_pattern: Union[Mapping[str, Any], NamedPattern]
    # "© Photo courtesy of Stock Site, Public Domain" opening a caption
    copyright_credit_pattern: Union[Mapping[str, Any], NamedPattern]
    # "X said Y" is a sentence: headlines report in the present tense
    reported_speech_pattern: Union[Mapping[str, Any], NamedPattern]
    # "Media Contact" after a press release's text, over the names and numbers to call
    contact_heading_pattern: Union[Mapping[str, Any], NamedPattern]
    # "About Metro Water" after a press release's text, over the company's description
    about_heading_pattern: Union[Mapping[str, Any], NamedPattern]
    # "People are also reading…" on a line of its own, over a rail of other stories' headlines
    rail_label_pattern: Union[Mapping[str, Any], NamedPattern]
    max_headline_words: int
    max_boilerplate_words: int
    max_appeal_words: int         # an appeal runs to a paragraph: "Do stories like this matter…"
    max_related_words: int
    max_label_words: int          # an image label is short: "Share via email", "Logo"

    def __post_init__(self) -> None:
        # Lists from YAML become tuples and the vocabulary a hashable mapping: the compiled
        # patterns are cached by these params.
        set_ = object.__setattr__
        set_(self, "vocabulary", _Vocabulary({k: _freeze(v, f"vocabulary.{k}") for k, v in self.vocabulary.items()}))
        for name in FAMILIES:
            value = getattr(self, name)
            if not name.endswith("_pattern"):
                set_(self, name, _family(value, name))
            elif not isinstance(value, NamedPattern):  # one entry, named after its field
                set_(self, name, _entry(name.removesuffix("_pattern"), value, name))
        compile_patterns(self)  # a pattern that does not compile is an error of the file, now

    def named_patterns(self) -> Iterator[tuple[str, NamedPattern]]:
        """(family, entry) for every pattern, families and entries in the file's order."""
        for name in FAMILIES:
            value = getattr(self, name)
            for entry in value if isinstance(value, tuple) else (value,):
                yield name, entry


def _freeze(value: Any, where: str) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{where}: expected text or a list of texts, got {value!r}")


def _family(value: Any, where: str) -> tuple[NamedPattern, ...]:
    if isinstance(value, tuple) and all(isinstance(e, NamedPattern) for e in value):
        return value  # already read (dataclasses.replace)
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: expected a mapping of named patterns, got a {type(value).__name__}")
    for name in value:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(f"{where}: pattern name {name!r} is not snake_case")
    return tuple(_entry(name, raw, f"{where}.{name}") for name, raw in value.items())


def _entry(name: str, raw: Any, where: str) -> NamedPattern:
    """One named pattern, strictly: exactly a pattern and non-empty lists of examples."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a mapping with the keys {', '.join(_ENTRY_KEYS)}, got {raw!r}")
    unknown = [k for k in raw if k not in _ENTRY_KEYS]
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_ENTRY_KEYS)})")
    missing = [k for k in _ENTRY_KEYS if k not in raw]
    if missing:
        raise ValueError(f"{where}: missing key {missing[0]!r}")
    for key in ("matches", "rejects"):
        lines = raw[key]
        if not isinstance(lines, (list, tuple)) or not lines or not all(isinstance(t, str) for t in lines):
            raise ValueError(f"{where}.{key}: expected a non-empty list of example lines, got {lines!r}")
    return NamedPattern(name, _freeze(raw["pattern"], f"{where}.pattern"),
                        tuple(raw["matches"]), tuple(raw["rejects"]))


class _Vocabulary(dict):
    """The segmenter's vocabulary: a mapping that can key a cache."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


@dataclass(frozen=True)
class Patterns:
    credit_lead: re.Pattern
    credit_tail: tuple[re.Pattern, ...]
    caption: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]
    furniture: tuple[re.Pattern, ...]
    tag_line: tuple[re.Pattern, ...]
    advert: tuple[re.Pattern, ...]
    appeal: tuple[re.Pattern, ...]
    byline: tuple[re.Pattern, ...]
    wire_line: tuple[re.Pattern, ...]
    dateline: re.Pattern
    closing_dateline: re.Pattern
    image_label: tuple[re.Pattern, ...]
    inline_boilerplate: tuple[re.Pattern, ...]
    copyright_credit: re.Pattern
    reported_speech: re.Pattern
    contact_heading: re.Pattern
    about_heading: re.Pattern
    rail_label: re.Pattern


def _alternation(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "(?:" + "|".join(sorted(map(str, value), key=len, reverse=True)) + ")"


def expand(pattern: Pattern, vocabulary: Mapping[str, Any]) -> str:
    """A pattern as a regular expression: its parts joined, each {name} of the vocabulary
    replaced (a list by its alternation, longest first so that "AP Photo" wins over "AP")."""
    text = pattern if isinstance(pattern, str) else "".join(pattern)

    def piece(m: re.Match) -> str:
        if m.group(1) not in vocabulary:
            raise ValueError(f"pattern names {{{m.group(1)}}}, which the vocabulary lacks "
                             f"(it has: {', '.join(vocabulary)})")
        return _alternation(vocabulary[m.group(1)])

    return _PLACEHOLDER.sub(piece, text)


@lru_cache(maxsize=8)
def compile_patterns(params: SegmenterParams) -> Patterns:
    def one(family: str, entry: NamedPattern) -> re.Pattern:
        try:
            return re.compile(expand(entry.pattern, params.vocabulary), FAMILIES[family][1])
        except (ValueError, re.error) as exc:
            raise ValueError(f"{family}.{entry.name}: {exc}") from None

    def many(family: str) -> tuple[re.Pattern, ...]:
        return tuple(one(family, e) for e in getattr(params, family))

    wires = "|".join(re.escape(w) for w in sorted(params.wire_names, key=len, reverse=True))
    return Patterns(
        credit_lead=re.compile(rf"^(?:{wires})(?:/[^/\n]+)+", re.IGNORECASE),
        credit_tail=many("credit_patterns"),
        caption=many("caption_patterns"),
        boilerplate=many("boilerplate_patterns"),
        furniture=many("furniture_patterns"),
        tag_line=many("tag_line_patterns"),
        advert=many("advert_patterns"),
        appeal=many("appeal_patterns"),
        byline=many("byline_patterns"),
        wire_line=many("wire_line_patterns"),
        dateline=one("dateline_pattern", params.dateline_pattern),
        closing_dateline=one("closing_dateline_pattern", params.closing_dateline_pattern),
        image_label=many("image_label_patterns"),
        inline_boilerplate=many("inline_boilerplate_patterns"),
        copyright_credit=one("copyright_credit_pattern", params.copyright_credit_pattern),
        reported_speech=one("reported_speech_pattern", params.reported_speech_pattern),
        contact_heading=one("contact_heading_pattern", params.contact_heading_pattern),
        about_heading=one("about_heading_pattern", params.about_heading_pattern),
        rail_label=one("rail_label_pattern", params.rail_label_pattern),
    )
