"""Work per line bounded (issue 20): on a huge article each line is held against a bounded
number of others, and where a fact is now found once (a sorted list, an index, the first
mentions) it is the fact the plain way found. Speed itself is measured in bench/doubling.py
and bench/hostile.py, not here. No model: vectors are made up from a hash of each text."""
from __future__ import annotations

import hashlib
import random
import re

import numpy as np
import pytest

from checker import context as context_module
from checker.config import load
from checker.context import Context, place_dicts, texts_to_embed, with_run_texts
from checker.model import Finding, Kind, Severity
from checker.read import read_text
from checker.segment import Segmenter


def _vectors(texts) -> dict:
    out = {}
    for t in texts:
        seed = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
        v = np.random.default_rng(seed).standard_normal(16).astype(np.float32)
        out[t] = v / np.linalg.norm(v)
    return out


def _context(text: str, fmt: str = "txt") -> Context:
    article = Segmenter(load().segmenter).segment(read_text(text, f"case.{fmt}", fmt))
    return Context(article, _vectors(with_run_texts(texts_to_embed(article))))


STORY = ("Floods hit Smallville\n\n" + "\n\n".join(
    f"Officials in Smallville said {i} residents were moved to shelters on Tuesday." for i in range(24))
    + "\n\n![Residents wade through water in Lagos](a.jpg)\n")


def _brute_best(ctx: Context, segment, lo: int, hi: int, leave_out: bool) -> float:
    sims = [float(np.dot(ctx.vec(s.text), ctx.vec(segment.text))) for s in ctx.article.sentences[lo:hi]
            if not (leave_out and s.segment == segment.index)]
    return max(sims, default=0.0)


def test_every_sentence_of_a_story_shorter_than_the_window_is_compared():
    ctx = _context(STORY, "md")
    count = len(ctx.article.sentences)
    assert count < context_module.SENTENCE_WINDOW
    for seg in (*ctx.article.body, *ctx.article.of(Kind.CAPTION)):
        assert ctx.sentence_window(seg) == (0, count)
        for leave_out in (False, True):
            assert ctx.body_match(seg, leave_out).best == pytest.approx(_brute_best(ctx, seg, 0, count, leave_out))


def test_past_the_window_a_line_is_compared_with_its_nearest_sentences_only(monkeypatch):
    monkeypatch.setattr(context_module, "SENTENCE_WINDOW", 6)
    ctx = _context(STORY, "md")
    sentences = ctx.article.sentences
    for seg in (*ctx.article.body, *ctx.article.of(Kind.CAPTION)):
        lo, hi = ctx.sentence_window(seg)
        assert hi - lo == 6
        if seg.kind is Kind.BODY:  # its own sentences sit inside its window
            assert all(lo <= k < hi for k, s in enumerate(sentences) if s.segment == seg.index)
        match = ctx.body_match(seg, leave_out=True)
        assert match.best == pytest.approx(_brute_best(ctx, seg, lo, hi, True))
        assert match.best_sentence in sentences[lo:hi]
    caption, = ctx.article.of(Kind.CAPTION)
    assert ctx.sentence_window(caption) == (len(sentences) - 6, len(sentences))  # after the story


def test_a_similarity_rank_is_the_share_of_paragraphs_below_it():
    from checker.features.similarity import similarity_rank

    ctx = _context(STORY, "md")
    sims = ctx.paragraph_similarities
    for value in (-1.0, 0.0, *list(sims.values())[:5], 0.05, 1.0):
        for exclude in (None, ctx.article.body[3]):
            others = [v for k, v in sims.items() if exclude is None or k != exclude.index]
            assert similarity_rank(ctx, value, exclude) == sum(v < value for v in others) / len(others)


def test_the_story_places_shown_as_evidence_are_those_of_every_mention():
    """Each (place, country) once, by the story's weight of its country then its first
    mention: what sorting every mention and dropping repeats gave, the line's own text left
    out (a caption repeated in the body too)."""
    text = ("Floods hit Dhaka and Sylhet in Bangladesh\n\nRivers rose near Sylhet, Bangladesh, on Monday.\n\n"
            "Indian officials in Assam said water also reached Guwahati and Dhaka.\n\n"
            "A Pakistani team flew in from Lahore to Sylhet.\n\nRivers rose near Sylhet, Bangladesh, on Monday.\n\n"
            "More rain is due in Dhaka, Lahore and Assam, officials said.\n")
    ctx = _context(text)
    assert len(ctx.distinct_story_places()) >= 5
    for line in (None, *ctx.article.segments):
        every = sorted(ctx.story_places(line), key=lambda p: -ctx.story_countries.get(p.country, 0))
        distinct = sorted(ctx.distinct_story_places(line), key=lambda p: -ctx.story_countries.get(p.country, 0))
        assert place_dicts(distinct) == place_dicts(every)


