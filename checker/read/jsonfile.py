"""JSON articles: one object with `headline`, `body`, `captions` and optional `byline`, `date`,
`url`, `id`.

`body` is a string (read like a .txt article: one block per line, hard wrapping rejoined) or a
list of paragraph strings; `captions` is a list of strings or of {"text" or "caption",
"credit"} objects; `byline` a string or a list of them. The derived text puts the headline,
the bylines, the captions (each with its credit on the same line) and then the body, one per
line: captions go before the body because title-shaped lines after the last paragraph are
read as related-story headlines, which a caption after them would hide. `date`, `url`, `id`
and `checker` (suppressions, as in Markdown front matter) go to meta.

Positions: the file is scanned a second time, after `json.loads` has validated it, to find
where each string literal starts; inside a string every character maps to its own column,
and an escape (\\n, \\u00e9, a surrogate pair) maps to its backslash.
`article_from_record` builds the same article from an already-parsed object (a JSON Lines
archive) without a file: positions are then lines and columns of the derived text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring
from typing import Any

from checker.model import Kind, Source
from checker.read import txt
from checker.read.common import ReadError
from checker.read.derived import Builder, Piece, collapse, visible

_WS = re.compile(r"[ \t\n\r]*")
# Python refuses to turn more than 4,300 digits into an int; such a number, wherever it sits
# in an article's JSON, is read as the float it rounds to (infinity) rather than failing.
_MAX_DIGITS = 4000


def _int(digits: str) -> int | float:
    return int(digits) if len(digits) <= _MAX_DIGITS else float(digits)


_DECODER = json.JSONDecoder(parse_int=_int)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_META = ("id", "url", "date", "checker")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Only the article's fields and the captions inside them need positions.
_DEPTH = 3


@dataclass(frozen=True)
class _Located:
    value: Any
    start: int | None  # where the value starts in the file; None for a record without one
    end: int | None
    items: Any = None  # located members of an object (dict) or array (list)


def parse(text: str, path: str) -> Source:
    try:
        _DECODER.decode(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"{path}: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise ReadError(f"{path}: invalid JSON: nested too deeply") from None
    located, _ = _locate(text, 0, _DEPTH)
    return _Article(path, text).build(located)


def loads(data: str | bytes) -> Any:
    """A JSON document as `json.loads` reads it, with huge numbers as above; raises ValueError
    (and RecursionError for nesting deeper than Python's stack)."""
    if isinstance(data, bytes):
        data = data.decode(json.detect_encoding(data), "surrogatepass")  # as json.loads does
    return _DECODER.decode(data)


def article_from_record(record: dict, path: str) -> Source:
    """A Source from an already-parsed article object; positions are the derived text's."""
    return _Article(path, None).build(_plain(record, _DEPTH))


# -- locating values -------------------------------------------------------------------------

def _locate(text: str, i: int, depth: int) -> tuple[_Located, int]:
    """The value starting at or after text[i] (valid JSON), with the offset just past it."""
    i = _WS.match(text, i).end()
    opening = text[i]
    if depth and opening in "{[":
        closing = "}" if opening == "{" else "]"
        members: dict[str, _Located] | list[_Located] = {} if opening == "{" else []
        j = _WS.match(text, i + 1).end()
        while text[j] != closing:
            if isinstance(members, dict):
                key, j = scanstring(text, j + 1)
                j = _WS.match(text, j).end() + 1  # past the ":"
                members[key], j = _locate(text, j, depth - 1)
            else:
                item, j = _locate(text, j, depth - 1)
                members.append(item)
            j = _WS.match(text, j).end()
            if text[j] == ",":
                j = _WS.match(text, j + 1).end()
        value = ({k: v.value for k, v in members.items()} if isinstance(members, dict)
                 else [v.value for v in members])
        return _Located(value, i, j + 1, members), j + 1
    value, end = _DECODER.raw_decode(text, i)
    return _Located(value, i, end), end


def _plain(value: Any, depth: int) -> _Located:
    items: Any = None
    if depth and isinstance(value, dict):
        items = {str(k): _plain(v, depth - 1) for k, v in value.items()}
    elif depth and isinstance(value, list):
        items = [_plain(v, depth - 1) for v in value]
    return _Located(value, None, None, items)


def _string_pieces(text: str, start: int, end: int) -> list[Piece]:
    """The decoded pieces of the string literal text[start:end], quotes included."""
    pieces: list[Piece] = []
    i, stop = start + 1, end - 1
    plain = i
    while i < stop:
        if text[i] != "\\":
            i += 1
            continue
        if plain < i:
            pieces.append(Piece(text[plain:i], plain, True))
        if text[i + 1] == "u":
            code, n = int(text[i + 2:i + 6], 16), 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i + 6):
                low = int(text[i + 8:i + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code, n = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
            decoded = "\ufffd" if 0xD800 <= code < 0xE000 else chr(code)  # a lone surrogate
        else:
            decoded, n = _ESCAPES[text[i + 1]], 2
        pieces.append(Piece(decoded, i, False))
        i = plain = i + n
    if plain < stop:
        pieces.append(Piece(text[plain:stop], plain, True))
    return pieces


# -- the article -----------------------------------------------------------------------------

class _Article:
    def __init__(self, path: str, text: str | None) -> None:
        self.path, self.text = path, text
        self.out = Builder()

    def build(self, root: _Located) -> Source:
        if not isinstance(root.value, dict):
            raise ReadError(f"{self.path}: not a JSON object with the article's fields "
                            f"(found {_kind(root.value)})")
        fields: dict[str, _Located] = root.items
        meta = {k: _clean(fields[k].value) for k in _META
                if k in fields and fields[k].value is not None}
        headline = next((fields[k] for k in ("headline", "title")
                         if k in fields and fields[k].value is not None), None)
        if headline is not None:
            self.out.unit([(collapse(self.pieces(headline, "headline")), Kind.HEADLINE)])
        for key in ("byline", "author", "authors"):
            for item in self.strings(fields.get(key), key, "a string or a list of strings"):
                self.out.unit([(collapse(self.pieces(item, key)), Kind.BYLINE)])
        for key in ("captions", "caption"):
            for item in self.many(fields.get(key)):
                self.caption(item, key)
        for item in self.strings(fields.get("body"), "body", "a string or a list of strings"):
            self.body(item)
        source = self.out.source(self.path, "json", self.text, meta)
        if not source.blocks:
            raise ReadError(f"{self.path}: no article text (no headline, body or captions)")
        return source

    def where(self, node: _Located) -> str:
        if self.text is None or node.start is None:
            return ""
        line = self.text.count("\n", 0, node.start) + 1
        column = node.start - self.text.rfind("\n", 0, node.start)
        return f" at line {line}, column {column}"

    def fail(self, node: _Located, key: str, expected: str) -> ReadError:
        return ReadError(f'{self.path}: "{key}"{self.where(node)} must be {expected}, '
                         f"not {_kind(node.value)}")

    def pieces(self, node: _Located, key: str) -> list[Piece]:
        if not isinstance(node.value, str):
            raise self.fail(node, key, "a string")
        if self.text is None or node.start is None or node.end is None:
            return [Piece(_SURROGATE.sub("\ufffd", node.value), None, False)]
        return _string_pieces(self.text, node.start, node.end)

    @staticmethod
    def many(node: _Located | None) -> list[_Located]:
        if node is None or node.value is None:
            return []
        return node.items if isinstance(node.value, list) else [node]

    def strings(self, node: _Located | None, key: str, expected: str) -> list[_Located]:
        items = self.many(node)
        for item in items:
            if not isinstance(item.value, str):
                raise self.fail(item, key, expected)
        return items

    def caption(self, node: _Located, key: str) -> None:
        if isinstance(node.value, str):
            self.out.unit([(collapse(self.pieces(node, key)), Kind.CAPTION)])
            return
        expected = 'a string or an object with "text" (or "caption") and "credit"'
        if not isinstance(node.value, dict):
            raise self.fail(node, key, expected)
        parts = []
        for name, kind in (("text", Kind.CAPTION), ("caption", Kind.CAPTION),
                           ("credit", Kind.CREDIT)):
            part = node.items.get(name)
            if part is not None and part.value is not None:
                parts.append((collapse(self.pieces(part, f"{key}.{name}")), kind))
        self.out.unit(parts)

    def body(self, node: _Located) -> None:
        """A body string read as a .txt article reads its text: one block per line."""
        pieces = visible(self.pieces(node, "body"))
        text = "".join(p.text for p in pieces)
        if not text.strip():
            return
        self.out.separate("\n\n")
        start, _ = self.out.put(pieces)
        for b in txt.parse(text, self.path).blocks:
            self.out.mark(start + b.start, start + b.end, None)


def _clean(value: Any) -> Any:
    """A lone surrogate ("\\ud800" in the file) cannot be written as UTF-8: it becomes U+FFFD
    in what goes to meta (ids and urls end up in every output)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(str(k)): _clean(v) for k, v in value.items()}
    return value


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             type(None): "null", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)
