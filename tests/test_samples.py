"""Every samples/*.txt|md|html and the seed, through the CLI, held to its .expected.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from tests.conftest import SAMPLES, SEED
from tests.helpers import hold_to_expectations

ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md") + [SEED]


def test_there_are_enough_samples():
    assert len(ARTICLES) - 1 >= 6
    for article in ARTICLES:
        assert article.with_suffix(".expected.json").is_file(), article


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_article_meets_its_expectations(article: Path, tmp_path, _isolated_cache):
    runner = CliRunner()
    result = runner.invoke(app, ["review", str(article), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    code, detail = hold_to_expectations(result.stdout, article.with_suffix(".expected.json"), tmp_path)
    assert code == 0, detail


def test_the_story_places_beside_a_headline_are_not_the_headline_own():
    """'story places: … Al-Qaim' beside 'the body never mentions Al-Qaim' contradicted itself:
    the line judged (and its repeats) is not evidence of where the story is."""
    result = CliRunner().invoke(app, ["review", str(SEED), "--format", "json"])
    (finding,) = [f for f in json.loads(result.stdout)["files"][0]["findings"]
                  if f["rule"] == "headline-mismatch"]
    assert "Al-Qaim" in finding["message"]
    assert "Al-Qaim" not in [p["name"] for p in finding["evidence"]["story_places"]]
