from checker.clauses import clauses


def test_a_wire_caption_splits_into_what_where_and_why():
    caption = ("A shopper looks at gas cans on the shelves of a hardware store, in Pine Hollow, "
               "Calif., Tuesday, Nov. 19, 2019, ahead of a planned power shutdown.")
    assert clauses(caption) == [
        "A shopper looks at gas cans on the shelves of a hardware store in Pine Hollow Calif. "
        "Tuesday Nov. 19 2019",
        "a planned power shutdown.",
    ]


def test_short_pieces_join_the_clause_before_them():
    assert clauses("Fans wave flags in the square, Madrid, Spain, as the team bus arrives home.") == [
        "Fans wave flags in the square Madrid Spain",
        "the team bus arrives home.",
    ]
    assert clauses("Mourners, some in tears, gather at the gates of the stadium in Leeds.") == [
        "Mourners some in tears",
        "gather at the gates of the stadium in Leeds.",
    ]
    # all of it one clause once the short pieces have joined: the text as it is
    text = "Rescuers search the rubble of a school in Elazig, Turkey, Jan. 25."
    assert clauses(text) == [text]


def test_a_single_clause_is_the_text_itself():
    assert clauses("Protesters march in the rain.") == ["Protesters march in the rain."]
    assert clauses("") == [""]
