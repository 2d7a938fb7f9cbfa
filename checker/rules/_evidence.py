"""Evidence that several rules show the same way: places against the story's, the body
sentence a line was held against, and a hit turned into a note."""
from __future__ import annotations

import re
from dataclasses import replace

from checker.context import Context, place_dicts
from checker.model import Article, Hit, Kind, Segment

# A web page's story has sentences; a scrap of fewer words is none.
MIN_PAGE_BODY_WORDS = 15


def has_story(article: Article) -> bool:
    """The article has a body to hold its other lines against: some body paragraph, and on
    a web page at least MIN_PAGE_BODY_WORDS words of them (a menu's "Donate", "Search",
    "About" that a reader takes for the story of a page whose story a script fills in is
    none: its "Log In" is no headline glued after a story)."""
    if not article.body:
        return False
    return article.source.format != "html" or \
        sum(len(s.text.split()) for s in article.body) >= MIN_PAGE_BODY_WORDS


def published_page(article: Article) -> bool:
    """A whole published page (HTML with the page around the story), whose own layout
    (promos, repeats, pictures set by the publisher) is not damage to the text."""
    return bool(article.source.meta.get("page"))


def as_note(hit: Hit, why: str, **evidence) -> Hit:
    """The hit reported at info, its message saying why and its evidence holding it."""
    return replace(hit, weak=True, message=f"{hit.message}{why}", evidence={**hit.evidence, **evidence})


def place_evidence(ctx: Context, places: list, label: str, line=None) -> dict:
    """The line's places beside the story's, the line's own left out of the story's (a
    headline's Al-Qaim is not where the story is when the body never names it)."""
    story = sorted(ctx.distinct_story_places(line), key=lambda p: -ctx.story_countries.get(p.country, 0))
    return {f"{label}_places": place_dicts(places), "story_places": place_dicts(story)[:8]}


def compared_with(article, match) -> dict:
    """The body sentence a line was held against, as evidence (nothing without a body)."""
    if match.best_sentence is None:
        return {}
    return {"compared_with": {"line": article.line(match.best_sentence),
                              "text": match.best_sentence.text[:160]}}


# Stock libraries: their pictures illustrate a subject; where and when one was taken is the
# photographer's business, not the story's.
_STOCK = re.compile(r"(?i)\b(?:shutterstock|istock(?:photo)?|alamy|dreamstime|123rf|unsplash|pexels|pixabay"
                    r"|depositphotos|adobe ?stock|stocksy|bigstock(?:photo)?)\b")
# A caption's own credit stands beside it, not a paragraph away.
_CREDIT_REACH = 300


def stock_credit(article: Article, cap: Segment) -> str | None:
    """The stock library a caption's credit names ("Shutterstock", "Photo: Unsplash"), in the
    caption itself or in a credit set just before or after it, or None."""
    for text in _caption_and_credits(article, cap):
        found = _STOCK.search(text)
        if found:
            return found.group()
    return None


# A file (archive) photo, as its caption or credit says: "file photo", "AP Photo/Jane Doe/File",
# "(AP Photo/Jane Doe, File)". "/File" may be glued to the caption after it: "…/FileResidents".
FILE_PHOTO = re.compile(r"(?i)\bfile (?:photo|picture|image)\b|/File(?:\b|(?-i:(?=[A-Z])))|\bfile\)")


def file_photo(article: Article, cap: Segment) -> bool:
    """The caption, or a credit set just before or after it, marks the picture a file photo."""
    return any(FILE_PHOTO.search(text) for text in _caption_and_credits(article, cap))


def _caption_and_credits(article: Article, cap: Segment):
    """A caption's text, then the credits set beside it (within _CREDIT_REACH)."""
    yield cap.text
    segments = article.segments
    for i in (cap.index - 1, cap.index + 1):
        if 0 <= i < len(segments) and segments[i].kind is Kind.CREDIT:
            credit = segments[i]
            gap = cap.start - credit.end if credit.end <= cap.start else credit.start - cap.end
            if gap <= _CREDIT_REACH:
                yield credit.text
