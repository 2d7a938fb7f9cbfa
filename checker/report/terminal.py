"""The default report of `checker review`: what an editor reads.

Per file: a header with the verdict, the article as the checker understood it (one line per
segment, flagged segments marked with their rule ids), the findings with their evidence in
words, and a verdict line; after all files a footer with totals, the model and the time.

Colour as report/style.py decides (--color, NO_COLOR, FORCE_COLOR, a terminal). Width:
$COLUMNS, else the terminal's, else 100, when a path is never broken across lines. Article
text, paths and messages have their control and bidi characters written as escapes. Messages are never cut; segment texts,
excerpts and quotations in the evidence are cut to one line with an ellipsis.
"""
from __future__ import annotations

import bisect
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, TextIO

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from checker.model import FileResult, Finding, Kind, Report, Segment, Severity
from checker.report.evidence import describe, fit
from checker.report.safe import visible
from checker.report.style import console

WIDTH_WHEN_NOT_A_TERMINAL = 100
# the end of a line made of blanks and the codes that open and close styles around them
_TRAILING_BLANKS = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)
_STYLE_CODE = re.compile(r"\x1b\[[0-9;]*m")
INDENT = 2
GAP = 2
HANG = 2
# Below this many cells of segment text, the rule ids of a flagged segment move to a line of
# their own rather than squeeze the text to nothing.
MIN_OUTLINE_TEXT = 24
# Narrower than this, a message column wraps every few words; findings are then stacked.
MIN_MESSAGE_COLUMN = 60

KIND_STYLE = {
    Kind.HEADLINE: "bold",
    Kind.SUBHEAD: "bold",
    Kind.BYLINE: "cyan",
    Kind.DATELINE: "cyan",
    Kind.BODY: "",
    Kind.CAPTION: "magenta",
    Kind.CREDIT: "magenta",
    Kind.BOILERPLATE: "blue",
    Kind.RELATED: "blue",
    Kind.OTHER: "dim",
}
KIND_WIDTH = max(len(k.value) for k in Kind)
# A page's menus and rails run to hundreds of lines: three or more in a row are one line.
FURNITURE_RUN = 3
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
# distinct shapes, so the outline still reads without colour
SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "•"}
VERDICT_BADGE = {
    "pass": "bold black on green",
    "warn": "bold black on yellow",
    "fail": "bold white on red",
    "error": "bold white on red",
}
VERDICT_STYLE = {
    "pass": "bold green", "warn": "bold yellow", "fail": "bold red", "error": "bold red"}


def report(report: Report, out: TextIO) -> None:
    render(report, console_for(out))


def console_for(out: TextIO) -> Console:
    """A console on `out`: colour and width from the terminal, plain text 100 wide otherwise
    (COLUMNS sets the width either way); colour as report/style.py decides."""
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    if width is None and not _isatty(out):
        width = WIDTH_WHEN_NOT_A_TERMINAL
    # Article text is data: never read it as markup, emoji codes or something to highlight.
    return console(out, width=width, markup=False, emoji=False, highlight=False)


def render(report: Report, console: Console) -> None:
    layout = _Layout.of(report, console.width)
    for i, result in enumerate(report.files):
        with _trimmed(console):
            if i:
                console.print()
            _file(console, result, layout)
    with _trimmed(console):
        console.print()
        _footer(console, report)


@contextmanager
def _trimmed(console: Console) -> Iterator[None]:
    """Print without the trailing blanks rich pads table cells with (noise in a diff or a
    golden file), one file at a time so output still streams."""
    with console.capture() as capture:
        yield
    console.file.write(_trim(capture.get()))
    console.file.flush()


def _trim(text: str) -> str:
    """Drop trailing blanks from every line, keeping the style codes (so styles still close)."""
    return _TRAILING_BLANKS.sub(lambda m: "".join(_STYLE_CODE.findall(m.group())), text)


def _piped(console: Console) -> bool:
    """Writing into a pipe or a file at the fallback width (no terminal, no COLUMNS)."""
    return not console.is_terminal and not os.environ.get("COLUMNS", "").isdigit()


