"""The registry, rules/*.yml, tests/rule_cases/*.yml and the docstrings stay in step."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from checker.config import OUTLETS_FILE, SEGMENTER_FILE, rules_dir
from checker.report.docs import HEADINGS, sections
from checker.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_RULES = {"headline-mismatch", "caption-mismatch", "unrelated-trailer", "off-topic",
                "boilerplate", "duplicate", "extraction-artifact", "mixed-attribution",
                "date-inconsistency", "caption-reuse"}


def test_every_schema_rule_is_registered():
    assert {r.id for r in RULES} == SCHEMA_RULES


def test_one_yaml_per_rule_and_nothing_else():
    files = {p.name for p in rules_dir().glob("*.yml")}
    assert files == {f"{r.id}.yml" for r in RULES} | {SEGMENTER_FILE, OUTLETS_FILE}


def test_an_archive_rule_is_tested_on_an_archive():
    """caption-reuse needs the whole archive, so it has no per-article cases: its tests run it
    over captions of several stories, and end to end through `checker audit`."""
    for rule in RULES:
        if rule.archive:
            module = rule.id.replace("-", "_")
            assert (ROOT / "tests" / f"test_audit_{module}.py").is_file(), rule.id


def test_one_case_file_per_rule_with_pass_fail_and_override():
    for rule in (r for r in RULES if not r.archive):
        path = ROOT / "tests" / "rule_cases" / f"{rule.id}.yml"
        assert path.is_file(), f"missing {path}"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == rule.id
        cases = data["cases"]
        assert any(c["flags"] for c in cases), f"{rule.id}: no failing example"
        assert any(not c["flags"] for c in cases), f"{rule.id}: no passing example"
        assert any(c.get("params") for c in cases), f"{rule.id}: no threshold override case"


def test_docstrings_have_the_fixed_headings():
    for rule in RULES:
        parts = sections(rule.doc)
        assert parts["summary"].endswith("."), rule.id
        for heading in HEADINGS:
            assert parts.get(heading), f"{rule.id}: missing '## {heading}'"


def test_params_have_no_defaults():
    for rule in RULES:
        for field in dataclasses.fields(rule.params):
            assert field.default is dataclasses.MISSING, f"{rule.id}.{field.name} has a default"


def test_readme_rules_table_matches_the_registry(config):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rc in config.rules:
        assert f"| `{rc.rule.id}` | {rc.severity.label} | {rc.rule.summary} |" in readme, rc.rule.id


def test_the_wheel_carries_the_rules(tmp_path):
    """An installed checker (the GitHub Action, pip install) finds rules/ inside the package."""
    import subprocess
    import sys
    import zipfile

    assert (ROOT / "checker" / "_rules").resolve() == (ROOT / "rules").resolve()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("checker-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "rules").iterdir():
        assert f"checker/_rules/{path.name}" in names, path.name
    assert "checker/audit/templates/report.html.j2" in names
    # and every data file the code reads: word lists, the gazetteer, the model
    for path in (ROOT / "checker" / "data").rglob("*"):
        if path.is_file():
            assert f"checker/{path.relative_to(ROOT / 'checker').as_posix()}" in names, path.name


def test_no_module_rebinds_a_module_level_constant():
    # A second `_PATTERN = ...` further down a module silently changes what every function
    # above it reads; shape()'s sentence_end once broke that way.
    import ast

    for path in sorted((ROOT / "checker").rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AnnAssign) else []
            for t in targets:
                if isinstance(t, ast.Name) and t.id.lstrip("_").isupper():
                    assert t.id not in seen, f"{path.name}:{node.lineno} rebinds {t.id} (line {seen[t.id]})"
                    seen[t.id] = node.lineno


def _strings(value, where=""):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def test_no_yaml_string_longer_than_300_characters():
    """A pattern past a screen is read by nobody: long ones are lists of parts, built from the
    segmenter's named vocabulary."""
    long = [(path.name + where, len(text)) for path in sorted(rules_dir().glob("*.yml"))
            for where, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
            if len(text) > 300]
    assert not long, long


def test_a_pattern_naming_an_unknown_vocabulary_entry_is_a_configuration_error(tmp_path):
    import shutil

    import pytest

    from checker.config import ConfigError, load

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    path = rules / SEGMENTER_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("via {agency}", "via {agencies}"),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"segmenter\.yml.*\{agencies\}, which the vocabulary lacks"):
        load(rules)
