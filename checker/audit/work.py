"""What a worker does with one chunk of articles: parse, segment, encode once, check.

The same function runs on a Dask worker and in-process (`--workers 0`), so both paths do
exactly the same work. The engine and its embedder are built once per process and kept in a
module-level cache keyed by the settings: a worker loads the model the first time a chunk
has a text missing from the embedding cache, and never again.

A broken article (undecodable bytes, invalid JSON, a reader or segmenter failure) becomes an
error row and the rest of the chunk goes on. A failure of the chunk as a whole (the model)
propagates: the caller decides whether that ends the run or is retried later.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from checker.audit.sources import WorkItem
from checker.audit.state import Row
from checker.session import RunOptions

_ENGINES: dict["Settings", Any] = {}
ENCODE_SLICE = 256  # texts per model call, in several of the embedder's batches


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to build the same engine as the main process: the run's
    options (checker.session, with `threads` set so that workers x threads <= cores)."""
    run: RunOptions
    caption_vectors: bool   # keep caption vectors for caption-reuse
    # The run's fingerprint: a worker process (or this one, with --workers 0) that kept the
    # engine of an earlier run with the same options must not reuse it once a file changed.
    fingerprint: str = ""


@dataclass(frozen=True)
class ChunkResult:
    rows: list[Row]
    sentences: int      # texts the chunk's articles needed vectors for (segments + sentences)
    encoded: int        # of the chunk's distinct texts, those the model had to encode
    seconds: float
    worker: str
    phases: dict[str, float]  # seconds this chunk spent reading, loading the model, encoding, checking


def engine_for(settings: Settings):
    engine = _ENGINES.get(settings)
    if engine is None:
        from checker.session import Session

        engine = _ENGINES[settings] = Session.open(settings.run).engine()
    return engine


def process_chunk(items: Sequence[WorkItem], settings: Settings) -> ChunkResult:
    from checker.context import texts_to_embed, with_run_texts
    from checker.model import Kind

    started = time.perf_counter()
    engine = engine_for(settings)
    loaded = engine.embedder.load_seconds if engine.embedder else 0.0
    rows: list[Row] = []
    articles = []
    for item in items:
        try:
            source = _source(item)
            articles.append((item, engine.segmenter.segment(source)))
        except Exception as exc:  # one broken article must not stop the chunk
            rows.append(error_row(item, _describe(item, exc)))

    def wanted(article) -> list[str]:
        if engine.needs_embeddings:
            return texts_to_embed(article)
        if settings.caption_vectors:
            return [s.text for s in article.of(Kind.CAPTION)]
        return []

    per_article = [wanted(a) for _, a in articles]
    every = (t for ts in per_article for t in ts)
    texts = with_run_texts(every) if engine.needs_embeddings else list(dict.fromkeys(every))
    before = engine.embedder.encoded if engine.embedder else 0
    read = time.perf_counter()
    vectors = _encode(engine.embedder, texts, reverse=bool(items and items[0].seq // len(items) % 2))
    encoded = (engine.embedder.encoded if engine.embedder else 0) - before
    load = (engine.embedder.load_seconds if engine.embedder else 0.0) - loaded
    checking = time.perf_counter()

    for item, article in articles:
        try:
            ctx = engine.context(article, vectors)
            result = engine.check_article(article, vectors, ctx=ctx)
            rows.append(_row(item, article, result, ctx, vectors, settings.caption_vectors))
        except Exception as exc:
            rows.append(error_row(item, f"{item.path}: cannot check: {exc!r}"))
    rows.sort(key=lambda r: r.seq)
    done = time.perf_counter()
    phases = {"read": read - started, "model_load": load, "encode": checking - read - load,
              "check": done - checking}
    return ChunkResult(rows, sum(map(len, per_article)), encoded, done - started,
                       f"{os.uname().nodename}:{os.getpid()}", phases)


def _encode(embedder, texts: list[str], reverse: bool) -> dict:
    """Vectors of `texts`, encoded in slices through the shared disk cache.

    Sorted by length, each slice pads little; each slice is looked up in the cache just
    before it is encoded and written to it right after, so a text that another worker has
    just encoded is not encoded again (news archives repeat wire copy), and a worker that
    dies loses one slice of work, not a chunk. Neighbouring chunks, which run at the same
    time, walk the lengths in opposite directions, so they do not meet the texts they share
    at the same moment.
    """
    if not texts:
        return {}
    ordered = sorted(texts, key=len, reverse=not reverse)
    vectors: dict = {}
    for i in range(0, len(ordered), ENCODE_SLICE):
        part = ordered[i:i + ENCODE_SLICE]
        vectors.update(zip(part, embedder.encode(part)))
    return vectors


def _source(item: WorkItem):
    from checker.read import READERS, ReadError, format_of
    from checker.read.decode import decode

    if item.error:
        raise ReadError(item.error)
    if item.kind == "record":
        from checker.read.jsonfile import loads

        try:
            record = loads(item.data)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
            raise ReadError(f"{item.path}: not a valid JSON line ({exc})") from None
        except RecursionError:
            raise ReadError(f"{item.path}: invalid JSON: nested too deeply") from None
        if not isinstance(record, dict):
            raise ReadError(f"{item.path}: a JSON Lines record must be an object, "
                            f"got {type(record).__name__}")
        from checker.read.jsonfile import article_from_record

        return article_from_record(record, item.path)
    return READERS[format_of(item.path)](decode(item.data, item.path), item.path)


def _describe(item: WorkItem, exc: Exception) -> str:
    from checker.read import ReadError

    if isinstance(exc, ReadError):
        return str(exc)
    return f"{item.path}: cannot read or segment: {exc!r}"


def _row(item: WorkItem, article, result, ctx, vectors, keep_captions: bool) -> Row:
    from checker.model import Kind
    from checker.places import country_name
    from checker.report.json_report import file_entry

    meta = article.source.meta
    story_date = ctx.story_date
    headline = article.headline
    entry = file_entry(result)
    entry.update(
        id=_article_id(item, meta),
        headline=headline.text if headline else None,
        date=story_date.isoformat() if isinstance(story_date, date) else None,
        url=str(meta["url"]) if meta.get("url") else None,
        content_hash=item.content_hash,
    )
    captions = []
    if keep_captions and result.error is None:
        for seg in article.of(Kind.CAPTION):
            if seg.text in vectors:
                line, column = article.source.position(seg.start)
                end_line, end_column = article.source.position(max(seg.start, seg.end - 1))
                position = {"line": line, "column": column, "end_line": end_line,
                            "end_column": end_column + 1}
                captions.append((seg.text, position, vectors[seg.text].astype("float32").tobytes()))
    countries = ctx.story_countries
    facts = {
        "headline": entry["headline"],
        "date": entry["date"],
        "countries": {c: round(w, 3) for c, w in countries.items()},
        "country_names": {c: country_name(c) for c in countries},
    }
    return Row(item.key, item.seq, entry["id"], item.path, item.content_hash, result.status,
               entry, facts, tuple(captions))


def _article_id(item: WorkItem, meta) -> str:
    if item.kind == "record" and meta.get("id") not in (None, ""):
        return str(meta["id"])
    return item.path


def error_row(item: WorkItem, message: str, retry: bool = False) -> Row:
    from checker.model import FileResult
    from checker.report.json_report import file_entry

    entry = file_entry(FileResult(item.path, None, (), error=message))
    entry.update(id=item.path, headline=None, date=None, url=None, content_hash=item.content_hash)
    return Row(item.key, item.seq, item.path, item.path, item.content_hash, "error", entry,
               {"headline": None, "date": None, "countries": {}}, (), retry)
