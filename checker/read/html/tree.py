"""The element tree of an HTML file: html.parser (stdlib) builds it, with the offset of
every tag and text run, and never raises on bad nesting.

Positions: the parser reports where every text run, entity and tag starts, so each word of
the derived text keeps the offset it came from (see `derived.collapse`): columns are exact
inside a run of text, also across collapsed whitespace and line breaks; a decoded entity
maps to its "&". The tree's depth is bounded (`MAX_DEPTH`) and its walk (`_elements`) is a
stack, so no reader of it recurses without bound.
"""
from __future__ import annotations

import html
import html.parser
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_DEPTH = 250  # nesting of a real page stays under 60
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# What a <head> holds (and <html> and <head> themselves): any other element opens the body.
_HEAD_CONTENT = frozenset("html head title meta link style script base noscript template".split())


@dataclass(eq=False)
class _Text:
    text: str
    at: int
    exact: bool


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    at: int
    parent: "_Node | None" = None
    raw: str = ""  # the start tag as written, kept for images (the alt text's position)
    children: list["_Node | _Text"] = field(default_factory=list)


class _Tree(html.parser.HTMLParser):
    """Element tree with the offset of every tag and text run; never raises on bad nesting."""

    # What a browser reads as raw text up to its end tag, as for <script> and <style>: an
    # ad's <iframe> may carry a document of its own, "<html><body …></body></html>", whose
    # "</body>" would otherwise close the page's body halfway down.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "iframe", "noembed", "noframes", "xmp")

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)  # entities arrive apart, with positions
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.root = _Node("#root", {}, 0)
        self.stack = [self.root]
        self.directives: list[dict[str, Any]] = []
        self.has_body = False

    def _at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs, tag not in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs, False)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]], opens: bool) -> None:
        self._implied_body(tag)
        node = _Node(tag, {k: v or "" for k, v in attrs}, self._at(), self.stack[-1],
                     (self.get_starttag_text() or "") if tag == "img" else "")
        self.stack[-1].children.append(node)
        # Past MAX_DEPTH, elements are read as siblings of the deepest one: their text stays,
        # and no reader of the tree recurses without bound (2,000 nested <div>s).
        if opens and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def _implied_body(self, tag: str) -> None:
        """A page that never writes <body> ("</head><div id='page'>…") has one all the same,
        as a browser reads it: opened by the first element after the head that no head holds."""
        if tag == "body":
            self.has_body = True
        if self.has_body or tag in _HEAD_CONTENT:
            return
        if self.stack[-1].tag == "head":
            self.stack.pop()
        top = self.stack[-1]
        if top.tag == "html":
            body = _Node("body", {}, self._at(), top)
            top.children.append(body)
            self.stack.append(body)
            self.has_body = True

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes the nearest open element of its name and whatever is open
        # inside it; a stray end tag is ignored, as browsers do. A heading's end tag closes
        # whichever heading is open ("<h1>Headline</h2>"), as browsers do too: read as stray,
        # it left the headline open over the whole story.
        names = _HEADINGS if tag in _HEADINGS else (tag,)
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag in names:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(_Text(data, self._at(), True))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        at = self._at()
        if self.text.startswith(";", at + len(raw)):
            raw += ";"
        decoded = html.unescape(raw)
        self.stack[-1].children.append(_Text(decoded, at, decoded == raw))

    def handle_comment(self, data: str) -> None:
        at = self._at()
        if self.text.startswith("<!--", at):  # not a bogus "<!x>" or "<?x>" comment
            self.directives.append({"line": self.getpos()[0], "text": f"<!--{data}-->"})

    def parse_html_declaration(self, i: int) -> int:
        # "<![endif]-->", "<![if !IE]>" (Internet Explorer's conditional comments): a browser
        # ends such a bogus comment at its first ">". html.parser reads a marked section up
        # to the next "]>" instead, wherever that is: the "10]>" of a later "<!--[if lt IE
        # 10]>", swallowing the page's <body> and headline between. Only CDATA keeps "]]>".
        if self.rawdata.startswith("<![", i) and not self.rawdata.startswith("<![CDATA[", i):
            return self.parse_bogus_comment(i)
        try:
            return super().parse_html_declaration(i)
        except AssertionError:  # "<![CDATA[" cut short: a marked section html.parser rejects
            return self.parse_bogus_comment(i)



def _elements(node: _Node) -> Iterator[_Node]:
    """Every element under `node`, in document order. A stack, not nested generators: each
    element passed up through every level above it made a deep tree's walk quadratic."""
    stack = [iter(node.children)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, _Node):
                yield child
                stack.append(iter(child.children))
                break
        else:
            stack.pop()


def _inside(node: _Node, ancestor: _Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _ancestors(node: _Node) -> list[_Node]:
    out = []
    while node is not None:
        out.append(node)
        node = node.parent  # type: ignore[assignment]
    return out


# WordPress's post_class names the post's filing on its box, a class for each term of each
# taxonomy it is filed in ("category-code", "tag-data", "format-standard", a custom
# taxonomy's "byline-jane-roe" beside "hentry"): words of the story's subject or its author,
# not of the box's role.
_FILED = re.compile(r"[a-z_]+-\S+")


def _tokens(node: _Node, attribute: str) -> list[str]:
    names = node.attrs.get(attribute, "").lower().split()
    if attribute == "class" and "hentry" in names:
        return [name for name in names if not _FILED.fullmatch(name)]
    return names
