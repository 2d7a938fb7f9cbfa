"""The reading stage: decoding, txt and md blocks, and the offset invariant."""
from __future__ import annotations

import io
import random
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.model import Kind, Source
from checker.read import ReadError, read_path, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SEED = Path("/work/shared/seeds/000_955f36c13bab3e62.txt")


def assert_invariant(source: Source) -> None:
    previous_end = 0
    for b in source.blocks:
        assert b.text == source.text[b.start:b.end]
        assert b.start >= previous_end, "blocks overlap or are out of order"
        assert b.text.strip() == b.text and b.text
        previous_end = b.end


def lines(source: Source) -> list[int]:
    return [source.position(b.start)[0] for b in source.blocks]


def by_hint(source: Source, hint: Kind | None) -> list[str]:
    return [b.text for b in source.blocks if b.hint is hint]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# -- the invariant ----------------------------------------------------------------------

GOOD_FILES = [p for p in sorted(FIXTURES.iterdir()) if not p.name.startswith("bad_")] + [SEED]


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_invariant_on_files(path: Path) -> None:
    if path == SEED and not SEED.exists():
        pytest.skip("seed article not present")
    assert_invariant(read_path(path))


_PIECES = [
    "# Head", "## Sub ##", "Title\n===", "plain text here", "more *em* text", "*all emph*",
    "![alt](a.png)", "![](b.png 'tt')", "[![x](c.png)](http://l)", "![a [b]](d.png \"T (x)\")",
    "x ![i](j) y ![k](l) z", "- item", "  - nested", "1. one", "> quote", "> > deep", ">\ttab",
    "\tcode", "```\nfence\n```", "<!-- c -->", "<div>\nhtml\n</div>", "---", "text <!-- in -->",
    "  ", "", "\n", "Ünïcödé 😀 text", "\\![not](img)", "[ref]: http://x", "![r][ref]",
    "lowercase continuation", "   indented", "- ![alt](i.png)", "> ![q](i.png)\n> *cap*",
    "line  ", "#", "- ", ">", "`code ![x](y)`", "A Title Case Line", "ends a sentence.",
]
_FRONT = ["", "---\ntitle: T\n---\n", "---\n---\n", "---\ntitle: &a x\nheadline: *a\n---\n",
          "---\ntitle: 'q'\nauthor: [a, b]\ncaptions:\n  - x\n  - \"y\"\n---\n",
          "---\ndescription: >\n  folded\n  text\n---\n"]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_invariant_on_random_texts(fmt: str) -> None:
    rng = random.Random(20240501)
    for _ in range(400):
        parts = [rng.choice(_PIECES) + rng.choice(["\n", "\n\n", " ", "\r\n"])
                 for _ in range(rng.randint(1, 12))]
        assert_invariant(read_text(rng.choice(_FRONT) + "".join(parts), format=fmt))


# -- decoding ---------------------------------------------------------------------------

def test_seed_one_block_per_paragraph_and_trailing_headline() -> None:
    if not SEED.exists():
        pytest.skip("seed article not present")
    source = read_path(SEED)
    assert lines(source) == [*range(1, 27, 2), 27, 28]
    assert all(b.hint is None for b in source.blocks)


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    source = read_path(write(tmp_path, "a.txt", "Headline\n\nBody é.\n".encode("utf-8-sig")))
    assert source.text == "Headline\n\nBody é.\n"
    assert source.blocks[0].start == 0


def test_crlf_and_lone_cr_become_lf_keeping_line_numbers(tmp_path: Path) -> None:
    source = read_path(write(tmp_path, "a.txt", b"Head\r\n\r\nBody one.\r\rBody two.\r\n"))
    assert source.text == "Head\n\nBody one.\n\nBody two.\n"
    assert lines(source) == [1, 3, 5]


def test_cp1252_is_decoded(tmp_path: Path) -> None:
    text = "The café served crème brûlée – “the best in town”, said José.\n"
    assert read_path(write(tmp_path, "a.txt", text.encode("cp1252"))).text == text


def test_latin1_is_decoded(tmp_path: Path) -> None:
    text = "Señor Núñez paid £12 for the piñata in Zürich.\n"
    assert read_path(write(tmp_path, "a.txt", text.encode("latin-1"))).text == text


