"""SOURCE expansion, work items and their keys, and the SQLite state (no model needed)."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from checker.audit import sources
from checker.audit.state import Row, State, StateError


def tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Headline one\n\nBody one.\n", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# Headline two\n\nBody two.\n", encoding="utf-8")
    (tmp_path / "a" / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "three.txt").write_text("Hidden\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "r1", "headline": "H1"}\n\n{"id": "r2"}\n',
                                      encoding="utf-8")
    return tmp_path


def test_expand_reads_directories_globs_and_files_once(tmp_path):
    root = tree(tmp_path)
    files = sources.expand([str(root / "a"), str(root / "*.jsonl"), str(root / "a" / "one.txt")])
    assert [p.name for p in files] == ["one.txt", "two.md", "b.jsonl"]
    with pytest.raises(sources.SourceError, match="no such file"):
        sources.expand([str(root / "missing*.txt")])
    (root / "empty").mkdir()
    with pytest.raises(sources.SourceError, match="no articles"):
        sources.expand([str(root / "empty")])


def test_a_folder_walk_takes_what_check_takes(tmp_path):
    from checker.check.discover import discover

    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.htm", "f.xhtml", "g.csv", "h.png", "README.md"):
        (tmp_path / name).write_text("<p>Headline</p>\n\nBody.\n", encoding="utf-8")
    audited = [p.name for p in sources.expand([str(tmp_path)])]
    assert audited == sorted(p.rsplit("/", 1)[-1] for p in discover([str(tmp_path)]).files)
    assert audited == ["a.txt", "b.md", "c.markdown", "d.html", "e.htm", "f.xhtml"]


def test_a_folder_walk_takes_json_articles_only(tmp_path):
    (tmp_path / "story.json").write_text('{"headline": "H", "body": "B."}', encoding="utf-8")
    (tmp_path / "story.expected.json").write_text('{"must_find": []}', encoding="utf-8")
    assert [p.name for p in sources.expand([str(tmp_path)])] == ["story.json"]


def test_items_one_per_file_and_per_nonblank_archive_line(tmp_path):
    files = sources.expand([str(tree(tmp_path))])
    items = list(sources.items(files, "fp"))
    assert sources.count(files) == len(items) == 4
    assert [i.seq for i in items] == [0, 1, 2, 3]
    records = [i for i in items if i.kind == "record"]
    assert [r.path.rsplit(":", 1)[1] for r in records] == ["1", "3"]
    assert records[0].data == b'{"id": "r1", "headline": "H1"}'


def test_keys_follow_content_origin_and_settings(tmp_path):
    files = sources.expand([str(tree(tmp_path))])
    keys = [i.key for i in sources.items(files, "fp")]
    assert keys == [i.key for i in sources.items(files, "fp")]
    assert len(set(keys)) == 4
    assert not set(keys) & {i.key for i in sources.items(files, "other rules")}
    (tmp_path / "a" / "one.txt").write_text("Headline one\n\nBody one, edited.\n", encoding="utf-8")
    changed = [i.key for i in sources.items(files, "fp")]
    assert [a == b for a, b in zip(keys, changed)] == [False, True, True, True]


def test_too_large_file_is_an_item_with_an_error(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 200)
    (item,) = sources.items([tmp_path / "big.txt"], "fp", max_bytes=100)
    assert item.error and "too large" in item.error and item.data == b""


def row(key: str, seq: int, captions=(), retry=False) -> Row:
    entry = {"path": key, "status": "ok", "error": None, "verdict": "pass", "segments": [],
             "findings": [], "id": key}
    return Row(key, seq, key, key, "h" + key, "ok", entry, {"countries": {}}, tuple(captions), retry)


def test_state_saves_chunks_marks_seen_and_resumes(tmp_path):
    state = State(tmp_path)
    run1, previous = state.start_run({"x": 1})
    assert previous == 0
    vec = np.arange(4, dtype=np.float32)
    state.save([row("k1", 0, [("A caption", {"line": 1}, vec.tobytes())]), row("k2", 1),
                row("k3", 2, retry=True)])
    assert state.done(["k1", "k2", "k3", "k4"]) == {"k1", "k2"}  # k3 is to be redone
    state.close()

    state = State(tmp_path)
    run2, previous = state.start_run({"x": 1})
    assert (run2, previous) == (run1 + 1, 2)
    state.mark_seen([("k2", 0)])
    state.save([row("k4", 1)])
    assert [k for k, _, _ in state.entries()] == ["k2", "k4"]  # k1 is not in this run's sources
    captions, vectors = state.captions()
    assert captions == [] and vectors.shape == (0, 0)
    state.mark_seen([("k1", 2)])
    captions, vectors = state.captions()
    assert [c.text for c in captions] == ["A caption"] and vectors.tolist() == [vec.tolist()]
    state.close()


def test_a_failed_chunk_is_rolled_back(tmp_path):
    state = State(tmp_path)
    state.start_run({})
    bad = row("k2", 1)
    bad = Row(bad.key, bad.seq, bad.id, bad.path, bad.content_hash, bad.status,
              {"not json": object()}, bad.facts, ())
    with pytest.raises(TypeError):
        state.save([row("k1", 0), bad])
    assert state.done(["k1", "k2"]) == set()
    state.close()


def test_fresh_forgets_and_a_foreign_file_is_refused(tmp_path):
    state = State(tmp_path)
    state.start_run({})
    state.save([row("k1", 0)])
    state.close()
    state = State(tmp_path, fresh=True)
    assert state.done(["k1"]) == set()
    state.close()
    other = tmp_path / "other"
    other.mkdir()
    (other / "audit.sqlite3").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StateError, match="--fresh"):
        State(other)
    db = sqlite3.connect(tmp_path / "audit.sqlite3")
    db.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="version 99"):
        State(tmp_path)
