"""One `checker check` run: settings -> files -> one engine over all of them -> filtered report.

The model is loaded at most once for the whole run (the engine's embedder is shared by every
chunk); files go through the engine in chunks so memory stays bounded on a large repository
while each chunk's texts are still encoded in one batch.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from checker import atomic, project
from checker.check import baseline as baselines
from checker.check import discover as discovery
from checker.check import gitdiff, suppress
from checker.model import FileResult, Report, Severity
from checker.session import RunOptions, Session

CHUNK_FILES = 100


@dataclass(frozen=True)
class Options:
    paths: Sequence[str] = (".",)
    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    config: Path | None = None
    rules_dir: Path | None = None
    model: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    fail_on: str | None = None
    params: Path | None = None      # fitted classifiers (`checker train`) instead of the rules'
    stdin_filename: str | None = None   # names standard input (`-`) and picks its reader


@dataclass(frozen=True)
class Outcome:
    report: Report
    fail_on: str          # the threshold in force: the option, else the project's, else error
    suppressed: int       # findings silenced by directives in the articles
    baselined: int        # findings absorbed by --baseline


def session(options: Options) -> Session:
    """The run as review and audit build it; raises ConfigError, ParamsError or ModelError."""
    # Standard input's project settings are found from the name it is given.
    paths = tuple(options.stdin_filename or "." if p == "-" else p for p in options.paths)
    return Session.open(RunOptions(
        paths=paths, config=options.config, rules_dir=options.rules_dir,
        params=options.params, model=options.model, cache_dir=options.cache_dir,
        use_cache=options.use_cache,
        select=None if options.select is None else tuple(options.select),
        ignore=None if options.ignore is None else tuple(options.ignore)))


def files(options: Options, proj: project.Project) -> discovery.Found:
    if "-" in options.paths:
        if len(options.paths) > 1:
            raise discovery.UsageError("'-' (standard input) cannot be mixed with other paths")
        return discovery.Found(files=["-"])
    wanted = lambda path: True  # noqa: E731
    if options.changed_since:
        changed = gitdiff.changed_files(options.changed_since, project.common_folder(options.paths))
        wanted = lambda path: os.path.realpath(path) in changed  # noqa: E731
    return discovery.discover(options.paths, discovery.Excluder(proj.root, proj.exclude), wanted)


def run(options: Options, on_note: Callable[[str], None] = lambda note: None) -> Outcome:
    """Raises ConfigError, BaselineError, GitError, ModelError or ParamsError for a run that
    cannot start."""
    from checker.engine import read_all

    started = time.perf_counter()
    run = session(options)
    proj, config = run.project, run.config
    accepted = baselines.load(options.baseline) if options.baseline else None
    found = files(options, proj)
    paths = found.files
    for note in found.notes:
        on_note(note)
    engine = run.engine()
    known = [rc.rule.id for rc in config.rules]
    # A folder that could not be listed is reported and counted as a file that could not be read.
    results: list[FileResult] = [FileResult(where, None, (), error=why) for where, why in found.errors]
    suppressed = baselined = 0
    for start in range(0, len(paths), CHUNK_FILES):
        checked = engine.check_sources(read_all(paths[start:start + CHUNK_FILES], options.stdin_filename))
        kept, silenced = suppress.silence(checked, known, on_note)
        results.extend(kept)
        suppressed += silenced
    if options.write_baseline:
        base = options.write_baseline.parent
        atomic.write(options.write_baseline,
                     lambda out: baselines.dump(baselines.document(results, base), out))
    if accepted is not None:
        base = options.baseline.parent
        kept = []
        for result in results:
            findings, absorbed = baselines.subtract(result.findings, accepted, base)
            baselined += absorbed
            kept.append(replace(result, findings=findings))
        results = kept
    fail_on = options.fail_on or proj.fail_on or "error"
    report = replace(engine.report(results, time.perf_counter() - started), fail_on=fail_on)
    return Outcome(report=report, fail_on=fail_on,
                   suppressed=suppressed, baselined=baselined)


def fails(report: Report, fail_on: str) -> bool:
    """Whether a finding is at or above `fail_on` (exit 1). A file that could not be read is
    an input error (exit 2) whatever the threshold: the command decides that."""
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on)
    return any(f.severity >= threshold for r in report.files for f in r.findings)

