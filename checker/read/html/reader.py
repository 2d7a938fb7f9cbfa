"""The HTML reader: walks the element tree and emits the article's blocks, each with the
offsets it came from.

The headline is read as a headline and other headings as subheads; each <figcaption>, and
each element whose class names it a caption, is a caption, with credit-marked parts inside
it as its credit on the same line; an element whose class names it a credit is a credit; the
alt text of an image without such a caption, when it has at least three words, is kind
other, noted "alt text" (it maps to its attribute value, exactly when it holds no entity);
a byline's element is a byline. Paragraphs, list items and other block elements are left to
the segmenter, one block per element, a <br> ending a block; a block that is all code is
kind other, noted "code", one that is only a date noted "timestamp", an embedded post's
noted "embedded post". Comments go to meta["directives"]; a published date from <meta> or
<time datetime> goes to meta["date"], the publisher's name (og:site_name) to
meta["site_name"]; a whole page (not a fragment) sets meta["page"], and `bounds` then says
which of its blocks are the story.
"""
from __future__ import annotations

import datetime as dt
import html.parser
import itertools
import re
from collections import Counter
from typing import Any

from checker.model import CODE, ITALIC, QUOTATION, Kind, Source
from checker.read.common import ReadError
from checker.read.derived import Builder, Piece, collapse
from checker.read.html.bounds import (
    _TITLE_PARTS,
    _body,
    _container,
    _headline,
    _is_page,
    _Main,
    _words,
    mark_furniture,
    page_titles,
    second_reading,
)
from checker.read.html.kinds import (
    _BLOCK,
    _BOLD,
    _CASE_BREAK,
    _HIDDEN_STYLE,
    _HIDING,
    _INLINE_MARKUP,
    _ITALIC,
    _MAX_BOX_CAPTION_WORDS,
    _NOT_TEXT,
    _PARAGRAPHS,
    _READING_TIME,
    ALT_TEXT,
    EMBED,
    TIMESTAMP,
    _code,
    _date_only,
    _embedded_post,
    _furniture,
    _invisible,
    _is_byline,
    _is_credit,
    _links_to_page,
    _named_caption,
    _picture_box_caption,
    _pieces,
    _plain,
    _related_box,
    _stamp_text,
    _timestamp,
    byline_button,
)
from checker.read.html.tree import _HEADINGS, _elements, _inside, _Node, _Text, _tokens, _Tree

# A picture of a quotation mark, by its file's name: "start_quote_rb.gif", "quote-open.png".
_QUOTE_MARK = re.compile(r"(?i)(?:start|end|open|close|left|right|begin)[_-]?quote|quote[_-]?(?:start|end|open|close|left|right|mark|begin)")
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publish-date",
              "dc.date", "dc.date.issued", "og:published_time")
_BARE_BY = re.compile(r"(?:(?:Written|Posted|Words)\s+)?(?:[Bb]y|BY)\s*:?")
_MAX_BY_PIECES = 4
# Icons, logos and spacers have empty or one- or two-word alt texts; a photo's describes it.
_MIN_ALT_WORDS = 3
# A line that opens with a picture's alt text's first this many words is its printed caption.
_ALT_ECHO_WORDS = 4


def _tree(text: str) -> _Tree:
    tree = _Tree(text)
    try:
        tree.feed(text)
        tree.close()
    except AssertionError:  # html.parser gives up on some broken declarations; keep the rest
        pass
    return tree


# A story a page sets inside <noscript> (a script shows it to most readers) is read when the
# page's paragraphs are there: at least this many words, and more than outside it.
_NOSCRIPT_STORY_WORDS = 100
_NOSCRIPT = re.compile(r"(?i)<(/?)noscript\b")


def _story_in_noscript(root: _Node) -> bool:
    words = {True: 0, False: 0}  # words of paragraphs inside a <noscript>, and outside
    stack = [(root, False)]
    while stack:
        node, hidden = stack.pop()
        if node.tag == "p":
            words[hidden] += len(_plain(node).split())
            continue
        hidden = hidden or node.tag == "noscript"
        stack.extend((c, hidden) for c in node.children if isinstance(c, _Node))
    return words[True] >= _NOSCRIPT_STORY_WORDS and words[True] > words[False]


def _hidden_by_style(node: _Node) -> bool:
    return node.tag not in ("html", "body") and bool(_HIDDEN_STYLE.search(node.attrs.get("style", "")))


