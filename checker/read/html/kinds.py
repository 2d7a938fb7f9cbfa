"""What one element of a page is, by its tag, attributes and class names: the vocabulary the
HTML reader and its story bounds share, and the notes the reader gives blocks.

Furniture, never read as text: script, style, forms' controls, nav, aside, footer, ARIA
navigation/banner/contentinfo/complementary/search landmarks, and what the page does not
show (the hidden attribute, an inline display:none, screen-reader-only text, a framework's
hiding class on an element aria-hidden also hides from screen readers); a box whose
class or id names it furniture (a sidebar, a share bar, comments) is furniture on a page.
A caption or credit outside <figcaption> is named by a class ("wp-caption-text",
"image-caption", "cutline", "photoCredit"); a credit inside a caption by a class
("credit"/"copyright"/"photographer"/"attribution") or itemprop (copyrightHolder/creator); a byline by
rel="author", itemprop="author", a "byline"/"author" class or <address>; a date by <time>,
datePublished/dateModified or a date's class; code by <pre>, <code>, <kbd>, <samp> or a
syntax highlighter's box; an embedded post by its embed code's class. The notes (FURNITURE,
TAGS, TIMESTAMP, CODE, EMBED, ALT_TEXT) say why a block is kind other.
"""
from __future__ import annotations

import itertools
import re

from checker.model import Kind
from checker.read.derived import Piece
from checker.read.html.tree import _elements, _Node, _Text, _tokens

# Not "form": some sites wrap the whole page in one (ASP.NET), story and headline included.
_SKIP = frozenset("""script style noscript template svg math iframe object canvas button
    select textarea nav aside footer head dialog""".split())
# What holds no text a reader sees, even on a page read whole.
_NOT_TEXT = frozenset("""script style noscript template svg math iframe object canvas select
    textarea head dialog""".split())
_SKIP_ROLES = frozenset("navigation banner contentinfo complementary search dialog".split())
_BLOCK = frozenset("""address article aside blockquote body caption center dd details div dl dt
    fieldset figcaption figure h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main ol
    p pre section summary table tbody td tfoot th thead tr ul""".split())
# The elements that set running text: what the segmenter never makes a subhead or a caption by
# its shape (a <div> sets anything; <dt> and <th> label what follows).
_PARAGRAPHS = frozenset("p li blockquote dd td".split())
_BOLD = frozenset("b strong".split())
_ITALIC = frozenset("i em".split())
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(rf"(?:^|;)\s*(?:{_HIDING.pattern})\b", re.IGNORECASE)
# The class names CSS frameworks and CMSs give text meant for screen readers only.
_SCREEN_READER_ONLY = frozenset("""sr-only visually-hidden visuallyhidden screen-reader-text
    screen-reader-only element-invisible off-screen offscreen""".split())
# The class names CSS frameworks give what they hide (Bootstrap's "hidden", "invisible",
# "d-none"; Tailwind's "hidden"): hidden from every reader when the element is hidden from
# screen readers too (a share menu until its button is pressed: "<ul class='share-buttons
# hidden' aria-hidden='true'>"). Either alone is no sign: a responsive "hidden md:block" shows
# on a wide screen, and pages set aria-hidden on the story's own paragraphs.
_HIDING_CLASSES = frozenset("hidden invisible d-none is-hidden hide".split())
# A card that pops up over a name on hover, which the page's style hides until then: a
# box its class names so ("rollover-people-block" holding the name again and the person's
# latest stories, "tooltiptext", "popover-content", "hovercard"), never the name itself.
_POPUP = re.compile(r"hover-?card|(?:rollover|popover|tool-?tip)(?:[-_]?[a-z]+?)??[-_]?"
                    r"(?:block|card|content|box|panel|body|text|inner)")
# A caption or credit outside <figcaption> is told by a part of a class name, camel case
# folded: "mc_caption", "large-image-caption", "wp-caption-text", "newsCaption", "photoCredit",
# "attribution" (CNBC's "Universal History Archive | UIG | Getty Images").
_NAME_PARTS = re.compile(r"[-_]+")
_CAPTION_PART = re.compile(r"[a-z]*(?:caption|cutline)s?(?:text|txt)?")
_PICTURE_BYLINE = re.compile(r"(?:photo|image|img|picture|pic)[-_]?byline")
_CREDIT_PART = re.compile(r"[a-z]*credits?|(?:image|photo|img|picture|media)attribution")
_CAPTION_CONTROLS = frozenset("""icon reveal toggle show hide btn button trigger link count card
    has no""".split())
