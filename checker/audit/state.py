"""The audit's state: one SQLite file in --out that makes a run resumable.

Each finished chunk is written in one transaction (its articles' entries, their facts for
caption-reuse and their caption vectors), so a killed run loses at most the chunks that were
still in flight. Rows are keyed by `WorkItem.key` (content + origin + settings). A row is
tied to the sources of the latest run by `seen_run`: articles that were already done are
only marked as seen, and outputs take exactly the rows seen by the run that writes them, so
an archive that shrank does not leave stale articles in the report.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

STATE_FILE = "audit.sqlite3"
LOCK_FILE = "audit.lock"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    retry INTEGER NOT NULL,     -- 1: failed for a reason outside the article; redo next run
    entry TEXT NOT NULL,        -- file_entry + id, headline, date, url, content_hash (JSON)
    facts TEXT NOT NULL,        -- story countries and date, for caption-reuse (JSON)
    done_run INTEGER NOT NULL,
    seen_run INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS articles_seen ON articles (seen_run, seq);
CREATE TABLE IF NOT EXISTS captions (
    key TEXT NOT NULL,          -- the article's key
    n INTEGER NOT NULL,
    text TEXT NOT NULL,
    position TEXT NOT NULL,     -- line, column, end_line, end_column, excerpt (JSON)
    vec BLOB NOT NULL,          -- float32, L2-normalised
    PRIMARY KEY (key, n));
"""


@dataclass(frozen=True)
class Row:
    """One finished article as a worker returns it and the state stores it."""
    key: str
    seq: int
    id: str
    path: str
    content_hash: str
    status: str
    entry: dict[str, Any]
    facts: dict[str, Any]
    captions: tuple[tuple[str, dict[str, Any], bytes], ...]  # (text, position, vector bytes)
    retry: bool = False


@dataclass(frozen=True)
class Caption:
    key: str
    text: str
    position: dict[str, Any]


class StateError(RuntimeError):
    """The state file cannot be used (another version, corrupt)."""


class State:
    def __init__(self, out_dir: Path, fresh: bool = False):
        self.path = out_dir / STATE_FILE
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(out_dir / LOCK_FILE)
        except OSError as exc:
            raise StateError(f"{out_dir}: cannot use as the output folder: "
                             f"{exc.strerror or exc}") from None
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a killed process; only a power cut may drop the
            # last commits, which a re-run simply redoes.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            version = self._meta("schema_version")
            if version is None:
                self._set_meta("schema_version", str(SCHEMA_VERSION))
        except sqlite3.DatabaseError as exc:
            self._release()
            if "readonly" in str(exc) or "disk" in str(exc) or "unable to open" in str(exc):
                raise StateError(f"{self.path}: cannot write the audit state ({exc})") from None
            raise StateError(f"{self.path}: not a usable audit state ({exc}); --fresh deletes "
                             "it and audits everything again") from None
        if version is not None and version != str(SCHEMA_VERSION):
            self._release()
            raise StateError(f"{self.path}: audit state version {version}, this checker writes "
                             f"{SCHEMA_VERSION}; --fresh deletes it and audits everything again")
        self.run_id = 0

    # -- runs -------------------------------------------------------------------------
    def start_run(self, settings: dict[str, Any]) -> tuple[int, int]:
        """Open a run; returns (its id, how many finished articles earlier runs left)."""
        previous = self._db.execute("SELECT count(*) FROM articles WHERE retry = 0").fetchone()[0]
        cur = self._db.execute("INSERT INTO runs (started, settings) VALUES (?, ?)",
                               (time.time(), json.dumps(settings, sort_keys=True)))
        self.run_id = int(cur.lastrowid)
        return self.run_id, int(previous)

    def finish_run(self) -> None:
        self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), self.run_id))

    def runs(self) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT id, started, finished FROM runs ORDER BY id")
        return [{"id": i, "started": s, "finished": f} for i, s, f in rows]

    # -- articles ---------------------------------------------------------------------
    def done(self, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` that are finished and need no redoing. An entry that no
        longer reads back (a damaged state file) is not finished: it is done again."""
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            part = list(keys[i:i + 500])
            marks = ",".join("?" * len(part))
            found.update(k for k, entry, facts in self._db.execute(
                f"SELECT key, entry, facts FROM articles WHERE retry = 0 AND key IN ({marks})", part)
                if _readable(entry) and _readable(facts))
        return found

    def mark_seen(self, seqs: Iterable[tuple[str, int]]) -> None:
        """Articles of this run that an earlier run finished: keep them, in this run's order."""
        with self._transaction():
            self._db.executemany("UPDATE articles SET seen_run = ?, seq = ? WHERE key = ?",
                                 [(self.run_id, seq, key) for key, seq in seqs])

    def save(self, rows: Iterable[Row]) -> None:
        """One finished chunk, all or nothing."""
        with self._transaction():
            for r in rows:
                self._db.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (r.key, r.seq, r.id, r.path, r.content_hash, r.status, int(r.retry),
                     json.dumps(r.entry, ensure_ascii=False), json.dumps(r.facts, ensure_ascii=False),
                     self.run_id, self.run_id))
                self._db.execute("DELETE FROM captions WHERE key = ?", (r.key,))
                self._db.executemany(
                    "INSERT INTO captions VALUES (?,?,?,?,?)",
                    [(r.key, n, text, json.dumps(pos, ensure_ascii=False), vec)
                     for n, (text, pos, vec) in enumerate(r.captions)])

    def count(self, run_only: bool = True, done_here: bool = False) -> int:
        column = "done_run" if done_here else "seen_run"
        if not run_only:
            return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return self._db.execute(f"SELECT count(*) FROM articles WHERE {column} = ?",
                                (self.run_id,)).fetchone()[0]

    def entries(self) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
        """(key, entry, facts) of every article of this run, in source order."""
        rows = self._db.execute(
            "SELECT key, entry, facts FROM articles WHERE seen_run = ? ORDER BY seq",
            (self.run_id,))
        for key, entry, facts in rows:
            yield key, json.loads(entry), json.loads(facts)

    def captions(self) -> tuple[list[Caption], np.ndarray]:
        """Every caption of this run's articles and their vectors as one matrix."""
        rows = self._db.execute(
            "SELECT c.key, c.text, c.position, c.vec FROM captions c JOIN articles a"
            " ON a.key = c.key WHERE a.seen_run = ? AND a.status = 'ok' ORDER BY a.seq, c.n",
            (self.run_id,)).fetchall()
        captions = [Caption(k, t, json.loads(p)) for k, t, p, _ in rows]
        if not rows:
            return captions, np.zeros((0, 0), dtype=np.float32)
        return captions, np.stack([np.frombuffer(v, dtype=np.float32) for *_, v in rows])

    # -- plumbing ---------------------------------------------------------------------
    def _transaction(self):
        return _Transaction(self._db)

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def close(self) -> None:
        self._db.close()
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _lock(path: Path) -> int:
    """Hold an exclusive lock on --out's lock file for as long as this process lives (flock:
    the kernel drops it when the process dies, even by kill -9, so a stale file never blocks)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise StateError(f"{path.parent}: another audit (pid {holder}) is writing to this "
                             "folder; wait for it or choose another --out") from None
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _readable(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except (TypeError, ValueError):
        return False


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self):
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, kind, value, tb):
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
