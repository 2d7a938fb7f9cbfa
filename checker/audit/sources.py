"""SOURCE arguments -> a stream of work items: one per article file, one per JSON Lines record.

An item carries the raw bytes (not a parsed article): workers may be on other machines
without the files, and parsing is work that belongs on the workers. Archives are read line
by line, so a huge archive is never in memory at once.

An item's `key` is what the audit state is keyed by: a hash of where it comes from (the file
path, or the archive's path and line for a record: two identical records are two articles)
and its content, salted with the run's settings
fingerprint, so an unchanged article under unchanged settings is never done twice while an
edited one, or one audited with other rules or another model, is done again.
"""
from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from checker.check.discover import PROJECT_DOCS
from checker.read import ARTICLE_SUFFIXES

ARCHIVE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MAX_BYTES = 5_000_000  # the same limit as `checker review` for one article


class SourceError(ValueError):
    """A SOURCE argument that names nothing to audit."""


@dataclass(frozen=True)
class WorkItem:
    key: str
    seq: int             # position in the stream: outputs keep the order of the sources
    path: str            # what findings name: the file, or "archive.jsonl:LINE"
    kind: str            # "file" or "record"
    data: bytes
    content_hash: str
    error: str | None = None   # already known to be unreadable (missing, too large)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def item_key(fingerprint: str, origin: str, digest: str) -> str:
    return hashlib.blake2b(f"{fingerprint}\0{origin}\0{digest}".encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


def expand(sources: Iterable[str]) -> list[Path]:
    """Files named by SOURCE arguments (files, directories, globs), in a stable order."""
    found: list[Path] = []
    for arg in sources:
        path = Path(arg)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
        elif path.exists():
            matches = [path]
        else:
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not matches:
                raise SourceError(f"{arg}: no such file, directory or matching files")
        if not matches:
            raise SourceError(f"{arg}: no articles (.txt .md .html .json) or .jsonl archives in it")
        found.extend(matches)
    return list(dict.fromkeys(found))


def _wanted(path: Path, root: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    if path.stem.lower() in PROJECT_DOCS:
        return False  # the archive's README.md: its documentation, not an article
    suffix = path.suffix.lower()
    if suffix == ".json":
        # Archives keep other JSON beside their articles (manifests, labels): only articles count.
        from checker.check.discover import json_article

        return json_article(str(path))
    return suffix in ARTICLE_SUFFIXES or suffix in ARCHIVE_SUFFIXES


def is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def count(files: Iterable[Path]) -> int:
    """How many items `items` will yield (archives are scanned, not parsed): the progress total."""
    total = 0
    for path in files:
        if not is_archive(path):
            total += 1
            continue
        try:
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


def items(files: Iterable[Path], fingerprint: str, max_bytes: int = MAX_BYTES) -> Iterator[WorkItem]:
    seq = 0
    for path in files:
        produced = _archive(path, fingerprint, max_bytes) if is_archive(path) else \
            [_file(path, fingerprint, max_bytes)]
        for item in produced:
            yield WorkItem(item.key, seq, item.path, item.kind, item.data, item.content_hash,
                           item.error)
            seq += 1


def display(path: Path) -> str:
    """A path as reports show it: a file name that is not UTF-8 keeps its odd bytes as \\xNN
    escapes, since every output is UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _file(path: Path, fingerprint: str, max_bytes: int) -> WorkItem:
    name = display(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _broken(name, fingerprint, f"{name}: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return _broken(name, fingerprint, f"{name}: too large (over the {max_bytes:,} byte limit)")
    digest = content_hash(data)
    return WorkItem(item_key(fingerprint, _origin(path), digest), 0, name, "file", data, digest)


def _archive(path: Path, fingerprint: str, max_bytes: int) -> Iterator[WorkItem]:
    name, origin = display(path), _origin(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _broken(name, fingerprint, f"{name}: {exc.strerror or exc}")
        return
    with fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            if len(line) > max_bytes:
                yield _broken(where, fingerprint, f"{where}: record too large (over the "
                                                  f"{max_bytes:,} byte limit)", line)
                continue
            data = line.rstrip(b"\r\n")
            digest = content_hash(data)
            yield WorkItem(item_key(fingerprint, f"{origin}:{number}", digest), 0, where, "record",
                           data, digest)


def _broken(where: str, fingerprint: str, error: str, data: bytes = b"") -> WorkItem:
    digest = content_hash(data or where.encode("utf-8"))
    return WorkItem(item_key(fingerprint, where, digest), 0, where, "file", b"", digest, error)


def _origin(path: Path) -> str:
    return os.path.abspath(path)
