"""The layers of ARCHITECTURE.md hold: no import cycle, and every import points down."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SHARED


def test_no_import_cycles_function_level_imports_included():
    tool = SHARED / "tools" / "import_cycles.py"
    proc = subprocess.run([sys.executable, str(tool), str(ROOT / "checker")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 files in 0 cycles", proc.stdout


def test_the_layers_contract_is_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra"
    proc = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout
