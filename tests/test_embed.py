"""The embedding module: the shipped int8 model verified, offline, batched, cached on disk;
the sentence-transformers backend beside it, and the two agreeing."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from typer.testing import CliRunner

from checker import embed
from checker.cli import app
from checker.embed import Embedder, ModelError, ModelSpec, VectorCache
from tests.conftest import ROOT, SAMPLES, SHARED
from tests.helpers import dev_slice_labels


def test_shipped_model_matches_its_manifest_and_the_pinned_hash():
    manifest = json.loads((embed.ONNX_DIR / "manifest.json").read_text())
    assert manifest["files"][embed.MODEL_FILE] == embed.ONNX_SHA256
    for name, sha in manifest["files"].items():
        assert embed.file_sha256(embed.ONNX_DIR / name) == sha, name
    assert manifest["upstream_sha256"] == embed.BUNDLED_SHA256


def test_upstream_weights_match_the_pinned_hash():
    weights = embed.bundled_model_path() / "model.safetensors"
    assert embed.file_sha256(weights) == embed.BUNDLED_SHA256


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


def test_a_vector_depends_on_its_text_alone(embedder):
    encoder = embedder._load()
    texts = ["Short.", "A much longer sentence about the flood that cut off the northern villages.",
             "Medium length line about prices."] * 5
    together = encoder.encode(texts)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    assert np.array_equal(together, alone)  # whatever else is encoded with it, on any thread


def test_long_text_is_truncated_not_refused(embedder):
    vec = embedder._load().encode(["word " * 2000])
    assert vec.shape == (1, 384) and np.isfinite(vec).all()


def _copy_model(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(embed.ONNX_DIR, folder)
    return folder


def test_tampered_model_is_refused_naming_the_file(tmp_path, monkeypatch):
    folder = _copy_model(tmp_path)
    with (folder / embed.MODEL_FILE).open("r+b") as fh:
        fh.seek(1000)
        fh.write(b"\0\1\2\3")
    monkeypatch.setattr(embed, "ONNX_DIR", folder)
    with pytest.raises(ModelError, match=rf"{embed.MODEL_FILE}: sha256 .* does not match"):
        embed.load_encoder()


def test_missing_model_file_and_manifest_are_clear_errors(tmp_path, monkeypatch):
    folder = _copy_model(tmp_path)
    monkeypatch.setattr(embed, "ONNX_DIR", folder)
    (folder / embed.MODEL_FILE).unlink()
    with pytest.raises(ModelError, match="cannot read model file"):
        embed.load_encoder()
    (folder / "manifest.json").write_text("{not json")
    with pytest.raises(ModelError, match="not a valid model manifest"):
        embed.load_encoder()


def test_a_manifest_edited_with_its_model_is_refused(tmp_path, monkeypatch):
    folder = _copy_model(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / embed.MODEL_FILE).write_bytes(b"another model")
    manifest["files"][embed.MODEL_FILE] = embed.file_sha256(folder / embed.MODEL_FILE)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(embed, "ONNX_DIR", folder)
    with pytest.raises(ModelError, match="checker expects"):
        embed.load_encoder()


def test_bad_model_paths_exit_2_naming_the_path(tmp_path):
    runner = CliRunner()
    story = str(SAMPLES / "clean-multi-country.txt")
    not_a_folder = tmp_path / "weights.bin"
    not_a_folder.write_bytes(b"x")
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = _copy_model(tmp_path)
    (broken / "tokenizer.json").write_text("{}")
    for path in (not_a_folder, empty, broken):
        result = runner.invoke(app, ["review", story, "--model", str(path), "--no-cache"])
        assert result.exit_code == 2, (path, result.output)
        assert str(path) in result.output.replace("\n", "")
        assert "Traceback" not in result.output


def test_a_copied_onnx_folder_is_a_model_of_its_own(tmp_path, embedder):
    folder = _copy_model(tmp_path)
    other = Embedder(str(folder), cache_dir=tmp_path / "cache")
    assert other.model_id != embedder.model_id and other.spec.backend == "onnx"
    text = ["The ferry sank near the harbour."]
    assert np.allclose(other.encode(text), embedder.encode(text), atol=1e-6)


def test_cache_keys_by_backend_and_model(tmp_path):
    cache = VectorCache(tmp_path)
    key = VectorCache.key("hello")
    cache.put("m1", {key: np.ones(3, dtype=np.float32)})
    assert key in cache.get("m1", [key]) and not cache.get("m2", [key])
    int8, fp32 = ModelSpec(), ModelSpec(embed.UPSTREAM_MODEL)
    assert int8.backend == "onnx" and fp32.backend == "sentence-transformers"
    assert int8.id != fp32.id and embed.ONNX_SHA256[:12] in int8.id


def test_cache_dir_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert embed.default_cache_dir() == tmp_path / "checker"


def test_unwritable_cache_does_not_stop_encoding(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    e = Embedder(cache_dir=blocker / "sub")
    assert e.encode(["one line"]).shape == (1, 384)


def _dev_paragraphs(limit: int = 600) -> list[str]:
    texts: list[str] = []
    for task in ("T2", "T3", "T1"):
        for path in sorted((SHARED / "corpus" / task / "dev").glob("*.txt"))[:40]:
            texts += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return list(dict.fromkeys(texts))[:limit]


def test_int8_agrees_with_sentence_transformers_on_the_dev_corpus(tmp_path):
    texts = _dev_paragraphs()
    assert len(texts) >= 500
    ours = Embedder(cache_dir=tmp_path).encode(texts)
    theirs = Embedder(embed.UPSTREAM_MODEL, cache_dir=tmp_path).encode(texts)
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(texts), 5000), rng.integers(0, len(texts), 5000)
    pearson = np.corrcoef((ours[i] * ours[j]).sum(1), (theirs[i] * theirs[j]).sum(1))[0, 1]
    assert pearson >= 0.99
    assert float((ours * theirs).sum(1).min()) > 0.9  # each text near its own fp32 vector


BLOCKER = textwrap.dedent("""
    import importlib.abc, sys
    HEAVY = ("torch", "transformers", "sentence_transformers")
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HEAVY:
                raise ImportError(f"{name} is blocked: checker must run without it")
    sys.meta_path.insert(0, Block())
    from typer.testing import CliRunner
    from checker.cli import app
    for args, codes in ARGS:
        r = CliRunner().invoke(app, args)
        assert r.exit_code in codes, (args, r.exit_code, r.output, r.exception)
    bad = [m for m in sys.modules if m.split(".")[0] in HEAVY]
    assert not bad, bad
