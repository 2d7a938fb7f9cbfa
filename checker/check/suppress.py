"""Suppression directives written in the article itself.

Markdown and HTML, as comments (the readers hand them over in `meta["directives"]`):

    <!-- checker: disable-next-line=caption-mismatch -->   the next non-blank line only (past other directives)
    <!-- checker: disable=boilerplate,duplicate -->         from this line to an enable or the end
    <!-- checker: enable=boilerplate -->                     from this line on, report again
    <!-- checker: disable -->                               no list: every rule

Plain text, as a line of its own that no article line looks like (a "#", then "checker:"):

    # checker: disable-next-line=caption-mismatch

The plain-text reader blanks such a line (offsets and line numbers unchanged), so it never
counts as content, in `review` and `audit` as in `check`. The whole file, from a `checker` key
in its front matter (Markdown) or at the top of its object (JSON):

    checker:
      disable: [caption-mismatch]      # or "all"

A finding is judged by its first line: suppressed when a disable-next-line points at that line,
or when the last disable/enable naming its rule at or above that line is a disable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Sequence

from checker.model import FileResult, Finding, Source

ACTIONS = ("disable-next-line", "disable", "enable")
_DIRECTIVE = re.compile(r"checker\s*:\s*(?P<body>.*)", re.S)
_ACTION = re.compile(r"(?P<action>[a-z-]+)\s*(?:=\s*(?P<rules>.*))?", re.S)
_COMMENT = re.compile(r"^\s*<!--(?P<inner>.*?)-->\s*$", re.S)


@dataclass(frozen=True)
class Directive:
    line: int
    end_line: int
    action: str
    rules: frozenset[str] | None   # None: every rule


@dataclass(frozen=True)
class Suppressions:
    whole_file: frozenset[str] | None = frozenset()            # None: every rule
    next_lines: tuple[tuple[frozenset[str] | None, int], ...] = ()  # (rules, line)
    toggles: tuple[Directive, ...] = ()                         # disable/enable, in line order

    def covers(self, finding: Finding) -> bool:
        if _names(self.whole_file, finding.rule):
            return True
        if any(_names(rules, finding.rule) and line == finding.line for rules, line in self.next_lines):
            return True
        # The last disable or enable naming the rule at or above the finding's line decides.
        disabled = False
        for d in self.toggles:
            if d.line > finding.line:
                break
            if _names(d.rules, finding.rule):
                disabled = d.action == "disable"
        return disabled


def _names(rules: frozenset[str] | None, rule: str) -> bool:
    return rules is None or rule in rules


def suppressions(source: Source, known: Iterable[str]) -> tuple[Suppressions, list[str]]:
    """What the article suppresses, and notes on directives that could not be understood."""
    known = frozenset(known)
    notes: list[str] = []
    whole = _front_matter(source, known, notes)
    directives = [d for raw in source.meta.get("directives", ())
                  if (d := _directive(source, raw, known, notes)) is not None]
    lines = source.text.split("\n")
    # Stacked directives each point past the others, at the content line below them all.
    skip = {n for d in directives for n in range(d.line, d.end_line + 1)}
    next_lines = []
    for d in directives:
        if d.action == "disable-next-line":
            target = _next_content_line(lines, d.end_line, skip)
            if target is not None:
                next_lines.append((d.rules, target))
    toggles = tuple(sorted((d for d in directives if d.action != "disable-next-line"),
                           key=lambda d: d.line))
    return Suppressions(whole, tuple(next_lines), toggles), notes


def apply(findings: Sequence[Finding], rules: Suppressions) -> tuple[tuple[Finding, ...], int]:
    kept = tuple(f for f in findings if not rules.covers(f))
    return kept, len(findings) - len(kept)


def silence(results: Iterable[FileResult], known: Iterable[str],
            on_note: Callable[[str], None]) -> tuple[list[FileResult], int]:
    """Each file's result without the findings its own directives suppress, and how many
    those were in all; directives that cannot be understood go to `on_note`."""
    known = frozenset(known)
    out, silenced = [], 0
    for result in results:
        if result.article is not None:
            rules, notes = suppressions(result.article.source, known)
            for note in notes:
                on_note(note)
            kept, n = apply(result.findings, rules)
            if n:
                result, silenced = replace(result, findings=kept), silenced + n
        out.append(result)
    return out, silenced


def _front_matter(source: Source, known: frozenset[str], notes: list[str]) -> frozenset[str] | None:
    setting = source.meta.get("checker")
    if setting is None:
        return frozenset()
    where = f"{source.path}: front matter key 'checker'"
    if not isinstance(setting, dict) or set(setting) - {"disable"}:
        notes.append(f"{where}: expected a mapping with one key, disable; ignored")
        return frozenset()
    value = setting.get("disable")
    if value == "all" or value is True:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        notes.append(f"{where}: disable: expected a list of rule ids or 'all'; ignored")
        return frozenset()
    return _rule_set([v.strip() for v in value if v.strip()], known, where, notes)


def _directive(source: Source, raw: Any, known: frozenset[str], notes: list[str]) -> Directive | None:
    line, text = int(raw["line"]), str(raw["text"])
    comment = _COMMENT.match(text)
    inner = (comment.group("inner") if comment else text).strip()
    found = _DIRECTIVE.fullmatch(inner)
    if found is None:
        return None  # an ordinary comment
    where = f"{source.path}:{line}"
    parsed = _ACTION.fullmatch(found.group("body").strip())
    if parsed is None or parsed.group("action") not in ACTIONS:
        notes.append(f"{where}: not a checker directive (use {', '.join(ACTIONS)}): {inner!r}")
        return None
    names = parsed.group("rules")
    if names is None or not names.strip():
        rules = None
    else:
        rules = _rule_set([n.strip() for n in names.split(",") if n.strip()], known, where, notes)
    return Directive(line, line + text.count("\n"), parsed.group("action"), rules)


def _rule_set(names: list[str], known: frozenset[str], where: str, notes: list[str]) -> frozenset[str]:
    for name in names:
        if name not in known:
            notes.append(f"{where}: unknown rule {name!r} in a checker directive")
    return frozenset(n for n in names if n in known)


def _next_content_line(lines: list[str], after: int, skip: set[int]) -> int | None:
    """1-based number of the first non-blank line after line `after`, passing `skip` lines."""
    for i in range(after, len(lines)):
        if lines[i].strip() and i + 1 not in skip:
            return i + 1
    return None
