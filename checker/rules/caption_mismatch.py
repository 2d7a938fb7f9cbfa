"""Photo caption about another place, time or event than the story.

## What it flags
A caption that does not belong to its article. Topic similarity alone cannot tell a Libya
airstrike caption from a Syria airstrike story, so the score combines: where the caption is
(its cities, regions and locative country names, resolved through an offline gazetteer)
against where the story is (the countries its headline and body name, weighted by how often);
the caption's similarity to the body's centre and to its best-matching sentence, and its rank
among the body's own paragraphs (a foreign caption is further from the story than any of
them); its clause closest to the story (a wire caption's "why" clause, "ahead of a planned
power shutdown", ties a picture of a hardware store to a story about the shutdown); the share of its content words the story uses; and how many years before the story
the caption is dated. The weights are fitted (`rules/classifiers.json`, `checker train`),
except those of place and date, which the labels rarely exercise and are set by judgement:
a caption set in a country the story is not in adds 5 to the log-odds, enough to flag a
caption of the same kind of event from another country even when the topics match, and 5 more
when the story never names that country at all (the story's own photo moved "to Toronto,
Canada" under a story set in Des Moines); so does a caption of a kind of disaster or accident
the story never reports while it reports another (an earthquake photo in a flood story,
`checker/data/events.yml`). A place that names an event ("at the Qatar World Cup") is not
where the caption is set; a place the caption dates is ("aid to Palestinians in Gaza, during
hearings at the court in Brussels on Monday, 28 April 2025" is set in Brussels), and a
country the story never names counts half as much again there: the caption's own dateline.
The names a caption carries that the story never mentions (people, places, organisations)
are shown as evidence; they do not score (the story's own captions
name people the text does not, a passer-by, a photographer's subject, as often). The
threshold lives in `rules/caption-mismatch.yml`; the finding shows each feature's
contribution. It is an error when the caption's place, date or kind of event speaks against
it, or when it is very far from the story (`topical_error_probability`); on moderate topical
distance alone it is a warning, since a story's own photo of a scene the text never
describes is far from the text too (an image's alt text on an HTML page is no caption: it is
read as alt text and judged by no rule); and when several captions of one article are flagged on
topical distance alone while each still matches some sentence of the story
(`gallery_captions`, `gallery_min_similarity`), they are the story's own gallery and each is
an info. On a whole published page (HTML with the page around the story) a caption far from
the text on topic alone is not said at all: the publisher set the picture in the story itself
(a scene, a face, an archive shot the text never describes), and read in their pages such
notes were wrong nearly every time; unless it is as far from every sentence of the story as another story's caption is
(`page_far_probability`, `page_far_similarity`) and names someone or something the story
never mentions, not its credit nor a place in a country the story names (Prince Harry at an
award show under a story about a book fair; a cup final in Lisbon, Portugal under a story
that never leaves its harbour town): a warning, with the names as the evidence; but not one
on a subject of the story's own, by the news topics closest to each (`checker/data/topics.yml`:
a board of the Nikkei index above a story of world markets names what the text need not). A caption
whose place, full date or kind of event speaks against the story is judged as anywhere. So
is a caption flagged on moderate topical distance alone that is set in a country the story
names often (five mentions or more) and adds no name but its places: a refinery near Puerto
Cabello, Venezuela, in a story about Venezuela's oil is another spot of the story's own
ground; a candidate at another rally is a name the story does not have. A country the story
names that often is never a place conflict, however much more it names another.
A caption that is only a name ("David Brooks", "FCC Chairman Tom Wheeler.") labels a
portrait, the author's headshot or the subject's, and on topical distance alone is an info.
A story that names a part of the world again and again and whose main country lies in it
(`checker/data/regions.yml`: "Africa's lithium rush" around Nigeria) is in all of it: a
caption set in Zimbabwe is no place conflict there. A caption's full date counts as evidence
only in a year the story never names itself (a story that names 2022 may picture what it
recalls), as `date-inconsistency` says too.
On a published page, a caption that names something of the story's own in two words or more,
not a place (an event, a body, a work: "… in London during the Carrington Event" under a
story of the Carrington Event), is the story's picture wherever it was taken: an info. So is,
on a published page, a caption flagged for its place alone that is close to the story on topic,
when the story is set nowhere in particular: no dateline, and no country named five times or
more (an eruption in Ecuador above an explainer on which volcano is the most dangerous, which
names Colombia twice). Under a story set in one country the same caption is foreign.
A caption credited to a stock library (Shutterstock, iStock, Alamy, Unsplash…), in its own text
or in the credit beside it, and flagged for its place or date is an info anywhere: a stock
picture illustrates a subject, and where and when it was taken is the photographer's (a
radiation sign at Chernobyl above a feature on a nuclear waste site in Nevada).
So is a file photo (its caption or credit says "file photo", "/File", "File)") whose caption
has a sentence of eight words or more nearly all of whose words (`file_photo_tie_coverage`)
one sentence of the story holds: the wires write the story's news into the captions of the
file photos they send with it ("FILE
- An elephant head trophy in Bulawayo, Zimbabwe, in this 2018 file photo. Nearly half of the
world's migratory species are in decline, according to a new United Nations report…").

## Why it matters
A photo from another country or another year presented as illustrating the story is one of
the most damaging errors a news page can carry, and a typical trace of scraping.

## Example
Bad (a story about Albu Kamal, Syria):

    A view shows damage after an airstrike in Sabratha, Libya, in this February 19, 2016 handout picture.

Good:

    Smoke rises over Albu Kamal, Syria, after the army entered the town on Wednesday.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Iterator

from checker import events
from checker.context import BodyMatch, Context
from checker.features.dates import days_before_story
from checker.features.names import first_name_known, new_names, new_opening_word, only_a_name, shared_names
from checker.features.places import (
    STORY_COUNTRY_MENTIONS,
    located_places,
    location_places,
    place_conflict,
    place_unnamed,
    scene_places,
)
from checker.features.similarity import similarity_rank
from checker.features.terms import term_coverage
from checker.model import Article, Hit, Kind, Scorer, Segment, Severity
from checker.rules._evidence import (
    as_note,
    compared_with,
    file_photo,
    has_story,
    place_evidence,
    published_page,
    stock_credit,
)
from checker.score import Candidate, ScoreParams, scored_rule
from checker.segment import split_sentences

FEATURES = ("centroid_similarity", "best_similarity", "clause_similarity", "similarity_rank",
            "term_coverage", "place_conflict", "place_unnamed", "years_before", "event_conflict")


@dataclass(frozen=True)
class Params(ScoreParams):
    # An error needs evidence an editor can point at (the caption's place, its date, the kind
    # of event it shows), or topical distance this sure; below it, a warning.
    topical_error_probability: float
    # This many captions of one article flagged on topical distance alone, each still this
    # close to its best-matching sentence of the story, are the story's own gallery of scenes
    # its text does not describe, not captions a scraper glued in (it glues one, or a rail of
    # unrelated ones): each is reported at info.
    gallery_captions: int
    gallery_min_similarity: float
    # On a published page a caption flagged on topic alone is a note, unless it scores at
    # least this, no sentence of the story comes this close, and it names what the story never does.
    page_far_probability: float
    page_far_similarity: float
    # A file photo whose caption has a sentence this much of whose words one sentence of the
    # story holds ("…in decline, according to a new United Nations report released Monday") is
    # the story's own picture of elsewhere or another time: a note.
    file_photo_tie_coverage: float


def _years_before(ctx: Context, cap, precisions: tuple[str, ...] = ("day", "month"),
                  unrecalled: bool = False) -> float:
    """Years the caption's date lies before the story's (at most 5). `unrecalled`: only dates
    in a year the story never names (a story that names 2022 may picture what it recalls)."""
    gaps = [m[0] / 365.25 for d in ctx.dates(cap) if d.precision in precisions
            and not (unrecalled and d.date.year in ctx.story_years)
            for m in [days_before_story(ctx, d)] if m is not None]
    return min(max(gaps, default=0.0), 5.0) if gaps and max(gaps) > 0 else 0.0


def story_summary(ctx: Context) -> str:
    """'Syria (Albu Kamal, Deir al-Zour)': the story's main country and its named cities.
    Found once per article (kept with its other facts in its Context), however many of its
    captions are set elsewhere."""
    memo = ctx.__dict__.setdefault("_caption_story_summary", {})
    if "summary" not in memo:
        memo["summary"] = _story_summary(ctx)
    return memo["summary"]


def _story_summary(ctx: Context) -> str:
    top = next(iter(ctx.story_countries), None)
    if top is None:
        return "elsewhere"
    places = [p for p in ctx.story_places() if p.country == top]
    country = next((p.country_name for p in places), top)
    cities = list(dict.fromkeys(p.name for p in places if p.kind in ("city", "region")))
    return f"{country} ({', '.join(cities[:3])})" if cities else country


def where(places: list) -> str:
    """'Sabratha, Libya (Libya)': names grouped by country."""
    groups: dict[str, list[str]] = {}
    for p in places:
        groups.setdefault(p.country_name, [])
        if p.name not in groups[p.country_name]:
            groups[p.country_name].append(p.name)
    return "; ".join(f"{', '.join(names)} ({country})" if names != [country] else country
                     for country, names in groups.items())


def _listed(names: list[str], most: int = 3) -> str:
    shown = names[:most] + ([f"{len(names) - most} more"] if len(names) > most else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def candidates(article: Article) -> tuple[Segment, ...]:
    return article.of(Kind.CAPTION) if has_story(article) else ()


@dataclass(frozen=True)
class _Facts:
    """What the caption's score and message both rest on, found once."""
    match: BodyMatch
    clause: tuple[float, str]
    rank: float
    coverage: float
    new_names: list[str]
    places: list
    conflict: float
    unnamed: float
    years_before: float
    events: list[tuple[str, str]]
    # by a full date only, in a year the story never names: a month ("after the February
    # 2021 coup") more often dates something the caption recalls than the picture, and so
    # does a year the story names itself; either scores but is not evidence
    dated_years_before: float = 0.0

    def features(self) -> dict[str, float]:
        return {"centroid_similarity": self.match.centroid, "best_similarity": self.match.best,
                "clause_similarity": self.clause[0], "similarity_rank": self.rank, "term_coverage": self.coverage,
                "place_conflict": self.conflict, "place_unnamed": self.unnamed,
                "years_before": self.years_before, "event_conflict": 1.0 if self.events else 0.0}


