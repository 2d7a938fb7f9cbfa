"""JSON reporter: the contract in shared/contract/report.schema.json, byte-stable output.

`build_report()` is the hand-built fixture the terminal tests share: an article modelled on
the motivating seed (a repeated headline, glued words, a foreign photo caption with its
credit glued on, a house promo, two trailing headlines), a clean article and an unreadable
file. Regenerate the golden files with CHECKER_UPDATE_GOLDEN=1.
"""
from __future__ import annotations

import dataclasses
import io
import json
import os
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from checker.model import Article, FileResult, Finding, Kind, Report, Segment, Severity, Source
from checker.report import FORMATS, json_report

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
# the contract lives beside the repository, in ../shared (see STYLE.md)
SCHEMA_PATH = HERE.parent.parent / "shared" / "contract" / "report.schema.json"
UPDATE = os.environ.get("CHECKER_UPDATE_GOLDEN") == "1"

FLOOD_PATH = "samples/flood_sindh.txt"
FLOOD = """\
Boats Bring Food to Flooded Villages in Sindh

Boats Bring Food to Flooded Villages in Sindh

Rescue teams in Pakistan's Sindh province reached dozens of villages cut off by floodwater on Tuesday, officials said, as the Indus rose to itshighest level in a decade.

AFP/Provincial information office/HandoutPeople wade through a flooded street in Sylhet, Bangladesh, in this June 18, 2022 handout picture.

The provincial disaster authority said more than 40,000 people had been moved to relief camps near Sukkur and Larkana.

Weather Desk is a daily briefing from The Asia Ledger.

Officials expect the water to recede by the end of the month.

Ten Cafés That Serve the Best Flat White in Melbourne
Why Electric Scooters Are Vanishing From City Streets
"""

CLEAN_PATH = "samples/harvest_punjab.txt"
CLEAN = """\
Wheat Harvest in Punjab Beats Forecast

Farmers in Punjab brought in a record wheat crop this spring, the provincial agriculture department said on Monday.

Officials credited late rains and a new seed variety for yields about 8 percent above forecast.
"""


class _Text:
    """Find snippets in a source text, in order, so repeated lines get their own offsets."""

    def __init__(self, path: str, text: str) -> None:
        self.source = Source(path=path, text=text, format="txt", blocks=())
        self.cursor = 0
        self.segments: list[Segment] = []

    def span(self, snippet: str, after: int = 0) -> tuple[int, int]:
        start = self.source.text.index(snippet, after)
        return start, start + len(snippet)

    def segment(self, kind: Kind, snippet: str, note: str = "") -> Segment:
        start, end = self.span(snippet, self.cursor)
        self.cursor = end
        seg = Segment(kind, snippet, start, end, index=len(self.segments), note=note)
        self.segments.append(seg)
        return seg

    def finding(self, rule: str, severity: Severity, span: tuple[int, int], message: str,
                confidence: float, evidence: dict, excerpt: bool = True) -> Finding:
        start, end = span
        line, column = self.source.position(start)
        end_line, end_column = self.source.position(end)
        return Finding(rule=rule, severity=severity, path=self.source.path, line=line,
                       column=column, end_line=end_line, end_column=end_column,
                       message=message, confidence=confidence, evidence=evidence,
                       excerpt=self.source.text[start:end] if excerpt else "")

    def article(self) -> Article:
        return Article(source=self.source, segments=tuple(self.segments), sentences=())


def _place(name: str, country: str, country_name: str) -> dict:
    return {"name": name, "country": country, "country_name": country_name}


