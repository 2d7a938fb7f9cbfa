"""Rich terminal reporter: golden output at width 100 (and 80), evidence in words, truncation.

The fixture is shared with the JSON tests (`build_report` in test_report_json.py).
Regenerate the golden files with CHECKER_UPDATE_GOLDEN=1.
"""
from __future__ import annotations

import dataclasses
import io
import re

import numpy as np
import pytest
from rich.cells import cell_len

from checker.model import Article, FileResult, Finding, Kind, Report, Segment, Severity, Source
from checker.report import FORMATS, terminal
from checker.report.evidence import describe, fit
from tests.test_report_json import build_report, check_golden, error_result

SGR = re.compile(r"\x1b\[([0-9;]*)m")
# Environment that changes how rich renders; tests start without it.
RICH_ENV = ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
            "TERM", "COLORTERM")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in RICH_ENV:
        monkeypatch.delenv(name, raising=False)


def render(report: Report, out: io.StringIO | None = None) -> str:
    out = out or io.StringIO()
    terminal.report(report, out)
    return out.getvalue()


def lines_of(text: str) -> list[str]:
    return [SGR.sub("", line) for line in text.splitlines()]


def one_file(result: FileResult) -> Report:
    return Report(files=(result,), model="all-MiniLM-L6-v2", version="0.1.0", seconds=0.42)


def finding_on(source: Source, segment: Segment, message: str, evidence: dict | None = None,
               rule: str = "caption-mismatch", severity: Severity = Severity.ERROR) -> Finding:
    line, column = source.position(segment.start)
    end_line, end_column = source.position(segment.end)
    return Finding(rule, severity, source.path, line, column, end_line, end_column, message,
                   0.9, evidence or {}, excerpt=segment.text)


# -- golden ------------------------------------------------------------------------------------


def test_registered_as_rich():
    assert FORMATS["rich"] is terminal.report


def test_golden_width_100_no_colour():
    text = render(build_report())
    assert "\x1b" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= 100
    check_golden("report.txt", text)


def test_golden_width_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = render(build_report())
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    check_golden("report_80.txt", text)


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_fits_the_width_and_keeps_every_word_of_every_message(monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    report = build_report()
    text = render(report)
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())
    # confidences sit beside the first line of a message in the wide layout
    words = [w for w in text.split() if not re.fullmatch(r"\d{1,3}%", w)]
    for result in report.files:
        for finding in result.findings:
            assert _contains_in_order(words, finding.message.split()), finding.message


