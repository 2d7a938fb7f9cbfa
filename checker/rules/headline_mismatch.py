"""A headline the body does not support.

## What it flags
A headline about something the body never reports: another event, another place. The score
combines the headline's similarity to the body's centre and to its best-matching sentence,
the share of the headline's content words the body uses, headline places (cities, regions)
that the body never names, and figures or dates the body gives differently for the same thing
("kills 40" against "killed 14", "on sale in March" against "goes on sale in April"), and a
kind of disaster or accident the body never reports while it reports another (an earthquake
headline over a story of floods: `checker/data/events.yml`). The similarity weights are
fitted (`rules/classifiers.json`, `checker train`), so the confidence is a calibrated
probability. Places and contradictions are set by judgement: the labels barely exercise them.
A contradicted figure adds 10 to the log-odds, enough to flag a headline whose topic and
words match the body exactly, because the shared words are what tie the two figures to one
thing; another kind of event adds 5, as a place the body never names does. A low score still
yields an info finding, so the confidence ranks every scraped article; on a published page a
low score is said only when a place, a figure or an event speaks against the headline (the
distance of a column's title or a pun from its story is not news to its editor, and said, it
was a wrong note on nearly every real page read). On a published page whose own
title for search engines and social cards (og:title, <title>) names what the body reports
while the printed headline does not, and nothing concrete (a place, a figure, an event)
speaks against the headline, the headline is the page's pun or label over a story it names
plainly elsewhere ("Fork The Government" over "Audrey Tang brings civic tech to Taiwan's
coronavirus pandemic response"): an info. So is, on a published page, a headline far from the
body in wording alone that names no one and nothing the body does not ("Have the bells tolled
for the game market or is it a false alarm?"): the publisher printed it over this story, and
another story's headline glued on names its own people, places or things. In a headline set
in Title Case every word is capitalised, so capitals tell no names there ("A Three- and a
Four- Body Problem" over a post on orbits): such a headline, far in wording alone, is a note
too. A programming post's code listings count as its text for the names its headline gives
("IAsyncOperation" over a listing that uses it).

A place the page's own location trail names ("Europe » United Kingdom » Derbyshire »
Chesterfield", its breadcrumbs) is where the publisher filed the story: a headline naming it
is not naming a place foreign to the story, though the text never does.

A headline that is only the title of a standing feature and a date ("News in brief: Thursday,
March 6", "Letters to the Editor": the words are `label_words`) names a column over several
items, not a claim: said as a note, as a headline of little but the site's name and a date is.

A body of fewer than 20 words (a line under a video player) is too little to hold a headline
against: an info. Up to 40 words (a syndicated teaser's two sentences before "Read more") it
holds only a headline that shares nearly nothing with it (similarity under 0.25).

## Why it matters
A swapped or scraped headline misinforms readers who only read headlines, and it is what
search engines and social cards show.

## Example
Bad:

    Drone Shows Fighters Flee Al-Qaim City

    Syria's army captured Albu Kamal on Wednesday…

Good:

    Syrian Army Captures Albu Kamal, Islamic State's Last Syrian Stronghold

    Syria's army captured Albu Kamal on Wednesday…
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker import events
from checker.context import BodyMatch, Context
from checker.features.names import new_names
from checker.features.numbers import number_conflicts
from checker.features.places import names_a_team
from checker.features.terms import content_terms, term_coverage, terms_of
from checker.model import CODE, Article, Hit, Kind, Scorer, Segment
from checker.rules._evidence import as_note, compared_with, place_evidence, published_page
from checker.score import Candidate, ScoreParams, scored_rule
from checker.segment import title_case

FEATURES = ("centroid_similarity", "best_similarity", "term_coverage", "missing_place",
            "number_conflict", "event_conflict")


@dataclass(frozen=True)
class Params(ScoreParams):
    # the words of a standing feature's title ("News in brief", "Morning briefing", "Letters
    # to the editor"): a headline of these alone, with a date, names the feature, not a claim
    label_words: tuple[str, ...]


def candidates(article: Article) -> tuple[Segment, ...]:
    head = article.headline
    return (head,) if head is not None and article.body else ()


@dataclass(frozen=True)
class _Facts:
    """What the headline's score and message both rest on, found once."""
    match: BodyMatch
    coverage: float
    missing_terms: list[str]
    places: list
    missing_places: list
    numbers: list[tuple[str, str]]
    events: list[tuple[str, str]]

    def features(self) -> dict[str, float]:
        return {"centroid_similarity": self.match.centroid, "best_similarity": self.match.best,
                "term_coverage": self.coverage,
                "missing_place": 1.0 if self.missing_places else 0.0,
                "number_conflict": 1.0 if self.numbers else 0.0,
                "event_conflict": 1.0 if self.events else 0.0}


