"""Strict configuration past types (issue 20): ranges, file types, encodings. Every error
names the file and the key; the CLI turns it into exit 2."""
from __future__ import annotations

import shutil

import pytest
import yaml
from typer.testing import CliRunner

from checker import project
from checker.cli import app
from checker.config import ConfigError, load
from checker.shipped import rules_dir


@pytest.fixture
def rules(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def _set(rules, rule: str, key: str, value) -> None:
    path = rules / f"{rule}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["params"][key] = value
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


@pytest.mark.parametrize("rule,key,value,says", [
    ("duplicate", "min_words", -1, "0 or more"),
    ("caption-reuse", "max_evidence", -3, "0 or more"),
    ("extraction-artifact", "min_known_word_count", -5.0, "0 or more"),
    ("caption-mismatch", "min_probability", 1.5, "from 0 to 1"),
    ("duplicate", "min_ratio", -0.1, "from 0 to 1"),
    ("caption-reuse", "min_country_weight", 2, "from 0 to 1"),
    ("boilerplate", "confidence", 7, "from 0 to 1"),
])
def test_counts_and_probabilities_out_of_range_name_file_and_key(rules, rule, key, value, says):
    _set(rules, rule, key, value)
    with pytest.raises(ConfigError) as info:
        load(rules)
    assert f"{rule}.yml.params.{key}" in str(info.value) and says in str(info.value)


def test_a_project_override_out_of_range_is_refused(tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text("[rules.duplicate]\nparams = { min_ratio = 3.0 }\n")
    with pytest.raises(ConfigError, match=r"checker.toml: rules.duplicate.params.min_ratio: expected a value from 0 to 1"):
        project.read(config)


def test_invalid_utf8_in_checker_toml(tmp_path):
    config = tmp_path / "checker.toml"
    config.write_bytes(b'model = "caf\xe9"\n')
    with pytest.raises(ConfigError, match="checker.toml: not valid UTF-8"):
        project.read(config)


def test_a_folder_where_a_rule_file_should_be_and_a_file_for_the_rules_folder(rules, tmp_path):
    (rules / "duplicate.yml").unlink()
    (rules / "duplicate.yml").mkdir()
    with pytest.raises(ConfigError, match="duplicate.yml: is a folder"):
        load(rules)
    (tmp_path / "plain").write_text("x")
    with pytest.raises(ConfigError, match="not a folder of rule files"):
        load(tmp_path / "plain")


def test_an_invalid_regex_is_an_error_at_load(rules):
    path = rules / "segmenter.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("pattern: '", "pattern: '(", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="segmenter.yml.*credit_patterns"):
        load(rules)


def test_the_cli_exits_2_with_one_line(rules, tmp_path):
    _set(rules, "duplicate", "min_words", -1)
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.txt"), "--rules-dir", str(rules)])
    assert result.exit_code == 2
    assert "duplicate.yml.params.min_words" in result.output and "Traceback" not in result.output
