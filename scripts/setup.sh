#!/usr/bin/env bash
# One-time (and idempotent) set-up: a virtualenv in .venv with checker, its test tools and the
# sentence-transformers extra, which the parity tests compare the default ONNX engine with.
# checker itself needs no torch; for the extra, the CPU build of torch goes in first: left to
# the resolver, sentence-transformers would pull the newest torch with several GB of CUDA.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
stamp=.venv/.checker-setup
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/checker ]; then
  exit 0
fi

echo "checker: setting up .venv (first run takes a few minutes)" >&2
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip() { .venv/bin/python -m pip --disable-pip-version-check -q "$@" 2>&1 | grep -v "^WARNING: Location" >&2 || true; }
pip install "torch==2.13.0"
pip install -e ".[test,sentence-transformers]"
.venv/bin/python -c "import onnxruntime, sentence_transformers, checker" \
  || { echo "checker: set-up failed (see pip output above)" >&2; exit 1; }
# Build the gazetteer index once now rather than on the first review.
.venv/bin/python -c "from checker.places import gazetteer; gazetteer()" || true
echo "$want" > "$stamp"
