"""The stock lines of news copy (checker/data/stock.yml) and how close a line is to one."""
from __future__ import annotations

import numpy as np

from checker import stock
from tests.helpers import context_of
from tests.test_topics import STORY


def test_the_bank_is_distinct_full_sentences():
    bank = stock.phrases()
    assert len(bank) >= 100
    assert len(set(bank)) == len(bank)
    for phrase in bank:
        assert phrase[0].isupper() and phrase[-1] in ".!?\"”" and len(phrase.split()) >= 3, phrase


def test_closest_names_the_nearest_stock_line():
    n = len(stock.phrases())
    bank = np.zeros((n, 3))
    bank[0], bank[1] = [1, 0, 0], [0.6, 0.8, 0]
    assert stock.closest(np.array([0.0, 1.0, 0.0]), bank) == (0.8, stock.phrases()[1])


def test_a_story_s_no_comment_line_is_close_to_a_stock_line_and_an_advert_is_not(embedder):
    ctx, lines = context_of(STORY, embedder)
    generic, advert = ctx.stock_match(lines["The council "]), ctx.stock_match(lines["Book your Ca"])
    assert generic[0] > 0.4 and generic[0] > advert[0] + 0.2, (generic, advert)