def _isatty(out: TextIO) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@dataclass(frozen=True)
class _Layout:
    """Column widths of the findings tables, shared by all files so they line up."""

    width: int
    location: int
    severity: int
    rule: int
    confidence: int = 4  # "100%"

    @classmethod
    def of(cls, report: Report, width: int) -> "_Layout":
        findings = [f for r in report.files for f in r.findings]
        return cls(
            width=width,
            location=max((len(_location(f)) for f in findings), default=3),
            severity=max((len(f.severity.label) for f in findings), default=5),
            rule=max((len(f.rule) for f in findings), default=4),
        )

    @property
    def message(self) -> int:
        fixed = INDENT + self.location + self.severity + self.rule + self.confidence + 4 * GAP
        return max(self.width - fixed, 20)


def _file(console: Console, result: FileResult, layout: _Layout) -> None:
    verdict = result.verdict
    header = Text()
    header.append(f" {verdict.upper()} ", style=VERDICT_BADGE[verdict])
    header.append(" ")
    header.append(visible(result.path), style="bold")
    # Into a pipe a path is never broken, so it stays copyable and greppable; a terminal of a
    # known width wraps it like any line.
    console.print(header, soft_wrap=_piped(console))
    console.print()

    if result.error:
        console.print(Text(" " * INDENT + visible(result.error), style="red"), soft_wrap=_piped(console))
    elif result.article is None:
        console.print(Padding(Text("no article", style="dim"), (0, 0, 0, INDENT)))
    else:
        _outline(console, result)

    if result.findings:
        console.print()
        console.print(Text("Findings", style="bold"))
        console.print(Padding(_findings(console, result.findings, layout), (0, 0, 0, INDENT)))

    console.print()
    console.print(_verdict_line(result))


# -- the article as understood ---------------------------------------------------------------


def _outline(console: Console, result: FileResult) -> None:
    article = result.article
    assert article is not None
    console.print(Text("The article as understood", style="bold"))
    if not article.segments:
        console.print(Padding(Text("no segments", style="dim"), (0, 0, 0, INDENT)))
        return
    position = article.source.position
    touching = _Touching(result.findings)
    rows = []
    for segment in article.segments:
        start, end = position(segment.start), position(max(segment.end, segment.start))
        rows.append((start[0], segment, touching(start, end)))
    number_width = max(len(str(line)) for line, _, _ in rows)
    run: list[int] = []  # lines of unflagged page furniture in a row, shown as one

    def close_run() -> None:
        if len(run) >= FURNITURE_RUN:
            console.print(Text(f"{'':>{number_width + INDENT}}   … {len(run)} segments of page "
                               f"furniture, lines {run[0]}–{run[-1]} (menus, rails, links, footer)",
                               style="dim"), no_wrap=True, crop=True)
        else:
            for line, segment, flagged in held:
                for text in _outline_row(line, number_width, segment, flagged, console.width):
                    console.print(text, no_wrap=True, crop=True)
        run.clear()
        held.clear()

    held: list[tuple[int, Segment, list[Finding]]] = []
    for line, segment, flagged in rows:
        if segment.kind is Kind.OTHER and segment.note == "page furniture" and not flagged:
            run.append(line)
            held.append((line, segment, flagged))
            continue
        close_run()
        for text in _outline_row(line, number_width, segment, flagged, console.width):
            console.print(text, no_wrap=True, crop=True)
    close_run()


