"""Where chunks run: a Dask cluster (local worker processes, or an existing scheduler), or
this process (`--workers 0`, the baseline the bench compares Dask against).

Both executors take a lazy stream of chunks and yield (chunk, result or exception) as each
finishes, in completion order. Only a bounded number of chunks is in flight, so memory stays
flat however large the archive: the next chunk is read from disk when one comes back.
"""
from __future__ import annotations

import contextlib
import logging
import os
import warnings
from typing import Iterable, Iterator, Sequence

from checker.audit.sources import WorkItem
from checker.audit.work import ChunkResult, Settings, process_chunk

Outcome = tuple[Sequence[WorkItem], "ChunkResult | BaseException"]


class InProcess:
    """Chunks run one after another in this process, through the same work.py."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers = 1
        self.description = "in-process"

    def run(self, chunks: Iterable[Sequence[WorkItem]]) -> Iterator[Outcome]:
        for chunk in chunks:
            try:
                result: ChunkResult | BaseException = process_chunk(chunk, self.settings)
            except Exception as exc:
                result = exc
            yield chunk, result

    def close(self) -> None:
        pass


class DaskCluster:
    """A local cluster of N single-threaded worker processes, or a client of a running one."""

    def __init__(self, settings: Settings, workers: int, scheduler: str | None = None,
                 in_flight_per_worker: int = 2):
        from distributed import Client, LocalCluster

        self.settings = settings
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
            self.client.wait_for_workers(1, timeout=120)
            self.description = f"Dask scheduler {scheduler}"
        else:
            # One process per worker, one thread each: the encoder gets the cores split
            # between them (Settings.threads), since encoding is what keeps a worker busy.
            with warnings.catch_warnings(), _worker_environment():
                # Without a dashboard the scheduler still serves health checks over HTTP,
                # on another port when 8787 is taken: nothing the user needs to hear about.
                warnings.filterwarnings("ignore", message="Port .* is already in use")
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                    env={"TOKENIZERS_PARALLELISM": "false"},
                )
            self.client = Client(self.cluster)
            self.description = f"local Dask cluster, {workers} worker processes"
        self.workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        self.in_flight = max(2, in_flight_per_worker * self.workers)

    def run(self, chunks: Iterable[Sequence[WorkItem]]) -> Iterator[Outcome]:
        from distributed import as_completed

        stream = iter(chunks)
        pending: dict = {}
        done = as_completed()

        def submit() -> None:
            chunk = next(stream, None)
            if chunk is not None:
                future = self.client.submit(process_chunk, chunk, self.settings, pure=False)
                pending[future] = chunk
                done.add(future)

        for _ in range(self.in_flight):
            submit()
        for future in done:
            chunk = pending.pop(future)
            try:
                result: ChunkResult | BaseException = future.result()
            except Exception as exc:  # a worker that died or a chunk that raised
                result = exc
            future.release()
            submit()
            yield chunk, result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor(settings: Settings, workers: int, scheduler: str | None):
    if scheduler:
        return DaskCluster(settings, workers, scheduler)
    if workers <= 0:
        return InProcess(settings)
    return DaskCluster(settings, workers)


@contextlib.contextmanager
def _worker_environment():
    """Thread counts and allocator settings the local worker processes start with.

    Set later (the nanny's `env`), thread counts come too late: the OpenMP runtime that numpy
    loads first has already fixed its thread count. The nanny copies its start-up
    environment into this process and prefers this process's values to its configuration, so
    they are set here and this process's own restored afterwards.

    Dask's default MALLOC_TRIM_THRESHOLD_ is dropped: setting it turns off glibc's adaptive
    mmap threshold, so every activation tensor of a forward pass is mapped and unmapped again,
    and encoding took 25% more CPU. Small batches (embed.BATCH_SIZE) keep the peak those
    tensors need low enough.
    """
    import dask

    keys = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
    saved = {k: os.environ.get(k) for k in keys}
    # One BLAS thread whatever the number of workers: a product split over threads sums in
    # another order, and a rule's similarity then moved in its last bits with --workers.
    # The encoder's threads are its own (Settings.threads), not these.
    os.environ.update({k: "1" for k in keys})
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
