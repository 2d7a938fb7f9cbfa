"""Blocks -> Article: what each line of a scraped article is.

A reader hands over blocks (paragraphs or lines, with a hint where the format says what a
block is). Here each block becomes one or more segments: headline and its repeats, byline,
dateline, body, photo caption and its credit (split apart where a scraper glued them),
boilerplate, related-story headlines trailing the story, subheads. Body segments are then
split into sentences. All patterns come from rules/segmenter.yml.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

from checker.model import CODE, ITALIC, QUOTATION, STANDFIRST, Article, Block, Kind, Segment, Sentence, Source
from checker.segment_vocabulary import Patterns, SegmenterParams, compile_patterns

# Segments of one article that checker judges; a story has a few hundred at most.
MAX_SEGMENTS = 5_000
# A title-shaped line inside the story up to this long is a subhead.
SUBHEAD_WORDS = 15
# The note on a body line shaped like a subhead that its format sets as a paragraph.
SHAPED_PARAGRAPH = "shaped like a heading, set as a paragraph"
_LETTERS = re.compile(r"[^\W\d_]{2}")
# The note on each of three or more short lines in a row inside the story, not in Title Case:
# a list of the story's own points ("Can it be repaired?" / "Can it be upgraded?"), which a
# plain-text scrape sets a line apiece; a subhead stands alone before its paragraph.
LIST_ITEM = "one of several short lines in a row: a list"
LIST_RUN = 3
LIST_ITEM_WORDS = 4
# The note on a page's heading after the story's last paragraph.
AFTER_STORY = "a heading after the story's end"
# The note on a link to another story that the page or the scraper set in the story's place.
RELATED_LINK = "related-story link"
# A headline in capitals set between a scrape's paragraphs has this many words or more.
_CAPITAL_LINK_WORDS = 6
# The note on a picture's caption among a rail's headlines: another story's picture.
RAIL_CAPTION = "a related story's picture caption, in a rail"
_CARD_PARTS = (Kind.OTHER, Kind.CREDIT, Kind.CAPTION, Kind.BOILERPLATE)
RAIL_CARD_LABEL = "a related story's section or share count, in a rail"
RAIL_SUMMARY = "a related story's summary, in a rail"


def of_another_story(note: str) -> bool:
    """A segment's note saying it belongs to another story a rail or a link points to (its
    headline, summary, picture, section): it says nothing of who wrote this one."""
    return note.startswith(RELATED_LINK) or note in (RAIL_CAPTION, RAIL_SUMMARY, RAIL_CARD_LABEL)


# Cards of other stories with no label over them: this many in a row, each summary this short.
_MIN_CARDS = 3
_CARD_SUMMARY_WORDS = 40
_SHARE_COUNT = re.compile(r"[\d,.]+[KkMm]?")
_CARD_LABEL_WORDS = 2
# The note on a short line after the story among the site's own lines: a link of its footer.
FOOTER_LINK = "a link of the site's footer"
_FOOTER_LINES = 2
# The note on a linked row of the site's sections set apart by bars ("RSS | About | Contact
# Us | Privacy Policy"): its navigation, not another story.
NAVIGATION_ROW = "a row of navigation links"
_NAV_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_NAV_ITEMS, _NAV_ITEM_WORDS = 3, 4
# The note on widget text a scrape ran into a paragraph, and how many such a paragraph is cut at.
INLINE_BOILERPLATE = "page text run into the paragraph"
_MAX_INLINE = 20
# A caption runs to a sentence or three (the wires' longest about 90 words).
_MAX_CAPTION_WORDS = 120
# A page's label over a picture's credit, on a line of its own: "Credit...", "Photo credit:".
_CREDIT_LABEL = re.compile(r"(?i)(?:photo |image |picture )?credits?\s*(?:\.{2,}|…|:)?")
CREDIT_LABEL = "a label over a picture's credit"
_CREDIT_UNDER_LABEL_WORDS = 10
# The note on a short line directly over a picture's credit set alone (a plain-text scrape
# keeps a caption and its credit a line apiece): "Jane and Omar Doe." / "Ann Roe/Getty Images".
OVER_ITS_CREDIT = "a short line over a picture's credit"
_CAPTION_OVER_CREDIT_WORDS = 25
# A press release's contacts: a heading ("Media Contact") over this many short lines at most.
CONTACTS = "a press release's contacts"
ABOUT = "a press release's description of its company"
ABOUT_HEADING = "a press release's heading over its company's description"
# An "About" section is a paragraph or two (a release by two companies has two sections).
_MAX_ABOUT_PARAGRAPHS = 4
_MAX_CONTACT_LINES = 24
_CONTACT_LINE_WORDS = 10
# A scraper's labels for the fields it saved: the title's, the text's and the others', on a
# line of their own over the value ("Headline:", "Body:", "Timestamp:") or opening the
# value's line ("Title: Harbour wall to be rebuilt", "Body: Bob Edwards, the longtime…").
_TITLE_NAMES = r"(?:title|headline)"
_TEXT_NAMES = r"(?:body|text|content|article(?: text| body| content)?|summary|description)"
_OTHER_NAMES = r"(?:authors?|byline|timestamp|date|published|url|link|source|keywords|tags)"
_TITLE_LABEL = re.compile(rf"{_TITLE_NAMES}\s*:", re.IGNORECASE)
_TITLE_FIELD = re.compile(rf"\s*{_TITLE_NAMES}\s*:\s*(?=\S)", re.IGNORECASE)
_TEXT_FIELD = re.compile(rf"{_TEXT_NAMES}\s*:\s*(?=\S)", re.IGNORECASE)
_FIELD_LABEL = re.compile(rf"(?:{_TITLE_NAMES}|{_TEXT_NAMES}|{_OTHER_NAMES})\s*:", re.IGNORECASE)
TITLE_FIELD = "a scraper's label for the title"
FIELD_LABEL = "a scraper's field label"
# A scraper's number for the record it saved: "Article Number: 1", "Story #12", "Item 3".
_RECORD_LABEL = re.compile(r"(?:article|record|item|story|entry)\s*(?:number|no\.?|id)?\s*[:#]?\s*\d{1,6}", re.IGNORECASE)
# A scraper's field with the page's address, over the saved text: no headline.
_ADDRESS_FIELD = re.compile(r"(?:source\s+)?(?:url|link)\s*:\s*https?://\S+", re.IGNORECASE)
# The note on a page's copy of its headline that the page sets as a heading (an <h2>, a line
# all in bold): a recipe card's or a section's title, where a copy set as a paragraph is not.
SET_AS_HEADING = "set as a heading"


_END_PUNCT = re.compile(r"[.!?;:,…]['\"”’)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def normalized(text: str) -> str:
    """Comparison key: case, accents, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# Bounded, so a long word with an "@" in it is not scanned again from each of its letters.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.\w")


_LABEL_VALUE = re.compile(r"\s\d{1,3}(?:,\d{3})*(?:[.,]\d{1,2})?(?:/\d{1,3})?%?\s*$")
_LABEL_VALUE_WORDS = 3


def _label_value(text: str, n: int | None = None) -> bool:
    """A label and its value, a row of a score card ("Battery life 10", "Attendance: 6,400");
    `n`: the line's word count, when the caller has it."""
    return (len(words(text)) if n is None else n) <= _LABEL_VALUE_WORDS and bool(_LABEL_VALUE.search(text))


