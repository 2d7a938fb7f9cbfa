"""What rules may ask about an article, each fact computed once and only when asked.

A rule never loads a model or reads a file: it receives a Context holding the article's
vectors (encoded in one batch by the engine), places resolved to countries against the whole
story, dates, and similarities to the body.
"""
from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np

from checker import stock, topics
from checker.clauses import clauses
from checker.language import english_share, is_english
from checker.model import Article, Kind, Segment, Sentence

if TYPE_CHECKING:
    from checker.classifier import Classifier, Classifiers

# Segments that tell where and when the story is: what a caption or trailer is held against.
STORY_KINDS = (Kind.HEADLINE, Kind.SUBHEAD, Kind.DATELINE, Kind.BODY)
# How much one mention says about where a story is: a city pins it down, a demonym
# ("Syrian soldiers") is often about actors from elsewhere.
PLACE_WEIGHT = {"city": 1.0, "region": 1.0, "country": 1.0, "demonym": 0.5}
# Up to this many body paragraphs (every real story), a centre leaving one out is summed
# afresh, as it always was, so findings keep their last digits; past it, by subtraction.
_EXACT_CENTRES = 300
# A line's best match is the best of the body sentences nearest to it in the text, this many:
# every sentence of any real story (the dev corpus's longest has 28, a long read a few
# hundred), while a page of 20,000 paragraphs costs each line a bounded product, not one
# against all 20,000 sentences (quadratic: minutes).
SENTENCE_WINDOW = 1000


@dataclass(frozen=True)
class BodyMatch:
    centroid: float            # cosine to the mean of the body paragraphs
    best: float                # cosine to the best-matching body sentence
    best_sentence: Sentence | None


def texts_to_embed(article: Article) -> list[str]:
    """Every text of an article a rule may ask a vector for: segments, body sentences and the
    clauses of captions."""
    texts = [s.text for s in article.segments]
    texts.extend(s.text for s in article.sentences)
    texts.extend(c for s in article.of(Kind.CAPTION) for c in clauses(s.text))
    return texts


def run_texts() -> tuple[str, ...]:
    """Texts every run needs a vector for once, whatever its articles: the topic bank and the
    stock lines."""
    return (*topics.phrases(), *stock.phrases())


def with_run_texts(texts: Iterable[str]) -> list[str]:
    """A run's distinct texts with the topic bank in front; nothing when the run has none."""
    distinct = dict.fromkeys(texts)
    return list(dict.fromkeys((*run_texts(), *distinct))) if distinct else []