def test_cyrillic_single_byte_is_not_forced_to_cp1252(tmp_path: Path) -> None:
    text = "В Москве в среду прошёл сильный дождь, сообщили синоптики. Службы работали всю ночь.\n"
    assert read_path(write(tmp_path, "a.txt", text.encode("cp1251"))).text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_by_bom(tmp_path: Path, encoding: str) -> None:
    data = "Head\r\n\r\nBody ü.\r\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read_path(write(tmp_path, "a.txt", data)).text == "Head\n\nBody ü.\n"


def test_mojibake_survives(tmp_path: Path) -> None:
    text = "The cafÃ© said itâ€™s open.\n"
    assert read_path(write(tmp_path, "a.txt", text.encode("utf-8"))).text == text


def test_binary_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(ReadError, match="not a text file") as err:
        read_path(path)
    assert str(err.value).startswith(f"{path}: ")


def test_noise_without_nul_bytes_is_refused(tmp_path: Path) -> None:
    rng = random.Random(1)
    path = write(tmp_path, "noise.txt", bytes(rng.randrange(1, 256) for _ in range(2000)))
    with pytest.raises(ReadError, match="not a text file"):
        read_path(path)


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "a.txt", data)
    with pytest.raises(ReadError, match=f"^{path}: empty file$"):
        read_path(path)


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x" * 2_500_000)
    with pytest.raises(ReadError, match=r"too large \(2\.5 MB, limit 1\.0 MB\)$"):
        read_path(path, max_bytes=1_000_000)
    assert read_path(path, max_bytes=2_500_000).blocks


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nope\.txt: no such file$"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory$"):
        read_path(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root, so the refusal is simulated where the file is opened.
    import checker.read

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "a.txt", b"text\n")
    monkeypatch.setattr(checker.read, "open", refuse, raising=False)
    with pytest.raises(ReadError, match=f"^{path}: permission denied$"):
        read_path(path)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"Head\r\n\r\nBody.\r\n")))
    source = read_path("-")
    assert (source.path, source.format, source.text) == ("<stdin>", "txt", "Head\n\nBody.\n")


def test_stdin_errors_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"x" * 50)))
    with pytest.raises(ReadError, match="^<stdin>: too large"):
        read_path("-", max_bytes=10)


def test_dispatch_on_extension(tmp_path: Path) -> None:
    data = b"# Title\n\nBody.\n"
    assert read_path(write(tmp_path, "a.markdown", data)).format == "md"
    assert read_path(write(tmp_path, "a.MD", data)).format == "md"
    for name in ("a.txt", "a.text", "a"):
        assert read_path(write(tmp_path, name, data)).format == "txt"


def test_read_text_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_text("x", format="rtf")


# -- txt --------------------------------------------------------------------------------

def test_hard_wrapped_paragraphs_are_joined() -> None:
    source = read_path(FIXTURES / "hard_wrapped.txt")
    assert lines(source) == [1, 3, 8, 13, 15, 16]
    first = source.blocks[1].text
    assert first.count("\n") == 3 and first.endswith("the harbour master said.")


def test_one_paragraph_per_line_and_trailing_titles_stay_separate() -> None:
    source = read_path(FIXTURES / "one_per_line.txt")
    assert lines(source) == [1, 3, 5, 7, 9, 11, 12, 13]
    assert all("\n" not in b.text for b in source.blocks)
    indented = source.blocks[3]
    assert indented.text.startswith("A grower") and source.position(indented.start) == (7, 3)


@pytest.mark.parametrize("text, expected", [
    ("One line ends mid\nsentence and goes on.", 1),
    ("A list of things,\nThen More Things", 1),
    ("Headline Without A Full Stop\nThe body starts here.", 2),
    ("Sentence one ends here.\nand this starts lowercase", 2),
    ("Apple Unveils Thinner Laptop\niPhone Sales Slow in Europe", 2),
    ("A Sixty Character Headline About Some Event In A Country Far\n"
     "Another Headline Of Similar Length About The Weather Today Here!", 2),
])
def test_txt_continuation_heuristic(text: str, expected: int) -> None:
    assert len(read_text(text).blocks) == expected


def test_wrapped_run_is_joined_even_before_capitalised_words() -> None:
    text = ("The minister said on Tuesday that the new rules would apply from the\n"
            "first of January and that officials in Brussels had approved them after\n"
            "Germany and France dropped their objections to the final text of the law.\n")
    assert [b.text.count("\n") for b in read_text(text).blocks] == [2]