def _facts(article: Article, ctx: Context, cap: Segment) -> _Facts:
    match = ctx.body_match(cap)
    story = ctx.story_text
    located = located_places(ctx, cap)
    scene = scene_places(ctx, cap, located)
    places = scene or located or location_places(ctx, cap)  # (the last: every place it names)
    return _Facts(match, ctx.clause_match(cap), similarity_rank(ctx, match.centroid),
                  term_coverage(cap.text, story)[0], _new_names(ctx, cap, story),
                  places, place_conflict(ctx, places),
                  place_unnamed(ctx, scene or located) * (SCENE_WEIGHT if scene else 1.0),
                  _years_before(ctx, cap), events.conflict(cap.text, story),
                  _years_before(ctx, cap, ("day",), unrecalled=True))


# A country the story never names counts half as much again when the caption dates the
# picture there ("… in Brussels on Monday, 28 April 2025"): its own dateline, not a place it
# mentions, and the story's own photo is dated where the story is.
SCENE_WEIGHT = 1.5


def _new_names(ctx: Context, cap: Segment, story: str) -> list[str]:
    """The caption's names the story never mentions, but for a country the story names under
    another spelling ("the United States" in a story that says "the U.S.")."""
    named = {p.name for p in ctx.places(cap) if p.kind == "country" and ctx.story_countries.get(p.country)}
    return [n for n in new_names(cap.text, story) if n not in named]


