"""The audit, in order: sources -> skip what the state already holds -> chunks out to the
executor -> each finished chunk into the state -> caption-reuse over the whole archive ->
output files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from checker import __version__
from checker.audit import caption_reuse, sources
from checker.audit.cluster import executor
from checker.audit.digest import verdict
from checker.audit.shared import ResultCache
from checker.audit.sources import WorkItem
from checker.audit.state import Row, State
from checker.audit.work import ChunkResult, Settings, error_row
from checker.config import RuleConfig
from checker.session import RunOptions, Session

# Test hook: SIGKILL this process right after the K-th chunk is committed, so a test can kill
# a run at a known point (a kill from outside lands wherever the scheduler happens to be).
KILL_AFTER_ENV = "CHECKER_AUDIT_KILL_AFTER_CHUNKS"


class AuditError(RuntimeError):
    """The audit cannot run or go on (bad sources, configuration, model, state)."""


@dataclass(frozen=True)
class Options:
    sources: tuple[str, ...]
    out: Path
    workers: int = 0
    scheduler: str | None = None
    model: str | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    rules_dir: Path | None = None
    chunk_size: int = 128
    fresh: bool = False
    params: Path | None = None      # fitted classifiers (`checker train`)
    config: Path | None = None      # project file instead of the one found from the sources

    def run_options(self) -> RunOptions:
        """The run as review and check build it, with this audit's share of the cores."""
        return RunOptions(paths=self.sources, config=self.config, rules_dir=self.rules_dir,
                          params=self.params, model=self.model, cache_dir=self.cache_dir,
                          use_cache=not self.no_cache,
                          threads=worker_threads(self.workers, self.scheduler))


PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"


