"""Material credited to different outlets stitched into one article.

## What it flags
The outlets an article claims as its own — a wire dateline tag (`BEIRUT (Reuters) -`), a
house or promo line (`… a weekly feature at The New Arab`, `This article first appeared in
…`), a byline naming an outlet — set against each other and against photo credits. Two
different outlets claiming the text is a warning. A house line of one outlet in an article
whose photos are credited to another is reported at info severity: agencies sell photos to
everyone, so it is a hint, not proof. A house line naming three outlets or more ("This service
may include material from AFP, Reuters, AAP, CNN and the BBC World Service") lists what a
service carries and claims nothing, and so does a line of another story in a rail of links (its
headline, summary or picture: "Al Jazeera reporter freed after a year in prison").

## Why it matters
An article assembled from a wire story and another publication's promo misattributes the
work and usually means the scraper crossed page boundaries.

## Example
Bad:

    BEIRUT (Reuters) - Rebels withdrew on Friday.

    The Iraq Report is a weekly feature at The New Arab.

Good:

    BEIRUT (Reuters) - Rebels withdrew on Friday.

    Reporting by Ellen Francis; Editing by Mark Heinrich
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from checker.context import Context
from checker.model import Article, Hit, Kind, Outlets, Rule
from checker.segment import of_another_story

# "a weekly feature at The Bologna Weekly Post", "first appeared in The Atlantic and is…"
_HOUSE = re.compile(r"\b(?:at|in|on|from)\s+((?:The\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,4})")
# What makes a line a house line at all: without it "board at Charles Street" in a tweet or
# "click here to read the warrant on Bryan Kohberger's flat" would name an outlet.
_HOUSE_CUE = re.compile(
    r"(?i)\b(?:feature|column|newsletter|podcast|series|edition|supplement|magazine"
    r"|(?:first|originally)\s+(?:appeared|published|ran)|republished|reprinted|syndicated"
    r"|produced\s+by|in\s+partnership\s+with|brought\s+to\s+you)\b")


# A house line naming this many outlets lists the sources a service carries; it claims no story.
_SOURCES_LISTED = 3


@lru_cache(maxsize=4)
def _patterns(outlets: Outlets) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])"))
                 for name, forms in outlets.names)


def outlets_in(text: str, outlets: Outlets, house: bool = False) -> list[str]:
    """Outlets of rules/outlets.yml named in a line; with `house`, also the outlet a promo
    line names."""
    found = [name for name, p in _patterns(outlets) if p.search(text)]
    if not found and house and _HOUSE_CUE.search(text):
        names = _HOUSE.findall(text)
        if names:
            found.append(names[-1])
    return found


@dataclass(frozen=True)
class Params:
    photo_credit_confidence: float
    text_claims_confidence: float
    outlets: Outlets  # rules/outlets.yml, handed over by the configuration


def _claims(article: Article, outlets: Outlets) -> tuple[dict[str, list], dict[str, list]]:
    """Outlets claiming the text, and outlets credited for photos, each with segments."""
    text: dict[str, list] = {}
    photo: dict[str, list] = {}
    for seg in article.segments:
        if of_another_story(seg.note):
            continue  # (another story's headline or summary in a rail names its own outlet)
        if seg.kind in (Kind.DATELINE, Kind.BOILERPLATE, Kind.BYLINE) or \
                (seg.kind is Kind.CREDIT and seg.note == "wire credit line"):
            names = outlets_in(seg.text, outlets, house=seg.kind is Kind.BOILERPLATE)
            if seg.kind is Kind.BOILERPLATE and len(names) >= _SOURCES_LISTED:
                continue  # "This service may include material from AFP, Reuters, AAP, CNN…"
            for name in names:
                if name not in outlets.photo_only:
                    text.setdefault(name, []).append(seg)
        elif seg.kind is Kind.CREDIT:
            for name in outlets_in(seg.text, outlets):
                photo.setdefault(name, []).append(seg)
    return text, photo


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    text, photo = _claims(article, params.outlets)
    lines = {name: sorted({article.line(s) for s in segs}) for name, segs in {**photo, **text}.items()}
    evidence = {"text_outlets": sorted(text), "photo_outlets": sorted(photo), "outlet_lines": lines}
    if len(text) >= 2:
        first, *others = sorted(text, key=lambda n: text[n][0].start)
        for name in others:
            seg = text[name][0]
            yield Hit.on(seg, f"Text credited to {name} in an article also credited to {first}",
                         confidence=params.text_claims_confidence, evidence=evidence)
    elif len(text) == 1:
        (owner,) = text
        foreign = sorted(set(photo) - {owner} - params.outlets.photo_only)
        if foreign:
            seg = text[owner][0]
            yield Hit.on(seg, f"{owner} line in an article whose material is credited to "
                              f"{', '.join(foreign)}", confidence=params.photo_credit_confidence,
                         evidence=evidence, weak=True)


RULE = Rule(id="mixed-attribution", doc=__doc__, params=Params, check=check, needs_embeddings=False)