def measure(article: Article, ctx: Context, cap: Segment) -> dict[str, float]:
    return _facts(article, ctx, cap).features()


def describe(c: Candidate) -> tuple[str, dict]:
    article, ctx, cap, facts, params = c.article, c.ctx, c.segment, c.facts, c.params
    match = facts.match
    foreign = [pl for pl in facts.places if ctx.story_countries.get(pl.country, 0) < 0.5]
    if (facts.unnamed or facts.conflict >= PLACE_EVIDENCE) and foreign:
        never = ", a country the story never names" if facts.unnamed else ""
        message = f"Caption is set in {where(foreign)}{never}; the story is in {story_summary(ctx)}"
    elif facts.events:
        (shown, b), = facts.events[:1]
        message = f"Caption shows {shown!r}; the story reports {b!r} and never {shown!r}"
    elif facts.new_names:
        message = (f"Caption names {_listed(facts.new_names)}, which the story never mentions "
                   f"(similarity to the body {match.centroid:.2f})")
    else:
        message = f"Caption does not match the story (similarity to the body {match.centroid:.2f})"
    evidence = {
        "similarity": round(match.centroid, 3),
        "best_similarity": round(match.best, 3),
        "similarity_rank": round(facts.rank, 3),
        **({"closest_clause": facts.clause[1], "clause_similarity": round(facts.clause[0], 3)}
           if facts.clause[1] != cap.text else {}),
        "min_probability": params.min_probability,
        **place_evidence(ctx, facts.places, "caption"),
        "features": c.contributions,
    }
    if facts.new_names:
        evidence["names_the_story_never_mentions"] = facts.new_names
    dates = [d.date.isoformat() for d in ctx.dates(cap)]
    if dates:
        evidence["caption_dates"] = dates
    if facts.events:
        evidence["other_event"] = [{"caption": cp, "story": b} for cp, b in facts.events]
    evidence.update(compared_with(article, match))
    return message, evidence


