"""`checker check PATH...`: the CI gate. Wires checker.check's pieces to options and exit codes."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker.cli_options import CacheDir, Exit, NoCache, Quiet, RulesDir, StdinFilename, input_errors
from checker.cli_options import fail as stop
from checker.project import FAIL_ON
from checker.report import CHECK_FORMATS

CheckFormat = Enum("CheckFormat", {name: name for name in CHECK_FORMATS}, type=str)


# The thresholds a project's fail-on takes, offered as the option's choices.
FailOn = Enum("FailOn", {value: value for value in FAIL_ON}, type=str)


def _note(message: str) -> None:
    from checker.report.safe import visible

    typer.echo(f"checker: note: {visible(message)}", err=True)


def check(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders (walked recursively) and globs such as 'stories/**/*.md'; "
             "folders and globs take .md, .markdown, .txt, .html, .htm, .xhtml and .json files. "
             "Default: the current folder.", show_default=False)] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")] = CheckFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file "
                                                   "(atomically) instead of standard output.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(help="Exit 1 when a finding is at or above this "
                                                      "severity (default: the project's fail-on, else error).",
                                                      show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules (comma-separated or repeated); "
                                                        "replaces the project's select.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules (comma-separated or repeated); "
                                                        "replaces the project's ignore.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Project configuration (checker.toml or pyproject.toml) "
                                                   "to use instead of the one found upward from PATH.")] = None,
    model: Annotated[Optional[str], typer.Option(help="Embedding model, as for review; default: "
                                                 "the project's model, else the bundled all-MiniLM-L6-v2.")] = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    baseline: Annotated[Optional[Path], typer.Option(help="Report only findings not recorded in this "
                                                     "baseline file.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(help="Record every current finding in this file "
                                                           "and exit 0 (unreadable files still fail).")] = None,
    changed_since: Annotated[Optional[str], typer.Option(help="Only files changed since this git ref "
                                                         "(merge base to working tree, plus untracked files).",
                                                         metavar="REF")] = None,
    rules_dir: RulesDir = None,
    params: Annotated[Optional[Path], typer.Option(help="Fitted classifiers (JSON from `checker train`) "
                                                        "instead of rules/classifiers.json.")] = None,
    quiet: Quiet = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings reach "
                                            "--fail-on (input and usage errors still exit 2).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="After the report, count the "
                                             "findings of each rule.")] = False,
    stdin_filename: StdinFilename = None,
) -> None:
    """Check articles in a repository for CI: one line per finding, exit 1 when one fails the gate."""
    from checker import atomic
    from checker.check.baseline import BaselineError
    from checker.check.gitdiff import GitError
    from checker.check.run import Options, fails, run
    from checker.classifier import ParamsError
    from checker.config import ConfigError
    from checker.embed import ModelError
    from checker.report import FORMATS

    reporter = FORMATS.get(format.value)
    if reporter is None:
        raise stop(f"format {format.value!r} is not available in this build (have: {', '.join(FORMATS)})")
    if stdin_filename is not None and not paths:
        paths = ["-"]
    options = Options(
        stdin_filename=stdin_filename,
        paths=tuple(paths or (".",)), select=select, ignore=ignore, config=config,
        rules_dir=rules_dir, model=model, cache_dir=cache_dir, use_cache=not no_cache,
        baseline=baseline, write_baseline=write_baseline, changed_since=changed_since,
        fail_on=fail_on.value if fail_on else None, params=params,
    )
    from checker.check.discover import UsageError

    try:
        outcome = run(options, on_note=(lambda note: None) if quiet else _note)
    except UsageError as exc:
        raise stop(str(exc)) from None
    except ConfigError as exc:
        raise stop(f"configuration error: {exc}") from None
    except ParamsError as exc:
        raise stop(f"parameters error: {exc}") from None
    except (BaselineError, GitError, ModelError) as exc:
        raise stop(str(exc)) from None
    except OSError as exc:  # --write-baseline into a folder that does not exist, say
        raise stop(f"{exc.filename or ''}: {exc.strerror or exc}") from None

    report = outcome.report
    try:
        if output is None:
            reporter(report, sys.stdout)
            sys.stdout.flush()
        else:
            atomic.write(output, lambda out: reporter(report, out))
    except BrokenPipeError:
        # The reader went away (`checker check ... | head`): what it read is all it wanted.
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        raise stop(f"cannot write {output or 'standard output'}: {exc.strerror or exc}") from None

    _summarise(outcome, quiet, statistics, to_stdout=output is None and format.value == "text")
    if format.value == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _job_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    if input_errors(report):
        raise typer.Exit(Exit.USAGE)
    if write_baseline is not None:
        if not quiet:
            _note(f"wrote the baseline {write_baseline}")
        raise typer.Exit(Exit.OK)
    raise typer.Exit(Exit.FINDINGS if fails(report, outcome.fail_on) and not exit_zero else Exit.OK)


def _summarise(outcome, quiet: bool, statistics: bool, to_stdout: bool) -> None:
    """The one summary line (and --statistics): after a text report on standard output, as
    ruff prints it; on standard error when the report is a file or a machine format."""
    from checker.report.text import statistics as rule_counts
    from checker.report.text import summary

    lines = rule_counts(outcome.report) if statistics else []
    if not quiet:
        lines.append(summary(outcome.report))
    for line in lines:
        typer.echo(line if to_stdout else f"checker: {line}", err=not to_stdout)
    if not quiet and (outcome.suppressed or outcome.baselined):
        _note(f"{outcome.suppressed} finding{'s' if outcome.suppressed != 1 else ''} suppressed in "
              f"the articles, {outcome.baselined} in the baseline")


def _job_summary(report, path: str) -> None:
    """GitHub's job summary: Markdown appended to the file $GITHUB_STEP_SUMMARY names."""
    from checker.report.github import job_summary

    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(job_summary(report))
    except OSError as exc:
        _note(f"cannot write the job summary {path}: {exc.strerror or exc}")