def test_a_whole_scrape_wrapped_narrow_is_joined_though_a_break_or_two_is_not_greedy() -> None:
    import textwrap

    prose = ("Smallville Council met on Tuesday. Mayor Jane Doe said Smallville would cut Roads "
             "Department spending. Council Member Omar Haddad said Smallville Library would stay "
             "open. Harbour Master Ann Lee said Smallville Harbour would close on Friday. Police "
             "Chief Bo Smith said Smallville Police would patrol Harbour Road. Posted Feb. 8, 2024, "
             "11:28\u00a0PM UTC. Fire Chief Tom Reyes said Smallville Fire Service would hire Ten "
             "New Firefighters. Jane Doe said Smallville Council would meet again in May. Omar "
             "Haddad said Smallville Council Budget Committee would report in June.")
    text = textwrap.fill(prose, width=50).replace("\u00a0", " ")
    assert len(text.split("\n")) >= 10
    assert len(read_text(text).blocks) == 1


def test_a_sentence_broken_around_its_links_is_joined() -> None:
    text = ("The chair of the Senate committee said he is concerned by the decision of president \n"
            "Jane Roe\n"
            " to join the app.\n"
            "The campaign used the final on Sunday to kick off its new \n"
            "VideoApp\n"
            " account in an effort to reach young voters.\n")
    assert [b.text.count("\n") for b in read_text(text).blocks] == [2, 2]


def test_a_byline_broken_around_its_linked_names_is_joined() -> None:
    text = "By \nJane Roe\n, \nOmar Haddad\n and \nAnn Lee\nThe council met on Tuesday.\n"
    assert [b.text.count("\n") for b in read_text(text).blocks] == [5, 0]


@pytest.mark.parametrize("text", [
    "Business \nA superstar investor with the Midas touch or just lucky?\n",  # a label, a headline
    "Revenue: $94.93 billion vs. $94.36 billion estimated, up 6.07% year-over-year \n"
    "Gross margin: 42.3% vs. 42.1% estimated\n",  # rows of figures
    "The council approved the budget after a six-hour debate\nStorm closes the coast road\n",  # no space
])
def test_lines_not_broken_at_a_link_stay_apart(text: str) -> None:
    assert len(read_text(text).blocks) == 2


def test_trailing_headlines_of_one_length_stay_apart() -> None:
    titles = ["Council approves budget after six-hour debate", "Storm closes the coast road for a day",
              "Schools keep funding as roads lose a fifth", "Mayor defends cuts at a packed town hall",
              "Floods leave the valley counting the cost", "Insurers pay out early to flooded homes",
              "Library hours stay the same next year", "Ferry services resume after the storm",
              "New bridge opens to traffic on Monday", "Harbour master warns of high tides",
              "Police close the old quarry to walkers", "Market returns to the square in spring"]
    assert len(read_text("\n".join(titles)).blocks) == len(titles)


# -- md ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def article() -> Source:
    return read_path(FIXTURES / "article.md")


def test_front_matter_blocks_point_at_values(article: Source) -> None:
    assert by_hint(article, Kind.HEADLINE) == ["Quiet Streets: A Town Without Cars"]
    assert article.position(article.blocks[0].start) == (2, 9)  # inside the quotes
    assert by_hint(article, Kind.BYLINE) == ["Dana Example", "Lee Sample"]
    assert by_hint(article, Kind.CAPTION)[:2] == [
        "Children cycle past the closed town hall.", "A cafe puts tables in the road."]


def test_front_matter_goes_to_meta(article: Source) -> None:
    assert article.meta["date"] == "2024-05-04"
    assert article.meta["tags"] == ["transport", "towns"]
    assert article.meta["author"] == ["Dana Example", "Lee Sample"]


def test_unquoted_title_and_dek() -> None:
    source = read_text("---\nheadline: Plain Title  # note\ndek: 'It''s short'\n---\nBody.\n",
                       format="md")
    assert [(b.text, b.hint) for b in source.blocks] == [
        ("Plain Title", Kind.HEADLINE), ("It''s short", Kind.SUBHEAD), ("Body.", None)]


def test_heading_after_front_matter_title_is_a_subhead(article: Source) -> None:
    assert by_hint(article, Kind.SUBHEAD)[1:] == ["Quiet Streets", "What residents said"]


def test_first_h1_without_front_matter_is_the_headline() -> None:
    source = read_path(FIXTURES / "no_front_matter.md")
    assert by_hint(source, Kind.HEADLINE) == ["Bridge Opens After Two Years of Work"]
    assert by_hint(source, Kind.SUBHEAD) == ["A Second Level-One Heading"]