def _story_hidden_until_shown(root: _Node) -> list[_Node]:
    """The elements an inline display:none hides that hold most of the page's paragraphs (at
    least _NOSCRIPT_STORY_WORDS words, and more than all shown ones): a page a script shows
    once its layout has run ("<div id='i76' style='display: none;'>" around the whole page)."""
    paragraphs: list[tuple[_Node, _Node | None]] = []  # each <p>, and the element hiding it
    stack: list[tuple[_Node, _Node | None]] = [(root, None)]
    while stack:
        node, hider = stack.pop()
        if hider is None and _hidden_by_style(node):
            hider = node
        if node.tag == "p":
            paragraphs.append((node, hider))
        else:
            stack.extend((c, hider) for c in node.children if isinstance(c, _Node))
    if all(hider is None for _, hider in paragraphs):  # most pages: nothing to count
        return []
    shown, hidden = 0, Counter()
    nodes: dict[int, _Node] = {}
    for p, hider in paragraphs:
        n = len(_plain(p).split())
        if hider is None:
            shown += n
        else:
            hidden[id(hider)] += n
            nodes[id(hider)] = hider
    total = sum(hidden.values())
    if total < _NOSCRIPT_STORY_WORDS or total <= shown:
        return []
    return [nodes[key] for key, n in hidden.items() if n >= _NOSCRIPT_STORY_WORDS]


def _shown(text: str, nodes: list[_Node]) -> str:
    """The text with the hiding declaration of each node's start tag blanked out (same length,
    so offsets hold)."""
    chars = list(text)
    for node in nodes:
        end = text.find(">", node.at)
        for m in _HIDING.finditer(text, node.at, end if end >= 0 else len(text)):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def parse(text: str, path: str) -> Source:
    tree = _tree(text)
    if _NOSCRIPT.search(text) and _story_in_noscript(tree.root):
        # Read as the <div> it shows as without scripts; same length, so offsets hold.
        text = _NOSCRIPT.sub(lambda m: f"<{m.group(1)}div     ", text)
        tree = _tree(text)
    if "none" in text and (hiders := _story_hidden_until_shown(tree.root)):
        text = _shown(text, hiders)
        tree = _tree(text)
    main = _Main.of(text) if _is_page(tree.root) else None
    reader = _Reader(tree.root, main)
    # "page": a whole published page, whose own furniture (ad labels, share and subscribe
    # buttons, in-body promos) is the publisher's layout rather than damage to the text.
    source = reader.read(text, path, {"directives": tree.directives, **({"page": True} if main else {})})
    if not source.blocks:
        raise ReadError(f"{path}: no article text found in the HTML "
                        "(no headline, paragraph or caption)")
    return source


