"""The rules, registered by hand: adding one means a module here, rules/<id>.yml and
tests/rule_cases/<id>.yml (tests/test_meta.py holds the three together)."""
from checker.model import Rule
from checker.rules import (
    boilerplate,
    caption_mismatch,
    date_inconsistency,
    duplicate,
    extraction_artifact,
    headline_mismatch,
    mixed_attribution,
    off_topic,
    unrelated_trailer,
)

RULES: tuple[Rule, ...] = (
    headline_mismatch.RULE,
    caption_mismatch.RULE,
    unrelated_trailer.RULE,
    off_topic.RULE,
    boilerplate.RULE,
    duplicate.RULE,
    extraction_artifact.RULE,
    mixed_attribution.RULE,
    date_inconsistency.RULE,
)

BY_ID = {r.id: r for r in RULES}