_NOT_CAPTIONS = frozenset("a label button input img figure picture video audio".split())
# A byline by its words: "By" (or "by", a blog's "Posted by") and a capitalised name, no
# longer than the segmenter's bylines (a dated "By JANE DOE 10/ 5/11 09:19 PM ET" included).
_BY_NAME = re.compile(r"(?:(?:Posted|Written)\s+)?(?:[Bb]y|BY)\s+[A-Z]")
_MAX_BYLINE_WORDS = 14
# The boxes around a story, as their class names or ids call them: one vocabulary for both
# the whole name (`_FURNITURE_NAME`) and a furniture word inside a longer one (`_FURNITURE_WORD`,
# where the stems of the compound words count too: "share-tools", "nav-main", "social-links").
_FURNITURE_WORDS = (r"sidebar|widget|comments?|respond|nocomments|disqus|sharing|share-?bar"
                    r"|social-?share|newsletter(?:-?signup)?|sign-?up|subscribe|promo|advert|advertisement"
                    r"|outbrain|taboola|breadcrumbs?|pagination|pager|navbar|navigation|menu|masthead"
                    r"|cookie-?banner|popup|modal|actions|toolbar|social-?(?:buttons|links|icons)"
                    r"|most-?(?:read|popular|viewed|shared)|popular(?:-?posts)?|trending"
                    r"|(?:right|r)-?(?:col|column|rail)|(?:col|column)-?right|rail|about-?the-?author"
                    r"|author-?(?:bio|block|box|info|profile)|donat(?:e|ion)s?|support-?us|membership"
                    r"|related(?:-?(?:stories|articles|posts|links|news))?|recommended"
                    r"|recent-?(?:stories|articles|posts|entries|news)")
_FURNITURE_NAME = re.compile(
    rf"(?:[a-z0-9]+[-_])?(?:{_FURNITURE_WORDS})"
    r"(?:[-_](?:area|bar|block|box|wrap|wrapper|container|section|list|widget|links|content|title|heading"
    r"|excerpt|text))?")
_FURNITURE_WORD = re.compile(rf"{_FURNITURE_WORDS}|share|social|nav|cookie")
# A name that opens on the story's content is the story's box ("article-widget-text"); one
# that closes on it is furniture's ("visitors_comment_content": a comment's content).
_CONTENT_NAME = re.compile(r"(?:^|[-_])(?:article|story|entry|content|body|post|main)(?:$|[-_])")
# A state class on the page's outer elements ("<body class='navigation-open'>") says nothing
# of what they hold.
_NEVER_FURNITURE_BY_CLASS = frozenset("html body main article".split())
_IMAGE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
# Markup inside a word ("<b>W</b>ord", "<sup>2</sup>", "un<em>believ</em>able") never splits
# it; one with a class of its own is laid out by the page's style, as its own piece.
_INLINE_MARKUP = frozenset("b i em strong u sup sub small mark s abbr span a".split())
FURNITURE = "page furniture"  # the note on what lies outside the story: rails, menus, footers
TAGS = "tags"  # the note on a line of the story's tags, topics or filing
TIMESTAMP = "timestamp"  # the note on a line that is only the story's date and time
# A date set apart: <time>, schema.org's datePublished/dateModified, a class part naming it.
_DATE_PROPS = frozenset("datepublished datemodified datecreated dateupdated".split())
_MAX_STAMP_WORDS = 16
_DATE_PARTS = frozenset("date pubdate published timestamp datetime posted updated".split())
# Code is set in these elements, or in a box a syntax highlighter names (GeSHi, highlight.js,
# Prettify, SyntaxHighlighter, Pygments' "codehilite", Pandoc's "sourceCode"); a "code" or
# "syntax" part of a class name only on a block ("<div class='code'>", not a promo code's span).
_CODE_TAGS = frozenset("pre code kbd samp tt listing xmp".split())
_HIGHLIGHTER = re.compile(r"geshi\w*|hljs|prettyprint|syntaxhighlighter|codehilite|sourcecode")
_CODE_PARTS = frozenset("code codeblock syntax".split())
EMBED = "embedded post"  # the note on a tweet or another network's post quoted in the story
_EMBED_CLASSES = frozenset("""twitter-tweet twitter-video instagram-media tiktok-embed reddit-card
reddit-embed-bq fb-post bluesky-embed threads-post imgur-embed-pub""".split())
# The note on an image's alt text: shown in the outline, judged by no rule. It describes the
# picture for those who cannot see it (or is a CMS's file name), and is not a caption readers see.
ALT_TEXT = "alt text"


