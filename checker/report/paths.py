"""How CI formats name a file: relative to the repository root, with forward slashes.

GitHub (annotations, code scanning) resolves a path from the root of the checkout, whatever
folder the command ran in; so do GitLab and Jenkins for test reports. The root is the git
work tree holding the working folder (a `.git` folder or file, found upward), else the
working folder itself.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePath


def repo_root() -> Path:
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def ci_path(path: str, root: Path | None = None) -> str:
    """The path relative to `root` (default: `repo_root()`) with forward slashes when it is
    under it; any other path absolute; a name that is not a path (`<stdin>`) as given."""
    if path.startswith("<") and path.endswith(">"):
        return path
    root = repo_root() if root is None else root
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return PurePath(absolute).as_posix()
    if rel == ".." or rel.startswith(".." + os.sep):
        return PurePath(absolute).as_posix()
    return PurePath(rel).as_posix()
