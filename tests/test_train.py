"""Fitted classifiers: the shipped file, its validation, `checker train` and `--params`."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from checker.classifier import FORMAT, Classifier, ParamsError, average, default_path, from_dict, load
from checker.cli import app
from checker.features.numbers import number_conflicts
from checker.features.shape import shape
from checker.rules import SCORERS
from checker.train import Examples, Labelled, fit, label_for, read_labels
from tests.conftest import SAMPLES, SHARED
from tests.helpers import dev_slice_labels


def test_shipped_classifiers_cover_every_scorer_with_held_out_figures():
    shipped = load(SCORERS)
    for name, (_, scorer) in SCORERS.items():
        c = shipped.get(name)
        assert set(c.weights) == set(scorer.features)
        held = c.info["held_out"]
        assert held["auroc"] > 0.8 and held["folds"] >= 2, name


def _valid() -> dict:
    return json.loads(json.dumps({"format": FORMAT, "classifiers": {
        name: {"bias": 0.0, "weights": {f: 1.0 for f in s.features}} for name, (_, s) in SCORERS.items()}}))


@pytest.mark.parametrize("breakage,needle", [
    (lambda d: d.update(format="nope"), "not a classifiers file"),
    (lambda d: d["classifiers"].pop("caption-mismatch"), "classifiers.caption-mismatch: missing"),
    (lambda d: d["classifiers"].update(typo={}), "classifiers.typo: no such scorer"),
    (lambda d: d["classifiers"]["off-topic"]["weights"].pop("stock_similarity"), "refit with `checker train`"),
    (lambda d: d["classifiers"]["off-topic"].update(bias="high"), "bias must be a finite number"),
    (lambda d: d["classifiers"]["off-topic"].update(reference={"typo": 0.1}), "reference: must map"),
    (lambda d: d["classifiers"]["off-topic"].update(reference={"stock_similarity": "x"}), "stock_similarity must be a finite"),
])
def test_a_broken_classifiers_file_names_what_is_wrong(breakage, needle):
    data = _valid()
    breakage(data)
    with pytest.raises(ParamsError, match=None) as err:
        from_dict(data, "mine.json", SCORERS)
    assert needle in str(err.value) and "mine.json" in str(err.value)


def test_score_is_the_logistic_of_the_weighted_sum_with_contributions():
    c = from_dict(_valid(), "x", SCORERS).get("caption-mismatch")
    values = {f: 0.0 for f in c.weights} | {"place_conflict": 2.0}
    p, contributions = c.score(values)
    assert p == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert contributions["place_conflict"] == 2.0


def test_averaged_fits_score_the_mean_log_odds():
    held = {"folds": 5, "auroc": 0.9, "f1_at_0.5": 0.6}
    a = Classifier("r", {"x": 2.0, "y": -1.0}, 0.5, {"held_out": held}, {"x": 0.2, "y": 1.0})
    b = Classifier("r", {"x": 4.0, "y": 1.0}, -1.5, {"held_out": {**held, "auroc": 1.0, "f1_at_0.5": 0.8}},
                   {"x": 0.4, "y": 0.0})
    mean = average([{"r": a}, {"r": b}])["r"]
    assert (mean.weights, mean.bias) == ({"x": 3.0, "y": 0.0}, -0.5)
    assert mean.reference == pytest.approx({"x": 0.3, "y": 0.5})
    assert mean.info["held_out"] == {"folds": 5, "auroc": 0.95, "f1_at_0.5": 0.7}
    assert mean.info["averaged_over"] == 2
    values = {"x": 0.7, "y": 2.0}
    logit = lambda c: np.log(c.score(values)[0] / (1 - c.score(values)[0]))  # noqa: E731
    assert logit(mean) == pytest.approx((logit(a) + logit(b)) / 2)


def test_contributions_are_measured_from_the_typical_value():
    data = _valid()
    data["classifiers"]["caption-mismatch"]["reference"] = {"centroid_similarity": 0.4}
    c = from_dict(data, "x", SCORERS).get("caption-mismatch")
    values = {f: 0.0 for f in c.weights} | {"centroid_similarity": 0.1}
    p, contributions = c.score(values)
    assert p == pytest.approx(1 / (1 + np.exp(-0.1)))  # the probability does not change
    assert contributions["centroid_similarity"] == pytest.approx(-0.3)
    assert contributions["term_coverage"] == 0.0  # no reference: measured from zero


def test_shipped_contributions_explain_a_flag_by_what_raised_it():
    """Against the typical caption, a caption that shares nothing with the story is flagged
    by its low similarity and coverage, which must come out as positive drivers."""
    c = load(SCORERS).get("caption-mismatch")
    values = {f: 0.0 for f in c.weights} | {"centroid_similarity": 0.05, "best_similarity": 0.1,
                                            "term_coverage": 0.0}
    p, contributions = c.score(values)
    assert p > 0.9
    for feature in ("centroid_similarity", "best_similarity", "term_coverage"):
        assert contributions[feature] > 0, feature


def test_fit_learns_the_direction_and_is_calibrated():
    rng = np.random.default_rng(0)
    ex = Examples(("signal", "noise", "rare"))
    for i in range(600):
        y = int(rng.random() < 0.3)
        ex.rows.append([rng.normal(1.5 if y else 0.0), rng.normal(), 1.0 if i < 3 else 0.0])
        ex.labels.append(y)
        ex.groups.append(f"g{i % 60}")
        ex.articles.append(i)
    c = fit("caption-mismatch", ex, folds=5)
    assert c.weights["signal"] > 1.0 > abs(c.weights["noise"])
    assert c.reference["signal"] == pytest.approx(np.mean([r[0] for r in ex.rows]))
    assert c.weights["rare"] == 0.0 and c.info["not_fitted"]["features"] == ["rare"]
    X, y, _ = ex.arrays()
    z = c.bias + X @ np.array([c.weights[f] for f in ex.features])
    assert abs(float(np.mean(1 / (1 + np.exp(-z)))) - y.mean()) < 0.03  # calibrated on average
    assert c.info["held_out"]["auroc"] > 0.8


def test_separable_labels_keep_weights_on_the_scale_of_the_judged_ones():
    """Labels the features separate must not make the fitted weights unbounded: a weight set by
    judgement (a place conflict's +5) has to keep its say against them."""
    rng = np.random.default_rng(1)
    ex = Examples(("signal", "judged"))
    for i in range(120):
        y = int(i % 2)
        ex.rows.append([rng.uniform(2.0, 3.0) if y else rng.uniform(-3.0, -2.0), 0.0])
        ex.labels.append(y)
        ex.groups.append(f"g{i % 40}")
        ex.articles.append(i)
    base = Classifier("caption-mismatch", {"signal": 1.0, "judged": 5.0}, 0.0)
    c = fit("caption-mismatch", ex, folds=5, base=base, fixed=("judged",))
    assert c.weights["judged"] == 5.0
    assert 0.0 < c.weights["signal"] < 10.0
    p, _ = c.score({"signal": 3.0, "judged": 0.0})
    assert 0.9 < p < 0.999   # confident, not certain: 60 positives cannot prove 1.0


def test_labels_mark_positives_ignored_and_other_rules_lines():
    item = Labelled(Path("a.txt"), frozenset({7}), frozenset({9}), frozenset({"caption-mismatch"}), "g")
    assert label_for("caption-mismatch", range(7, 8), item) == 1
    assert label_for("unrelated-trailer", range(7, 8), item) is None   # a positive it is not meant to catch
    assert label_for("caption-mismatch", range(9, 10), item) is None
    assert label_for("caption-mismatch", range(3, 4), item) == 0


def test_bad_labels_name_file_and_line(tmp_path):
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"file": "a.txt"}\n{"positive_lines": [1]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels.jsonl:2"):
        read_labels([bad])


@pytest.mark.parametrize("line,body,expected", [
    ("Flood kills 40 in Kerala", "The flood killed 14 people on Monday.", [("40", "14")]),
    ("Firm to cut 3,000 jobs", "The firm will cut 300 jobs next year.", [("3,000", "300")]),
    ("Flood kills 14 in Kerala", "The flood killed 14 people on Monday.", []),
    ("Boeing 787 order for 30 jets", "The order for 30 Boeing jets was signed.", []),
    ("Three-year-old rescued", "The boy, 3, was rescued after 17 hours.", []),
    ("Turnout hits 2019 high", "Turnout was the highest since 2019.", []),
])
def test_number_conflicts(line, body, expected):
    assert number_conflicts(line, body) == expected


def test_line_shape():
    assert shape("2. Check the lock")["list_item"] == 1.0
    assert shape("WHAT SAY YOU, JURY?")["all_caps"] == 1.0
    assert shape("Officials said the fire was out.")["sentence_end"] == 1.0
    assert shape("Residents look on as a crane lifts the car, left")["caption_cues"] > 0


@pytest.fixture(scope="module")
def small_labels(tmp_path_factory) -> Path:
    """A slice of the dev corpus (files by absolute path), enough stories to fit on."""
    return dev_slice_labels(tmp_path_factory.mktemp("labels"))


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the project")
def test_train_writes_params_that_review_uses(small_labels, tmp_path):
    out = tmp_path / "mine.json"
    run = CliRunner().invoke(app, ["train", str(small_labels), "--out", str(out), "--folds", "3"])
    assert run.exit_code == 0, run.output
    assert "held out" in run.stdout and "headline-mismatch" in run.stdout
    mine = load(SCORERS, out)
    assert mine.get("headline-mismatch").info["examples"] > 50
    assert mine.meta["articles"] == 120
    # Features the slice never varies keep the shipped judgement weights.
    assert mine.get("headline-mismatch").weights["missing_place"] == load(SCORERS).get("headline-mismatch").weights["missing_place"]
    review = CliRunner().invoke(app, ["review", str(SAMPLES / "headline-swap.txt"), "--format", "json",
                                      "--params", str(out)])
    assert review.exit_code == 1, review.output
    finding = next(f for f in json.loads(review.stdout)["files"][0]["findings"] if f["rule"] == "headline-mismatch")
    assert set(finding["evidence"]["features"]) == set(mine.get("headline-mismatch").weights)


def test_review_rejects_a_bad_params_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = CliRunner().invoke(app, ["review", str(SAMPLES / "headline-swap.txt"), "--params", str(bad)])
    assert run.exit_code == 2 and "bad.json" in run.output


def test_check_takes_params_as_review_does(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = CliRunner().invoke(app, ["check", str(SAMPLES / "headline-swap.txt"), "--params", str(bad)])
    assert run.exit_code == 2 and "parameters error" in run.output and "bad.json" in run.output
    # A newsroom's refit that never trusts a headline mismatch: check must use it, not the shipped file.
    data = json.loads(default_path().read_text(encoding="utf-8"))
    data["classifiers"]["headline-mismatch"]["bias"] = -100.0
    lenient = tmp_path / "lenient.json"
    lenient.write_text(json.dumps(data), encoding="utf-8")
    rules = lambda run: {f["rule"] for f in json.loads(run.stdout)["files"][0]["findings"]  # noqa: E731
                         if f["severity"] != "info"}
    shipped = CliRunner().invoke(app, ["check", str(SAMPLES / "headline-swap.txt"), "--format", "json"])
    mine = CliRunner().invoke(app, ["check", str(SAMPLES / "headline-swap.txt"), "--format", "json",
                                    "--params", str(lenient)])
    assert "headline-mismatch" in rules(shipped) and "headline-mismatch" not in rules(mine)
