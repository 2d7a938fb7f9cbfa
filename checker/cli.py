"""The `checker` command. It only wires the pieces: config -> engine -> reporter -> exit code."""
from __future__ import annotations

import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import __version__
from checker.audit.cli import audit
from checker.cli_check import check
from checker.cli_options import (
    CacheDir,
    Exit,
    Model,
    NoCache,
    Params,
    ProjectConfig,
    Quiet,
    RulesDir,
    StdinFilename,
    input_errors,
    open_session,
)
from checker.cli_options import fail as _fail
from checker.report import REVIEW_FORMATS

app = typer.Typer(
    name="checker",
    help="Catch the damage scraping does to news articles: foreign photo captions, trailing "
         "headlines, unsupported headlines, promos, repeated lines, glued words.",
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


ReviewFormat = Enum("ReviewFormat", {name: name for name in REVIEW_FORMATS}, type=str)
RulesFormat = Enum("RulesFormat", {"table": "table", "json": "json"}, type=str)
Colour = Enum("Colour", {"auto": "auto", "always": "always", "never": "never"}, type=str)


def _colour(mode: Optional[Colour]) -> None:
    """--color for every command and format, --help included (report/style.py decides)."""
    from checker.report import style

    style.set_mode(mode.value if mode is not None else "auto")
    _help_colour()


def _help_colour() -> None:
    # Typer prints --help through rich, which drops colours for NO_COLOR but keeps bold and
    # dim; no colour system at all writes none of them.
    from checker.report import style

    colour = style.wants_colour(sys.stdout)
    if not colour or "typer.rich_utils" in sys.modules:
        import typer.rich_utils

        typer.rich_utils.COLOR_SYSTEM = "auto" if colour else None


def _load_config(rules_dir: Optional[Path]):
    from checker.config import ConfigError, load

    try:
        return load(rules_dir)
    except (ConfigError, ValueError) as exc:
        raise _fail(f"configuration error: {exc}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    color: Annotated[Optional[Colour], typer.Option(
        "--color", callback=_colour, is_eager=True,
        help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), "
             "always or never. Put it before the command: checker --color never check.",
        show_default=False)] = None,
) -> None:
    """Catch the damage scraping does to news articles."""


@app.command()
def review(
    files: Annotated[Optional[list[str]], typer.Argument(
        help="Articles to review (.txt, .md, .html, .json); '-' reads standard input (the "
             "default with --stdin-filename).", show_default=False)] = None,
    format: Annotated[ReviewFormat, typer.Option("--format", "-f", help="Report format.")] = ReviewFormat("rich"),
    model: Model = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    rules_dir: RulesDir = None,
    params: Params = None,
    config: ProjectConfig = None,
    stdin_filename: StdinFilename = None,
    quiet: Quiet = False,
) -> None:
    r"""Review articles and print what is wrong with them, line by line, with the evidence.

    Honours the project's checker.toml (or \[tool.checker] in pyproject.toml) found upward
    from the files, as `checker check` does: its rule settings, select, ignore and model.
    """
    from checker.check import suppress
    from checker.embed import ModelError
    from checker.report import FORMATS
    from checker.session import RunOptions

    if not files:
        if stdin_filename is None:
            raise _fail("no FILES given (name files, or '-' for standard input)")
        files = ["-"]
    started = time.perf_counter()
    anchors = tuple((stdin_filename or ".") if f == "-" else f for f in files)
    run = open_session(RunOptions(paths=anchors, config=config,
                                  rules_dir=rules_dir, params=params, model=model,
                                  cache_dir=cache_dir, use_cache=not no_cache))
    engine, config = run.engine(), run.config
    try:
        result = engine.run(files, stdin_name=stdin_filename)
    except ModelError as exc:
        raise _fail(str(exc)) from None
    # The article's own `checker:` directives hold here as in `check`: an editor and the CI
    # gate must not disagree about the same file.
    from checker.report.safe import visible

    def note(message: str) -> None:
        if not quiet:
            typer.echo(f"checker: note: {visible(message)}", err=True)

    kept, silenced = suppress.silence(result.files, [rc.rule.id for rc in config.rules], note)
    result = engine.report(kept, time.perf_counter() - started)
    FORMATS[format.value](result, sys.stdout)
    if silenced:
        note(f"{silenced} finding{'s' if silenced != 1 else ''} suppressed by checker directives "
             "in the article")
    if input_errors(result):
        raise typer.Exit(Exit.USAGE)
    raise typer.Exit(Exit.FINDINGS if result.failed_files else Exit.OK)


