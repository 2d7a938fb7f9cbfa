"""`checker audit`: the command. Imports nothing heavy, so `checker --help` stays fast."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker.cli_options import CacheDir, Exit, Model, NoCache, Params, ProjectConfig, RulesDir


def _default_workers() -> int:
    return os.cpu_count() or 2


def audit(
    sources: Annotated[list[str], typer.Argument(
        help="Articles to audit: files, directories, globs (.txt .md .html .json) and JSON Lines "
             "archives (.jsonl, one article per line).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports and the resumable "
                                                          "state (audit.sqlite3).", show_default=False)],
    workers: Annotated[Optional[int], typer.Option(min=0, help="Worker processes of a local Dask "
                                                               "cluster; 0 runs in this process "
                                                               "without Dask. Default: the number "
                                                               "of CPUs.", show_default=False)] = None,
    scheduler: Annotated[Optional[str], typer.Option(help="Address of a running Dask scheduler "
                                                          "(tcp://HOST:PORT) to send the work to "
                                                          "instead of a local cluster.")] = None,
    model: Model = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    rules_dir: RulesDir = None,
    params: Params = None,
    config: ProjectConfig = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Articles per unit of work sent to a worker "
                                                        "(and per committed transaction); bigger chunks encode more efficiently.")] = 128,
    fresh: Annotated[bool, typer.Option("--fresh", help="Ignore the state of an earlier run in --out "
                                                        "and audit everything again.")] = False,
) -> None:
    """Audit many articles at once: parallel on Dask, resumable, with cross-article caption reuse.

    Writes report.html, findings.csv, articles.jsonl and summary.json to --out. Exit code 2
    when an article could not be read, 1 when one has an error-severity finding, 0 otherwise.
    """
    from rich.console import Console

    from checker.audit.run import AuditError, Options
    from checker.audit.run import audit as run_audit
    from checker.audit.state import StateError

    console = Console(stderr=True)
    opts = Options(sources=tuple(sources), out=out,
                   workers=_default_workers() if workers is None else workers,
                   scheduler=scheduler, model=model, cache_dir=cache_dir, no_cache=no_cache,
                   rules_dir=rules_dir, chunk_size=chunk_size, fresh=fresh, params=params,
                   config=config)
    try:
        summary = run_audit(opts, console)
    except (AuditError, StateError) as exc:
        typer.echo(f"checker: {exc}", err=True)
        raise typer.Exit(Exit.USAGE) from None
    v = summary["verdicts"]
    console.print(
        f"{summary['articles']} articles: {v['fail']} failed, {v['warn']} with warnings, "
        f"{v['error']} unreadable; {summary['processed']} audited now, {summary['skipped']} "
        f"from an earlier run, {summary['from_shared_cache']} from the results cache; "
        f"{summary['seconds']:.1f} s"
        + (f" ({summary['articles_per_second']} articles/s)" if summary["processed"] else "")
        + f" -> {out}")
    if v["error"]:  # an article that could not be read: reported, counted, exit 2
        raise typer.Exit(Exit.USAGE)
    raise typer.Exit(Exit.FINDINGS if v["fail"] else Exit.OK)