class _Reader:
    def __init__(self, root: _Node, main: _Main | None = None) -> None:
        self.root = root
        self.main = main
        self.container = _body(root) if main is not None else _container(root)
        self.headline = _headline(root, None if main is not None else self.container)
        self.out = Builder()
        self.pieces: list[Piece] = []
        self.hint: Kind | None = None
        self.worded = False                   # the pending pieces have words, not only white space
        self.blocks: list[_Node] = [root]     # the block elements being read, innermost last
        self.nodes: list[_Node] = []          # the element each span of self.out came from
        self.after_box = False                # the pending text follows a box in its block
        self.tails: set[int] = set()          # the spans of such text
        self.in_link = 0                      # depth of links to other pages around the walk
        self.link_text = self.unlinked_text = False  # the pending text has words in, outside links
        self.linked: set[int] = set()         # the spans whose words are all a link's
        self.link_led: set[int] = set()       # the spans whose words are mostly a link's
        self.link_chars = self.own_chars = 0  # the pending text's letters in, outside links
        self.own_text: bool | None = None     # the pending text opens in its block, not in a link
        self.captioned: dict[int, bool] = {}  # a picture's box -> it holds a named caption
        # the box of the picture whose alt text was the last text read, and its first words
        self.after_alt: tuple[_Node, list[str]] | None = None
        self.in_code = 0                      # depth of code elements around the walk
        self.in_embed = 0                     # depth of embedded posts around the walk
        self.in_quote = 0                     # depth of <blockquote>s around the walk
        self.quote_mark = False               # the pending text follows a picture of a quote mark
        self.embed_text = False               # the pending text has an embedded post's in it
        self.in_time = 0                      # depth of date elements around the walk
        self.code_text = self.prose_text = False  # the pending text has code, prose in it
        self.time_text = False                # the pending text has a date element's in it
        self.in_bold = 0                      # depth of bold type around the walk
        self.plain_text = False               # the pending text has words outside bold type
        self.in_italic = 0                    # depth of italic type around the walk
        self.in_related = 0                   # depth of boxes of related stories in a byline's
        self.upright_text = False             # the pending text has words outside italic type

    def read(self, text: str, path: str, meta: dict[str, Any]) -> Source:
        if self.headline is None:
            title = next((n for n in _elements(self.root) if n.tag == "title"), None)
            if title is not None:
                self.unit([(_story_part(collapse(_pieces(title)), _declared_site_names(self.root),
                                        _heading_texts(self.root)),
                             Kind.HEADLINE)], title)
        elif not _inside(self.headline, self.container):
            self.unit([(collapse(_pieces(self.headline)), Kind.HEADLINE)], self.headline)
        self.walk(self.container, None)
        self.flush()
        if self.main is not None:
            self.main = second_reading(self.main, text, self.out)
            mark_furniture(self.out, self.nodes, self.tails, self.main, self.root, self.linked)
        date = _date(self.root, self.container)
        site = _site_name(self.root)
        titles = _page_titles(self.root)
        # Where the blocks most of whose words are a link's start ("Three years ago: <a>Two
        # Classic Sangrias</a>"): a run of title lines that links nowhere is a list of the
        # story's, not links to other stories.
        linked = frozenset(self.out.spans[i][0] for i in self.link_led if i < len(self.out.spans))
        return self.out.source(path, "html", text, {**({"date": date} if date else {}),
                                                    **({"site_name": site} if site else {}),
                                                    **({"titles": titles} if titles else {}),
                                                    "linked": linked, "link_words": _link_words(self.root),
                                                    **meta})

    def unit(self, groups: list[tuple[list[Piece], Kind | None]], node: _Node) -> None:
        before = len(self.out.spans)
        self.out.unit(groups)
        self.nodes += [node] * (len(self.out.spans) - before)
        if len(self.out.spans) > before:
            self.after_alt = None

    def alt_echo(self, node: _Node) -> bool:
        """A line right after a picture, in the picture's box, that opens with the picture's
        alt text ("<img alt='A militant guards a barricade…'><p class='t-dim'>A militant
        guards the administration building…</p>"): the picture's caption, which the page
        prints under it and copies into the alt."""
        if self.after_alt is None or node.tag not in ("p", "div", "span") or node.parent is not self.after_alt[0]:
            return False
        text = _plain(node)
        return len(text.split()) <= _MAX_BOX_CAPTION_WORDS and _words(text)[:_ALT_ECHO_WORDS] == self.after_alt[1]

    def flush(self) -> None:
        before = len(self.out.spans)
        # A line that is all code (a <pre>, a highlighter's box, a <code> on a line of its own
        # between <br>s) is the story's code listing; inline code in a sentence stays prose.
        code = self.code_text and not self.prose_text and self.hint is None
        # A line of an embedded post (a tweet, an Instagram post): quoted from elsewhere as it
        # is, its short links and handles no prose of the story's.
        embed = self.embed_text and not self.prose_text and self.hint is None
        # A line that is all a date element's ("<p itemprop='datePublished'>Published …</p>").
        stamp = self.time_text and not self.prose_text and not self.code_text and self.hint is None \
            and _stamp_text("".join(p.text for p in self.pieces))
        # A line of a byline's box that is only its date ("<div class='Byline__Meta'>August 2,
        # 2020, 7:19 PM</div>") is the story's timestamp, not its author.
        line = "".join(p.text for p in self.pieces).strip() if self.hint is Kind.BYLINE else ""
        if line and _date_only(line):
            stamp, self.hint = True, None
        elif line and _READING_TIME.fullmatch(line):  # "5 min read": the page's, not an author
            self.hint = Kind.OTHER
        self.unit([(collapse(self.pieces), Kind.OTHER if code or stamp or embed else self.hint)], self.blocks[-1])
        if code or stamp or embed:
            for i in range(before, len(self.out.spans)):
                self.out.notes[i] = EMBED if embed else CODE if code else TIMESTAMP
        elif (self.in_quote or self.quote_mark) and self.hint is None:
            for i in range(before, len(self.out.spans)):
                self.out.notes[i] = QUOTATION
        elif self.prose_text and not self.upright_text and self.hint is None and self.blocks[-1].tag == "p":
            for i in range(before, len(self.out.spans)):
                self.out.notes[i] = ITALIC
        # Text in a paragraph's element is running text, each line of it after a <br> too; a
        # line all in bold type is the page's subhead set by style ("<p><strong>Water
        # woes</strong></p>"), left to the segmenter.
        # (A list item's text may sit in a <div> of its own: "<li><div class='item-text'>…".)
        item = self.blocks[-1].tag == "div" and len(self.blocks) > 1 and self.blocks[-2].tag == "li"
        if (self.blocks[-1].tag in _PARAGRAPHS or item) and self.plain_text:
            self.out.paragraphs.update(range(before, len(self.out.spans)))
        if self.link_text and not self.unlinked_text:
            self.linked.update(range(before, len(self.out.spans)))
        if self.link_chars > self.own_chars:
            self.link_led.update(range(before, len(self.out.spans)))
        self.link_chars = self.own_chars = 0
        self.code_text = self.prose_text = self.time_text = self.embed_text = self.plain_text = False
        self.upright_text = self.quote_mark = False
        self.link_text = self.unlinked_text = False
        # The block's own text, not a link's ("<a><div>…</div>Headline</a>": a teaser).
        if self.after_box and self.own_text:
            self.tails.update(range(before, len(self.out.spans)))
        self.pieces, self.hint, self.after_box, self.own_text, self.worded = [], None, False, None, False

    def bare_by(self) -> bool:
        """The pending text is a byline's "By" alone, its name yet to come."""
        return self.hint is Kind.BYLINE and len(self.pieces) <= _MAX_BY_PIECES and \
            _BARE_BY.fullmatch("".join(p.text for p in self.pieces).strip()) is not None

    def add(self, piece: Piece, hint: Kind | None) -> None:
        # The unit is what its first words are: white space between a byline's name and its
        # author's "Twitter" link says nothing of the link.
        if not self.worded and self.hint is None and piece.text.strip():
            self.hint = hint
        self.worded = self.worded or bool(piece.text.strip())
        self.pieces.append(piece)

    def walk(self, node: _Node, hint: Kind | None) -> None:
        previous: _Node | _Text | None = None
        for child in node.children:
            if isinstance(child, _Text):
                if isinstance(previous, _Node) and self.pieces and \
                        _CASE_BREAK.match(self.pieces[-1].text[-1:] + child.text[:2]):
                    # "<strong>Medical Triumph</strong>In Rajgarh…": a run-in heading set
                    # apart by the page's style, not the word "TriumphIn".
                    self.add(Piece(" ", child.at, False), hint)
                for k, (text, at) in enumerate(self.bare_paragraphs(child, hint)):
                    if k:
                        self.flush()
                    self.text(node, text, at, child.exact, hint)
            elif not self.skipped(child):
                if isinstance(previous, _Node) and self.pieces and (
                        _glued(self.pieces[-1].text, child) or
                        _styled(previous) and _glued(self.pieces[-1].text, child, True) or
                        _CASE_BREAK.match(self.pieces[-1].text[-1:] + _first_text(child)[:2])):
                    # "<span>Jen Mills</span><span>Published…</span>": two elements that the
                    # page's style sets apart, never one word "MillsPublished" (nor, after a
                    # styled one, "<span class='count'>27</span><strong>Comments": "27Comments";
                    # nor, after a run-in label, "<strong>Source</strong><a>Star…": "SourceStar").
                    self.add(Piece(" ", child.at, False), hint)
                self.element(child, hint)
            previous = child

    def text(self, node: _Node, text: str, at: int | None, exact: bool, hint: Kind | None) -> None:
        size = len(text.strip())
        if self.own_text is None and size:
            self.own_text = node is self.blocks[-1]  # the unit opens on its block's own text
        if size:
            if self.in_embed:
                self.embed_text = True
            elif self.in_code:
                self.code_text = True
            elif self.in_time:
                self.time_text = True
            else:
                self.prose_text = True
            if not self.in_bold:
                self.plain_text = True
            if not self.in_italic:
                self.upright_text = True
            if self.in_link:
                self.link_text = True
                self.link_chars += size
            else:
                self.unlinked_text = True
                self.own_chars += size
        self.add(Piece(text, at, exact), hint)

    def bare_paragraphs(self, child: _Text, hint: Kind | None) -> list[tuple[str, int | None]]:
        """A text's parts between blank lines, with their offsets, when it is a story's bare
        text in a box ("<div>Taipei, Nov. 17 (CNA) The ministry…\n\nPolicies for…\n\n(By
        Alison Hsiao)</div>", a page that sets its paragraphs by its style sheet); else the
        text whole. A <p>'s text is one paragraph however its source is wrapped, and so is a
        byline's or a caption's box ("By Tom Davies -\n\nAssociated Press -\n\nFriday…")."""
        if self.blocks[-1].tag not in _BARE_TEXT_BOXES or self.in_code or hint is not None or \
                self.hint is not None or not child.exact or \
                child.at is None or not _BLANK_LINE.search(child.text):
            return [(child.text, child.at)]
        parts, start = [], 0
        for m in _BLANK_LINE.finditer(child.text):
            parts.append((child.text[start:m.start()], child.at + start))
            start = m.start()
        parts.append((child.text[start:], child.at + start))
        return parts

    def skipped(self, node: _Node) -> bool:
        if self.main is not None:  # trafilatura says what the story is: read the whole page
            return node.tag in _NOT_TEXT or _invisible(node)
        if _furniture(node) or (node.tag == "article" and node is not self.container):
            return True
        return node.tag == "header" and not (self.headline and _inside(self.headline, node))

    def element(self, node: _Node, hint: Kind | None) -> None:
        tag = node.tag
        # A heading the page's class names a caption ("<h5 class='caption-lede'>") is one; a
        # caption's element that holds the headline is the story's title laid over its lead
        # picture ("<figcaption><p>Trailers</p><h3>Headline</h3></figcaption>"), read as a box.
        named = _named_caption(node) if tag in _HEADINGS and node is not self.headline else None
        if node is self.headline and tag not in _HEADINGS:
            # A headline the page sets in a box it names so ("<div class='storyTitle'>").
            self.flush()
            self.unit([(collapse(_pieces(node)), Kind.HEADLINE)], node)
        elif tag in _HEADINGS and named is None:
            self.flush()
            # "<h3 class='author'>Grace Ebert</h3>": a byline the page sets as a heading (and
            # so is a heading in a byline's box: "<div class='author'><h4 class='author-name'>").
            kind = Kind.HEADLINE if node is self.headline else Kind.OTHER if self.in_related else \
                Kind.BYLINE if _is_byline(node) or hint is Kind.BYLINE else Kind.SUBHEAD
            pieces = collapse(_pieces(node))
            # "<h6 class='dateline'>February 26, 2016</h6>": the story's date set as a heading.
            stamp = kind is Kind.SUBHEAD and _date_only("".join(p.text for p in pieces))
            before = len(self.out.spans)
            self.unit([(pieces, Kind.OTHER if stamp else kind)], node)
            if stamp:
                for i in range(before, len(self.out.spans)):
                    self.out.notes[i] = TIMESTAMP
        elif (tag == "figcaption" or (hint is not Kind.BYLINE and (
                (named := named or _named_caption(node))
                or (hint is None and (_picture_box_caption(node) or self.alt_echo(node)))))) \
                and not (self.headline is not None and _inside(self.headline, node)):
            self.flush()
            first = Kind.CAPTION if tag == "figcaption" else named or Kind.CAPTION
            self.unit([(collapse(pieces), kind) for kind, pieces in _caption(node, first)], node)
        elif tag == "img":
            # "<img src='…/start_quote_rb.gif'><b>Bottom line of all this is…</b><img
            # src='…/end_quote_rb.gif'>": a quotation set between pictures of its marks
            if _QUOTE_MARK.search(node.attrs.get("src", "").rsplit("/", 1)[-1]):
                self.quote_mark = True
            if not _has_caption(node, self.captioned):
                alt = _alt(node)
                if len(alt.text.split()) >= _MIN_ALT_WORDS:
                    self.flush()
                    before = len(self.out.spans)
                    self.unit([(collapse([alt]), Kind.OTHER)], node)
                    for i in range(before, len(self.out.spans)):
                        self.out.notes[i] = ALT_TEXT
                    echo = _words(alt.text)[:_ALT_ECHO_WORDS]
                    if len(echo) == _ALT_ECHO_WORDS:
                        box = node.parent
                        while box is not None and box.tag in _INLINE_MARKUP | {"picture"}:
                            box = box.parent
                        self.after_alt = (box, echo) if box is not None else None
        elif tag == "br":
            # "<p class='byline'>By Jane Roe<br>June 3, 2024</p>" is one byline; a <br> after
            # a byline's element has closed ("<span class='byline-author'>Posted by …</span>
            # <br><br>At Google, we…") ends it, and the story's text begins.
            if self.hint is Kind.BYLINE and hint is Kind.BYLINE:
                self.add(Piece(" ", node.at, False), hint)
            else:
                self.flush()
        else:
            # An author's box may hold the author's other stories ("<aside class='byline'>…
            # <div class='related-content'><a class='kicker'>…</a><h3>…</h3><div
            # class='byline'>…"): that box, its headings and its bylines are furniture; and
            # so are its buttons ("<li class='ks-byline-print'><a href='javascript:…'>print").
            related = hint is Kind.BYLINE and (_related_box(node) or byline_button(node))
            own = Kind.OTHER if related or self.in_related else Kind.BYLINE if _is_byline(node) else hint
            self.in_related += related
            if tag in _BLOCK:
                # "<div class='Byline__ByCopy'>By</div><div class='Byline__Author'>Jane Roe
                # </div>": the word "By" of a byline's box and the author's name after it are
                # one byline, however the page sets them apart.
                if own is Kind.BYLINE and self.bare_by():
                    self.add(Piece(" ", node.at, False), own)
                else:
                    self.flush()
                self.blocks.append(node)
            elif own is Kind.BYLINE and _holds_text(node):
                # "By <a rel=author>…</a>": the whole line is a byline (an empty label's
                # element, "<span class='byline-label'></span>", says nothing of the line)
                self.hint = Kind.BYLINE
            code, stamp, embed, bold = _code(node), _timestamp(node), _embedded_post(node), tag in _BOLD
            quote, italic = tag == "blockquote", tag in _ITALIC
            link = _links_to_page(node)
            self.in_link += link
            self.in_code += code
            self.in_time += stamp
            self.in_embed += embed
            self.in_bold += bold
            self.in_quote += quote
            self.in_italic += italic
            self.walk(node, own)
            self.in_code -= code
            self.in_time -= stamp
            self.in_embed -= embed
            self.in_bold -= bold
            self.in_quote -= quote
            self.in_italic -= italic
            self.in_link -= link
            self.in_related -= related
            if tag in _BLOCK:
                if not self.bare_by():
                    self.flush()
                self.blocks.pop()
                self.after_box = True