def _furniture(node: _Node) -> bool:
    return node.tag in _SKIP or node.attrs.get("role", "").strip().lower() in _SKIP_ROLES or _invisible(node)


def _invisible(node: _Node) -> bool:
    """Not shown on the page: the `hidden` attribute, an inline display:none or
    visibility:hidden (metadata blocks: RDFa titles, a schema.org copy of the story's summary,
    unopened dialogs), or text for screen readers only ("Article content" over the story).
    Not for the page's <html> or <body>, which a script may hide until the page has loaded.
    aria-hidden is no sign: it hides from screen readers what is on the screen, and pages set
    it on the story's own paragraphs (under a paywall), unless a class hides it as well."""
    if node.tag in ("html", "body"):
        return False
    if "hidden" in node.attrs and node.attrs["hidden"].strip().lower() != "until-found":
        return True
    style = node.attrs.get("style")
    # (not the story's body a paywall script reveals to subscribers: "<div id='articleBody'
    # style='display: none'>": the publisher's text, served in the page)
    if style and _HIDDEN_STYLE.search(style) and not _names_article_body(node):
        return True
    classes = _tokens(node, "class")
    if node.attrs.get("aria-hidden", "").strip().lower() == "true" and not _HIDING_CLASSES.isdisjoint(classes):
        return True
    if node.tag != "a" and any(_popup(name) for name in classes):
        return True
    return not _SCREEN_READER_ONLY.isdisjoint(classes)


def _names_article_body(node: _Node) -> bool:
    """An element its id or itemprop names the article's body ("articleBody",
    "article-body")."""
    names = [*_tokens(node, "id"), *_tokens(node, "itemprop")]
    return any(_ARTICLE_BODY.fullmatch(name) for name in names)


_ARTICLE_BODY = re.compile(r"article[-_]?body")


def _popup(name: str) -> bool:
    """A class naming a hover card's box: "rollover-people-block", "tooltiptext",
    "popover-content", "hovercard"; not the thing it pops over ("tooltip", "rollover-link")."""
    return bool(_POPUP.fullmatch(name))


def _class_and_id(node: _Node) -> list[str]:
    """The names a page gives an element: its classes and its id, lower-cased."""
    return _tokens(node, "class") + _tokens(node, "id")


def _furniture_class(node: _Node) -> bool:
    """A container the page's own class or id names as furniture: one of its class names
    (or its id) is a furniture word, with at most a prefix and a box suffix (`id="sidebar"`,
    `class="widget widget_text"`, `class="visitors_comment_block"`, `class="nocomments"`);
    not a layout class that merely starts so (`sidebar-grid__container`), nor a box whose
    name opens on the story's content (`class="article-widget article-widget-text"`)."""
    if node.tag in _NEVER_FURNITURE_BY_CLASS:
        return False
    names = _class_and_id(node)
    return any(_FURNITURE_NAME.fullmatch(name) for name in names) and \
        not any(_names_content(name) for name in names)


_RELATED_NAME = re.compile(r"(?:[a-z0-9]+[-_])?(?:related|recommended)(?:[-_][a-z]+)?")
# Parts of a class name for share buttons and an author's social links.
_SHARE_PARTS = frozenset("share sharebar sharing sharetools social handle contacts follow".split())


def _related_box(node: _Node) -> bool:
    """A box its class or id names as one of related stories ("related-content") or of
    share buttons ("sics-component__sharebar"), which a byline's box may hold."""
    return any(_RELATED_NAME.fullmatch(name) or not _SHARE_PARTS.isdisjoint(_NAME_PARTS.split(name))
               for name in _class_and_id(node))


def _names_content(name: str) -> bool:
    content = _CONTENT_NAME.search(name)
    furniture = _FURNITURE_WORD.search(name)
    return content is not None and (furniture is None or content.start() < furniture.start())


