"""HTML articles: the stdlib parser builds a light element tree, and the story is read from it.

What is read: the article element (the one with the most text when there are several; else
<main>, else <body>, else the whole fragment). The headline is its first <h1> (else the
page's first <h1>, else <title>); other headings are subheads; each <figcaption>, and each
element whose class names it a caption ("wp-caption-text", "image-caption", "cutline"), is a
caption, with credit-marked parts inside it (class "credit"/"copyright"/"photographer", itemprop
copyrightHolder/creator) as its credit on the same line; an element whose class names it a
credit ("photoCredit", "image-credit") is a credit; the alt text of an image without such a
caption, when it has at least three words, is kind other, noted "alt text"; an element with rel="author",
itemprop="author", a "byline"/"author" class or an <address> is a byline. On a page, the
story's standfirst under its headline (a class naming it "standfirst", "dek", "summary"...,
the article's schema.org description, a sentence-long heading right after the headline) is
body text with the note "standfirst". Paragraphs, list items and other block elements are
left to the segmenter, one block per element, a <br> ending a block; a block that is all code
(<pre>, <code>, <kbd>, <samp>, a syntax highlighter's box) is kind other, noted "code", and one
that is only a date in <time>, datePublished/dateModified or a date's class is noted
"timestamp". Skipped: script, style,
forms, nav, aside, footer, a <header> that does not hold the headline, ARIA
navigation/banner/contentinfo/complementary/search landmarks, <article>s nested inside the
chosen one (related-story cards) and what the page does not show (the hidden attribute, an
inline display:none, screen-reader-only text). On a page, what trafilatura keeps but the markup
shows to be the page's tools and teasers is furniture too (`_Reader.page_tools`): a box with a
form, rel=next/prev links, teaser headings, link lists after the story; rel=tag lines are
noted "tags". Comments go to
meta["directives"]; a published date from <meta> or <time datetime> goes to meta["date"], the
publisher's name (og:site_name) to meta["site_name"]; a whole page (not a fragment) sets
meta["page"].

Positions: the parser reports where every text run, entity and tag starts, so each word of
the derived text keeps the offset it came from (see `derived.collapse`): columns are exact
inside a run of text, also across collapsed whitespace and line breaks; a decoded entity
maps to its "&"; an alt text maps to its attribute value, exactly when it holds no entity.
"""
from __future__ import annotations

import datetime as dt
import html
import html.parser
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from checker.model import STANDFIRST, Kind, Source
from checker.read.common import ReadError
from checker.read.derived import Builder, Piece, collapse

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Not "form": some sites wrap the whole page in one (ASP.NET), story and headline included.
_SKIP = frozenset("""script style noscript template svg math iframe object canvas button
    select textarea nav aside footer head dialog""".split())
# What holds no text a reader sees, even on a page read whole.
_NOT_TEXT = frozenset("""script style noscript template svg math iframe object canvas select
    textarea head dialog""".split())
_SKIP_ROLES = frozenset("navigation banner contentinfo complementary search dialog".split())
_BLOCK = frozenset("""address article blockquote body caption center dd details div dl dt
    fieldset figcaption figure h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main ol
    p pre section summary table tbody td tfoot th thead tr ul""".split())
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)
# The class names CSS frameworks and CMSs give text meant for screen readers only.
_SCREEN_READER_ONLY = frozenset("""sr-only visually-hidden visuallyhidden screen-reader-text
    screen-reader-only element-invisible""".split())
# A caption or credit outside <figcaption> is told by a part of a class name, camel case
# folded: "mc_caption", "large-image-caption", "wp-caption-text", "newsCaption", "photoCredit".
_NAME_PARTS = re.compile(r"[-_]+")
_CAPTION_PART = re.compile(r"[a-z]*(?:caption|cutline)s?(?:text|txt)?")
_CREDIT_PART = re.compile(r"[a-z]*credits?")
_CAPTION_CONTROLS = frozenset("""icon reveal toggle show hide btn button trigger link count card
    has no""".split())
_NOT_CAPTIONS = frozenset("a label button input img figure picture video audio".split())
# A standfirst (dek, deck, summary) is told by a part of a class name; one set as a heading
# after the headline by its length: a subtitle is a sentence, a section's label a few words.
# Not "intro" nor "description": a box's introduction, an author's description.
_STANDFIRST_PARTS = frozenset("""standfirst dek deck subtitle subheadline strapline summary
    excerpt lede""".split())
