"""Where the story is on a page, and what around it is the page's own.

Without trafilatura's say (a fragment, a CMS export), the story is the article element (the
one with the most text when there are several; else <main>, else <body>, else the whole
fragment), and its headline its first <h1> (else the page's first <h1>, else the story's part
of its <title>);
<article>s nested inside it (related-story cards) and a <header> that does not hold the
headline are skipped. On a whole page, the page is read whole and trafilatura only says
which blocks are the story (`_Main`); the headline is the <h1> that matches the page's
title (the story's own, not a sticky bar's copy); when trafilatura's reading passes over
three paragraphs of prose under that headline, its reading that favours recall is taken if
it keeps them (`second_reading`: a blog's rail of testimonials is no story).
`mark_furniture` then makes every block outside the story page furniture, keeping the
story's own captions, credits, bylines, code and dates; marks the story's standfirst under
its headline (a class naming it "standfirst", "dek", "summary"..., the article's schema.org
description, a sentence-long heading right after the headline) as body text with the note
"standfirst"; and marks as furniture what trafilatura keeps but the markup shows to be the
page's tools and teasers (`_page_tools`): a box with a form, rel=next/prev links, teaser
headings (and headings inside a link to another page), link lists and lines of links after
the story; rel=tag lines and boxes named as tags or categories are noted "tags".
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter

from checker.model import CODE, STANDFIRST, Kind
from checker.read.derived import Builder
from checker.read.html.kinds import (
    _BLOCK,
    _BY_NAME,
    _FURNITURE_WORD,
    _HIDING_CLASSES,
    _MAX_BYLINE_WORDS,
    _NAME_PARTS,
    _NOT_TEXT,
    ALT_TEXT,
    EMBED,
    FURNITURE,
    TAGS,
    TIMESTAMP,
    _class_and_id,
    _furniture,
    _furniture_class,
    _in_furniture,
    _is_byline,
    _links_away,
    _links_to_page,
    _pieces,
    _plain,
    _pull_quote,
    _tag_box,
    _text_size,
)
from checker.read.html.tree import _HEADINGS, _ancestors, _elements, _inside, _Node, _Text, _tokens

# A standfirst (dek, deck, summary) is told by a part of a class name; one set as a heading
# after the headline by its length: a subtitle is a clause at least ("Pols jet past junket
# pinch"), a section's label a word or three ("Share this story").
# Not "intro" nor "description": a box's introduction, an author's description.
_STANDFIRST_PARTS = frozenset("""standfirst dek deck subtitle subheadline strapline summary
    excerpt lede""".split())
# "description" is one when it names the story's own ("article-description", "post-desc").
_STORY_PARTS = frozenset("article story post entry".split())
_MIN_DEK_WORDS = 4
# The same words run into a compound class name: "articleSubTitle", "postsubheadline".
_STANDFIRST_COMPOUNDS = ("subtitle", "subheadline", "standfirst", "strapline")
# Text after a box in its block is a paragraph when a sentence long, not a label
# ("Advertisement", "Read more").
_MIN_TAIL_WORDS = 8
_WORD = re.compile(r"\w+")
PAGE_CHARS = 1000
SHORT_PAGE_CHARS = 400
# A box with a form in it is a page tool (share by e-mail, add to blog, comment) unless it
# holds a paragraph of the story (of this many words at least), or its lead (an ASP.NET
# page's <form> around everything).
_PROSE_WORDS = 15
# A block after the story with this share of its words in links is a list of links.
_LINK_SHARE = 0.9
# A teaser card's link wraps its title a few elements up, not the page's whole column.
_TEASER_LINK_DEPTH = 4
# A teaser's meta line, its date and count of comments ("May 03, 2010 601 comments", "12
# replies"): a line of a rail, never the story's last paragraph.
_COUNT_LINE = re.compile(r"(?i)(?:[\w.,:/ -]{0,40}\s)?\d[\d,.]*k?\s*(?:comments?|replies|responses|shares|views)")


class _Main:
    """The page's article as trafilatura reads it: which of the page's blocks are the story.

    trafilatura finds a page's main text far more reliably than any one container rule
    (R1 body F1 0.947 against 0.849 for the largest <article>), but its text is its own:
    normalised, with no way back to the file. So the page is still read here, every block
    with its offsets, and trafilatura only says which blocks are the story. A block is the
    story when it is a whole paragraph of trafilatura's text, when every run of four of its
    words is in that text, when nearly all its words belong to one of its paragraphs, or
    (a block over several of them) when most of its runs of four words are the story's.
    Each test looks up the block's own words and runs, so a page of any length is read in
    time linear in its words.
    """

    MIN_RUN_WORDS = 4
    MIN_SHARE = 0.8
    SHINGLE = 4          # words per shingle
    MIN_SHINGLE_SHARE = 0.6
    CANDIDATES = 3       # paragraphs a block is compared with word by word

    def __init__(self, paragraphs: list[list[str]]) -> None:
        self.paragraphs = [p for p in paragraphs if p]
        self.whole = {" ".join(p) for p in self.paragraphs}
        self.counts = [Counter(p) for p in self.paragraphs]
        # each run of four words -> the paragraph it starts in (runs may cross into the next)
        every = [(w, n) for n, p in enumerate(self.paragraphs) for w in p]
        words = [w for w, _ in every]
        self.shingles: dict[tuple[str, ...], int] = {}
        for i, g in enumerate(_shingles(words, self.SHINGLE)):
            self.shingles.setdefault(g, every[i][1])

    @classmethod
    def of(cls, text: str, recall: bool = False) -> "_Main | None":
        try:
            import trafilatura
        except ImportError:  # an install without it reads pages by their containers alone
            return None
        try:
            extracted = trafilatura.extract(text, include_comments=False, include_tables=True,
                                            include_images=False, deduplicate=False, favor_recall=recall)
        except Exception:  # a page trafilatura cannot parse is read by its containers
            return None
        paragraphs = [_words(line) for line in (extracted or "").splitlines()]
        main = cls(paragraphs)
        return main if main.paragraphs else None

    def holds(self, text: str) -> bool:
        words = _words(text)
        if not words:
            return False
        if " ".join(words) in self.whole:
            return True
        if len(words) < self.MIN_RUN_WORDS:
            return False
        runs = _shingles(words, self.SHINGLE)
        found = [self.shingles[g] for g in runs if g in self.shingles]
        if len(found) == len(runs):  # its words run on in the story's text
            return True
        mine = Counter(words)
        need = self.MIN_SHARE * len(words)
        for n, _ in Counter(found).most_common(self.CANDIDATES):
            if sum((mine & self.counts[n]).values()) >= need:
                return True
        # A block that runs over several of trafilatura's paragraphs (a <div> of text broken
        # by <br>s, a subhead glued to the next line) is the story when most of its runs of
        # four words are the story's.
        return len(runs) >= 8 and len(found) >= self.MIN_SHINGLE_SHARE * len(runs)


_QUOTE_SHINGLE = 3


def _repeated_pull_quotes(keep: set[int], nodes: list[_Node], spans: list, text: str, root: _Node) -> set[int]:
    """The story's pull quotes that repeat its text in large type, the page's design: most of
    their runs of words are the story's own. A pull quote printed nowhere else in the story
    (a Medium post's highlighted sentence) is the author's text, set large."""
    quotes = {i for i in keep if _pull_quote(nodes[i], root)}
    if not quotes:
        return set()
    story = {g for i in keep - quotes for g in _shingles(_words(text[spans[i][0]:spans[i][1]]), _QUOTE_SHINGLE)}
    out = set()
    for i in quotes:
        runs = _shingles(_words(text[spans[i][0]:spans[i][1]]), _QUOTE_SHINGLE)
        if not runs or 2 * sum(g in story for g in runs) >= len(runs):
            out.add(i)
    return out


def _shingles(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _named_furniture(node: _Node, root: _Node, around_lead: set[int]) -> bool:
    """Inside a container under `root` (the element holding the story) that the page's class
    or id names as furniture and that does not hold the story's lead paragraph (`around_lead`:
    the ids of the lead's element and its ancestors): a class name says what a box is for,
    but a layout box may be named oddly and hold the story itself."""
    while node is not None and node is not root:
        if id(node) not in around_lead and _furniture_class(node):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


_MENU_PARTS = frozenset("menu nav navigation navbar megamenu".split())


def _in_menu(node: _Node, around_headline: set[int]) -> bool:
    """Inside a box the page names its menu or navigation ("<ul id='menu'>") that does not
    hold the headline (`around_headline`: the ids of the headline's element and its
    ancestors), whose teasers' bylines are not the story's (an author's box is)."""
    while node is not None and id(node) not in around_headline:
        if any(not _MENU_PARTS.isdisjoint(re.split(r"[-_]+", name)) for name in _class_and_id(node)):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _story_root(weighted: list[tuple[_Node, int]]) -> _Node:
    """The deepest element holding at least 80% of the story's words, given the element that
    holds each of its paragraphs: the story's container, as trafilatura's paragraphs place
    it (a stray match elsewhere on the page cannot widen it to the whole page)."""
    total = sum(w for _, w in weighted) or 1
    weight: Counter = Counter()
    depth: dict[int, tuple[int, _Node]] = {}
    for node, words in weighted:
        chain = _ancestors(node)
        for d, anc in enumerate(reversed(chain)):
            weight[id(anc)] += words
            depth[id(anc)] = (d, anc)
    best = max((v for k, v in depth.items() if weight[k] >= 0.8 * total), key=lambda v: v[0])
    return best[1]


def _in_card(node: _Node, root: _Node, story: int | None) -> bool:
    for anc in _ancestors(node):
        if anc is root:
            return False
        if anc.tag == "article":
            return id(anc) != story
    return False


def _header(root: _Node, headline: _Node | None) -> _Node:
    """Where what stands above the story's first paragraph (its lead picture) may sit: the
    <article> that holds the story's container (else the container), widened to the element
    that holds the headline too when the headline stands outside it (a CMS's node with its
    title, picture and body fields), unless that is the whole page."""
    base = next((a for a in _ancestors(root) if a.tag == "article"), root)
    if headline is None or _inside(headline, base):
        return base
    around = {id(a) for a in _ancestors(headline)}
    common = next(a for a in _ancestors(base) if id(a) in around)
    return base if common.tag in ("body", "html", "#root") else common


def _lead_box(header: _Node) -> _Node | None:
    """The box just before the story's <article> that holds a picture: its lead picture,
    set above the article across the page's width ("<section class='lede'><img>…<h5
    class='caption'>…</h5></section><article>…"), not a box the page names as furniture."""
    parent = header.parent
    if header.tag != "article" or parent is None:
        return None
    before = None
    for child in itertools.islice(parent.children, _MAX_LINK_WALK):
        if child is header:
            break
        if isinstance(child, _Node):
            before = child
    else:
        return None
    if before is None or _furniture(before) or _furniture_class(before):
        return None
    under = list(itertools.islice(_elements(before), _MAX_LINK_WALK + 1))
    return before if len(under) <= _MAX_LINK_WALK and any(n.tag in ("img", "picture") for n in under) else None


def _standfirst(node: _Node, headline: _Node | None, next_to_headline: bool, story: set[int]) -> bool:
    """The story's summary under its headline: an element (or one around it, below `story`:
    the ids of the element that holds the story's paragraphs and its ancestors, whose names
    say nothing of one paragraph, "<div class='summary'>" around a whole story) whose class
    names it so ("standfirst", "dek", "field-name-field-deck", "article__summary"),
    the description of the page's article in schema.org microdata, a subtitle in the
    headline's <hgroup>, or a heading of a sentence's length set right after the headline
    beside it ("<h1>…</h1><h2>The Web star has found fame by…</h2>")."""
    if headline is not None and next_to_headline:
        group = next((a for a in _ancestors(headline) if a.tag == "hgroup"), None)
        if group is not None and _inside(node, group):
            return True
        if node.tag in _HEADINGS and node.parent is headline.parent and \
                len(_plain(node).split()) >= _MIN_DEK_WORDS and not _BY_NAME.match(_plain(node).strip()):
            return True
    for anc in _ancestors(node):
        if id(anc) in story:
            break
        if any((not _STANDFIRST_PARTS.isdisjoint(parts := set(_NAME_PARTS.split(name))) or
                {"description", "desc"} & parts and _STORY_PARTS & parts or
                any(w in name for w in _STANDFIRST_COMPOUNDS)) and not _FURNITURE_WORD.search(name)
               for name in _tokens(anc, "class")):
            return True
        # (Blogger names its post's body both: itemprop="description articleBody")
        props = _tokens(anc, "itemprop")
        if "description" in props and "articlebody" not in props and anc.tag not in ("figure", "figcaption"):
            scope_of = next((a for a in _ancestors(anc) if "itemscope" in a.attrs), None)
            kind = scope_of.attrs.get("itemtype", "").lower() if scope_of is not None else ""
            if "article" in kind or "posting" in kind:
                return True
    return False


def _own_figure(node: _Node, root: _Node, scope: _Node) -> bool:
    """Inside the story's container (or `scope` around it: the story's header, for what
    stands above its first paragraph) with no furniture, link away or other story's <article>
    between. Teasers of other stories inside that <article> come after the story, so they are
    not taken for its figures."""
    for anc in _ancestors(node):
        if anc is root or anc is scope:
            return True
        # (the <article> around the story's container is the story's, not another's card)
        if _furniture(anc) or (anc.tag == "article" and not _inside(root, anc)) or _links_away(anc):
            return False
    return False


def _is_page(root: _Node) -> bool:
    """A whole page, with chrome to tell from the story, rather than an article's own markup
    (a CMS export, a fragment): it has a <body> and more text than a short story, or, for a
    short post, a titled <head> and chrome (navigation, a footer, a sidebar) around its text.
    A fragment is read by its containers."""
    body = _body_element(root)
    if body is None:
        return False
    size = _text_size(body)
    if size >= PAGE_CHARS:
        return True
    # A short post is a page too when it is laid out as one: a <title> in a <head> and the
    # chrome around the story (navigation, a footer, a sidebar).
    head = next((n for n in _elements(root) if n.tag == "head"), None)
    titled = head is not None and any(n.tag == "title" for n in _elements(head))
    return titled and size >= SHORT_PAGE_CHARS and any(
        (_furniture(n) or _furniture_class(n)) and n.tag not in _NOT_TEXT for n in _elements(body))


def _body_element(root: _Node) -> _Node | None:
    """The page's <body>, or None for a fragment without one."""
    return next((n for n in _elements(root) if n.tag == "body"), None)


def _body(root: _Node) -> _Node:
    """The whole page's body: with trafilatura to say what the story is, nothing is dropped."""
    body = _body_element(root)
    return body if body is not None else root


def _container(root: _Node) -> _Node:
    articles = [n for n in _elements(root) if n.tag == "article" and not _in_furniture(n)]
    if articles:
        return max(articles, key=_text_size)  # the first of the largest: an outer article
    for tag in ("main", "body"):
        found = next((n for n in _elements(root) if n.tag == tag), None)
        if found is not None:
            return found
    return root


def _headline(root: _Node, container: _Node | None) -> _Node | None:
    """The first <h1> of the container, else of the page, that is not furniture or another
    story's card. With no container (a page read whole), of the page's <h1>s outside its
    furniture the one that shares most words with the page's title (og:title, else <title>),
    so that a sign-in dialog's "Log In" is not taken for the story's headline."""
    if container is None:
        page_title = _page_title(root)
        title = _title_words(page_title)
        headings: dict[str, list[tuple[_Node, set[str]]]] = {}
        for n in _elements(root):
            if n.tag in ("h1", "h2", "h3", "h4") and not _hidden(n, None) and \
                    any(p.text.strip() for p in _pieces(n)):
                headings.setdefault(n.tag, []).append((n, _title_words(_plain(n))))
        h1s = [(n, words, _links_home(n)) for n, words in headings.get("h1", [])]
        # The one <h1> the page's markup names its headline ("<h1 class='entry-title'
        # itemprop='headline'>") is, whatever the <title> the page gives for sharing says.
        named = [n for n, _, home in h1s if not home and _names_headline(n) and not _sites_own(n)]
        if len(named) == 1:
            return named[0]
        # Of two copies of the title, the story's own, not a sticky bar's that rolls down
        # over the page as it scrolls ("<header class='roll-up' id='article_rollup'><h1>").
        best = max(((n, words) for n, words, home in h1s if not home),
                   key=lambda h: (len(title & h[1]), not _in_sticky_bar(h[0])), default=None)
        # An <h1> the page names its dek under a heading it names its headline ("<h2
        # class='sl-art-head-hed'>…</h2><h1 class='sl-art-head-dek'>An interview with…</h1>").
        if best is not None and _named_parts(best[0]) & _STANDFIRST_PARTS:
            hed = [n for tag in ("h2", "h3", "h4") for n, _ in headings.get(tag, [])
                   if _named_parts(n) & _HED_PARTS]
            if hed:
                return hed[0]
        # A blog's name set as the <h1> of the site's header ("<div class='Header'><h1>Serge's
        # Blog</h1>") under a <title> of the blog's name and the post's ("Serge's Game Blog -
        # Image Overload"): the post's title is the copy of the other part in the page.
        if best is not None and (post := _post_title_under_site_heading(root, best[0], best[1], page_title)):
            return post
        # The site's logo set as an <h1> ("Engadget") shares nothing with the story's title,
        # or only the site's name: the headline is then the <h2>-<h4> that carries the title,
        # or that is its longest part but for the site's name ("The Film Gang » Blog Archive
        # » Stand Up Guys", "How to Save Money on Groceries - Your Money Today - MSN
        # Lifestyle"): a heading wholly linking home names the site.
        if title and (best is None or len(title & best[1]) * 2 < len(title)):
            home = {frozenset(words) for _, words, is_home in h1s if is_home}
            parts = [_title_words(part) for part in _TITLE_PARTS.split(page_title)]
            parts = [part for part in parts if part and frozenset(part) not in home] if len(parts) > 1 else []
            longest = max((len(part) for part in parts), default=0)
            parts = [part for part in parts if len(part) == longest]
            for tag in ("h2", "h3", "h4"):
                matching = [(n, words) for n, words in headings.get(tag, [])
                            if len(title & words) * 2 >= len(title) or words in parts]
                if matching:
                    return max(matching, key=lambda h: len(title & h[1]))[0]
        # An <h1> sharing no word with the title (a hidden search panel's "No matches for
        # your search") gives way to a box the markup names the story's title.
        if best is not None and title and not title & best[1]:
            return _title_box(root, title, None) or _title_copy(root, page_title) or best[0]
        return best[0] if best is not None else _title_box(root, title, None) or _body_title(root, None)
    for scope in (container, root):
        for n in _elements(scope):
            if n.tag == "h1" and not _hidden(n, container) and \
                    any(p.text.strip() for p in _pieces(n)):
                return n
    return _title_box(root, _title_words(_page_title(root)), container) or _body_title(root, container)


def _post_title_under_site_heading(root: _Node, heading: _Node, words: set[str], page_title: str) -> _Node | None:
    """The post's title when `heading` (with its title `words`) is the site's name in the
    page's header box: the page's title has a part holding all the heading's words and another
    of two words or more holding none of them, and the body prints that other part, outside a
    link and the header, as an element's own text."""
    header = next((a for a in _ancestors(heading)
                   if a.tag == "header" or any(_SITE_HEADER.search(n) for n in _class_and_id(a))), None)
    if not words or header is None:
        return None
    parts = [_title_words(part) for part in _TITLE_PARTS.split(page_title)]
    if not any(words <= part for part in parts):
        return None
    others = [part for part in parts if len(part) >= 2 and not part & words]
    body = _body_element(root)
    if not others or body is None:
        return None
    for n in _elements(body):
        own = " ".join(c.text for c in n.children if isinstance(c, _Text))
        if n.tag not in _NOT_TEXT and own.strip() and _title_words(own) in others and not _hidden(n, None) \
                and not _inside(n, header) and not any(a.tag == "a" for a in _ancestors(n)) and not _in_furniture(n):
            return n
    return None


_SITE_HEADER = re.compile(r"^(?:site[-_]?)?(?:header|masthead|branding|banner)$", re.IGNORECASE)


def _sites_own(heading: _Node) -> bool:
    """A heading that names the site, not the story, whatever its markup says: one in the
    schema.org header of the site ("<header itemtype='…/WPHeader'><h1 class='hide'
    itemprop='headline'>worldatlas.com</h1>"), or one a class hides."""
    if not _HIDING_CLASSES.isdisjoint(_tokens(heading, "class")):
        return True
    return any(a.attrs.get("itemtype", "").rstrip("/").lower().endswith("/wpheader") for a in _ancestors(heading))


def _body_title(root: _Node, container: _Node | None) -> _Node | None:
    """With no heading for the story, a <title> inside the page's <body>: the story's
    template printing its own head where the site's put the site's ("<title>News from India
    on Technology…</title>" in the head, "<title>Cisco Launches…</title>" above the story)."""
    body = _body_element(root)
    if body is None:
        return None
    return next((n for n in _elements(body) if n.tag == "title" and _plain(n).strip()
                 and not _hidden(n, container)), None)


def _title_box(root: _Node, title: set[str], container: _Node | None) -> _Node | None:
    """With no <h1> at all, an element the markup names the story's title that carries the
    page's title ("<div class='storyTitle'>" on Scripting News), not a teaser's."""
    if not title:
        return None
    def carries(n: _Node) -> bool:
        return len(title & _title_words(_plain(n))) * 2 >= len(title)

    for n in _elements(root):
        if any(_HEADLINE_NAME.search(c) for c in (*_tokens(n, "class"), *_tokens(n, "id"))) and \
                not _hidden(n, container) and carries(n):
            # the innermost block that still carries the title: the box may hold the byline
            # too ("<div class='article_title'><dl><dt>Headline</dt><dd>By Jane Roe</dd></dl>")
            inner = n
            for _ in range(_TITLE_BOX_DEPTH):
                if inner is None:
                    break
                n, inner = inner, next((c for c in inner.children if isinstance(c, _Node) and c.tag in _BLOCK
                                        and carries(c)), None)
            return n
    return None


def _title_copy(root: _Node, page_title: str) -> _Node | None:
    """The first element of the page's body whose own text is the page's title, or a part of
    it, word for word ("<div class='title'>Otherworldy Images of a Glass Recycling
    Factory</div>" under "Otherworldy Images of a Glass Recycling Factory - Cool Hunting")."""
    titles = [words for words in map(_title_words, [page_title, *_TITLE_PARTS.split(page_title)])
              if len(words) >= _TITLE_COPY_WORDS]
    body = _body_element(root)
    if not titles or body is None:
        return None
    for n in _elements(body):
        # (its own text only: each element's text is read once, however deep the page)
        own = " ".join(c.text for c in n.children if isinstance(c, _Text))
        if n.tag not in _NOT_TEXT and own.strip() and _title_words(own) in titles and not _hidden(n, None):
            return n
    return None


_TITLE_COPY_WORDS = 3
_TITLE_BOX_DEPTH = 8  # a box's own layout is shallow; each level reads its text again
_HED_PARTS = frozenset("hed headline title".split())


def _named_parts(node: _Node) -> set[str]:
    """The parts of an element's class names ("sl-art-head-dek": sl, art, head, dek)."""
    return {part for c in _tokens(node, "class") for part in re.split(r"[-_]+", c)}


# ("nfHeadline", "mainHeadline": a short prefix before "headline"; not a "subheadline", nor a
# teaser card's)
_HEADLINE_NAME = re.compile(r"(?:^|[-_])(?:entry|article|post|story)[-_]?(?:title|headline)$"
                            r"|^(?!sub|card)[a-z]{0,4}[-_]?headline$",
                            re.IGNORECASE)
_HEADER_NAME = re.compile(r"^(?:entry|article|post|story)[-_]?header$")


def _names_headline(node: _Node) -> bool:
    """An <h1> the markup names the story's headline, or the one its article's header holds
    ("<header class='article-header'><h1>")."""
    return "headline" in _tokens(node, "itemprop") or \
        any(_HEADLINE_NAME.search(c) for c in _tokens(node, "class")) or \
        (node.parent is not None and any(_HEADER_NAME.match(c) for c in _tokens(node.parent, "class")))


# A bar the page pins to the window's top as it scrolls, as its class or id names it.
_STICKY_NAME = re.compile(r"(?:^|[-_])(?:sticky|roll-?up|affix|pinned)(?:$|[-_])")


def _in_sticky_bar(node: _Node) -> bool:
    return any(_STICKY_NAME.search(name) for a in _ancestors(node)
               for name in _class_and_id(a))


def _links_home(heading: _Node) -> bool:
    """A heading that is wholly a link to a site's or a blog's front page ("<h1><a
    href='http://blogs.example.org/filmgang/'>The Film Gang</a></h1>"): the site's name set
    as a heading, not the story's headline, which links to itself if anywhere."""
    links = [n for n in _elements(heading) if n.tag == "a" and n.attrs.get("href")]
    if len(links) != 1 or _plain(links[0]).strip() != _plain(heading).strip():
        return False
    path = re.sub(r"^[a-z]+://[^/]*", "", links[0].attrs["href"].split("?")[0].split("#")[0])
    return len([part for part in path.split("/") if part]) <= 1


def _title_words(text: str) -> set[str]:
    """The words of a title that can tell one title from another (not "the", "s", "about")."""
    return {w for w in _words(text) if len(w) > 2 and w not in _TITLE_STOPWORDS}


_TITLE_PARTS = re.compile(r"\s+[-–—|»«:]+\s+|\s*[|»«]\s*")
_TITLE_STOPWORDS = frozenset("the and for with from about into over after this that".split())


def page_titles(root: _Node) -> list[tuple[bool, str]]:
    """The titles a page gives itself for search engines and social cards, in the page's
    order: (True, an og:title's or twitter:title's content) and (False, a <title>'s text)."""
    found = []
    for n in _elements(root):
        if n.tag == "meta" and (n.attrs.get("property") or n.attrs.get("name") or "").strip().lower() in \
                ("og:title", "twitter:title"):
            found.append((True, n.attrs.get("content", "")))
        elif n.tag == "title":
            found.append((False, _plain(n)))
    return found


def _descriptions(root: _Node) -> dict[tuple[str, ...], int]:
    """The descriptions a page gives of itself for search engines and social cards (its
    standfirst, or its lead's opening, on many pages): {each run of words long enough to
    tell a paragraph by: the description's length in words from there}."""
    found: dict[tuple[str, ...], int] = {}
    for n in _elements(root):
        if n.tag == "meta" and (n.attrs.get("property") or n.attrs.get("name") or "").strip().lower() in \
                ("og:description", "twitter:description", "description"):
            # (from any word: a description may open on a dateline, or a repost's headline
            # and byline, before the lead: "… Overseas VLADIMIR PLATOV The history of …")
            words = _words(n.attrs.get("content", ""))[:_MAX_DESCRIPTION_WORDS]
            for at in range(len(words) - _DESCRIPTION_WORDS + 1):
                opening = tuple(words[at:at + _DESCRIPTION_WORDS])
                found[opening] = max(found.get(opening, 0), len(words) - at)
        elif n.tag == "body":
            break
    return found


# (descriptions are cut short, often mid-word: the opening is compared, not the whole)
_DESCRIPTION_WORDS = 10
_MAX_DESCRIPTION_WORDS = 300  # a description is a sentence or two; past this, a page's data


def _page_title(root: _Node) -> str:
    """The page's social card title, else its <title>."""
    titles = page_titles(root)
    return next((t for meta, t in titles if meta), next((t for meta, t in titles if not meta), ""))


def _hidden(node: _Node, container: _Node | None) -> bool:
    """Inside furniture or inside another story's <article>."""
    while node is not None:
        if _furniture(node) or (container is not None and node.tag == "article" and node is not container):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


# A block holding more elements than this is no line or list of links (tag soup nests every
# later block inside an unclosed one: measuring each would be quadratic).
_MAX_LINK_WALK = 300


def _link_share(node: _Node) -> float:
    """The share of an element's words that are the text of links to other pages."""
    linked = total = seen = 0

    def visit(n: _Node, in_link: bool) -> None:
        nonlocal linked, total, seen
        seen += 1
        if seen > _MAX_LINK_WALK:
            return
        in_link = in_link or _links_to_page(n)
        for child in n.children:
            if seen > _MAX_LINK_WALK:
                return
            if isinstance(child, _Text):
                words = len(child.text.split())
                total += words
                linked += words if in_link else 0
            elif not _furniture(child):
                visit(child, in_link)

    visit(node, False)
    return 0.0 if seen > _MAX_LINK_WALK or not total else linked / total


_REL_LINES = {FURNITURE: frozenset({"next", "prev", "previous"}), TAGS: frozenset({"tag"})}


def _rel_line(node: _Node) -> str | None:
    """The note of a line of links of one relation (next and previous stories: furniture;
    tags), with a few words of label around them ("Next Story:", "Tags:"), not a sentence that
    holds one; None for any other block. The block's elements are walked once for both."""
    under = list(itertools.islice(_elements(node), _MAX_LINK_WALK + 1))
    if len(under) > _MAX_LINK_WALK:
        return None
    anchors = [(n, frozenset(_tokens(n, "rel"))) for n in [node, *under] if n.tag == "a"]
    words = None
    for note, rels in _REL_LINES.items():
        links = [a for a, own in anchors if not rels.isdisjoint(own)]
        if not links:
            continue
        words = len(_plain(node).split()) if words is None else words
        if words - sum(len(_plain(a).split()) for a in links) <= 4 * len(links):
            return note
    return None


def _teaser_heading(node: _Node, after_story: bool) -> bool:
    """A heading that is a teaser's title: one that wraps a single link inside a list item
    ("<li><p><h3><span>Video: </span><a href='/v/1'>…</a></h3></p></li>"), or, after the
    story's last paragraph or outside its container, one that is only a link to another page.
    A story's own subhead is set as text."""
    links = [n for n in _elements(node) if _links_to_page(n) and _plain(n).strip()]
    if len(links) != 1:
        return False
    words, linked = len(_plain(node).split()), len(_plain(links[0]).split())
    in_item = any(a.tag == "li" for a in _ancestors(node)[1:5])
    return (in_item and linked >= 0.6 * words) or (after_story and linked == words)


# A teaser card is a small box: a picture, a title, a line; not a column of them.
# The lead is looked for among this many of the first blocks trafilatura keeps.
_LEAD_LOOK = 8
_CARD_CHILDREN = 6
_CARD_ELEMENTS = 24
_CARD_LABEL_WORDS = 12
# A subhead set in bold in a paragraph's element is a few words, not a paragraph.
_BOLD_SUBHEAD_WORDS = 12


def _teaser_text(node: _Node) -> bool:
    """A line that shares a small box with a picture linked to another page and that page's
    linked title ("<div><div><a href='/ni/1'><img></a><a href='/ni/1'>Near the rocks</a>
    </div><div>Northern Ireland's coalition is close to breaking point.</div></div>"): the
    card's teaser, not a paragraph of the story. Looked for two boxes up at most. The picture
    and the title may link to two addresses (a film strip's card whose picture opens a
    special report, its title one story of it). So is the card's title, a line that is all a
    link to the page its picture opens."""
    box = node.parent
    for _ in range(2):
        if box is None or box.tag in ("body", "html", "article", "main"):
            return False
        # (counted no further than the bound: a story's column may hold thousands of <p>s)
        elements_in_box = (c for c in box.children if isinstance(c, _Node))
        if sum(1 for _ in itertools.islice(elements_in_box, _CARD_CHILDREN + 1)) <= _CARD_CHILDREN:
            elements = list(itertools.islice(_elements(box), _CARD_ELEMENTS + 1))
            if len(elements) <= _CARD_ELEMENTS:
                # (an author's avatar and name link to the author's page: no teaser's)
                links = [a for a in elements if _links_to_page(a) and not _inside(a, node)
                         and "author" not in _tokens(a, "rel")]
                pictured = {a.attrs["href"] for a in links if any(n.tag == "img" for n in _elements(a))}
                titled = {a.attrs["href"] for a in links if _plain(a).strip()} if pictured else set()
                # the card's words: its title's (in its links), this line's, and a label, a
                # date or a byline at most; not a column of the story's own paragraphs
                if pictured and titled and len(_plain(box).split()) - len(_plain(node).split()) <= \
                        sum(len(_plain(a).split()) for a in links) + _CARD_LABEL_WORDS:
                    return True
                # the card's title itself: a line that is all one link to the page its
                # picture opens, whatever summary the card prints under it (not an author's
                # name beside the avatar that links to the author's page)
                own = [a for a in _elements(node) if a.tag == "a" and _links_to_page(a)]
                if pictured and len(own) == 1 and own[0].attrs["href"] in pictured and \
                        "author" not in _tokens(own[0], "rel") and not _is_byline(node) and \
                        _plain(own[0]).split() == _plain(node).split():
                    return True
        box = box.parent
    return False


def _linked_heading(node: _Node) -> bool:
    """A heading inside a link to another page ("<a href='/story-2'><div class='teaserImg'>
    <img></div><h2>Title <span class='date'>16.05.2020</span></h2></a>"): a teaser's title,
    the whole card being the link. A story's subhead links nowhere."""
    return any(_links_to_page(a) for a in _ancestors(node)[1:_TEASER_LINK_DEPTH + 1])


# Paragraphs of prose (this many words or more) under the headline that trafilatura's
# reading passes over before the first block it keeps.
_PASSED_PROSE = 3
_PASSED_PROSE_WORDS = 20


def second_reading(main: _Main, html: str, out: Builder) -> _Main:
    """trafilatura now and then takes a rail of prose for the story (a blog's sidebar of
    testimonials, three times the post's length) and passes over the post under the
    headline. When three paragraphs of prose or more stand between the headline and the
    first block it keeps, its reading that favours recall is asked too, and taken when it
    keeps them."""
    text, spans = "".join(out.parts), out.spans
    head_at = next((i for i, (_, _, hint) in enumerate(spans) if hint is Kind.HEADLINE), None)
    first = next((i for i, (s, e, hint) in enumerate(spans)
                  if hint in (None, Kind.SUBHEAD) and main.holds(text[s:e])), None)
    if head_at is None or first is None or first < head_at:
        return main
    passed = [i for i in range(head_at + 1, first)
              if spans[i][2] is None and len(_words(text[spans[i][0]:spans[i][1]])) >= _PASSED_PROSE_WORDS]
    if len(passed) < _PASSED_PROSE:
        return main
    other = _Main.of(html, recall=True)
    if other is not None and sum(other.holds(text[spans[i][0]:spans[i][1]]) for i in passed) >= _PASSED_PROSE:
        return other
    return main


# How many of its nearest elements a paragraph shares with the story's others to be set as
# they are.
_SET_ALIKE = 3
_BETWEEN_PROSE_WORDS = 8


def _setting(node: _Node) -> tuple:
    """The element and its few nearest parents, by tag and class (not the whole way up: a
    page nested thousands deep would make this quadratic)."""
    out = []
    while node is not None and len(out) <= _SET_ALIKE:
        out.append((node.tag, node.attrs.get("class", "")))
        node = node.parent  # type: ignore[assignment]
    return tuple(out)


def _dropped_alike(out: Builder, nodes: list[_Node], text: str, keep: set[int]) -> set[int]:
    """Paragraphs set in the same elements as most of the story's are ("<div class='text
    parbase section'><div class='text'><p>"), between two of them or straight after the last,
    that trafilatura leaves out (an answer ending on an empty "<a name='_GoBack'>"): the
    story's own. Only sentences; after the story, only until a block set otherwise."""
    spans = out.spans
    settings = Counter(_setting(nodes[i]) for i in keep if spans[i][2] is None)
    if not settings:
        return set()
    usual, count = settings.most_common(1)[0]
    if count < _SET_ALIKE:
        return set()
    last = max(keep)
    found = set()
    for i in range(min(keep) + 1, len(spans)):
        if i in keep:
            continue
        s, e, hint = spans[i]
        line = text[s:e].strip()
        # (between two of the story's paragraphs a short sentence is one of them too: "But then,
        # his cell phone rang and the ringtone scared off the animal.", its end a link)
        alike = hint is None and _setting(nodes[i]) == usual and \
            len(_words(line)) >= (_PROSE_WORDS if i > last else _BETWEEN_PROSE_WORDS) \
            and line.endswith((".", "!", "?", "\u201d", '"'))
        if alike:
            found.add(i)
        elif i > last:
            break
    return found


def _named_body(node: _Node) -> _Node | None:
    """The element within a few levels up that the markup names the article's body
    (itemprop='articleBody'), or None; not from inside a picture's or a video's box, an
    aside or an embed in it (a photo's caption, a shop's disclaimer)."""
    for _ in range(_NAMED_BODY_REACH):
        if node is None:
            return None
        if "articlebody" in _tokens(node, "itemprop"):
            return node
        if node.tag in ("aside", "figure", "figcaption") or \
                any(kind in node.attrs.get("itemtype", "") for kind in ("ImageObject", "VideoObject")) or \
                any(word in name for name in _tokens(node, "class") for word in ("disclaimer", "embed")):
            return None
        node = node.parent  # type: ignore[assignment]
    return None


def _dropped_in_named_body(out: Builder, nodes: list[_Node], text: str, keep: set[int]) -> set[int]:
    """Sentences inside an element the markup names the article's body, when the story
    trafilatura keeps lies in such elements too: a page that splits its story into several
    "<div class='group' itemprop='articleBody'>" around a video player, where trafilatura
    stops at the player, still prints the rest as the story's."""
    spans = out.spans
    if sum(1 for i in keep if spans[i][2] is None and _named_body(nodes[i]) is not None) < _SET_ALIKE:
        return set()
    return {i for i, (s, e, hint) in enumerate(spans)
            if i not in keep and hint is None and _named_body(nodes[i]) is not None
            and len(_words(text[s:e])) >= _NAMED_BODY_WORDS
            and text[s:e].strip().endswith((".", "!", "?", "\u201d", '"'))}


def _under_the_headline(held: list[int], out: Builder, nodes: list[_Node], text: str) -> list[int]:
    """The story under its headline, when trafilatura took another for it: a page that
    appends the next story below it (an infinite scroll's, saved with the page) names its
    own story's body (itemprop='articleBody'), and trafilatura may keep the longer story
    below. The first element so named after the headline holds the story when it holds a
    paragraph or more of sentences and all that trafilatura kept comes after it."""
    spans = out.spans
    head_at = next((i for i, (_, _, hint) in enumerate(spans) if hint is Kind.HEADLINE), None)
    if head_at is None:
        return held
    first = next((body for i in range(head_at + 1, len(spans)) if spans[i][2] in (None, Kind.SUBHEAD)
                  for body in [_named_body(nodes[i])] if body is not None), None)
    if first is None:
        return held
    mine = [i for i, (_, _, hint) in enumerate(spans) if hint in (None, Kind.SUBHEAD) and _inside(nodes[i], first)]
    if not mine or min(held) <= max(mine):
        return held
    words = sum(len(_words(text[spans[i][0]:spans[i][1]])) for i in mine
                if text[spans[i][0]:spans[i][1]].rstrip().endswith((".", "!", "?", "\u201d", '"')))
    return mine if words >= _MIN_NAMED_STORY_WORDS else held


_MIN_NAMED_STORY_WORDS = 40


# (a <p> sits a level or two under its articleBody; the walk up is bounded for deep pages)
_NAMED_BODY_REACH = 6
_NAMED_BODY_WORDS = 5


def mark_furniture(out: Builder, nodes: list[_Node], tails: set[int], main: _Main, page: _Node,
                   linked: set[int]) -> None:
    """Blocks trafilatura does not read as the story become page furniture (kind other):
    shown in the outline, judged by no rule. The headline stays what it is, and so do
    bylines above the story or inside it.
    Captions and credits stay captions when they are the story's own figures: inside
    the element that holds the story's paragraphs, and not in an aside, a navigation or
    another story's card within it; those of rails and teasers are furniture too."""
    text = "".join(out.parts)
    spans = out.spans
    held = [i for i, (s, e, hint) in enumerate(spans)
            if hint in (None, Kind.SUBHEAD) and main.holds(text[s:e])]
    if not held:
        return
    held = _under_the_headline(held, out, nodes, text)
    root = _story_root([(nodes[i].parent or nodes[i], len(text[spans[i][0]:spans[i][1]].split()))
                        for i in held])
    # Another story's card inside the story's container: an <article> below the root that
    # is not the one holding most of the story's words.
    sizes: Counter = Counter()
    for i in held:
        article = next((a for a in _ancestors(nodes[i]) if a.tag == "article"), None)
        if article is not None:
            sizes[id(article)] += len(text[spans[i][0]:spans[i][1]].split())
    story = sizes.most_common(1)[0][0] if sizes else None
    # The story's lead: its first paragraph after the headline, past a related link that
    # trafilatura keeps from a box the page names as furniture ("<aside class='related-bar'>")
    # or a line that is all a link's words, when a paragraph of the story follows.
    head = next((s for s, e, hint in spans if hint is Kind.HEADLINE), -1)
    after_head = [i for i in held if spans[i][0] > head]
    lead_i = next((i for i in after_head[:_LEAD_LOOK] if i not in linked
                   and not _named_furniture(nodes[i], root, set())), after_head[0] if after_head else None)
    lead = nodes[lead_i] if lead_i is not None else None
    around_lead = {id(a) for a in _ancestors(lead)} if lead is not None else set()
    keep = {i for i in held if not _in_card(nodes[i], root, story)
            and not _named_furniture(nodes[i], root, around_lead)}
    keep |= _dropped_alike(out, nodes, text, keep)
    keep |= {i for i in _dropped_in_named_body(out, nodes, text, keep) - set(linked)
             if not _in_card(nodes[i], root, story) and not _named_furniture(nodes[i], root, around_lead)}
    headline = next((_words(text[s:e]) for s, e, hint in spans if hint is Kind.HEADLINE), None)
    # The story's first block, past a copy of its headline trafilatura keeps (a sticky bar's
    # above the page's header): what stands before it (a date, a lead picture) stands above
    # the story. (Bylines count from the first block kept: a menu holding the headline's copy
    # may hold teasers' bylines after it.)
    first = next((i for i in held if _words(text[spans[i][0]:spans[i][1]]) != headline), held[0])
    head_at = next((i for i, (_, _, hint) in enumerate(spans) if hint is Kind.HEADLINE), None)
    # (the first block after the headline: a side rail's copy of the byline that trafilatura
    # keeps may stand before the headline itself)
    first_after = next((i for i in held if head_at is not None and i > head_at
                        and _words(text[spans[i][0]:spans[i][1]]) != headline), first)
    # Text after a box inside the same block ("<p><div class='related'>…</div>SAN
    # FRANCISCO (AP) — …</p>"): a browser, and lxml, close the paragraph at the box, so
    # trafilatura loses the text with the box. It is the story's own when it is a sentence
    # in a block among the story's paragraphs (a sibling of one), or in the block that holds
    # them ("<div class='field-item'><p>…</p><div class='ad'>…</div>The Massachusetts
    # lawmaker…<p>…</p></div>"), after the headline.
    paragraphs = {id(nodes[i].parent) for i in keep}
    keep |= {i for i in tails - set(held)
             if spans[i][2] is None and (head_at is None or i > head_at)
             and (id(nodes[i].parent) in paragraphs or id(nodes[i]) in paragraphs)
             and len(_words(text[spans[i][0]:spans[i][1]])) >= _MIN_TAIL_WORDS
             and not _in_card(nodes[i], root, story)
             and not _named_furniture(nodes[i], root, around_lead)}
    headline_node = nodes[head_at] if head_at is not None else None
    around_headline = {id(a) for a in _ancestors(headline_node)} if headline_node is not None else set()
    header = _header(root, headline_node)
    lead_box = _lead_box(header)
    # The story's standfirst, between its headline and its first paragraph, is the story's
    # own summary (trafilatura often leaves it out): body, read as the story.
    standfirst = set()
    if head_at is not None:
        held_at, around_root = set(held), {id(a) for a in _ancestors(root)}
        for i in range(head_at + 1, held[-1]):
            if spans[i][2] in (None, Kind.SUBHEAD) and \
                    _standfirst(nodes[i], headline_node, i == head_at + 1, around_root) and \
                    _own_figure(nodes[i], root, header) and _link_share(nodes[i]) < _LINK_SHARE:
                standfirst.add(i)
            elif i in held_at:
                break
    # The story's lead paragraph: the first block of it after the headline and standfirst.
    lead_at = next((i for i in held if spans[i][2] is None and i not in standfirst and
                    (head_at is None or i > head_at)), len(spans))
    # What trafilatura leaves out between the headline and the first paragraph it keeps, set
    # apart from the rest, that opens as the page's description of itself does: the story's
    # standfirst when it says no more than the description (a dek, in a box no class names),
    # its lead when it goes on (a Joomla K2 page's "itemIntroText" above its "itemFullText").
    descriptions = _descriptions(page) if head_at is not None else {}
    for i in range(head_at + 1, lead_at) if descriptions else ():
        s, e, hint = spans[i]
        line = _words(text[s:e])
        length = descriptions.get(tuple(line[:_DESCRIPTION_WORDS]))
        if hint is None and i not in keep and length is not None and \
                not _in_card(nodes[i], root, story) and not _named_furniture(nodes[i], root, around_lead) \
                and _link_share(nodes[i]) < _LINK_SHARE:
            (standfirst if len(line) <= length else keep).add(i)
    # What stands above the story: before its first block trafilatura keeps, or before its
    # lead paragraph when that block is a standfirst or a heading above it.
    top = lead_at if head_at is not None and head_at < first and lead_at < len(spans) else first
    tools = _page_tools(out, nodes, main, page, text, sorted(keep - standfirst), root, around_lead, linked)
    # The story's paragraphs of prose: a copy of the headline between two of them is printed
    # in the story, not by the page's layout around it.
    prose = sorted(i for i in keep if len(_words(text[spans[i][0]:spans[i][1]])) >= _PROSE_WORDS)
    kept = sorted(keep)
    repeated = _repeated_pull_quotes(keep, nodes, spans, text, root)
    for i, (s, e, hint) in enumerate(spans):
        if hint is Kind.HEADLINE:
            continue
        # The page's other copies of its headline (a sticky bar, a share card, the alt
        # text a CMS copies from it) are its layout, not a headline printed twice; one
        # among the story's own paragraphs is the headline printed twice in the story.
        if _words(text[s:e]) == headline and not (i in keep and prose and prose[0] < i < prose[-1]):
            spans[i] = (s, e, Kind.OTHER)
            out.notes[i] = FURNITURE
            continue
        # "By JANE DOE 10/ 5/11 09:19 PM ET" between the headline and the story, in a
        # block no markup names as a byline (a <p>; a heading, which trafilatura may keep as
        # the story's first paragraph): the story's byline all the same.
        # (before the lead, past a standfirst trafilatura keeps; its time stamp not counted:
        # "By Dave Dormer, CBC News Posted: Jun 19, 2017 1:05 PM MT Last Updated: …")
        if head_at is not None and (hint is None and head_at < i < max(first_after, lead_at) and i not in keep or
                                    hint is Kind.SUBHEAD and head_at < i <= first_after) and \
                _BY_NAME.match(text[s:e]) and \
                len(_STAMP_AFTER_BYLINE.split(text[s:e], 1)[0].split()) <= _MAX_BYLINE_WORDS:
            spans[i] = (s, e, Kind.BYLINE)
            continue
        if i in standfirst:
            spans[i] = (s, e, None)
            out.notes[i] = STANDFIRST
            continue
        if i in keep and tools.get(i):
            spans[i] = (s, e, Kind.OTHER)
            out.notes[i] = tools[i]
            continue
        if i in keep and i not in repeated:
            continue
        # A heading between two of the story's paragraphs and beside them in their element
        # is the story's own subhead, which trafilatura may drop ("<h2>Pricing</h2>").
        # (A line all in bold set as a <p>, "<p><b>Police protection</b></p>", is a subhead by
        # style, which the segmenter reads as one.)
        heading = hint is Kind.SUBHEAD or hint is None and nodes[i].tag == "p" and i not in out.paragraphs \
            and len(_words(text[s:e])) <= _BOLD_SUBHEAD_WORDS
        if heading and prose and (prose[0] < i < prose[-1] and _between_paragraphs(i, kept, nodes)
                                  or hint is Kind.SUBHEAD and _intro(i, prose[0], kept, nodes, text[s:e])) and \
                _link_share(nodes[i]) < 0.5 and not _in_card(nodes[i], root, story) and \
                not _named_furniture(nodes[i], root, around_lead):
            continue
        # A list between two of the story's paragraphs and beside them in their element, its
        # items not links, is the story's own ("I'm going to list it in a list…" over "<ul><li>
        # Background Image (What everything is drawn upon)…"), which trafilatura may drop.
        if prose and prose[0] < i < prose[-1] and _list_between_paragraphs(i, kept, nodes) and \
                _link_share(nodes[i]) < 0.5 and not _in_card(nodes[i], root, story) and \
                not _named_furniture(nodes[i], root, around_lead):
            continue
        # The story's own code listing is not furniture, though trafilatura may leave it out.
        if hint is Kind.OTHER and out.notes.get(i) in (CODE, EMBED) and _inside(nodes[i], root) \
                and not _named_furniture(nodes[i], root, around_lead):
            continue
        if hint is Kind.OTHER and out.notes.get(i) in (ALT_TEXT, TIMESTAMP) and \
                _own_figure(nodes[i], root, header if i < top else root) and \
                not _named_furniture(nodes[i], root, around_lead):
            continue
        # A byline above the story or inside it is the story's; teasers' bylines are not.
        # Above the story is before its lead paragraph too, past a standfirst trafilatura
        # keeps ("<h2 class='dek'>…</h2><div class='byline'>By …</div><p>Lead…"): a line
        # the markup names a byline itself, or that reads as one, not the share and text-size
        # tools of a byline's box ("<div class='byline_action'>…<span>Share</span>").
        # (a teaser card's source or author below the headline is the card's: "<div
        # class='card'><a href='/2'><img></a><span class='main-author'>gulfnews.com")
        if hint is Kind.BYLINE and (i < held[0] and not _in_menu(nodes[i], around_headline) or
                                    (_own_figure(nodes[i], root, root) or
                                     head_at is not None and head_at < i < lead_at and
                                     (_is_byline(nodes[i]) or _BY_NAME.match(text[s:e])) and
                                     not _hidden(nodes[i], None) and
                                     not _named_furniture(nodes[i], page, around_lead)) and
                                    not (head_at is not None and i > head_at and _teaser_text(nodes[i]))):
            continue
        if hint in (Kind.CAPTION, Kind.CREDIT) and (
                _own_figure(nodes[i], root, header if i < top else root) or
                i < top and lead_box is not None and _own_figure(nodes[i], lead_box, lead_box)):
            continue
        spans[i] = (s, e, Kind.OTHER)
        out.notes[i] = FURNITURE


_STAMP_AFTER_BYLINE = re.compile(r"\b(?:Posted|Published|Updated|Last [Uu]pdated)\b")


def _intro(i: int, first: int, kept: list[int], nodes: list[_Node], line: str) -> bool:
    """A heading that is a sentence, set just before the story's first paragraph and beside
    it in its element: a tabloid's bold intro ("<h2>UNITED'S cup flops are set to pay the
    price for their KO.</h2><p>Alex Ferguson was forced…"), which trafilatura may drop."""
    at = bisect.bisect_left(kept, i)
    return i < first and at < len(kept) and kept[at] == first and nodes[first].parent is nodes[i].parent \
        and line.rstrip().endswith((".", "!", "?")) and len(line.split()) >= _MIN_TAIL_WORDS


def _between_paragraphs(i: int, kept: list[int], nodes: list[_Node]) -> bool:
    """Block `i` stands between two kept blocks and shares its parent element with them."""
    at = bisect.bisect_left(kept, i)
    if at == 0 or at >= len(kept):
        return False
    parent = nodes[i].parent
    return parent is not None and nodes[kept[at - 1]].parent is parent and nodes[kept[at]].parent is parent


def _list_between_paragraphs(i: int, kept: list[int], nodes: list[_Node]) -> bool:
    """Block `i` is an item of a list (<ul>, <ol>) that stands between two kept blocks and
    shares its parent element with them."""
    at = bisect.bisect_left(kept, i)
    if at == 0 or at >= len(kept):
        return False
    item = next((a for a in _ancestors(nodes[i])[:_LIST_ITEM_DEPTH] if a.tag == "li"), None)
    lst = item.parent if item is not None else None
    if lst is None or lst.tag not in ("ul", "ol") or lst.parent is None:
        return False
    return nodes[kept[at - 1]].parent is lst.parent and nodes[kept[at]].parent is lst.parent


_LIST_ITEM_DEPTH = 3  # the item's text, a box or a paragraph in it, the <li>


def _page_tools(out: Builder, nodes: list[_Node], main: _Main, page: _Node, text: str, keep: list[int],
                root: _Node, around_lead: set[int], linked: set[int]) -> dict[int, str]:
    """Blocks trafilatura reads as the story that the page's markup shows to be its tools
    and teasers, with the note each gets: a box holding a form (share by e-mail, add to
    blog, comment), a line of links to the next and previous stories (rel=next/prev), a
    line of tag links (rel=tag), a teaser's heading in a list item that wraps one link,
    and, before the story's first paragraph, after its last or outside its container, a
    heading that is only a link to another page (a section's label, a teaser's title) or a
    block, or a line (`linked`: the lines all of whose words are a link's), that is nearly
    all links; and a heading inside a link to another page (a teaser card's title)."""
    spans = out.spans
    controls: set[int] = set()
    for n in _elements(page):
        if n.tag in ("textarea", "select", "form") or \
                (n.tag == "input" and n.attrs.get("type", "").lower() != "hidden"):
            controls.update(id(a) for a in _ancestors(n))
    # The story's paragraphs under each element: blocks of a sentence's length that are not
    # a copy of an earlier one (a share box's preview of the lede).
    prose: Counter = Counter()
    seen: set[tuple[str, ...]] = set()
    for i in keep:
        runs = _shingles(_words(text[spans[i][0]:spans[i][1]]), main.SHINGLE)
        if len(runs) >= _PROSE_WORDS and sum(g in seen for g in runs) < 0.8 * len(runs):
            for a in _ancestors(nodes[i]):
                prose[id(a)] += 1
        seen.update(runs)
    # Once per element: a box of bare text holds many blocks, each the whole box's text.
    by_node: dict[int, float] = {}
    shares: dict[int, float] = {}
    for i in keep:
        if id(nodes[i]) not in by_node:
            by_node[id(nodes[i])] = _link_share(nodes[i])
        shares[i] = by_node[id(nodes[i])]
    # The story's last paragraph: a block of its own container that is not a line of links.
    paragraphs = [i for i in keep if spans[i][2] is None and _inside(nodes[i], root)
                  and shares[i] < 0.5 and i not in linked
                  and not _COUNT_LINE.fullmatch(text[spans[i][0]:spans[i][1]].strip())]
    start, end = (paragraphs[0], paragraphs[-1]) if paragraphs else (-1, -1)
    tools: dict[int, str] = {}
    for i in keep:
        node, hint = nodes[i], spans[i][2]
        after = not start <= i <= end or not _inside(node, root)  # outside the story's run
        rel = _rel_line(node)
        if rel is not None:
            tools[i] = rel
        elif _tag_box(node):
            tools[i] = TAGS
        elif any(id(a) not in around_lead and id(a) in controls and not prose[id(a)]
                 for a in _ancestors(node)):
            tools[i] = FURNITURE
        elif hint is Kind.SUBHEAD and (_teaser_heading(node, after) or _linked_heading(node)):
            tools[i] = FURNITURE
        elif after and hint is None and (shares[i] >= _LINK_SHARE or i in linked):
            tools[i] = FURNITURE
        elif hint is None and _teaser_text(node):
            tools[i] = FURNITURE
    return tools