def is_title_shaped(text: str, max_words: int, reported: re.Pattern) -> bool:
    """A headline-like line: short, starts with a capital or digit, no closing full stop, and
    no reported speech (`reported`: segmenter.yml's reported_speech_pattern)."""
    n = len(words(text))
    if not 2 <= n <= max_words or "\n" in text:
        return False
    if reported.search(text):
        return False  # headlines report in the present tense; "X said Y" is a sentence
    if _EMAIL.search(text):
        return False  # a contact line ("… at jdoe@example.net"), never a headline
    if _label_value(text, n):
        return False  # a label and its value, a row of a score card ("Battery life 10")
    first = text.lstrip("\"“‘'(")[:1]
    if not (first.isupper() or first.isdigit()) or text[:1] in "\"“":
        return False
    if text[:1] == "(" and text.rstrip()[-1:] == ")":
        return False  # "(Cross-posted on the Open Source Blog)": an aside, never a heading
    if n >= _QUOTED_CLOSE_WORDS and _QUOTED_CLOSE.search(text, max(0, len(text) - _QUOTED_CLOSE_REACH)):
        return False  # "…just after Weaver uttered the lines: “Upon thy wicked dam, come forth!”"
    return not re.search(r"[.;,:…]['\"”’)\]]*$", text)


# A long line closing on a quotation it opened after a colon or comma is a sentence that
# reports speech; a headline quoting someone is shorter ('Rescue video: "We got her!"').
_QUOTED_CLOSE = re.compile(r"[:,]\s+[“\"‘'][^“”\"]*[.!?…][”\"’']$")
_QUOTED_CLOSE_WORDS = 14
_QUOTED_CLOSE_REACH = 400  # only a line's end is searched: a long word of commas costs no more


# "** Not a real statistic." under a story that wrote "300,000**": the author's footnote to a
# mark in the text, not a paragraph of the story (nor of another one).
_FOOTNOTE = re.compile(r"(\*{1,3}|†|‡|\[\d{1,2}\])\s?(?=\w)")


_CODE_CLOSER = re.compile(r"[}\])]{1,3};?")
_CODE_LINE_CHARS = 200


def _code_line(line: str) -> bool:
    """A line of code: a comment, a statement ending on ";", "{" or "}" with a call or an
    assignment in it, or a lone closing bracket. Tested by its ends, in constant time."""
    if len(line) > _CODE_LINE_CHARS:
        return False
    return line.startswith(("//", "/*", "#!", "#include ")) or bool(_CODE_CLOSER.fullmatch(line)) or \
        line[-1:] in (";", "{", "}") and ("(" in line or "=" in line)


def _footnote(source: str, text: str) -> bool:
    m = _FOOTNOTE.match(text.strip())
    if not m or m.group(1) in text.strip()[m.end():]:
        return False  # "**Bold lead** and the rest": emphasis, closed in the same line
    return _marks_the_text(source, m.group(1))


@lru_cache(maxsize=4)  # the sources of the articles being segmented, not an archive's
def _marks_the_text(source: str, mark: str) -> bool:
    """Whether the text sets `mark` after a word ("300,000**"): searched once per source and
    mark, however many of its lines open on one (a list of "* item" lines)."""
    return re.search(rf"[\w%)\]](?:{re.escape(mark)})(?![*\w])", source) is not None


# What makes a long unpunctuated line something else than a caption: a quote, a question,
# a label ("Related: …", "Cover image: …"), a link, a bracketed promo, a list item running on,
# the house speaking to its reader ("Take our weekly news quiz…", "Our correspondents…").
_NOT_A_SCENE = re.compile(r"[“”\"?!;:\[\]|@]|https?://|www\.|^\W|\b(?:and|or|but)$|"
                          r"^(?:Our|We|You|Your|Take|Read|Click|Get|Join|Follow|Sign|Subscribe|Try|"
                          r"Learn|Discover|Share|Listen|Check)\b")
_SCENE_MIN_WORDS = 12


def _unpunctuated_scene(text: str) -> bool:
    """A sentence-long line with no full stop inside the story, not in Title Case: "Gary Doe
    and his lawyer attempted to get him declared insane at his trial". Tabloids and galleries
    write captions so; a subhead is shorter, a headline of another story is Title Case or
    sits in the tail, and a story's paragraph ends on its full stop."""
    text = text.strip()
    return len(words(text)) >= _SCENE_MIN_WORDS and not _NOT_A_SCENE.search(text) and not title_case(text)


# "5. GET ADVICE FROM A PRO": a numbered point of the story's own list.
_LIST_POINT = re.compile(r"\(?\d{1,2}[.)]\s")


def _promo_link(text: str) -> bool:
    """A linked line in capitals, or in Title Case as a headline is ("Chance the Rapper
    Covers Kanye West's 'Family Business' in New Video"), that is no lead-in and no numbered
    point of a list."""
    line = text.strip()
    shaped = _capitals(line) or title_case(line) and len(words(line)) >= _PROMO_TITLE_WORDS \
        and not line.endswith((".", ","))
    return shaped and not line.endswith(":") and not _LIST_POINT.match(line)


# A linked line in Title Case this long reads as another story's headline, not a name.
_PROMO_TITLE_WORDS = 5


def _link_note(text: str) -> str:
    """A linked line's note: the site's navigation row, or a link to another story."""
    items = _NAV_SEPARATOR.split(text.strip())
    if len(items) >= _NAV_ITEMS and all(0 < len(words(item)) <= _NAV_ITEM_WORDS for item in items):
        return NAVIGATION_ROW
    return RELATED_LINK


def _capitals(text: str) -> bool:
    """Every letter a capital, and a few of them: "STRATEGIC CORRIDORS", not "A-1"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _card_label(line: str) -> bool:
    """A card's count of shares ("69,268") or its section in capitals ("US", "ARTS")."""
    letters = [c for c in line if c.isalpha()]
    return bool(_SHARE_COUNT.fullmatch(line)) or \
        bool(letters) and all(c.isupper() for c in letters) and len(line.split()) <= _CARD_LABEL_WORDS


def title_case(text: str) -> bool:
    """Most of the longer words capitalised, as in "Redesigned Scopes Fail to Stop Outbreaks"."""
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) / len(long) >= 0.75


_COPYRIGHT_SIGN = re.compile(r"(?:©|\(c\))\s*", re.IGNORECASE)


def _copyright_slash_credit(line: str, pat: Patterns) -> bool:
    """A copyright sign before a slash credit and nothing else: "© AFP/ Jane Doe"."""
    m = _COPYRIGHT_SIGN.match(line)
    rest = line[m.end():] if m else ""
    return "/" in rest and len(rest) <= 80 and _only_credit(rest, pat)


def _only_credit(line: str, pat: Patterns) -> bool:
    """A credit and nothing before it: "/AFP via Getty Images", "REUTERS/Jane Doe"."""
    lead = pat.credit_lead.match(line)
    if lead and lead.end() >= len(line):
        return True
    spaced = " " + line
    for p in pat.credit_tail:
        # A match at the start (or just after the space) is what a search would find first;
        # trying those two places only keeps a long line from being searched at each offset.
        m = p.match(spaced) or p.match(spaced, 1)
        if m and m.end() >= len(line):
            return True
    # "Universal History Archive | UIG | Getty Images": a chain of names to the agency.
    tail = _split_tail_credit(line, pat) if "|" in line else None
    return tail is not None and _credit_chain(line[:tail], line[tail:])


def _split_lead_credit(text: str, pat: Patterns) -> tuple[int, str] | None:
    """End offset of a credit opening the block, and the note its credit piece carries.

    Slash credits (REUTERS/Name/HandoutA view …): the last slash component runs into the
    caption, which starts where a lowercase letter is glued to a capital ("HandoutA view"),
    or after the component's name words. Copyright credits ("© Getty Images A man walks…"):
    the caption starts at the first capitalised word followed by a lowercase one.
    """
    m = pat.credit_lead.match(text)
    if not m:
        cut = _split_copyright_credit(text, pat)
        return (cut, "credit opening the caption") if cut else None
    last_slash = text.rfind("/", 0, m.end())
    tail = text[last_slash + 1:]
    glue = re.search(r"[a-z)](?=[A-Z][a-z]?\b|[A-Z][a-z])", tail)
    if glue and glue.end() < len(tail):
        return last_slash + 1 + glue.end(), "credit glued to caption"
    # "REUTERS/Omar Sanadiki A man walks…": credit names are one to three capitalised words.
    name = re.match(r"(?:[A-Z][\w.'-]*\s){1,3}?(?=(?:A|An|The|[A-Z][a-z]+)\s+[a-z])", tail)
    if name and len(text) - (last_slash + 1 + name.end()) > 20:
        return last_slash + 1 + name.end(), ""
    return None


