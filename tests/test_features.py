"""Text facts the scored rules share: figures and dates a line and a body give."""
from __future__ import annotations

import numpy as np
import pytest

from checker.config import load
from checker.context import Context
from checker.features.numbers import _months, number_conflicts
from checker.features.shape import shape
from checker.features.terms import content_terms
from checker.read import read_text
from checker.segment import Segmenter


@pytest.mark.parametrize("line, ends", [
    ("The council will vote again in March.", 1.0),
    ("Is this the end of the line?", 1.0),
    ("Rights group. More than 100 marchers killed in unrest", 0.0),  # a break inside, none at the end
    ("Storm knocks out power across the Maritimes", 0.0),
])
def test_sentence_end_is_about_the_end_of_the_line(line, ends):
    assert shape(line)["sentence_end"] == ends


@pytest.mark.parametrize("line, leans", [
    ("But the council said it would not reconsider.", 1.0),          # points back
    ("(We never did agree on a name for the bridge.)", 1.0),          # an aside in brackets
    ("…as villagers cry foul over lost livelihoods", 1.0),          # a deck carried on
    ("...and the council will not reconsider", 1.0),
    ("Our agents are small business owners too.", 0.0),             # the speaker, not the text before
    ("A woman carries water through a flooded street in Dhaka.", 0.0),
    ("Storm knocks out power across the Maritimes (video)", 0.0),    # brackets, not an aside
])
def test_leans_on_context(line, leans):
    assert shape(line)["leans_on_context"] == leans


def test_months_read_only_as_dates():
    assert [m[:2] for m in _months("Shipments start in March and end on 9 May; prices rise from early June")] == \
        [(3, "March"), (5, "May"), (6, "June")]
    # A verb, a title-case word and a noun are not dates.
    assert _months("Toddlers Who Try Eggs Early May Avoid Allergy") == []
    assert _months("Officials may act. The March on Washington drew crowds.") == []
    assert _months("Talks resume May 4") == [(5, "May", ("resume", ""))]


def test_month_contradicted_only_by_the_same_thing():
    body = "The watch goes on sale in April. Apple holds an event on March 9 to show it."
    assert number_conflicts("Watch to go on sale in March", body) == [("March", "April")]
    assert number_conflicts("Watch to go on sale in April", body) == []
    # The body names March only for the event: nothing ties a March sale to the story.
    assert number_conflicts("Apple event in March", body) == []
    # The body ties the headline's month to the same thing as well: not a contradiction.
    assert number_conflicts("Watch to go on sale in March",
                            "Some shops put it on sale in March, most go on sale in April.") == []


def test_figures_still_contradicted_by_another_count_of_the_same_thing():
    assert number_conflicts("Landslide kills 40", "The landslide killed 14 people.") == [("40", "14")]
    assert number_conflicts("Landslide kills 40", "The landslide killed 40 people, 14 of them children.") == []


def test_a_bounded_figure_is_given_by_a_count_within_its_bound():
    body = "The Dow dropped 347 points on Tuesday."
    assert number_conflicts("Dow drops more than 300 points", body) == []
    assert number_conflicts("Dow drops nearly 350 points", body) == []
    assert number_conflicts("Dow drops fewer than 300 points", body) == [("300", "347")]
    assert number_conflicts("Dow drops more than 400 points", body) == [("400", "347")]


def test_a_country_or_its_people_tie_no_two_figures():
    body = "The carrier left port after five days at sea, the US Navy said."
    assert number_conflicts("What is happening on day 35 of US-Israeli attacks?", body) == []
    body = "Fighters said four Israeli tanks were disabled."
    assert number_conflicts("What is happening on day 35 of US-Israeli attacks?", body) == []
    # what is counted still ties them: "Israeli" is no part of it
    assert number_conflicts("Fighters say five Israeli tanks were disabled", body) == [("five", "four")]


def test_a_number_in_a_series_is_no_count():
    body = "Militants claimed responsibility for six attacks on military bases."
    assert number_conflicts("What is happening on day 35 of the attacks?", body) == []
    assert number_conflicts("Militants claim 35 attacks on bases", body) == [("35", "six")]


def test_a_name_of_digits_and_a_capital_is_no_figure():
    # 3M the company is no "3 million"; "$3m" and "3 million" are figures
    body = "Results from Caterpillar and 3M disappointed investors; the fund raised $3m."
    assert number_conflicts("Stocks drop after earnings disappoint 300 investors", body) == []
    assert number_conflicts("Fund raised $5m", body) == [("5m", "3m")]