def _in_furniture(node: _Node) -> bool:
    while node is not None:
        if _furniture(node):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def _text_size(node: _Node) -> int:
    return sum(len(c.text.strip()) if isinstance(c, _Text) else
               0 if _furniture(c) else _text_size(c) for c in node.children)


def _links_away(node: _Node) -> bool:
    """A link to another page: a picture inside it is a teaser of that page's story (a link
    to the picture itself, a lightbox, is the story's own)."""
    href = node.attrs.get("href", "") if node.tag == "a" else ""
    return bool(href) and not href.split("?")[0].lower().endswith(_IMAGE_FILES)


def _links_to_page(node: _Node) -> bool:
    """A link to another page: not a picture's, nor a place on this page ("#comments")."""
    return _links_away(node) and not node.attrs["href"].startswith("#")


def _plain(node: _Node) -> str:
    return " ".join(p.text for p in _pieces(node))


# A lower-case letter or a sentence's end, then a capitalised word: where an element meets the
# text after it, the page's style set the two apart ("<span>You're reading</span>Does…").
_CASE_BREAK = re.compile(r"[a-z.!?;:][A-Z][a-z]")


def _pieces(node: _Node) -> list[Piece]:
    """All text inside an element, a <br> read as a space, furniture left out; an element and
    the text after it that would run on as one word across a change of case ("You're
    readingDoes") are read a space apart."""
    out: list[Piece] = []
    after_element = False
    for child in node.children:
        if isinstance(child, _Text):
            inner = [Piece(child.text, child.at, child.exact)]
        elif child.tag == "br":
            inner = [Piece(" ", child.at, False)]
        elif _furniture(child):
            continue
        else:
            inner = _pieces(child)
        if after_element and out and inner and _CASE_BREAK.match(out[-1].text[-1:] + inner[0].text[:2]):
            out.append(Piece(" ", child.at, False))
        out.extend(inner)
        after_element = isinstance(child, _Node) and child.tag != "br"
    return out


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_AUTHOR_WORDS = ("author", "authors", "autor")


def _is_byline(node: _Node) -> bool:
    if node.tag == "address" or "author" in _tokens(node, "rel") or \
            "author" in _tokens(node, "itemprop"):
        return True
    names = _tokens(node, "class")
    # (not an author's social links: "byline__social-handle", "byline-social")
    # (a Drupal field names it in the site's language: "field-name-field-autor")
    # (a camel-cased class is words too: "bodyAuthor")
    camel = {raw.lower(): _CAMEL.sub("-", raw).lower() for raw in node.attrs.get("class", "").split()}
    # (nor a photo's: "photo-byline" is the picture's credit; nor a button in the byline's
    # box: "ks-byline-print")
    bylines = [c for c in names if ("byline" in c or _NAME_PARTS.split(camel.get(c, c))[-1] in _AUTHOR_WORDS)
               and _BUTTON_PARTS.isdisjoint(_NAME_PARTS.split(c)) and not _PICTURE_BYLINE.search(c)]
    # An old page names its byline by id (<p id="byline">), and its tagline too, by a longer
    # word (<div id="topbyline">The #1 Ruby Programming Blog</div>): a part of the id only.
    # (a camel-cased id is words too: <div id="bylineArea">)
    ident = _CAMEL.sub("-", node.attrs.get("id", "")).lower()
    if "byline" in _NAME_PARTS.split(ident):
        bylines.append(ident)
    # A "byline" class some CMSs give every line of a post's header and footer (Blogger's
    # "byline post-timestamp", "byline post-labels", "byline post-location", "byline
    # post-share-buttons"): another class name of the element that says what the line is
    # names a date, tags, a place or a share menu, and only an author's line is a byline.
    return bool(bylines) and not any(not _NOT_AUTHOR_PARTS.isdisjoint(_NAME_PARTS.split(c))
                                     for c in names if c not in bylines)


def _stamp_text(text: str) -> bool:
    """Words a date element's line holds when it is only a date: a number in a few words, no
    "By NAME" (a byline set in a box a date's class names)."""
    return any(ch.isdigit() for ch in text) and len(text.split()) <= _MAX_STAMP_WORDS and \
        not _BY_NAME.match(text.strip())