def _split_copyright_credit(text: str, pat: Patterns) -> int | None:
    """End of "© Photo courtesy of Stock Site, Public Domain" before "The reason…".
    A line that is only a copyright notice has no caption after it and stays boilerplate."""
    m = pat.copyright_credit.match(text)
    if not m or len(words(text[m.end():])) < 5 or re.search(r"(?i)rights reserved", text):
        return None
    return m.end()


# A credit closing a caption is a few words; only the end of a block this long is searched
# for one. A search of the whole block tried each of its offsets, and a pattern opening on a
# run of spaces read the run again from each (4 MB of space runs: minutes).
_CREDIT_TAIL_REACH = 400


_BARE_CREDIT = re.compile(r"\s*Credit\s+[A-Z]")
# "Top Overnight News from Bloomberg": an agency's name a heading's preposition governs.
_GOVERNED = re.compile(r"(?i)\b(?:from|by|of|at|for|with|to|on|in|about)$")


def _credit_chain(head: str, tail: str) -> bool:
    """What stands before a caption's closing credit is more of the credit: two or more
    names set apart by bars, each of capitalised words ("Universal History Archive | UIG"
    before " | Getty Images")."""
    head = head.strip()
    if not (head.endswith("|") or tail.lstrip().startswith("|")):
        return False
    parts = [p.strip() for p in head.rstrip("|").split("|")]
    return len(parts) >= 2 and all(
        p and len(p.split()) <= _CHAIN_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in p.split())
        for p in parts)


_CHAIN_WORDS = 5
# A first line of this many words or more, closed by a full stop, is a story's lead.
_LEAD_WORDS = 20
# Footer lines run together are a few sentences; a story's paragraph is not searched for them.
_MAX_RUN_TOGETHER_FOOTER = 1_000
_NAME_ONLY = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}(?:\s*[/|])?")


def _split_tail_credit(text: str, pat: Patterns) -> int | None:
    """Start offset of a credit closing a caption ("… 2019. (Joshua Roberts/Reuters)")."""
    reach = max(0, len(text.rstrip()) - _CREDIT_TAIL_REACH)
    for p in pat.credit_tail:
        m = p.search(text, reach)
        if m and m.end() >= len(text.rstrip()) and m.start() > 0:
            # "Senate Votes to Boost Credit Rater Rules": in a headline set in Title Case a
            # bare "Credit" is one of its words, not a label before the picture's credit.
            if _BARE_CREDIT.match(m.group()) and title_case(text[:m.start()]):
                continue
            # In a Title Case heading an agency after a preposition is one of its words.
            governed = _GOVERNED.search(text, max(0, m.start() - 8), m.start())
            if governed and m.group()[:1].isspace() and title_case(text[:governed.start()]):
                continue
            return _back_over_slashed_names(text, m.start())
    return None