def _facts(article: Article, ctx: Context, head: Segment) -> _Facts:
    # (with the story's subheads: a headline may sum up its list of key points, "Winds of up
    # to 90 mph hit the coast", which the body's paragraphs then take as read)
    body_text = "\n".join([ctx.body_text, *(s.text for s in article.of(Kind.SUBHEAD))])
    # (the story's dateline names where it was filed: "SEOUL, South Korea (AP) -")
    folded_body = " ".join([body_text, *(s.text for s in article.of(Kind.DATELINE))]).casefold()
    # The headline's cities and regions, and those of them the body never names.
    places = [p for p in ctx.places(head) if p.kind in ("city", "region") and not names_a_team(head, p)]
    trail = _trail_names(article)
    missing = [p for p in places if p.name.casefold() not in folded_body and p.name.casefold() not in trail
               and not any(q.name == p.name or q.country == p.country and q.kind != "country"
                           and q.name.casefold() == p.name.casefold()
                           for s in article.body for q in ctx.places(s))]
    coverage, missing_terms = term_coverage(head.text, body_text)
    return _Facts(ctx.body_match(head), coverage, missing_terms, places, missing,
                  number_conflicts(head.text, body_text), events.conflict(head.text, body_text))


# A page's location trail: "Travel Blog » Europe » United Kingdom » Derbyshire » Chesterfield".
_TRAIL = re.compile(r"\s+[»›>]\s+")
_TRAIL_PART_WORDS = 4


def _trail_names(article: Article) -> set[str]:
    """The names in a published page's location trails (its breadcrumbs), casefolded: where
    the publisher filed the story, which a headline may name while the text never does (a
    diary's "Chesterfield /the gardens reserved for the bees")."""
    if not published_page(article):
        return set()
    names: set[str] = set()
    for seg in article.of(Kind.OTHER):
        parts = _TRAIL.split(seg.text.strip())
        if len(parts) >= 3 and all(1 <= len(part.split()) <= _TRAIL_PART_WORDS for part in parts):
            names.update(part.strip().casefold() for part in parts)
    return names


def measure(article: Article, ctx: Context, head: Segment) -> dict[str, float]:
    return _facts(article, ctx, head).features()


def describe(c: Candidate) -> tuple[str, dict]:
    ctx, facts, params, p = c.ctx, c.facts, c.params, c.probability
    match, numbers = facts.match, facts.numbers
    if facts.missing_places:
        names = ", ".join(f"{q.name} ({q.country_name})" for q in facts.missing_places)
        message = f"Headline names {names}, which the body never mentions"
    elif numbers:
        message = "Headline says " + ", ".join(f"{h!r} where the body says {b!r}" for h, b in numbers)
    elif facts.events:
        (h, b), = facts.events[:1]
        message = f"Headline reports {h!r}; the body reports {b!r} and never {h!r}"
    elif p >= params.min_probability:
        message = f"Headline is not supported by the body (similarity {match.centroid:.2f})"
    else:
        message = f"Headline may not be fully supported by the body (similarity {match.centroid:.2f})"
    if facts.missing_terms:
        message += f"; unsupported words: {', '.join(facts.missing_terms[:6])}"
    evidence = {"similarity": round(match.centroid, 3), "best_similarity": round(match.best, 3),
                "min_probability": params.min_probability, "term_coverage": round(facts.coverage, 3),
                "missing_terms": facts.missing_terms, **place_evidence(ctx, facts.places, "headline", c.segment),
                "features": c.contributions}
    if numbers:
        evidence["contradicted_figures"] = [{"headline": h, "body": b} for h, b in numbers]
    if facts.events:
        evidence["other_event"] = [{"headline": h, "body": b} for h, b in facts.events]
    evidence.update(compared_with(c.article, match))
    return message, evidence


SCORER = Scorer("headline-mismatch", FEATURES, candidates, measure,
                fixed=("missing_place", "number_conflict", "event_conflict"))

