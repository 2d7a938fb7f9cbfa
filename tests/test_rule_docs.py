"""docs/rules/<id>.md, the pages SARIF's helpUri points at, are what the rules' docstrings and
YAML generate (`python scripts/rule_docs.py` rewrites them)."""
from __future__ import annotations

import subprocess
import sys

from checker.rules import RULES
from tests.conftest import ROOT


def test_rule_pages_are_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "rule_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + "run: python scripts/rule_docs.py"


def test_every_rule_has_a_page():
    assert sorted(p.stem for p in (ROOT / "docs" / "rules").glob("*.md")) == sorted(r.id for r in RULES)
