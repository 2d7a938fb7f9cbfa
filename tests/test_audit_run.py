"""`checker audit` end to end, in-process, with the real model: known defects, a recycled
caption, error rows, the outputs, and agreement with `checker review`."""
from __future__ import annotations

import json

import pytest

from checker.audit.run import Options, audit
from checker.report.json_report import file_entry
from tests.audit_archive import SAMPLE_FILES, expected_findings, write_archive

ROOT_SCHEMA = "checker.report/1"
ENTRY_KEYS = ("path", "status", "error", "verdict", "segments", "findings")


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    src = write_archive(tmp_path_factory.mktemp("archive"))
    out = tmp_path_factory.mktemp("out")
    summary = audit(Options(sources=(str(src),), out=out, workers=0, chunk_size=3))
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    entries = {e["id"]: e for e in map(json.loads, lines)}
    return src, out, summary, entries


def test_every_article_has_one_entry_and_bad_ones_are_error_rows(audited):
    src, _, summary, entries = audited
    assert summary["articles"] == len(entries) == 8
    errors = {i: e for i, e in entries.items() if e["status"] == "error"}
    assert set(errors) == {f"{src / 'archive.jsonl'}:3", str(src / "articles" / "broken.txt")}
    assert "not a valid JSON line" in errors[f"{src / 'archive.jsonl'}:3"]["error"]
    assert "binary" in errors[str(src / "articles" / "broken.txt")]["error"]
    assert all(e["verdict"] == "error" and not e["findings"] for e in errors.values())
    assert summary["errors"] == 2 and summary["processed"] == 8 and summary["skipped"] == 0
    assert not summary["resumed"]


def test_archive_facts_are_on_the_entries(audited):
    src, _, _, entries = audited
    e = entries["bd-flood-1"]
    assert e["path"] == f"{src / 'archive.jsonl'}:1"
    assert e["headline"].startswith("Floods cut off")
    assert e["date"] == "2024-06-20" and e["url"] == "https://example.org/bd-flood-1"
    assert len(e["content_hash"]) == 32
    assert entries["markets"]["url"] is None


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_known_defects_are_found(audited, name):
    src, _, _, entries = audited
    entry = entries[str(src / "articles" / name)]
    def covered(rule: str, line: int) -> bool:
        return any(f["rule"] == rule and f["severity"] in ("warning", "error")
                   and f["line"] <= line <= f["end_line"] for f in entry["findings"])

    for expected in expected_findings(name):
        for line in expected.get("lines", []):
            assert covered(expected["rule"], line), (name, expected["rule"], line)
        if "lines_any" in expected:
            assert any(covered(expected["rule"], line) for line in expected["lines_any"]), \
                (name, expected["rule"], expected["lines_any"])


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_an_article_gets_what_checker_review_gives_it(audited, engine, name):
    src, _, _, entries = audited
    path = str(src / "articles" / name)
    reviewed = file_entry(engine.run([path]).files[0])
    assert {k: entries[path][k] for k in ENTRY_KEYS} == reviewed


def test_the_recycled_caption_is_flagged_on_every_story_it_does_not_fit(audited):
    _, _, summary, entries = audited
    reuse = {i: [f for f in e["findings"] if f["rule"] == "caption-reuse"] for i, e in entries.items()}
    assert {i for i, found in reuse.items() if found} == {"bd-flood-1", "bd-flood-2", "pk-flood"}
    # The two Bangladesh stories a day apart share the photo legitimately: each names only
    # the Pakistan story, which names both of them.
    for story in ("bd-flood-1", "bd-flood-2"):
        (finding,) = reuse[story]
        others = finding["evidence"]["other_articles"]
        assert [o["id"] for o in others] == ["pk-flood"]
        assert others[0]["countries"] == ["Pakistan"] and others[0]["date"] == "2022-08-27"
        assert "different places" in others[0]["differs_in"]
        assert others[0]["similarity"] >= finding["evidence"]["min_similarity"]
        assert finding["evidence"]["countries"] == ["Bangladesh"]
        assert finding["line"] == 3 and finding["severity"] == "warning"
        assert entries[story]["verdict"] in ("warn", "fail")
    (finding,) = reuse["pk-flood"]
    assert {o["id"] for o in finding["evidence"]["other_articles"]} == {"bd-flood-1", "bd-flood-2"}
    assert entries["pk-flood"]["verdict"] == "warn"  # nothing else is wrong with it
    assert summary["caption_reuse"]["articles"] == 3
    assert summary["findings_by_rule"]["caption-reuse"] == 3


def test_entries_follow_the_report_schema(audited):
    jsonschema = pytest.importorskip("jsonschema")
    from tests.conftest import SHARED

    schema = json.loads((SHARED / "contract" / "report.schema.json").read_text(encoding="utf-8"))
    _, _, summary, entries = audited
    document = {"schema": ROOT_SCHEMA, "tool": {"name": "checker", "version": summary["version"],
                                                "model": summary["model"]},
                "files": list(entries.values()),
                "summary": {"files": 8, "errors": 0, "warnings": 0, "infos": 0, "failed_files": 0}}
    jsonschema.validate(document, schema)


def test_the_four_outputs_and_the_state_are_in_out(audited):
    _, out, summary, _ = audited
    for name in ("report.html", "findings.csv", "articles.jsonl", "summary.json", "audit.sqlite3"):
        assert (out / name).is_file(), name
    written = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert written["articles"] == 8 and written["model"] == "all-MiniLM-L6-v2 (int8)"
    assert written["sentences"] > 0 and written["articles_per_second"] > 0
    assert "caption-reuse" in (out / "findings.csv").read_text(encoding="utf-8-sig")


def test_a_new_out_reuses_finished_articles_unless_no_cache(tmp_path):
    src = write_archive(tmp_path / "src")
    cache = tmp_path / "cache"
    first = audit(Options(sources=(str(src),), out=tmp_path / "one", workers=0, chunk_size=3, cache_dir=cache))
    again = audit(Options(sources=(str(src),), out=tmp_path / "two", workers=0, chunk_size=3, cache_dir=cache))
    assert first["processed"] == 8 and first["from_shared_cache"] == 0
    assert again["processed"] == 0 and again["from_shared_cache"] == 8
    assert ((tmp_path / "one" / "articles.jsonl").read_bytes()
            == (tmp_path / "two" / "articles.jsonl").read_bytes())
    (src / "articles" / "extra.txt").write_text("New headline\n\nA new story about a new bridge.\n",
                                               encoding="utf-8")
    blind = audit(Options(sources=(str(src),), out=tmp_path / "three", workers=0, chunk_size=3,
                          cache_dir=cache, no_cache=True))
    assert blind["processed"] == 9 and blind["from_shared_cache"] == 0