SCORER = Scorer("caption-mismatch", FEATURES, candidates, measure,
                fixed=("place_conflict", "place_unnamed", "years_before", "event_conflict"))


# A conflict this strong says the story is elsewhere: its country is one the story names in
# passing at most (a sixteenth of its main one's mentions). A country the story names now and
# then (a NATO explainer's Poland) is not evidence an editor could point at.
PLACE_EVIDENCE = 0.75


def _concrete(facts: _Facts) -> bool:
    """Evidence an editor can point at: the caption's place, its date (a year or more before
    the story: a photo from last week is the story's own), its kind of event."""
    return bool(facts.unnamed or facts.conflict >= PLACE_EVIDENCE or facts.events
                or facts.dated_years_before >= 1.0)


def cap(c: Candidate) -> Severity | None:
    """At most a warning when nothing but topical distance speaks against the caption: a
    story's own photo of a scene its text does not describe (the crown carried through a
    porch, in a story about the King's speech) is far from the text too."""
    sure = _topical(c) >= c.params.topical_error_probability
    return None if _concrete(c.facts) or sure else Severity.WARNING


def _topical(c: Candidate) -> float:
    """The probability on topical grounds alone: without what the judged facts (place, date,
    event) added, which here fell short of evidence. A caption from Denver under a Canadian
    story that names the U.S. in passing is not 'very far from the story' for that."""
    return _without_judged(c.probability, c.contributions)


def _without_judged(probability: float, contributions) -> float:
    """A probability less the log-odds the judged facts (place, date, event) pushed into it."""
    judged = sum(contributions.get(k, 0.0) for k in SCORER.fixed)
    z = math.log(probability / (1.0 - probability)) if 0.0 < probability < 1.0 else \
        (40.0 if probability >= 1.0 else -40.0)
    return 1.0 / (1.0 + math.exp(-(z - judged)))


def _describe(c: Candidate) -> tuple[str, dict]:
    message, evidence = describe(c)
    return message, {**evidence, "grounds": "place, date or event" if _concrete(c.facts) else TOPICAL}


TOPICAL = "topical distance only"