# "description" is one when it names the story's own ("article-description", "post-desc").
_STORY_PARTS = frozenset("article story post entry".split())
_MIN_DEK_WORDS = 6
# Text after a box in its block is a paragraph when a sentence long, not a label
# ("Advertisement", "Read more").
_MIN_TAIL_WORDS = 8
# A byline by its words: "By" (or "by") and a capitalised name, no longer than the segmenter's
# bylines (a dated "By JANE DOE 10/ 5/11 09:19 PM ET" included).
_BY_NAME = re.compile(r"[Bb]y\s+[A-Z]")
_MAX_BYLINE_WORDS = 14
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publish-date",
              "dc.date", "dc.date.issued", "og:published_time")
_WORD = re.compile(r"\w+")
_CASE_BREAK = re.compile(r"[a-z.!?;:][A-Z][a-z]")
PAGE_CHARS = 1000
SHORT_PAGE_CHARS = 400
# The boxes around a story, as their class names or ids call them: one vocabulary for both
# the whole name (`_FURNITURE_NAME`) and a furniture word inside a longer one (`_FURNITURE_WORD`,
# where the stems of the compound words count too: "share-tools", "nav-main", "social-links").
_FURNITURE_WORDS = (r"sidebar|widget|comments?|respond|nocomments|disqus|sharing|share-?bar"
                    r"|social-?share|newsletter(?:-?signup)?|subscribe|promo|advert|advertisement"
                    r"|outbrain|taboola|breadcrumbs?|pagination|pager|navbar|navigation|menu|masthead"
                    r"|cookie-?banner|popup|modal|actions|toolbar|social-?(?:buttons|links|icons)"
                    r"|most-?(?:read|popular|viewed|shared)|popular(?:-?posts)?|trending"
                    r"|(?:right|r)-?(?:col|column|rail)|rail|about-?the-?author"
                    r"|author-?(?:bio|block|box|info|profile)|donat(?:e|ion)s?|support-?us|membership")
_FURNITURE_NAME = re.compile(
    rf"(?:[a-z0-9]+[-_])?(?:{_FURNITURE_WORDS})"
    r"(?:[-_](?:area|block|box|wrap|wrapper|container|section|list|widget|links|content))?")
_FURNITURE_WORD = re.compile(rf"{_FURNITURE_WORDS}|share|social|nav|cookie")
# A name that opens on the story's content is the story's box ("article-widget-text"); one
# that closes on it is furniture's ("visitors_comment_content": a comment's content).
_CONTENT_NAME = re.compile(r"(?:^|[-_])(?:article|story|entry|content|body|post|main)(?:$|[-_])")
# A state class on the page's outer elements ("<body class='navigation-open'>") says nothing
# of what they hold.
_NEVER_FURNITURE_BY_CLASS = frozenset("html body main article".split())
MAX_DEPTH = 250  # nesting of a real page stays under 60
_IMAGE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
# Markup inside a word ("<b>W</b>ord", "<sup>2</sup>", "un<em>believ</em>able") never splits
# it; one with a class of its own is laid out by the page's style, as its own piece.
_INLINE_MARKUP = frozenset("b i em strong u sup sub small mark s abbr span a".split())
FURNITURE = "page furniture"  # the note on what lies outside the story: rails, menus, footers
TAGS = "tags"  # the note on a line of the story's tags, topics or filing
# A box with a form in it is a page tool (share by e-mail, add to blog, comment) unless it
# holds a paragraph of the story (of this many words at least), or its lead (an ASP.NET
# page's <form> around everything).
_PROSE_WORDS = 15
# A block after the story with this share of its words in links is a list of links.
_LINK_SHARE = 0.9
TIMESTAMP = "timestamp"  # the note on a line that is only the story's date and time
# A date set apart: <time>, schema.org's datePublished/dateModified, a class part naming it.
_DATE_PROPS = frozenset("datepublished datemodified datecreated dateupdated".split())
_MAX_STAMP_WORDS = 16
_DATE_PARTS = frozenset("date pubdate published timestamp datetime posted updated".split())
CODE = "code"  # the note on a code listing: the story's own text, but no prose for any rule
# Code is set in these elements, or in a box a syntax highlighter names (GeSHi, highlight.js,
# Prettify, SyntaxHighlighter, Pygments' "codehilite", Pandoc's "sourceCode"); a "code" or
# "syntax" part of a class name only on a block ("<div class='code'>", not a promo code's span).
EMBED = "embedded post"  # the note on a tweet or another network's post quoted in the story
_EMBED_CLASSES = frozenset("""twitter-tweet twitter-video instagram-media tiktok-embed reddit-card
reddit-embed-bq fb-post bluesky-embed threads-post imgur-embed-pub""".split())
_CODE_TAGS = frozenset("pre code kbd samp tt listing xmp".split())
_HIGHLIGHTER = re.compile(r"geshi\w*|hljs|prettyprint|syntaxhighlighter|codehilite|sourcecode")
_CODE_PARTS = frozenset("code codeblock syntax".split())
# The note on an image's alt text: shown in the outline, judged by no rule. It describes the
# picture for those who cannot see it (or is a CMS's file name), and is not a caption readers see.
ALT_TEXT = "alt text"
# Icons, logos and spacers have empty or one- or two-word alt texts; a photo's describes it.
_MIN_ALT_WORDS = 3


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


