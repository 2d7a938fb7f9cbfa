"""The embedding module: bundled weights verified, offline, batched, cached on disk."""
from __future__ import annotations

import numpy as np
import pytest

from checker import embed
from checker.embed import Embedder, ModelError, VectorCache


def test_bundled_weights_match_the_pinned_hash():
    weights = embed.bundled_model_path() / "model.safetensors"
    assert embed._sha256(weights) == embed.BUNDLED_SHA256


def test_encode_is_normalised_and_cached(tmp_path):
    first = Embedder(cache_dir=tmp_path)
    texts = ["Rebels took the town.", "Rebels took the town.", "Oil prices rose."]
    vecs = first.encode(texts)
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert first.encoded == 2  # the duplicate is encoded once
    second = Embedder(cache_dir=tmp_path)
    again = second.encode(texts)
    assert second.encoded == 0 and second._model is None  # served from disk, model never loaded
    assert np.allclose(vecs, again)


def test_related_texts_are_closer(embedder):
    a, b, c = embedder.encode(["The army captured the town.", "Soldiers took control of the city.",
                               "A recipe for lemon cake."])
    assert float(a @ b) > float(a @ c) + 0.2


def test_tampered_weights_are_refused(tmp_path, monkeypatch):
    fake = tmp_path / "model"
    fake.mkdir()
    (fake / "model.safetensors").write_bytes(b"not the model")
    monkeypatch.setattr(embed, "bundled_model_path", lambda: fake)
    with pytest.raises(ModelError, match="do not match the expected sha256"):
        embed.load_model()


def test_cache_keys_by_model(tmp_path):
    cache = VectorCache(tmp_path)
    key = VectorCache.key("hello")
    cache.put("m1", {key: np.ones(3, dtype=np.float32)})
    assert key in cache.get("m1", [key]) and not cache.get("m2", [key])


def test_cache_dir_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert embed.default_cache_dir() == tmp_path / "checker"


def test_unwritable_cache_does_not_stop_encoding(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    e = Embedder(cache_dir=blocker / "sub")
    assert e.encode(["one line"]).shape == (1, 384)