def _finding(start: tuple[int, int], end: tuple[int, int]) -> Finding:
    return Finding("duplicate", Severity.WARNING, "a.txt", start[0], start[1], end[0], end[1], "m", 1.0, {})


def test_the_outline_marks_a_segment_with_every_finding_that_touches_it_in_order():
    from checker.report.terminal import _overlaps, _Touching

    rng = random.Random(20)
    for _ in range(200):
        findings = []
        for _ in range(rng.randint(0, 30)):
            a = (rng.randint(1, 12), rng.randint(1, 6))
            b = a if rng.random() < 0.2 else (a[0] + rng.randint(0, 4), rng.randint(1, 6))
            findings.append(_finding(a, b))
        findings.sort(key=lambda f: f.sort_key)
        touching = _Touching(findings)
        for _ in range(20):
            start = (rng.randint(1, 14), rng.randint(1, 6))
            end = start if rng.random() < 0.2 else (start[0] + rng.randint(0, 3), rng.randint(1, 6))
            assert touching(start, end) == [f for f in findings if _overlaps(f, start, end)]


def test_a_long_camel_cased_token_has_only_its_first_joins_tested(monkeypatch):
    from checker.rules import extraction_artifact as ea

    calls = []
    real = ea._is_glue
    monkeypatch.setattr(ea, "_is_glue", lambda token, cut, params: calls.append(cut) or real(token, cut, params))
    params = load().get("extraction-artifact").params
    ctx = _context("Headline\n\nA caption " + "Aa" * 5_000 + "\n")
    assert not [h for h in ea.check(ctx.article, ctx, params) if h.evidence["kind"] == "glued words"]
    assert len(calls) <= ea._MAX_CUTS
    ctx = _context("Headline\n\nSyria's army, spearheaded by Lebanon'sHezbollah, took the town.\n")
    assert [h.evidence["token"] for h in ea.check(ctx.article, ctx, params)] == ["Lebanon'sHezbollah"]


def test_near_repeats_are_searched_among_lines_of_bounded_length_and_work(monkeypatch):
    from checker.rules import duplicate

    params = load().get("duplicate").params
    words = [f"word{i}" for i in range(2_000)]
    long_line = " ".join(words)
    near = " ".join(words[:1000] + ["other"] + words[1001:])
    short_line = "Rivers rose in the night and officials in Smallville moved families to shelters."
    short_near = short_line.replace("night", "nights")

    def hits(*lines):
        ctx = _context("Floods hit Smallville\n\n" + "\n\n".join(lines) + "\n")
        return [h.evidence["similarity"] for h in duplicate.check(ctx.article, ctx, params)]

    assert len(long_line) > duplicate.MAX_NEAR_CHARS
    assert hits(long_line, near) == []          # too long to be compared character by character
    assert hits(long_line, long_line) == [1.0]  # an exact repeat is a lookup at any length
    assert hits(short_line, short_near) and hits(short_line, short_near)[0] < 1.0
    monkeypatch.setattr(duplicate, "MAX_NEAR_WORK", 0)
    assert hits(short_line, short_near) == []
    assert hits(short_line, short_line) == [1.0]


def test_a_credit_closing_a_long_caption_is_still_split_off():
    from checker.segment import _CREDIT_TAIL_REACH

    caption = "Residents wade through water in Smallville on Monday. " * 20
    assert len(caption) > _CREDIT_TAIL_REACH
    text = "# Floods hit\n\nRivers rose, officials said.\n\n![a](a.jpg)\n\n" \
           + caption + "(AP Photo/Jane Doe)\n"
    article = Segmenter(load().segmenter).segment(read_text(text, "case.md", "md"))
    assert [s.text for s in article.of(Kind.CREDIT)] == ["(AP Photo/Jane Doe)"]