# The words a line holds when it is only a date and time ("August 2, 2020, 7:19 PM", "Posted
# Mar 3, 2015 11:38 a.m. EST"), besides numbers.
_DATE_WORDS = frozenset("""jan feb mar apr may jun jul aug sep sept oct nov dec january february march
    april june july august september october november december mon tue tues wed thu thur thurs fri sat sun
    monday tuesday wednesday thursday friday saturday sunday am pm a p m at on published updated posted
    last est edt et gmt utc bst cet cest ist pst pdt cst cdt mst mdt pt ct mt hkt jst kst sgt aest aedt
    acst awst nzst nzdt msk eet eest wat cat eat sast""".split())
_LETTERS = re.compile(r"[^\W\d_]+")
_RELATIVE_DAYS = frozenset({"today", "yesterday"})


# A story's reading time, set in its byline's box ("5 min read", "3 minute read").
_READING_TIME = re.compile(r"(?i)\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read")


def _date_only(text: str) -> bool:
    """A line that is only a date and time: a number (or "today", "yesterday"), and no word
    but a month's, a weekday's, a zone's or "Published"/"Updated"."""
    words = _LETTERS.findall(text.lower())
    return (any(ch.isdigit() for ch in text) or not _RELATIVE_DAYS.isdisjoint(words)) and \
        len(text.split()) <= _MAX_STAMP_WORDS and all(w in _DATE_WORDS or w in _RELATIVE_DAYS for w in words)


def _timestamp(node: _Node) -> bool:
    """An element that sets the story's date: <time>, schema.org's datePublished or
    dateModified, a class part naming a date ("bypubdate-original", "entry-date", "published")."""
    if node.tag == "time" or not _DATE_PROPS.isdisjoint(_tokens(node, "itemprop")):
        return True
    if all(_DATE_PARTS.isdisjoint(_NAME_PARTS.split(name)) for name in _tokens(node, "class")):
        return False
    # A date's element holds a date (in a <p> of its own at most), not headings and
    # paragraphs: Blogger's box of a day's posts ("<div class='date-outer'><h2
    # class='date-header'>…<div class='date-posts'>").
    under = [n.tag for n in itertools.islice(_elements(node), _MAX_DATE_ELEMENTS)]
    return _TEXT_BLOCKS.isdisjoint(under) and under.count("p") < 2


_TEXT_BLOCKS = frozenset("h1 h2 h3 h4 h5 h6 ul ol table blockquote article section".split())
_MAX_DATE_ELEMENTS = 40


# A box of the story's tags or topics, as its class names it ("tags", "post-tags", "tag-list"),
# or its filing, as a class name ends ("category", "post-categories"; not WordPress's
# "category-news" on the article element, which names the story's category, not a box).
_TAG_BOX_PARTS = frozenset("tags tag taglist tagged keywords".split())
_FILING_PARTS = frozenset("category categories".split())
# What a line of a post's header or footer is when not its author's (`_is_byline`).
_NOT_AUTHOR_PARTS = _DATE_PARTS | _TAG_BOX_PARTS | _FILING_PARTS | frozenset("""labels location share
    sharing comments comment facebook twitter linkedin pinterest whatsapp reddit email print""".split())


def _tag_box(node: _Node) -> bool:
    """The block, or the list it is an item of, is named as the story's tags or filing."""
    return any(not _TAG_BOX_PARTS.isdisjoint(parts) or parts[-1] in _FILING_PARTS
               for n in (node, node.parent) if n is not None for c in _tokens(n, "class")
               for parts in (_NAME_PARTS.split(c),))


def _embedded_post(node: _Node) -> bool:
    """A social network's embedded post, as its embed code marks it ("<blockquote
    class='twitter-tweet'>")."""
    return not _EMBED_CLASSES.isdisjoint(_tokens(node, "class"))


def _code(node: _Node) -> bool:
    """An element that sets code: <pre>, <code>, <kbd>, <samp>, or a box a syntax highlighter
    names ("<div class='geshifilter'>", "<td class='code'>"); not a <pre> of prose (a blog
    that prints its posts as typed, paragraphs between blank lines)."""
    if node.tag == "pre":
        return not _prose_pre(node)
    if node.tag in _CODE_TAGS:
        return True
    for name in _tokens(node, "class"):
        parts = _NAME_PARTS.split(name)
        if any(_HIGHLIGHTER.fullmatch(part) for part in parts) or \
                (node.tag not in _INLINE_MARKUP and not _CODE_PARTS.isdisjoint(parts)):
            return True
    return False


