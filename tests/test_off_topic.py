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