# An inline element is looked into this far for text: a byline's label is a few elements.
_MAX_TEXT_LOOK = 30


def _holds_text(node: _Node) -> bool:
    """Some text shows inside the element, among its first few elements."""
    for n in (node, *itertools.islice(_elements(node), _MAX_TEXT_LOOK)):
        if not _furniture(n) and any(isinstance(c, _Text) and c.text.strip() for c in n.children):
            return True
    return False


def _first_text(node: _Node) -> str:
    for child in node.children:
        if isinstance(child, _Text):
            if child.text.strip():
                return child.text
        elif not _furniture(child):
            found = _first_text(child)
            if found:
                return found
    return ""


def _styled(element: _Node) -> bool:
    """Laid out by the page's style as a piece of its own: a block, or markup with a class."""
    return element.tag not in _INLINE_MARKUP or bool(element.attrs.get("class"))


def _styled_inside(element: _Node) -> bool:
    """The element opens on one its page styles: "<span><a class='comment_icon'>Comment</a>
    </span>" after "…12:45 PM" is set apart by the link's style, though the span has none.
    Looked down the first elements only, a few deep."""
    node = element
    for _ in range(_STYLED_DEPTH):
        if any(isinstance(c, _Text) and c.text.strip() for c in node.children):
            return False
        node = next((c for c in node.children if isinstance(c, _Node) and not _furniture(c)), None)
        if node is None:
            return False
        if _styled(node):
            return True
    return False