def fingerprint(session: Session) -> str:
    """What an article's result depends on besides its own bytes: checker's code, the model,
    the rules, the project's settings and the classifiers (Session.fingerprint)."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{__version__}\0{session.fingerprint()}\0".encode())
    # And the word lists and gazetteer the rules read (places, demonyms, kinds of event).
    for path in sorted([*DATA_DIR.glob("*.yml"), *DATA_DIR.glob("*.json.gz")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    # And the code: a source checkout or editable install changes without a new version.
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def worker_threads(workers: int, scheduler: str | None) -> int | None:
    """Encoder threads for each local worker, so that together they use each core once; a
    remote cluster's workers know their own machines."""
    if scheduler or workers <= 0:
        return None
    return max(1, (os.cpu_count() or 1) // workers)


def audit(opts: Options, console: Console | None = None) -> dict[str, Any]:
    """Run the audit; returns the summary (also written to --out)."""
    from checker.classifier import ParamsError
    from checker.config import ConfigError
    from checker.embed import ModelError

    console = console or Console(stderr=True)
    started = time.perf_counter()
    try:
        session = Session.open(opts.run_options())
        files = sources.expand(opts.sources)
    except (ConfigError, ParamsError, sources.SourceError, ModelError) as exc:
        raise AuditError(str(exc)) from None
    state = State(opts.out, fresh=opts.fresh)
    try:
        return _audit(opts, console, started, session, files, state)
    except (sqlite3.OperationalError, OSError) as exc:
        # A full disk, a folder made read-only: each chunk was committed whole or not at all,
        # so what is in the state is good for the next run.
        where = getattr(exc, "filename", None) or opts.out
        why = getattr(exc, "strerror", None) or str(exc)
        raise AuditError(f"{where}: cannot write ({why}); the audit state keeps every "
                         f"finished chunk, so running the same command again resumes") from None
    except sqlite3.DatabaseError as exc:
        raise AuditError(f"{state.path}: the audit state is damaged ({exc}); --fresh deletes "
                         "it and audits everything again") from None
    finally:
        state.close()


def _audit(opts: Options, console: Console, started: float, session: Session, files: list[Path],
           state: State) -> dict[str, Any]:
    from checker.embed import ModelError, default_cache_dir

    embedder = session.embedder
    reuse = session.config.get(caption_reuse.RULE_ID)
    fp = fingerprint(session)
    settings = Settings(session.options, reuse.enabled, fp)
    shared = None if opts.no_cache else ResultCache.open(opts.cache_dir or default_cache_dir())
    run_id, previous = state.start_run({"sources": list(opts.sources), "model": embedder.name,
                                        "fingerprint": fp, "workers": opts.workers,
                                        "scheduler": opts.scheduler})
    total = sources.count(files)
    stats = Counter()
    runner = None
    try:
        try:
            with _progress(console, total) as (progress, task):
                work_started = time.perf_counter()

                def advance(n: int, processed: int = 0) -> None:
                    stats["processed"] += processed
                    rate = stats["processed"] / max(time.perf_counter() - work_started, 1e-9)
                    left = total - stats["processed"] - stats["skipped"] - stats["cached"]
                    eta = _clock(left / rate) if rate > 0 and stats["processed"] else "-:--:--"
                    progress.update(task, advance=n, rate=f"{rate:.1f} articles/s", eta=eta)

                chunks = _work_chunks(sources.items(files, fp), state, opts.chunk_size, stats, advance, shared)
                first = next(chunks, None)
                # A complete state needs no workers: no cluster, no model.
                if first is not None:
                    runner = executor(settings, opts.workers, opts.scheduler)
                outcomes = runner.run(itertools.chain([first], chunks)) if runner else ()
                kill_after = int(os.environ.get(KILL_AFTER_ENV) or 0)
                for n, (chunk, result) in enumerate(outcomes, start=1):
                    if isinstance(result, ModelError):
                        raise AuditError(str(result))
                    rows = _rows(chunk, result, stats)
                    state.save(rows)
                    if shared is not None:
                        shared.put(rows)
                    advance(len(chunk), processed=len(chunk))
                    if kill_after and n >= kill_after:
                        os.kill(os.getpid(), signal.SIGKILL)
                work_seconds = time.perf_counter() - work_started
        finally:
            if runner is not None:
                runner.close()
        entries = _entries_with_reuse(state, reuse, stats, shared)
    finally:
        if shared is not None:
            shared.close()
    seconds = time.perf_counter() - started
    summary = _summary(opts, runner, embedder, state, entries, stats, previous, seconds, work_seconds)
    write(opts.out, entries, summary)
    state.finish_run()
    return summary


def _work_chunks(items: Iterable[WorkItem], state: State, size: int, stats: Counter,
                 advance, shared: ResultCache | None = None) -> Iterator[list[WorkItem]]:
    """Chunks of the items still to do; items an earlier run finished are only marked seen,
    items another audit finished are copied from the shared cache."""
    batch: list[WorkItem] = []
    todo: list[WorkItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            todo.extend(_not_done(batch, state, stats, advance, shared))
            batch = []
            while len(todo) >= size:
                yield todo[:size]
                todo = todo[size:]
    todo.extend(_not_done(batch, state, stats, advance, shared))
    for i in range(0, len(todo), size):
        yield todo[i:i + size]


def _not_done(batch: list[WorkItem], state: State, stats: Counter, advance,
              shared: ResultCache | None = None) -> list[WorkItem]:
    if not batch:
        return []
    done = state.done([i.key for i in batch])
    if done:
        state.mark_seen((i.key, i.seq) for i in batch if i.key in done)
        stats["skipped"] += len(done)
        advance(sum(1 for i in batch if i.key in done))
    rest = [i for i in batch if i.key not in done]
    if shared is not None and rest:
        cached = shared.get(rest)
        if cached:
            state.save(cached)
            stats["cached"] += len(cached)
            advance(len(cached))
            hit = {r.key for r in cached}
            rest = [i for i in rest if i.key not in hit]
    return rest


def _rows(chunk: Sequence[WorkItem], result: ChunkResult | BaseException, stats: Counter) -> list[Row]:
    if isinstance(result, BaseException):
        # Nothing in the article says it is broken (a worker died, the chunk raised): an
        # error row now, redone by the next run.
        stats["retry"] += len(chunk)
        return [error_row(item, f"{item.path}: not audited: {type(result).__name__}: {result}",
                          retry=True) for item in chunk]
    stats[f"worker {result.worker}"] = 1
    stats["sentences"] += result.sentences
    stats["encoded"] += result.encoded
    stats["chunk_seconds"] += result.seconds
    for phase, seconds in result.phases.items():
        stats[f"phase {phase}"] += seconds
    return result.rows


def _entries_with_reuse(state: State, reuse: RuleConfig, stats: Counter,
                        shared: ResultCache | None = None) -> list[dict]:
    keyed: dict[str, dict] = {}
    facts: dict[str, dict] = {}
    for key, entry, fact in state.entries():
        keyed[key] = entry
        facts[key] = {**fact, "id": entry.get("id"), "path": entry.get("path")}
    if reuse.enabled:
        captions, vectors = state.captions()
        stats["captions"] = len(captions)
        for key, found in caption_reuse.find(captions, vectors, facts, reuse, memo=shared).items():
            entry = keyed[key]
            entry["findings"] = sorted(
                entry["findings"] + found,
                key=lambda f: (f["line"], f["column"], f["rule"], f["end_line"], f["end_column"]))
            entry["verdict"] = verdict(entry)
            stats["reuse_findings"] += len(found)
            stats["reuse_articles"] += 1
    return list(keyed.values())


def _summary(opts: Options, runner, embedder, state: State, entries: list[dict], stats: Counter,
             previous: int, seconds: float, work_seconds: float) -> dict[str, Any]:
    verdicts = Counter(e["verdict"] for e in entries)
    by_rule = Counter(f["rule"] for e in entries for f in e["findings"])
    by_severity = Counter(f["severity"] for e in entries for f in e["findings"])
    processed = stats["processed"]
    return {
        "tool": "checker",
        "version": __version__,
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sources": [str(s) for s in opts.sources],
        "model": embedder.name,
        "executor": runner.description if runner else "none (nothing left to do)",
        "workers": runner.workers if runner else 0,
        "worker_processes_used": sum(1 for k in stats if k.startswith("worker ")),
        "chunk_size": opts.chunk_size,
        "articles": len(entries),
        "errors": verdicts["error"],
        "flagged": verdicts["fail"] + verdicts["warn"],
        "verdicts": {v: verdicts[v] for v in ("pass", "warn", "fail", "error")},
        "findings_by_rule": dict(sorted(by_rule.items())),
        "findings_by_severity": {s: by_severity[s] for s in ("error", "warning", "info")},
        "caption_reuse": {"captions": stats["captions"], "findings": stats["reuse_findings"],
                          "articles": stats["reuse_articles"]},
        "resumed": previous > 0,
        "processed": processed,
        "skipped": stats["skipped"],
        "from_shared_cache": stats["cached"],
        "retry_next_run": stats["retry"],
        "sentences": stats["sentences"],
        "encoded": stats["encoded"],
        "seconds": round(seconds, 3),
        "articles_per_second": round(processed / work_seconds, 2) if work_seconds and processed else 0.0,
        "sentences_per_second": round(stats["sentences"] / work_seconds, 1) if work_seconds else 0.0,
        # Summed over the workers, so with N of them up to N times the wall time.
        "worker_seconds": {k.removeprefix("phase "): round(v, 2) for k, v in stats.items()
                           if k.startswith("phase ")},
        "state": str(state.path),
        "run": state.run_id,
    }


def write(out: Path, entries: list[dict], summary: dict) -> None:
    from checker.audit.outputs import write_outputs

    write_outputs(out, entries, summary)


class _progress:
    """A rich progress bar on stderr with our own rate and ETA (skipped articles would make
    rich's own speed column meaningless on a resumed run)."""

    def __init__(self, console: Console, total: int):
        self.progress = Progress(
            TextColumn("[bold]audit[/]"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
            TextColumn("ETA {task.fields[eta]}"), console=console, transient=False)
        self.total = total

    def __enter__(self):
        self.progress.__enter__()
        task = self.progress.add_task("audit", total=self.total, rate="", eta="-:--:--")
        return self.progress, task

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
