"""Write docs/rules/<id>.md, one page per rule, from the rules' docstrings and shipped YAML
(the pages SARIF's helpUri points at). `--check` writes nothing and exits 1 when a page is
out of date (tests/test_rule_docs.py runs the same comparison)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import load  # noqa: E402
from checker.report.docs import RuleDoc, rule_page  # noqa: E402

DOCS = ROOT / "docs" / "rules"


def pages() -> dict[str, str]:
    return {f"{rc.rule.id}.md": rule_page(RuleDoc.of(rc)) for rc in load(None).rules}


def main(argv: list[str]) -> int:
    wanted = pages()
    if "--check" in argv:
        stale = [name for name, text in wanted.items()
                 if not (DOCS / name).exists() or (DOCS / name).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in wanted) if DOCS.exists() else []
        for name in stale + extra:
            print(f"docs/rules/{name} is out of date", file=sys.stderr)
        return 1 if stale or extra else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        (DOCS / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
