"""Property-based tests (issue 20): whatever text a reader is given, it returns an article
whose blocks point back into the source, or a ReadError naming the file, and nothing else;
the segmenter never crashes on what a reader returns and its segments stay inside the text."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import load
from checker.read import ReadError, read_text
from checker.segment import Segmenter

# Characters the readers care about, mixed with arbitrary text, so that the generated input
# often has structure (front matter, tags, brackets, escapes) and not only noise.
MARKUP = st.sampled_from(["\n", "\n\n", "---\n", "# ", "![", "](", ")", "[", "]", "*", "_",
                          "<div>", "</div>", "<p>", "</p>", "<figcaption>", "<img alt='",
                          "'>", "&amp;", "&#", ";", "<!--", "-->", "\\", '"', "{", "}", ":",
                          "title: ", "AP Photo/", "REUTERS/", "(Reuters)", "Aa", ". ", "\r\n",
                          "\u2028", "\ufeff", "\ud800", "\u00ad", "\u200b",
                          "`", "**", "> ", "- ", "<http://a.b>", "&lt;", "  \n",
                          # what scraped text holds: widgets run into a paragraph, field labels,
                          # a rail's label, a byline broken at its links, stripped apostrophes
                          "hide caption toggle caption ", "CLICK HERE TO GET THE APP", "Credit...\n",
                          "Related Articles\n", "Headline: ", "Body: ", "Article Number: 1\n", "By \n",
                          " and \n", ", \n", "(Photo by A B/C) ", "window.x = ", "function() {", "didnt ",
                          "US\n", "SAVE FOR LATER\n", "ALL CAPS HEADLINE OF SIX WORDS HERE\n"])
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=12)), max_size=40).map("".join)
PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter(load().segmenter)


def _read(text: str, fmt: str):
    try:
        return read_text(text, f"prop.{fmt}", fmt)
    except ReadError as exc:
        assert str(exc).startswith(f"prop.{fmt}")
        return None


def _holds(source, original: str, segmenter) -> None:
    for b in source.blocks:
        assert source.text[b.start:b.end] == b.text and b.text.strip() == b.text and b.text
        if source.origin is not None:
            for offset in (b.start, b.end - 1):
                assert 0 <= source.origin.offset(offset) <= len(original)
        line, column = source.position(b.start)
        assert line >= 1 and column >= 1
    article = segmenter.segment(source)
    end = 0
    for seg in article.segments:
        assert 0 <= seg.start <= seg.end <= len(source.text)
        assert seg.start >= end  # in the text's order, none over another (a paragraph cut in pieces too)
        end = seg.end
    for sentence in article.sentences:
        assert source.text[sentence.start:sentence.end] == sentence.text


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@PROPERTIES
@given(text=TEXT)
def test_text_formats(segmenter, fmt, text):
    source = _read(text, fmt)
    if source is not None:
        _holds(source, text, segmenter)


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12)
ARTICLE = st.fixed_dictionaries({}, optional={
    "headline": st.one_of(TEXT, JSON_VALUE), "body": st.one_of(TEXT, st.lists(TEXT, max_size=5), JSON_VALUE),
    "captions": st.one_of(st.lists(st.one_of(TEXT, st.fixed_dictionaries({"text": TEXT, "credit": TEXT})),
                                   max_size=3), JSON_VALUE),
    "id": JSON_VALUE, "date": JSON_VALUE, "url": JSON_VALUE})


@PROPERTIES
@given(article=ARTICLE, ascii_only=st.booleans(), indent=st.sampled_from([None, 2]))
def test_json(segmenter, article, ascii_only, indent):
    text = json.dumps(article, ensure_ascii=ascii_only, indent=indent)
    if not ascii_only and any("\ud800" <= c <= "\udfff" for c in text):
        return  # not text a file can hold: a lone surrogate is only written escaped
    source = _read(text, "json")
    if source is not None:
        _holds(source, text, segmenter)
        json.dumps(source.meta, ensure_ascii=False).encode("utf-8")


@PROPERTIES
@given(text=TEXT)
def test_json_any_text(segmenter, text):
    source = _read(text, "json")
    if source is not None:
        _holds(source, text, segmenter)


@PROPERTIES
@given(text=TEXT)
def test_markdown_words_map_to_the_same_characters_in_the_file(text):
    """Markdown's derived text only leaves characters out (markup, invisible characters): each
    character of a block is the file's character at the place its origin names."""
    source = _read(text, "md")
    if source is None or source.origin is None:
        return
    for b in source.blocks:
        for i in range(b.start, b.end):
            assert source.origin.text[source.origin.offset(i)] == source.text[i]
