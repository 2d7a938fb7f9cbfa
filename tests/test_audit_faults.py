"""The audit's state under faults (issue 20): a full disk, a damaged state or results cache,
an --out that cannot be used, a second audit into the same --out, odd records and names.
In-process with the real model on a few short records (`--workers 0`)."""
from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from checker.audit import state as state_module
from checker.audit.run import AuditError, Options, audit
from checker.audit.state import LOCK_FILE, STATE_FILE, State, StateError
from tests.conftest import ROOT

RECORD = {"headline": "Council approves new bus lanes for the city centre",
          "body": ["The city council voted on Tuesday to add bus lanes on three central streets.",
                   "Work is due to start in the spring, officials said."]}


def _archive(folder, records) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _run(src: str, out, **options):
    return audit(Options(sources=(src,), out=out, workers=0, chunk_size=1, **options))


def _articles(out) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_identical_records_are_two_articles_and_a_lone_surrogate_id_is_written(tmp_path):
    src = tmp_path / "src" / "archive.jsonl"
    src.parent.mkdir()
    src.write_text(json.dumps(RECORD) + "\n" + json.dumps(RECORD) + "\n"
                   + json.dumps({**RECORD, "id": "x"})[:-1] + ', "id": "bad\\ud800"}\n', encoding="utf-8")
    summary = _run(str(src), tmp_path / "out")
    assert summary["articles"] == 3
    ids = [e["id"] for e in _articles(tmp_path / "out")]
    assert ids == [f"{src}:1", f"{src}:2", "bad\ufffd"]
    assert _run(str(src), tmp_path / "out")["skipped"] == 3  # and the state resumes


def test_a_file_name_that_is_not_utf8_is_audited_and_outputs_stay_utf8(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as fh:
        fh.write(b"Council approves bus lanes\n\nThe council voted on Tuesday to add bus lanes.\n")
    _run(str(folder), tmp_path / "out")
    for output in ("articles.jsonl", "findings.csv", "summary.json", "report.html"):
        (tmp_path / "out" / output).read_bytes().decode("utf-8")
    assert [e["path"] for e in _articles(tmp_path / "out")] == [f"{folder}/caf\\xe9.txt"]


def test_a_disk_full_write_is_a_clear_error_and_the_next_run_resumes(tmp_path, monkeypatch):
    src = _archive(tmp_path / "src", [{**RECORD, "id": f"r{i}"} for i in range(3)])
    out = tmp_path / "out"
    real_save = State.save
    calls = []

    def save(self, rows):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(self, rows)

    monkeypatch.setattr(State, "save", save)
    with pytest.raises(AuditError, match="disk is full.*resumes"):
        _run(src, out)
    monkeypatch.setattr(State, "save", real_save)
    summary = _run(src, out)
    assert (summary["articles"], summary["skipped"], summary["processed"]) == (3, 1, 2)


def test_no_space_for_the_outputs_keeps_the_old_ones_and_the_state(tmp_path, monkeypatch):
    from checker import atomic

    src = _archive(tmp_path / "src", [RECORD])
    out = tmp_path / "out"
    _run(src, out)
    before = (out / "articles.jsonl").read_bytes()

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(atomic, "write_bytes", full)
    with pytest.raises(AuditError, match="No space left on device"):
        _run(src, out)
    assert (out / "articles.jsonl").read_bytes() == before
    monkeypatch.undo()
    assert _run(src, out)["skipped"] == 1


def test_an_out_that_is_a_file_or_read_only_is_a_clear_error(tmp_path):
    src = _archive(tmp_path / "src", [RECORD])
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(StateError, match="cannot use as the output folder"):
        _run(src, tmp_path / "file")


def test_a_damaged_state_file_says_so_and_fresh_starts_again(tmp_path):
    src = _archive(tmp_path / "src", [RECORD])
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError, match="not a usable audit state.*--fresh"):
        _run(src, out)
    assert _run(src, out, fresh=True)["articles"] == 1


def test_a_damaged_state_entry_is_audited_again(tmp_path):
    src = _archive(tmp_path / "src", [RECORD, {**RECORD, "id": "two"}])
    out = tmp_path / "out"
    _run(src, out)
    db = sqlite3.connect(out / STATE_FILE)
    with db:
        db.execute("UPDATE articles SET entry = '{truncated' WHERE id = 'two'")
    db.close()
    summary = _run(src, out, no_cache=True)
    assert (summary["skipped"], summary["processed"]) == (1, 1)
    assert [e["id"] for e in _articles(out)][1] == "two"


def test_a_damaged_results_cache_is_rebuilt(tmp_path):
    src = _archive(tmp_path / "src", [RECORD])
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "audit-results.sqlite3").write_bytes(b"garbage" * 1000)
    assert _run(src, tmp_path / "out", cache_dir=cache)["articles"] == 1
    assert _run(src, tmp_path / "out2", cache_dir=cache)["from_shared_cache"] == 1


def test_a_second_audit_into_the_same_out_is_refused_naming_the_first(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path;"
         "from checker.audit.state import State; s = State(Path(sys.argv[1]));"
         "print('ready', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StateError, match=f"another audit \\(pid {holder.pid}\\)"):
            State(out)
    finally:
        holder.kill()
        holder.wait()
    State(out).close()  # killed with SIGKILL: the lock went with it
    assert (out / LOCK_FILE).exists()


def test_the_lock_is_released_on_close(tmp_path):
    first = State(tmp_path)
    first.close()
    State(tmp_path).close()
    assert state_module.LOCK_FILE == LOCK_FILE


def test_a_damaged_embedding_cache_is_rebuilt(tmp_path):
    from checker.embed import Embedder

    (tmp_path / "embeddings.sqlite3").write_bytes(b"garbage" * 1000)
    embedder = Embedder(cache_dir=tmp_path)
    first = embedder.encode(["A bus lane opens."])
    assert embedder.encoded == 1
    again = Embedder(cache_dir=tmp_path)
    assert (again.encode(["A bus lane opens."]) == first).all() and again.encoded == 0


def test_two_real_audits_into_one_out_one_runs_the_other_is_refused_and_nothing_is_lost(tmp_path):
    """Two `checker audit` processes started on the same --out: the second stops at once (exit
    2) naming the first's pid, and the first's results are complete. The first is paused
    (SIGSTOP) while it holds the lock, so the two overlap whatever the machine's speed."""
    src = _archive(tmp_path / "src", [{**RECORD, "id": f"r{i}"} for i in range(12)])
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "checker.cli", "audit", src, "--out", str(out), "--workers", "0",
               "--chunk-size", "2", "--cache-dir", str(tmp_path / "cache")]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while (not (out / LOCK_FILE).exists() or (out / LOCK_FILE).read_text().strip() != str(first.pid)):
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.02)
        first.send_signal(signal.SIGSTOP)
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert f"another audit (pid {first.pid})" in second.stderr
        first.send_signal(signal.SIGCONT)
        _, err = first.communicate(timeout=120)
    finally:
        first.kill()
    assert first.returncode in (0, 1), err
    assert [e["id"] for e in _articles(out)] == [f"r{i}" for i in range(12)]
    assert json.loads((out / "summary.json").read_text())["articles"] == 12