def _gallery(hits: list[Hit], params: Params) -> Iterator[Hit]:
    topical = [h for h in hits if not h.weak and h.evidence.get("grounds") == TOPICAL
               and h.evidence["best_similarity"] >= params.gallery_min_similarity]
    gallery = len(topical) >= params.gallery_captions
    members = {id(h) for h in topical}
    for hit in hits:
        if gallery and id(hit) in members:
            hit = as_note(hit, f"; one of {len(topical)} captions far from the text on topic alone, "
                               f"likely the story's own gallery", captions_far_on_topic_alone=len(topical))
        yield hit


def _on_a_page(article: Article, ctx: Context, hits: Iterator[Hit], params: Params,
               segments: dict[int, Segment]) -> Iterator[Hit]:
    """On a whole published page the publisher set the picture in the story itself: one far
    from the text on topic alone illustrates what the text does not describe, a note. A
    caption whose place, date or event speaks against the story stays what it was, and so
    does one as far from every sentence of the story as a caption of another story is that
    names someone or something the story never does (Prince Harry at an award show in a
    story about a book fair): an editor can point at the name, unless the caption is on a
    subject of the story's own (a board of the Nikkei index in Tokyo above a story of world
    markets: stock markets for both, by the news topics closest to each)."""
    page = published_page(article)
    for hit in hits:
        if page and not hit.weak and (nowhere := _set_nowhere(article, ctx, hit)):
            hit = as_note(hit, f"; but the story is set nowhere in particular ({nowhere}, no dateline), "
                               f"and on the publisher's own page this is a picture of its subject",
                          where="a published page's own figure", story_set_nowhere=nowhere)
        elif page and not hit.weak and hit.evidence.get("grounds") == TOPICAL:
            strangers = _strangers(ctx, hit)
            # (a picture on a subject of the story's own names what its text need not)
            if strangers and ctx.shared_topic(segments[hit.start], _STORY_TOPICS, _TOPIC_MARGIN):
                strangers = []
            if (hit.confidence >= params.page_far_probability and strangers
                    and hit.evidence["best_similarity"] < params.page_far_similarity):
                hit = replace(hit, cap=Severity.WARNING,
                              evidence={**hit.evidence, "where": "a published page's own figure",
                                        "far_and_names": strangers})
            else:
                hit = as_note(hit, "; on the publisher's own page, on topic alone",
                              where="a published page's own figure")
        yield hit


def _set_nowhere(article: Article, ctx: Context, hit: Hit) -> str | None:
    """Why the story is set nowhere in particular, when a caption is flagged for its place
    alone and is close to the story on topic (an eruption in Ecuador above an explainer on
    which volcano is the most dangerous): the story has no dateline and names no country
    often (its most named one fewer than STORY_COUNTRY_MENTIONS times), so a picture of its
    subject somewhere else contradicts nothing. None when the story is set somewhere, or the
    caption is far on topic, or its date or event speaks against it too."""
    features = hit.evidence.get("features", {})
    if hit.evidence.get("grounds") == TOPICAL or features.get("years_before", 0.0) > 0 or \
            features.get("event_conflict", 0.0) > 0 or article.of(Kind.DATELINE):
        return None
    mentions = {c: ctx.story_country_mentions(c) for c in ctx.story_countries}
    top = max(mentions, key=mentions.get, default=None)
    if top is not None and mentions[top] >= STORY_COUNTRY_MENTIONS:
        return None
    if _without_judged(hit.confidence, features) >= 0.5:  # flagged on topic alone, its place aside
        return None
    if top is None:
        return "it names no country"
    times = {1: "once", 2: "twice"}.get(int(mentions[top]), f"{mentions[top]:g} times")
    return f"it names {_country_name(ctx, top)}, its most named country, {times}"


def _country_name(ctx: Context, code: str) -> str:
    return next((p.country_name for p in ctx.story_places() if p.country == code), code)


# A caption shares the story's subject when it is about as close (within the margin) to one
# of the story's three closest news topics (checker/data/topics.yml) as to its own closest.
_STORY_TOPICS = 3
_TOPIC_MARGIN = 0.08