def _prose_pre(node: _Node) -> bool:
    """A <pre> that holds prose: no <code> in it, sentences of words (PROSE_PRE_WORDS or
    more, PROSE_PRE_SENTENCES full stops before a capital), hardly a brace, bracket,
    semicolon or operator, and few indented lines."""
    # (looked at no deeper than a bound: a page of thousands of nested <pre>s would make
    # this quadratic, and a <pre> of prose holds a few links and emphases at most)
    inside = list(itertools.islice(_elements(node), PROSE_PRE_ELEMENTS + 1))
    if len(inside) > PROSE_PRE_ELEMENTS or any(n.tag in _CODE_TAGS for n in inside if n is not node):
        return False
    text = _plain(node)
    words = text.split()
    if len(words) < PROSE_PRE_WORDS or len(_SENTENCE_BREAK.findall(text)) < PROSE_PRE_SENTENCES:
        return False
    symbols = sum(text.count(c) for c in "{}[];=<>$\\|")
    lines = [line for line in text.split("\n") if line.strip()]
    indented = sum(1 for line in lines if line[:1] in (" ", "\t"))
    return symbols <= len(words) * PROSE_PRE_SYMBOLS and indented * 4 <= len(lines)


PROSE_PRE_WORDS = 80
PROSE_PRE_ELEMENTS = 200
PROSE_PRE_SENTENCES = 4
PROSE_PRE_SYMBOLS = 0.02  # per word
_SENTENCE_BREAK = re.compile(r"[a-z][.!?][\"”’)]?\s+[A-Z]")


def _pull_quote(node: _Node, root: _Node) -> bool:
    """A pull quote repeats a line of the story in large type: the page's design, not a
    paragraph printed twice."""
    while node is not None and node is not root:
        # (or a data attribute: <aside class="trb_embed" data-content-type="pullquote">)
        if any(_names_pull_quote(c) for c in _tokens(node, "class")) or \
                any(k.startswith("data-") and len(v) <= _MAX_ROLE_CHARS and _names_pull_quote(v.strip())
                    for k, v in node.attrs.items()):
            return True
        node = node.parent  # type: ignore[assignment]
    return False


# A data attribute naming an element's role is a word or two; a longer one is data (JSON).
_MAX_ROLE_CHARS = 40
# "graf-after--pullquote" is the paragraph that follows a pull quote, the story's own.
_BESIDE = frozenset("after before next prev previous follows following".split())


def _names_pull_quote(name: str) -> bool:
    words = [w for w in _NAME_PARTS.split(name.lower()) if w]
    return "pullquote" in "".join(words) and not _BESIDE.intersection(words)


def _is_credit(node: _Node) -> bool:
    return any(w in c for c in _tokens(node, "class")
               for w in ("credit", "copyright", "photographer", "attribution")) or \
        bool({"copyrightholder", "creator", "credittext"} & set(_tokens(node, "itemprop")))


# A picture box's caption is a line or two, not a paragraph of the story set beside a photo.
_MIN_BOX_CAPTION_WORDS, _MAX_BOX_CAPTION_WORDS = 3, 40
_MAX_PICTURE_ELEMENTS = 12  # an image in a link or a <picture> with its sources, not a gallery
_PERSON_PICTURE = re.compile(r"(?i)avatar|author|profile|writer|headshot|mugshot|byline|gravatar|logo|icon")


