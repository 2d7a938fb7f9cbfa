"""The rules, registered by hand: adding one means a module here, rules/<id>.yml and
tests/rule_cases/<id>.yml (tests/test_meta.py holds the three together)."""
from checker.model import Rule
from checker.rules import (
    boilerplate,
    caption_mismatch,
    caption_reuse,
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
    caption_reuse.RULE,
)

BY_ID = {r.id: r for r in RULES}
# Every fitted classifier's name -> (the rule it serves, its scorer).
SCORERS = {s.name: (r, s) for r in RULES for s in r.scorers}
