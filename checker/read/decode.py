"""Bytes -> text: BOMs first, then strict UTF-8, then charset-normalizer's best guess.

The text is never repaired beyond line endings: mojibake in the input is damage a rule should
report, so it has to reach the rules intact.
"""
from __future__ import annotations

import codecs

from charset_normalizer import CharsetMatch, from_bytes

from checker.read.common import ReadError

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def size_label(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def check_size(n: int, path: str, max_bytes: int) -> None:
    if n > max_bytes:
        raise ReadError(f"{path}: too large ({size_label(n)}, limit {size_label(max_bytes)})")


def decode(data: bytes, path: str, max_bytes: int = 5_000_000) -> str:
    check_size(len(data), path, max_bytes)
    text = _decode(data, path)
    if "\x00" in text:
        raise ReadError(f"{path}: not a text file (binary content)")
    if not text.strip():
        raise ReadError(f"{path}: empty file")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    # A lone CR was a line break for whoever wrote the file, so line numbers stay theirs.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, path)
    if not data.strip():
        return ""
    encoding = utf16_without_bom(data)
    if encoding:
        return _strict(data, encoding, path)
    if b"\x00" in data:
        raise ReadError(f"{path}: not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(f"{path}: not a text file (no plausible text encoding)")
    # On short or mostly-ASCII texts many single-byte code pages tie exactly, and
    # charset-normalizer takes the first: cp1250 makes "crème" "crčme", cp1006 makes "José"
    # Farsi. cp1252 (or a code page that decodes these bytes identically) wins a tie: it is
    # the WHATWG default for legacy Western pages, where scraped news mostly comes from.
    for m in matches:
        if "cp1252" in m.could_be_from_charset and _score(m) == _score(best):
            return str(m)
    return str(best)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "-be" for text that is plainly UTF-16 without a byte-order mark (Windows
    tools write it): mostly Latin text puts a NUL in every other byte, on one side only."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.3 * half and even == 0:
        return "utf-16-le"
    if even >= 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _score(match: CharsetMatch) -> tuple[float, float]:
    return round(match.chaos, 4), round(match.coherence, 4)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(f"{path}: not valid {encoding.upper()} (byte {e.start} of the "
                        f"content)") from None