def test_a_model_number_in_a_compound_gives_the_headlines_figure():
    body = ("Emirates will buy 30 of Boeing's 787-9 Dreamliner jets. "
            "Boeing's 737 Max jets have been grounded since March.")
    assert number_conflicts("Emirates orders 30 Boeing 787 jets", body) == []
    # A short figure in a compound ("a 3-2 win") gives nothing: counts stay contradicted.
    assert number_conflicts("Rovers win 4 games in a row", "Rovers won 3 games in a row after a 2-4 loss.") == \
        [("4", "3")]


def test_words_between_two_figures_belong_to_the_nearer_one():
    body = "She lost 130 pounds in two years and noticed some unexpected changes."
    # "pounds" is 130's unit, not what the 7 counts: the body's "two years" is no other 7.
    assert number_conflicts("She lost 130 pounds and shares 7 changes", body) == []
    # The same words next to the figure still tie it to the body's count.
    assert number_conflicts("She lost 150 pounds in two years", body) == [("150", "130")]


def test_content_terms_drop_trailing_punctuation_of_numbers():
    assert "40" in content_terms("kills 40, dozens missing").values()
    assert "1,400" in content_terms("a wall of 1,400 km.").values()


def test_bridge_measures_how_a_line_breaks_the_paragraphs_around_it():
    text = ("Title of the story\n\nFirst paragraph of the story, about the harbour.\n\n"
            "A line about something else.\n\nSecond paragraph of the story, about the harbour.\n\n"
            "Third paragraph.\n")
    article = Segmenter(load().segmenter).segment(read_text(text, "case.txt", "txt"))
    first, stray, second, third = article.body
    story, other = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    tilted = np.array([0.8, 0.6])
    vectors = {s.text: v for s, v in zip(article.segments, [story, story, other, story, tilted])}
    ctx = Context(article, vectors)
    # The paragraphs either side are identical (cosine 1) and orthogonal to the stray line.
    assert ctx.bridge(stray) == 1.0
    # A paragraph that runs on from the one before it breaks nothing.
    assert ctx.bridge(second) < 0
    # The first and last paragraphs have no paragraph on one side.
    assert ctx.bridge(first) == 0.0 and ctx.bridge(third) == 0.0


@pytest.mark.parametrize("line,body,expected", [
    ("Landslide kills 40 in Nepal", "At least 14 people were killed when the landslide struck.", [("40", "14")]),
    ("Bus crash injures 20", "Twelve people were injured when the bus overturned.", [("20", "Twelve")]),
    ("Death toll rises to 50", "The death toll rose to 35 on Friday.", [("50", "35")]),
    ("Unemployment falls to 4.1%", "The jobless rate fell to 4.3 percent in March.", [("4.1", "4.3")]),
    # The other sentence's figure is about something else.
    ("Flood kills 40 in Kerala", "The flood killed 40 people. Another 14 were injured.", []),
    # Figures glued to a unit or a name are measures and models, not counts.
    ("12in MacBook to ship in spring", "Analysts expect 61.7 million shipments in the quarter.", []),
    # Words around every kind of figure tie nothing together.
    ("Firm cuts 300 jobs, report says", "Shares fell 5 percent, a report said, and 120 stores shut.", []),
])
def test_figures_about_the_same_thing_in_other_words(line, body, expected):
    assert number_conflicts(line, body) == expected


def test_names_are_runs_of_capitalised_words_without_titles_or_a_sentence_opening():
    from checker.features.names import names

    line = "Students cheer as Vice President Jane Doe arrives at the Bank of Metro in Smallville."
    assert names(line) == (("Jane", "Doe"), ("Bank", "Metro"), ("Smallville",))


@pytest.mark.parametrize("line, label", [
    ("David Brooks", True), ("FCC Chairman Tom Wheeler.", True),
    ("US FALLS", False),                       # a heading in capitals
    ("Seoul", False),                          # one word
    ("Protesters march in Kabul", False), ("Linus is not afraid to look dumb.", False),
])
def test_only_a_name_is_a_portraits_label(line, label):
    from checker.features.names import only_a_name
    assert only_a_name(line) is label


def test_new_names_are_those_the_story_never_mentions_in_any_case():
    from checker.features.names import new_names

    story = "Omar Haddad told the SMALLVILLE council on Monday that the plan would go ahead."
    line = "Omar Haddad greets Jane Doe in Smallville on Tuesday, March 5, 2024."
    assert new_names(line, story) == ["Jane Doe"]


