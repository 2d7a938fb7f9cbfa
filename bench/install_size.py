"""What a user's `pip install checker` brings: size of a fresh virtualenv, and no torch.

    .venv/bin/python bench/install_size.py [--keep DIR]

Builds a virtualenv in a temporary folder (or DIR), installs this checkout with stock pip and
no extras, then prints its size on disk (target: at most 400 MB), the largest packages, and
whether torch, transformers, sentence-transformers or any CUDA package came along (they must
not). Finally it reviews a sample with the installed checker, so the slim install is shown to
work, not only to be small. Needs access to the package registry; takes a minute or two.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "sentence_transformers", "nvidia")


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="build the virtualenv here and keep it")
    args = ap.parse_args()
    venv = args.keep or Path(tempfile.mkdtemp(prefix="checker-install-")) / "venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = venv / "bin" / "python"
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
                       check=True)
        site = next((venv / "lib").glob("python*/site-packages"))
        packages = sorted(((size_mb(p), p.name) for p in site.iterdir() if p.is_dir()), reverse=True)
        heavy = [name for _, name in packages if name.lower().startswith(HEAVY)]
        total = size_mb(venv)
        print(f"fresh virtualenv with `pip install checker`: {total:6.0f} MB  (target <= 400)")
        for mb, name in packages[:8]:
            print(f"  {mb:6.0f} MB  {name}")
        print(f"torch, transformers, sentence-transformers or CUDA installed: {heavy or 'none'}")
        sample = ROOT / "samples" / "foreign-caption-same-topic.txt"
        run = subprocess.run([str(venv / "bin" / "checker"), "review", str(sample), "--no-cache",
                              "--format", "json"], capture_output=True, text=True)
        print(f"checker review of a sample with it: exit {run.returncode} (1 expected: the sample fails)")
        if heavy or run.returncode != 1:
            raise SystemExit(1)
    finally:
        if args.keep is None:
            shutil.rmtree(venv.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
