"""How CI formats name a file: relative to the working directory, with forward slashes."""
from __future__ import annotations

import os
from pathlib import PurePath


def ci_path(path: str) -> str:
    """The path as code-scanning and annotation tools expect it: a path under the working
    directory (the checkout, in CI) made relative to it; any other path as given."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return PurePath(path).as_posix()
        if path.startswith(".."):
            path = os.path.abspath(path)
    return PurePath(path).as_posix()