def test_image_alt_and_following_emphasis_are_captions(article: Source) -> None:
    assert by_hint(article, Kind.CAPTION)[2:] == [
        "A cyclist rides along the empty high street",
        "Shop owners set out chairs in front of their windows."]


def test_image_inside_text_splits_the_paragraph() -> None:
    source = read_path(FIXTURES / "no_front_matter.md")
    assert [(b.text, b.hint) for b in source.blocks[2:]] == [
        ("The new bridge opened to traffic on Monday.", None),
        ("Traffic crosses the new bridge", Kind.CAPTION),
        ("It\ncarries two lanes and a cycle path.", None),
        ("The river below the bridge", Kind.CAPTION),  # title, as the alt is empty
    ]


def test_emphasis_not_after_an_image_is_body() -> None:
    source = read_text("Text.\n\n*Just emphasis.*\n\n![a](b.png)\n\n*A* and *b*\n", format="md")
    assert [b.hint for b in source.blocks] == [None, None, Kind.CAPTION, None]


def test_caption_on_the_line_below_the_image() -> None:
    source = read_text("![Alt text](a.png)\n_The caption._\n", format="md")
    assert [(b.text, b.hint) for b in source.blocks] == [
        ("Alt text", Kind.CAPTION), ("The caption.", Kind.CAPTION)]


def test_list_items_blockquote_and_skipped_blocks(article: Source) -> None:
    body = by_hint(article, None)
    assert body[1:3] == ["Most people liked the quiet.", "Some shop owners worried about deliveries."]
    # (the quotation's "> " on its second line is the container's mark, not its words)
    assert body[3] == "We could hear the birds for once,\nsaid a woman who has lived on the square for forty years."
    assert not any("not an article" in b.text or b.text == "---" for b in article.blocks)
    assert body[-1] == "The council will decide in the autumn whether to keep the scheme."


def test_comments_are_recorded_not_blocks(article: Source) -> None:
    assert article.meta["directives"] == [
        {"line": 16, "text": "<!-- checker: disable caption-mismatch -->"}]
    assert not any("checker:" in b.text for b in article.blocks)


def test_invalid_front_matter_names_file_and_line() -> None:
    path = FIXTURES / "bad_front_matter.md"
    with pytest.raises(ReadError, match=rf"^{path}: invalid YAML front matter at line 4: "):
        read_path(path)


def test_a_control_character_in_front_matter_is_a_clear_error() -> None:
    """YAML's reader refuses control characters before it parses anything (found by
    hypothesis: "---\n\x1f\n---\n")."""
    with pytest.raises(ReadError, match="^x.md: invalid YAML front matter: unacceptable character #x001f"):
        read_text("---\n\x1f\n---\nBody.\n", "x.md", format="md")


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(ReadError, match="not a mapping"):
        read_text("---\n- a\n- b\n---\nBody.\n", "x.md", format="md")


@pytest.mark.parametrize("text", ["\u2028\n![", "\u2028\n<img alt='\n", "Head\n\n\u2028\nA line\nanother line\n"])
def test_markdown_paragraph_after_a_line_separator_keeps_its_offsets(text):
    # markdown-it strips a paragraph's content whole, "\u2028" on its first line too.
    source = read_text(text, "a.md", "md")
    assert source.blocks
    for b in source.blocks:
        assert b.start >= 0 and source.text[b.start:b.end] == b.text


def test_markdown_lines_that_stand_alone_are_blocks_of_their_own():
    """Two headlines of other stories glued after a Markdown story, one per line, are two
    blocks, as the text reader reads them; a hard-wrapped paragraph stays one block."""
    text = ("---\ntitle: Council approves new flood barriers\n---\n\n"
            "The council voted on Tuesday to fund new flood barriers along the river, after\n"
            "two years of debate over the cost of the scheme and who should pay for it.\n\n"
            "Pop star announces farewell tour after 30 years on stage\n"
            "Stock markets slide as oil prices jump on supply fears\n")
    source = read_text(text, "story.md", "md")
    texts = [b.text for b in source.blocks]
    assert texts[1].startswith("The council voted") and texts[1].endswith("pay for it.")
    assert texts[2:] == ["Pop star announces farewell tour after 30 years on stage",
                         "Stock markets slide as oil prices jump on supply fears"]
    assert_invariant(source)


