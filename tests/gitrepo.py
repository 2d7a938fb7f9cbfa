"""Temporary git repositories for the `checker check` tests."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {"GIT_AUTHOR_NAME": "checker tests", "GIT_AUTHOR_EMAIL": "tests@example.org",
        "GIT_COMMITTER_NAME": "checker tests", "GIT_COMMITTER_EMAIL": "tests@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **_ENV}, check=True,
                          capture_output=True, text=True)
    return done.stdout


def init(repo: Path) -> None:
    """A repository on branch main with everything in `repo` committed."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "stories")
