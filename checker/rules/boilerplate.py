"""Promo, navigation or house lines that are not part of the story.

## What it flags
Lines the segmenter recognised as boilerplate by the patterns in `rules/segmenter.yml`
(`boilerplate_patterns`, `advert_patterns`, `appeal_patterns`): newsletter and app promos,
"Read more", "Follow us", "This article first appeared in …", "X is a weekly feature at (an
outlet)", copyright lines, an advert's call to action ("Compare quotes and save on your home
insurance"), the publisher's appeal for members ("Become a member and support independent
journalism"); and blocks of
two or more Title Case headlines in a row inside the story (links to other stories that the
page set between paragraphs), a rail's headlines under its label or its cards with no label
(three or more: a headline, a summary, a time stamp, a picture) with their summaries and
pictures; and a widget's or a promo's text a scrape ran into a paragraph
(`inline_boilerplate_patterns`: "hide caption toggle caption", "CLICK HERE TO GET THE … APP",
"Sponsor Message"), cut out of the paragraph. Lines naming another outlet (a house promo stitched into a
wire story) say so in the message. Legitimate wire lines ("Reporting by …; Editing by …")
are credits, never boilerplate. On a whole published page (HTML with the page around the
story) the publisher's own promos, labels and buttons are its layout and reported at info;
a line of another outlet stays a warning, but for a news agency's copyright line on the copy
the page republishes ("Copyright © 2019, …, Reuters", or after the story's dateline, "AUSTIN,
Texas Copyright 2017 The Associated Press…"), the agency's credit, at info.

## Why it matters
A promo for another publication inside a story misleads readers about who wrote it, and
navigation text makes the article read as broken.

## Example
Bad:

    The rebels withdrew on Friday.

    The Iraq Report is a weekly feature at The New Arab.

Good:

    The rebels withdrew on Friday.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from checker.context import Context
from checker.model import Article, Hit, Kind, Outlets, Rule
from checker.rules._evidence import published_page
from checker.rules.mixed_attribution import outlets_in
from checker.segment import (
    INLINE_BOILERPLATE,
    NAVIGATION_ROW,
    RAIL_CAPTION,
    RAIL_SUMMARY,
    RELATED_LINK,
    of_another_story,
)


@dataclass(frozen=True)
class Params:
    confidence: float
    outlets: Outlets  # rules/outlets.yml, handed over by the configuration


_COPYRIGHT = re.compile(r"(?i)[(\[]?\s*(?:copyright|©|\(c\))")  # "(Copyright 2020 The Associated Press. …)"


def _copyright_line(text: str) -> bool:
    """A copyright line, or one a dateline runs into ("AUSTIN, Texas Copyright 2017 The
    Associated Press. All rights reserved.": the page's hidden hNews block of place and licence)."""
    m = _COPYRIGHT.search(text)
    return m is not None and len(text[:m.start()].split()) <= _DATELINE_WORDS


_DATELINE_WORDS = 4


def _others(outlets: list[str], site: str) -> list[str]:
    """The known outlets a line names other than the page's own publisher ("AP" on AP News)."""
    own = {w for w in re.findall(r"\w+", site.lower())}
    return [o for o in outlets if not set(re.findall(r"\w+", o.lower())) <= own]


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    for seg in article.of(Kind.BOILERPLATE):
        outlets = [] if of_another_story(seg.note) else outlets_in(seg.text, params.outlets, house=True)
        if outlets:
            message = f"House line of {', '.join(outlets)} inside the article: not part of the story"
        elif seg.note == "advert":
            message = "Advertising line inside the article: not part of the story"
        elif seg.note == NAVIGATION_ROW:
            message = "The site's navigation links inside the article: not part of the story"
        elif seg.note.startswith(RELATED_LINK):
            message = f"Link to another story inside the article ({seg.note}): not part of the story"
        elif seg.note == INLINE_BOILERPLATE:
            message = f"Page text run into the story's paragraph (“{seg.text[:60]}”): not part of the story"
        elif seg.note == RAIL_SUMMARY:
            message = "Summary of another story, in a rail of its links: not part of the story"
        elif seg.note == RAIL_CAPTION:
            message = "Picture caption of another story, among a rail of its links: not part of the story"
        elif re.search(r"(?i)newsletter|subscribe|sign up|app\b", seg.text):
            message = "Promo line inside the article: not part of the story"
        else:
            message = "Boilerplate line (navigation or promo), not part of the story"
        # On a whole published page, the publisher's own ad labels, buttons and promos are its
        # layout: worth a note, not a warning. Another outlet's line is damage anywhere, but for
        # a news agency's copyright line closing the copy a page republishes ("Copyright ©
        # 2019, respective author or news agency, Reuters"): the agency's credit.
        others = _others(outlets_in(seg.text, params.outlets), str(article.source.meta.get("site_name", "")))
        page = published_page(article)
        wire = page and bool(others) and _copyright_line(seg.text) and \
            all(o in params.outlets.credit_agencies for o in others)
        layout = page and not others or wire
        if wire:
            message = (f"Copyright line of {', '.join(others)}, the news agency's credit for the copy the page "
                       "republishes: not part of the story")
        elif layout:
            message += " (the page's own layout)"
        yield Hit.on(seg, message, confidence=params.confidence,
                     evidence={"matched": seg.text.strip(), "outlets": outlets,
                               **({"where": "a published page's own furniture"} if layout else {})},
                     weak=layout)


RULE = Rule(id="boilerplate", doc=__doc__, params=Params, check=check, needs_embeddings=False)