def parse(text: str, path: str) -> Source:
    tree = _Tree(text)
    try:
        tree.feed(text)
        tree.close()
    except AssertionError:  # html.parser gives up on some broken declarations; keep the rest
        pass
    main = _Main.of(text) if _is_page(tree.root) else None
    reader = _Reader(tree.root, main)
    # "page": a whole published page, whose own furniture (ad labels, share and subscribe
    # buttons, in-body promos) is the publisher's layout rather than damage to the text.
    source = reader.read(text, path, {"directives": tree.directives, **({"page": True} if main else {})})
    if not source.blocks:
        raise ReadError(f"{path}: no article text found in the HTML "
                        "(no headline, paragraph or caption)")
    return source


class _Tree(html.parser.HTMLParser):
    """Element tree with the offset of every tag and text run; never raises on bad nesting."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)  # entities arrive apart, with positions
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.root = _Node("#root", {}, 0)
        self.stack = [self.root]
        self.directives: list[dict[str, Any]] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs, tag not in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs, False)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]], opens: bool) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self._at(), self.stack[-1],
                     (self.get_starttag_text() or "") if tag == "img" else "")
        self.stack[-1].children.append(node)
        # Past MAX_DEPTH, elements are read as siblings of the deepest one: their text stays,
        # and no reader of the tree recurses without bound (2,000 nested <div>s).
        if opens and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes the nearest open element of its name and whatever is open
        # inside it; a stray end tag is ignored, as browsers do.
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
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
        try:
            return super().parse_html_declaration(i)
        except AssertionError:  # "<![foo[": a marked section html.parser rejects
            return self.parse_bogus_comment(i)


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
    def of(cls, text: str) -> "_Main | None":
        try:
            import trafilatura
        except ImportError:  # an install without it reads pages by their containers alone
            return None
        try:
            extracted = trafilatura.extract(text, include_comments=False, include_tables=True,
                                            include_images=False, deduplicate=False)
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


def _shingles(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


class _Reader:
    def __init__(self, root: _Node, main: _Main | None = None) -> None:
        self.root = root
        self.main = main
        self.container = _body(root) if main is not None else _container(root)
        self.headline = _headline(root, None if main is not None else self.container)
        self.out = Builder()
        self.pieces: list[Piece] = []
        self.hint: Kind | None = None
        self.blocks: list[_Node] = [root]     # the block elements being read, innermost last
        self.nodes: list[_Node] = []          # the element each span of self.out came from
        self.after_box = False                # the pending text follows a box in its block
        self.tails: set[int] = set()          # the spans of such text
        self.own_text: bool | None = None     # the pending text opens in its block, not in a link
        self.captioned: dict[int, bool] = {}  # a picture's box -> it holds a named caption
        self.in_code = 0                      # depth of code elements around the walk
        self.in_embed = 0                     # depth of embedded posts around the walk
        self.embed_text = False               # the pending text has an embedded post's in it
        self.in_time = 0                      # depth of date elements around the walk
        self.code_text = self.prose_text = False  # the pending text has code, prose in it
        self.time_text = False                # the pending text has a date element's in it

    def read(self, text: str, path: str, meta: dict[str, Any]) -> Source:
        if self.headline is None:
            title = next((n for n in _elements(self.root) if n.tag == "title"), None)
            if title is not None:
                self.unit([(collapse(_pieces(title)), Kind.HEADLINE)], title)
        elif not _inside(self.headline, self.container):
            self.unit([(collapse(_pieces(self.headline)), Kind.HEADLINE)], self.headline)
        self.walk(self.container, None)
        self.flush()
        if self.main is not None:
            self.mark_furniture()
        date = _date(self.root, self.container)
        site = _site_name(self.root)
        return self.out.source(path, "html", text, {**({"date": date} if date else {}),
                                                    **({"site_name": site} if site else {}), **meta})

    def mark_furniture(self) -> None:
        """Blocks trafilatura does not read as the story become page furniture (kind other):
        shown in the outline, judged by no rule. The headline stays what it is, and so do
        bylines above the story or inside it.
        Captions and credits stay captions when they are the story's own figures: inside
        the element that holds the story's paragraphs, and not in an aside, a navigation or
        another story's card within it; those of rails and teasers are furniture too."""
        text = "".join(self.out.parts)
        spans = self.out.spans
        held = [i for i, (s, e, hint) in enumerate(spans)
                if hint in (None, Kind.SUBHEAD) and self.main.holds(text[s:e])]
        if not held:
            return
        root = _story_root([(self.nodes[i].parent or self.nodes[i], len(text[spans[i][0]:spans[i][1]].split()))
                            for i in held])
        # Another story's card inside the story's container: an <article> below the root that
        # is not the one holding most of the story's words.
        sizes: Counter = Counter()
        for i in held:
            article = next((a for a in _ancestors(self.nodes[i]) if a.tag == "article"), None)
            if article is not None:
                sizes[id(article)] += len(text[spans[i][0]:spans[i][1]].split())
        story = sizes.most_common(1)[0][0] if sizes else None
        # The story's lead: its first paragraph after the headline.
        head = next((s for s, e, hint in spans if hint is Kind.HEADLINE), -1)
        lead = next((self.nodes[i] for i in held if spans[i][0] > head), None)
        around_lead = {id(a) for a in _ancestors(lead)} if lead is not None else set()
        keep = {i for i in held if not _in_card(self.nodes[i], root, story)
                and not _named_furniture(self.nodes[i], root, around_lead)}
        headline = next((_words(text[s:e]) for s, e, hint in spans if hint is Kind.HEADLINE), None)
        head_at = next((i for i, (_, _, hint) in enumerate(spans) if hint is Kind.HEADLINE), None)
        # Text after a box inside the same block ("<p><div class='related'>…</div>SAN
        # FRANCISCO (AP) — …</p>"): a browser, and lxml, close the paragraph at the box, so
        # trafilatura loses the text with the box. It is the story's own when it is a sentence
        # in a block among the story's paragraphs (a sibling of one), after the headline.
        paragraphs = {id(self.nodes[i].parent) for i in keep}
        keep |= {i for i in self.tails - set(held)
                 if spans[i][2] is None and (head_at is None or i > head_at)
                 and id(self.nodes[i].parent) in paragraphs
                 and len(_words(text[spans[i][0]:spans[i][1]])) >= _MIN_TAIL_WORDS
                 and not _in_card(self.nodes[i], root, story)
                 and not _named_furniture(self.nodes[i], root, around_lead)}
        headline_node = self.nodes[head_at] if head_at is not None else None
        header = _header(root, headline_node)
        # The story's standfirst, between its headline and its first paragraph, is the story's
        # own summary (trafilatura often leaves it out): body, read as the story.
        standfirst = set()
        if head_at is not None:
            held_at, around_root = set(held), {id(a) for a in _ancestors(root)}
            for i in range(head_at + 1, held[-1]):
                if spans[i][2] in (None, Kind.SUBHEAD) and \
                        _standfirst(self.nodes[i], headline_node, i == head_at + 1, around_root) and \
                        _own_figure(self.nodes[i], root, header) and _link_share(self.nodes[i]) < _LINK_SHARE:
                    standfirst.add(i)
                elif i in held_at:
                    break
        tools = self.page_tools(text, sorted(keep - standfirst), root, around_lead)
        for i, (s, e, hint) in enumerate(spans):
            if hint is Kind.HEADLINE:
                continue
            # The page's other copies of its headline (a sticky bar, a share card, the alt
            # text a CMS copies from it) are its layout, not a headline printed twice.
            if _words(text[s:e]) == headline:
                spans[i] = (s, e, Kind.OTHER)
                self.out.notes[i] = FURNITURE
                continue
            # "By JANE DOE 10/ 5/11 09:19 PM ET" between the headline and the story, in a
            # block no markup names as a byline: the story's byline all the same.
            if hint is None and head_at is not None and head_at < i < held[0] and i not in keep and \
                    _BY_NAME.match(text[s:e]) and len(text[s:e].split()) <= _MAX_BYLINE_WORDS:
                spans[i] = (s, e, Kind.BYLINE)
                continue
            if i in standfirst:
                spans[i] = (s, e, None)
                self.out.notes[i] = STANDFIRST
                continue
            if i in keep and tools.get(i):
                spans[i] = (s, e, Kind.OTHER)
                self.out.notes[i] = tools[i]
                continue
            if i in keep and not _pull_quote(self.nodes[i], root):
                continue
            # The story's own code listing is not furniture, though trafilatura may leave it out.
            if hint is Kind.OTHER and self.out.notes.get(i) in (CODE, EMBED) and _inside(self.nodes[i], root) \
                    and not _named_furniture(self.nodes[i], root, around_lead):
                continue
            if hint is Kind.OTHER and self.out.notes.get(i) in (ALT_TEXT, TIMESTAMP) and \
                    _own_figure(self.nodes[i], root, header if i < held[0] else root) and \
                    not _named_furniture(self.nodes[i], root, around_lead):
                continue
            # A byline above the story or inside it is the story's; teasers' bylines are not.
            if hint is Kind.BYLINE and (i < held[0] or _own_figure(self.nodes[i], root, root)):
                continue
            if hint in (Kind.CAPTION, Kind.CREDIT) and \
                    _own_figure(self.nodes[i], root, header if i < held[0] else root):
                continue
            spans[i] = (s, e, Kind.OTHER)
            self.out.notes[i] = FURNITURE

    def page_tools(self, text: str, keep: list[int], root: _Node, around_lead: set[int]) -> dict[int, str]:
        """Blocks trafilatura reads as the story that the page's markup shows to be its tools
        and teasers, with the note each gets: a box holding a form (share by e-mail, add to
        blog, comment), a line of links to the next and previous stories (rel=next/prev), a
        line of tag links (rel=tag), a teaser's heading in a list item that wraps one link,
        and, before the story's first paragraph, after its last or outside its container, a
        heading that is only a link to another page (a section's label, a teaser's title) or a
        block that is nearly all links."""
        spans = self.out.spans
        controls: set[int] = set()
        for n in _elements(self.root):
            if n.tag in ("textarea", "select", "form") or \
                    (n.tag == "input" and n.attrs.get("type", "").lower() != "hidden"):
                controls.update(id(a) for a in _ancestors(n))
        # The story's paragraphs under each element: blocks of a sentence's length that are not
        # a copy of an earlier one (a share box's preview of the lede).
        prose: Counter = Counter()
        seen: set[tuple[str, ...]] = set()
        for i in keep:
            runs = _shingles(_words(text[spans[i][0]:spans[i][1]]), self.main.SHINGLE)
            if len(runs) >= _PROSE_WORDS and sum(g in seen for g in runs) < 0.8 * len(runs):
                for a in _ancestors(self.nodes[i]):
                    prose[id(a)] += 1
            seen.update(runs)
        shares = {i: _link_share(self.nodes[i]) for i in keep}
        # The story's last paragraph: a block of its own container that is not a line of links.
        paragraphs = [i for i in keep if spans[i][2] is None and _inside(self.nodes[i], root)
                      and shares[i] < 0.5]
        start, end = (paragraphs[0], paragraphs[-1]) if paragraphs else (-1, -1)
        tools: dict[int, str] = {}
        for i in keep:
            node, hint = self.nodes[i], spans[i][2]
            after = not start <= i <= end or not _inside(node, root)  # outside the story's run
            rel = _rel_line(node)
            if rel is not None:
                tools[i] = rel
            elif any(id(a) not in around_lead and id(a) in controls and not prose[id(a)]
                     for a in _ancestors(node)):
                tools[i] = FURNITURE
            elif hint is Kind.SUBHEAD and _teaser_heading(node, after):
                tools[i] = FURNITURE
            elif after and hint is None and shares[i] >= _LINK_SHARE:
                tools[i] = FURNITURE
        return tools

    def unit(self, groups: list[tuple[list[Piece], Kind | None]], node: _Node) -> None:
        before = len(self.out.spans)
        self.out.unit(groups)
        self.nodes += [node] * (len(self.out.spans) - before)

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
        self.unit([(collapse(self.pieces), Kind.OTHER if code or stamp or embed else self.hint)], self.blocks[-1])
        if code or stamp or embed:
            for i in range(before, len(self.out.spans)):
                self.out.notes[i] = EMBED if embed else CODE if code else TIMESTAMP
        self.code_text = self.prose_text = self.time_text = self.embed_text = False
        # The block's own text, not a link's ("<a><div>…</div>Headline</a>": a teaser).
        if self.after_box and self.own_text:
            self.tails.update(range(before, len(self.out.spans)))
        self.pieces, self.hint, self.after_box, self.own_text = [], None, False, None

    def add(self, piece: Piece, hint: Kind | None) -> None:
        if not self.pieces and self.hint is None:
            self.hint = hint
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
                if self.own_text is None and child.text.strip():
                    self.own_text = node is self.blocks[-1]  # the unit opens on its block's own text
                if child.text.strip():
                    if self.in_embed:
                        self.embed_text = True
                    elif self.in_code:
                        self.code_text = True
                    elif self.in_time:
                        self.time_text = True
                    else:
                        self.prose_text = True
                self.add(Piece(child.text, child.at, child.exact), hint)
            elif not self.skipped(child):
                if isinstance(previous, _Node) and self.pieces and _glued(self.pieces[-1].text, child):
                    # "<span>Jen Mills</span><span>Published…</span>": two elements that the
                    # page's style sets apart, never one word "MillsPublished".
                    self.add(Piece(" ", child.at, False), hint)
                self.element(child, hint)
            previous = child

    def skipped(self, node: _Node) -> bool:
        if self.main is not None:  # trafilatura says what the story is: read the whole page
            return node.tag in _NOT_TEXT or _invisible(node)
        if _furniture(node) or (node.tag == "article" and node is not self.container):
            return True
        return node.tag == "header" and not (self.headline and _inside(self.headline, node))

    def element(self, node: _Node, hint: Kind | None) -> None:
        tag = node.tag
        if tag in _HEADINGS:
            self.flush()
            kind = Kind.HEADLINE if node is self.headline else Kind.SUBHEAD
            self.unit([(collapse(_pieces(node)), kind)], node)
        elif tag == "figcaption" or (hint is not Kind.BYLINE and (named := _named_caption(node))):
            self.flush()
            first = Kind.CAPTION if tag == "figcaption" else named
            self.unit([(collapse(pieces), kind) for kind, pieces in _caption(node, first)], node)
        elif tag == "img":
            if not _has_caption(node, self.captioned):
                alt = _alt(node)
                if len(alt.text.split()) >= _MIN_ALT_WORDS:
                    self.flush()
                    before = len(self.out.spans)
                    self.unit([(collapse([alt]), Kind.OTHER)], node)
                    for i in range(before, len(self.out.spans)):
                        self.out.notes[i] = ALT_TEXT
        elif tag == "br":
            if self.hint is Kind.BYLINE:  # "By Jane Roe<br>June 3, 2024" is one byline
                self.add(Piece(" ", node.at, False), hint)
            else:
                self.flush()
        else:
            own = Kind.BYLINE if _is_byline(node) else hint
            if tag in _BLOCK:
                self.flush()
                self.blocks.append(node)
            elif own is Kind.BYLINE:
                self.hint = Kind.BYLINE  # "By <a rel=author>…</a>": the whole line is a byline
            code, stamp, embed = _code(node), _timestamp(node), _embedded_post(node)
            self.in_code += code
            self.in_time += stamp
            self.in_embed += embed
            self.walk(node, own)
            self.in_code -= code
            self.in_time -= stamp
            self.in_embed -= embed
            if tag in _BLOCK:
                self.flush()
                self.blocks.pop()
                self.after_box = True