def test_a_credit_alone_is_found_by_two_matches_as_by_a_search():
    """`_only_credit` tries the start and the place after the leading space: what a search
    over the whole line found first, and then judged, on every example of the patterns."""
    from checker.segment import _only_credit
    from checker.segment_vocabulary import compile_patterns

    params = load().segmenter
    pat = compile_patterns(params)

    def by_search(line: str) -> bool:
        lead = pat.credit_lead.match(line)
        if lead and lead.end() >= len(line):
            return True
        for p in pat.credit_tail:
            m = p.search(" " + line)
            if m and m.start() <= 1 and m.end() >= len(line):
                return True
        return False

    examples = {ex.strip() for _, entry in params.named_patterns() for ex in (*entry.matches, *entry.rejects)}
    assert len(examples) > 100
    for line in sorted(examples):
        assert _only_credit(line, pat) == by_search(line), line


def test_a_place_is_located_by_the_words_just_before_it_as_by_the_whole_line():
    from checker.features import places

    lines = ["Residents wade through water in Lagos, Nigeria, on Monday.",
             "A man walks past the ruins of a house in the old city of Aleppo",
             "Aid arrives from France at the port of Beirut, Lebanon",
             "Officials said Peru and Chile agreed to meet in Quito"]
    located = 0
    for line in lines:
        ctx = _context(f"Headline\n\n{line}\n")
        seg = ctx.article.segments[-1]
        plain = [p for p in ctx.places(seg) if not places._NAMES_AN_EVENT.match(seg.text, p.end)
                 and (p.kind in ("city", "region") or (p.kind != "demonym" and (
                     places._LOCATIVE.search(seg.text[: p.start]) or seg.text[max(0, p.start - 2): p.start] == ", ")))]
        assert places.located_places(ctx, seg) == plain
        located += len(plain)
    assert located >= 6
    assert re.compile(r"\bin\s+$").search("Berlin ", 4) is None  # a bounded search still sees the word's start


def test_the_element_walk_is_in_document_order_and_a_link_measure_is_bounded():
    """The HTML reader's element walk is a stack, not nested generators (each element passed
    up through every level made tag soup quadratic), and gives the order the recursive walk
    gave; a block holding more elements than a line of links ever does is measured as no link
    list (tag soup nests every later block inside an unclosed one)."""
    from checker.read.html import bounds
    from checker.read.html import tree as reader

    def recursive(node):
        for child in node.children:
            if isinstance(child, reader._Node):
                yield child
                yield from recursive(child)

    def tree(source):
        built = reader._Tree(source)
        built.feed(source)
        built.close()
        return built.root

    root = tree("<div><p>a<b>b<i>c</i></b></p><ul><li><a href='https://example.com/x'>d e</a></li>"
                "<li>f</li></ul><p>g</p></div>")
    assert [n.tag for n in reader._elements(root)] == [n.tag for n in recursive(root)]
    ul = next(n for n in reader._elements(root) if n.tag == "ul")
    assert bounds._link_share(ul) == 2 / 3
    soup = tree("<p>" + "<b><i>x</b></i><a href='https://example.com/y'>y</a><p>" * bounds._MAX_LINK_WALK)
    assert bounds._link_share(soup) == 0.0


def test_the_word_around_an_offset_is_the_run_a_walk_would_find():
    """extraction-artifact finds the words of a text once and bisects for the one around an
    offset (walking the word from each of its glues was quadratic in a long word); it is the
    run without white space a walk from the offset finds, at every offset."""
    from checker.rules.extraction_artifact import _Words

    def walk(text, at):
        start = at
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = at
        while end < len(text) and not text[end].isspace():
            end += 1
        return start, end

    text = "  Lebanon'sHezbollah said\u00a0page.There\tpic.twitter.com/2Ur09qccLI x  \n"
    words = _Words(text)
    assert [words.around(at) for at in range(len(text) + 1)] == [walk(text, at) for at in range(len(text) + 1)]
    assert words.web_address(text.index("qccLI")) and not words.web_address(text.index("Hezbollah"))


def test_known_words_stop_at_the_threshold_of_a_file_that_runs_from_the_most_frequent_word():
    """`_known_words` stops reading at the first word under the threshold, which is right only
    while wordsegment's unigram file is ordered by count: a release that reorders it fails here."""
    import wordsegment

    from checker.rules import extraction_artifact as ea

    counts = []
    with open(wordsegment.Segmenter.UNIGRAMS_FILENAME, encoding="utf-8") as fh:
        for line in fh:
            counts.append(float(line.partition("\t")[2]))
    assert counts == sorted(counts, reverse=True)
    threshold = load().get("extraction-artifact").params.min_known_word_count
    assert len(ea._known_words(threshold)) == sum(c >= threshold for c in counts) > 10_000
