"""Blocks -> segment kinds, on the seed, the samples and hand-made lines."""
from __future__ import annotations

import json

import pytest

from checker.model import Kind
from checker.read import read_path, read_text
from checker.segment import LIST_ITEM, Segmenter, split_sentences
from tests.conftest import SAMPLES, SEED


@pytest.fixture(scope="module")
def segmenter(config):
    return Segmenter(config.segmenter)


def kinds_by_line(article):
    out: dict[int, list[str]] = {}
    for seg in article.segments:
        out.setdefault(article.line(seg), []).append(seg.kind.value)
    return out


@pytest.mark.parametrize("path", [SEED, *sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*-*.md"))],
                         ids=lambda p: p.name)
def test_expected_segment_kinds(segmenter, path):
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    got = kinds_by_line(segmenter.segment(read_path(path)))
    for want in expected.get("segments", []):
        kinds = want.get("kind_any", [want.get("kind")])
        assert set(kinds) & set(got.get(want["line"], [])), (want, got.get(want["line"]))


def test_seed_outline(segmenter):
    article = segmenter.segment(read_path(SEED))
    got = kinds_by_line(article)
    assert got[3] == got[5] == ["headline"]
    assert got[11] == ["credit", "caption"]
    credit = article.of(*[s.kind for s in article.segments if s.kind.value == "credit"])[0]
    assert credit.text == "REUTERS/Sabratha municipality media office/Handout"
    assert "glued" in credit.note
    assert got[21] == ["boilerplate"] and got[27] == got[28] == ["related"]
    assert all(got[n] == ["body"] for n in (7, 9, 13, 15, 17, 19, 23, 25))


def test_segment_text_is_the_source_slice(segmenter):
    for path in [SEED, *SAMPLES.glob("*.txt"), *SAMPLES.glob("*-*.md")]:
        article = segmenter.segment(read_path(path))
        for seg in article.segments:
            assert seg.text == article.source.text[seg.start:seg.end]
        for sentence in article.sentences:
            assert sentence.text == article.source.text[sentence.start:sentence.end]


@pytest.mark.parametrize("line,kinds", [
    ("A man walks past rubble in Aleppo, Syria, March 3, 2024. (Omar Sanadiki/Reuters)", ["caption", "credit"]),
    ("Protesters gather outside parliament. (AP Photo/Jane Doe)", ["caption", "credit"]),
    ("In the late 1800s, poles were buried.CreditKirsten Luce for The Daily Planet", ["caption", "credit"]),
    ("A man sleeps in a doorway.Credit...Jane Doe/Shore Media for Shore.com", ["caption", "credit"]),
    ("Shares fell sharply at the bank.Credit Suisse said on Monday it would cut jobs.", ["body"]),
    ("Shoppers compare prices on halibut. (Jane Doe / The Daily Planet)", ["caption", "credit"]),
    ("AP Photo/Jane Doe/FileResidents wade through water in Sindh.", ["credit", "caption"]),
    ("BEIRUT (Reuters) - Rebels withdrew from the town on Friday after heavy shelling.", ["dateline", "body"]),
    ("By Jane Doe and John Smith", ["byline"]),
    ("Reporting by Jane Doe; Editing by John Smith", ["credit"]),
    ("Sign up for our newsletter to get the best stories every morning.", ["boilerplate"]),
    ("© Getty Images A man walks past a burned-out car in the city centre.", ["credit", "caption"]),
    ("© Photo courtesy of Stock Site, Public Domain The river rises after a week of rain.", ["credit", "caption"]),
    ("© 2024 The Daily Planet. All rights reserved.", ["boilerplate"]),
    # the labels a scrape keeps of a picture: its copyright line alone, or before its caption
    ("Image copyright Getty Images", ["credit"]),
    ("Image copyright Social media Image caption Jane Doe grew up in Smallville", ["credit", "caption"]),
    ("Image copyright Jane Doe Image caption The bridge over the river before it fell", ["credit", "caption"]),
    ("Image copyright law was changed in 2019, the court said.", ["body"]),
    # a photographer working for an outlet closes a caption
    ("Grab a drink at the cantina on the square. Jane Doe for CNN", ["caption", "credit"]),
    ("Jane Doe/Courtesy Doe Family", ["credit"]),
    ("Denny Doe / NASA via AP", ["credit"]),
    ("By: Jane Doe", ["byline"]),
    ("By: Author not found", ["other"]),
    ("We acknowledge Aboriginal and Torres Strait Islander peoples as the First Australians.", ["boilerplate"]),
    ("AEST = Australian Eastern Standard Time which is 10 hours ahead of GMT (Greenwich Mean Time)", ["boilerplate"]),
    ("Published in Dawn, January 2nd, 2025", ["boilerplate"]),
    ("Video Ad Feedback", ["boilerplate"]),
    ("Next Image", ["boilerplate"]),
    ("View image in fullscreen", ["boilerplate"]),
    ("Reuse this content", ["boilerplate"]),
    ("People are also reading…", ["boilerplate"]),
    ("3). https://static.example.com/thumb/msid-7137,width-65.cms", ["other"]),
    ("Print Read More", ["boilerplate"]),
    ("Flipboard", ["boilerplate"]),
    ("Sign me up for the Daily Planet's free weekly email newsletter", ["boilerplate"]),
    ("LEARN MORE Council votes to close the old library", ["boilerplate"]),
    ("Tired of too many ads?go ad free now", ["boilerplate"]),
    ("1h ago1 hours agoSat 6 Jul 2024 at 5:45am", ["other"]),
    ("ByJane Doe,Omar Haddad,Ann Lee", ["byline"]),
    ("Updated on:  February 1, 2025 / 5:52 PM EST/ CBS Metro", ["other"]),
    ("Listen to the best of Radio Metro and follow Radio Metro on Facebook, X and Instagram. "
     "Send your story ideas to hello@dailyplanet.example", ["boilerplate"]),
    ("Questions and/or comments can be sent to Jane at jane@example.com and you can follow her on", ["boilerplate"]),
    ("Twitter@JaneDoe", ["other"]),
    ("JUST WATCHED Officer describes how the arrest at the corner shop unfolded on the night of the storm in "
     "the city Replay More Videos ... MUST WATCH Officer describes how the arrest at the corner shop unfolded "
     "on the night of the storm in the city 03:27", ["boilerplate"]),
    ("Media playback is not supported on this device Archive: the manager explains his philosophy", ["boilerplate"]),
    ("More:Too much salt in your diet can be dangerous. This should be your daily limit.", ["boilerplate"]),
    ("CLICK HERE TO GET THE DAILY PLANET APP", ["boilerplate"]),
    ("Have you been personally affected by this story? You can email news@dailyplanet.example.", ["boilerplate"]),
    # a page's footer lines run together, every sentence of them boilerplate
    ("This material may not be published, broadcast, rewritten, or redistributed. ©2024 Daily Planet "
     "Network, LLC. All rights reserved. Quotes displayed in real-time or delayed by at least 15 minutes. "
     "Market data provided by Factset.", ["boilerplate"]),
    ("This material may not be published, broadcast, rewritten, or redistributed, the judge told the "
     "court on Tuesday. The paper had printed the names of two witnesses in its report of the first day.",
     ["body"]),
    ("Thanks for signing up! Check your inbox or spam folder to confirm your subscription.", ["boilerplate"]),
    ("Storm batters the coast as ferries stay in port Read more", ["boilerplate"]),
    ("Amy B Wang and J. Omar du Lac contributed to this report.", ["credit"]),
    ("Jane Doe, Ann Lee, Omar Haddad and Bo Smith contributed.", ["credit"]),
    ("From Jane Doe/Instagram", ["credit"]),
    # a photographer's name and agency on a line of their own is all credit
    ("Chip Doe / Getty Images file", ["credit"]),
    ("Portrait by George Del Barrio", ["credit"]),
    ("Photograph: Jane Doe/Reuters", ["credit"]),
    ("Via: 9to5mac", ["credit"]),
    ("Jane Doe writes for the Daily Planet and its Sunday edition.", ["byline"]),
    ("Scroll down for video", ["boilerplate"]),
    ("Follow @AP for the latest on the storm.", ["boilerplate"]),
    ("Residents shared videos of swaying lamps under the #SismoPeru tag, and the civil defence office asked "
     "people to follow @IndeciPeru for updates on aftershocks and road closures.", ["body"]),
    ("MORE: Musician sets record for the longest drum solo on a moving train", ["boilerplate"]),
    ("Copyright 2019 The Associated Press. This material may not be published or broadcast.", ["boilerplate"]),
    ("Rebels withdrew from the town on Friday after heavy shelling, residents said.", ["body"]),
    # an uncredited wire caption: present tense, closing on its place and date
    ("Residents wade through floodwaters past shops in Jacobabad, Pakistan, Aug. 27, 2020.", ["caption"]),
    ("Teachers hold a rally in Indianapolis, Tuesday, Nov. 19, 2019, calling for more pay.", ["caption"]),
    ("A sheikh passes an airliner at the air show in Dubai, on Monday, Nov. 13, 2017.", ["caption"]),
    ("Smoke rises over the old city of Mosul, Iraq March 7, 2017", ["caption"]),
    # ... which a story's dated sentences and past tenses are not; an embedded post's credit
    # line is page furniture
    ("The new law took effect across the whole country on Jan. 1, 2019.", ["body"]),
    ("The mayor was born in Lagos, Nigeria, March 3, 1961.", ["body"]),
    ("— Jane Doe (@janedoe) November 18, 2019", ["other"]),
    ("Mayor Jane Doe (@janedoe) said on Nov. 18, 2019 that the bridge would reopen.", ["body"]),
    ("Prices at the pump have climbed every week since Nov. 19, 2019.", ["body"]),
    ("The festival runs through Sunday, Nov. 24, 2019.", ["body"]),
    # a scene in the present tense closing on its place, with no date or credit
    ("A damaged bus lies on its side after it fell off a highway in Nepal's Dhading district.", ["caption"]),
    ("Emergency workers search the rubble of a collapsed house south of Marrakech, Morocco.", ["caption"]),
    ("The defendant gestures with a thumbs up after he was arrested outside the court in London.", ["caption"]),
    # ... which a pronoun subject, a noun that shares the verb's spelling, a verb's other sense,
    # reported speech or a place that is a month are not
    ("He sits on the board of a carmaker in Munich, Germany.", ["body"]),
    ("The search for survivors continued in Hatay, Turkey.", ["body"]),
    ("The state pension fund holds a stake in Air India.", ["body"]),
    ("Rescuers search the rubble in Hatay, officials said.", ["body"]),
    ("The minister speaks at the summit in Paris on Monday, she told reporters in Rome.", ["body"]),
    ("Wholesale prices rise again in April.", ["body"]),
    ("Protesters march against fuel prices in Nairobi", ["subhead"]),  # a headline has no full stop
    ("(Cross-posted on the Open Source Blog)", ["body"]),  # an aside in brackets heads nothing
    # a long line with no full stop is a tabloid's caption, unless the house speaks to its reader
    ("Gary Doe and his lawyer attempted to get him declared insane at his trial", ["caption"]),
    ("Take our weekly news quiz to stay on top of all the headlines of the week", ["body"]),
    # a bracketed credit names a picture or an agency; an editor's note does not
    ("A man walks past the flooded market. [File: Reuters]", ["caption", "credit"]),
    ("Example: [Received by e-mail, March 2016]", ["subhead"]),
    # "seen as" is "regarded as" in a story, not a photo's subject being seen
    ("Iran is seen as the main backer of Hezbollah fighters in Lebanon.", ["body"]),
    ("Smoke is seen over the harbour in Piraeus, Greece.", ["caption"]),
    # page furniture: a separator rule, a bare timestamp; a dated sentence is still the story
    ("___", ["other"]),
    ("* * *", ["other"]),
    ("Tuesday 02 September 2014", ["other"]),
    ("Updated: Nov. 19, 2019 3:45 p.m. ET", ["other"]),
    ("Published on Monday, March 3, 2020 at 10:15 am", ["other"]),
    ("Tested by: Jane Doe RRP: £23.99 More info: www.example.co.uk", ["other"]),
    ("Price: $349 | Rating: 4/5 | Verdict: the best budget phone this year", ["other"]),
    ("Verdict: a fine phone, if you can live without a headphone jack.", ["body"]),
    ("March 2020 was the wettest month on record in the valley.", ["body"]),
    ("Feb. 23, 2015 -- Peanut allergies have been on the rise in the past decade.", ["body"]),
    # an advert's call to action; a story reporting an offer is the story
    ("Compare quotes from trusted local agents and save on your home insurance in minutes.", ["boilerplate"]),
    ("Book your Caribbean cruise today and save up to 40 percent on balcony cabins.", ["boilerplate"]),
    ("Call now for a free estimate on solar panels.", ["boilerplate"]),
    ("Sponsored: five smart ways to cut your energy bills", ["boilerplate"]),
    ("Shoppers can save 20 percent on winter coats this week, the retailer said.", ["body"]),
    ("The festival is sponsored by a local brewery, organisers said.", ["body"]),
    ("Try to imagine the scene on the night of the flood.", ["body"]),
    # a source and the agency that sold its picture close a caption unbracketed; the place
    # before them stays the caption's
    ("Riot police hold a line outside the town hall in Smallville Northwire via Getty Images", ["caption", "credit"]),
    ("The footage reached the newsroom via Reuters.", ["body"]),
    # a Title Case heading's preposition governs the agency's name: no credit
    ("Top Overnight News from Bloomberg", ["subhead"]),
    # an author's biography, however long, is the byline's; a sentence about a reporter is not
    ("Jane Doe is a senior reporter at the Daily Planet, writes about schools and courts, and teaches at "
     "the city college.", ["byline"]),
    ("Jane Doe is a reporter who covered the flood for ten years.", ["body"]),
    # AP's closing line is a wire credit
    ("Associated Press writer Jane Doe in Glasgow contributed to this report.", ["credit"]),
    # a named subject, an apposition, a present-tense scene on its date, then context: a caption
    ("Omar Haddad, then newly freed from jail, speaks during a rally in Northport in October 2011. "
     "Haddad has since been named the party's leader, which may slow the talks.", ["caption"]),
    ("Omar Haddad, then newly freed from jail, spoke during a rally in Northport in October 2011. "
     "Haddad has since been named the party's leader.", ["body"]),
])
def test_line_kinds(segmenter, line, kinds):
    text = f"Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n{line}\n\nAid arrived later.\n"
    article = segmenter.segment(read_text(text))
    assert kinds_by_line(article)[5] == kinds


@pytest.mark.parametrize("first, kinds", [
    ("WASHINGTON — The court seems poised to reject the appeal over the ballot.", ["dateline", "body"]),
    ("BREAKING — Quake hits the coast of Smallville", ["headline"]),
    ("Copyright 2024 The Daily Planet. All Rights Reserved.", ["boilerplate"]),
    ("NASA's newest climate satellite rocketed into orbit on Thursday to survey the oceans and the air "
     "with a precision never before possible.", ["body"]),
    ("Aunt cuts off nephew's toe after he bursts in on her in the garden shed.", ["headline"]),
    ("Updated October 15, 2018 / Original October 12, 2018", ["other"]),
    ("Source: Dawn News", ["credit"]),
])
def test_a_first_line_that_is_a_lead_or_furniture_is_no_headline(segmenter, first, kinds):
    text = f"{first}\nA ruling would end efforts in two states to keep him off it.\nThe court meets again on Friday.\n"
    assert kinds_by_line(segmenter.segment(read_text(text)))[1] == kinds


def test_short_lines_among_a_sites_footer_are_its_links_not_headlines(segmenter):
    text = ("Council backs the budget\n\nThe council approved the budget on Tuesday.\n\n"
            "Members argued for six hours before the vote, and the mayor said the cuts were fair.\n\n"
            "The budget takes effect in April, officials said.\n\n"
            "Advertise with us\nPlanet Labs\nSearch jobs\nMetro Weekly Network\nBack to top\n"
            "© 2025 Daily Planet Media. All rights reserved.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert [got[n] for n in range(9, 15)] == [["boilerplate"]] * 6


def test_headlines_glued_after_the_story_stay_related_past_one_house_line(segmenter):
    text = ("Council backs the budget\n\nThe council approved the budget on Tuesday.\n\n"
            "Members argued for six hours before the vote, and the mayor said the cuts were fair.\n\n"
            "The budget takes effect in April, officials said.\n\n"
            "© 2025 Daily Planet Media. All rights reserved.\n"
            "Storm closes the coast road for a day\nFerry services resume after the storm\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[10] == got[11] == ["related"]


def test_headlines_under_a_rails_label_are_its_links_in_sentence_case_too(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n"
            "People are also reading…\n\nRoyal bakery opens its first city location\n\n"
            "Another grocery chain location to close in the county\n\n"
            "Missing man found dead near the reservoir\n\n"
            "The river returned below flood stage late on Monday, and roads reopened by the evening.\n\n"
            "More storms are expected later in the week, the weather service said.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[9] == got[11] == got[13] == ["boilerplate"]
    assert got[15] == ["body"]


def test_a_scrapers_labels_on_lines_of_their_own_and_before_the_text(segmenter):
    text = ("Article Number: 1\n\nURL: https://example.com/news/harbour-wall\n\nHeadline: \n   Harbour wall to be rebuilt after storms\n\n"
            "Body: The town council voted on Tuesday to rebuild the harbour wall that storms breached twice.\n\n"
            "Author: \n   By Jane Roe, Daily Planet\n\n"
            "Work will begin in May and take about a year, the council's engineer said.\n")
    article = segmenter.segment(read_text(text))
    assert article.headline is not None and article.headline.text == "Harbour wall to be rebuilt after storms"
    kinds = kinds_by_line(article)
    assert kinds[1] == ["other"]
    assert kinds[5] == ["other"] and kinds[8] == ["other", "body"] and kinds[10] == ["other"]
    assert kinds[11] == ["byline"]


@pytest.mark.parametrize("first", ["Enlarge this image", "Jane Roe, the company's lead counsel, appears on CNN. (CNN)",
                                   "Image copyright Reuters Image caption The minister in Sochi last week",
                                   "Image copyright EPA"])
def test_a_pictures_label_or_credit_on_the_first_line_is_no_headline(segmenter, first):
    text = (f"{first}\n\nEU and UK officials will resume talks this morning in the hope of a deal.\n\n"
            "Officials said on Tuesday that there was more work still to do before the summit.\n")
    article = segmenter.segment(read_text(text))
    assert article.headline is None
    assert "body" in kinds_by_line(article)[3]


def test_a_pictures_control_on_a_line_of_its_own_is_no_subhead(segmenter):
    text = ("Talks resume\n\nEU and UK officials will resume talks this morning in the hope of a deal.\n\n"
            "Enlarge this image\n\nOfficials said on Tuesday that there was more work still to do.\n")
    assert kinds_by_line(segmenter.segment(read_text(text)))[5] == ["other"]


def test_widget_text_run_into_a_paragraph_is_cut_out_of_it(segmenter):
    text = ("Senator defends the president\n\nThe senator defended the president on Sunday. "
            "CLICK HERE TO GET THE FOX NEWS APPHe said the debate had been one bad night. hide caption "
            "toggle caption Jane Roe/Getty Images Polls showed the race tightening.\n")
    article = segmenter.segment(read_text(text))
    got = [(s.kind.value, s.text) for s in article.segments if article.line(s) == 3]
    assert got == [("body", "The senator defended the president on Sunday."),
                   ("boilerplate", "CLICK HERE TO GET THE FOX NEWS APP"),
                   ("body", "He said the debate had been one bad night."),
                   ("boilerplate", "hide caption toggle caption"),
                   ("body", "Jane Roe/Getty Images Polls showed the race tightening.")]


@pytest.mark.parametrize("first,second,kind", [
    # two headlines in capitals between the paragraphs: links to other stories
    ("AT-RISK SENATORS STEER CLEAR OF THE DEBATE AHEAD OF CLOSE ELECTIONS",
     "GOVERNOR WILL STICK TO STATE TOUR INSTEAD OF JOINING THE PRESIDENT", "boilerplate"),
    # a short subhead in capitals, and one long one alone: the story's
    ("WHAT HAPPENS NEXT", "THE LONG ROAD TO THE CONVENTION IN AUGUST", "subhead"),
])
def test_headlines_in_capitals_between_the_paragraphs(segmenter, first, second, kind):
    text = ("Senator defends the president\n\nThe senator defended the president on Sunday, aides said.\n\n"
            f"{first}\n\n"
            "He said the debate had been one bad night and that voters would look at the record.\n\n"
            f"{second}\n\n"
            "Polls this week showed the race tightening in three states, his office said.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[5] == got[9] == [kind]


def test_a_page_dumps_print_button_stamps_and_separators_are_no_headline(segmenter):
    text = ("Print\nFeb. 13, 2024, 2:36 AM UTC\n / \nUpdated\n \nFeb. 13, 2024, 4:42 PM UTC\n"
            "The council approved its budget on Tuesday after a long debate, the clerk said.\n")
    article = segmenter.segment(read_text(text))
    assert article.headline is None
    assert [kinds_by_line(article)[n] for n in (1, 3, 4)] == [["boilerplate"], ["other"], ["other"]]


def test_a_scrapers_fields_over_the_text_are_read_as_what_they_hold(segmenter):
    text = ("Title: Harbour wall to be rebuilt after winter storms\nAuthor: Jane Roe\nDate: 2024-03-05\n"
            "URL: https://example.com/news/harbour-wall\n\n"
            "The town council voted on Tuesday to rebuild the harbour wall that storms breached twice.\n\n"
            "Work will begin in May and take about a year, the council's engineer said.\n")
    article = segmenter.segment(read_text(text))
    head = article.headline
    assert head is not None and head.text == "Harbour wall to be rebuilt after winter storms"
    assert kinds_by_line(article)[1] == ["other", "headline"]
    assert kinds_by_line(article)[2] == ["byline"]
    assert kinds_by_line(article)[4] == ["other"]


def test_a_rails_cards_keep_their_dates_and_pictures_between_the_headlines(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n"
            "Related Articles\n\nRoyal bakery opens its first city location\n\nOctober 18, 2023\n\n"
            "Missing man found dead near the reservoir\n\n"
            "Volunteers search the reservoir shore at dawn on Sunday\n\n"
            "Another grocery chain location to close in the county\n\nOctober 17, 2023\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[9] == got[13] == got[15] == got[17] == ["boilerplate"]
    assert got[11] == ["other"]


def test_a_rails_cards_with_section_labels_buttons_and_credits(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n"
            "More in Politics\n\nUS\n\nRoyal bakery opens its first city location\nSAVE FOR LATER\n"
            "Jane Roe for The New York Times\n\nARTS\n\nBest and worst moments from the awards night\n"
            "SAVE FOR LATER\n\nFor more stories, return to home.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == got[11] == got[12] == got[17] == got[18] == ["boilerplate"]
    assert got[9] == got[15] == ["other"] and got[13] == ["credit"]


CARD_STORY = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
              "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n")
CARDS = [("Royal bakery opens its first city location", "The bakery's owners say the queue began at dawn."),
         ("Missing man found dead near the reservoir", "Police said there were no suspicious circumstances."),
         ("Another grocery chain location to close in the county", "The chain blamed rising rents for the closure.")]


@pytest.mark.parametrize("summary_words,heads,summaries", [(1, "boilerplate", "boilerplate"), (8, "subhead", "body")])
def test_cards_of_other_stories_with_no_label_are_a_rail_but_a_live_blogs_entries_are_not(segmenter, summary_words,
                                                                                        heads, summaries):
    """Three cards in a row (a headline, a one-sentence summary, a time stamp, a picture) are
    another story's each; entries of a live blog, whose text under each stamp runs to
    paragraphs, are the story's."""
    text = CARD_STORY + "".join(
        f"{head}\n{' '.join([summary] * summary_words)}\n\nPublished On 3 Apr 2026\n"
        f"A crowd gathers outside the shop in the city. (Photo by Jane Roe/Getty Images)\n"
        for head, summary in CARDS)
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == got[12] == got[17] == [heads]
    assert got[8] == got[13] == got[18] == [summaries]


def test_share_counts_under_a_rails_label_keep_it_going(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n"
            "Trending Now on Daily Planet\n\nThis story has been shared 69,268 times.\n\n69,268\n\n"
            "Royal bakery opens its first city location\n\nThis story has been shared 1,204 times.\n\n"
            "Missing man found dead near the reservoir\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == got[13] == ["boilerplate"]
    assert got[17] == ["related"]  # (the last line of the text: a trailing headline, as any)


def test_a_subhead_with_its_paragraph_after_a_rails_link_stays_the_storys(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Rain upstream on Friday sent more water down the valley, forecasters said.\n\n"
            "See also\n\nRoyal bakery opens its first city location\n\n"
            "## Roads reopen in the valley\n\n"
            "The river returned below flood stage late on Monday, and roads reopened by the evening.\n")
    got = kinds_by_line(segmenter.segment(read_text(text, "story.md", "md")))
    assert got[9] == ["boilerplate"]
    assert got[11] == ["subhead"] and got[13] == ["body"]


def test_the_storys_own_paragraph_under_a_related_label_stays_the_storys(segmenter):
    text = ("River crests and recedes\n\nThe river crested a foot above flood stage on Monday morning.\n\n"
            "Related\n\nThe river returned below flood stage late on Monday, and roads reopened by the evening.\n\n"
            "More storms are expected later in the week, the weather service said.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == ["body"]


def test_trailing_title_lines_are_related_and_inner_ones_subheads(segmenter):
    text = ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
            "What happens next\n\nAid arrived later, officials said.\n\n"
            "Oil prices climb for a third day\nFive easy weeknight dinners\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[5] == ["subhead"] and got[9] == got[10] == ["related"]


STORY = ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
         "Aid arrived later, officials said.\n\n")


def test_closing_headlines_that_read_like_scenes_stay_related(segmenter):
    text = STORY + "Protesters march against fuel prices in Nairobi\nFans celebrate a late winner in Lagos, Nigeria\n"
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == got[8] == ["related"]


def test_a_closing_run_of_consecutive_lines_is_related_whatever_its_punctuation(segmenter):
    text = STORY + "Oil prices climb. Traders shrug.\nWhy the port strike may be over at last?\n"
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == got[8] == ["related"] and got[5] == ["body"]


@pytest.mark.parametrize("last", ["Ferry services will resume on Saturday if the wind drops, the operator said.",
                                  "Ferry services will resume on Saturday if the wind drops."])
def test_headlines_glued_straight_after_the_last_paragraph_leave_it_body(segmenter, last):
    text = STORY + last + "\nTown council approves new budget for schools\nFerry fares to rise in spring\n"
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[7] == ["body"] and got[8] == got[9] == ["related"]


@pytest.mark.parametrize("text", [
    # the story itself never leaves a blank line: consecutive lines are its paragraphs
    "Town falls to rebels\nThe fighting lasted two weeks, residents said.\n"
    "Aid arrived later, officials said.\nOil prices climb. Traders shrug.\nThe port reopened today.\n",
    # a long line in the run is prose, not a link
    STORY + "Oil prices climb. Traders shrug.\n" + "The port reopened today after " + "a long " * 15 + "strike.\n",
    # one closing line is not a run
    STORY + "Oil prices climb. Traders shrug.\n",
    # a signature block
    STORY + "Jane Doe, City Desk.\njane.doe@example.com\n",
])
def test_closing_lines_that_are_not_a_run_of_links_stay_body(segmenter, text):
    article = segmenter.segment(read_text(text))
    assert not [s for s in article.segments if s.kind.value == "related"]

def test_closing_contact_lines_are_never_headlines(segmenter):
    text = STORY + "Newsdesk tips go to Jane Doe at jdoe@example.net\n\nPhotos by Omar Haddad at oh@example.net\n"
    article = segmenter.segment(read_text(text))
    assert not [s for s in article.segments if s.kind.value == "related"]


def test_names_under_a_closing_salutation_are_a_signature_not_headlines(segmenter):
    text = STORY + "Regards from a snowy Helsinki,\n\nJane Roe\n\nJohn Smith\n\nMaria Garcia Lopez\n"
    article = segmenter.segment(read_text(text))
    assert not [s for s in article.segments if s.kind.value == "related"]


PAGE = ("<html><head><title>t</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Town falls to rebels after two weeks</h1>"
        + "".join(f"<p>The fighting in the town lasted two weeks, and on day {n} residents said the shelling "
                  f"had stopped for a few hours.</p>" for n in range(1, 9))
        + "{tail}<p class='tags'>Tags: <a rel='tag' href='/t/war'>war</a></p>"
        "<div class='share'><a href='/s'>Share on Facebook</a></div></article>"
        "<footer>© 2026 Town Gazette. All rights reserved.</footer></body></html>")


def test_headlines_glued_after_a_pages_last_paragraph_are_related_past_its_furniture(segmenter):
    tail = "<p>Oil prices climb for a third day</p><p>Five easy weeknight dinners for busy families</p>"
    article = segmenter.segment(read_text(PAGE.replace("{tail}", tail), "p.html", "html"))
    assert [s.text for s in article.segments if s.kind.value == "related"] == [
        "Oil prices climb for a third day", "Five easy weeknight dinners for busy families"]


def _page_source(lines: list[tuple[str, bool]]):
    """A page as its reader hands it on: one running-text block per line, the linked ones
    marked as the HTML reader marks a block most of whose words are a link's."""
    from checker.model import Block, Source

    text, blocks, linked = "", [], set()
    for line, link in lines:
        start = len(text)
        text += line + "\n\n"
        blocks.append(Block(line, start, start + len(line), paragraph=True))
        if link:
            linked.add(start)
    return Source("p.html", text, "html", tuple(blocks), {"linked": frozenset(linked)})


@pytest.mark.parametrize("link", [True, False])
def test_headlines_after_a_pages_last_paragraph_are_its_own_links_when_linked(segmenter, link):
    story = [("Town falls to rebels after two weeks", False)] + [
        (f"The fighting in the town lasted two weeks, and on day {n} residents said the shelling had "
         "stopped for a few hours.", False) for n in range(1, 9)]
    tail = [("Oil prices climb for a third day", link), ("Five easy weeknight dinners for busy families", link)]
    article = segmenter.segment(_page_source(story + tail))
    kinds = [(s.kind.value, s.note) for s in article.segments if s.text in {t for t, _ in tail}]
    # a scraper's glued headlines lost their links with the page; the publisher's own keep them
    assert kinds == ([("boilerplate", "related-story link")] * 2 if link else [("related", "")] * 2)


@pytest.mark.parametrize("tail", [
    "<p>This is a breaking story, more to follow</p>",  # one line: the page's own promo
    "<p>Sponsored stories from our partners</p>" * 2,   # one line twice: a label
])
def test_one_line_before_a_pages_furniture_is_not_a_block_of_headlines(segmenter, tail):
    article = segmenter.segment(read_text(PAGE.replace("{tail}", tail), "p.html", "html"))
    assert not [s for s in article.segments if s.kind.value == "related"]


def test_sentences_survive_glued_words():
    text = "Troops, led by Lebanon'sHezbollah, took the town. Residents fled. Dr. Smith stayed."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Troops, led by Lebanon'sHezbollah, took the town.", "Residents fled.", "Dr. Smith stayed."]


def test_a_page_heading_that_offers_a_service_is_a_promo(segmenter):
    html = ("<html><body><article><h1>Floods cut off villages in the north</h1>"
            "<p>Rivers burst their banks on Tuesday, cutting off dozens of villages, officials said.</p>"
            "<h3>Get daily National news</h3>"
            "<p>Rescue teams reached the area on Wednesday with boats and supplies.</p>"
            "<h2>Rescue teams reach the valley</h2>"
            "<p>The army sent helicopters to the worst-hit villages.</p></article></body></html>")
    article = segmenter.segment(read_text(html, "page.html", "html"))
    kinds = {seg.text: seg.kind.value for seg in article.segments}
    assert kinds["Get daily National news"] == "boilerplate"
    assert kinds["Rescue teams reach the valley"] == "subhead"


UNPUNCTUATED = "Jane Doe and her lawyer attempted to get the ruling overturned at the appeal court in Metro City"


def test_one_long_unpunctuated_line_inside_the_story_is_a_caption(segmenter):
    text = ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
            f"{UNPUNCTUATED}\n\nAid arrived later, officials said.\n\nThe army left the town.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[5] == ["caption"]


@pytest.mark.parametrize("text", [
    # the first paragraph: a standfirst
    f"Town falls to rebels\n\n{UNPUNCTUATED}\n\nAid arrived later, officials said.\n\nThe army left the town.\n",
    # a run of them: the story's list of points
    ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
     f"{UNPUNCTUATED}\n\nOfficers used tear gas to break up the crowd but many protesters remain in the square\n\n"
     "Aid arrived later, officials said.\n"),
    # Title Case: a headline
    ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
     "Jane Doe And Her Lawyer Attempt To Get The Ruling Overturned At The Appeal Court\n\n"
     "Aid arrived later, officials said.\n\nThe army left the town.\n"),
    # a label
    ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
     "Related: Jane Doe and her lawyer attempted to get the ruling overturned at the appeal court\n\n"
     "Aid arrived later, officials said.\n\nThe army left the town.\n"),
])
def test_long_unpunctuated_lines_that_are_not_captions(segmenter, text):
    article = segmenter.segment(read_text(text))
    assert not [s for s in article.segments if s.kind.value == "caption"]


def test_an_article_past_the_limit_is_judged_in_part_and_says_so(segmenter, monkeypatch):
    import checker.segment as seg_module

    monkeypatch.setattr(seg_module, "MAX_SEGMENTS", 10)
    text = "Floods cut off villages\n\n" + "\n\n".join(
        f"Officials said {i} families were moved to shelters." for i in range(25)) + "\n"
    article = segmenter.segment(read_text(text))
    assert len(article.segments) == 10 and article.left_out == 16
    assert all(s.segment < 10 for s in article.sentences)


def test_the_limit_is_reported():
    from checker.config import load
    from checker.context import Context
    from checker.model import Article
    from checker.rules import extraction_artifact

    cfg = load()
    article = Segmenter(cfg.segmenter).segment(read_text("Floods\n\nRivers rose.\n"))
    cut = Article(article.source, article.segments, article.sentences, left_out=7)
    params = next(rc.params for rc in cfg.rules if rc.rule.id == "extraction-artifact")
    hits = list(extraction_artifact.check(cut, Context(cut), params))
    (note,) = [h for h in hits if h.evidence.get("kind") == "too long"]
    assert note.weak and "left 7 more out" in note.message


def test_a_credit_via_an_agency_leaves_the_place_before_it_in_the_caption(segmenter):
    text = ("Town falls to rebels\n\nThe fighting lasted two weeks, residents said.\n\n"
            "Protesters clash with police in Market Square, Plymouth Northwire via Getty Images\n\nAid arrived.\n")
    article = segmenter.segment(read_text(text))
    caption = next(s for s in article.segments if s.kind.name == "CAPTION")
    credit = next(s for s in article.segments if s.kind.name == "CREDIT")
    assert caption.text.endswith("Market Square, Plymouth")
    assert credit.text == "Northwire via Getty Images"


def test_a_credit_set_apart_by_a_bar_is_the_whole_name(segmenter):
    text = ("Rule on pills eased\n\nThe agency eased the rule on Friday, officials said.\n\n"
            "The plan would end the rule that insurers cover the pills at no cost. | Jane Doe/AP\n\nCourts will rule.\n")
    article = segmenter.segment(read_text(text))
    assert [s.text for s in article.segments if s.kind.name == "CREDIT"] == ["Jane Doe/AP"]
    assert [s.text for s in article.segments if s.kind.name == "CAPTION"][0].endswith("at no cost.")


@pytest.mark.parametrize("credit", ["Jane Doe/Getty Images", "J. Jane Doe/Reuters"])
def test_a_credits_name_starts_after_the_captions_last_sentence(segmenter, credit):
    text = ("Park opens a new land\n\nThe park opened its new land on Friday, staff said.\n\n"
            f"Chewbacca can be found at Smallville's Edge. {credit}\n\nQueues were long.\n")
    article = segmenter.segment(read_text(text))
    assert [s.text for s in article.segments if s.kind.name == "CREDIT"] == [credit]
    assert [s.text for s in article.segments if s.kind.name == "CAPTION"] == [
        "Chewbacca can be found at Smallville's Edge."]


@pytest.mark.parametrize("line, kind", [
    ("Former mayor Jane Doe at a rally in Smallville on Jan. 17.", "caption"),
    ("Jane and Omar Doe.", "caption"),
    ("The plan will go ahead in the spring, the mayor said.", "body"),   # reported speech
    ("The bridge closed in May. It reopens next week after repairs to its deck.", "body"),  # two sentences
])
def test_a_short_line_over_a_pictures_credit_alone_is_its_caption(segmenter, line, kind):
    text = ("Council backs the budget\n\nThe council approved the budget on Tuesday.\n\n"
            "Members argued for six hours before the vote.\n\n"
            f"{line}\nChip Doe / Getty Images file\n\nThe budget takes effect in April.\n")
    assert kinds_by_line(segmenter.segment(read_text(text)))[7] == [kind]


def test_the_lead_over_a_pictures_credit_stays_the_lead(segmenter):
    text = ("Council backs the budget\n\nThe council approved the budget on Tuesday.\n"
            "Jane Doe/Getty Images\n\nMembers argued for six hours before the vote.\n")
    assert kinds_by_line(segmenter.segment(read_text(text)))[3] == ["body"]


def test_a_figcaption_opening_with_its_copyright_credit_is_a_credit_and_a_caption(segmenter):
    html = ("<html><body><article><h1>Researchers among the victims</h1>"
            "<figure><img src='l.jpg' alt=''><figcaption>© Jane Doe, AFP | Leading AIDS researcher Omar Haddad "
            "was among the victims</figcaption></figure>"
            + "".join(f"<p>Paragraph {n} says the conference would go on, its organisers said on Friday.</p>"
                      for n in range(5)) + "</article></body></html>")
    article = segmenter.segment(read_text(html, "p.html", "html"))
    kinds = [(s.kind.value, s.text) for s in article.segments if s.kind.value in ("credit", "caption", "boilerplate")]
    assert kinds == [("credit", "© Jane Doe, AFP"),
                     ("caption", "Leading AIDS researcher Omar Haddad was among the victims")]


@pytest.mark.parametrize("last,kind", [
    ("Jane Roe covers city hall and the courts. She has reported for the Planet since 2009.", "byline"),
    ("Jane Roe said she would attend the next meeting of the council in March.", "body"),
])
def test_a_closing_biography_of_the_bylined_author_is_a_byline(segmenter, last, kind):
    text = ("Council approves budget\n\nBy Jane Roe\n\nThe council approved its budget on Tuesday "
            "after a long debate, the clerk said.\n\nThe plan adds twelve bus drivers and a library, "
            f"officials said.\n\n{last}\n")
    article = segmenter.segment(read_text(text))
    assert [s.kind.value for s in article.segments if s.text == last] == [kind]


@pytest.mark.parametrize("last,kind", [
    ("Brian Roe covers the media for Daily Planet. Follow him on Twitter at @broe.", "byline"),
    ("Jane Roe covers the courts for the Planet.", "byline"),
    ("Omar Haddad covers the cost of the repairs himself, he said at the meeting.", "body"),
])
def test_a_closing_biography_that_names_its_beat_and_outlet_is_a_byline_without_one(segmenter, last, kind):
    text = ("Council approves budget\n\nThe council approved its budget on Tuesday "
            "after a long debate, the clerk said.\n\nThe plan adds twelve bus drivers and a library, "
            f"officials said.\n\n{last}\n\nDisplay nothing; This is on Publish with no configured Image\n")
    article = segmenter.segment(read_text(text))
    assert [s.kind.value for s in article.segments if s.text == last] == [kind]


@pytest.mark.parametrize("credit", ["Andy Lewis/Icon Sportswire/Getty Images", "Jamie Squire/Getty Images"])
def test_a_credit_of_slashed_names_closing_a_caption_is_all_credit(segmenter, credit):
    text = ("Rule change proposed\n\nThe league will vote on the proposal next month, officials said.\n\n"
            f"The Eagles have used the play in key moments over the last few seasons. {credit}\n\n"
            "Coaches said they would argue against the change at the meeting.\n")
    kinds = [(s.kind.value, s.text) for s in segmenter.segment(read_text(text)).segments
             if s.kind.value in ("caption", "credit")]
    assert kinds == [("caption", "The Eagles have used the play in key moments over the last few seasons."),
                     ("credit", credit)]


def test_a_credit_under_its_label_is_a_credit_and_the_line_over_the_label_its_caption(segmenter):
    text = ("Council backs the budget\n\nThe council approved the budget on Tuesday after a long debate.\n\n"
            "Image\nThe mayor speaks to reporters outside the hall.\nCredit...\nJane Roe for The New York Times\n\n"
            "Members argued for six hours before the vote, the clerk said.\n")
    got = kinds_by_line(segmenter.segment(read_text(text)))
    assert got[5] == ["other"] and got[6] == ["caption"] and got[7] == ["other"] and got[8] == ["credit"]


def test_a_chain_of_names_barred_to_the_agency_is_all_credit(segmenter):
    """"Universal History Archive | UIG | Getty Images" is a credit, not a caption naming
    strangers; a caption before a barred credit stays a caption."""
    text = ("Navies hold drills\n\nThe navies of three countries began joint drills on Monday.\n\n"
            "Universal History Archive | UIG | Getty Images\n\n"
            "A carrier leads a formation of ships during an exercise | Jane Doe | Getty Images\n\nThe drills end Friday.\n")
    kinds = {s.text: s.kind.name for s in segmenter.segment(read_text(text)).segments}
    assert kinds["Universal History Archive | UIG | Getty Images"] == "CREDIT"
    assert [k for t, k in kinds.items() if t.startswith("A carrier leads")] == ["CAPTION"]


def test_credit_in_a_title_case_headline_is_one_of_its_words(segmenter):
    text = ("Council approves budget\n\nThe council approved the budget on Tuesday after a long debate.\n\n"
            "Senate Votes to Boost Credit Rater Rules\n\n"
            "Volunteers clear litter from the beach Credit Jane Doe\n\nThe plan takes effect in January.\n")
    kinds = {s.text: s.kind.name for s in segmenter.segment(read_text(text)).segments}
    assert "Senate Votes to Boost Credit Rater Rules" in kinds
    assert kinds["Credit Jane Doe"] == "CREDIT"


def _kinds(segmenter, text: str) -> dict[str, tuple[str, str]]:
    article = segmenter.segment(read_text(text, "story.txt", "txt"))
    return {s.text[:14]: (s.kind.value, s.note) for s in article.segments}


def test_an_authors_footnote_to_a_mark_in_the_text_is_a_footnote(segmenter):
    story = ("Startups fail more often than founders think\n\n"
             "Founders said 300,000** companies were started last year, and most closed within three years.\n\n"
             "Investors agreed that smaller rounds were safer for first-time founders.\n\n"
             "** Not a real statistic.\n")
    assert _kinds(segmenter, story)["** Not a real s"[:14]] == ("other", "footnote")


def test_a_line_opening_on_a_mark_the_text_never_uses_is_no_footnote(segmenter):
    unmarked = ("Startups fail more often than founders think\n\n"
                "Founders said many companies were started last year, and most closed within three years.\n\n"
                "* Investors agreed that smaller rounds were safer for first-time founders.\n")
    emphasis = ("Startups fail more often than founders think\n\n"
                "Founders said 300,000** companies were started last year, and most closed.\n\n"
                "**Investors** agreed that smaller rounds were safer for first-time founders.\n")
    assert _kinds(segmenter, unmarked)["* Investors ag"][0] != "other"
    assert _kinds(segmenter, emphasis)["**Investors** "][0] != "other"


def test_three_short_lines_in_a_row_inside_the_story_are_a_list(segmenter):
    text = ("Council sets out its questions\n\n"
            "The council published on Tuesday the questions it will put to the three firms bidding for the bridge repairs.\n\n"
            "Can the work be finished before the winter storms arrive?\n\n"
            "Will the old ferry keep running while the bridge is closed?\n\n"
            "Does the plan keep one lane open for buses and ambulances?\n\n"
            "The firms have until March to answer, and the council expects to choose one of them in April.\n")
    article = segmenter.segment(read_text(text, "story.txt", "txt"))
    notes = {article.line(s): s.note for s in article.segments}
    assert notes[5] == notes[7] == notes[9] == LIST_ITEM
    assert notes[3] == notes[11] == ""


@pytest.mark.parametrize("lines", [
    # a rail's labels, a word or three each
    ["Leave a comment", "Most commented", "Send by e-mail"],
    # headlines in Title Case
    ["Storm Batters The Coast Again", "Mayor Unveils New Harbour Plan", "Ferry Fares Rise In Spring"],
    # two in a row are a subhead and a line, not a list
    ["Can the work be finished before the winter storms arrive?", "Will the old ferry keep running while the bridge is closed?"],
])
def test_lines_in_a_row_that_are_no_list(segmenter, lines):
    text = ("Council sets out its questions\n\n"
            "The council published on Tuesday the questions it will put to the three firms bidding for the bridge repairs.\n\n"
            + "".join(f"{line}\n\n" for line in lines)
            + "The firms have until March to answer, and the council expects to choose one of them in April.\n")
    article = segmenter.segment(read_text(text, "story.txt", "txt"))
    assert LIST_ITEM not in {s.note for s in article.segments}


@pytest.mark.parametrize("rows", ["Design 8\nSoftware 7\nBattery life 10\n", "Attendance: 6,400\n",
                                  "Shots 14\nAttendance 12,050\n"])
def test_a_score_cards_rows_are_no_headlines(segmenter, rows):
    text = STORY + rows
    article = segmenter.segment(read_text(text))
    assert not [s for s in article.segments if s.kind.value in ("related", "subhead")]


@pytest.mark.parametrize("result", ["Harbor City 2 (Mensah 81, Ferreira 112)\nNorthport United 1 (Whitaker 23)\n",
                                    "Harbor City 2 (Mensah 81, Ferreira 112)\nNorthport United 1 (Whitaker 23)\n"
                                    "Attendance: 6,400\n",
                                    "Harbour Town 3, Eastfield 0\nMetro Rovers 1, Capital City 1\n"])
def test_a_matchs_result_under_the_report_is_no_block_of_headlines(segmenter, result):
    article = segmenter.segment(read_text(STORY + result))
    assert not [s for s in article.segments if s.kind.value in ("related", "boilerplate")], article.segments


@pytest.mark.parametrize("line", ["Blair Speedy | September 22, 2008", "May 6, 2014 nathansobo Tweet"])
def test_the_authors_name_and_the_date_on_a_line_are_a_byline(segmenter, line):
    text = ("Blanket ban on short selling to hit liquidity\n\n" + line + "\n\n"
            "A surprise move last night by the corporate watchdog to impose a blanket ban on short selling "
            "will hit liquidity, brokers said.\n\nThe commission announced that all stocks were covered.\n")
    kinds = {s.text: s.kind.value for s in segmenter.segment(read_text(text)).segments}
    assert kinds[line] == "byline"


def test_a_code_listing_in_plain_text_is_code_not_prose(segmenter):
    text = ("How to read your vault's salt\n\n"
            "Open the developer console and paste the lines below; they print the salt of the open vault.\n\n"
            "// Find the open vault\n\n"
            "let vault = vaults.find(v => v.id === app.vaultId);\n\n"
            "console.log(vault.salt);\n\n"
            "}\n\n"
            "The mayor said the budget (approved on Monday) was final; residents disagreed.\n")
    article = segmenter.segment(read_text(text))
    notes = {article.line(s): (s.kind.value, s.note) for s in article.segments}
    assert notes[5] == notes[7] == notes[9] == notes[11] == ("other", "code")
    assert notes[3][0] == notes[13][0] == "body"


def test_a_last_line_closing_on_a_quotation_it_reports_is_the_storys(segmenter):
    last = "The pair also launched a confetti cannon just after the actor uttered the lines: “Upon thy wicked dam, come forth!”"
    got = kinds_by_line(segmenter.segment(read_text(STORY + last + "\n")))
    assert got[7] == ["body"]
    # A headline quoting someone is short, and stays one.
    got = kinds_by_line(segmenter.segment(read_text(STORY + 'Rescue video shows the moment: "We got her!"\n')))
    assert got[7] == ["related"]


RELEASE = """Harbour Pharma opens research centre in Metro City

Harbour Pharma opened a research centre in Metro City on Monday, adding 120 jobs over the next two years.

The company said the centre would focus on treatments for rare blood disorders and work with the city's university hospital.

Chief executive Ann Lee said the site was chosen for its access to clinical researchers and its transport links.

{heading}

Jane Roe
Vice President, Corporate Affairs
Harbour Pharma plc
+1 650 555 0142
"""


def test_a_press_releases_contacts_are_credits_not_trailing_headlines(segmenter):
    article = segmenter.segment(read_text(RELEASE.format(heading="Media Contact:"), "r.txt", "txt"))
    tail = {s.text: s.kind.value for s in article.segments[-5:]}
    assert tail == {"Media Contact:": "credit", "Jane Roe": "credit", "Vice President, Corporate Affairs": "credit",
                    "Harbour Pharma plc": "credit", "+1 650 555 0142": "credit"}


@pytest.mark.parametrize("contacts", ["", "\n###\n\nMedia Contact:\n\nJane Roe\n+1 650 555 0142\n"])
def test_a_press_releases_about_section_is_its_own_text_not_trailing_headlines(segmenter, contacts):
    about = ["Harbour Pharma plc was founded in 1978 in Gdansk and employs 900 people in four countries.",
             "Metro City University Hospital treats 40,000 patients a year."]
    text = (RELEASE.split("{heading}")[0] + "About Harbour Pharma plc\n\n" + about[0] +
            "\n\nAbout Metro City University Hospital\n\n" + about[1] + "\n" + contacts)
    kinds = {s.text: (s.kind.value, s.note) for s in segmenter.segment(read_text(text, "r.txt", "txt")).segments}
    assert kinds["About Harbour Pharma plc"][0] == "other"
    assert all(kinds[line] == ("credit", "a press release's description of its company") for line in about), kinds


def test_an_about_heading_inside_the_story_is_not_a_release_section(segmenter):
    text = RELEASE.split("{heading}")[0] + ("About Metro City\n\nThe city has grown by a third since 2000.\n\n"
                                            "The new centre is the first of three the company plans to open there.\n")
    kinds = {s.text: s.kind.value for s in segmenter.segment(read_text(text, "r.txt", "txt")).segments}
    assert kinds["The city has grown by a third since 2000."] == "body"
    # a link to the site's page about itself, alone after the story, is furniture, not a headline
    kinds = {s.text: s.kind.value for s in segmenter.segment(read_text(
        RELEASE.split("{heading}")[0] + "About Us\n", "r.txt", "txt")).segments}
    assert kinds["About Us"] == "other"


def test_a_contact_heading_over_a_paragraph_is_no_contacts_block(segmenter):
    text = RELEASE.format(heading="Contact") + ("\nThe company has not said how much the centre cost to build or "
                                               "when the first trials there will begin.\n")
    article = segmenter.segment(read_text(text, "r.txt", "txt"))
    assert not [s for s in article.segments if s.note == "a press release's contacts"]


def test_a_run_of_people_and_their_roles_after_the_story_is_no_block_of_headlines(segmenter):
    signers = ["Eric Stone, CEO, Harbour Tech", "Dr. Ann B. Lee, CMO, Metro Health", "Omar Haddad, Founder, Gridline",
               "Jane Roe, Chairman & CEO, Northport Telecom"]
    text = ("Tech leaders call for equal protections\n\nMore than 100 technology leaders signed a statement on "
            "Monday calling for protections in every state, the campaign said.\n\nThe statement was published in "
            "full on the group's website, with the names of those who signed it.\n\nAdditions after release:\n\n"
            + "\n".join(signers) + "\n")
    article = segmenter.segment(read_text(text, "s.txt", "txt"))
    kinds = {s.text: s.kind.value for s in article.segments}
    assert all(kinds[name] in ("body", "subhead") for name in signers), kinds
    # headlines of other stories after a story are still related
    headlines = ["Storm knocks out power across the coast", "Ten best cheap eats downtown", "Council delays vote on budget"]
    article = segmenter.segment(read_text(text.replace("\n".join(signers), "\n".join(headlines)), "s.txt", "txt"))
    kinds = {s.text: s.kind.value for s in article.segments}
    assert all(kinds[h] == "related" for h in headlines), kinds


@pytest.mark.parametrize("signature", [
    ["Jane Roe", "Professor of Law", "Metro State University", "Springfield, May 28, 1980"],
    ["Omar Haddad", "Chair, Riverside Residents' Association", "London, 3 March 2020"],
])
def test_a_letters_signature_closing_on_its_place_and_date_is_no_block_of_headlines(segmenter, signature):
    tail = "<p>To the Editor:</p><p>Your report on the ceasefire left out the town's own council, which " \
           "voted for it a week before the fighting stopped.</p><p>" + "<br/>".join(signature) + "</p>"
    article = segmenter.segment(read_text(PAGE.replace("{tail}", tail), "p.html", "html"))
    assert not [s.text for s in article.segments if s.kind.value == "related"]
    # the same lines without the place and date are still a block of headlines
    tail = tail.replace("<br/>" + signature[-1], "")
    article = segmenter.segment(read_text(PAGE.replace("{tail}", tail), "p.html", "html"))
    assert [s.text for s in article.segments if s.kind.value == "related"] == signature[:-1]


def test_a_list_of_sentences_set_as_headings_after_the_lead_is_the_storys(segmenter):
    facts = ["It has a rooftop garden that is open to everyone", "The children's floor has its own small theatre",
             "Every study room can be booked online for free", "The old card catalogue is kept as a work of art"]
    page = ("<html><body><article><h1>Four things to know about the new city library</h1><p>The new city "
            "library opened on Saturday after four years of building work, and thousands queued to see it.</p>"
            "<ol>" + "".join(f"<li><h5>{f}.</h5></li>" for f in facts) + "</ol></article>"
            "</body></html>")
    kinds = {s.text: s.kind for s in segmenter.segment(read_text(page, "p.html", "html")).segments}
    assert [kinds[f + "."] for f in facts] == [Kind.SUBHEAD] * 4, kinds


def test_a_list_the_story_announces_or_whose_lines_end_alike_is_no_block_of_headlines(segmenter):
    councils = ["Adur District Council", "Basildon Borough Council", "Blackburn with Darwen Council",
                "Cheltenham Borough Council", "Exeter City Council"]
    story = ("Government abandons plans to delay council elections\n\nThe government has abandoned plans "
             "to delay council elections in England, after a legal challenge, ministers said on Monday.\n\n"
             "Opposition parties welcomed the move, which came a day before the case was due in court.\n\n")
    for lead_in in ("Here is the full list of councils where elections will now take place:\n\n",
                    "The councils affected are listed by the ministry on its website.\n\n"):
        article = segmenter.segment(read_text(story + lead_in + "\n".join(councils) + "\n", "s.txt", "txt"))
        kinds = {s.text: s.kind.value for s in article.segments}
        assert not any(kinds[c] == "related" for c in councils), kinds
    # headlines glued after a paragraph that introduced what a scraper dropped are still related
    headlines = ["Storm knocks out power across the coast", "Ten best cheap eats downtown", "Council delays vote on budget"]
    for lead_in in ("", "Voters seemed a bit confused by the campaign:\n\n"):
        article = segmenter.segment(read_text(story + lead_in + "\n".join(headlines) + "\n", "s.txt", "txt"))
        assert [s.kind.value for s in article.segments if s.text in headlines] == ["related"] * 3


def test_sentences_of_a_text_of_many_brackets_keep_their_offsets():
    """Past a few hundred brackets a text is split with them read as spaces (syntok seeks each
    bracket's end from it on): the spans still point into the text as written."""
    text = "The council met on Monday. " + "([" * 400 + " It voted to close the bridge. Repairs start soon."
    spans = split_sentences(text)
    assert text[spans[0][0]:spans[0][1]] == "The council met on Monday."
    assert text[spans[-1][0]:spans[-1][1]] == "Repairs start soon."
    few = "The council met (on Monday). It voted [7-2] to close the bridge."
    assert [few[a:b] for a, b in split_sentences(few)] == ["The council met (on Monday).",
                                                           "It voted [7-2] to close the bridge."]


def test_a_linked_row_of_sections_after_the_story_is_its_navigation(segmenter):
    story = [("Town falls to rebels after two weeks", False)] + [
        (f"The fighting in the town lasted two weeks, and on day {n} residents said the shelling had "
         "stopped for a few hours.", False) for n in range(1, 9)]
    tail = [("Oil prices climb for a third day", True),
            ("RSS | About | Contact Us | Privacy Policy | Terms of use", True)]
    article = segmenter.segment(_page_source(story + tail))
    notes = [s.note for s in article.segments if s.text in {t for t, _ in tail}]
    assert notes == ["related-story link", "a row of navigation links"]


@pytest.mark.parametrize("line, kind", [
    ("SEOUL, South Korea (AP) -", "dateline"),
    ("SMALLVILLE (Reuters) —", "dateline"),
    # a label in capitals on a line of its own, no wire named: not a dateline
    ("BREAKING -", "body"),
])
def test_a_wire_dateline_on_a_line_of_its_own_is_a_dateline(segmenter, line, kind):
    text = (f"Kim had ankle surgery\n\n{line}\n\nNorth Korean leader Kim Jong Un had ankle surgery, the spy "
            "agency told legislators on Wednesday.\n\nThe agency said he was seen with a cane on his return.\n")
    article = segmenter.segment(read_text(text))
    assert [s.kind.value for s in article.segments if s.text == line] == [kind]
