"""Plain-text articles: one block per line, except that hard-wrapped paragraphs are rejoined.

Scraped articles put one paragraph on a line, with blank lines between paragraphs, and
related-story headlines may trail as consecutive lines. Hand-written text is often
hard-wrapped at 70-80 columns instead. Within a run of non-blank lines, a line break is
joined (the block then spans several lines) when either

1. the line before it does not end a sentence, and either the line after it starts with a
   lowercase word, or the line before ends in a comma, semicolon, dash or opening bracket,
   or in an article, conjunction or preposition that cannot end a headline ("the", "of");
2. the whole run is shaped like a wrapped paragraph: at least one break passes test 1,
   every line but the last is >= 50 characters and >= 75% of the longest, and every break
   is where a greedy fill would break (the next line's first word would not have fitted
   on the line within the width of the longest line); in a run of ten lines or more, at
   least 40 wide, 85% of the breaks so (a scraper that wraps its whole text at 50 columns);
3. the line before stops mid-sentence on one space after six words or more, and the line
   after is a link's text: eight words at most, no colon (a scraper that writes each text
   node of a page on its own line breaks the sentence around every link).

Test 1 alone does not join headlines: they start capitalised and almost never end in a
comma or "the" (none of the 265 headlines and related titles of the dev corpus does). Test 2 rejoins the breaks that fall before
a capitalised word ("...said\nReuters"), but only in a run that test 1 has already shown to
be prose, because two or three trailing headlines of similar length look wrapped on their
own (the seed's lines 27-28 do).

Measured on the dev corpus's 486 long paragraphs hard-wrapped by textwrap at 60-79
columns: 96-99% come back as one block; no line of the corpus is joined to another.
"""
from __future__ import annotations

import re

from checker.model import Block, Source
from checker.read.common import ReadError, block
from checker.read.derived import without_invisible

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’»)\]]*$")
_OPEN_LOWER = re.compile(r"^[\"'“‘«(\[]*([^\W\d_][\w’'-]*)")
_CONTINUES = re.compile(r"[,;(\-–—]$")
_FUNCTION_WORDS = frozenset(
    "a an the of to and or but nor with from by at than that its their his her our your my".split())
_MIN_WRAPPED = 50
_SIMILAR = 0.75
# A whole scrape wrapped narrow (a scraper's textwrap.fill(width=50)): a long run of lines
# filled greedily but for a few breaks (a non-breaking space keeps "PM UTC" together).
_LONG_RUN = 10
_MIN_LONG_WIDTH = 40
_LONG_RUN_SHARE = 0.85


# A checker directive on a line of its own ("# checker: disable-next-line=off-topic"); see
# checker.check.suppress. Blanked before the blocks are found, so it is never content, and
# handed over in meta["directives"] as the md and html readers hand over their comments.
_DIRECTIVE_LINE = re.compile(r"^[ \t]*#[ \t]*checker[ \t]*:.*$", re.M)


def parse(text: str, path: str) -> Source:
    directives = [{"line": text.count("\n", 0, m.start()) + 1, "text": m.group(0).strip().lstrip("#")}
                  for m in _DIRECTIVE_LINE.finditer(text)]
    if directives:  # same length, same line numbers
        text = _DIRECTIVE_LINE.sub(lambda m: " " * len(m.group(0)), text)
    # Soft hyphens and zero-width spaces inside words (copied from a page that hyphenates,
    # "Chi\u00adna") are not part of the words a reader sees: the text judged goes without
    # them, and its origin maps each character back to its place in the file.
    text, origin = without_invisible(text)
    if origin is not None and not text.strip():
        raise ReadError(f"{path}: empty file (only invisible characters)")
    blocks: list[Block] = []
    for run in _runs(text):
        raw = [text[s:e] for s, e in run]
        for first, last in line_groups([line.strip() for line in raw], raw):
            b = block(text, run[first][0], run[last][1])
            if b is not None:
                blocks.append(b)
    if directives and not blocks:
        raise ReadError(f"{path}: no article text, only checker directives")
    return Source(path=path, text=text, format="txt", blocks=tuple(blocks),
                  meta={"directives": directives} if directives else {}, origin=origin)


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of consecutive non-blank lines, each line as its (start, end) offsets."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            runs.append(current)
            current = []
        start = end + 1
    if current:
        runs.append(current)
    return runs


def line_groups(lines: list[str], raw: list[str] | None = None) -> list[tuple[int, int]]:
    """Index ranges (first, last), inclusive, of the lines that form one block each (`raw`:
    the lines as the file has them, their spaces kept)."""
    joins = [_continues(a, b) for a, b in zip(lines, lines[1:])]
    if any(joins) and _wrapped(lines):
        joins = [True] * len(joins)
    if raw is not None:
        joins = [join or _before_a_link(a, b) for join, a, b in zip(joins, raw, raw[1:])]
    groups, first = [], 0
    for i, join in enumerate(joins):
        if not join:
            groups.append((first, i))
            first = i + 1
    groups.append((first, len(lines) - 1))
    return groups


# A scraper that writes each text node of a page on a line of its own ("get_text('\n')")
# breaks a sentence around each link: "… the campaign of president " / "Joe Biden" / " to
# join TikTok.". The text before the link keeps its space; a label over a list does not run
# to six words ("Business " over a headline), and a link's text is a few words, not a row of
# figures ("Gross margin: 42.3% vs. 42.1% estimated").
_BEFORE_LINK_WORDS = 6
_LINK_WORDS = 8


def _before_a_link(line: str, following: str) -> bool:
    """The line stops mid-sentence on a space, before a link's short text; or a byline's
    names are links ("By " / "Jane Roe" / ", " / "Omar Haddad" / " and " / "Ann Lee")."""
    stripped = line.strip()
    if line.endswith(" ") and not line.endswith("  ") and not _ends_sentence(stripped) and \
            len(stripped.split()) >= _BEFORE_LINK_WORDS and not following[:1].isspace() and \
            len(following.split()) <= _LINK_WORDS and ":" not in following:
        return True
    name = _NAME_LINK.fullmatch
    return line.lower() == "by " and bool(name(following)) or \
        bool(name(line) and _NAME_SEPARATOR.fullmatch(following)) or bool(_NAME_SEPARATOR.fullmatch(line) and name(following))


_NAME_LINK = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}")
_NAME_SEPARATOR = re.compile(r" ?, | and | & ")


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _continues(line: str, following: str) -> bool:
    if _ends_sentence(line):
        return False
    # A Markdown line may be left blank once its markup is taken off ("[" before "![").
    last_word = line.rsplit(None, 1)[-1] if line.strip() else ""
    if _CONTINUES.search(line) or last_word in _FUNCTION_WORDS:
        return True
    m = _OPEN_LOWER.match(following)
    # "iPhone" or "eBay" start lowercase but are names, as likely to open a headline.
    return bool(m) and m.group(1)[0].islower() and not any(c.isupper() for c in m.group(1))


def _wrapped(lines: list[str]) -> bool:
    width = max(len(line) for line in lines)

    def filled(line: str, following: str) -> bool:
        return len(line) >= _SIMILAR * width and len(line) + 1 + len(following.split()[0]) > width

    pairs = list(zip(lines, lines[1:]))
    if len(lines) >= _LONG_RUN and width >= _MIN_LONG_WIDTH:
        return sum(filled(a, b) for a, b in pairs) >= _LONG_RUN_SHARE * len(pairs)
    return all(len(a) >= _MIN_WRAPPED and filled(a, b) for a, b in pairs)
