"""The data that flows through the pipeline: read -> segment -> rules -> findings -> reporters.

Everything here is a plain frozen dataclass. Offsets are indices into `Source.text` (the
decoded file with its BOM removed and line endings normalised to "\n"), so line numbers and
columns (code points) are the user's own. HTML and JSON sources hold a derived plain text
instead, and an `Origin` that maps its offsets back to the file the user wrote.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any, Callable, Iterator, Mapping, Sequence


class Kind(str, Enum):
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    DATELINE = "dateline"
    BODY = "body"
    CAPTION = "caption"
    CREDIT = "credit"
    BOILERPLATE = "boilerplate"
    RELATED = "related"
    OTHER = "other"


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


# The note a reader gives a block that is the story's standfirst, its own summary under the
# headline (a dek, a deck): body text, never taken for a subhead or a caption by its shape.
STANDFIRST = "standfirst"
# The note on a paragraph the page sets apart as a quotation (a <blockquote>): the story's own
# text, quoted on purpose however far it is from the rest (an epigraph, a statement, a poem).
QUOTATION = "quotation"
# The note on a paragraph set wholly in italics: on a news page the desk's voice beside the
# story (an editor's note, a correction, the author's bio, the house's own appeal).
ITALIC = "italic"
# The note on a code listing (a <pre>, a highlighter's box, a plain-text scrape's line of
# code): the story's own text, but no prose for any rule.
CODE = "code"


@dataclass(frozen=True)
class Block:
    """A unit of content as a reader found it: a paragraph, a line, a heading, an image alt text.

    `hint` is what the format itself says the block is (a front-matter title is a headline, a
    Markdown image's alt text is a caption); None leaves the decision to the segmenter.
    `paragraph` says the format sets the block as running text (an HTML <p>, <li>,
    <blockquote>, <dd> or <td>): the segmenter still finds what its words say it is (a
    credit, a byline, a dateline, a promo, a related story's headline closing the story), but
    never makes it a subhead or a caption by its shape alone (short, no full stop).
    """

    text: str
    start: int
    end: int
    hint: Kind | None = None
    note: str = ""  # why the format says so ("page furniture"), shown beside the segment
    paragraph: bool = False


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return tuple(starts)


@dataclass(frozen=True)
class Origin:
    """Where each character of a derived text came from in the original file.

    `runs` are (start, end, original, exact), ascending by `start`: text[start:end] came from
    the original file at offset `original`. An exact run maps character by character (text
    that had no tags, entities or escapes in it); any other run (a decoded entity or escape)
    maps every character to the run's first original character. Derived text between runs
    (the separators between blocks) maps to just after the run before it.
    """

    text: str
    runs: tuple[tuple[int, int, int, bool], ...]
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    run_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "line_starts", _line_starts(self.text))
        object.__setattr__(self, "run_starts", tuple(r[0] for r in self.runs))

    def offset(self, derived: int) -> int:
        """The offset in the original text that derived offset came from."""
        i = bisect.bisect_right(self.run_starts, derived) - 1
        if i < 0:
            return self.runs[0][2] if self.runs else 0
        start, end, original, exact = self.runs[i]
        if not exact:
            return original
        return original + min(derived, end) - start

    def position(self, derived: int) -> tuple[int, int]:
        offset = self.offset(derived)
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def derived_line_starts(self, text: str) -> tuple[int, ...]:
        """For each original line n, the start of the derived line holding the first derived
        character (in derived order) that came from line n or a later one."""
        firsts: list[int] = []
        for start, end, original, exact in self.runs:
            last = bisect.bisect_right(self.line_starts, original + (end - start - 1 if exact else 0))
            while len(firsts) < last:  # lines up to `last` not yet reached start in this run
                line_start = self.line_starts[len(firsts)]
                firsts.append(start + max(0, line_start - original) if exact else start)
        firsts += [len(text)] * (len(self.line_starts) - len(firsts))
        derived = _line_starts(text)
        return tuple(derived[bisect.bisect_right(derived, d) - 1] for d in firsts)


@dataclass(frozen=True)
class Source:
    """A file as read: its text, the blocks in it and what the format says about them.

    `line_starts[n - 1]` is where line n, as `position` numbers lines, starts in `text`. With
    an `origin` (HTML, JSON) lines and columns are the original file's; line n then starts at
    the derived line holding the first text that came from line n or later.
    """

    path: str
    text: str
    format: str
    blocks: tuple[Block, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin | None = field(default=None, repr=False)
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = _line_starts(self.text) if self.origin is None else \
            self.origin.derived_line_starts(self.text)
        object.__setattr__(self, "line_starts", starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        if self.origin is not None:
            return self.origin.position(offset)
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def original_line(self, line: int) -> str:
        """Line `line` (1-based) of the file as the user wrote it, without its newline."""
        text, starts = (self.text, self.line_starts) if self.origin is None else \
            (self.origin.text, self.origin.line_starts)
        if not 1 <= line <= len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(text)
        return text[starts[line - 1]:end]


@dataclass(frozen=True)
class Outlets:
    """rules/outlets.yml: news outlets and agencies, as the rules and the segmenter know them."""
    names: tuple[tuple[str, tuple[str, ...]], ...]  # canonical name -> how it is written
    credit_agencies: tuple[str, ...]                # close a photo credit: "(Jane Doe/Reuters)"
    photo_only: frozenset[str]                      # sell pictures only: Getty Images, EPA


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str
    start: int
    end: int
    index: int
    note: str = ""


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    segment: int  # index of the body segment that holds it


@dataclass(frozen=True)
class Article:
    source: Source
    segments: tuple[Segment, ...]
    sentences: tuple[Sentence, ...]
    left_out: int = 0  # segments past the segmenter's limit, not judged

    def of(self, *kinds: Kind) -> tuple[Segment, ...]:
        # Remembered per article: rules ask for the body once per candidate, and a scan each
        # time made a long article quadratic.
        memo = self.__dict__.setdefault("_of", {})
        if kinds not in memo:
            memo[kinds] = tuple(s for s in self.segments if s.kind in kinds)
        return memo[kinds]

    @property
    def headline(self) -> Segment | None:
        for s in self.segments:
            if s.kind is Kind.HEADLINE:
                return s
        return None

    @property
    def body(self) -> tuple[Segment, ...]:
        return self.of(Kind.BODY)

    def line(self, segment: Segment | Sentence) -> int:
        return self.source.position(segment.start)[0]


@dataclass(frozen=True)
class Hit:
    """What a rule yields: where, why, how sure, and the facts behind it."""

    start: int
    end: int
    message: str
    confidence: float
    evidence: Mapping[str, Any]
    # A score below the rule's threshold, kept so that rankings (AUROC, triage) can use it;
    # the engine reports it at info severity.
    weak: bool = False
    # The most severe the finding may be whatever its rule's severity: a rule says a hit
    # rests on thin evidence (caption-mismatch on topical distance alone) with WARNING.
    cap: "Severity | None" = None

    @classmethod
    def on(cls, segment: Segment | Sentence, message: str, confidence: float,
           evidence: Mapping[str, Any], weak: bool = False, cap: "Severity | None" = None) -> "Hit":
        return cls(segment.start, segment.end, message, confidence, evidence, weak, cap)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    confidence: float
    evidence: Mapping[str, Any]
    excerpt: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)


@dataclass(frozen=True)
class Scorer:
    """How a scored rule sees its candidates: which segments, and what it measures on each.
    A rule may have several (off-topic scores paragraphs and short lines apart); `name` keys
    its fitted classifier in rules/classifiers.json.

    `checker train` uses the same two functions as the rule, so a fitted classifier sees
    exactly the features the rule computes at review time.
    """
    name: str
    features: tuple[str, ...]
    candidates: Callable[[Article], Sequence[Segment]]
    measure: Callable[..., dict[str, float]]   # (article, ctx, segment) -> {feature: value}
    # Facts whose weight is set by judgement, not fitted: the labels exercise them only where
    # other features already decide (a missing city only on topic-unrelated pairs), so a fit
    # would learn nothing about the near-topic cases they exist for.
    fixed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    doc: str
    params: type
    check: Callable[..., Iterator[Hit]]
    needs_embeddings: bool
    scorers: tuple[Scorer, ...] = ()
    # Needs the whole archive (caption-reuse): `checker audit` runs it across articles; the
    # engine's per-article pass leaves it alone.
    archive: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()


@dataclass(frozen=True)
class FileResult:
    path: str
    article: Article | None
    findings: tuple[Finding, ...]
    error: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "ok"

    @property
    def verdict(self) -> str:
        if self.error:
            return "error"
        worst = max((f.severity for f in self.findings), default=None)
        if worst is Severity.ERROR:
            return "fail"
        if worst is Severity.WARNING:
            return "warn"
        return "pass"


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]
    model: str
    version: str
    seconds: float = 0.0
    # How the run was configured, for formats that describe every rule (SARIF's levels) or
    # mark failures as the exit code does (JUnit): (rule id, severity, enabled) in registry
    # order, and the gate's threshold (error, warning, info or never).
    rules: tuple[tuple[str, Severity, bool], ...] = ()
    fail_on: str = "error"

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.files for f in r.findings if f.severity is severity)

    @property
    def failed_files(self) -> int:
        return sum(1 for r in self.files if r.verdict in ("fail", "error"))