# A photographer's name and an agency run into the credit by slashes: "Andy Lewis/Icon
# Sportswire/Getty Images", where the credit found opens at "Sportswire".
_SLASHED_NAMES = re.compile(r"(?:^|(?<=\s))(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}/){1,3}"
                            r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?\s*$")
_SLASHED_REACH = 80


def _back_over_slashed_names(text: str, start: int) -> int:
    """The credit's start moved back over the names joined to it by slashes before it."""
    m = _SLASHED_NAMES.search(text, max(0, start - _SLASHED_REACH), start)
    return m.start() if m and m.end() == start else start


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is its line's whole text, spaces aside."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end: len(text) if line_end < 0 else line_end].strip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "|-–—"):
        end -= 1
    return start, end


class Segmenter:
    def __init__(self, params: SegmenterParams):
        self.params = params
        self.pat = compile_patterns(params)

    def _piece(self, src: Source, kind: Kind, start: int, end: int, note: str = "") -> tuple:
        start, end = _trim(src.text, start, end)
        return (kind, start, end, note)

    def _hinted_caption(self, text: str, s: int, e: int, note: str) -> tuple:
        """What the format calls a caption (a figcaption, an image's alt text) may be only a
        credit ("/AFP via Getty Images", "Credits: Supplied Image") or the label of a share
        button, an avatar or a thumbnail ("Share via email", "author avatar image")."""
        line = text.strip()
        if any(p.fullmatch(line) for p in self.pat.credit_tail) or _only_credit(line, self.pat):
            return (Kind.CREDIT, s, e, "credit without a caption")
        # A video's running time ("2:44") or a gallery's count ("3/12") in a caption's place
        # says nothing a caption says.
        if not _LETTERS.search(line):
            return (Kind.OTHER, s, e, "no words")
        # A label or a date stamp set in a caption's element ("<span class='caption'>Posted:
        # </span> <span class='publishdate'>Wednesday, May 06, 2015</span>").
        if line.endswith(":") and len(line.split()) <= 3:
            return (Kind.OTHER, s, e, "label")
        if any(p.fullmatch(line) for p in self.pat.furniture):
            return (Kind.OTHER, s, e, "page furniture")
        n_words = len(words(line))
        if n_words <= self.params.max_label_words and any(p.search(line) for p in self.pat.image_label):
            return (Kind.OTHER, s, e, "image label")
        if n_words <= self.params.max_boilerplate_words and \
                any(p.search(line) for p in (*self.pat.boilerplate, *self.pat.advert)):
            return (Kind.BOILERPLATE, s, e, "promo in a caption's place")
        return (Kind.CAPTION, s, e, note)

    def _classify(self, src: Source, block: Block) -> list[tuple]:
        """Kinds of one block, before positional decisions (headline, related, subhead)."""
        text, s, e = block.text, block.start, block.end
        pat, n_words = self.pat, len(words(block.text))
        if block.hint is Kind.CAPTION:
            # "… in Carson, California. (AP Photo/Damian Dovarganes)": the figcaption's own
            # credit is a credit here as in plain text, not names the caption brings in.
            # "© Jane Doe, AFP | Leading researcher Omar Haddad was among the victims": the
            # credit set before the caption, as a copyright line opens
            lead = _split_copyright_credit(text, pat)
            if lead is not None and self._hinted_caption(text[lead:], s + lead, e, block.note)[0] is Kind.CAPTION:
                return [self._piece(src, Kind.CREDIT, s, s + lead, "credit opening the caption"),
                        self._piece(src, Kind.CAPTION, s + lead, e, block.note)]
            tail = _split_tail_credit(text, pat)
            # ("Mandel Ngan / AFP / Getty Images": a credit alone, however it splits)
            if tail is not None and len(words(text[:tail])) >= 3 and not _only_credit(text.strip(), pat):
                caption = self._hinted_caption(text[:tail], s, s + tail, block.note)
                if caption[0] is Kind.CAPTION:
                    return [self._piece(src, Kind.CAPTION, s, s + tail, block.note),
                            self._piece(src, Kind.CREDIT, s + tail, e, "")]
            return [self._hinted_caption(text, s, e, block.note)]
        # A page's heading may be its promo: "Get daily National news" set as an <h3>.
        if block.hint is Kind.SUBHEAD and n_words <= self.params.max_boilerplate_words and \
                any(p.search(text) for p in (*pat.boilerplate, *pat.advert)):
            return [(Kind.BOILERPLATE, s, e, "promo heading")]
        # "Tags: floods, Bangladesh", "Topic: …" set as a heading or a line: the story's filing.
        if block.hint in (None, Kind.SUBHEAD) and any(p.fullmatch(text.strip()) for p in pat.tag_line):
            return [(Kind.OTHER, s, e, "tags")]
        # "<h6 class='dateline'>Published: November 13, 2010</h6>": a timestamp set as a heading.
        if block.hint in (None, Kind.SUBHEAD) and any(p.fullmatch(text.strip()) for p in pat.furniture):
            return [(Kind.OTHER, s, e, "page furniture")]
        if block.hint is not None:
            return [(block.hint, s, e, block.note)]
        # A wire's dateline on a line of its own above the story: "SEOUL, South Korea (AP) -".
        line = text.strip()
        alone = pat.dateline.match(line + " ")
        if alone and alone.end() > len(line) and "(" in line:
            return [(Kind.DATELINE, s, e, "")]
        if any(p.search(text) for p in pat.wire_line):
            return [(Kind.CREDIT, s, e, "wire credit line")]
        if pat.closing_dateline.fullmatch(text.strip()):
            return [(Kind.DATELINE, s, e, "")]
        # Before boilerplate: "© Getty Images A man walks…" opens like a copyright line.
        lead = _split_lead_credit(text, pat)
        if lead:
            cut, note = lead
            return [self._piece(src, Kind.CREDIT, s, s + cut, note),
                    self._piece(src, Kind.CAPTION, s + cut, e)]
        # "© AFP/ Jane Doe": a copyright sign before an agency and its photographer is a
        # picture's credit, not the house line "© Daily Planet Media".
        if _copyright_slash_credit(text.strip(), pat):
            return [(Kind.CREDIT, s, e, "")]
        if n_words <= self.params.max_boilerplate_words and any(p.search(text) for p in pat.boilerplate):
            return [(Kind.BOILERPLATE, s, e, "")]
        if n_words > self.params.max_boilerplate_words and self._boilerplate_sentences(text):
            return [(Kind.BOILERPLATE, s, e, "house lines run together")]
        if n_words <= self.params.max_boilerplate_words and any(p.search(text) for p in pat.advert):
            return [(Kind.BOILERPLATE, s, e, "advert")]
        if n_words <= self.params.max_appeal_words and any(p.search(text) for p in pat.appeal):
            return [(Kind.BOILERPLATE, s, e, "appeal")]
        # (an author's closing biography runs to a long line: "Robert Powell is editor of
        # Retirement Weekly, contributes regularly to MarketWatch, … and teaches at …")
        if n_words <= self.params.max_boilerplate_words and any(p.match(text) for p in pat.byline):
            return [(Kind.BYLINE, s, e, "")]
        if any(p.fullmatch(text.strip()) for p in pat.credit_tail) or _only_credit(text.strip(), pat):
            return [(Kind.CREDIT, s, e, "")]
        tail = _split_tail_credit(text, pat)
        if tail is not None and _NAME_ONLY.fullmatch(text[:tail].strip()):
            # "Chip Doe / Getty Images file", "Denny Doe / NASA via AP": the photographer is no caption
            return [(Kind.CREDIT, s, e, "")]
        if tail is not None:
            while tail < len(text) and (text[tail].isspace() or text[tail] in "|-–—"):
                tail += 1
            glued = not text[tail - 1].isspace() and text[tail] != "("
            note = "credit glued to caption" if glued else ""
            return [self._piece(src, Kind.CAPTION, s, s + tail),
                    self._piece(src, Kind.CREDIT, s + tail, e, note)]
        m = pat.dateline.match(text)
        if m and m.end() < len(text):
            return [self._piece(src, Kind.DATELINE, s, s + m.end()),
                    self._piece(src, Kind.BODY, s + m.end(), e)]
        if _footnote(src.text, text):
            return [(Kind.OTHER, s, e, "footnote")]
        # A code listing a plain-text scrape kept a line apiece ("console.log(x);", "// Print
        # it"): the story's own, but no prose for any rule. The markup says so on a page.
        if src.format != "html" and _code_line(text.strip()):
            return [(Kind.OTHER, s, e, CODE)]
        if not any(c.isalnum() for c in line):  # (a separator left alone: " / ", "•", "—")
            return [(Kind.OTHER, s, e, "no words")]
        # (a caption is a sentence or three: a scrape that ran the whole story into one line
        # after its picture's caption is the story)
        if n_words <= _MAX_CAPTION_WORDS and any(p.search(text) for p in pat.caption) and block.note != STANDFIRST:
            return [(Kind.CAPTION, s, e, "")]
        if self._image_label(line):
            return [(Kind.OTHER, s, e, "image label")]
        if src.format != "html":  # (a page's reader keeps its widgets apart from its paragraphs)
            inline = self._inline_boilerplate(src, s, e)
            if inline:
                return inline
        if _FIELD_LABEL.fullmatch(line) or _RECORD_LABEL.fullmatch(line):
            return [(Kind.OTHER, s, e, FIELD_LABEL)]
        field = _TEXT_FIELD.match(text)
        if field:
            return [self._piece(src, Kind.OTHER, s, s + field.end(), FIELD_LABEL),
                    self._piece(src, Kind.BODY, s + field.end(), e)]
        return [(Kind.BODY, s, e, block.note if block.note in (STANDFIRST, QUOTATION, ITALIC) else "")]

    def _boilerplate_sentences(self, text: str) -> bool:
        """A page's footer lines a scrape ran into one ("This material may not be published…
        ©2024 Daily Planet. All rights reserved. Market data provided by Factset."): every
        sentence of it, two or more, is boilerplate on its own."""
        if len(text) > _MAX_RUN_TOGETHER_FOOTER:
            return False
        sentences = [text[a:b] for a, b in split_sentences(text)]
        return len(sentences) >= 2 and all(
            len(words(t)) <= self.params.max_boilerplate_words and any(p.search(t) for p in self.pat.boilerplate)
            for t in sentences)

    def _not_a_headline(self, text: str) -> bool:
        """A first line a scrape kept where the headline should be, but which is none: the
        story's lead, opening on a wire dateline ("WASHINGTON — The court seems poised to
        reject the appeal."; "BREAKING — Quake hits Japan" is a headline) or a long sentence;
        a label ("Follow:"), page furniture, a source label ("Source: Dawn News") or a house
        line ("Copyright 2024 The Associated Press. All Rights Reserved.")."""
        line = text.strip()
        if self.pat.dateline.match(line) and line.endswith((".", "!", "?", '"', "”")):
            return True
        # A long sentence closed by a full stop is the lead: a headline has no full stop, or
        # is short ("Aunt cuts off nephew's toe after he bursts in on her.")
        if line.endswith(".") and not line.endswith("..") and len(words(line)) >= _LEAD_WORDS:
            return True
        if line.endswith(":") and len(line.split()) <= 3 or any(p.fullmatch(line) for p in self.pat.furniture):
            return True
        if any(p.search(line) for p in self.pat.wire_line):  # a scraper's "Source: Dawn News"
            return True
        # A picture's credit, or its credit and caption ("Image copyright Reuters Image caption
        # Mr Putin was in Sochi…"), or a caption's control ("Enlarge this image")
        if self.pat.copyright_credit.match(line) or any(p.fullmatch(line) for p in self.pat.credit_tail) or \
                _only_credit(line, self.pat) or self._image_label(line):
            return True
        # A sentence closed by a full stop and then a credit is a caption: "Justin Nelson, the
        # company's lead counsel, appears on CNN. (CNN)"
        tail = _split_tail_credit(line, self.pat)
        if tail is not None and line[:tail].rstrip().endswith("."):
            return True
        return len(words(line)) <= self.params.max_boilerplate_words and any(p.search(line) for p in self.pat.boilerplate)

    def _inline_boilerplate(self, src: Source, s: int, e: int) -> list[tuple]:
        """A paragraph cut around the widget text a scrape ran into it ("…in 2013. hide caption
        toggle caption Jane Doe/Getty Images A federal judge…"): the story's text on either
        side, the widget's as boilerplate. Empty when the paragraph holds none."""
        found = sorted((m.start(), m.end()) for p in self.pat.inline_boilerplate
                       for m in itertools.islice(p.finditer(src.text, s, e), _MAX_INLINE))
        pieces: list[tuple] = []
        at = s
        for a, b in found:
            if a < at:
                continue
            if _LETTERS.search(src.text, at, a):
                pieces.append(self._piece(src, Kind.BODY, at, a))
            pieces.append(self._piece(src, Kind.BOILERPLATE, a, b, INLINE_BOILERPLATE))
            at = b
        if pieces and _LETTERS.search(src.text, at, e):
            pieces.append(self._piece(src, Kind.BODY, at, e))
        return [p for p in pieces if p[2] > p[1]]

    def _image_label(self, line: str) -> bool:
        """A picture's label or control on a line of its own: "Enlarge this image", "toggle
        caption", "Author avatar"."""
        return len(words(line)) <= self.params.max_label_words and any(p.fullmatch(line) for p in self.pat.image_label)

    def segment(self, src: Source) -> Article:
        blocks = [b for b in src.blocks if b.text.strip()]
        pieces: list[list] = []
        has_headline = any(b.hint is Kind.HEADLINE for b in blocks)
        headline_key = None
        paragraphs: set[int] = set()  # where pieces of blocks set as paragraphs start
        linked: set[int] = set()  # where pieces of blocks mostly a link's words start (HTML)
        linked_blocks = src.meta.get("linked", frozenset())
        # (a scraper's fields may come first: "Article Number: 1", a rule of underscores,
        # "URL: https://…", "Headline:" over the headline)
        top = next((i for i, b in enumerate(blocks) if _LETTERS.search(b.text) and
                    not any(p.fullmatch(b.text.strip()) for p in (_TITLE_LABEL, _ADDRESS_FIELD, _RECORD_LABEL))), 0)
        for i, block in enumerate(blocks):
            # (a scraper's field label over its saved title: "Title: Harbour wall to be rebuilt")
            label = _TITLE_FIELD.match(block.text) if i == top else None
            title = block.text[label.end():] if label else block.text
            if not has_headline and i == top and block.hint is None and \
                    len(words(title)) <= self.params.max_headline_words and not self._not_a_headline(title):
                if label:
                    pieces.append([Kind.OTHER, block.start, block.start + len(label.group().rstrip()), TITLE_FIELD])
                pieces.append([Kind.HEADLINE, block.start + (label.end() if label else 0), block.end, ""])
                headline_key = normalized(title)
                continue
            if block.hint is Kind.HEADLINE and headline_key is None:
                headline_key = normalized(block.text)
            # A page's own copies of its headline come as furniture: its layout, not a repeat.
            elif headline_key and normalized(block.text) == headline_key and block.hint is not Kind.OTHER:
                first = next(p for p in pieces if p[0] is Kind.HEADLINE)
                heading = src.format == "html" and not block.paragraph
                pieces.append([Kind.HEADLINE, block.start, block.end,
                               f"repeat of line {src.position(first[1])[0]}" + (f", {SET_AS_HEADING}" if heading else "")])
                continue
            found = self._classify(src, block)
            pieces.extend(list(p) for p in found)
            if block.paragraph and block.hint is None:
                paragraphs.update(p[1] for p in found)
            if block.start in linked_blocks:
                linked.update(p[1] for p in found)
        self._mark_contacts(src, pieces)
        self._mark_about(src, pieces)
        self._mark_author_bio(src, pieces)
        if src.format != "html":  # (a page's markup says which lines are its captions)
            self._mark_credit_labels(src, pieces)
            self._mark_captions_over_credits(src, pieces)
        self._mark_tail_and_subheads(src, pieces, paragraphs, linked if src.format == "html" else None)
        pieces = [p for p in pieces if p[2] > p[1]]
        # Past MAX_SEGMENTS the rest is left out, and said: every rule is linear, but the
        # vectors of a hundred thousand lines alone take longer than anyone waits for a file.
        left_out = max(0, len(pieces) - MAX_SEGMENTS)
        segments = tuple(Segment(kind, src.text[s:e], s, e, i, note)
                         for i, (kind, s, e, note) in enumerate(pieces[:MAX_SEGMENTS]))
        return Article(src, segments, tuple(self._sentences(segments)), left_out)

    def _mark_contacts(self, src: Source, pieces: list[list]) -> None:
        """A press release's contacts after its text: under a heading such as "Media
        Contact", short lines to the end (names, titles, companies, telephone numbers) that
        are credits of the release, not headlines of other stories glued after it."""
        end = len(pieces)
        while end > 0 and pieces[end - 1][0] is Kind.OTHER:
            end -= 1
        # (looked for among the last lines only: a contact block is short)
        for j in range(end - 1, max(end - _MAX_CONTACT_LINES - 1, -1), -1):
            kind, s, e, _ = pieces[j]
            text = src.text[s:e].strip()
            if kind in (Kind.BODY, Kind.SUBHEAD) and self.pat.contact_heading.fullmatch(text):
                under = pieces[j + 1:end]
                if under and all(len(words(src.text[p[1]:p[2]])) <= _CONTACT_LINE_WORDS for p in under):
                    for p in pieces[j:end]:
                        if p[0] in (Kind.BODY, Kind.SUBHEAD):
                            p[0], p[3] = Kind.CREDIT, CONTACTS
                return
            if len(words(text)) > _CONTACT_LINE_WORDS:
                return

    def _mark_about(self, src: Source, pieces: list[list]) -> None:
        """A press release's "About Metro Water" sections after its text (nothing but
        contacts, credits and furniture after them): each heading is furniture and the
        paragraphs under it the release's own standard text, not the story's."""
        under: list[list] = []
        for p in reversed(pieces):
            kind, s, e, _ = p
            heading = src.text[s:e].strip()
            if kind in (Kind.BODY, Kind.SUBHEAD, Kind.OTHER) and self.pat.about_heading.fullmatch(heading):
                name = heading.split()[2 if heading.startswith("About the ") else 1].rstrip(":,")
                if not under or name not in src.text[under[-1][1]:under[-1][2]]:
                    return  # "About Metro City" over "The city has grown…": the story's own heading
                p[0], p[3] = Kind.OTHER, ABOUT_HEADING
                for q in under:  # (a credit of the release, as its contacts are)
                    q[0], q[3] = Kind.CREDIT, ABOUT
                under = []
            elif kind is Kind.BODY and len(under) < _MAX_ABOUT_PARAGRAPHS:
                under.append(p)
            elif kind not in (Kind.OTHER, Kind.CREDIT, Kind.BOILERPLATE):
                return

    @staticmethod
    def _mark_credit_labels(src: Source, pieces: list[list]) -> None:
        """"Credit..." on a line of its own over a short line ("Eric Lee for The New York
        Times"): a page's label for the picture's credit, and the credit under it."""
        for above, p in zip(pieces, pieces[1:]):
            if above[0] in (Kind.BODY, Kind.SUBHEAD) and p[0] in (Kind.BODY, Kind.SUBHEAD, Kind.CREDIT) and \
                    _CREDIT_LABEL.fullmatch(src.text[above[1]:above[2]].strip()) and \
                    len(words(src.text[p[1]:p[2]])) <= _CREDIT_UNDER_LABEL_WORDS:
                above[0], above[3] = Kind.OTHER, CREDIT_LABEL
                p[0], p[3] = Kind.CREDIT, ""

    def _mark_captions_over_credits(self, src: Source, pieces: list[list]) -> None:
        """A short line, one sentence at most and no reported speech, set on its own directly
        over a line that is only a picture's credit is that picture's caption. Never the
        story's first paragraph: a lead may sit over the credit of the picture after it."""
        first_body = next((i for i, p in enumerate(pieces) if p[0] is Kind.BODY), None)
        for i in range(1, len(pieces)):
            kind, s, e, note = pieces[i]
            j = i - 2 if i >= 2 and pieces[i - 1][3] == CREDIT_LABEL else i - 1  # (over "Credit...")
            above = pieces[j]
            if kind is not Kind.CREDIT or note or above[0] is not Kind.BODY or above[3] or j == first_body:
                continue
            if not (_alone(src.text, s, e) and _alone(src.text, above[1], above[2])):
                continue
            text = src.text[above[1]:above[2]].strip()
            if len(words(text)) > _CAPTION_OVER_CREDIT_WORDS or self.pat.reported_speech.search(text) \
                    or len(split_sentences(text)) > 1:
                continue
            above[0], above[3] = Kind.CAPTION, OVER_ITS_CREDIT

    @staticmethod
    def _mark_author_bio(src: Source, pieces: list[list]) -> None:
        """The author's biography closing the story ("Jane Roe covers the Pentagon. She has
        reported for…"): a last paragraph that opens with the full name its byline gives is
        the story's byline again, not its prose."""
        names = {m[1] for p in pieces if p[0] is Kind.BYLINE
                 for m in [_BYLINE_NAME.match(src.text[p[1]:p[2]].strip())] if m}
        lines = [p for p in pieces if p[0] in (Kind.BODY, Kind.BOILERPLATE)][-_BIO_REACH:]
        for n, p in enumerate(reversed(lines)):
            text = src.text[p[1]:p[2]]
            signed = n == 0 and p[0] is Kind.BODY and any(
                text.startswith(name + " ") and _BIO_VERB.match(src.text, p[1] + len(name) + 1) for name in names)
            # With no byline to name the author, the biography names its beat and its outlet
            # ("Brian Flood covers the media for Fox News. Follow him on Twitter…"), whatever
            # promo it closes on; a line or two of the page's may follow it.
            if signed or len(words(text)) <= _BIO_WORDS and _BEAT_BIO.match(text):
                p[0], p[3] = Kind.BYLINE, AUTHOR_BIO
                return

    def _mark_tail_and_subheads(self, src: Source, pieces: list[list], paragraphs: set[int],
                                linked: set[int] | None = None) -> None:
        """Title-shaped lines after the last body paragraph are related-story headlines;
        inside the story they are subheads, unless the format sets them as paragraphs (the
        starts of such pieces: `paragraphs`), which stay body with a note of their shape."""
        def shaped(p: list) -> bool:
            return p[0] is Kind.BODY and p[3] != STANDFIRST and \
                is_title_shaped(src.text[p[1]:p[2]], self.params.max_related_words, self.pat.reported_speech)

        for p in _tail_run(src, pieces, self.params.max_headline_words, self.pat.reported_speech):
            p[0] = Kind.RELATED
        # The page's furniture after the story (tags, a share bar, a footer) may follow the
        # headlines glued after its last paragraph: a block of two different ones or more is
        # still found past it. One title-shaped line there (or one repeated) is more often the
        # page's own closing promo ("READ NEXT: …") or a letter's sign-off.
        end = len(pieces) - 1
        while end >= 0 and pieces[end][0] is Kind.OTHER:
            end -= 1
        i = end
        while i >= 0 and (shaped(pieces[i]) or pieces[i][0] in (Kind.BOILERPLATE, Kind.CREDIT)):
            i -= 1
        tail = [p for p in pieces[i + 1:end + 1] if p[0] is Kind.BODY]
        # Names under "Your release team," or "Regards,": a signature, not headlines; and so
        # is a run of people with their roles ("Jane Roe, CEO, Acme": a statement's signers),
        # and a list the story announces ("Here is the full list of councils…:") or whose
        # lines end alike ("Adur District Council", "Basildon Borough Council", …).
        before = src.text[pieces[i][1]:pieces[i][2]].rstrip() if i >= 0 else ""
        signed = before.endswith(",") or _a_list([src.text[p[1]:p[2]] for p in tail], before, _announced(src, pieces))
        furniture = sum(p[0] in (Kind.BOILERPLATE, Kind.OTHER) for p in pieces[i + 1:])
        if signed or end < len(pieces) - 1 and len({normalized(src.text[p[1]:p[2]]) for p in tail}) < 2:
            i = len(pieces) - 1
        elif linked is None and tail and furniture >= max(len(tail), _FOOTER_LINES):
            # Short lines among as many of the site's own lines or more ("Terms of Use",
            # "Privacy Policy", "© 2025 …") in a scrape of the whole page: the links of its
            # footer, not headlines (on a page, the markup says which lines are links).
            for p in tail:
                p[0], p[3] = Kind.BOILERPLATE, FOOTER_LINK
        else:
            for p in tail:
                p[0] = Kind.RELATED
        # On a page, a headline after the story that the markup links to another page is the
        # publisher's own link ("EDITOR'S RECOMMENDATIONS" and its list): a scraper's glued
        # headlines lost their links with the page.
        if linked is not None:
            for p in tail:
                if p[0] is Kind.RELATED and p[1] in linked:
                    p[0], p[3] = Kind.BOILERPLATE, _link_note(src.text[p[1]:p[2]])
        self._mark_link_runs(src, pieces[: i + 1], linked)
        if linked is None:
            self._mark_capital_links(src, pieces[: i + 1])
            self._mark_card_rails(src, pieces[: i + 1])
        story = pieces[: i + 1]
        first_body = next((p for p in story if p[0] is Kind.BODY), None)
        shapes = [shaped(p) for p in story]
        # (a quotation the page sets apart is someone's words, whatever its shape: not a
        # picture's caption nor a subhead)
        shapes = [shape and p[3] != QUOTATION for p, shape in zip(story, shapes)]
        scenes = [shape and p is not first_body and _unpunctuated_scene(src.text[p[1]:p[2]])
                  for p, shape in zip(story, shapes)]
        for j, p in enumerate(story):
            # "<p><a href='/…'><strong>US DEPENDENCY ON CHINA COULD GET WORSE: CEO</strong></a>
            # </p>": a line in capitals or Title Case the page links elsewhere, set in the
            # story, is a link to another story, not a subhead of this one (a linked line in
            # sentence case may be the story's own list of sources or chapters).
            if linked is not None and p[1] in linked and p[0] is Kind.BODY and _promo_link(src.text[p[1]:p[2]]):
                p[0], p[3] = Kind.BOILERPLATE, _link_note(src.text[p[1]:p[2]])
                continue
            # "Dalton Caldwell" signing a letter, "Finally, deploy the changes" set in a <p>:
            # the page says it is running text, whatever its shape. The shape is noted, as
            # the judges of a line read it (a stray headline is title-shaped wherever it sits).
            # A line set in capitals is set as a heading is ("<p>NEVER SAY GOODBYE</p>").
            if p[1] in paragraphs and not _capitals(src.text[p[1]:p[2]]):
                if shapes[j] and len(words(src.text[p[1]:p[2]])) <= SUBHEAD_WORDS:
                    p[3] = SHAPED_PARAGRAPH
                continue
            # One such line between paragraphs is a caption; a run of them is a list of the
            # story's points ("Officers used tear gas…" / "Beijing last month ruled out…").
            if scenes[j] and not (j > 0 and scenes[j - 1]) and not (j + 1 < len(story) and scenes[j + 1]):
                p[0], p[3] = Kind.CAPTION, "a long line with no full stop inside the story"
            elif shapes[j] and len(words(src.text[p[1]:p[2]])) <= SUBHEAD_WORDS:
                p[0] = Kind.SUBHEAD
        self._mark_lists(src, story)
        # A page's heading after the story's last paragraph heads what follows it, a widget
        # or a rail ("<h2>Latest News and Headlines from Reuters</h2><div class='player'>"):
        # a subhead stands before paragraphs of its story. A list of sentences set as
        # headings and linked nowhere is the story's own list ("<ol><li><h5>He attended school
        # in Switzerland…</h5></li>…": ten facts under a paragraph that announces them).
        if src.format == "html":
            last = max((j for j, p in enumerate(pieces) if p[0] is Kind.BODY), default=len(pieces))
            for p in pieces[last + 1:]:
                if p[0] is Kind.SUBHEAD and not (p[3] == LIST_ITEM and linked is not None and p[1] not in linked):
                    p[0], p[3] = Kind.OTHER, AFTER_STORY

    def _mark_card_rails(self, src: Source, story: list[list]) -> None:
        """Cards of other stories with no label over them, three or more in a row: each a
        headline, maybe its summary of a sentence or two, its time stamp, maybe its picture
        ("Hegseth fires US Army chief of staff…" / "Retirement of Randy George is…" /
        "Published On 3 Apr 2026" / a caption). A live blog's entries run to paragraphs."""
        def stamp(p: list) -> bool:
            return p[0] is Kind.OTHER and p[3] == "page furniture"

        def headline(p: list) -> bool:
            # (the first card may be under a rail's label, and read as its link already)
            text = src.text[p[1]:p[2]]
            return (p[0] in (Kind.BODY, Kind.SUBHEAD, Kind.CAPTION) or p[3].startswith(RELATED_LINK)) and \
                len(words(text)) >= 4 and is_title_shaped(text, self.params.max_related_words, self.pat.reported_speech)

        cards: list[list[list]] = []  # each card's pieces, its headline first
        j = 0
        while j < len(story):
            card = self._card_at(src, story, j, stamp, headline)
            if card is None:
                self._mark_cards(cards)
                cards = []
                j += 1
                continue
            cards.append(card)
            j += len(card)
        self._mark_cards(cards)

    def _card_at(self, src: Source, story: list[list], j: int, stamp, headline) -> list[list] | None:
        """The card opening at story[j]: a headline, a short summary or none, then stamps,
        then a picture's caption and credit or none."""
        if not headline(story[j]):
            return None
        k = j + 1
        if k < len(story) and story[k][0] is Kind.BODY and not headline(story[k]) and \
                len(words(src.text[story[k][1]:story[k][2]])) <= _CARD_SUMMARY_WORDS:
            k += 1
        if not (k < len(story) and stamp(story[k])):
            return None
        while k < len(story) and stamp(story[k]):
            k += 1
        while k < len(story) and story[k][0] in (Kind.CAPTION, Kind.CREDIT) and not headline(story[k]):
            k += 1
        return story[j:k]

    @staticmethod
    def _mark_cards(cards: list[list[list]]) -> None:
        if len(cards) < _MIN_CARDS:
            return
        for card in cards:
            card[0][0], card[0][3] = Kind.BOILERPLATE, f"{RELATED_LINK}, one of {len(cards)} cards in a row"
            for q in card[1:]:
                if q[0] is Kind.CAPTION:
                    q[0], q[3] = Kind.BOILERPLATE, RAIL_CAPTION
                elif q[0] is Kind.BODY:
                    q[0], q[3] = Kind.BOILERPLATE, RAIL_SUMMARY

    def _mark_capital_links(self, src: Source, story: list[list]) -> None:
        """Headlines set in capitals between a scrape's paragraphs, two or more ("AT-RISK DEMS
        STEER CLEAR OF BIDEN DEBATE DRAMA AHEAD OF CLOSE SENATE ELECTIONS"): the links to
        other stories a page sets in its text (a subhead in capitals is a few words, and
        stands alone)."""
        found = [p for p in story if p[0] in (Kind.BODY, Kind.SUBHEAD, Kind.CAPTION)
                 for text in [src.text[p[1]:p[2]]]
                 if _capitals(text) and len(words(text)) >= _CAPITAL_LINK_WORDS and
                 is_title_shaped(text, self.params.max_related_words, self.pat.reported_speech)]
        if len(found) >= 2:
            for p in found:
                p[0], p[3] = Kind.BOILERPLATE, f"{RELATED_LINK}, one of {len(found)} headlines in capitals in the story"

    @staticmethod
    def _mark_lists(src: Source, story: list[list]) -> None:
        run: list[list] = []
        for p in [*story, None]:
            if p is not None and p[0] is Kind.SUBHEAD and not p[3]:
                run.append(p)
                continue
            # (a rail's labels are a word or three: "Leave a comment", "Most commented"; a
            # heading of a word or three over a list is the list's own: "What it costs")
            if run and len(words(src.text[run[0][1]:run[0][2]])) < LIST_ITEM_WORDS:
                run = run[1:]
            texts = [src.text[q[1]:q[2]] for q in run]
            if len(run) >= LIST_RUN and sum(map(title_case, texts)) <= 1 and \
                    min(len(words(t)) for t in texts) >= LIST_ITEM_WORDS:
                for q in run:
                    q[3] = LIST_ITEM
            run = []

    def _mark_link_runs(self, src: Source, pieces: list[list], linked: set[int] | None = None) -> None:
        """Two or more Title Case headlines in a row inside the story are a block of links to
        other stories that the page set between paragraphs ("Baker Ships Birthday
        Cake Across the Atlantic" / "Village Pumpkin Contest Draws Record Entries"):
        boilerplate. A subhead stands alone before its paragraph, and one stray headline is
        for the semantic rules to judge. On a page, whose markup says what is a link
        (`linked`: where the pieces of blocks mostly a link's words start), only links are:
        a list of headlines that links nowhere is the story's own (a market wrap's digest)."""
        def link(p: list, labelled: bool) -> bool:
            # (under a rail's label, "People are also reading…", its headlines in sentence case too)
            text = src.text[p[1]:p[2]]
            kinds = (Kind.BODY, Kind.CAPTION, Kind.SUBHEAD) if labelled else (Kind.BODY,)
            return p[0] in kinds and len(words(text)) >= 4 and (linked is None or p[1] in linked) and \
                is_title_shaped(text, self.params.max_related_words, self.pat.reported_speech) and \
                (labelled or title_case(text))

        run: list[list] = []
        cards: list[list] = []  # a labelled rail's headlines with the dates and pictures between them
        before, labelled = "", False
        for p in [*pieces, None]:
            if p is not None and link(p, labelled):
                run.append(p)
                cards.append(p)
                continue
            # Under a rail's label each headline may come with its card's date, picture and
            # credit ("Related Articles" / "Woman died at …" / "October 18, 2023" / …).
            if p is not None and labelled and (p[0] in _CARD_PARTS or _card_label(src.text[p[1]:p[2]].strip())):
                cards.append(p)
                continue
            # (a line set as a subhead and followed by its paragraph is the story's again)
            if labelled and run and run[-1][0] is Kind.SUBHEAD and p is not None and p[0] is Kind.BODY:
                last = run.pop()
                cards = cards[:next(k for k, q in enumerate(cards) if q is last)]
            # (inside the story, a line that ends on a colon announces what follows it:
            # "Results from Saturday's other ties:" over "Harbour Town 3, Eastfield 0")
            if (len(run) >= 2 or labelled and run) and not before.endswith(":") and \
                    not _a_list([src.text[q[1]:q[2]] for q in run]):
                links = {id(r) for r in run}
                for q in cards:
                    if id(q) in links:
                        q[0], q[3] = Kind.BOILERPLATE, f"{RELATED_LINK}, one of {len(run)} in a row"
                    elif q[0] is Kind.CAPTION:
                        q[0], q[3] = Kind.BOILERPLATE, RAIL_CAPTION
                    elif q[0] in (Kind.BODY, Kind.SUBHEAD):  # (a card's section, "US", or share count)
                        q[0], q[3] = Kind.OTHER, RAIL_CARD_LABEL
            run, cards = [], []
            before = src.text[p[1]:p[2]].rstrip() if p is not None else ""
            labelled = p is not None and p[0] is Kind.BOILERPLATE and bool(self.pat.rail_label.fullmatch(before.strip()))

    def _sentences(self, segments: tuple[Segment, ...]) -> Iterator[Sentence]:
        for seg in segments:
            if seg.kind is Kind.BODY:
                for s, e in split_sentences(seg.text):
                    yield Sentence(seg.text[s:e], seg.start + s, seg.start + e, seg.index)


# The author's full name in a byline ("By Jane Roe", "Jane Roe, Metro reporter"), and the
# present-tense verbs of a biography that opens with it ("Jane Roe covers…", "… is a reporter").
_FULL_NAME = r"[A-Z][\w'’-]+(?:\s[A-Z]\.)?\s[A-Z][\w'’-]+"
_BYLINE_NAME = re.compile(rf"(?:[Bb]y\s+)?({_FULL_NAME})")
_BIO_VERB = re.compile(r"(?:is|covers|writes|reports|has (?:covered|written|reported))\s")
AUTHOR_BIO = "the author's biography"
_BEAT_BIO = re.compile(rf"{_FULL_NAME}\s(?:covers|writes about|reports on)\s[^.!?]{{2,80}}?\s(?:for|at)\s(?:the\s)?[A-Z]")
_BIO_WORDS = 60
_BIO_REACH = 3


# "Jane Roe, CEO, Acme Inc.", "Dr. Omar A. Haddad, CMO, Harbour Health": a person and a role.
_PERSON_AND_ROLE = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s*,\s+\S")
_PEOPLE_RUN = 3


# A paragraph that announces the list after it: "Here is the full list of councils …:", "The
# winners include:" (not "Twitter seemed a bit confused by the campaign:", whose tweets a
# scraper dropped before the headlines it glued on).
_LIST_LEAD = re.compile(r"(?i)\b(?:list|following|includes?|included|including|namely|as follows)\b[^:\n]{0,200}:$")


# The place and date under a letter or a statement, closing its signature ("Detroit, May 28,
# 1980", "London, 3 March 2020"): no headline ends on a date alone.
_PLACE_AND_DATE = re.compile(
    r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3},\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)"
    r"(?:,?\s+\d{4})?\.?")