def flood_result() -> FileResult:
    t = _Text(FLOOD_PATH, FLOOD)
    headline = t.segment(Kind.HEADLINE, "Boats Bring Food to Flooded Villages in Sindh")
    repeat = t.segment(Kind.HEADLINE, headline.text, note="repeat of line 1")
    lede = t.segment(Kind.BODY, FLOOD.splitlines()[4])
    credit = t.segment(Kind.CREDIT, "AFP/Provincial information office/Handout",
                       note="credit glued to caption")
    caption = t.segment(Kind.CAPTION, "People wade through a flooded street in Sylhet, Bangladesh, "
                                      "in this June 18, 2022 handout picture.")
    t.segment(Kind.BODY, FLOOD.splitlines()[8])
    promo = t.segment(Kind.BOILERPLATE, "Weather Desk is a daily briefing from The Asia Ledger.")
    t.segment(Kind.BODY, "Officials expect the water to recede by the end of the month.")
    first = t.segment(Kind.RELATED, "Ten Cafés That Serve the Best Flat White in Melbourne")
    second = t.segment(Kind.RELATED, "Why Electric Scooters Are Vanishing From City Streets")

    story_places = [_place("Sindh", "PK", "Pakistan"), _place("Indus", "PK", "Pakistan"),
                    _place("Sukkur", "PK", "Pakistan"), _place("Larkana", "PK", "Pakistan")]
    findings = (
        t.finding("headline-mismatch", Severity.WARNING, (headline.start, headline.end),
                  "The headline is not supported by the body: nothing in the story mentions "
                  "boats or food, and its closest sentence is about rescue teams reaching "
                  "villages.", 0.71,
                  {"similarity": 0.29, "threshold": 0.35,
                   "compared_with": {"line": 5, "text": lede.text},
                   "unsupported_terms": ["boats", "food"]}),
        t.finding("duplicate", Severity.WARNING, (repeat.start, repeat.end),
                  "Repeat of the headline on line 1.", 1.0,
                  {"compared_with": {"line": 1, "text": headline.text}, "similarity": 1.0,
                   "threshold": 0.95}, excerpt=False),
        t.finding("extraction-artifact", Severity.WARNING, t.span("itshighest"),
                  'Two words glued together: "itshighest" reads as "its highest".', 0.88,
                  {"split": "its highest", "zipf_gain": 2.31}),
        t.finding("caption-mismatch", Severity.ERROR, (caption.start, caption.end),
                  "The photo caption is about Sylhet, Bangladesh; the story is about Sindh, "
                  "Pakistan.", 0.93,
                  {"caption_places": [_place("Sylhet", "BD", "Bangladesh"),
                                      _place("Bangladesh", "BD", "Bangladesh")],
                   "story_places": story_places, "caption_dates": ["2022-06-18"],
                   "body_similarity": 0.18, "threshold": 0.3,
                   "features": {"place_conflict": 2.1, "body_similarity": -0.8,
                                "credit_handout": 0.35, "date_gap": 0.6}}),
        t.finding("date-inconsistency", Severity.INFO, (caption.start, caption.end),
                  "The photo is dated 18 Jun 2022, more than two years before the story.",
                  0.41, {"caption_dates": ["2022-06-18"], "story_dates": ["2024-08-27"],
                         "gap_days": 801}, excerpt=False),
        t.finding("extraction-artifact", Severity.WARNING, (credit.start, caption.start + 6),
                  'A photo credit is glued to its caption: "…/Handout" runs into "People".',
                  0.95, {"credit": credit.text, "joined_at": "HandoutPeople"}),
        t.finding("boilerplate", Severity.WARNING, (promo.start, promo.end),
                  "House promo of another outlet, not part of the story.", 0.9,
                  {"matched": promo.text,
                   "pattern": "X is a daily|weekly briefing|feature from|at Y"},
                  excerpt=False),
        t.finding("mixed-attribution", Severity.INFO, (promo.start, promo.end),
                  "Material credited to AFP (line 7) and to The Asia Ledger stitched into one "
                  "article.", 0.62, {"sources": ["AFP", "The Asia Ledger"], "credit_line": 7},
                  excerpt=False),
        t.finding("unrelated-trailer", Severity.ERROR, (first.start, second.end),
                  "Two headlines of unrelated stories are appended after the story.", 0.97,
                  {"headlines": 2, "similarity": 0.04, "threshold": 0.3,
                   "story_places": story_places[:1],
                   "trailer_places": [_place("Melbourne", "AU", "Australia")]}),
    )
    # the engine hands reporters its findings sorted; so does the fixture
    findings = tuple(sorted(findings, key=lambda f: f.sort_key))
    return FileResult(path=FLOOD_PATH, article=t.article(), findings=findings)


def clean_result() -> FileResult:
    t = _Text(CLEAN_PATH, CLEAN)
    t.segment(Kind.HEADLINE, "Wheat Harvest in Punjab Beats Forecast")
    lines = CLEAN.splitlines()
    t.segment(Kind.BODY, lines[2])
    t.segment(Kind.BODY, lines[4])
    return FileResult(path=CLEAN_PATH, article=t.article(), findings=())


def error_result() -> FileResult:
    return FileResult(path="samples/broken.html", article=None, findings=(),
                      error="cannot parse HTML: the file ends inside a <script> element (line 3)")


def build_report() -> Report:
    return Report(files=(flood_result(), clean_result(), error_result()),
                  model="all-MiniLM-L6-v2", version="0.1.0", seconds=1.93)


def render_json(report: Report) -> str:
    out = io.StringIO()
    json_report.report(report, out)
    return out.getvalue()


def validate(document: dict) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with CHECKER_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, "
        "rerun with CHECKER_UPDATE_GOLDEN=1")


# -- tests -------------------------------------------------------------------------------------


def test_registered_under_json():
    assert FORMATS["json"] is json_report.report


def test_validates_against_contract():
    validate(json.loads(render_json(build_report())))


def test_golden():
    check_golden("report.json", render_json(build_report()))


def test_error_file_validates_and_has_no_segments():
    doc = json.loads(render_json(Report(files=(error_result(),), model="m", version="0")))
    validate(doc)
    (entry,) = doc["files"]
    assert entry["status"] == "error" and entry["verdict"] == "error"
    assert entry["error"].startswith("cannot parse HTML")
    assert entry["segments"] == [] and entry["findings"] == []
    assert doc["summary"] == {"files": 1, "errors": 0, "warnings": 0, "infos": 0, "failed_files": 1}