class Context:
    def __init__(self, article: Article, vectors: Mapping[str, np.ndarray] | None = None,
                 classifiers: Classifiers | None = None):
        self.article = article
        self._vectors = vectors or {}
        self._classifiers = classifiers
        self._matches: dict[tuple[int, bool], BodyMatch] = {}
        self._centres: dict[int, np.ndarray | None] = {}
        self._shifts: dict[int, topics.Shift] = {}
        self._stock: dict[int, tuple[float, str]] = {}

    def classifier(self, rule: str) -> Classifier:
        """The fitted classifier of a scored rule (rules/classifiers.json or --params), as
        the engine handed them over."""
        if self._classifiers is None:
            raise RuntimeError(f"{rule} is a scored rule: its Context needs the classifiers")
        return self._classifiers.get(rule)

    # -- embeddings -------------------------------------------------------------------
    @property
    def has_vectors(self) -> bool:
        return bool(self._vectors)

    def vec(self, text: str) -> np.ndarray:
        return self._vectors[text]

    def sim(self, a: str, b: str) -> float:
        return float(np.dot(self.vec(a), self.vec(b)))

    @cached_property
    def body_text(self) -> str:
        """The body paragraphs as one text, joined once however many lines a rule holds
        against it (the features' caches then find it by identity)."""
        return "\n".join(s.text for s in self.article.body)

    @cached_property
    def english_share(self) -> tuple[float, int]:
        """The share of the body's first words that are common English words, and over how
        many words (`checker.language`)."""
        return english_share(self.body_text)

    @cached_property
    def english(self) -> bool:
        """The story reads as English (or is too short to tell): the semantic checks read
        only English."""
        return is_english(*self.english_share)

    @cached_property
    def story_text(self) -> str:
        """The headline and the body paragraphs as one text, joined once."""
        return "\n".join(s.text for s in self.article.of(Kind.HEADLINE, Kind.BODY))

    def body_segments(self, exclude: Segment | None = None) -> tuple[Segment, ...]:
        return tuple(s for s in self.article.body if s is not exclude)

    @cached_property
    def centroid(self) -> np.ndarray | None:
        return self._centroid(self.body_segments())

    def _centroid(self, segments) -> np.ndarray | None:
        if not segments:
            return None
        # Weight paragraphs by length: a one-line aside should not pull the centre.
        weights = np.array([max(len(s.text), 40) for s in segments], dtype=np.float32)
        mean = (np.stack([self.vec(s.text) for s in segments]) * weights[:, None]).sum(0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None

    def centre_without(self, segment: Segment) -> np.ndarray | None:
        """The body's centre leaving one segment out (the centre itself for a non-body one)."""
        if segment.index not in self._centres:
            if len(self.article.body) <= _EXACT_CENTRES:
                centre = self._centroid(self.body_segments(exclude=segment))
            else:
                # Past a few hundred paragraphs, summing the others again for each one is
                # quadratic: take this one's share off the weighted sum of them all instead.
                mean = self._weighted_sum
                if segment.index in self._body_indices:
                    mean = mean - self._weighted(segment)
                norm = float(np.linalg.norm(mean))
                centre = mean / norm if norm else None
            self._centres[segment.index] = centre
        return self._centres[segment.index]

    def _weighted(self, segment: Segment) -> np.ndarray:
        return self.vec(segment.text) * np.float32(max(len(segment.text), 40))

    @cached_property
    def _weighted_sum(self) -> np.ndarray:
        return np.stack([self._weighted(s) for s in self.article.body]).sum(0)

    @cached_property
    def _body_indices(self) -> frozenset[int]:
        return frozenset(s.index for s in self.article.body)

    def body_match(self, segment: Segment, leave_out: bool = False) -> BodyMatch:
        """Similarity of a segment to the body, optionally leaving the segment itself out.
        Remembered: several rules ask about the same segment."""
        key = (segment.index, leave_out)
        if key not in self._matches:
            self._matches[key] = self._body_match(segment, leave_out)
        return self._matches[key]

    def _body_match(self, segment: Segment, leave_out: bool) -> BodyMatch:
        v = self.vec(segment.text)
        best, best_sentence = 0.0, None
        if self._sentence_matrix is not None:
            lo, hi = self.sentence_window(segment)
            sims = self._sentence_matrix[lo:hi] @ v
            if leave_out:
                sims = np.where(self._sentence_segments[lo:hi] == segment.index, -np.inf, sims)
            k = int(np.argmax(sims))
            if np.isfinite(sims[k]):
                best, best_sentence = float(sims[k]), self.article.sentences[lo + k]
        return BodyMatch(self._centroid_similarity(segment, leave_out), best, best_sentence)

    def _centroid_similarity(self, segment: Segment, leave_out: bool) -> float:
        centre = self.centre_without(segment) if leave_out else self.centroid
        return float(np.dot(self.vec(segment.text), centre)) if centre is not None else 0.0

    def sentence_window(self, segment: Segment) -> tuple[int, int]:
        """The body sentences a segment is matched against, as a range of
        `article.sentences`: all of them, or past SENTENCE_WINDOW the ones nearest to it."""
        count = len(self.article.sentences)
        if count <= SENTENCE_WINDOW:
            return 0, count
        at = bisect.bisect_left(self._sentence_starts, segment.start)
        lo = min(max(at - SENTENCE_WINDOW // 2, 0), count - SENTENCE_WINDOW)
        return lo, lo + SENTENCE_WINDOW

    def sentence_count(self, segment: Segment) -> int:
        """How many body sentences a segment holds (none but for a body paragraph)."""
        return self._sentence_counts.get(segment.index, 0)

    @cached_property
    def _sentence_counts(self) -> Counter[int]:
        return Counter(s.segment for s in self.article.sentences)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.article.sentences]

    def clause_match(self, segment: Segment) -> tuple[float, str]:
        """The clause of a segment closest to some body sentence, and that cosine; a segment of
        one clause is its own best match."""
        parts = clauses(segment.text)
        if self._sentence_matrix is None or parts == [segment.text]:
            return self.body_match(segment).best, segment.text
        lo, hi = self.sentence_window(segment)
        return max(((float(np.max(self._sentence_matrix[lo:hi] @ self.vec(c))), c) for c in parts),
                   key=lambda sc: sc[0])

    @cached_property
    def paragraph_similarities(self) -> dict[int, float]:
        """Each body paragraph's cosine to the centre of the *other* paragraphs."""
        return {s.index: self._centroid_similarity(s, leave_out=True) for s in self.article.body}

    @cached_property
    def sorted_paragraph_similarities(self) -> list[float]:
        """`paragraph_similarities`' values in ascending order: a rank is one bisection."""
        return sorted(self.paragraph_similarities.values())

    def similarity_spread_without(self, segment: Segment) -> tuple[float, float]:
        """Mean and population spread of the other body paragraphs' `paragraph_similarities`."""
        sims = self.paragraph_similarities
        if len(sims) <= _EXACT_CENTRES:
            others = [v for k, v in sims.items() if k != segment.index]
            if not others:  # the only paragraph: nothing to hold it against
                return 0.0, 0.0
            return statistics.fmean(others), statistics.pstdev(others)
        # Past a few hundred paragraphs, from running sums (each paragraph in turn left out).
        total, squares, n = self._similarity_sums
        if segment.index in sims:
            own = sims[segment.index]
            total, squares, n = total - own, squares - own * own, n - 1
        mean = total / n
        return mean, math.sqrt(max(squares / n - mean * mean, 0.0))

    @cached_property
    def _similarity_sums(self) -> tuple[float, float, int]:
        values = list(self.paragraph_similarities.values())
        return math.fsum(values), math.fsum(v * v for v in values), len(values)

    def _neighbours(self, segment: Segment) -> tuple[list[Segment], list[Segment]]:
        """The body paragraph just before a segment and the one just after (each maybe none)."""
        body, order = self.article.body, self._body_order
        first_after = bisect.bisect_right(order, segment.index)
        last_before = bisect.bisect_left(order, segment.index)
        return list(body[max(last_before - 1, 0):last_before]), list(body[first_after:first_after + 1])

    @cached_property
    def _body_order(self) -> list[int]:
        return [s.index for s in self.article.body]

    @cached_property
    def _sentence_segments(self) -> np.ndarray:
        return np.array([s.segment for s in self.article.sentences], dtype=np.int64)

    def neighbour_similarity(self, segment: Segment) -> float:
        """Cosine to the closest of the body paragraphs just before and after a segment."""
        before, after = self._neighbours(segment)
        return max((self.sim(segment.text, s.text) for s in before + after), default=0.0)

    def bridge(self, segment: Segment) -> float:
        """How much closer the body paragraphs either side of a segment are to each other than
        to it: a line spliced between two paragraphs that once ran on leaves them close."""
        before, after = self._neighbours(segment)
        if not before or not after:
            return 0.0
        return self.sim(before[0].text, after[0].text) - self.neighbour_similarity(segment)

    @cached_property
    def _topic_bank(self) -> np.ndarray:
        return np.stack([self.vec(t) for t in topics.phrases()])

    def shared_topic(self, segment: Segment, among: int, margin: float) -> str | None:
        """One of the `among` news topics closest to the story's body that a line is about as
        close to as to its own closest one (within `margin`): the line is on a subject of the
        story's own, however far its words ("A businessman walks past a board flashing the
        Nikkei index" under a story of world markets: stock markets)."""
        centre = self.centre_without(segment)
        if centre is None:
            return None
        bank = self._topic_bank
        scores = bank @ self.vec(segment.text)
        top = float(scores.max())
        return next((topics.phrases()[int(i)] for i in np.argsort(-(bank @ centre))[:among]
                     if scores[int(i)] >= top - margin), None)

    @cached_property
    def _stock_bank(self) -> np.ndarray:
        return np.stack([self.vec(t) for t in stock.phrases()])

    def stock_match(self, segment: Segment) -> tuple[float, str]:
        """The stock line of news copy closest to a segment, and that cosine (remembered)."""
        if segment.index not in self._stock:
            self._stock[segment.index] = stock.closest(self.vec(segment.text), self._stock_bank)
        return self._stock[segment.index]

    def topic_shift(self, segment: Segment) -> topics.Shift:
        """The topic a segment leans towards most beyond the rest of the body (remembered)."""
        if segment.index not in self._shifts:
            self._shifts[segment.index] = topics.shift(self.vec(segment.text),
                                                       self.centre_without(segment), self._topic_bank)
        return self._shifts[segment.index]

    @cached_property
    def _sentence_matrix(self) -> np.ndarray | None:
        """Body sentence vectors stacked once; every body match is one product against it."""
        sentences = self.article.sentences
        return np.stack([self.vec(s.text) for s in sentences]) if sentences else None

    # -- places -----------------------------------------------------------------------
    @cached_property
    def _raw_places(self) -> dict[int, list]:
        from checker.places import gazetteer

        gaz = gazetteer()
        return {s.index: gaz.find(s.text) for s in self.article.segments}

    @cached_property
    def story_prior(self) -> dict[str, float]:
        """Country weights from unambiguous mentions in the story's own text."""
        prior: Counter[str] = Counter()
        for seg in self.article.of(*STORY_KINDS):
            for p in self._raw_places[seg.index]:
                if len(p.candidates) <= 1:
                    prior[p.country] += PLACE_WEIGHT.get(p.kind, 1.0)
        return dict(prior)

    @cached_property
    def _resolved(self) -> dict[int, list]:
        from checker.places import gazetteer

        gaz = gazetteer()
        return {i: gaz.resolve(ps, self.story_prior) for i, ps in self._raw_places.items()}

    def places(self, segment: Segment):
        return self._resolved[segment.index]

    @cached_property
    def story_countries(self) -> dict[str, float]:
        """Where the story is, as weights in (0, 1] relative to its most named country."""
        return self.story_countries_without(None)

    @cached_property
    def _story_country_weights(self) -> Counter[str]:
        weights: Counter[str] = Counter()
        for seg in self.article.of(*STORY_KINDS):
            for p in self._where(seg):
                weights[p.country] += PLACE_WEIGHT.get(p.kind, 1.0)
        return weights

    @cached_property
    def story_region_countries(self) -> frozenset[str]:
        """The countries of the parts of the world the story names again and again and its
        main country lies in ("Africa's lithium rush" around Nigeria): a line set in one of
        them is set where the story is."""
        from checker.places import region_countries

        weights = self.story_countries
        main = max(weights, key=weights.get) if weights else None
        return region_countries(self.story_text, main)

    def story_country_mentions(self, country: str) -> float:
        """How often the story names a country: its mentions (cities, regions, the country
        itself; a demonym half) over all the story's lines."""
        return self._story_country_weights.get(country, 0.0)

    def story_countries_without(self, left_out: Segment | None) -> dict[str, float]:
        """Story countries, optionally without one segment's own mentions (for judging it).

        The left-out line's weights are subtracted from the story's total rather than the
        rest summed again for each line (quadratic: 20,000 paragraphs took minutes). The
        weights are whole and half units, so the subtraction is exact."""
        weights = Counter(self._story_country_weights)
        if left_out is not None and left_out.kind in STORY_KINDS:
            for p in self._where(left_out):
                weights[p.country] -= PLACE_WEIGHT.get(p.kind, 1.0)
                if weights[p.country] <= 0:
                    del weights[p.country]
        top = max(weights.values(), default=0)
        return {c: w / top for c, w in weights.most_common()} if top else {}

    def story_places(self, left_out: Segment | None = None) -> list:
        """The places the story names, optionally without one line's own, repeats of it
        included (the line being judged is not evidence of where the story is)."""
        same = left_out.text.strip() if left_out is not None else None
        return [p for seg in self.article.of(*STORY_KINDS) if seg.text.strip() != same
                for p in self._where(seg)]

    def distinct_story_places(self, left_out: Segment | None = None) -> list:
        """`story_places(left_out)` with each (name, country) once, at its first mention.
        Found from each place's first two mentions (the second in another line's text), so
        that judging each of many lines does not walk every mention of the story again."""
        same = left_out.text.strip() if left_out is not None else None
        kept = [first if first[2] != same else second for first, second in self._first_mentions]
        return [place for _, place, _ in sorted(m for m in kept if m is not None)]

    @cached_property
    def _first_mentions(self) -> list[list]:
        """For each (name, country) the story names: its first mention and the first one in
        a line of another text, each as (order, place, the line's text)."""
        mentions: dict[tuple[str, str], list] = {}
        order = 0
        for seg in self.article.of(*STORY_KINDS):
            text = seg.text.strip()
            for p in self._where(seg):
                found = mentions.setdefault((p.name, p.country), [(order, p, text), None])
                if found[1] is None and found[0][2] != text:
                    found[1] = (order, p, text)
                order += 1
        return list(mentions.values())

    @cached_property
    def _text_places(self) -> frozenset[str]:
        return frozenset(p.name for seg in self.article.of(*STORY_KINDS)
                         if seg.kind is not Kind.HEADLINE for p in self.places(seg))

    def _where(self, seg: Segment) -> list:
        """A story line's places as evidence of where the story is. The headline's count only
        where the text names them too: a headline naming a place its body never mentions is
        what headline-mismatch reports, not where the story is."""
        places = self.places(seg)
        if seg.kind is Kind.HEADLINE:
            return [p for p in places if p.name in self._text_places]
        return places

    # -- dates ------------------------------------------------------------------------
    def dates(self, segment: Segment):
        return self._dates[segment.index]

    @cached_property
    def _dates(self) -> dict[int, list]:
        from checker.dates import find_dates

        return {s.index: find_dates(s.text) for s in self.article.segments}

    @cached_property
    def published(self) -> date | None:
        """The story's publication date: its front matter's, its JSON's or its page's
        metadata; else, in a scrape that kept the page's header, the latest date of a line
        above the first paragraph that is only a timestamp or a byline with one
        ("Published 4:03 AM UTC, September 3, 2024", "By Jane Roe | Updated Sep. 3, 2024").
        A line further down ("Posted by: John, 06 Oct 2011") dates a comment, not the story."""
        meta_date = self.article.source.meta.get("date")
        if meta_date:
            try:
                return date.fromisoformat(str(meta_date)[:10])
            except ValueError:
                pass
        found = []
        for seg in self.article.segments:
            if seg.kind is Kind.BODY:
                break
            if seg.kind in (Kind.OTHER, Kind.BYLINE) and len(seg.text.split()) <= _STAMP_WORDS:
                found += [d.date for d in self.dates(seg) if d.precision == "day"]
        return max(found, default=None)

    @cached_property
    def story_date(self) -> date | None:
        """The story's own time: its publication date, else the latest full date (day, month
        and year) its text names. Months and years alone are too often background ("the worst
        flooding since June 2022") to date a story by."""
        if self.published is not None:
            return self.published
        found = [d.date for seg in self.article.of(*STORY_KINDS) for d in self.dates(seg)
                 if d.precision == "day"]
        return max(found, default=None)

    @cached_property
    def story_years(self) -> frozenset[int]:
        """Every year the story's text names, by a full date, a month or a year alone; not
        years it looks ahead to ("by 2030", "until 2027") nor years still to come."""
        this_year = date.today().year
        return frozenset(
            d.date.year for seg in self.article.of(*STORY_KINDS) for d in self.dates(seg)
            if d.date.year <= this_year and not _AHEAD.search(seg.text[max(0, d.start - _AHEAD_REACH): d.start]))

    @cached_property
    def story_year(self) -> int | None:
        """The latest year the story names: a lower bound on when it was written."""
        return max(self.story_years, default=None)

    @cached_property
    def story_weekday_date(self):
        """The latest day the story pins by weekday without a year ("on Monday, 28 April"),
        placed in the first year from `story_year` on which it falls on that weekday: a lower
        bound on the story's time as sound as the year's, and often a later one. A weekday
        that only fits six or more years on is more likely a slip than a clue: not used.
        Returns (date, the mention) or None."""
        from checker.dates import find_weekday_dates

        if self.story_year is None:
            return None
        found = [(d, w) for seg in self.article.of(*STORY_KINDS) for w in find_weekday_dates(seg.text)
                 for d in [w.first_year_from(self.story_year, _WEEKDAY_WITHIN)] if d is not None]
        return max(found, key=lambda f: f[0], default=None)

    def office(self, segment: Segment):
        """The title of office in `segment` that dates it latest ("former President Donald
        Trump": 20 Jan 2021 or later), or None; looked for once per segment asked."""
        from checker.offices import earliest

        if segment.index not in self._offices:
            self._offices[segment.index] = earliest(segment.text)
        return self._offices[segment.index]

    @cached_property
    def _offices(self) -> dict[int, object]:
        return {}

    @cached_property
    def story_office(self):
        """The title of office in the story's text that dates it latest: a lower bound on
        when it was written, as sound as a year it names."""
        return max((o for seg in self.article.of(*STORY_KINDS) for o in [self.office(seg)] if o is not None),
                   key=lambda o: o.since, default=None)


# A header's timestamp or byline is a line of a few words; a longer one is prose.
_STAMP_WORDS = 20
# "by 2030", "until 2027", "through 2026": a year the story looks ahead to.
_AHEAD = re.compile(r"(?i)\b(?:by|until|till|through|to|before|ahead of)\s+(?:the\s+)?(?:end\s+of\s+)?$")
# Only the words just before a year are read: a search of the whole text before each of many
# years would be quadratic in a line's length.
_AHEAD_REACH = 40
_WEEKDAY_WITHIN = 5


def place_dicts(places) -> list[dict]:
    """Places as evidence: flat, JSON-ready, deduplicated in order."""
    seen, out = set(), []
    for p in places:
        key = (p.name, p.country)
        if key not in seen:
            seen.add(key)
            out.append({"name": p.name, "country": p.country, "country_name": p.country_name})
    return out
