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


@pytest.mark.parametrize("old,new,error", [
    ("  min_ratio: 0.93\n", "  min_ratio: 0.93\n  min_wrods: 3\n", r"duplicate\.yml.*min_wrods"),
    ("  min_ratio: 0.93\n", "", "missing key 'min_ratio'"),
    ("min_ratio: 0.93", "min_ratio: high", r"params\.min_ratio: expected a finite number"),
], ids=["unknown key", "missing key", "wrong type"])
def test_param_mistakes_name_file_and_key(rules_copy, old, new, error):
    path = rules_copy / "duplicate.yml"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    with pytest.raises(ConfigError, match=error):
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


def test_weights_live_in_the_classifiers_file_not_the_yaml():
    with pytest.raises(ConfigError, match="unknown key 'weights'"):
        load(overrides={"caption-mismatch": {"params": {"weights": {"bias": 1.0}}}})


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError, match="report_probability <= min_probability"):
        load(overrides={"caption-mismatch": {"params": {"report_probability": 0.9, "min_probability": 0.5}}})


def test_overrides_merge_and_unknown_rule():
    cfg = load(overrides={"duplicate": {"severity": "error", "params": {"min_words": 5}}})
    rc = cfg.get("duplicate")
    assert rc.severity.label == "error" and rc.params.min_words == 5 and rc.params.min_ratio == 0.93
    with pytest.raises(ConfigError, match="unknown rule 'nope'"):
        load(overrides={"nope": {}})


def test_judged_weights_are_named_after_the_scorers_fixed_features():
    judged = load().get("caption-mismatch").params.judged_weights
    assert dict(judged) == {"place_conflict": 5.0, "place_unnamed": 5.0, "years_before": 0.8, "event_conflict": 5.0}
    with pytest.raises(ConfigError, match=r"caption-mismatch\.yml.*judged_weights: needs exactly"):
        load(overrides={"caption-mismatch": {"params": {"judged_weights": {"typo": 1.0}}}})
    with pytest.raises(ConfigError, match=r"off-topic\.yml.*judged_weights: needs exactly no features"):
        load(overrides={"off-topic": {"params": {"judged_weights": {"place_conflict": 1.0}}}})
    with pytest.raises(ValueError, match="judged_weights.place_conflict must be a finite number"):
        load(overrides={"caption-mismatch": {"params": {"judged_weights": {"place_conflict": float("nan")}}}})


def test_scoring_uses_the_judged_weights_of_the_yaml_not_the_classifiers_file(embedder):
    from checker.engine import Engine
    from checker.read import read_path
    from tests.conftest import SAMPLES

    def confidence(weight: float) -> float:
        weights = {"place_conflict": weight, "place_unnamed": weight}
        config = load(overrides={"caption-mismatch": {"params": {"judged_weights": weights}}})
        (result,) = Engine(config, embedder).check_sources([read_path(str(SAMPLES / "foreign-caption-same-topic.txt"))])
        return max((f.confidence for f in result.findings if f.rule == "caption-mismatch"), default=0.0)

    shipped, lowered = confidence(5.0), confidence(0.0)
    assert shipped >= 0.9 and lowered < shipped - 0.2


def test_outlets_are_one_strict_file_read_by_the_segmenter_and_the_rules(rules_copy):
    config = load(rules_copy)
    outlets = config.get("mixed-attribution").params.outlets
    assert config.get("boilerplate").params.outlets is outlets
    assert dict(outlets.names)["AP"] == ("AP", "Associated Press", "AP Photo")
    assert "Xinhua" in config.segmenter.vocabulary["agency"]
    path = rules_copy / "outlets.yml"
    path.write_text(path.read_text().replace("photo_only:", "photo_onyl:"))
    with pytest.raises(ConfigError, match=r"outlets\.yml: unknown key 'photo_onyl'"):
        load(rules_copy)


def test_an_outlet_added_to_outlets_yml_is_known_to_mixed_attribution(rules_copy, embedder):
    from checker.engine import Engine
    from tests.helpers import check_text

    story = ("Floods hit the north\n\nMETRO CITY (Reuters) - Floods hit the north on Monday.\n\n"
             "Rescue teams arrived on Tuesday, officials said.\n\n"
             "This article first appeared in the Smallville Gazette.\n")
    def attributed(config):
        result = check_text(Engine(config, embedder), story)
        return [f for f in result.findings if f.rule == "mixed-attribution"]

    assert not attributed(load(rules_copy))
    path = rules_copy / "outlets.yml"
    path.write_text(path.read_text().replace("  Anadolu:", "  Smallville Gazette: [Smallville Gazette]\n  Anadolu:"))
    assert attributed(load(rules_copy))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.5"])
def test_a_threshold_must_be_a_finite_number(bad):
    with pytest.raises(ConfigError, match=r"min_probability: expected a finite number"):
        load(overrides={"off-topic": {"params": {"min_probability": bad}}})