_MAX_SIGNATURE_LINES = 5


def _a_list(lines: list[str], lead_in: str = "", announced: int | None = None) -> bool:
    """A run of title-shaped lines that is a list of the story's, not headlines of other
    stories: announced by the paragraph before it (`lead_in`) or by a headline that counts
    its items (`announced`: "Ten things to know about …" over ten lines, or nine), of people
    with their roles, of lines ending alike, or a match's result; or a signature (a name, a
    post, a place and a date)."""
    return bool(_LIST_LEAD.search(lead_in)) or _people(lines) or _alike_ends(lines) or _results(lines) or \
        announced is not None and announced - 1 <= len(lines) <= announced or \
        0 < len(lines) <= _MAX_SIGNATURE_LINES and bool(_PLACE_AND_DATE.fullmatch(lines[-1].strip()))


_COUNTS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
# "10 hilarious facts about …", "Ten things to know …", "The 5 best …": a count, then a plural.
_COUNTING_HEADLINE = re.compile(r"(?i)(?:the\s+|our\s+)?(\d{1,2}|[a-z]+)\s+(?:[\w’'-]+\s+){0,2}?[a-z’'-]{2,}s\b")
_MIN_ANNOUNCED = 3


def _announced(src: Source, pieces: list[list]) -> int | None:
    """How many items the headline says the story lists, if it counts them."""
    head = next((p for p in pieces if p[0] is Kind.HEADLINE), None)
    m = _COUNTING_HEADLINE.match(src.text[head[1]:head[2]].strip()) if head is not None else None
    if m is None:
        return None
    word = m.group(1).lower()
    n = int(word) if word.isdigit() else _COUNTS.get(word)
    return n if n is not None and n >= _MIN_ANNOUNCED else None


