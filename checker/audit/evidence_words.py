"""Evidence in an editor's words, for report.html.

The rules name their evidence for programs (`similarity_rank`, `min_probability`); the page
says what each fact means instead, explains it on hover, and keeps the raw key and value in
the fact's title (and beside it, when the reader asks for raw keys), so that nothing the rule
said is hidden. The values are written as `checker.report.evidence` writes them everywhere
else; only the labels change.
"""
from __future__ import annotations

import json
from typing import Any

from checker.report.evidence import keyed

# key -> (label, what it means). Thresholds paired with a similarity are said with it.
WORDS: dict[str, tuple[str, str]] = {
    "similarity": (
        "closeness to the story",
        "How close in meaning this line is to the story as a whole, from sentence embeddings: "
        "about 0 is unrelated, 1 is the same meaning."),
    "best_similarity": (
        "closeness to the nearest story sentence",
        "How close in meaning this line is to the one story sentence nearest to it."),
    "similarity_rank": (
        "how far from the story compared with its own paragraphs",
        "The share of the story's own paragraphs that are further from the story than this "
        "line: 0 means further than every paragraph of it, 1 closer than all of them."),
    "min_probability": (
        "flag threshold",
        "The confidence from which this rule reports a warning or an error; below it a "
        "finding is only a weak signal."),
    "min_similarity": (
        "similarity threshold",
        "Texts at least this similar count as the same text."),
    "threshold": ("threshold", "The value from which the rule flags."),
    "term_coverage": (
        "share of its words the story uses",
        "Of this line's content words, the share that the story's body uses too."),
    "missing_terms": ("words the story never uses", "Content words of this line that the body never uses."),
    "features": (
        "what weighed most",
        "The measurements that pushed the rule's score up (+) or down (−) the most, in "
        "log-odds: the reasons behind the confidence."),
    "compared_with": ("nearest story sentence", "The sentence of the story this line was held against."),
    "closest_clause": (
        "the part of the caption nearest the story",
        "A caption can say two things; this is the clause of it closest to the story."),
    "clause_similarity": ("closeness of that part to the story", "How close in meaning that clause is to the story."),
    "story_places": ("places the story names", "Places named in the story, the most named country first."),
    "caption_places": ("places the caption names", "Places named in the caption, with their countries."),
    "headline_places": ("places the headline names", "Places named in the headline, with their countries."),
    "line_places": ("places the line names", "Places named in the flagged line, with their countries."),
    "paragraph_places": ("places the paragraph names", "Places named in the paragraph, with their countries."),
    "names_the_story_never_mentions": (
        "names the story never mentions", "Names of people, places or organisations in the "
        "caption that appear nowhere in the story."),
    "grounds": (
        "grounds",
        "What the finding rests on: a place, date or event an editor can check, or only "
        "distance in topic (weaker)."),
    "other_event": ("a different event", "The kind of event the caption shows against the one the story reports."),
    "caption_dates": ("dates in the caption", "Dates the caption names."),
    "story_years": ("years the story names", "Years the story's text names."),
    "days_before": ("days before the story", "How many days before the story's date the caption's date is."),
    "days_after": ("days after the story", "How many days after the story's date the caption's date is."),
    "story_day_by_weekday": (
        "a day the story names by its weekday",
        "A day the story names with its weekday but no year (\"on Monday, 28 April\"): it falls "
        "on that weekday only in some years, which dates the story."),
    "story_earliest_date": (
        "the story's earliest possible date",
        "The first date from the latest year the story names on which that day falls on that weekday."),
    "story_names_the_year": (
        "the story names the caption's year",
        "The story itself names the year of the caption's date: it may recall that time."),
    "subject_named_in_story": (
        "its subject, named in the story",
        "The caption's subject is a person the story names in full: likely the story's own picture."),
    "label": ("why the headline reads as a label", "What makes the headline a label (a programme's name, a date) rather than a claim."),
    "body_words": ("words in the body", "How many words the body has to hold the headline against."),
    "date_precision": ("how exact the caption's date is", "Whether the caption names a day, a month or only a year."),
    "file_photo": ("marked as a file photo", "The caption or its credit says it is a file (archive) photo."),
    "body_mean_similarity": (
        "usual closeness of the story's paragraphs",
        "How close the story's paragraphs are to the rest of it, on average: the yardstick "
        "for this paragraph's closeness."),
    "outlier_z": (
        "how unusual, in standard deviations",
        "How far this paragraph's closeness to the story lies from its paragraphs' average, "
        "in standard deviations; −2 is far below it."),
    "leans_towards": ("reads like", "The kind of stock text this line is closest to."),
    "topic_similarity": ("closeness to that kind of text", "How close this line is to the kind of text it reads like."),
    "story_topic_similarity": (
        "the story's closeness to that kind of text",
        "How close the story as a whole is to that kind of text; a story about it would be close too."),
    "position": ("where", "Where in the article the line sits."),
    "kind": ("kind", "What kind of damage or repetition this is."),
    "token": ("damaged text", "The text as extraction left it."),
    "suggestion": ("probably meant", "What the text probably said before extraction damaged it."),
    "credit_ends": ("the credit ends", "Where the photo credit ends, glued to the caption."),
    "caption_starts": ("the caption starts", "Where the caption starts, glued to the credit."),
    "first_line": ("first seen on line", "The line where the same text first appears."),
    "matched": ("matched text", "The promo, navigation or house line this text matched."),
    "outlets": ("outlets named", "News outlets the line names."),
    "text_outlets": ("outlets credited for the text", "News outlets credited for parts of the story's text."),
    "photo_outlets": ("outlets credited for photos", "News outlets credited for the photos."),
    "outlet_lines": ("where each outlet is credited", "The lines that credit each outlet."),
    "contradicted_figures": ("figures the story contradicts", "Numbers in the headline that the story gives differently."),
    "countries": ("countries of this story", "The countries this story is about."),
    "date": ("date of this story", "The story's publication date."),
    "articles": ("other articles with the caption", "How many other articles carry the same or a near-identical caption."),
}
_RAW_CHARS = 300


def label(key: str) -> tuple[str, str]:
    """(label, explanation) for an evidence key; unknown keys read as their words."""
    if key in WORDS:
        return WORDS[key]
    stem, _, last = key.rpartition("_")
    if stem and last == "places":
        return f"places the {stem.replace('_', ' ')} names", ""
    if stem and last == "dates":
        return f"dates in the {stem.replace('_', ' ')}", ""
    return key.replace("_", " "), ""


def facts(evidence: dict[str, Any]) -> list[dict[str, str]]:
    """One dict per fact: `label` and `explain` in words, `value` as the terminal says it,
    `raw` the key (and its threshold's) with the JSON value, for people who want the source."""
    out = []
    for key, threshold, line in keyed(evidence):
        words, explain = label(key)
        if threshold:
            explain = f"{explain} The threshold is the rule's setting {threshold}.".strip()
        raw = f"{key} = {_json(evidence.get(key))}"
        if threshold:
            raw += f"; {threshold} = {_json(evidence.get(threshold))}"
        out.append({"key": key, "label": words, "explain": explain,
                    "value": _value(key, line), "raw": raw})
    return out


def _value(key: str, line: str) -> str:
    said = key.replace("_", " ")
    for head in (f"{said}: ", f"{said}.", f"{said} ", "driven by: "):
        if line.startswith(head):
            return line[len(head):]
    return line


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _RAW_CHARS else text[:_RAW_CHARS - 1] + "…"
