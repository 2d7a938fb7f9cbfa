"""The JSON article reader and `article_from_record` (JSON Lines archives)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.context import Context
from checker.model import Article, Kind, Source
from checker.read import ReadError, read_path, read_text
from checker.read.jsonfile import article_from_record
from tests.test_read import assert_invariant

ARTICLE = r"""{
  "id": "bd-floods-0620",
  "url": "https://example.org/floods",
  "date": "2024-06-20",
  "headline": "Floods cut off villages in northeast Bangladesh",
  "byline": "Jane Roe",
  "captions": [
    {"text": "Residents wade through floodwaters in Jacobabad, Pakistan, Aug. 27, 2020.",
     "credit": "AP Photo/Pervez Masih/File"},
    "A boat on the Surma \u2014 river, in \"Sylhet\"."
  ],
  "body": "Floodwaters swallowed villages across Bangladesh\u2019s northeast on Thursday.\n\nThe Surma rose again overnight, officials said.\nCaf\u00e9 owners \ud83d\ude00 closed early.",
  "tags": ["floods"]
}
"""


def line_of(text: str, snippet: str) -> tuple[int, int]:
    at = text.index(snippet)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


@pytest.fixture(scope="module")
def article() -> Source:
    return read_text(ARTICLE, "a.json", "json")


def test_fields_become_hinted_blocks(article: Source) -> None:
    assert [(b.hint, b.text) for b in article.blocks] == [
        (Kind.HEADLINE, "Floods cut off villages in northeast Bangladesh"),
        (Kind.BYLINE, "Jane Roe"),
        (Kind.CAPTION, "Residents wade through floodwaters in Jacobabad, Pakistan, Aug. 27, 2020."),
        (Kind.CREDIT, "AP Photo/Pervez Masih/File"),
        (Kind.CAPTION, "A boat on the Surma — river, in \"Sylhet\"."),
        (None, "Floodwaters swallowed villages across Bangladesh’s northeast on Thursday."),
        (None, "The Surma rose again overnight, officials said."),
        (None, "Café owners 😀 closed early."),
    ]
    assert article.format == "json"
    assert_invariant(article)


def test_meta_holds_id_url_and_date(article: Source) -> None:
    assert dict(article.meta) == {"id": "bd-floods-0620", "url": "https://example.org/floods",
                                  "date": "2024-06-20"}


def test_positions_point_into_the_json_file(article: Source) -> None:
    for word, snippet in [("Floods cut", "Floods cut"), ("Jane", "Jane"),
                          ("Jacobabad", "Jacobabad"), ("AP Photo", "AP Photo"),
                          ("Surma —", "Surma \\u2014"), ("river,", "river,"), ("Sylhet", "Sylhet"),
                          ("Thursday", "Thursday"), ("The Surma rose", "The Surma rose"),
                          ("closed early", "closed early")]:
        assert article.position(article.text.index(word)) == line_of(ARTICLE, snippet), word


def test_escapes_map_to_their_backslash(article: Source) -> None:
    assert article.position(article.text.index("—")) == line_of(ARTICLE, "\\u2014")
    assert article.position(article.text.index("😀")) == line_of(ARTICLE, "\\ud83d\\ude00")
    assert article.position(article.text.index("é")) == line_of(ARTICLE, "\\u00e9")
    assert article.position(article.text.index('"Sylhet')) == line_of(ARTICLE, '\\"Sylhet')


def test_caption_offset_maps_to_the_caption_line(article: Source) -> None:
    caption = article.blocks[2]
    line, _ = line_of(ARTICLE, '{"text": "Residents')
    assert {article.position(i)[0] for i in range(caption.start, caption.end)} == {line}


def test_story_date_comes_from_meta(article: Source) -> None:
    ctx = Context(Article(article, (), ()))
    assert ctx.story_date is not None and ctx.story_date.isoformat() == "2024-06-20"


def test_body_as_a_list_and_captions_as_strings() -> None:
    source = read_text(json.dumps({"headline": "A headline", "captions": ["One caption."],
                                   "body": ["First paragraph.", "Second\nparagraph."]}),
                       "b.json", "json")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "A headline"), (Kind.CAPTION, "One caption."),
        (None, "First paragraph."), (None, "Second\nparagraph.")]


def test_caption_objects_may_use_caption_key_and_omit_credit() -> None:
    source = read_text('{"headline": "H", "captions": [{"caption": "A view of Dhaka."}], '
                       '"body": "Text."}', "c.json", "json")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "H"), (Kind.CAPTION, "A view of Dhaka."), (None, "Text.")]


def test_bad_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "headline": "x",\n  "body": "a" "b"\n}\n', encoding="utf-8")
    with pytest.raises(ReadError, match=rf"^{path}: invalid JSON at line 3, column 15: "
                                        "Expecting ',' delimiter$"):
        read_path(path)


@pytest.mark.parametrize("text, message", [
    ('["not", "an object"]', r"not a JSON object .*\(found an array\)"),
    ('{"headline": 3, "body": "x"}', r'"headline" at line 1, column 14 must be a string, not a number'),
    ('{"body": [1]}', r'"body" at line 1, column 11 must be a string or a list of strings'),
    ('{"body": "x", "captions": [[]]}', r'"captions" at line 1, column 28 must be a string or an object'),
    ('{"id": "x"}', r"no article text"),
    ('{"headline": "  ", "body": ""}', r"no article text"),
])
def test_wrong_shapes_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=rf"^x\.json: {message}"):
        read_text(text, "x.json", "json")


def test_read_path_picks_the_reader_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "article.json"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_path(path) == read_text(ARTICLE, str(path), "json")


def test_article_from_record_uses_derived_lines() -> None:
    record = json.loads(ARTICLE)
    source = article_from_record(record, "archive.jsonl:3")
    assert [(b.hint, b.text) for b in source.blocks] == \
        [(b.hint, b.text) for b in read_text(ARTICLE, "a.json", "json").blocks]
    assert source.origin is None and source.meta["date"] == "2024-06-20"
    assert [source.position(b.start) for b in source.blocks[:3]] == [(1, 1), (3, 1), (5, 1)]
    assert_invariant(source)


def test_lone_surrogates_do_not_reach_the_text() -> None:
    source = read_text('{"headline": "Broken \\ud800 escape"}', "s.json", "json")
    assert source.blocks[0].text == "Broken \ufffd escape"


def test_soft_hyphens_in_a_body_string_are_dropped_and_columns_still_map() -> None:
    text = '{"headline": "Trade", "body": "Exports to Chi\u00adna rose.\\n\\u00ad", "captions": ["A port"]}'
    source = read_text(text, "s.json", "json")
    assert [b.text for b in source.blocks] == ["Trade", "A port", "Exports to China rose."]
    body = source.blocks[2]
    assert source.position(body.start + len("Exports to Chi")) == (1, text.index("na rose") + 1)
    assert_invariant(source)


_STRINGS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=200, deadline=None)
@example(headline="", body=["\u00ad"], caption="\u200b", indent=None, ascii_only=False)
@example(headline="", body=["\u00ad"], caption="0", indent=None, ascii_only=False)
@example(headline="", body=["Chi\u00adna"], caption="", indent=None, ascii_only=False)
@given(headline=_STRINGS, body=st.lists(_STRINGS, max_size=4), caption=_STRINGS,
       indent=st.sampled_from([None, 1, 4]), ascii_only=st.booleans())
def test_every_character_maps_to_where_json_wrote_it(headline, body, caption, indent,
                                                      ascii_only) -> None:
    text = json.dumps({"headline": headline, "body": body, "captions": [caption]},
                      indent=indent, ensure_ascii=ascii_only)
    try:
        source = read_text(text, "h.json", "json")
    except ReadError:
        # soft hyphens and zero-width spaces are not text a reader sees
        written = re.sub("[\u00ad\u200b\u2060]", "", headline + "".join(body) + caption)
        assert not written.strip()
        return
    assert_invariant(source)
    rows = text.split("\n")
    for b in source.blocks:
        for offset in range(b.start, b.end):
            line, column = source.position(offset)
            written, derived = rows[line - 1][column - 1], source.text[offset]
            # a character maps to itself, an escape to its backslash, a collapsed space to
            # the whitespace it stands for
            assert written in (derived, "\\") or (derived == " " and written.isspace())
