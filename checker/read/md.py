"""Markdown articles: YAML front matter, then a markdown-it (CommonMark) parse of the body.

Block hints: a front-matter title, or the first level-1 heading when there is none, is a
headline; other headings, subtitle/dek/description are subheads; author/byline values are
bylines; image alt texts, caption front-matter values and an all-emphasised line right
after an image are captions. Paragraphs, list items and blockquote paragraphs are left to
the segmenter. Code, HTML and thematic breaks are skipped; HTML comments go to
meta["directives"] as {"line", "text"} items (they carry suppression directives).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from typing import Any, Callable

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from checker.model import ITALIC, Block, Kind, Source
from checker.read.common import ReadError, block, trim
from checker.read.derived import without_invisible, without_spans
from checker.read.txt import line_groups

# (text_join off: an escape or an entity stays a token of its own that keeps its source form,
# so the reader knows which characters of the source are markup and which are the words)
_MD = MarkdownIt("commonmark").disable("text_join")
# markdown-it matches each "[" or "![" against every later "]" of its paragraph: a paragraph
# of hundreds of thousands of unclosed brackets takes minutes. No article's paragraph holds
# thousands of links, so a text with one is read with its brackets as plain characters.
_MD_NO_LINKS = MarkdownIt("commonmark").disable(["link", "image", "text_join"])
MAX_PARAGRAPH_BRACKETS = 2_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_FRONT_KINDS = {
    "title": Kind.HEADLINE, "headline": Kind.HEADLINE,
    "subtitle": Kind.SUBHEAD, "dek": Kind.SUBHEAD, "description": Kind.SUBHEAD,
    "subhead": Kind.SUBHEAD,
    "author": Kind.BYLINE, "authors": Kind.BYLINE, "byline": Kind.BYLINE,
    "caption": Kind.CAPTION, "image_caption": Kind.CAPTION, "captions": Kind.CAPTION,
}
_ATX_CLOSE = re.compile(r"[ \t]+#+$")
# Front matter is a handful of keys; aliases that multiply it (a "billion laughs") are refused
# before anything walks the expanded values.
MAX_FRONT_MATTER_VALUES = 10_000
_MARKUP_EDGE = re.compile(r"^[*_`\[]+|[*_`\]]+(?=[.,;:!?]*$)")


def parse(text: str, path: str) -> Source:
    # as in a .txt article, soft hyphens and zero-width spaces are not part of the words
    text, origin = without_invisible(text)
    if origin is not None and not text.strip():
        raise ReadError(f"{path}: empty file (only invisible characters)")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    meta, blocks, body_start = _front_matter(text, path)
    comments: list[dict[str, Any]] = []
    body = _Body(text, starts, bisect.bisect_right(starts, body_start) - 1, comments)
    has_headline = any(b.hint is Kind.HEADLINE for b in blocks)
    rest = text[body_start:]
    crowded = rest.count("[") > MAX_PARAGRAPH_BRACKETS and \
        max(part.count("[") for part in _PARAGRAPH_BREAK.split(rest)) > MAX_PARAGRAPH_BRACKETS
    blocks += body.blocks((_MD_NO_LINKS if crowded else _MD).parse(rest), has_headline)
    ordered: list[Block] = []
    for b in sorted(blocks, key=lambda b: (b.start, b.end)):
        if not ordered or b.start >= ordered[-1].end:  # a YAML alias repeats its anchor's span
            ordered.append(b)
    # The words are judged as a reader sees them: "[Arsenal beat Chelsea](https://…)" is a
    # headline, "**£2.4m**" a figure; positions still point into the file.
    text, origin, moved = without_spans(text, body.cuts(), origin)
    kept = (block(text, moved(b.start), moved(b.end), b.hint, b.note, b.paragraph) for b in ordered)
    return Source(path=path, text=text, format="md", blocks=tuple(b for b in kept if b is not None),
                  meta={**meta, "directives": comments}, origin=origin)


# -- front matter ------------------------------------------------------------------------

def _front_matter(text: str, path: str) -> tuple[dict[str, Any], list[Block], int]:
    """(meta, blocks, offset where the body starts); no front matter gives ({}, [], 0)."""
    first = text.find("\n")
    if first < 0 or text[:first].rstrip() != "---":
        return {}, [], 0
    pos = first + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].rstrip() in ("---", "..."):
            return (*_yaml(text, first + 1, pos, path), min(end + 1, len(text)))
        pos = end + 1
    return {}, [], 0  # never closed: markdown reads the "---" as a thematic break


def _yaml(text: str, start: int, end: int, path: str) -> tuple[dict[str, Any], list[Block]]:
    try:
        # (the reader refuses control characters as it is made: "\x1f" in front matter)
        loader = _Loader(text[start:end])
    except yaml.YAMLError as e:
        raise ReadError(f"{path}: invalid YAML front matter: {str(e).splitlines()[0]}") from None
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, MAX_FRONT_MATTER_VALUES) > MAX_FRONT_MATTER_VALUES:
            raise ReadError(f"{path}: front matter expands to more than "
                            f"{MAX_FRONT_MATTER_VALUES:,} values (YAML aliases)")
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ReadError(f"{path}: invalid YAML front matter{line}: {problem}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ReadError(f"{path}: front matter is not a mapping of keys to values")
    blocks = []
    for key, value in node.value if node is not None else ():
        kind = _FRONT_KINDS.get(str(key.value).lower())
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for item in items if kind else ():
            if isinstance(item, yaml.ScalarNode) and not item.tag.endswith(":null"):
                b = _scalar_block(text, start, item, kind)
                if b is not None:
                    blocks.append(b)
    return _jsonable(data), blocks


class _Loader(yaml.SafeLoader):
    """SafeLoader, except that a timestamp YAML cannot turn into a date ("2024-13-45") stays
    the text it is: a bad date is the article's problem to report, not a reason to not read it."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the document has with every alias expanded, counted up to just past
    `limit` (so a bomb is never walked in full)."""
    seen, stack = 0, [root]
    while stack and seen <= limit:
        node = stack.pop()
        seen += 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return seen


def _scalar_block(text: str, base: int, node: yaml.ScalarNode, kind: Kind) -> Block | None:
    start, end = base + node.start_mark.index, base + node.end_mark.index
    if node.style in ('"', "'"):
        start, end = start + 1, end - 1
    elif node.style in ("|", ">"):  # the value starts on the line after the indicator
        start = text.find("\n", start, end) + 1 or end
    return block(text, start, end, kind)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# -- body --------------------------------------------------------------------------------

class _Body:
    def __init__(self, text: str, starts: list[int], first_line: int,
                 comments: list[dict[str, Any]]) -> None:
        self.text, self.starts, self.first_line, self.comments = text, starts, first_line, comments
        self.markup: list[tuple[int, int]] = []  # spans of the text that are markup, not words

    def cuts(self) -> list[tuple[int, int]]:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self.markup):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            elif start < end:
                merged.append((start, end))
        return merged

    def mark_markup(self, content: str, children: list[Token], offset: Callable[[int], int]) -> None:
        """Record the inline's markup (emphasis markers, a link's brackets and target, code
        ticks, escaping backslashes), each span within one line, by offsets in the text."""
        for lo, hi in _markup(content, children) or ():
            while lo < hi:
                line_end = content.find("\n", lo, hi)
                stop = hi if line_end < 0 else line_end
                if lo < stop:
                    self.markup.append((offset(lo), offset(stop - 1) + 1))
                lo = stop + 1

    def line(self, i: int) -> tuple[int, int]:
        """Offsets of body line i (0-based, as in token.map) in the whole text."""
        n = self.first_line + i
        end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)
        return self.starts[n], end

    def blocks(self, tokens: list[Token], has_headline: bool) -> list[Block]:
        out: list[Block] = []
        after_image = False
        for i, tok in enumerate(tokens):
            if tok.type == "html_block" and tok.content.lstrip().startswith("<!--"):
                self.comments.append({"line": self.first_line + tok.map[0] + 1,
                                      "text": tok.content.strip()})
            if tok.type == "heading_open":
                kind = Kind.SUBHEAD
                if tok.tag == "h1" and not has_headline:
                    kind, has_headline = Kind.HEADLINE, True
                out += self.heading(tok, tokens[i + 1], kind)
            elif tok.type == "paragraph_open":
                found, after_image = self.paragraph(tokens[i + 1], after_image)
                out += found
                continue
            if tok.nesting >= 0 and tok.type != "inline":  # another block ends the image's run
                after_image = False
        return [b for b in out if b is not None]

    def heading(self, tok: Token, inline: Token, kind: Kind) -> list[Block | None]:
        if tok.markup.startswith("#"):
            # ATX: the content sits at the end of its line, before an optional closing "#"s.
            start, end = self.line(tok.map[0])
            line = self.text[start:end].rstrip()
            line = _ATX_CLOSE.sub("", line).rstrip() if _ATX_CLOSE.search(line) else line
            end = start + len(line)
            self.mark_markup(inline.content, inline.children or [], lambda i: end - len(inline.content) + i)
            return [block(self.text, end - len(inline.content), end, kind)]
        span = _Inline(self, inline)
        self.mark_inline(span, inline)
        return [span.block(0, len(inline.content), kind)]

    def mark_inline(self, span: "_Inline", inline: Token) -> None:
        """The inline's markup, and the container marks ("> ", a list's indent) that open its
        lines after the first, which lie inside the paragraph's block."""
        self.mark_markup(inline.content, inline.children or [], span.offset)
        for k, at in enumerate(span.line_starts[1:], start=1):
            line_start = self.line(span.first + k)[0]
            if line_start < span.offset(at):
                self.markup.append((line_start, span.offset(at)))

    def paragraph(self, inline: Token, after_image: bool) -> tuple[list[Block | None], bool]:
        """The paragraph's blocks, and whether it held images and nothing else."""
        span = _Inline(self, inline)
        content, children = inline.content, inline.children or []
        self.record_inline_comments(span, children)
        self.mark_inline(span, inline)
        emph = _emphasis_inside(children) if after_image else None
        if emph:
            return [span.block(emph[0], len(content) - emph[1], Kind.CAPTION)], False
        images = _images(content, [c for c in children if c.type == "image"])
        if not images:
            # A line set wholly in italics ("*By Omar Haddad, transport reporter*", "*Jane Roe
            # is the Gazette's education reporter.*") is read without its markers, with the
            # note a page's italic paragraph gets: the desk's voice beside the story.
            whole = _emphasis_inside(children)
            if whole and "\n" not in content.strip():
                return [span.block(whole[0], len(content) - whole[1], None, ITALIC)], False
            return self.lines(span, content), False
        out: list[Block | None] = []
        rest, only_images = 0, True
        for img_start, img_end, alt_start, alt_end in images + [(len(content),) * 4]:
            lo, hi = trim(content, rest, img_start)
            gap = content[lo:hi]
            # Parsing again is costly on a long gap (a run of unclosed "![" is quadratic-ish in
            # markdown-it); only emphasis markers can make a caption of it.
            emph = _emphasis_inside(_MD.parseInline(gap)[0].children or []) \
                if "*" in gap or "_" in gap else None
            if emph:  # "![..](..)\n*Caption*" is a single paragraph
                out.append(span.block(lo + emph[0], hi - emph[1], Kind.CAPTION))
            elif lo < hi:
                out.append(span.block(lo, hi, None))
            only_images = only_images and lo == hi
            if alt_start < alt_end:
                out.append(span.block(alt_start, alt_end, Kind.CAPTION))
            rest = img_end
        return out, only_images

    def lines(self, span: "_Inline", content: str) -> list[Block | None]:
        """A paragraph's lines as the text reader groups them: hard-wrapped prose is one
        block, and lines that stand alone (two headlines of other stories glued after the
        story, "Title one\nTitle two") are a block each, as the page showed them."""
        lines = content.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        plain = [_MARKUP_EDGE.sub("", line) for line in lines]  # "*car-free weekends*," reads as words
        return [span.block(starts[a], starts[b] + len(lines[b]), None) for a, b in line_groups(plain)]

    def record_inline_comments(self, span: "_Inline", children: list[Token]) -> None:
        pos = 0
        for c in children:
            if c.type == "html_inline" and c.content.startswith("<!--"):
                pos = span.content.find(c.content, pos)
                if pos < 0:
                    return
                line = bisect.bisect_right(self.starts, span.offset(pos))
                self.comments.append({"line": line, "text": c.content})
                pos += len(c.content)