_STYLED_DEPTH = 3


def _glued(before: str, element: _Node, styled: bool = False) -> bool:
    """Would `element`'s text run on from `before` as one word, where the page's style (of
    `element`, or `styled` for the element before it) sets them apart? Not for a drop cap: a
    single letter opening a word is set in an element of its own on purpose."""
    after = _first_text(element)
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    styled = styled or _styled(element) or _styled_inside(element)
    if before[-1:] in ".!?;:" and after[:1].isupper():  # "…fortunate.</span><span>The…"
        return styled
    # ("Paul Sawers<a class='handle'>@psawers</a>": a byline's handle set apart too.)
    return bool(after) and before[-1:].isalnum() and (after[:1].isalnum() or after[:1] == "@") and \
        len(word) > 1 and styled


def _caption(node: _Node, first: Kind = Kind.CAPTION) -> list[tuple[Kind, list[Piece]]]:
    """A caption's text as (kind, pieces) groups: caption text and credits, in order (`first`:
    what the element's own text is, a credit for an element named as one)."""
    groups: list[tuple[Kind, list[Piece]]] = []

    def add(kind: Kind, piece: Piece) -> None:
        if not groups or groups[-1][0] is not kind:
            groups.append((kind, []))
        groups[-1][1].append(piece)

    def visit(n: _Node, kind: Kind) -> None:
        previous: _Node | _Text | None = None
        for child in n.children:
            if isinstance(child, _Text):
                add(kind, Piece(child.text, child.at, child.exact))
            elif child.tag == "br":
                add(kind, Piece(" ", child.at, False))
            elif not _furniture(child):
                before = groups[-1][1][-1].text if groups and groups[-1][1] else ""
                # '<span class="mr10">…coup.</span><span>Credit: …</span>': the page's style
                # sets the two apart; they are not one word "coup.Credit:".
                if before and (_glued(before, child) or (isinstance(previous, _Node) and
                                                         _styled(previous) and _glued(before, child, True))):
                    add(kind, Piece(" ", child.at, False))
                # In a caption, the element its class names the author is the picture's credit.
                visit(child, Kind.CREDIT if _is_credit(child) or _is_byline(child) else kind)
                # "…in December 2010. <i class='fa fa-camera'></i>Jane Doe / AP": what
                # follows a camera icon is the picture's credit.
                if _camera_icon(child):
                    kind = Kind.CREDIT
            previous = child

    visit(node, first)
    return groups