@app.command("rules")
def list_rules(
    rules_dir: Annotated[Optional[Path], typer.Option(help="Folder of rule YAML files to show.")] = None,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="table for people, json for "
                                                "scripts.")] = RulesFormat.table,
) -> None:
    """List the rules with their severity and settings."""
    from checker.report.docs import rules_json, rules_table

    (rules_json if format is RulesFormat.json else rules_table)(_load_config(rules_dir), sys.stdout)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="Rule id, e.g. caption-mismatch.", show_default=False)],
    rules_dir: Annotated[Optional[Path], typer.Option(help="Folder of rule YAML files to show.")] = None,
) -> None:
    """Show what a rule looks for, why it matters, and a bad and a good example."""
    from checker.report.docs import RuleDoc, explain_rule
    from checker.rules import BY_ID

    if rule not in BY_ID:
        raise _fail(f"unknown rule {rule!r}; known rules: {', '.join(BY_ID)}")
    explain_rule(RuleDoc.of(_load_config(rules_dir).get(rule)), sys.stdout)


@app.command()
def train(
    labels: Annotated[list[Path], typer.Argument(help="Labels files (JSON Lines, the corpus format: "
                                                      "file, positive_lines, ignore_lines, accept_rules).",
                                                 show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the fitted classifiers (JSON).")],
    folds: Annotated[int, typer.Option(min=2, help="Grouped folds for the held-out figures and calibration.")] = 5,
    c: Annotated[float, typer.Option("--C", min=1e-6, help="Inverse L2 regularisation strength.")] = 1.0,
    params: Annotated[Optional[Path], typer.Option(help="Base classifiers whose weights are kept for "
                                                        "features the labels never vary (default: shipped).")] = None,
    model: Model = None,
    cache_dir: CacheDir = None,
    rules_dir: RulesDir = None,
    config: ProjectConfig = None,
) -> None:
    """Refit the scored rules' classifiers on your own labelled stories; prints held-out figures."""
    from checker.classifier import ParamsError, dump, load_base
    from checker.classifier import load as load_classifiers
    from checker.embed import ModelError
    from checker.report.training import print_training
    from checker.session import RunOptions
    from checker.train import LabelError, collect, read_labels, require_sklearn
    from checker.train import train as fit_all

    run = open_session(RunOptions(paths=tuple(map(str, labels)), config=config, rules_dir=rules_dir,
                                  model=model, cache_dir=cache_dir))
    embedder, scorers = run.embedder, run.config.scorers
    try:
        require_sklearn()
        base = load_base(params)
        if base is None and params is not None:
            load_classifiers(scorers, params)  # raises with the reason
        items = read_labels(labels)
        examples, _ = collect(items, scorers, run.engine().segmenter, embedder)
        fitted = fit_all(examples, base, scorers, folds=folds, C=c, judged=run.config.judged_weights)
    except (ParamsError, LabelError, ModelError) as exc:
        raise _fail(str(exc)) from None
    meta = {"embedding_model": embedder.name, "trained_on": [str(p) for p in labels],
            "articles": len(items), "folds": folds, "C": c}
    dump(fitted, meta, out)
    print_training(fitted, out, sys.stdout)


app.command()(check)
app.command()(audit)


def _pin_blas_threads() -> None:
    """One BLAS/OpenMP thread, as the audit's workers have (audit/cluster.py), unless the user
    set a count. A product split over threads sums in another order, so a similarity moved in
    its last bits with the machine's core count (and `check` disagreed with `audit`); and the
    matrix-vector products checker makes are too small to gain from threads. Set before
    numpy is imported, which is the only time its thread pools read them."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def main() -> None:
    _pin_blas_threads()
    _help_colour()
    app()


if __name__ == "__main__":
    main()
