"""Write a file all at once: a reader (or a crash) never sees half a report, baseline or
parameters file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, TextIO


def write(path: Path, fill: Callable[[TextIO], None]) -> None:
    """Call `fill` on a temporary UTF-8 text file beside `path`, then move it into place."""
    _replace(path, lambda f: fill(f), "w", {"encoding": "utf-8", "newline": "\n"})


def write_bytes(path: Path, data: bytes) -> None:
    _replace(path, lambda f: f.write(data), "wb", {})


def _replace(path: Path, fill: Callable, mode: str, options: dict) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **options) as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    # mkstemp creates 0600 files; a report should get the usual permissions.
    mask = os.umask(0)
    os.umask(mask)
    return mask
