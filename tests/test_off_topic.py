"""Which lines off-topic judges at all."""
from __future__ import annotations

from checker.config import load
from checker.read import read_text
from checker.rules import SCORERS
from checker.segment import Segmenter

STORY = """Town council approves new bus routes

The town council approved three new bus routes on Tuesday, linking the hospital, the college and the retail park to the centre.

Here is how the new timetable works:

Buses on the hospital route will run every 15 minutes from 6 a.m. until midnight.

(The council first promised the routes in its 2019 plan.)

ROUTE CHANGES

The college route replaces two older services that ran only at peak times.

The retail park route will be free for the first month, the council said.
"""


def test_lead_ins_and_section_headings_are_not_judged_asides_are():
    article = Segmenter(load().segmenter).segment(read_text(STORY, "story.txt", "txt"))
    judged = [s.text[:20] for s in SCORERS["off-topic"][1].candidates(article)]
    assert "Here is how the new " not in judged
    assert "ROUTE CHANGES" not in judged
    assert "(The council first p" in judged


def test_a_topic_is_named_only_when_the_line_is_close_to_it():
    from checker.rules.off_topic import TOPIC_NAMED_FROM, _topic_evidence
    from checker.topics import Shift

    near = _topic_evidence(Shift(0.3, "insurance and small business", TOPIC_NAMED_FROM + 0.1, 0.05))
    assert near["leans_towards"] == "insurance and small business"
    assert _topic_evidence(Shift(0.2, "wildlife and conservation", TOPIC_NAMED_FROM - 0.1, -0.15)) == {}


def test_a_text_of_headings_alone_is_judged_without_error(engine):
    """A headline over thousands of one-line list entries, read as headings with no paragraph
    of prose (the hostile battery's many-lines case): nothing to stray from, no crash."""
    from tests.helpers import check_text

    text = "Floods cut off villages in the north\n\n" + "\n".join(f"Line {i} of a list" for i in range(6000)) + "\n"
    result = check_text(engine, text)
    assert result.error is None, result.error
    assert not [f for f in result.findings if f.rule == "off-topic"]



NURSES = """Nurses strike at city hospital over staffing

Nurses at the city hospital in Leeds walked off the job at 7 a.m. on Tuesday, saying that chronic understaffing on the wards was putting patients at risk every single night.

The nurses' union said wards were routinely running with one nurse for every eight patients, well above the limit it considers safe, and that managers had ignored repeated warnings.

Hospital managers said emergency care would continue during the strike but that hundreds of planned operations and outpatient appointments had been postponed until next week.

{line}

Patients waiting for operations said they understood the nurses' frustration with staffing but worried that the strike would add further months to already long waiting lists.

The health ministry said it would meet union leaders on Thursday to discuss pay and staffing levels, and urged the nurses to return to the wards while talks went on.
"""


def test_a_stray_sentence_that_attributes_is_called_a_paragraph_not_a_headline(engine):
    """A one-sentence paragraph spliced in is said to be another story's headline or caption
    when it reads as one, and a paragraph from another story when it attributes, as prose does
    ("…, the club said.")."""
    from tests.helpers import check_text

    said = "The striker signed a four-year contract with Benfica after his medical in Lisbon, the club said."
    headline = "Stock markets rally as tech giants report record profits"
    for line, opening in ((said, "Paragraph looks spliced in"), (headline, "Line inside the story looks like")):
        found = [f for f in check_text(engine, NURSES.format(line=line)).findings if f.rule == "off-topic"]
        assert [f.line for f in found] == [9] and found[0].message.startswith(opening), found