def _strangers(ctx: Context, hit: Hit) -> list[str]:
    """The names a caption brings that the story has nothing of: people, bodies, things, and
    places in a country the story never names (not Carson, California under a story that
    names the United States: the story's own ground, somewhere its text does not go)."""
    own_ground = {p["name"] for p in hit.evidence.get("caption_places", ()) if ctx.story_countries.get(p["country"])}
    return [n for n in hit.evidence.get("names_the_story_never_mentions", ()) if n not in own_ground]


def _own_subject(article: Article, ctx: Context, hits: Iterator[Hit],
                 segments: dict[int, Segment]) -> Iterator[Hit]:
    """A caption far from the text on topic alone whose subject the story names in full (a
    file photo of the minister the story quotes, at another event) is the story's own
    picture of its own people: a note. A foreign caption of the same person is caught by its
    place or date, not by distance — except on the publisher's own page, where the picture
    of the story's person was chosen for it wherever it was taken (the reporter the story
    mourns, on an assignment abroad)."""
    page = published_page(article)
    for hit in hits:
        if not hit.weak and (page or hit.evidence.get("grounds") == TOPICAL):
            caption = article.source.text[hit.start:hit.end]
            subject = first_name_known(caption, ctx.story_text)
            if subject is None and page:
                # On the publisher's page, a name of the story's own (an event, a body, a
                # work; not a place, which many stories share) anywhere in the caption ties
                # the picture to it: "A magnetogram recorded at the Greenwich Observatory in
                # London during the Carrington Event".
                places = " ".join(p.name for p in ctx.places(segments[hit.start])).casefold()
                subject = next((n for n in shared_names(caption, ctx.story_text) if n.casefold() not in places), None)
            if subject:
                hit = as_note(hit, f"; its subject, {subject}, is named in the story",
                              subject_named_in_story=subject)
        yield hit


# A name after one of these is where the picture was taken ("of El Palito refinery", "near
# Puerto Cabello"), not who is in it.
_AT_A_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Ii]nside|of|from|off|across|over)\s+"
                         r"(?:the\s+|a\s+)?(?:[A-Z][\w'’-]*\s+)?$")


def _scene_of_story_country(ctx: Context, cap: Segment, names: list[str]) -> str | None:
    """The country a caption is set in when every place it is set in lies in a country the
    story names often and every name it adds is one of those places (a refinery near Puerto
    Cabello, Venezuela, under a story about Venezuela's oil): another spot of the story's
    own ground. None when it adds a name that is not a place (a candidate at another rally;
    "Sinwar greets…", a name the story never uses opening the caption)."""
    places = located_places(ctx, cap)
    if not places or any(ctx.story_country_mentions(p.country) < STORY_COUNTRY_MENTIONS for p in places):
        return None
    text = cap.text
    if new_opening_word(text, ctx.story_text):
        return None
    spans = [(p.start, p.end) for p in ctx.places(cap)]
    for name in names:
        at = text.find(name)
        if at < 0:
            return None
        placed = any(a <= at < b or at <= a < at + len(name) for a, b in spans)
        if not placed and not _AT_A_PLACE.search(text, max(0, at - 30), at):
            return None
    return places[0].country_name


def _story_ground(article: Article, ctx: Context, hits: Iterator[Hit],
                  captions: dict[int, Segment]) -> Iterator[Hit]:
    """A caption flagged on moderate topical distance alone that is set where the story is
    and names no one new is a note: nothing an editor could point at says it is foreign. One
    very far from the story stays a warning (a teachers' rally in Indianapolis under a story
    about a Michigan virus outbreak)."""
    for hit in hits:
        cap = captions.get(hit.start)
        if (not hit.weak and cap is not None and hit.cap is Severity.WARNING
                and hit.evidence.get("grounds") == TOPICAL):
            country = _scene_of_story_country(ctx, cap, list(hit.evidence.get("names_the_story_never_mentions", ())))
            if country:
                hit = as_note(hit, f"; it is set in {country}, where the story is, and names no one "
                                   f"the story does not", set_where_the_story_is=country)
        yield hit