class _Inline:
    """Maps positions in an inline token's content back to offsets in the source.

    markdown-it drops container prefixes ("> ", list indentation) from every line of a
    paragraph and trims the whole, so what is left of each line is a suffix of the source
    line; counting from the line's right end places every non-space character exactly.
    """

    def __init__(self, body: _Body, inline: Token) -> None:
        self.body, self.content = body, inline.content
        self.line_starts: list[int] = []
        self.bases: list[int] = []
        pos = 0
        # markdown-it strips the paragraph's content whole, so source lines that Python's
        # str.strip() takes for blank ("\u2028") may open its map and be gone from the content.
        first = inline.map[0]
        while first < inline.map[1] - 1 and not body.text[slice(*body.line(first))].strip():
            first += 1
        self.first = first
        for i, piece in enumerate(inline.content.split("\n")):
            start, end = body.line(first + i)
            source_end = start + len(body.text[start:end].rstrip())
            self.line_starts.append(pos)
            self.bases.append(source_end - len(piece.rstrip()) - pos)
            pos += len(piece) + 1

    def offset(self, i: int) -> int:
        return self.bases[bisect.bisect_right(self.line_starts, i) - 1] + i

    def block(self, lo: int, hi: int, hint: Kind | None, note: str = "") -> Block | None:
        lo, hi = trim(self.content, lo, hi)
        if lo == hi:
            return None
        return block(self.body.text, self.offset(lo), self.offset(hi - 1) + 1, hint, note)


