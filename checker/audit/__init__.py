"""`checker audit`: thousands of articles at once, on Dask, resumable, with the cross-article
caption-reuse rule.

sources.py (SOURCE args -> work items) -> cluster.py (chunks out to Dask workers, or
in-process) -> work.py (what a worker does with a chunk) -> state.py (SQLite in --out, one
transaction per chunk) -> caption_reuse.py (the cross-article rule) -> outputs.py with
digest.py and html_report.py (report.html, findings.csv, articles.jsonl, summary.json).
run.py holds the order; cli.py the command.
"""
