"""PATH arguments -> the files to check, in a fixed order, with notes on what was skipped.

- A file named on the command line is checked whatever its extension (read as text when it
  is not .md/.html/.json).
- A folder is walked recursively, a glob (`stories/**/*.md`) is expanded; from both, only
  files with an article extension are taken.
- Hidden files and folders (a name starting with ".") met in a walk are skipped with a note;
  version-control folders (.git, .hg, .svn) silently.
- Files whose first bytes hold a NUL (and no UTF-16/32 byte-order mark) are binary: skipped
  with a note when met in a walk, an error (exit 2, as in review) when named; empty files
  (nothing but whitespace) are skipped with a note either way, placeholders rather than stories.
- Exclude patterns (gitignore syntax, relative to the project folder) apply to every file,
  named or found, so a pre-commit hook that names files honours them too.
- A .json file met in a walk is taken only when it holds an article (an object with
  `headline`, `body` or `captions`): content repos keep other JSON beside their stories.
  Invalid JSON is taken, so that its error is reported.
- A path that does not exist is kept: reading it fails, and that is reported for the file.
- A FIFO, socket or device met in a walk is skipped with a note (opening one may never
  return); a folder that cannot be listed is an error for that folder, counted like a file
  that cannot be read.
- The same file reached twice (a symlink, a symlink loop under a recursive glob) is taken
  once.

Paths are shown relative to the working folder when they are inside it, and the list is
sorted and free of duplicates.
"""
from __future__ import annotations

import codecs
import glob
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pathspec

from checker.read import ARTICLE_SUFFIXES
from checker.read.decode import utf16_without_bom

VCS_FOLDERS = frozenset({".git", ".hg", ".svn"})
# A folder's own documentation is no story: a content repository's README.md is not checked
# as an article when its folder is walked (named on the command line, it is).
PROJECT_DOCS = frozenset("readme changelog changes history license licence contributing authors "
                         "code_of_conduct security notice".split())
_SNIFF_BYTES = 8192
_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class UsageError(ValueError):
    """PATH arguments that cannot be taken together."""


@dataclass
class Found:
    files: list[str] = field(default_factory=list)   # display paths, sorted
    notes: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (display path, why) unreadable


class Excluder:
    """gitignore-style patterns relative to a root folder; paths outside it are never excluded."""

    def __init__(self, root: Path, patterns: Sequence[str]):
        self.root = os.path.abspath(root)
        self.spec = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None

    def __call__(self, path: str, folder: bool = False) -> bool:
        if self.spec is None:
            return False
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
            return False
        rel = Path(rel).as_posix() + ("/" if folder else "")
        return self.spec.match_file(rel)


def discover(paths: Sequence[str], excluded: Excluder | None = None,
             wanted: Callable[[str], bool] = lambda path: True) -> Found:
    """`wanted` (an absolute path) drops files before they are opened: `--changed-since`."""
    excluded = excluded or Excluder(Path.cwd(), ())
    found = Found()
    chosen: dict[str, str] = {}  # real path -> display path
    seen: set[str] = set()

    def take(path: str, named: bool) -> None:
        absolute = os.path.abspath(path)
        real = os.path.realpath(absolute)
        if real in seen:
            return
        seen.add(real)
        shown = display(absolute)
        if excluded(absolute):
            if named:
                found.notes.append(f"{shown}: skipped (excluded by configuration)")
            return
        if not wanted(absolute):
            return
        if not named and not _regular(absolute):
            found.notes.append(f"{shown}: skipped (not a regular file)")
            return
        if named and not _regular(absolute):
            chosen[real] = shown  # reading it says what it is, for this file
            return
        if _binary(absolute):
            if named:  # named, it was meant as a story: reading it is the error, as in review
                chosen[real] = shown
            else:
                found.notes.append(f"{shown}: skipped (binary file)")
            return
        if _empty(absolute):
            found.notes.append(f"{shown}: skipped (empty file)")
            return
        if not named and absolute.endswith(".json") and not json_article(absolute):
            found.notes.append(f"{shown}: skipped (JSON without headline, body or captions)")
            return
        chosen[real] = shown

    for arg in paths:
        if arg.endswith(("/", os.sep)) and not os.path.isdir(arg) and os.path.exists(arg.rstrip("/" + os.sep)):
            # "a.txt/" names a folder that is a file: the user meant something else.
            where = display(os.path.abspath(arg)) + os.sep
            found.errors.append((where, f"{where}: not a folder (it is a file)"))
            continue
        if os.path.isdir(arg):
            for path in _walk(arg, excluded, found):
                take(path, named=False)
        elif os.path.exists(arg) or not glob.has_magic(arg):
            take(arg, named=True)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                found.notes.append(f"{arg}: no files match")
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, excluded, found):
                        take(path, named=False)
                elif _is_article(match):
                    take(match, named=False)
    found.files = sorted(chosen.values(), key=_order)
    return found


def display(absolute: str) -> str:
    rel = os.path.relpath(absolute)
    return absolute if rel == ".." or rel.startswith(".." + os.sep) else rel


def _order(path: str) -> tuple[str, ...]:
    return Path(path).parts


def _walk(top: str, excluded: Excluder, found: Found) -> Iterable[str]:
    notes = found.notes

    def unlistable(exc: OSError) -> None:
        where = display(os.path.abspath(exc.filename or top)) + os.sep
        found.errors.append((where, f"{where}: cannot list the folder: {exc.strerror or exc}"))

    for folder, subfolders, files in os.walk(top, onerror=unlistable):
        kept = []
        for name in sorted(subfolders):
            path = os.path.join(folder, name)
            if name in VCS_FOLDERS:
                continue
            if name.startswith("."):
                notes.append(f"{display(os.path.abspath(path))}{os.sep}: skipped (hidden folder)")
            elif not excluded(path, folder=True):
                kept.append(name)
        subfolders[:] = kept  # os.walk descends only into what is left, in this order
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not _is_article(name):
                continue
            if name.startswith("."):
                notes.append(f"{display(os.path.abspath(path))}: skipped (hidden file)")
            elif os.path.splitext(name)[0].lower() in PROJECT_DOCS:
                notes.append(f"{display(os.path.abspath(path))}: skipped (the folder's documentation, "
                             f"not a story; name it to check it)")
            else:
                yield path


def _is_article(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def _regular(path: str) -> bool:
    """A regular file, or a path that does not exist (reading it reports that)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _binary(path: str) -> bool:
    """True for a file whose start holds a NUL byte outside UTF-16/32 text."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False  # reading it again reports why, for this file
    return b"\x00" in head and not head.startswith(_BOMS) and not utf16_without_bom(head)


def _empty(path: str) -> bool:
    """True for a file of nothing but whitespace: a placeholder, not a story with damage."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES + 1)
    except OSError:
        return False
    return len(head) <= _SNIFF_BYTES and not head.strip()


def json_article(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read(5_000_000 + 1))
    except (OSError, ValueError, RecursionError):  # taken, so that reading it reports why
        return True
    return isinstance(data, dict) and bool({"headline", "body", "captions"} & set(data))