def _markup(content: str, children: list[Token]) -> list[tuple[int, int]] | None:
    """Spans of content that are markup, not words: what lies between the places of the
    tokens' words (emphasis markers, brackets, a link's "(target)", the backslash of an
    escape, a code span's ticks, inline HTML). Tokens carry no positions, so each one's text
    is found from where the last one ended; None if one is not found where it should be."""
    keep: list[tuple[int, int]] = []
    pos = 0

    def find(part: str) -> int:
        at = content.find(part, pos)
        if at < 0:
            raise LookupError(part)
        return at

    try:
        for tok in children:
            kind = tok.type
            if kind in ("text", "html_inline", "softbreak", "hardbreak"):
                part = tok.content if kind in ("text", "html_inline") else "\n"
                if not part:
                    continue
                at = find(part)
                if kind != "html_inline":
                    keep.append((at, at + len(part)))
                pos = at + len(part)
            elif kind == "text_special":  # "\*", "&amp;": the character, or the source as it is
                at = find(tok.markup)
                if tok.info == "escape":
                    keep.append((at + 1, at + len(tok.markup)))
                else:
                    keep.append((at, at + (1 if tok.content == tok.markup[:1] else len(tok.markup))))
                pos = at + len(tok.markup)
            elif kind == "code_inline":
                at = find(tok.markup)
                close = re.compile(rf"(?<!`){tok.markup}(?!`)").search(content, at + len(tok.markup))
                if close is None:
                    raise LookupError(tok.markup)
                keep.append((at + len(tok.markup), close.start()))
                pos = close.end()
            elif kind == "image":
                at = find("![")
                close = _close(content, at + 1)
                if close < 0:
                    raise LookupError("]")
                end, title = _tail(content, close + 1)
                keep += [(at + 2, close)] + ([title] if title else [])
                pos = end
            elif kind == "link_close":
                close = find(">" if tok.markup == "autolink" else "]")
                pos = close + 1 if tok.markup == "autolink" else _tail(content, close + 1)[0]
            elif kind not in ("em_open", "em_close", "strong_open", "strong_close", "link_open"):
                raise LookupError(kind)
    except LookupError:
        return None
    if pos < len(content) and content[pos:].strip():
        return None
    cut, at = [], 0
    for lo, hi in keep + [(len(content), len(content))]:
        if lo > at:
            cut.append((at, lo))
        at = max(at, hi)
    return cut