def _contains_in_order(words: list[str], wanted: list[str]) -> bool:
    """wanted appears in words as a contiguous run: wrapped, never cut or hyphenated."""
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def test_wide_terminal_puts_messages_beside_the_rule(monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    lines = lines_of(render(build_report()))
    row = next(line for line in lines if "caption-mismatch" in line and "error" in line)
    assert "The photo caption is about Sylhet, Bangladesh" in row
    assert row.rstrip().endswith("93%")


def test_narrow_terminal_stacks_message_under_the_rule(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = lines_of(render(build_report()))
    head = re.compile(r"error\s+caption-mismatch\s+93%$")
    i = next(i for i, line in enumerate(lines) if head.search(line))
    assert lines[i + 1].strip().startswith("The photo caption is about Sylhet")


# -- what the editor reads ---------------------------------------------------------------------


def test_header_outline_verdict_and_footer():
    lines = lines_of(render(build_report()))
    assert lines[0] == " FAIL  samples/flood_sindh.txt"
    assert " PASS  samples/harvest_punjab.txt" in lines
    assert " ERROR  samples/broken.html" in lines
    assert "The article as understood" in lines
    assert "FAIL — 2 errors, 5 warnings, 2 info" in lines
    assert "PASS — no findings" in lines
    assert "3 files checked, 2 failed — 2 errors, 5 warnings, 2 info" in lines
    assert lines[-1] == "model all-MiniLM-L6-v2 · 1.9 s"


def test_outline_marks_flagged_segments_with_their_rules():
    lines = lines_of(render(build_report()))
    headline = next(line for line in lines if re.match(r"\s+1 ▲ headline ", line))
    assert headline.endswith("headline-mismatch")
    repeat = next(line for line in lines if re.match(r"\s+3 ▲ headline ", line))
    assert "(repeat of line 1)" in repeat and repeat.endswith("duplicate")
    caption = lines.index(next(line for line in lines if re.match(r"\s+7 ✖ caption ", line)))
    assert lines[caption + 1].split() == ["extraction-artifact,", "caption-mismatch,",
                                          "date-inconsistency"]
    credit = next(line for line in lines if re.match(r"\s+7 ▲ credit ", line))
    assert "(credit glued to caption)" in credit
    unflagged = next(line for line in lines if re.match(r"\s+9   body ", line))
    assert unflagged.endswith("…")


def test_places_are_grouped_by_country():
    source = Source("seed.txt", "Fighters flee\n\nREUTERS/HandoutA view of Sabratha, Libya.\n",
                    "txt", ())
    start = source.text.index("A view")
    caption = Segment(Kind.CAPTION, "A view of Sabratha, Libya.", start, start + 26, 0)
    evidence = {
        "caption_places": [
            {"name": "Sabratha", "country": "LY", "country_name": "Libya"},
            {"name": "Libya", "country": "LY", "country_name": "Libya"},
        ],
        "story_places": [
            {"name": "Albu Kamal", "country": "SY", "country_name": "Syria"},
            {"name": "Deir al-Zour", "country": "SY", "country_name": "Syria"},
            {"name": "Lebanon", "country": "LB", "country_name": "Lebanon"},
            {"name": "Syria", "country": "SY", "country_name": "Syria"},
        ],
    }
    finding = finding_on(source, caption, "The caption is about Libya; the story is in Syria.",
                         evidence)
    article = Article(source, (caption,), ())
    text = render(one_file(FileResult("seed.txt", article, (finding,))))
    assert "caption places: Sabratha, Libya → Libya" in text
    # a long fact may wrap; its words stay in order
    assert ("story places: Albu Kamal, Deir al-Zour, Syria → Syria; Lebanon → Lebanon"
            in " ".join(text.split()))


def test_error_file_shows_its_message_instead_of_an_outline():
    lines = lines_of(render(one_file(error_result())))
    assert lines[0] == " ERROR  samples/broken.html"
    assert ("  cannot parse HTML: the file ends inside a <script> element (line 3)") in lines
    assert "The article as understood" not in lines
    assert "ERROR — could not be checked" in lines
    assert "1 file checked, 1 failed — no findings" in lines


def test_error_message_is_red_when_colour_is_on(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    text = render(one_file(error_result()))
    line = next(line for line in text.splitlines() if "cannot parse HTML" in line)
    assert any("31" in codes.split(";") for codes in SGR.findall(line))


def test_long_segment_is_cut_but_long_message_is_not(monkeypatch):
    long_text = " ".join(["The reconstruction of the old market hall continued"] * 12) + "."
    text = f"Market Hall Reopens\n\n{long_text}\n"
    source = Source("long.txt", text, "txt", ())
    headline = Segment(Kind.HEADLINE, "Market Hall Reopens", 0, 19, 0)
    body = Segment(Kind.BODY, long_text, 21, 21 + len(long_text), 1)
    message = ("The paragraph repeats one clause twelve times, which usually means a scraper "
               "looped over the same element; " * 4).strip()
    finding = finding_on(source, body, message, {"repeats": 12}, rule="duplicate",
                         severity=Severity.WARNING)
    for width in ("80", "100"):
        monkeypatch.setenv("COLUMNS", width)
        out = render(one_file(FileResult("long.txt", Article(source, (headline, body), ()),
                                         (finding,))))
        lines = lines_of(out)
        row = next(line for line in lines if re.match(r"\s+3 ▲ body ", line))
        assert "…" in row and long_text not in out
        assert cell_len(row) <= int(width)
        excerpt = next(line for line in lines if line.strip().startswith('"The reconstruction'))
        assert excerpt.rstrip().endswith('…"')
        words = [w for w in out.split() if not re.fullmatch(r"\d{1,3}%", w)]
        assert _contains_in_order(words, message.split())
        assert "repeats: 12" in out


def test_article_text_is_not_read_as_markup_or_emoji():
    text = "Prices [bold]rise[/bold] :smile: again\n"
    source = Source("m.txt", text, "txt", ())
    seg = Segment(Kind.HEADLINE, text.strip(), 0, len(text) - 1, 0)
    out = render(one_file(FileResult("m.txt", Article(source, (seg,), ()), ())))
    assert "Prices [bold]rise[/bold] :smile: again" in out


def test_clean_file_passes():
    report = build_report()
    out = render(dataclasses.replace(report, files=report.files[1:2]))
    assert "PASS — no findings" in out and "Findings" not in out
    assert "1 file checked, none failed — no findings" in out


# -- colour and width --------------------------------------------------------------------------


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_not_a_terminal_means_no_colour_and_width_100():
    console = terminal.console_for(io.StringIO())
    assert console.width == 100 and console.color_system is None


def test_columns_sets_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert terminal.console_for(io.StringIO()).width == 80


def test_a_terminal_gets_colour(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    console = terminal.console_for(_FakeTTY())
    assert console.is_terminal and console.color_system is not None
    out = _FakeTTY()
    terminal.report(build_report(), out)
    codes = {c for found in SGR.findall(out.getvalue()) for c in found.split(";")}
    assert {"31", "32", "33"} <= codes  # red, green and yellow verdicts and severities


def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    out = _FakeTTY()
    terminal.report(build_report(), out)
    codes = {c for found in SGR.findall(out.getvalue()) for c in found.split(";")}
    colours = {str(n) for n in [*range(30, 38), *range(40, 48), *range(90, 98), 38, 48]}
    assert not codes & colours


# -- evidence in words -------------------------------------------------------------------------


def test_evidence_conventions():
    facts = describe({
        "similarity": 0.2134, "threshold": 0.35,
        "body_similarity": np.float32(0.42),
        "caption_dates": ["2016-02-19", "2016-02", "sometime"],
        "compared_with": {"line": 7, "text": "Syria's army and its allies,\nspearheaded by"},
        "features": {"place_conflict": 2.1, "body_similarity": -0.8, "tiny": 0.01,
                     "date_gap": 0.5},
        "matched": "The Iraq Report is a weekly feature at The New Arab.",
        "counts": {"names": {"places": 3}, "dates": 1},
        "terms": ("drone", "Al-Qaim"),
        "score": 0.5,
        "flag": True,
        "missing": None,
    })
    assert facts == [
        "similarity 0.21 (threshold 0.35)",
        "body similarity 0.42",
        "caption dates: 19 Feb 2016, Feb 2016, sometime",
        'compared with line 7: "Syria\'s army and its allies, spearheaded by"',
        "driven by: place_conflict +2.10, date_gap +0.50, tiny +0.01",
        "held back by: body_similarity −0.80",
        'matched: "The Iraq Report is a weekly feature at The New Arab."',
        "counts.names.places: 3",
        "counts.dates: 1",
        "terms: drone, Al-Qaim",
        "score: 0.50",
        "flag: yes",
        "missing: none",
    ]


def test_a_lone_threshold_belongs_to_the_lone_similarity():
    assert describe({"body_similarity": 0.1, "threshold": 0.3}) == [
        "body similarity 0.10 (threshold 0.30)"]
    assert describe({"body_similarity": 0.1, "body_threshold": 0.3, "threshold": 0.9}) == [
        "body similarity 0.10 (threshold 0.30)", "threshold: 0.90"]


def test_quotations_are_cut_keeping_the_closing_quote():
    (fact,) = describe({"compared_with": {"line": 7, "text": "Syria's army and its allies, "
                                                              "spearheaded by Hezbollah"}}, 40)
    assert fact == 'compared with line 7: "Syria\'s army…"'  # cut between words
    assert cell_len(fact) <= 40


def test_places_without_country_and_odd_evidence_do_not_crash():
    facts = describe({"places": ["Nowhere", {"name": "Sindh", "country": "PK"}],
                      "story_places": [], "weird": object(), "nan": float("nan")})
    assert facts[0] == "places: Nowhere; Sindh → PK"
    assert facts[1] == "story places: none"
    assert facts[3] == "nan: none"
    assert describe(None) == [] and describe([1, 2]) == ["evidence: 1, 2"]


def test_fit_counts_terminal_cells():
    assert fit("short", 10) == "short"
    assert fit("abcdefghij", 5) == "abcd…"
    assert cell_len(fit("東京都の洪水で避難指示", 9)) <= 9
