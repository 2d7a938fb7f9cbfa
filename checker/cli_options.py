"""Options that `review`, `check`, `audit` and `train` share, declared once."""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Exit(IntEnum):
    """One table for every command (README "Exit codes")."""
    OK = 0          # clean, or findings below the failing severity (--fail-on; review: error)
    FINDINGS = 1    # a finding at or above it
    USAGE = 2       # usage, configuration or input error (a file or folder that cannot be read)


def fail(message: str) -> typer.Exit:
    """Say what is wrong on stderr; the Exit to raise for it (usage, configuration, input)."""
    typer.echo(f"checker: {message}", err=True)
    return typer.Exit(Exit.USAGE)


def input_errors(report) -> bool:
    """Say on stderr which files could not be read or checked; whether any could not."""
    from checker.report.safe import visible

    bad = [r for r in report.files if r.error is not None]
    for result in bad:
        typer.echo(f"checker: error: {visible(result.error)}", err=True)
    return bool(bad)


Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print the report only: no summary "
                                     "line and no notes (errors are still printed).")]
StdinFilename = Annotated[Optional[str], typer.Option(
    help="Name standard input ('-', the default without paths) as this file: its extension "
         "picks the reader (.md, .html, .json; else plain text), reports show the name.",
    metavar="PATH")]
Model = Annotated[Optional[str], typer.Option(
    help="Embedding model: a sentence-transformers folder or cached name (needs the "
         "sentence-transformers extra), or an ONNX folder from scripts/export_onnx.py; "
         "default: the bundled all-MiniLM-L6-v2, int8 ONNX.")]
CacheDir = Annotated[Optional[Path], typer.Option(
    help="Embedding cache folder (default: the platform cache folder, honouring XDG_CACHE_HOME).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")]
RulesDir = Annotated[Optional[Path], typer.Option(
    help="Folder of rule YAML files to use instead of the shipped rules/.")]
ProjectConfig = Annotated[Optional[Path], typer.Option(
    "--config", help="Project configuration (checker.toml or pyproject.toml) to use instead of "
                     "the one found upward from the paths.")]
Params = Annotated[Optional[Path], typer.Option(
    help="Fitted classifiers (JSON from `checker train`) instead of rules/classifiers.json.")]


def open_session(options):
    """The run's Session (checker.session), or a clear usage error naming the file at fault."""
    from checker.classifier import ParamsError
    from checker.config import ConfigError
    from checker.embed import ModelError
    from checker.session import Session

    try:
        return Session.open(options)
    except ConfigError as exc:
        raise fail(f"configuration error: {exc}") from None
    except ParamsError as exc:
        raise fail(f"parameters error: {exc}") from None
    except ModelError as exc:
        raise fail(str(exc)) from None
