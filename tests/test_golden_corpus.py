"""Behaviour on the whole dev corpus is what tests/golden/corpus_findings.json.gz records:
a refactor that moves one finding, one line or one confidence in the third place fails here."""
from __future__ import annotations

import pytest

from tests import golden_corpus


@pytest.mark.skipif(not golden_corpus.CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_findings_on_the_dev_corpus_are_unchanged(embedder):
    diff = golden_corpus.differences(golden_corpus.read(), golden_corpus.current(embedder))
    assert not diff, ("findings on the dev corpus moved (if meant, run `python -m tests.golden_corpus"
                      " --update` and say why in the commit):\n" + "\n".join(diff))
