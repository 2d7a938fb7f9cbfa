"""Material credited to different outlets stitched into one article.

## What it flags
The outlets an article claims as its own — a wire dateline tag (`BEIRUT (Reuters) -`), a
house or promo line (`… a weekly feature at The New Arab`, `This article first appeared in
…`), a byline naming an outlet — set against each other and against photo credits. Two
different outlets claiming the text is a warning. A house line of one outlet in an article
whose photos are credited to another is reported at info severity: agencies sell photos to
everyone, so it is a hint, not proof.

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
from typing import Iterator

from checker.context import Context
from checker.model import Article, Hit, Kind, Rule

# Canonical outlet -> how it is written. Word-bounded, case-sensitive: "AP" is an agency,
# "ap" is not.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "AP Photo"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "The New Arab": ("The New Arab", "Al-Araby Al-Jadeed", "Al Araby"),
    "Al Jazeera": ("Al Jazeera",),
    "BBC": ("BBC",),
    "CNN": ("CNN",),
    "Bloomberg": ("Bloomberg",),
    "The New York Times": ("The New York Times", "New York Times", "NYT"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "The Guardian": ("The Guardian",),
    "Xinhua": ("Xinhua",),
    "EPA": ("EPA", "EPA-EFE"),
    "Getty Images": ("Getty Images", "Getty"),
    "UPI": ("UPI",),
    "dpa": ("dpa",),
    "Anadolu": ("Anadolu Agency", "Anadolu", "ANADOLU"),
}
_PATTERNS = [(name, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])"))
             for name, forms in OUTLETS.items()]
# "a weekly feature at The Bologna Weekly Post", "first appeared in The Atlantic and is…"
_HOUSE = re.compile(r"\b(?:at|in|on|from)\s+((?:The\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,4})")
_PHOTO_AGENCIES = {"Getty Images", "EPA"}


def outlets_in(text: str, house: bool = False) -> list[str]:
    """Known outlets named in a line; with `house`, also the outlet a promo line names."""
    found = [name for name, p in _PATTERNS if p.search(text)]
    if not found and house:
        names = _HOUSE.findall(text)
        if names:
            found.append(names[-1])
    return found


@dataclass(frozen=True)
class Params:
    photo_credit_confidence: float
    text_claims_confidence: float


def _claims(article: Article) -> tuple[dict[str, list], dict[str, list]]:
    """Outlets claiming the text, and outlets credited for photos, each with segments."""
    text: dict[str, list] = {}
    photo: dict[str, list] = {}
    for seg in article.segments:
        if seg.kind in (Kind.DATELINE, Kind.BOILERPLATE, Kind.BYLINE) or \
                (seg.kind is Kind.CREDIT and seg.note == "wire credit line"):
            for name in outlets_in(seg.text, house=seg.kind is Kind.BOILERPLATE):
                if name not in _PHOTO_AGENCIES:
                    text.setdefault(name, []).append(seg)
        elif seg.kind is Kind.CREDIT:
            for name in outlets_in(seg.text):
                photo.setdefault(name, []).append(seg)
    return text, photo


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    text, photo = _claims(article)
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
        foreign = sorted(set(photo) - {owner} - _PHOTO_AGENCIES)
        if foreign:
            seg = text[owner][0]
            yield Hit.on(seg, f"{owner} line in an article whose material is credited to "
                              f"{', '.join(foreign)}", confidence=params.photo_credit_confidence,
                         evidence=evidence, weak=True)


RULE = Rule(id="mixed-attribution", doc=__doc__, params=Params, check=check, needs_embeddings=False)
