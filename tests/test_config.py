"""Strict configuration: every mistake names the file and the key."""
from __future__ import annotations

import shutil

import pytest

from checker.config import ConfigError, load, rules_dir


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def test_shipped_rules_load(config):
    assert {rc.rule.id for rc in config.rules} >= {"caption-mismatch", "duplicate"}
    assert all(rc.enabled for rc in config.rules)


def test_unknown_param_names_file_and_key(rules_copy):
    path = rules_copy / "duplicate.yml"
    path.write_text(path.read_text() + "  min_wrods: 3\n")
    with pytest.raises(ConfigError, match=r"duplicate\.yml.*min_wrods"):
        load(rules_copy)


def test_missing_param_is_an_error(rules_copy):
    path = rules_copy / "duplicate.yml"
    path.write_text(path.read_text().replace("  min_ratio: 0.93\n", ""))
    with pytest.raises(ConfigError, match="missing key 'min_ratio'"):
        load(rules_copy)


def test_wrong_type_is_an_error(rules_copy):
    path = rules_copy / "duplicate.yml"
    path.write_text(path.read_text().replace("min_ratio: 0.93", "min_ratio: high"))
    with pytest.raises(ConfigError, match=r"params\.min_ratio: expected a number"):
        load(rules_copy)


def test_bad_severity_and_yaml(rules_copy):
    path = rules_copy / "boilerplate.yml"
    path.write_text(path.read_text().replace("severity: warning", "severity: fatal"))
    with pytest.raises(ConfigError, match="boilerplate.yml.severity"):
        load(rules_copy)
    path.write_text("enabled: [unclosed\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load(rules_copy)


def test_missing_rule_file(rules_copy):
    (rules_copy / "off-topic.yml").unlink()
    with pytest.raises(ConfigError, match="off-topic.yml: file missing"):
        load(rules_copy)


def test_weights_must_match_features():
    with pytest.raises(ValueError, match="unknown weight 'colour'"):
        load(overrides={"caption-mismatch": {"params": {"weights": {
            "bias": 1.0, "centroid_similarity": 1.0, "best_similarity": 1.0,
            "place_conflict": 1.0, "years_before": 1.0, "colour": 2.0}}}})


def test_overrides_merge_and_unknown_rule():
    cfg = load(overrides={"duplicate": {"severity": "error", "params": {"min_words": 5}}})
    rc = cfg.get("duplicate")
    assert rc.severity.label == "error" and rc.params.min_words == 5 and rc.params.min_ratio == 0.93
    with pytest.raises(ConfigError, match="unknown rule 'nope'"):
        load(overrides={"nope": {}})
