"""A killed audit resumes without redoing finished articles; a complete one redoes nothing."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from checker.audit.run import KILL_AFTER_ENV
from tests.audit_archive import RECORDS, write_archive

AUDIT = [sys.executable, "-m", "checker.cli", "audit"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*AUDIT, *args], env={**os.environ, "NO_COLOR": "1", **(env or {})},
                          capture_output=True, text=True, timeout=600)


def rows(out) -> dict[str, int]:
    """key -> the run that did the article."""
    db = sqlite3.connect(out / "audit.sqlite3")
    try:
        return dict(db.execute("SELECT key, done_run FROM articles"))
    finally:
        db.close()


def summary(out) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_killed_after_two_chunks_resumes_where_it_stopped(tmp_path):
    src = write_archive(tmp_path / "src")
    out = tmp_path / "out"
    killed = run(str(src), "--out", str(out), "--workers", "0", "--chunk-size", "2",
                 env={KILL_AFTER_ENV: "2"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    first = rows(out)
    assert len(first) == 4 and set(first.values()) == {1}
    assert not (out / "summary.json").exists()

    resumed = run(str(src), "--out", str(out), "--workers", "0", "--chunk-size", "2")
    assert resumed.returncode == 2, resumed.stderr  # the archive has broken articles
    after = rows(out)
    assert len(after) == 8
    assert {k: after[k] for k in first} == first  # finished articles were not redone
    s = summary(out)
    assert (s["articles"], s["skipped"], s["processed"], s["resumed"]) == (8, 4, 4, True)

    again = run(str(src), "--out", str(out), "--workers", "0")
    s = summary(out)
    assert (s["articles"], s["skipped"], s["processed"], s["encoded"]) == (8, 8, 0, 0)
    assert rows(out) == after
    assert again.returncode == 2


def test_sigkill_from_outside_loses_nothing_finished(tmp_path):
    # Many small articles with cached texts: the run is still going when the first chunks land.
    src = tmp_path / "big.jsonl"
    lines = [json.dumps({**RECORDS[i % 4], "id": f"story-{i}"}) for i in range(240)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([*AUDIT, str(src), "--out", str(out), "--workers", "0",
                             "--chunk-size", "4"], env={**os.environ, "NO_COLOR": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "audit.sqlite3").exists():
            try:
                if rows(out):
                    break
            except sqlite3.OperationalError:
                pass  # the schema is being created
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    first = rows(out)
    assert 0 < len(first) < 240 and len(first) % 4 == 0  # whole chunks only

    resumed = run(str(src), "--out", str(out), "--workers", "0", "--chunk-size", "4")
    assert resumed.returncode in (0, 1), resumed.stderr
    after = rows(out)
    assert len(after) == 240
    assert {k: after[k] for k in first} == first
    s = summary(out)
    assert (s["skipped"], s["processed"]) == (len(first), 240 - len(first))


def test_changed_rule_settings_redo_every_article(tmp_path):
    from checker.audit.run import Options, audit
    from checker.config import rules_dir

    src = write_archive(tmp_path / "src")
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    opts = Options(sources=(str(src),), out=tmp_path / "out", workers=0, rules_dir=rules)
    assert audit(opts)["processed"] == 8
    again = audit(opts)
    assert (again["processed"], again["skipped"]) == (0, 8)
    reuse = rules / "caption-reuse.yml"
    reuse.write_text(reuse.read_text(encoding="utf-8").replace("severity: warning", "severity: error"),
                     encoding="utf-8")
    changed = audit(opts)
    assert (changed["processed"], changed["skipped"]) == (8, 0)
    assert changed["findings_by_severity"]["error"] >= 3  # the three caption-reuse findings


def _session(**options):
    from checker.session import RunOptions, Session

    return Session.open(RunOptions(**options))


def test_the_fingerprint_covers_params_and_project_settings(tmp_path):
    from checker.audit import run
    from checker.classifier import default_path

    plain = run.fingerprint(_session(paths=(str(tmp_path),)))
    data = json.loads(default_path().read_text(encoding="utf-8"))
    data["classifiers"]["off-topic"]["bias"] += 0.5
    params = tmp_path / "mine.json"
    params.write_text(json.dumps(data), encoding="utf-8")
    assert run.fingerprint(_session(paths=(str(tmp_path),), params=params)) != plain
    (tmp_path / "checker.toml").write_text("[rules.duplicate]\nseverity = \"error\"\n")
    assert run.fingerprint(_session(paths=(str(tmp_path),))) != plain


def test_the_fingerprint_covers_the_word_lists_the_rules_read(tmp_path, monkeypatch):
    from checker.audit import run

    data = tmp_path / "data"
    shutil.copytree(run.DATA_DIR, data)
    monkeypatch.setattr(run, "DATA_DIR", data)
    before = run.fingerprint(_session())
    events = data / "events.yml"
    events.write_text(events.read_text(encoding="utf-8") + "\nsinkhole:\n  - sinkholes?\n", encoding="utf-8")
    assert run.fingerprint(_session()) != before


def test_the_fingerprint_covers_the_code(tmp_path, monkeypatch):
    from checker.audit import run

    package = tmp_path / "checker"
    shutil.copytree(run.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(run, "PACKAGE_DIR", package)
    monkeypatch.setattr(run, "DATA_DIR", package / "data")
    before = run.fingerprint(_session())
    places = package / "places.py"
    places.write_text(places.read_text(encoding="utf-8") + "\n# a change of code\n", encoding="utf-8")
    assert run.fingerprint(_session()) != before


def test_the_fingerprint_is_the_same_in_every_process():
    """A set's order follows the per-process string hash: a fingerprint built from one would
    miss the results cache every other run."""
    code = ("from checker.session import RunOptions, Session\n"
            "from checker.audit.run import fingerprint\n"
            "print(fingerprint(Session.open(RunOptions())))\n")
    prints = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3, 4)}
    assert len(prints) == 1, prints