def _emphasis_inside(children: list[Token]) -> tuple[int, int] | None:
    """Marker widths (left, right) when the inline is one emphasis from end to end."""
    kids = [c for c in children if not (c.type in ("text", "text_special") and not c.content.strip())]
    if not kids or kids[0].type != "em_open" or kids[-1].type != "em_close":
        return None
    depth = 0
    for c in kids[:-1]:
        depth += c.nesting if c.type in ("em_open", "em_close") else 0
        if depth == 0:
            return None  # "*a* and *b*"
    return len(kids[0].markup), len(kids[-1].markup)


def _images(content: str, tokens: list[Token]) -> list[tuple[int, int, int, int]]:
    """(start, end, alt start, alt end) in content of each image token, in order.

    Image tokens carry no positions, so each is found by its raw label (token.content);
    the caption span is the alt text, or the title when the alt is empty. An image that is
    the whole text of a link takes the link's brackets and target with it.
    """
    found = []
    pos = 0
    for tok in tokens:
        while (at := content.find("![", pos)) >= 0:
            pos = at + 2
            close = _close(content, at + 1)
            if close < 0 or close - at - 2 != len(tok.content) or content[at + 2:close] != tok.content \
                    or _escaped(content, at):
                continue
            end, title = _tail(content, close + 1)
            alt = trim(content, at + 2, close)
            if alt[0] == alt[1] and title:
                alt = title
            if at > 0 and content[at - 1] == "[" and _close(content, at - 1) == end:
                at, (end, _) = at - 1, _tail(content, end + 1)
            found.append((at, end, *alt))
            pos = end
            break
    return found