def test_ok_file_has_null_error_and_pass_verdict():
    doc = json.loads(render_json(Report(files=(clean_result(),), model="m", version="0")))
    validate(doc)
    (entry,) = doc["files"]
    assert entry["error"] is None and entry["status"] == "ok" and entry["verdict"] == "pass"
    assert [s["kind"] for s in entry["segments"]] == ["headline", "body", "body"]
    assert [s["line"] for s in entry["segments"]] == [1, 3, 5]


def test_summary_and_segments_of_the_fixture():
    doc = json.loads(render_json(build_report()))
    assert doc["summary"] == {"files": 3, "errors": 2, "warnings": 5, "infos": 2,
                              "failed_files": 2}
    flood = doc["files"][0]
    assert flood["verdict"] == "fail"
    lines = [(s["line"], s["kind"]) for s in flood["segments"]]
    assert lines[:3] == [(1, "headline"), (3, "headline"), (5, "body")]
    assert (7, "credit") in lines and (7, "caption") in lines
    assert lines[-2:] == [(15, "related"), (16, "related")]


def test_multi_line_segment_end_line():
    text = "Title\n\nFirst line\nsecond line\n"
    source = Source(path="x.txt", text=text, format="txt", blocks=())
    start = text.index("First")
    end = text.index("\n", text.index("second")) + 1  # a segment may own its newline
    seg = Segment(Kind.BODY, text[start:end], start, end, index=0)
    result = FileResult("x.txt", Article(source, (seg,), ()), ())
    doc = json.loads(render_json(Report(files=(result,), model="m", version="0")))
    assert doc["files"][0]["segments"][0]["line"] == 3
    assert doc["files"][0]["segments"][0]["end_line"] == 4


def test_key_order_is_stable():
    doc = json.loads(render_json(build_report()))
    assert list(doc) == ["schema", "tool", "files", "summary"]
    assert list(doc["tool"]) == ["name", "version", "model"]
    assert list(doc["files"][0]) == ["path", "status", "error", "verdict", "segments", "findings"]
    assert list(doc["files"][0]["segments"][0]) == ["kind", "line", "end_line", "text"]
    finding = doc["files"][0]["findings"][0]
    assert list(finding) == ["rule", "severity", "message", "line", "column", "end_line",
                             "end_column", "excerpt", "confidence", "evidence"]
    assert list(doc["summary"]) == ["files", "errors", "warnings", "infos", "failed_files"]
    assert render_json(build_report()) == render_json(build_report())


def test_empty_excerpt_is_omitted_and_unicode_kept():
    text = render_json(build_report())
    doc = json.loads(text)
    duplicate = next(f for f in doc["files"][0]["findings"] if f["rule"] == "duplicate")
    assert "excerpt" not in duplicate
    assert "Cafés" in text and "\\u00e9" not in text
    assert text.endswith("}\n") and text.startswith('{\n  "schema"')


def test_confidence_rounded_to_four_places():
    result = flood_result()
    finding = dataclasses.replace(result.findings[0], confidence=0.123456789)
    result = dataclasses.replace(result, findings=(finding,))
    doc = json.loads(render_json(Report(files=(result,), model="m", version="0")))
    assert doc["files"][0]["findings"][0]["confidence"] == 0.1235


def test_numpy_and_odd_evidence_values_serialise():
    t = _Text("n.txt", "A headline\n\nA body.\n")
    seg = t.segment(Kind.HEADLINE, "A headline")
    evidence = {
        "similarity": np.float32(0.18),
        "threshold": np.float64(0.35),
        "count": np.int64(3),
        "flag": np.bool_(True),
        "vector": np.array([0.5, 0.25], dtype=np.float32),
        "pair": (1, 2),
        "tags": {"b", "a"},
        "nested": {"inner": (np.int32(4), np.float16(0.5)), 7: "int key"},
        "nan": float("nan"),
        "inf": np.float64("inf"),
        "kind": Kind.BODY,
        "object": object,
    }
    finding = t.finding("headline-mismatch", Severity.WARNING, (seg.start, seg.end), "msg",
                        np.float32(0.75), evidence)
    text = render_json(Report(files=(FileResult("n.txt", t.article(), (finding,)),),
                              model="m", version="0"))
    doc = json.loads(text)
    validate(doc)
    found = doc["files"][0]["findings"][0]
    assert found["confidence"] == 0.75
    assert found["evidence"] == {
        "similarity": 0.18,
        "threshold": 0.35,
        "count": 3,
        "flag": True,
        "vector": [0.5, 0.25],
        "pair": [1, 2],
        "tags": ["a", "b"],
        "nested": {"inner": [4, 0.5], "7": "int key"},
        "nan": None,
        "inf": None,
        "kind": "body",
        "object": str(object),
    }


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_has_the_one_signature(name):
    out = io.StringIO()
    assert FORMATS[name](build_report(), out) is None
    assert out.getvalue()
