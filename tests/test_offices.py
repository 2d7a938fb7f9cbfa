"""Titles of office before a name, and the earliest day a text could print them."""
from datetime import date

import pytest

from checker.offices import earliest, find_offices


@pytest.mark.parametrize("text, holder, since", [
    ("Vice President Kamala Harris waves", "Kamala Harris", date(2021, 1, 20)),
    ("former President Donald Trump greets supporters", "Donald Trump", date(2021, 1, 20)),
    ("Former U.S. President Barack Obama speaks", "Barack Obama", date(2017, 1, 20)),
    ("President Joseph R. Biden Jr. signs the bill", "Joe Biden", date(2021, 1, 20)),
    ("President Xi Jinping arrives", "Xi Jinping", date(2013, 3, 14)),
    ("President Luiz Inácio Lula da Silva speaks", "Luiz Inácio Lula da Silva", date(2003, 1, 1)),
    ("UN Secretary-General Antonio Guterres", "António Guterres", date(2017, 1, 1)),
    ("Pope Benedict XVI blesses the crowd", "Benedict XVI", date(2005, 4, 19)),
    # two Presidents Bush: the earlier bound is the sure one
    ("President Bush said", "George H. W. Bush", date(1989, 1, 20)),
    ("former President Bush said", "George H. W. Bush", date(1993, 1, 20)),
])
def test_title_dates_the_text(text, holder, since):
    found = earliest(text)
    assert found is not None and found.holder == holder and found.since == since


@pytest.mark.parametrize("text", [
    "LDP President Shigeru Ishiba",  # a party's head
    "Deputy Prime Minister Chrystia Freeland",
    "Acme Vice President John Harris",  # another Harris
    "she was elected Prime Minister May 3, 2019",  # a month, not Theresa May
    "President-elect Donald Trump",
    "Pope Benedict XV",  # not Benedict XVI
    "former President Xi",  # no term of his had ended when the table was made
    "the club's President Tim Clark",
])
def test_no_title_of_a_listed_holder(text):
    assert find_offices(text) == []


def test_span_covers_the_title_and_name():
    text = "Crowds cheered as former President Donald J. Trump arrived."
    (found,) = find_offices(text)
    assert text[found.start:found.end] == "former President Donald J. Trump"
    assert found.title == "former President"


def test_table_terms_are_ordered():
    from checker.offices import _table

    table, as_of = _table()
    for holders in table.values():
        for h in holders:
            for start, end in h.terms:
                assert end is None or start < end <= as_of, h.name
            assert list(h.terms) == sorted(h.terms, key=lambda t: t[0]), h.name