def _camera_icon(node: _Node) -> bool:
    return not node.children and any("camera" in c for c in _tokens(node, "class"))


def _has_caption(img: _Node, boxes: dict[int, bool]) -> bool:
    """The picture has a caption of its own, whose words its alt text would only repeat: a
    <figcaption> in its <figure>, or an element named as its caption inside its box
    ("<div><img alt='…'><div class='caption'>…</div></div>"). `boxes` keeps each box's answer,
    so that a gallery's box is looked through once, not once per picture."""
    figure = img.parent
    while figure is not None and figure.tag != "figure":
        figure = figure.parent
    if figure is not None and any(n.tag == "figcaption" for n in _elements(figure)):
        return True
    box = img.parent
    while box is not None and box.tag in _INLINE_MARKUP | {"picture"}:
        box = box.parent
    if box is None or box.tag == "body":
        return False
    if id(box) not in boxes:
        boxes[id(box)] = any(_named_caption(n) is Kind.CAPTION for n in _elements(box))
    return boxes[id(box)]


def _alt(img: _Node) -> Piece:
    """The alt text, placed at its attribute value in the start tag as written."""
    alt = img.attrs.get("alt", "")
    tag_name = getattr(html.parser, "tagfind_tolerant", None)
    attribute = getattr(html.parser, "attrfind_tolerant", None)
    if tag_name is None or attribute is None or not img.raw:  # private names of html.parser
        return Piece(alt, img.at, False)
    m = tag_name.match(img.raw, 1)
    k = m.end() if m else len(img.raw)
    while k < len(img.raw) and (m := attribute.match(img.raw, k)) and m.end() > k:
        if m.group(1).lower() == "alt" and m.group(3):
            start, raw = m.start(3), m.group(3)
            if raw[:1] in "'\"" and raw[-1:] == raw[:1] and len(raw) > 1:
                start, raw = start + 1, raw[1:-1]
            return Piece(alt, img.at + start, raw == alt)
        k = m.end()
    return Piece(alt, img.at, False)


