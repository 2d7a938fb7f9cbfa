"""A photo caption dated well before or after the story it illustrates.

## What it flags
A caption whose date ("… in this February 19, 2016 handout picture") lies more than
`max_days_before` days before the story's own time: the front-matter date when there is one,
otherwise the latest full date (day, month and year) that the headline and body name, or the
first day of the latest year they name when that is later ("the 2024 Republican nomination"
puts a story in 2024 or after) and they never name the caption's own year; a day they name
by its weekday without a year ("on Monday, 28 April") moves that bound to the first year
from there on which the day falls on that weekday (2025 for a story that names 2024).
A caption that says it is a file photo, or whose date names only a month ("after the
February 2021 coup"), or whose year the story names too ("Sept. 29, 1946: the Rams' first
game"), is reported at info severity: old file photos are used on purpose, a month alone
usually dates something the caption recalls, and a story naming the year recalls that time.
So is, on a whole published page, an older picture of someone the story names in full
("Reporter Jane Doe takes a selfie…" above the story that mourns her), or of a name of two
words or more its headline gives ("… tour Yucca Mountain, Thursday, April 9, 2015" above a
feature on Yucca Mountain): the publisher chose the picture of the story's own subject for
it, whenever it was taken. So is a caption credited to a stock library ("Photo:
Shutterstock"), whose date is the photographer's, not an event's.
Also, when the story carries its publication date (front matter, a JSON `date`, page
metadata, or in a scrape that kept the page's header a timestamp line above the first
paragraph: "Published 4:03 AM UTC, September 3, 2024"), the caption is measured against that
date, and one dated more than `max_days_after` days after it is flagged too: a photo cannot show
what had not yet happened when the story was published, so it comes from a later story.
Without that date the check is not made: the latest date a story's text names is only a
lower bound on when it was written (a story of 2024 may name no date later than 2020).
A title of office before a name is such a lower bound too ("Vice President Kamala Harris" is
printed from 20 January 2021 on, "former President Donald Trump" from the end of his first
term; the holders are in `checker/data/offices.yml`): in the story's text it dates the
story, and in the caption itself it dates the caption's own words, so "Vice President Kamala
Harris waves…, Friday, Sept. 2, 2016" is a photo older than what its caption says of it.

## Why it matters
A recycled photo dated years before the events misleads readers about what they are seeing;
it is the commonest trace of a caption scraped from another story. A photo dated after the
story is the same damage the other way round, typically a live page's later picture glued
into an archived story.

## Example
Bad:

    Rescuers reached the village on March 3, 2024.

    Residents wade through water in this August 5, 2019 picture.

Good:

    Rescuers reached the village on March 3, 2024.

    Residents wade through water on March 2, 2024.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from checker.context import Context
from checker.features.dates import days_before_story
from checker.features.names import first_name_known, shared_names
from checker.model import Article, Hit, Kind, Rule
from checker.rules._evidence import FILE_PHOTO, published_page, stock_credit


@dataclass(frozen=True)
class Params:
    max_days_before: int
    max_days_after: int


def check(article: Article, ctx: Context, params: Params) -> Iterator[Hit]:
    page = published_page(article)
    headline = " ".join(h.text for h in article.of(Kind.HEADLINE))
    for cap in article.of(Kind.CAPTION):
        # On the publisher's own page an older picture of the story's own person was chosen
        # for the story (caption-mismatch's own-subject note says the same of its distance).
        # (or a name of the headline's own: "Yucca Mountain" on a tour's photo two years before
        # a feature on Yucca Mountain)
        subject = (first_name_known(cap.text, ctx.story_text)
                   or next(iter(shared_names(cap.text, headline)), None)) if page else None
        # A stock library's picture illustrates; when it was taken is the photographer's.
        library = stock_credit(article, cap)
        for d in ctx.dates(cap):
            if d.precision == "year":
                continue  # "in 2014" in a caption is usually background, not the photo's date
            measured = days_before_story(ctx, d, cap)
            if measured is None:
                continue
            gap, story, basis = measured
            if basis == "published" and -gap > params.max_days_after:
                yield Hit(cap.start + d.start, cap.start + d.end,
                          f"Caption dated {d.date:%d %b %Y}, {-gap} days after the story, published {story:%d %b %Y}",
                          confidence=min(0.6 + -gap / 60, 0.95),
                          evidence={"caption_dates": [d.date.isoformat()], "story_dates": [story.isoformat()],
                                    "days_after": -gap, "threshold": params.max_days_after})
                continue
            if gap <= params.max_days_before:
                continue
            years = gap / 365.25
            # The credit glued before or after a caption often carries the "/File" marker.
            text = article.source.text
            end = text.find("\n", cap.end)
            line = text[article.source.line_starts[article.line(cap) - 1]: end if end >= 0 else len(text)]
            filed = bool(FILE_PHOTO.search(line))
            # "…protesters in Yangon after the February 2021 coup": a month alone usually
            # dates something the caption recalls, not the picture.
            month_only = d.precision == "month"
            # A story that names the photo's year itself recalls that time ("Sept. 29, 1946:
            # the Rams' first game"): the picture may show what it recalls.
            recalled = d.date.year in ctx.story_years
            # A story known only by the years it names may have been written later still.
            confidence = min(0.5 + gap / (4 * 365.25),
                             0.95 if basis not in ("year", "weekday", "office", "own-office") else 0.8)
            when = f"{d.date:%b %Y}" if month_only else f"{d.date:%d %b %Y}"
            if basis == "year":
                against = (f"{years:.1f} years before the story, which names {story.year} "
                           f"and never {d.date.year}")
            elif basis == "weekday":
                named = ctx.story_weekday_date[1].text
                against = (f"{years:.1f} years before the story, whose “{named}” falls in "
                           f"{story.year} at the earliest (the latest year it names is "
                           f"{ctx.story_year}, never {d.date.year})")
            elif basis in ("office", "own-office"):
                office = ctx.story_office if basis == "office" else ctx.office(cap)
                against = (f"at least {years:.1f} years before the story: "
                           + ("the story says" if basis == "office" else "the caption itself says")
                           + f" “{office.text}”, printed only from {office.since:%d %b %Y} on ({office.why})")
            elif basis == "published":
                against = f"{years:.1f} years before the story, published {story:%d %b %Y}"
            else:
                against = f"{years:.1f} years before the story ({story:%d %b %Y})"
            evidence = {"caption_dates": [d.date.isoformat()], "days_before": gap,
                        "threshold": params.max_days_before, "file_photo": filed,
                        "date_precision": d.precision}
            if recalled:
                evidence["story_names_the_year"] = True
            if subject:
                evidence["subject_named_in_story"] = subject
            if library:
                evidence["stock_picture"] = library
            if basis in ("office", "own-office"):
                evidence["title_of_office"] = office.text
                evidence["written_on_or_after"] = office.since.isoformat()
            elif basis in ("year", "weekday"):
                evidence["story_years"] = sorted(ctx.story_years)
                if basis == "weekday":
                    evidence["story_day_by_weekday"] = ctx.story_weekday_date[1].text
                    evidence["story_earliest_date"] = story.isoformat()
            else:
                evidence["story_dates"] = [story.isoformat()]
            yield Hit(cap.start + d.start, cap.start + d.end,
                      f"Caption dated {when}, {against}"
                      + (" — marked as a file photo" if filed else "")
                      + (" — a month only, perhaps of something the caption recalls" if month_only else "")
                      + (f" — the story names {d.date.year} too, perhaps the time it recalls" if recalled else "")
                      + (f" — its subject, {subject}, is named in the story, on the publisher's own page"
                         if subject else "")
                      + (f" — a stock library's picture ({library}), taken whenever the photographer took it"
                         if library else ""),
                      confidence=confidence, evidence=evidence,
                      weak=filed or month_only or recalled or bool(subject) or bool(library))


RULE = Rule(id="date-inconsistency", doc=__doc__, params=Params, check=check, needs_embeddings=False)
