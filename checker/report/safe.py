"""Text from articles and file names, made safe to show.

An article or a file name can hold an ANSI or OSC escape sequence, a carriage return or a
backspace that would repaint a terminal (a finding hidden, a fake "All checks passed"), and
bidirectional-text controls that make a line read differently from what it holds (the
"Trojan Source" trick). `visible` writes every such character as an escape (`\\x1b`, `\\u202e`)
for terminals and plain-text formats; `no_bidi` does the same for the bidi controls alone, for
formats whose own escaping already covers control characters (HTML, CSV, SARIF's JSON).
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; the Unicode bidi embeddings, overrides,
# isolates and marks.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_BIDI_ONLY = re.compile(f"[{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """`text` with control and bidi characters written as escapes; tabs and newlines kept."""
    return _UNSAFE.sub(_escape, str(text))


def no_bidi(text: object) -> str:
    """`text` with only the bidi controls written as escapes."""
    return _BIDI_ONLY.sub(_escape, str(text))


def json_bidi(text: str) -> str:
    """JSON text with its bidi controls as JSON escapes: the same value once parsed, but no
    raw control in the file (they can only stand inside JSON strings)."""
    return _BIDI_ONLY.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
