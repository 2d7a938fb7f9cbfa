"""The audit on a local Dask cluster of 2 worker processes gives what the in-process run gives.

The cluster run starts with an empty embedding cache of its own, so both workers load the
real model and encode (sharing that cache while they write it); the in-process run uses the
test session's cache.
"""
from __future__ import annotations

import json

from checker.audit.run import Options, audit
from tests.audit_archive import write_archive


def entries(out) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_two_dask_workers_give_the_in_process_result(tmp_path):
    src = write_archive(tmp_path / "src")
    local = audit(Options(sources=(str(src),), out=tmp_path / "local", workers=0, chunk_size=2))
    cold_cache = tmp_path / "cache"
    dask = audit(Options(sources=(str(src),), out=tmp_path / "dask", workers=2, chunk_size=1,
                         cache_dir=cold_cache))
    assert dask["workers"] == 2 and "Dask" in dask["executor"]
    assert dask["worker_processes_used"] == 2
    assert dask["encoded"] > 0 and (cold_cache / "embeddings.sqlite3").is_file()
    # Each worker loaded the model once, and its chunks say where their time went.
    phases = dask["worker_seconds"]
    assert set(phases) == {"read", "model_load", "encode", "check"}
    assert phases["model_load"] > 0 and phases["encode"] > 0 and phases["check"] > 0
    assert local["executor"] == "in-process"
    assert entries(tmp_path / "dask") == entries(tmp_path / "local")
    assert dask["caption_reuse"]["articles"] == 3
    assert (dask["articles"], dask["errors"], dask["processed"]) == (8, 2, 8)

    # The same archive into a new --out with the caches the run filled: nothing to encode,
    # nothing even to check (the results cache), and the same report.
    warm = audit(Options(sources=(str(src),), out=tmp_path / "warm", workers=2, chunk_size=4,
                         cache_dir=cold_cache))
    assert warm["encoded"] == 0 and warm["processed"] == 0 and warm["from_shared_cache"] == 8
    assert warm["worker_seconds"] == {}  # no worker ever started
    assert entries(tmp_path / "warm") == entries(tmp_path / "local")


def test_scheduler_sends_the_work_to_a_running_cluster(tmp_path):
    from distributed import LocalCluster

    src = write_archive(tmp_path / "src")
    local = audit(Options(sources=(str(src),), out=tmp_path / "local", workers=0, chunk_size=4))
    assert local["processed"] == 8
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        # A cache of its own, so the work really goes to the cluster.
        remote = audit(Options(sources=(str(src),), out=tmp_path / "remote", chunk_size=4,
                               scheduler=cluster.scheduler_address, cache_dir=tmp_path / "cache"))
    assert remote["executor"] == f"Dask scheduler {cluster.scheduler_address}"
    assert remote["workers"] == 1 and remote["processed"] == 8
    assert entries(tmp_path / "remote") == entries(tmp_path / "local")