def test_a_markdown_paragraph_of_thousands_of_brackets_reads_them_as_characters():
    """markdown-it matches each "[" against every later "]" of its paragraph; a text with a
    paragraph of more brackets than any article's is read with them as plain characters
    (no picture taken out as a caption), in linear time."""
    from checker.read.md import MAX_PARAGRAPH_BRACKETS

    def captions(text: str) -> list[str]:
        return [b.text for b in read_text(text, "a.md", "md").blocks if b.hint is Kind.CAPTION]

    assert captions("# Title\n\nSee ![Boats on the river](b.jpg) there.\n") == ["Boats on the river"]
    crowded = "# Title\n\n" + "![a](b) " * (MAX_PARAGRAPH_BRACKETS + 1) + "\n"
    assert captions(crowded) == []
    assert read_text(crowded, "a.md", "md").blocks[1].text.startswith("![a](b) ![a](b)")


def test_soft_hyphens_in_plain_text_are_not_part_of_the_words():
    """Text copied from a page that hyphenates ("Chi\u00adna re\u00adsearchers") reads with its
    words whole; lines and columns stay the file's."""
    text = "Chi\u00adna re\u00adsearchers tout lab data\n\nRe\u00adsearchers in Wuhan said on Tuesday that it worked.Officials agreed.\n"
    source = read_text(text, "a.txt", "txt")
    assert [b.text for b in source.blocks] == [
        "China researchers tout lab data", "Researchers in Wuhan said on Tuesday that it worked.Officials agreed."]
    at = source.text.index("worked.Officials")
    assert source.position(at) == (3, text.splitlines()[2].index("worked.Officials") + 1)
    assert read_text("No soft hyphen here\n", "a.txt", "txt").origin is None


def test_soft_hyphens_in_markdown_are_not_part_of_the_words():
    text = ("---\ntitle: Chi\u00adna re\u00adsearchers tout lab data\n---\n\n"
            "Re\u00adsearchers in *Wu\u200bhan* said it worked.Officials agreed.\n\n\u00ad\n\n"
            "<!-- checker: disable=glued-words -->\n")
    source = read_text(text, "a.md", "md")
    assert [b.text for b in source.blocks] == [
        "China researchers tout lab data", "Researchers in Wuhan said it worked.Officials agreed."]
    at = source.text.index("worked.Officials")
    assert source.position(at) == (5, text.splitlines()[4].index("worked.Officials") + 1)
    assert source.meta["directives"][0]["line"] == 9


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_a_text_of_invisible_characters_alone_is_an_empty_file(name):
    with pytest.raises(ReadError, match="empty file"):
        read_text("\u00ad\u200b" * 1000 + "\n", name, name[2:])


def test_markdown_inline_markup_is_not_part_of_the_words():
    """A story converted to Markdown by a scraper keeps its links, emphasis and code marks;
    the words are judged as a reader sees them, and positions still point into the file."""
    text = ("# Council approves **£2.4m** plan\n\n"
            "The [city council](https://example.org/council \"Council\") voted on *Tuesday* to fund the\n"
            "new cycle lanes along the harbour road, after a long consultation.\n\n"
            "The `HarbourTraders` group objected \\*loudly\\* &amp; at length.<br>\n\n"
            "[Man charged after record cannabis seizure](https://example.org/news/1)\n"
            "[![Ferry](f.jpg)](https://example.org/pic) <https://example.org/x>\n")
    source = read_text(text, "a.md", "md")
    assert [b.text for b in source.blocks] == [
        "Council approves £2.4m plan",
        "The city council voted on Tuesday to fund the\nnew cycle lanes along the harbour road, after a long consultation.",
        "The HarbourTraders group objected *loudly* & at length.",
        "Man charged after record cannabis seizure",
        "Ferry", "https://example.org/x"]
    for b in source.blocks:
        line, column = source.position(b.start)
        assert text.splitlines()[line - 1][column - 1:].startswith(b.text[:4])
    at = source.text.index("loudly")
    assert source.position(at) == (6, text.splitlines()[5].index("loudly") + 1)


def test_markdown_a_quotation_reads_without_its_marks_on_every_line():
    source = read_text("Intro line of the story.\n\n> We could hear the birds,\n> said a woman.\n", "a.md", "md")
    assert source.blocks[1].text == "We could hear the birds,\nsaid a woman."
    assert source.position(source.blocks[1].start + source.blocks[1].text.index("said")) == (4, 3)