# A row of a match's result: "Harbor City 2 (Mensah 81, Ferreira 112)", "Eastfield 0",
# "Harbour Town 3, Eastfield 0".
_SIDE = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}\s+\d{1,3}(?:\s*\([^()\n]{0,200}\))?"
_RESULT_ROW = re.compile(rf"{_SIDE}(?:,?\s+{_SIDE})?")


def _results(lines: list[str]) -> bool:
    """Two lines or more, each a side and its score: a match's result, not headlines."""
    return len(lines) >= 2 and all(_RESULT_ROW.fullmatch(line.strip()) for line in lines)


def _alike_ends(lines: Iterable[str]) -> bool:
    """A run of lines, three or more, at least three in four ending on one word: a list of
    things of one kind ("… Borough Council", "… County Council"), no headlines of other
    stories."""
    ends = Counter(w[-1].lower() for line in lines for w in [words(line)] if w)
    total = sum(ends.values())
    return total >= _PEOPLE_RUN and 4 * max(ends.values(), default=0) >= 3 * total


def _people(lines: Iterable[str]) -> bool:
    """A run of lines, three or more, at least three in four naming a person and a role: a
    list of people (a statement's signers, a team), no headlines of other stories."""
    lines = list(lines)
    named = sum(bool(_PERSON_AND_ROLE.match(line.strip())) for line in lines)
    return len(lines) >= _PEOPLE_RUN and 4 * named >= 3 * len(lines)


