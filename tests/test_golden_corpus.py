"""Behaviour on the whole dev corpus is what tests/golden/corpus_findings.json.gz records:
a refactor that moves one finding, one line, or a confidence by more than the tolerance fails here."""
from __future__ import annotations

import pytest

from tests import golden_corpus


@pytest.mark.skipif(not golden_corpus.CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_findings_on_the_dev_corpus_are_unchanged(embedder):
    diff = golden_corpus.differences(golden_corpus.read(), golden_corpus.current(embedder))
    assert not diff, ("findings on the dev corpus moved (if meant, run `python -m tests.golden_corpus"
                      " --update` and say why in the commit); the probe vectors differ from those of"
                      f" the machine that wrote the file by up to {golden_corpus.vector_drift(embedder):.2e}"
                      " (past 1e-3, this CPU computes another model):\n" + "\n".join(diff))


def test_a_confidence_may_move_within_the_tolerance_and_nothing_else_may():
    golden = {"T2/a.txt": ["caption-mismatch error 7-7 0.910", "off-topic info 9-9 0.230"]}

    def moved(*found: str) -> list[str]:
        return golden_corpus.differences(golden, {"T2/a.txt": list(found)})

    assert moved("off-topic info 9-9 0.233", "caption-mismatch error 7-7 0.906") == []
    assert moved("caption-mismatch error 7-7 0.904", "off-topic info 9-9 0.230")  # past 0.005
    assert moved("caption-mismatch warning 7-7 0.910", "off-topic info 9-9 0.230")  # severity
    assert moved("caption-mismatch error 8-8 0.910", "off-topic info 9-9 0.230")  # lines
    assert moved("caption-mismatch error 7-7 0.910")  # a finding gone
