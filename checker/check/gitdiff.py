"""`--changed-since REF`: the files that differ from the point where HEAD left REF.

Changed means added, copied, modified or renamed (to its new name) between the merge base of
REF and HEAD and the working tree, plus untracked files git does not ignore. In a pull-request
job (`--changed-since origin/main`, clean checkout) that is exactly the pull request's files;
on a laptop it also takes what is not committed yet. Deleted files are not checked.

The merge base needs history: in GitHub Actions check out with `fetch-depth: 0`.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(RuntimeError):
    """git is missing, the folder is not in a repository, or the ref is unknown."""


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {args[0]} failed")
    return done.stdout


def changed_files(ref: str, where: Path) -> set[str]:
    """Absolute paths of the files changed since `ref` in the repository holding `where`."""
    try:
        top = Path(_git(where, "rev-parse", "--show-toplevel").strip())
    except GitError:
        raise GitError(f"--changed-since: {where} is not inside a git repository") from None
    try:
        _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"--changed-since: unknown git ref {ref!r} (in {top})") from None
    try:
        base = _git(top, "merge-base", ref, "HEAD").strip()
    except GitError:
        raise GitError(f"--changed-since: {ref!r} and HEAD have no common ancestor in {top}; "
                       "in a shallow clone fetch the history (actions/checkout: fetch-depth: 0)") from None
    names = _git(top, "diff", "--name-only", "-z", "--diff-filter=ACMR", "--no-ext-diff", base, "--")
    untracked = _git(top, "ls-files", "-z", "--others", "--exclude-standard")
    return {os.path.realpath(top / name) for name in (names + untracked).split("\0") if name}
