"""Options that `review`, `check`, `audit` and `train` share, declared once."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Model = Annotated[Optional[str], typer.Option(
    help="Embedding model: a sentence-transformers folder or cached name (needs the "
         "sentence-transformers extra), or an ONNX folder from scripts/export_onnx.py; "
         "default: the bundled all-MiniLM-L6-v2, int8 ONNX.")]
CacheDir = Annotated[Optional[Path], typer.Option(
    help="Embedding cache folder (default: the platform cache folder, honouring XDG_CACHE_HOME).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")]
RulesDir = Annotated[Optional[Path], typer.Option(
    help="Folder of rule YAML files to use instead of the shipped rules/.")]