def _tail_run(src: Source, pieces: list[list], max_words: int, reported: re.Pattern) -> list[list]:
    """Body lines that close a plain-text article as one run of consecutive lines, set apart
    by a blank line from a story whose paragraphs are all set apart so: a block of links,
    whatever each headline's punctuation ("… They just might be."). A story that never
    leaves a blank line, and a run with a long line or reported speech in it ("…, the
    operator said.": the story's last paragraph, headlines glued straight after it), are
    prose; its title-shaped lines at the end are still found, one by one."""
    if src.format != "txt" or len(pieces) < 2:
        return []
    def breaks(a: list, b: list) -> int:  # 0: same line, 1: next line, 2+: a blank between
        return src.text.count("\n", a[2], b[1])

    first = len(pieces) - 1
    while first > 0 and breaks(pieces[first - 1], pieces[first]) <= 1:
        first -= 1
    run, story = pieces[first:], pieces[:first]
    kept = [p for p in run if p[0] is Kind.BODY]
    lines = sum(breaks(a, b) == 1 for a, b in zip(run, run[1:]))
    if not story or lines < 1 or not kept or sum(p[0] is Kind.BODY for p in story) < 2:
        return []
    if any(breaks(a, b) == 1 for a, b in zip(story, story[1:])):
        return []
    texts = [src.text[p[1]:p[2]] for p in kept]
    # "Ferry services resume on Saturday." / "Council approves budget" / "Fares to rise": a
    # sentence and the headlines glued straight after it, the story's last paragraph first.
    if len(kept) >= 3 and _SENTENCE_END.search(texts[0]) and len(words(texts[0])) >= _SENTENCE_WORDS and \
            all(is_title_shaped(t, max_words, reported) for t in texts[1:]):
        kept, texts = kept[1:], texts[1:]
    # (a row of a fact box among them, "Attendance: 6,400", makes the run the story's table)
    if not all(_link_like(t, max_words) and not reported.search(t) for t in texts) or any(map(_label_value, texts)) or \
            _a_list(texts, src.text[story[-1][1]:story[-1][2]].rstrip(), _announced(src, pieces)):
        return []
    return kept