# Headline parts a page sets apart: "Here's The Thing - Stacy Keach", "Opinion | …".
_PARTS = re.compile(r"\s+[-–—|»]\s+")
_CALENDAR = re.compile(r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$")


def label(article: Article, headline: str, body: str, label_words: tuple[str, ...] = ()) -> str | None:
    """Why a headline reads as a label rather than a claim, or None: little but the site's
    name and a date ("Marketplace Tech for Friday, April 19, 2013"), the title of a standing
    feature (`label_words`: "News in brief: Thursday, March 6"), or one part of it set apart
    that the body carries word for word while the rest names a programme or section ("Here's
    The Thing - Stacy Keach")."""
    site = {w.lower() for w in re.findall(r"[A-Za-z]+", str(article.source.meta.get("site_name", "")))}
    words = {k: w for k, w in content_terms(headline).items()
             if not w[0].isdigit() and w.lower() not in site and not _CALENDAR.match(w)}
    if len(words) <= 1:
        return "little but a name and a date"
    if set(words) <= set(content_terms(" ".join(label_words).lower())):
        return "the title of a standing feature"
    known = terms_of([body])
    for part in _PARTS.split(headline):
        terms = content_terms(part)
        if 2 <= len(terms) < len(content_terms(headline)) and set(terms) <= known:
            return f"'{part.strip()}' is the body's; the rest names a programme or section"
    return None


# A body this short (a line under an audio or video player) is too little to hold a
# headline against; one up to SHORT_BODY_WORDS long (a syndicated teaser's two sentences
# before "Read more") is enough only for a headline that shares nearly nothing with it
# (similarity under SHORT_BODY_SIMILARITY: another story's headline, not a teaser's).
MIN_BODY_WORDS = 20
SHORT_BODY_WORDS = 40
SHORT_BODY_SIMILARITY = 0.25


# A page title the body carries at least this much of, three words or more, and much more
# than it carries of the printed headline, names the story the body reports.
TITLE_COVERAGE = 0.4
TITLE_MIN_SHARED = 3
TITLE_MARGIN = 0.3
_TITLE_PARTS = re.compile(r"\s+[-–—|»:]\s+")
_CONCRETE = ("missing_place", "number_conflict", "event_conflict")


def plain_title(article: Article, headline: str, body: str) -> str | None:
    """The title a published page gives itself for search engines and social cards (its
    og:title or <title>, less the site's name), when it differs from the printed headline
    and the body carries its words: the page prints a pun or a label over a story it names
    plainly elsewhere ("Fork The Government" over "Audrey Tang brings civic tech to
    Taiwan's coronavirus pandemic response")."""
    known = terms_of([body])
    own = set(content_terms(headline))
    own_share = len(own & known) / len(own) if own else 0.0
    for title in article.source.meta.get("titles", ()):
        for part in _TITLE_PARTS.split(title):
            terms = set(content_terms(part))
            shared = len(terms & known)
            if terms and terms != own and shared >= TITLE_MIN_SHARED and \
                    shared / len(terms) >= max(TITLE_COVERAGE, own_share + TITLE_MARGIN):
                return part.strip()
    return None


def _notes(article: Article, ctx: Context, hits: list[Hit], params: Params):
    body = ctx.body_text
    size = len(body.split())
    for hit in hits:
        concrete = any(hit.evidence.get("features", {}).get(f, 0) > 0 for f in _CONCRETE)
        if hit.weak:
            # A doubt short of the threshold, on the publisher's own page and with nothing
            # concrete (a place, a figure, an event) against the headline, is the distance of
            # a pun, a label or a column's title from its story ("The Governing Cancer of Our
            # Time"): said, it was a wrong note on nearly every real page read.
            if published_page(article) and not concrete:
                continue
            yield hit
        elif size < MIN_BODY_WORDS or \
                size < SHORT_BODY_WORDS and hit.evidence.get("similarity", 0.0) >= SHORT_BODY_SIMILARITY:
            words = "word" if size == 1 else "words"
            yield as_note(hit, f"; the body has only {size} {words} to hold it against", body_words=size)
        elif why := label(article, article.source.text[hit.start:hit.end], body, params.label_words):
            yield as_note(hit, f"; it reads as a label ({why})", label=why)
        elif published_page(article) and not concrete and \
                (title := plain_title(article, article.source.text[hit.start:hit.end], body)):
            yield as_note(hit, f"; the page's own title, “{title}”, names what the body reports",
                          page_title=title)
        elif published_page(article) and not concrete and \
                not _names_told(article.source.text[hit.start:hit.end], _with_code(article, body)):
            # The publisher printed this headline over this story: far in wording alone, and
            # naming no one and nothing the body does not, it is a figure of speech ("Have the
            # bells tolled for the game market…?"), not another story's headline.
            yield as_note(hit, "; on the publisher's own page, far in wording alone and naming nothing "
                               "the body does not", where="a published page's own headline")
        else:
            yield hit


def _with_code(article: Article, body: str) -> str:
    """The body and the story's own code listings: a programming post's headline names
    what its code does ("… Windows Runtime IAsyncOperation …" over "IAsyncOperation<Thing>")."""
    code = [seg.text for seg in article.of(Kind.OTHER) if seg.note == CODE]
    return "\n".join([body, *code]) if code else body


def _names_told(headline: str, body: str) -> list[str]:
    """The headline's names the body never uses, when capitals tell names from words: in a
    headline set in Title Case ("A Three- and a Four- Body Problem") every word is
    capitalised, so none is told."""
    return [] if title_case(headline) else new_names(headline, body)


RULE = scored_rule("headline-mismatch", __doc__, Params, SCORER, describe, facts=_facts, after=_notes)
