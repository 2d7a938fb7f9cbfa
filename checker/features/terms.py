"""Which of a line's content words the story uses."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

STOPWORDS = frozenset("""a an the and or but of in on at to for from by with as is are was were be been
be being this that these those it its their his her they he she we you i not no yes after before over
under into out up down off about than then so if while says said say new more most will would can
could may might has have had do does did just also how why what when where who which amid""".split())


def stem(word: str) -> str:
    word = word.lower().strip("'’")
    if word.endswith(("'s", "’s")) and len(word) > 2:
        return word[:-2]  # a possessive however short the name: "Kim Jong Un's" names Un
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)
def content_terms(text: str) -> dict[str, str]:
    """Content words keyed by a crude stem, each with the first form the text uses.
    Cached (callers must not change the dict): rules ask about the same paragraphs often."""
    terms: dict[str, str] = {}
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]+|\d(?:[\d,.]*\d)?", text):
        if w.lower() not in STOPWORDS and len(w) > 1:
            terms.setdefault(stem(w), w.strip("'’"))
    return terms


def terms_of(texts) -> set[str]:
    """The content-word stems of several texts, each text's terms found once."""
    out: set[str] = set()
    for text in texts:
        out.update(content_terms(text))
    return out


class TermsWithout:
    """The content-word stems of several texts but one, as a set to test membership in:
    counted once for all the texts, so leaving each one out in turn stays linear."""

    def __init__(self, texts) -> None:
        self._texts = list(texts)
        self._counts: Counter[str] = Counter()
        for text in self._texts:
            self._counts.update(set(content_terms(text)))

    def without(self, left_out: str | None) -> "_Without":
        return _Without(self._counts, set(content_terms(left_out)) if left_out is not None else set())


class _Without:
    def __init__(self, counts: Counter[str], own: set[str]) -> None:
        self._counts, self._own = counts, own

    def __contains__(self, stem: object) -> bool:
        return self._counts.get(stem, 0) - (stem in self._own) > 0


def term_coverage(line: str, body: str | set[str]) -> tuple[float, list[str]]:
    """Share of a line's content words that the body (a text, or its stems) uses, and the
    ones it does not."""
    terms = content_terms(line)
    if not terms:
        return 1.0, []
    body_terms = content_terms(body) if isinstance(body, str) else body
    missing = [word for stem, word in terms.items() if stem not in body_terms]
    return 1.0 - len(missing) / len(terms), missing