_SENTENCE_END = re.compile(r"[a-z0-9%)]\.['\"”’)]*$")
_SENTENCE_WORDS = 8


def _link_like(text: str, max_words: int) -> bool:
    """A headline in a block of links: a few words, opening as a headline does. A contact
    line ("jane.doe@example.com") or a long one makes the run a signature or prose."""
    first = text.lstrip("\"“‘'([")[:1]
    return 3 <= len(words(text)) <= max_words and (first.isupper() or first.isdigit()) and "@" not in text


_MAX_BRACKETS = 500
_NO_BRACKETS = str.maketrans("()[]{}", "      ")


@lru_cache(maxsize=16384)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans by syntok, which needs no model and keeps token offsets; glued words
    ("Lebanon'sHezbollah") stay inside their sentence. Cached: wire copy and boilerplate
    paragraphs recur across an archive."""
    from syntok import segmenter

    # syntok looks for the end of each bracket it meets from that bracket on: a text of
    # thousands ("![a![a![a…", a million "[") takes it minutes. Past a story's few, they are
    # read as spaces, which keeps every offset where it was.
    seen = text if sum(text.count(b) for b in "([{") <= _MAX_BRACKETS else text.translate(_NO_BRACKETS)
    spans = []
    for paragraph in segmenter.analyze(seen):
        for sentence in paragraph:
            if not sentence:
                continue
            start = sentence[0].offset
            last = sentence[-1]
            end = last.offset + len(last.value)
            if text[start:end].strip():
                spans.append((start, end))
    return tuple(spans) or ((0, len(text)),)