def _story_part(pieces: list[Piece], site_names: frozenset[str] = frozenset(),
                headings: frozenset[str] = frozenset()) -> list[Piece]:
    """A <title> read as the headline, less the site's and section's names set apart from it
    ("Gamasutra - Features - The Media Molecule Identity"): the one part the page also sets as
    a heading ("Quill 0.4 released | Notes by Jane Roe" over "<h2>Quill 0.4 released</h2>");
    else its one longest part, when one is plainly longest; else all of it ("Simulators —
    LessWrong" names no longer part). A part the page declares as its site's name
    (`site_names`) is never the story's, however long ("Twitter API and Me « Find Time for the
    Karussell")."""
    text = "".join(p.text for p in pieces)
    cuts = [0]
    for m in _TITLE_PARTS.finditer(text):
        cuts += [m.start(), m.end()]
    cuts.append(len(text))
    parts = [(len(text[a:b].split()), a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    if len(parts) < 2:
        return pieces
    # (the site's own name weighs nothing)
    parts = [(0 if _folded(text[a:b]) in site_names else n, a, b) for n, a, b in parts]
    headed = [(n, a, b) for n, a, b in parts if n >= 2 and _folded(text[a:b]) in headings]
    ranked = sorted(parts, reverse=True)
    (most, start, end), (runner_up, _, _) = ranked[0], ranked[1]
    if len(headed) == 1:
        _, start, end = headed[0]
    elif most < 2 or most == runner_up:
        return pieces
    out, at = [], 0
    for piece in pieces:
        if start <= at and at + len(piece.text) <= end:
            out.append(piece)
        at += len(piece.text)
    return out


# Boxes whose bare text a page may set as paragraphs by its style sheet, and the blank line
# between two of them (text on both sides).
_BARE_TEXT_BOXES = frozenset("div article section main body td pre".split())
_BLANK_LINE = re.compile(r"(?<=\S)[^\S\n]*\n[^\S\n]*\n\s*(?=\S)")

_SITE_NAME_WORDS = 4


def _site_meta(n: _Node) -> bool:
    """A <meta> naming the site: og:site_name or application-name."""
    return n.tag == "meta" and (n.attrs.get("property") or n.attrs.get("name") or "").strip().lower() in \
        ("og:site_name", "application-name")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


# A feed's title is the site's name and a word for the feed: "Daily Planet » Feed".
_FEED_TITLE = re.compile(r"\s*(?:[»|:-]\s*)?(?:(?:rss|atom|comments)\s+)*feed\s*$", re.IGNORECASE)


def _declared_site_names(root: _Node) -> frozenset[str]:
    """The names a page's head gives its site, folded: og:site_name and application-name, the
    title of its link to the home page (rel="index" or "home"), and of its main feed less the
    word "Feed" ("Find Time for the Karussell » Feed")."""
    names = set()
    for n in itertools.islice(_elements(root), _HEAD_ELEMENTS):
        if _site_meta(n):
            names.add(n.attrs.get("content", ""))
        elif n.tag == "link":
            rel = n.attrs.get("rel", "").lower().split()
            if "index" in rel or "home" in rel:
                names.add(n.attrs.get("title", ""))
            elif "alternate" in rel and "feed" in n.attrs.get("title", "")[:_MAX_FEED_TITLE].lower():
                title = n.attrs.get("title", "")[:_MAX_FEED_TITLE]
                bare = _FEED_TITLE.sub("", title)
                if bare != title:
                    names.add(bare)
        elif n.tag == "body":
            break
    return frozenset(f for f in map(_folded, names) if f)


def _heading_texts(root: _Node) -> frozenset[str]:
    """The texts of the page's top headings (<h1> to <h3>), folded: looked for among its first
    elements only, each heading's text while it is short."""
    return frozenset(_folded(_short_text(n, _MAX_HEADING_CHARS)) for n in itertools.islice(
        _elements(root), _HEADING_ELEMENTS) if n.tag in ("h1", "h2", "h3"))


_HEADING_ELEMENTS, _MAX_HEADING_CHARS = 5000, 300


# The head's elements are looked through this far for the site's names, and a feed's title
# this far (a site's name is short; a title of a million spaces costs nothing).
_HEAD_ELEMENTS = 400
_MAX_FEED_TITLE = 200


def _site_name(root: _Node) -> str:
    """The publisher's name as the page gives it (og:site_name, application-name), else the
    short end of its <title> ("BBC News - Gay Muslims made homeless…": "BBC News"), when
    one end is plainly shorter than the other."""
    title = None
    for n in _elements(root):
        if _site_meta(n):
            return n.attrs.get("content", "").strip()
        if n.tag == "title" and title is None:
            title = _plain(n).strip()
    parts = [p for p in _TITLE_PARTS.split(title or "") if p.strip()]
    if len(parts) < 2:
        return ""
    first, last = (len(parts[0].split()), parts[0]), (len(parts[-1].split()), parts[-1])
    short, long = min(first, last), max(first, last)
    return short[1].strip() if short[0] <= _SITE_NAME_WORDS and short[0] < long[0] else ""


def _link_words(root: _Node) -> frozenset[str]:
    """The links whose whole text is one word ("<a href='http://talkto.com/'>TalkTo</a>"):
    the publisher marked the word as one thing, a name, whatever its capitals."""
    words: set[str] = set()
    for n in _elements(root):
        if n.tag == "a" and _links_to_page(n):
            word = _short_text(n, _MAX_LINK_WORD).strip()
            if 3 < len(word) <= _MAX_LINK_WORD and not any(c.isspace() for c in word):
                words.add(word)
                if len(words) >= _MAX_LINK_WORDS:
                    break
    return frozenset(words)


def _short_text(node: _Node, limit: int) -> str:
    """The element's text in document order while it is short: past `limit` characters, or
    past a few elements (a link wrapped around a whole box), the walk stops, and what it
    returns then is longer than any single word or cut short."""
    out: list[str] = []
    size = seen = 0
    stack = [iter(node.children)]
    while stack and size <= limit and seen <= _SHORT_TEXT_ELEMENTS:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, _Text):
            out.append(child.text)
            size += len(child.text)
        else:
            seen += 1
            stack.append(iter(child.children))
    return "".join(out) if seen <= _SHORT_TEXT_ELEMENTS else " "


_MAX_LINK_WORD, _MAX_LINK_WORDS = 40, 2000
# A short text is looked for through this many elements at most (a link wrapped around a box).
_SHORT_TEXT_ELEMENTS = 8


def _page_titles(root: _Node) -> list[str]:
    """The page's titles besides its headline, distinct: one may be the story's plain
    headline where the page prints a pun ("Fork The Government" over "Audrey Tang brings
    civic tech to…")."""
    found = (" ".join(t.split()) for _, t in page_titles(root))
    return list(dict.fromkeys(t for t in found if t))[:_MAX_TITLES]


_MAX_TITLES = 4


def _date(root: _Node, container: _Node) -> str | None:
    """The published date as ISO text, from <meta> or the article's first <time datetime>."""
    candidates = []
    for n in _elements(root):
        if n.tag == "meta":
            key = (n.attrs.get("property") or n.attrs.get("name") or n.attrs.get("itemprop") or "")
            if key.strip().lower() in _DATE_META:
                candidates.append(n.attrs.get("content", ""))
        elif "datepublished" in _tokens(n, "itemprop"):
            candidates.append(n.attrs.get("datetime") or n.attrs.get("content") or "")
    candidates += [n.attrs.get("datetime", "") for n in _elements(container) if n.tag == "time"]
    for value in candidates:
        value = value.strip()
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
        return value
    return None