def _name_labels(article: Article, hits: Iterator[Hit]) -> Iterator[Hit]:
    """A caption that is only a name ("David Brooks", "FCC Chairman Tom Wheeler.") labels a
    portrait, the author's headshot or the subject's: it says nothing of a scene that could
    belong to another story. None of the corpus's foreign captions is one."""
    for hit in hits:
        if not hit.weak and hit.evidence.get("grounds") == TOPICAL and \
                only_a_name(article.source.text[hit.start:hit.end]):
            hit = as_note(hit, "; it is only a name, a portrait's label", name_label=True)
        yield hit


def _stock_pictures(article: Article, hits: Iterator[Hit], segments: dict[int, Segment]) -> Iterator[Hit]:
    """A caption credited to a stock library ("Shutterstock") and flagged for its place or
    date is a note: the picture illustrates the subject (a radiation sign at Chernobyl above
    a feature on a nuclear waste site), and where and when it was taken is the
    photographer's, not the story's. Another kind of event still speaks against it."""
    for hit in hits:
        cap = segments.get(hit.start)
        if not hit.weak and cap is not None and hit.evidence.get("grounds") != TOPICAL and \
                "other_event" not in hit.evidence and (library := stock_credit(article, cap)):
            hit = as_note(hit, f"; its credit, {library}, is a stock library's: a picture that illustrates, "
                               f"taken wherever and whenever the photographer took it", stock_picture=library)
        yield hit


def _file_photos_of_the_story(article: Article, hits: Iterator[Hit], params: Params,
                              segments: dict[int, Segment]) -> Iterator[Hit]:
    """A file photo whose caption repeats a sentence of the story ("FILE - An elephant head
    trophy in Bulawayo, Zimbabwe, in this 2018 file photo. Nearly half of the world's
    migratory species are in decline, according to a new United Nations report") is the
    story's picture of another place or time: a note. The wires write the story's news into
    the captions of the file photos they send with it; a caption glued in from another story
    repeats that story."""
    body: list[set[str]] | None = None  # the story's sentences as words, read at the first file photo
    for hit in hits:
        cap = segments.get(hit.start)
        if not hit.weak and cap is not None and file_photo(article, cap):
            if body is None:
                body = [set(_WORD.findall(s.text.lower())) for s in article.sentences]
            tie = _repeated_sentence(cap.text, body, params.file_photo_tie_coverage)
            if tie:
                hit = as_note(hit, f"; a file photo whose caption repeats the story: “{tie}”",
                              file_photo_tied_to_story=tie)
        yield hit


_WORD = re.compile(r"[^\W_]{3,}")
_TIE_WORDS = 8


def _repeated_sentence(caption: str, body: list[set[str]], coverage: float) -> str | None:
    """A sentence of the caption, of _TIE_WORDS words or more, whose words one sentence of the
    story holds nearly all of (`coverage`)."""
    for s, e in split_sentences(caption):
        sentence = caption[s:e].strip()
        words = set(_WORD.findall(sentence.lower()))
        if len(words) >= _TIE_WORDS and any(len(words & b) >= coverage * len(words) for b in body):
            return sentence
    return None


def _together(article: Article, ctx: Context, hits: list[Hit], params: Params) -> Iterator[Hit]:
    segments = {seg.start: seg for seg in article.segments}  # a hit's segment, by where it starts
    filed = _file_photos_of_the_story(article, _gallery(hits, params), params, segments)
    on_page = _on_a_page(article, ctx, _stock_pictures(article, filed, segments), params, segments)
    judged = _name_labels(article, _story_ground(article, ctx, _own_subject(article, ctx, on_page, segments),
                                                 segments))
    if not published_page(article):
        return judged
    # The publisher's own picture, far on topic alone and no more than a note: nothing to say.
    return (hit for hit in judged if not (hit.weak and hit.evidence.get("grounds") == TOPICAL))


RULE = scored_rule("caption-mismatch", __doc__, Params, SCORER, _describe, facts=_facts, cap=cap,
                   after=_together)
