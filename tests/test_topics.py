"""The topic bank (checker/data/topics.yml) and the topic a line leans towards beyond its story."""
from __future__ import annotations

import re

import numpy as np

from checker import topics
from checker.config import load
from checker.read import read_text
from checker.segment import Segmenter
from tests.helpers import context_of

STORY = """Council approves leaner budget as library hours are cut

The city council voted 7-2 on Tuesday night to approve a $412 million budget for next year, closing a $19 million gap mainly by trimming library hours and delaying road repairs.

Council members said the shortfall came from lower sales tax receipts and higher pension costs, and that they had tried to spare police and fire services from the cuts.

Book your Caribbean cruise now and save on balcony cabins for the whole family.

Under the plan, branch libraries will close on Mondays and two mobile library vans will be taken off the road.

The council did not immediately say when the library changes would take effect.

The mayor defended the budget, arguing that the city could not raise property taxes again.
"""


def test_the_bank_is_broad_distinct_and_concrete():
    bank = topics.phrases()
    assert len(bank) >= 200
    assert len(set(bank)) == len(bank)
    for phrase in bank:
        assert phrase == phrase.lower() and 3 <= len(phrase.split()) <= 10, phrase


def test_shift_names_the_topic_the_line_leans_to_beyond_the_story():
    n = len(topics.phrases())
    bank = np.zeros((n, 3))
    bank[0], bank[1] = [1, 0, 0], [0, 1, 0]
    line, story = np.array([0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0])
    found = topics.shift(line, story, bank)
    assert found.topic == topics.phrases()[1]
    assert (found.value, found.line, found.story) == (1.0, 1.0, 0.0)
    # A line about what the story is about leans nowhere beyond it.
    assert topics.shift(story, story, bank).value == 0.0
    assert topics.shift(line, None, bank).value == 0.0


def test_a_line_from_elsewhere_leans_to_its_own_topic_and_a_generic_line_does_not(embedder):
    ctx, lines = context_of(STORY, embedder)
    cruise, generic = ctx.topic_shift(lines["Book your Ca"]), ctx.topic_shift(lines["The council "])
    assert re.search(r"cruise|travel|holiday", cruise.topic), cruise
    assert cruise.value > generic.value + 0.1, (cruise, generic)
    assert ctx.topic_shift(lines["Book your Ca"]) is cruise  # remembered, not measured again


def test_an_engine_run_has_vectors_for_the_bank_beside_its_articles(engine):
    vectors = engine._encode([Segmenter(load().segmenter).segment(read_text(STORY, "a.txt", "txt")),
                              Segmenter(load().segmenter).segment(read_text(STORY, "b.txt", "txt"))])
    assert set(topics.phrases()) <= set(vectors)
