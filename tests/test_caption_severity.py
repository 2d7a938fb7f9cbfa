"""caption-mismatch is an error only on evidence an editor can point at, or when the caption
is very far from the story; on moderate topical distance alone it is a warning."""
from __future__ import annotations

import pytest

from checker.config import load
from checker.engine import Engine
from checker.read import read_path
from tests.conftest import SEED, SHARED

# A T2 article with a caption of another story that only its topic gives away (p ~ 0.71).
TOPICAL = SHARED / "corpus" / "T2" / "dev" / "895dcbc437e1e25b.txt"


def _severities(path, embedder, threshold: float) -> list[str]:
    config = load(overrides={"caption-mismatch": {"params": {"topical_error_probability": threshold}}})
    (result,) = Engine(config, embedder).check_sources([read_path(str(path))])
    return [f.severity.label for f in result.findings if f.rule == "caption-mismatch"
            and f.severity.label != "info"]


@pytest.mark.skipif(not TOPICAL.is_file(), reason="../shared/corpus is not beside the project")
def test_topical_distance_alone_is_a_warning_below_the_threshold(embedder):
    assert _severities(TOPICAL, embedder, 0.9) == ["warning"]
    assert _severities(TOPICAL, embedder, 0.5) == ["error"]


def test_a_caption_set_in_another_country_is_an_error_whatever_the_threshold(embedder):
    assert _severities(SEED, embedder, 1.0) == ["error"]
