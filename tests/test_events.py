"""Kinds of disaster and accident a line names, against the story's."""
from __future__ import annotations

from checker.events import conflict, kinds


def test_kinds_named_in_plain_words():
    assert set(kinds("A magnitude 6.1 earthquake struck before dawn")) == {"earthquake"}
    assert set(kinds("Flash floods swept cars away after days of rain")) == {"weather"}
    assert set(kinds("The ferry capsized off the coast")) == {"shipwreck"}


def test_metaphors_and_names_are_not_events():
    assert kinds("The senator won by a landslide and faced a flood of complaints") == {}
    assert kinds("A seismic shift in the party; an avalanche of criticism") == {}
    assert kinds("The Hurricanes beat the Cyclones; markets crash; officers opened fire") == {}


def test_another_kind_of_event_conflicts():
    story = "Flash floods killed four people in Rize after heavy rain. The floods closed the coast road."
    assert conflict("Rescuers search the rubble after an earthquake in Elazig", story) == \
        [("earthquake", "floods")]


def test_same_kind_or_no_kind_is_no_conflict():
    story = "Flash floods killed four people in Rize after heavy rain."
    assert conflict("Residents wade through floodwaters in Rize", story) == []
    assert conflict("Earthquake survivors now face floods", story) == []  # names the story's kind too
    assert conflict("Rescuers carry a survivor from a collapsed building", story) == []
    assert conflict("Earthquake hits the coast", "The central bank held rates on Tuesday.") == []


def test_kinds_that_share_stories_do_not_conflict():
    drought = "The drought has left reservoirs at record lows and farmers without water."
    assert conflict("Firefighters battle a wildfire near the reservoir", drought) == []
    assert conflict("Cars lie in floodwaters after the storm", drought) == [("floodwaters", "drought")]