# -- the tree -----------------------------------------------------------------------------

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


def _furniture(node: _Node) -> bool:
    return node.tag in _SKIP or node.attrs.get("role", "").strip().lower() in _SKIP_ROLES or _invisible(node)


def _invisible(node: _Node) -> bool:
    """Not shown on the page: the `hidden` attribute, an inline display:none or
    visibility:hidden (metadata blocks: RDFa titles, a schema.org copy of the story's summary,
    unopened dialogs), or text for screen readers only ("Article content" over the story).
    Not for the page's <html> or <body>, which a script may hide until the page has loaded.
    aria-hidden is no sign: it hides from screen readers what is on the screen, and pages set
    it on the story's own paragraphs (under a paywall)."""
    if node.tag in ("html", "body"):
        return False
    if "hidden" in node.attrs and node.attrs["hidden"].strip().lower() != "until-found":
        return True
    style = node.attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return not _SCREEN_READER_ONLY.isdisjoint(_tokens(node, "class"))


def _furniture_class(node: _Node) -> bool:
    """A container the page's own class or id names as furniture: one of its class names
    (or its id) is a furniture word, with at most a prefix and a box suffix (`id="sidebar"`,
    `class="widget widget_text"`, `class="visitors_comment_block"`, `class="nocomments"`);
    not a layout class that merely starts so (`sidebar-grid__container`), nor a box whose
    name opens on the story's content (`class="article-widget article-widget-text"`)."""
    if node.tag in _NEVER_FURNITURE_BY_CLASS:
        return False
    names = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".lower().split()
    return any(_FURNITURE_NAME.fullmatch(name) for name in names) and \
        not any(_names_content(name) for name in names)