def _picture_box_caption(node: _Node) -> bool:
    """A line of text that shares a box with a picture and nothing else ("<div
    class='picBox'><a><img></a><p>Kabuga's trial will be closely watched</p></div>"): the
    picture's caption, however the page names the box. The line holds inline markup only
    and is not all link (a teaser's title beside its thumbnail is a link)."""
    box = node.parent
    # (a box of many children is no picture box; asked of each child, it would cost their square)
    if node.tag not in ("p", "span", "div") or box is None or box.tag not in ("div", "span") or \
            len(box.children) > 6:
        return False
    others = [c for c in box.children if c is not node and (isinstance(c, _Node) or c.text.strip())]
    if len(others) != 1 or not isinstance(others[0], _Node):
        return False
    picture = others[0]
    under = [] if picture.tag == "img" else list(itertools.islice(_elements(picture), _MAX_PICTURE_ELEMENTS + 1))
    if picture.tag != "img":
        if picture.tag not in ("a", "picture", "span", "div") or len(under) > _MAX_PICTURE_ELEMENTS or \
                not any(n.tag == "img" for n in under) or _plain(picture).strip():
            return False
    # An author's box: their picture beside their name ("<div class='writerProfile'><img
    # alt='Jane Roe'><p class='author'>…"), a logo or an icon beside a label; a share
    # button's label beside its spinner ("<div class='share-submit-wrap'><span><img
    # alt='Loading…'></span><span class='submit-btn'>Post to Facebook</span>").
    if _is_byline(node) or _is_byline(box) or _control_or_tool(node) or any(
            _PERSON_PICTURE.search(" ".join([*_tokens(n, "class"), n.attrs.get("alt", ""), n.attrs.get("src", "")]))
            for n in (box, picture, *under)):
        return False
    inner = list(itertools.islice(_elements(node), _MAX_PICTURE_ELEMENTS + 1))
    if len(inner) > _MAX_PICTURE_ELEMENTS or any(n.tag not in _INLINE_MARKUP for n in inner):
        return False
    text = _plain(node).split()
    linked = sum(len(_plain(n).split()) for n in inner if n.tag == "a")
    return _MIN_BOX_CAPTION_WORDS <= len(text) <= _MAX_BOX_CAPTION_WORDS and linked * 2 < len(text) and \
        not text[-1].endswith(":")


def _control_or_tool(node: _Node) -> bool:
    """A button, or a box of the page's tools (sharing, social, a bar of actions), as its
    class names it, or as its box or the list or bar around that does ("<ul class='actions'>
    <li><div class='kindleWidget'><img><span>Send to Kindle</span>"), a few levels up at most."""
    for _ in range(_TOOL_LEVELS):
        if node is None:
            return False
        # (the class as written: its case marks the humps _tokens folds away)
        if any(set(_NAME_PARTS.split(_CAMEL_HUMP.sub("-", name).lower())) & _TOOL_PARTS
               for name in node.attrs.get("class", "").split()):
            return True
        node = node.parent
    return False


_TOOL_PARTS = frozenset("btn button share sharing social actions toolbar".split())
_TOOL_LEVELS = 5  # the line, its box and three levels around the box
# Parts of a class name for the buttons a byline's box may hold ("ks-byline-print") and for
# an author's social links ("byline__social-handle").
_BUTTON_PARTS = _TOOL_PARTS | _SHARE_PARTS | frozenset("print email mail comment comments tools".split())


def byline_button(node: _Node) -> bool:
    """A button in a byline's box, as its class names it ("printbtn ks-byline-print") or as
    its link runs a script ("<a href='javascript:window.print()'>print</a>")."""
    return any(not _BUTTON_PARTS.isdisjoint(_NAME_PARTS.split(name)) for name in _tokens(node, "class")) or \
        node.tag == "a" and node.attrs.get("href", "").strip().lower().startswith("javascript:")
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "shareButton": share, button


def _named_caption(node: _Node) -> Kind | None:
    """A caption or a credit outside <figcaption>, as its class names it ("caption",
    "wp-caption-text", "image-caption", "cutline", "photoCredit", "image-credit"); not a
    control that shows or hides one ("reveal-caption", "caption-icon"), a "credit-card" offer,
    nor an element that holds a byline ("<span class='caption'>By <a rel='author'>…")."""
    if node.tag in _NOT_CAPTIONS:
        return None
    for name in _class_and_id(node):  # (or its id, on old pages: <p id="lead-caption">)
        # CNBC's "attribution" ("article-attribution" is a byline's box), a "photo-byline"
        if name == "attribution" or _PICTURE_BYLINE.search(name):
            return Kind.CREDIT
        parts = set(_NAME_PARTS.split(name))
        if not parts.isdisjoint(_CAPTION_CONTROLS):
            continue
        for kind, part in ((Kind.CAPTION, _CAPTION_PART), (Kind.CREDIT, _CREDIT_PART)):
            if any(part.fullmatch(p) for p in parts):
                return None if any(_is_byline(n) for n in _elements(node)) else kind
    return None
