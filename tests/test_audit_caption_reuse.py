"""caption-reuse as a function of captions, vectors and facts (the plumbing; the end-to-end
test with the real model is in test_audit_run.py), and its strict YAML."""
from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest

from checker.audit import caption_reuse
from checker.audit.state import Caption
from checker.config import ConfigError, RuleConfig, load, rules_dir
from checker.model import Severity

POS = {"line": 3, "column": 1, "end_line": 3, "end_column": 60}
LONG = "Residents wade through floodwaters past submerged shops in the town."


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def config(**overrides) -> RuleConfig:
    params = caption_reuse.Params(min_similarity=0.9, min_caption_words=6, max_days_apart=30,
                                  min_country_weight=0.5, max_evidence=10)
    return RuleConfig(caption_reuse.RULE, True, Severity.WARNING, dataclasses.replace(params, **overrides))


FACTS = {
    "bd1": {"id": "bd1", "path": "a.jsonl:1", "headline": "Floods in Bangladesh", "date": "2024-06-20",
            "countries": {"BD": 1.0, "IN": 0.2}, "country_names": {"BD": "Bangladesh", "IN": "India"}},
    "bd2": {"id": "bd2", "path": "a.jsonl:2", "headline": "More floods in Bangladesh", "date": "2024-06-21",
            "countries": {"BD": 1.0}, "country_names": {"BD": "Bangladesh"}},
    "pk": {"id": "pk", "path": "a.jsonl:3", "headline": "Floods in Pakistan", "date": "2024-06-22",
           "countries": {"PK": 1.0}, "country_names": {"PK": "Pakistan"}},
    "bd-old": {"id": "bd-old", "path": "a.jsonl:4", "headline": "Floods in Bangladesh, 2017",
               "date": "2017-08-14", "countries": {"BD": 1.0}, "country_names": {"BD": "Bangladesh"}},
    "nowhere": {"id": "nowhere", "path": "a.jsonl:5", "headline": None, "date": None,
                "countries": {}, "country_names": {}},
}


def run(captions, vectors, **overrides):
    return caption_reuse.find(captions, np.stack(vectors), FACTS, config(**overrides))


def test_same_caption_in_another_country_is_flagged_on_both_articles():
    caps = [Caption("bd1", LONG, POS), Caption("pk", LONG, POS)]
    found = run(caps, [unit(1, 0, 0), unit(1, 0, 0)])
    assert set(found) == {"bd1", "pk"}
    (f,) = found["bd1"]
    assert f["rule"] == "caption-reuse" and f["severity"] == "warning"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 1, 3, 60)
    (other,) = f["evidence"]["other_articles"]
    assert other["id"] == "pk" and other["countries"] == ["Pakistan"]
    assert other["differs_in"] == "different places"
    assert f["evidence"]["countries"] == ["Bangladesh"]  # India at 0.2 is a passing mention


def test_same_place_and_close_dates_is_not_reuse_but_far_dates_are():
    caps = [Caption("bd1", LONG, POS), Caption("bd2", LONG, POS), Caption("bd-old", LONG, POS)]
    found = run(caps, [unit(1, 0, 0)] * 3)
    assert [o["id"] for o in found["bd1"][0]["evidence"]["other_articles"]] == ["bd-old"]
    assert found["bd1"][0]["evidence"]["other_articles"][0]["differs_in"] == "different dates"
    assert {o["id"] for o in found["bd-old"][0]["evidence"]["other_articles"]} == {"bd1", "bd2"}
    assert not run(caps, [unit(1, 0, 0)] * 3, max_days_apart=5000)


def test_near_duplicates_follow_min_similarity():
    a, b = unit(1, 0.0, 0), unit(1, 0.35, 0)  # cosine 0.944
    caps = [Caption("bd1", LONG, POS), Caption("pk", LONG + " On Friday.", POS)]
    found = run(caps, [a, b])
    assert found["bd1"][0]["evidence"]["similarity"] == pytest.approx(float(a @ b), abs=1e-3)
    assert not run(caps, [a, b], min_similarity=0.95)
    assert not run(caps, [unit(1, 0, 0), unit(0, 1, 0)])


def test_unknown_places_and_dates_and_short_captions_are_left_alone():
    caps = [Caption("nowhere", LONG, POS), Caption("pk", LONG, POS)]
    assert not run(caps, [unit(1, 0, 0)] * 2)
    short = [Caption("bd1", "File photo", POS), Caption("pk", "File photo", POS)]
    assert not run(short, [unit(1, 0, 0)] * 2)


def test_a_caption_repeated_inside_one_article_is_not_reuse():
    caps = [Caption("bd1", LONG, POS), Caption("bd1", LONG, {**POS, "line": 9})]
    assert not run(caps, [unit(1, 0, 0)] * 2)


def test_evidence_is_capped_but_counts_every_article():
    facts = dict(FACTS)
    caps = [Caption("bd1", LONG, POS)]
    for i in range(12):
        key = f"pk{i}"
        facts[key] = {**FACTS["pk"], "id": key}
        caps.append(Caption(key, LONG, POS))
    found = caption_reuse.find(caps, np.stack([unit(1, 0, 0)] * len(caps)), facts,
                               config(max_evidence=3))
    evidence = found["bd1"][0]["evidence"]
    assert evidence["articles"] == 12 and len(evidence["other_articles"]) == 3


def test_yaml_is_strict_as_every_rule_file(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    assert load(rules).get("caption-reuse").params.max_evidence > 0
    path = rules / "caption-reuse.yml"
    text = path.read_text()
    path.write_text(text.replace("max_days_apart", "max_days_apartt"))
    with pytest.raises(ConfigError, match="max_days_apartt"):
        load(rules)
    path.write_text(text.replace("enabled: true", "enabled: yes please"))
    with pytest.raises(ConfigError, match="enabled"):
        load(rules)
    path.write_text(text.replace("min_similarity: 0.9", "min_similarity: 1.5"))
    with pytest.raises(ConfigError, match=r"caption-reuse\.yml.*min_similarity: expected a value from 0 to 1"):
        load(rules)
    path.unlink()
    with pytest.raises(ConfigError, match="file missing"):
        load(rules)


def test_neighbour_search_is_kept_in_the_results_cache_and_reused(tmp_path, monkeypatch):
    from checker.audit.shared import ResultCache

    caps = [Caption("bd1", LONG, POS), Caption("pk", LONG, POS),
            Caption("bd2", "A market stall in the old town sells dried fish to shoppers.", POS)]
    vectors = np.stack([unit(1, 0, 0), unit(1, 0, 0), unit(0, 1, 0)])
    cache = ResultCache(tmp_path)
    first = caption_reuse.find(caps, vectors, FACTS, config(), memo=cache)
    cache.close()

    def no_search(*_):
        raise AssertionError("the neighbour search ran again for the same captions")

    monkeypatch.setattr(caption_reuse, "_neighbours", no_search)
    cache = ResultCache(tmp_path)
    assert caption_reuse.find(caps, vectors, FACTS, config(), memo=cache) == first
    # Other vectors or another threshold are another search.
    with pytest.raises(AssertionError):
        caption_reuse.find(caps, vectors, FACTS, config(min_similarity=0.95), memo=cache)
    with pytest.raises(AssertionError):
        caption_reuse.find(caps, np.stack([unit(1, 0, 0), unit(1, 0, 0), unit(0, 1, 0.1)]), FACTS,
                           config(), memo=cache)
    cache.close()