class _Touching:
    """The findings a segment's span touches, in their order: those starting inside it by
    bisection, those running into it from before through a tree of the furthest end under
    each node. Testing every finding against every segment took a minute on 20,000 flagged
    paragraphs."""

    def __init__(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._order = sorted(range(len(findings)), key=lambda i: _span(findings[i])[0])
        self._starts = [_span(findings[i])[0] for i in self._order]
        self._size = 1
        while self._size < len(findings):
            self._size *= 2
        self._ends = [(0, 0)] * (2 * self._size)
        for k, i in enumerate(self._order):
            self._ends[self._size + k] = _span(findings[i])[1]
        for node in range(self._size - 1, 0, -1):
            self._ends[node] = max(self._ends[2 * node], self._ends[2 * node + 1])

    def __call__(self, start: tuple[int, int], end: tuple[int, int]) -> list[Finding]:
        first = bisect.bisect_left(self._starts, start)
        picked = set(range(first, max(bisect.bisect_left(self._starts, end),
                                      bisect.bisect_right(self._starts, start))))
        nodes = [(1, 0, self._size)]
        while nodes:
            node, lo, hi = nodes.pop()
            if lo >= first or self._ends[node] <= start:
                continue
            if hi - lo == 1:
                picked.add(lo)
                continue
            mid = (lo + hi) // 2
            nodes += [(2 * node, lo, mid), (2 * node + 1, mid, hi)]
        found = (self._findings[i] for i in sorted(self._order[k] for k in picked))
        return [f for f in found if _overlaps(f, start, end)]


def _span(finding: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    return (finding.line, finding.column), (finding.end_line, finding.end_column)


def _overlaps(finding: Finding, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Does the finding's span touch the segment's? Both ends exclusive, points allowed."""
    f_start = (finding.line, finding.column)
    f_end = (finding.end_line, finding.end_column)
    if f_end <= f_start:
        return start <= f_start < end or start == f_start
    return f_start < end and start < f_end


def _outline_row(line: int, number_width: int, segment: Segment, flagged: list[Finding],
                 width: int) -> list[Text]:
    kind = segment.kind if isinstance(segment.kind, Kind) else Kind.OTHER
    worst = max((f.severity for f in flagged), default=None)

    prefix = Text(" " * INDENT)
    prefix.append(f"{line:>{number_width}}", style="dim")
    prefix.append(" ")
    prefix.append(SEVERITY_MARK[worst] if worst is not None else " ",
                  style=SEVERITY_STYLE[worst] if worst is not None else "")
    prefix.append(" ")
    prefix.append(f"{kind.value:<{KIND_WIDTH}}", style=KIND_STYLE[kind])
    prefix.append("  ")

    tags = _rule_tags(flagged)
    note = ""
    if segment.note:
        # a note is short by contract; still, never let it take more than half the line
        note = "  " + fit(f"({' '.join(segment.note.split())})",
                          max((width - prefix.cell_len) // 2, 10))
    text = visible(" ".join(segment.text.split()))
    text_style = "bold" if kind in (Kind.HEADLINE, Kind.SUBHEAD) else ""

    room = width - prefix.cell_len - cell_len(note)
    beside = room - GAP - tags.cell_len  # room for the text with the rule ids on its right
    # The rule ids share the line when the text fits beside them, or when the text is cut
    # anyway and still gets a readable share; otherwise they go to a line of their own.
    tags_inline = bool(tags) and (
        cell_len(text) <= beside or (cell_len(text) > room and beside >= MIN_OUTLINE_TEXT))
    if tags_inline:
        room = beside
    body = Text(fit(text, max(room, 1)), style=text_style)
    row = prefix + body
    row.append(note, style="dim")
    if tags_inline:
        row.append(" " * (width - row.cell_len - tags.cell_len))
        row.append_text(tags)
    rows = [row]
    if tags and not tags_inline:
        rows.append(Text(" " * prefix.cell_len) + tags)
    return rows


def _rule_tags(flagged: list[Finding]) -> Text:
    seen: dict[str, Severity] = {}
    for finding in flagged:
        seen[finding.rule] = max(finding.severity, seen.get(finding.rule, finding.severity))
    tags = Text()
    for i, (rule, severity) in enumerate(seen.items()):
        if i:
            tags.append(", ", style="dim")
        tags.append(rule, style=SEVERITY_STYLE[severity])
    return tags


# -- findings --------------------------------------------------------------------------------


def _findings(console: Console, findings: tuple[Finding, ...], layout: _Layout) -> Table:
    if layout.message >= MIN_MESSAGE_COLUMN:
        return _findings_side_by_side(console, findings, layout)
    return _findings_stacked(console, findings, layout)


def _findings_side_by_side(console: Console, findings: tuple[Finding, ...],
                           layout: _Layout) -> Table:
    """location  severity  rule  message, excerpt, evidence  confidence"""
    table = Table.grid(padding=(0, GAP, 0, 0))
    table.add_column(justify="right", width=layout.location, no_wrap=True)
    table.add_column(width=layout.severity, no_wrap=True)
    table.add_column(width=layout.rule, no_wrap=True)
    table.add_column(width=layout.message)
    table.add_column(justify="right", width=layout.confidence, no_wrap=True)
    for i, finding in enumerate(findings):
        if i:
            table.add_row()
        table.add_row(
            Text(_location(finding)),
            _severity(finding),
            Text(finding.rule),
            _details(console, finding, layout.message),
            Text(_percent(finding.confidence), style="dim"),
        )
    return table


def _findings_stacked(console: Console, findings: tuple[Finding, ...], layout: _Layout) -> Table:
    """For narrow terminals: the message and evidence go under severity, rule and confidence,
    where they get the whole width."""
    width = max(layout.width - INDENT - layout.location - GAP, 20)
    table = Table.grid(padding=(0, GAP, 0, 0))
    table.add_column(justify="right", width=layout.location, no_wrap=True)
    table.add_column(width=width)
    for i, finding in enumerate(findings):
        if i:
            table.add_row()
        head = Text()
        head.append(f"{finding.severity.label:<{layout.severity}}",
                    style=SEVERITY_STYLE[finding.severity])
        head.append(" " * GAP)
        head.append(f"{finding.rule:<{layout.rule}}")
        head.append(" " * GAP)
        head.append(f"{_percent(finding.confidence):>{layout.confidence}}", style="dim")
        table.add_row(Text(_location(finding)), Group(head, _details(console, finding, width)))
    return table


def _severity(finding: Finding) -> Text:
    return Text(finding.severity.label, style=SEVERITY_STYLE[finding.severity])


def _details(console: Console, finding: Finding, width: int) -> Group:
    """The message (whole), the excerpt (one line) and the evidence, a fact per line."""
    parts = [Text(visible(finding.message))]
    excerpt = visible(" ".join(finding.excerpt.split()))
    if excerpt:
        parts.append(Text(f'"{fit(excerpt, width - 2)}"', style="italic", no_wrap=True))
    for fact in describe(finding.evidence, width):
        parts.append(_hanging(console, visible(fact), width, style="dim"))
    return Group(*parts)


def _hanging(console: Console, line: str, width: int, style: str) -> Text:
    """A fact too long for one line wraps with its continuation indented, so it does not
    read as the next fact."""
    if cell_len(line) <= width:
        return Text(line, style=style, no_wrap=True)
    lines = Text(line, style=style).wrap(console, max(width - HANG, 1), overflow="fold")
    out = Text(style=style, no_wrap=True)
    for i, part in enumerate(lines):
        if i:
            out.append("\n" + " " * HANG)
        out.append_text(part)
    return out


def _location(finding: Finding) -> str:
    return f"{finding.line}:{finding.column}"


def _percent(confidence: float) -> str:
    try:
        return f"{round(float(confidence) * 100)}%"
    except (TypeError, ValueError, OverflowError):
        return "?"


# -- verdicts and totals ---------------------------------------------------------------------


def _verdict_line(result: FileResult) -> Text:
    verdict = result.verdict
    line = Text(verdict.upper(), style=VERDICT_STYLE[verdict])
    if result.error and not result.findings:
        line.append(" — could not be checked")
    else:
        line.append(" — " + _counts(result.findings))
    return line


def _counts(findings: Iterable[Finding]) -> str:
    findings = list(findings)
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = []
    if n[Severity.ERROR]:
        parts.append(_plural(n[Severity.ERROR], "error"))
    if n[Severity.WARNING]:
        parts.append(_plural(n[Severity.WARNING], "warning"))
    if n[Severity.INFO]:
        parts.append(f"{n[Severity.INFO]} info")
    return ", ".join(parts) or "no findings"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _footer(console: Console, report: Report) -> None:
    console.print(Rule(style="dim"))
    files = len(report.files)
    failed = report.failed_files
    line = Text(f"{_plural(files, 'file')} checked, ")
    line.append(f"{failed} failed" if failed else "none failed",
                style="bold red" if failed else "bold green")
    line.append(" — " + _counts([f for r in report.files for f in r.findings]))
    console.print(line)
    console.print(Text(f"model {report.model} · {_seconds(report.seconds)}", style="dim"))


def _seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"
