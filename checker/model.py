"""The data that flows through the pipeline: read -> segment -> rules -> findings -> reporters.

Everything here is a plain frozen dataclass. Offsets are indices into `Source.text` (the
decoded file with its BOM removed and line endings normalised to "\n"), so line numbers and
columns (code points) are the user's own.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any, Callable, Iterator, Mapping


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


@dataclass(frozen=True)
class Block:
    """A unit of content as a reader found it: a paragraph, a line, a heading, an image alt text.

    `hint` is what the format itself says the block is (a front-matter title is a headline, a
    Markdown image's alt text is a caption); None leaves the decision to the segmenter.
    """

    text: str
    start: int
    end: int
    hint: Kind | None = None


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    format: str
    blocks: tuple[Block, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        object.__setattr__(self, "line_starts", tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


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

    def of(self, *kinds: Kind) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind in kinds)

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

    @classmethod
    def on(cls, segment: Segment | Sentence, message: str, confidence: float,
           evidence: Mapping[str, Any], weak: bool = False) -> "Hit":
        return cls(segment.start, segment.end, message, confidence, evidence, weak)


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
class Rule:
    id: str
    doc: str
    params: type
    check: Callable[..., Iterator[Hit]]
    needs_embeddings: bool

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

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.files for f in r.findings if f.severity is severity)

    @property
    def failed_files(self) -> int:
        return sum(1 for r in self.files if r.verdict in ("fail", "error"))