def test_a_rank_abbreviation_or_a_then_prefix_is_no_part_of_a_name():
    from checker.features.names import new_names

    line = ("Then-Metro City schools Supt. Ramon Ortiz, with Det. Sgt. Ana Ruiz and ex-Mayor "
            "Tom Reyes in 2015.")
    assert new_names(line, "Police arrested six people in Smallville.") == [
        "Metro City", "Ramon Ortiz", "Ana Ruiz", "Tom Reyes"]


def test_story_countries_without_a_line_are_the_others_summed_afresh():
    """Subtracting the left-out line's weights (linear) gives what summing every other line
    again gave (quadratic over a long story), to the last digit."""
    from collections import Counter

    from checker.context import PLACE_WEIGHT, STORY_KINDS

    text = ("Floods hit Dhaka and Sylhet in Bangladesh\n\nRivers rose near Sylhet, Bangladesh, on Monday.\n\n"
            "Indian officials in Assam said water also reached Guwahati.\n\n"
            "A Pakistani team flew in from Lahore.\n\nMore rain is due in Dhaka, officials said.\n")
    article = Segmenter(load().segmenter).segment(read_text(text, "case.txt", "txt"))
    ctx = Context(article, {})
    for left_out in (None, *article.segments):
        weights = Counter()
        for seg in article.of(*STORY_KINDS):
            if seg is not left_out:
                for p in ctx.places(seg):
                    weights[p.country] += PLACE_WEIGHT.get(p.kind, 1.0)
        top = max(weights.values(), default=0)
        expected = {c: w / top for c, w in weights.items()} if top else {}
        assert ctx.story_countries_without(left_out) == expected
    assert len(ctx.story_countries) >= 3


def test_first_name_known():
    from checker.features.names import first_name_known

    story = "Communications Minister Fahmi Fadzil said the trips were paid for. Fahmi added more."
    assert first_name_known("A file photograph shows Minister Fahmi Fadzil at a rally in Shah Alam.", story) == "Fahmi Fadzil"
    assert first_name_known("Jane Doe speaks at a rally in Shah Alam.", story) is None
    assert first_name_known("Palestinian supporters gather in the square.", "Palestinian factions met.") is None
    assert first_name_known("Two girls play near a school in Oak Ridge.", "Branches in Oak Ridge close.") is None
    assert first_name_known("Lady Starmer wears a dress to leave the plane in Washington",
                            "it emerged that Lady Starmer, the Prime Minister's wife, had been given gifts") == "Lady Starmer"


def test_a_headline_that_reads_as_a_label():
    from checker.model import Source
    from checker.rules.headline_mismatch import label

    def article(site: str = ""):
        class A:
            source = Source("x.html", "", "html", (), meta={"site_name": site} if site else {})
        return A()

    body = "This week the host sits down with the actor Omar Haddad, who talks about his first role."
    assert label(article(), "Morning Table Talk - Omar Haddad", body)
    assert "name and a date" in label(article("Marketplace.org"), "Marketplace Tech for Friday, April 19, 2013", body)
    assert label(article(), "Bushfire forces evacuation of mountain town", body) is None
    assert label(article(), "Actor Omar Haddad quits the stage", body) is None
    words = ("news", "brief", "letters", "editor", "morning", "briefing")
    assert "standing feature" in label(article(), "News in brief: Thursday, March 6", body, words)
    assert "standing feature" in label(article(), "Letters to the Editor", body, words)
    assert label(article(), "Morning briefing: storm closes schools", body, words) is None


OIL_STORY = ("Washington eyes Venezuela's oil\n\n"
             "The United States wants a share of Venezuela's oil, officials in Washington said.\n\n"
             "US companies left Venezuela years ago, and US sanctions still bar most trade.\n\n"
             "Venezuela holds the largest reserves in the world, but Venezuela's wells are old.\n\n"
             "Analysts in New York said US firms would want guarantees before going back to Venezuela.\n\n"
             "A worker walks past storage tanks of a refinery near Puerto Cabello, Venezuela.\n\n"
             "Refugees queue at a border crossing near Cucuta, Colombia.\n\n"
             "Opposition leader Jane Roe speaks at a rally in Maracaibo, Venezuela.\n\n"
             "Tankers wait off the coast of Venezuela, the US Treasury said.\n")


