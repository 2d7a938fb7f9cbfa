"""Finished articles shared across audits, beside the embedding cache.

The state in --out makes one audit resumable; this cache makes a *new* audit of articles
already audited elsewhere (another --out, a re-run after the reports were deleted) skip them
too, and it keeps caption-reuse's neighbour search of a set of caption vectors. Rows are keyed
like the state's (content + origin + checker version, model and rule files), so a changed
article or setting is simply a miss. Only rows that need no redoing are kept; `--no-cache`
neither reads nor writes it.
"""
from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from checker.audit.sources import WorkItem
from checker.audit.state import Row

CACHE_FILE = "audit-results.sqlite3"


class ResultCache:
    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / CACHE_FILE
        self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS rows (key TEXT PRIMARY KEY, row TEXT NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS neighbours (digest TEXT PRIMARY KEY, found TEXT NOT NULL)")
        self._db.execute("SELECT 1 FROM rows LIMIT 1").fetchone()  # a damaged file fails here

    @classmethod
    def open(cls, directory: Path) -> "ResultCache | None":
        """The cache in `directory`; a damaged one is deleted and started again (it only
        saves time), and one that cannot be written (a read-only home) is done without."""
        try:
            return cls(directory)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
                return None
        except OSError:
            return None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{directory / CACHE_FILE}{suffix}").unlink(missing_ok=True)
        try:
            return cls(directory)
        except (sqlite3.Error, OSError):
            return None

    def get(self, items: Sequence[WorkItem]) -> list[Row]:
        """Rows for the items this cache holds, numbered as the items are in this run."""
        by_key = {i.key: i for i in items}
        found: list[Row] = []
        keys = list(by_key)
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            marks = ",".join("?" * len(part))
            for key, raw in self._db.execute(f"SELECT key, row FROM rows WHERE key IN ({marks})", part):
                try:
                    data = json.loads(raw)
                    found.append(Row(
                        key=key, seq=by_key[key].seq, id=data["id"], path=data["path"],
                        content_hash=data["content_hash"], status=data["status"],
                        entry=data["entry"], facts=data["facts"],
                        captions=tuple((t, p, base64.b64decode(v)) for t, p, v in data["captions"])))
                except (TypeError, ValueError, KeyError):
                    continue  # a damaged row is a miss: the article is audited again
        return found

    def put(self, rows: Iterable[Row]) -> None:
        keep = [(r.key, json.dumps({"id": r.id, "path": r.path, "content_hash": r.content_hash,
                                    "status": r.status, "entry": r.entry, "facts": r.facts,
                                    "captions": [[t, p, base64.b64encode(v).decode()]
                                                 for t, p, v in r.captions]}, ensure_ascii=False))
                for r in rows if not r.retry]
        if keep:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?)", keep)

    def get_neighbours(self, digest: str) -> list[list[tuple[int, float]]] | None:
        """caption-reuse's neighbour search over exactly these caption vectors, if done before."""
        row = self._db.execute("SELECT found FROM neighbours WHERE digest = ?", (digest,)).fetchone()
        return None if row is None else [[(j, sim) for j, sim in near] for near in json.loads(row[0])]

    def put_neighbours(self, digest: str, neighbours: list[list[tuple[int, float]]]) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO neighbours VALUES (?, ?)",
                             (digest, json.dumps(neighbours, separators=(",", ":"))))

    def close(self) -> None:
        self._db.close()
