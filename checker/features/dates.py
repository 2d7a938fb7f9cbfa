"""A date a line carries against the story's own time."""
from __future__ import annotations

from datetime import date

from checker.context import Context
from checker.dates import DateMention
from checker.model import Segment


def story_reference(ctx: Context, mention: DateMention, segment: Segment | None = None) -> tuple[date, str] | None:
    """What `mention` is measured against, and how the story's time is known: its
    publication date ("published": metadata, or a scrape's header timestamp); else the latest
    full date its text names ("text"), or,
    when later, the first day of the latest year it names ("year") or a day it names by
    weekday placed from that year on ("weekday") — unless it names the mention's own year
    too, as a story recalling a 2017 event does — or the first day on which a title of
    office in the story's text ("office") or in `segment`, the mention's own line
    ("own-office"), could be printed: "former President Donald Trump" from 20 Jan 2021."""
    if ctx.published is not None:
        return ctx.published, "published"
    best = (ctx.story_date, "text") if ctx.story_date is not None else None
    year = ctx.story_year
    if year is not None and mention.date.year not in ctx.story_years:
        start = date(year, 1, 1)
        if best is None or start > best[0]:
            best = (start, "year")
        pinned = ctx.story_weekday_date
        if pinned is not None and pinned[0] > best[0]:
            best = (pinned[0], "weekday")
    for office, basis in ((ctx.story_office, "office"),
                          (ctx.office(segment) if segment is not None else None, "own-office")):
        if office is not None and (best is None or office.since > best[0]):
            best = (office.since, basis)
    return best


def days_before_story(ctx: Context, mention: DateMention,
                      segment: Segment | None = None) -> tuple[int, date, str] | None:
    """How many days `mention` lies before the story's time (negative: after), the date it
    was measured against and how that is known."""
    ref = story_reference(ctx, mention, segment)
    if ref is None:
        return None
    return (ref[0] - mention.date).days, ref[0], ref[1]