""")


def test_review_check_audit_and_train_run_without_torch(tmp_path):
    story = str(SAMPLES / "foreign-caption-same-topic.txt")
    labels = dev_slice_labels(tmp_path)
    args = [
        (["review", story, "--cache-dir", str(tmp_path / "c1")], (1,)),
        (["check", story, "--cache-dir", str(tmp_path / "c2")], (1,)),
        (["audit", story, "--out", str(tmp_path / "audit"), "--workers", "0",
          "--cache-dir", str(tmp_path / "c3")], (0, 1)),
        (["train", str(labels), "--out", str(tmp_path / "fit.json"), "--folds", "2",
          "--cache-dir", str(tmp_path / "c4")], (0,)),
    ]
    code = f"ARGS = {args!r}\n" + BLOCKER
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_shipped_model_rebuilds_byte_identical_from_the_upstream_weights():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_onnx.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "identical" in proc.stdout


def test_vectors_are_the_exact_integer_product_on_any_cpu():
    """A CPU without VNNI multiplies int8 pairs into 16-bit sums; with 8-bit weights they
    saturate and the same text gets another vector (and verdict) than on a CPU with VNNI. The
    shipped model's 7-bit weights never saturate: onnxruntime's vectors here equal those of
    ONNX's reference evaluator, which computes the integer products exactly in numpy."""
    import onnx
    from onnx import version_converter
    from onnx.reference import ReferenceEvaluator

    folder = embed.ONNX_DIR
    encoder = embed.OnnxEncoder(folder, threads=1)
    texts = ["An airstrike hit a house on the outskirts of Sabratha, Libya, on Friday.",
             "Shares in the carmaker fell 4% in early trading after it cut its forecast."]
    fast = encoder.encode(texts)
    exact = ReferenceEvaluator(version_converter.convert_version(onnx.load(str(folder / embed.MODEL_FILE)), 21))

    class Session:
        def run(self, outputs, feed):
            return exact.run(outputs, feed)

    encoder.session = Session()
    assert float(np.abs(fast - encoder.encode(texts)).max()) < 2e-3