def _names_content(name: str) -> bool:
    content = _CONTENT_NAME.search(name)
    furniture = _FURNITURE_WORD.search(name)
    return content is not None and (furniture is None or content.start() < furniture.start())


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


def _in_furniture(node: _Node) -> bool:
    while node is not None:
        if _furniture(node):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _text_size(node: _Node) -> int:
    return sum(len(c.text.strip()) if isinstance(c, _Text) else
               0 if _furniture(c) else _text_size(c) for c in node.children)


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


def _glued(before: str, element: _Node, styled: bool = False) -> bool:
    """Would `element`'s text run on from `before` as one word, where the page's style (of
    `element`, or `styled` for the element before it) sets them apart? Not for a drop cap: a
    single letter opening a word is set in an element of its own on purpose."""
    after = _first_text(element)
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    styled = styled or _styled(element)
    if before[-1:] in ".!?;:" and after[:1].isupper():  # "…fortunate.</span><span>The…"
        return styled
    return bool(after) and before[-1:].isalnum() and after[:1].isalnum() and len(word) > 1 and styled


def _ancestors(node: _Node) -> list[_Node]:
    out = []
    while node is not None:
        out.append(node)
        node = node.parent  # type: ignore[assignment]
    return out


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
    <article> that holds the story's container, else the element that holds both the
    headline and the container (a CMS's node with its title, picture and body fields), unless
    that is the whole page."""
    article = next((a for a in _ancestors(root) if a.tag == "article"), None)
    if article is not None:
        return article
    if headline is None:
        return root
    around = {id(a) for a in _ancestors(headline)}
    common = next(a for a in _ancestors(root) if id(a) in around)
    return root if common.tag in ("body", "html", "#root") else common


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
                len(_plain(node).split()) >= _MIN_DEK_WORDS:
            return True
    for anc in _ancestors(node):
        if id(anc) in story:
            break
        if any((not _STANDFIRST_PARTS.isdisjoint(parts := set(_NAME_PARTS.split(name))) or
                {"description", "desc"} & parts and _STORY_PARTS & parts) and not _FURNITURE_WORD.search(name)
               for name in _tokens(anc, "class")):
            return True
        if "description" in _tokens(anc, "itemprop") and anc.tag not in ("figure", "figcaption"):
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
        if _furniture(anc) or anc.tag == "article" or _links_away(anc):
            return False
    return False


def _links_away(node: _Node) -> bool:
    """A link to another page: a picture inside it is a teaser of that page's story (a link
    to the picture itself, a lightbox, is the story's own)."""
    href = node.attrs.get("href", "") if node.tag == "a" else ""
    return bool(href) and not href.split("?")[0].lower().endswith(_IMAGE_FILES)


def _is_page(root: _Node) -> bool:
    """A whole page, with chrome to tell from the story, rather than an article's own markup
    (a CMS export, a fragment): it has a <body> and more text than a short story, or, for a
    short post, a titled <head> and chrome (navigation, a footer, a sidebar) around its text.
    A fragment is read by its containers."""
    body = next((n for n in _elements(root) if n.tag == "body"), None)
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


def _body(root: _Node) -> _Node:
    """The whole page's body: with trafilatura to say what the story is, nothing is dropped."""
    return next((n for n in _elements(root) if n.tag == "body"), root)


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
        best = max(((n, words) for n, words, home in h1s if not home),
                   key=lambda h: len(title & h[1]), default=None)
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
        return best[0] if best is not None else None
    for scope in (container, root):
        for n in _elements(scope):
            if n.tag == "h1" and not _hidden(n, container) and \
                    any(p.text.strip() for p in _pieces(n)):
                return n
    return None


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


_TITLE_PARTS = re.compile(r"\s+[-–—|»:]+\s+|\s*[|»]\s*")
_TITLE_STOPWORDS = frozenset("the and for with from about into over after this that".split())


def _plain(node: _Node) -> str:
    return " ".join(p.text for p in _pieces(node))


def _page_title(root: _Node) -> str:
    for n in _elements(root):
        if n.tag == "meta" and (n.attrs.get("property") or n.attrs.get("name") or "").lower() in \
                ("og:title", "twitter:title"):
            return n.attrs.get("content", "")
    title = next((n for n in _elements(root) if n.tag == "title"), None)
    return _plain(title) if title is not None else ""


def _hidden(node: _Node, container: _Node | None) -> bool:
    """Inside furniture or inside another story's <article>."""
    while node is not None:
        if _furniture(node) or (container is not None and node.tag == "article" and node is not container):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _pieces(node: _Node) -> list[Piece]:
    """All text inside an element, a <br> read as a space, furniture left out."""
    out: list[Piece] = []
    for child in node.children:
        if isinstance(child, _Text):
            out.append(Piece(child.text, child.at, child.exact))
        elif child.tag == "br":
            out.append(Piece(" ", child.at, False))
        elif not _furniture(child):
            out.extend(_pieces(child))
    return out


def _tokens(node: _Node, attribute: str) -> list[str]:
    return node.attrs.get(attribute, "").lower().split()


def _is_byline(node: _Node) -> bool:
    if node.tag == "address" or "author" in _tokens(node, "rel") or \
            "author" in _tokens(node, "itemprop"):
        return True
    return any("byline" in c or c.replace("_", "-").split("-")[-1] in ("author", "authors")
               for c in _tokens(node, "class"))


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
        in_link = in_link or (n.tag == "a" and _links_away(n) and not n.attrs["href"].startswith("#"))
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
    links = [n for n in _elements(node) if n.tag == "a" and _links_away(n)
             and not n.attrs["href"].startswith("#") and _plain(n).strip()]
    if len(links) != 1:
        return False
    words, linked = len(_plain(node).split()), len(_plain(links[0]).split())
    in_item = any(a.tag == "li" for a in _ancestors(node)[1:5])
    return (in_item and linked >= 0.6 * words) or (after_story and linked == words)


def _stamp_text(text: str) -> bool:
    """Words a date element's line holds when it is only a date: a number in a few words, no
    "By NAME" (a byline set in a box a date's class names)."""
    return any(ch.isdigit() for ch in text) and len(text.split()) <= _MAX_STAMP_WORDS and \
        not _BY_NAME.match(text.strip())


def _timestamp(node: _Node) -> bool:
    """An element that sets the story's date: <time>, schema.org's datePublished or
    dateModified, a class part naming a date ("bypubdate-original", "entry-date", "published")."""
    if node.tag == "time" or not _DATE_PROPS.isdisjoint(_tokens(node, "itemprop")):
        return True
    return any(not _DATE_PARTS.isdisjoint(_NAME_PARTS.split(name)) for name in _tokens(node, "class"))


def _embedded_post(node: _Node) -> bool:
    """A social network's embedded post, as its embed code marks it ("<blockquote
    class='twitter-tweet'>")."""
    return not _EMBED_CLASSES.isdisjoint(_tokens(node, "class"))


def _code(node: _Node) -> bool:
    """An element that sets code: <pre>, <code>, <kbd>, <samp>, or a box a syntax highlighter
    names ("<div class='geshifilter'>", "<td class='code'>")."""
    if node.tag in _CODE_TAGS:
        return True
    for name in _tokens(node, "class"):
        parts = _NAME_PARTS.split(name)
        if any(_HIGHLIGHTER.fullmatch(part) for part in parts) or \
                (node.tag not in _INLINE_MARKUP and not _CODE_PARTS.isdisjoint(parts)):
            return True
    return False


def _pull_quote(node: _Node, root: _Node) -> bool:
    """A pull quote repeats a line of the story in large type: the page's design, not a
    paragraph printed twice."""
    while node is not None and node is not root:
        if any("pullquote" in c.replace("-", "").replace("_", "") for c in _tokens(node, "class")):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _is_credit(node: _Node) -> bool:
    return any(w in c for c in _tokens(node, "class")
               for w in ("credit", "copyright", "photographer")) or \
        bool({"copyrightholder", "creator", "credittext"} & set(_tokens(node, "itemprop")))


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
                visit(child, Kind.CREDIT if _is_credit(child) else kind)
            previous = child

    visit(node, first)
    return groups


def _named_caption(node: _Node) -> Kind | None:
    """A caption or a credit outside <figcaption>, as its class names it ("caption",
    "wp-caption-text", "image-caption", "cutline", "photoCredit", "image-credit"); not a
    control that shows or hides one ("reveal-caption", "caption-icon"), a "credit-card" offer,
    nor an element that holds a byline ("<span class='caption'>By <a rel='author'>…")."""
    if node.tag in _NOT_CAPTIONS:
        return None
    for name in _tokens(node, "class"):
        parts = set(_NAME_PARTS.split(name))
        if not parts.isdisjoint(_CAPTION_CONTROLS):
            continue
        for kind, part in ((Kind.CAPTION, _CAPTION_PART), (Kind.CREDIT, _CREDIT_PART)):
            if any(part.fullmatch(p) for p in parts):
                return None if any(_is_byline(n) for n in _elements(node)) else kind
    return None


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


def _site_name(root: _Node) -> str:
    """The publisher's name as the page gives it (og:site_name, application-name)."""
    for n in _elements(root):
        if n.tag == "meta" and (n.attrs.get("property") or n.attrs.get("name") or "").strip().lower() in \
                ("og:site_name", "application-name"):
            return n.attrs.get("content", "").strip()
    return ""


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