def test_a_country_the_story_names_often_is_no_conflict_however_much_more_it_names_another():
    from checker.features.places import STORY_COUNTRY_MENTIONS, located_places, place_conflict

    article = Segmenter(load().segmenter).segment(read_text(OIL_STORY, "case.txt", "txt"))
    ctx = Context(article, {})
    refinery, border = (next(s for s in article.segments if s.text.startswith(w)) for w in ("A worker", "Refugees"))
    assert ctx.story_country_mentions("VE") >= STORY_COUNTRY_MENTIONS
    assert ctx.story_countries["VE"] < 1.0  # the US leads, Venezuela follows
    assert place_conflict(ctx, located_places(ctx, refinery)) == 0.0
    assert place_conflict(ctx, located_places(ctx, border)) == 1.0  # Colombia: never named


COURT_STORY = """Court hears arguments on aid to Gaza

The court heard a final day of arguments on Israel's duty to let aid into Gaza.

Aid groups say Israel has blocked supplies to Gaza since March, and Palestinians face hunger.

The legal counsel told the court that Israel must allow aid into Gaza.

The counsel speaks about aid to Palestinians in Gaza during a hearing at the court in Brussels on Monday, 28 April 2025.

The court said it would give its opinion later this year.
"""


def test_the_place_a_caption_dates_is_its_scene():
    from checker.features.places import located_places, place_unnamed, scene_places

    article = Segmenter(load().segmenter).segment(read_text(COURT_STORY, "case.txt", "txt"))
    ctx = Context(article, {})
    caption = next(s for s in article.segments if s.text.startswith("The counsel speaks"))
    located = located_places(ctx, caption)
    assert {p.name for p in located} == {"Gaza", "Brussels"}
    # Gaza is what the counsel speaks about; the picture was taken where its date stands.
    assert [p.name for p in scene_places(ctx, caption, located)] == ["Brussels"]
    assert place_unnamed(ctx, located) == 0.0
    assert place_unnamed(ctx, scene_places(ctx, caption, located)) == 1.0
    # Undated, a caption says nothing of which of its places is the scene.
    undated = COURT_STORY.replace(" on Monday, 28 April 2025", "")
    article = Segmenter(load().segmenter).segment(read_text(undated, "case.txt", "txt"))
    ctx = Context(article, {})
    caption = next(s for s in article.segments if s.text.startswith("The counsel speaks"))
    assert scene_places(ctx, caption, located_places(ctx, caption)) == []
    # A wire caption's date before its place: "Friday, Sept. 2, 2016, in Pittsburgh".
    wire = COURT_STORY.replace("in Brussels on Monday, 28 April 2025", "on Friday, Sept. 2, 2016, in Brussels")
    article = Segmenter(load().segmenter).segment(read_text(wire, "case.txt", "txt"))
    ctx = Context(article, {})
    caption = next(s for s in article.segments if s.text.startswith("The counsel speaks"))
    assert [p.name for p in scene_places(ctx, caption, located_places(ctx, caption))] == ["Brussels"]


def test_new_opening_word():
    from checker.features.names import new_opening_word

    story = "Hamas leaders met in Gaza on Monday, and police said residents were calm."
    assert new_opening_word("Sinwar greets supporters in Gaza City.", story) == "Sinwar"
    assert new_opening_word("Police stand guard in Gaza City.", story) is None  # a common opener
    assert new_opening_word("Hamas leaders meet in Gaza City.", story) is None  # the story's own
    assert new_opening_word("A boy walks in Gaza City.", story) is None


def test_a_caption_set_where_the_story_is_naming_only_places_is_the_storys_ground():
    from checker.features.names import new_names
    from checker.rules.caption_mismatch import _scene_of_story_country

    article = Segmenter(load().segmenter).segment(read_text(OIL_STORY, "case.txt", "txt"))
    ctx = Context(article, {})

    def scene(opening: str):
        seg = next(s for s in article.segments if s.text.startswith(opening))
        return _scene_of_story_country(ctx, seg, new_names(seg.text, ctx.story_text))

    assert scene("A worker") == "Venezuela"
    assert scene("Refugees") is None       # set in a country the story never names
    assert scene("Opposition") is None     # names someone the story does not


def test_a_possessive_names_the_word_however_short():
    from checker.features.terms import term_coverage

    # "Kim Jong Un's" in the body names the headline's "Un"
    assert term_coverage("Kim Jong Un had ankle surgery", "Kim Jong Un’s ankle was operated on.")[1] == ["surgery"]
    assert term_coverage("Kim Jong Un had ankle surgery", "Kim Jong Un's ankle surgery went well.")[1] == []
