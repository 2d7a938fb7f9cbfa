"""Every rule against its own failing and passing articles: tests/rule_cases/<rule-id>.yml.

A case lists the lines the rule must flag at warning or above (`flags`), and nothing else
may be flagged by that rule at that level. `params` overrides the rule's YAML settings for
that case (each rule has at least one such case, see test_meta).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import load
from checker.engine import Engine
from tests.helpers import check_text, lines_flagged

CASES_DIR = Path(__file__).parent / "rule_cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}::{case['name']}")


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_rule_case(rule, case, engine, embedder):
    if case.get("params"):
        engine = Engine(load(overrides={rule: {"params": case["params"]}}), embedder)
    fmt = case.get("format", "txt")
    result = check_text(engine, case["article"], fmt, path=f"case.{fmt}")
    assert result.error is None, result.error
    got = lines_flagged(result, rule, case.get("min_severity", "warning"))
    assert got == sorted(case["flags"]), [
        (f.line, f.severity.label, f.message) for f in result.findings if f.rule == rule]


def test_one_mojibake_finding_per_word(engine):
    text = "Mayor speaks\n\nThe mayor, HÃ©lÃ¨ne Dupont, opened the new bridge on Tuesday morning.\n"
    result = check_text(engine, text)
    found = [f for f in result.findings if f.rule == "extraction-artifact"]
    assert [f.evidence["token"] for f in found] == ["HÃ©lÃ¨ne"]


def test_mojibake_names_the_code_page_its_bytes_were_read_as(engine):
    """"donâ€™t" is UTF-8 read as Windows-1252; "donâ\\x80\\x99t", its C1 controls left in, as
    Latin-1."""
    for word, page in (("donâ€™t", "Windows-1252"), ("donâ\x80\x99t", "Latin-1")):
        text = f"Mayor speaks\n\nThe mayor said she {word} expect the bridge to open before Tuesday morning.\n"
        found = [f for f in check_text(engine, text).findings if f.rule == "extraction-artifact"]
        assert [f.message.split(":")[0] for f in found] == [f"Mojibake (UTF-8 read as {page})"], found