def _escaped(s: str, i: int) -> bool:
    n = 0
    while i - n - 1 >= 0 and s[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _close(s: str, i: int) -> int:
    """Index of the bracket matching the opening one at s[i] ( "[" or "(" ), or -1: the first
    bracket after i that brings the nesting back below s[i]'s, a backslash escaping the
    character after it. Looked up in a table built once per text (a scan from each opening
    bracket was quadratic on a line of many "![")."""
    levels, closers = _brackets(s, s[i])
    target = levels[i + 1] - 1
    found = closers.get(target)
    if not found:
        return -1
    k = bisect.bisect_right(found, i)
    return found[k] if k < len(found) else -1


@functools.lru_cache(maxsize=16)
def _brackets(s: str, opening: str) -> tuple[list[int], dict[int, list[int]]]:
    """(nesting after each position, the positions of closing brackets by the nesting they
    leave), over the brackets a scan from the start does not skip as escaped. An escaped
    opening bracket does not count, so from it a scan starts at the nesting before it; either
    way the match is the first closing bracket that leaves one less than after s[i]."""
    closing = {"[": "]", "(": ")"}[opening]
    levels = [0] * (len(s) + 1)
    closers: dict[int, list[int]] = {}
    depth, j, escaped = 0, 0, False
    while j < len(s):
        ch = s[j]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            closers.setdefault(depth, []).append(j)
        levels[j + 1] = depth
        j += 1
    return levels, closers


def _tail(s: str, i: int) -> tuple[int, tuple[int, int] | None]:
    """End of a link's "(target "title")" or "[ref]" starting at s[i], and the title span."""
    if i >= len(s) or s[i] not in "[(":
        return i, None
    close = _close(s, i)
    if close < 0:
        return i, None
    if s[i] == "[":
        return close + 1, None
    inner_start, inner_end = trim(s, i + 1, close)
    m = re.match(r"(?:<[^>]*>|\S+)\s+([\"'(])", s[inner_start:inner_end])
    quote = {"(": ")"}.get(m.group(1), m.group(1)) if m else ""
    if m and s[inner_end - 1] == quote and inner_start + m.end() < inner_end:
        return close + 1, trim(s, inner_start + m.end(), inner_end - 1)
    return close + 1, None
