"""Every named pattern of rules/segmenter.yml finds its `matches` and none of its `rejects`,
applied as the segmenter applies its family (checker.segment.FAMILIES)."""
from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
import yaml

from checker.config import SEGMENTER_FILE, ConfigError, load, rules_dir
from checker.segment_vocabulary import FAMILIES, SegmenterParams, expand

PARAMS = load().segmenter
ENTRIES = list(PARAMS.named_patterns())


def _finds(family: str, pattern, line: str) -> bool:
    mode, flags = FAMILIES[family]
    compiled = re.compile(expand(pattern, PARAMS.vocabulary), flags)
    return bool(getattr(compiled, mode)(line.strip() if mode == "fullmatch" else line))


@pytest.mark.parametrize("family, entry", ENTRIES, ids=[f"{f}.{e.name}" for f, e in ENTRIES])
def test_pattern_finds_its_matches_and_none_of_its_rejects(family, entry):
    missed = [line for line in entry.matches if not _finds(family, entry.pattern, line)]
    found = [line for line in entry.rejects if _finds(family, entry.pattern, line)]
    assert not missed and not found, {"missed": missed, "wrongly found": found}


def test_every_family_of_the_params_has_a_mode_and_flags():
    families = {f.name for f in dataclasses.fields(SegmenterParams)
                if f.name.endswith(("_patterns", "_pattern"))}
    assert families == set(FAMILIES)


def _edited(tmp_path, edit):
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    path = rules / SEGMENTER_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return rules


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["caption_patterns"]["in_this_photo"].pop("rejects"),
     r"caption_patterns\.in_this_photo: missing key 'rejects'"),
    (lambda d: d["credit_patterns"]["agency_in_brackets"].update(note="x"),
     r"credit_patterns\.agency_in_brackets: unknown key 'note'"),
    (lambda d: d["byline_patterns"]["by_name"].update(matches=[]),
     r"byline_patterns\.by_name\.matches: expected a non-empty list"),
    (lambda d: d["dateline_pattern"].update(rejects="EXCLUSIVE: Council approves the budget"),
     r"dateline_pattern\.rejects: expected a non-empty list"),
    (lambda d: d.update(advert_patterns=[e["pattern"] for e in d["advert_patterns"].values()]),
     r"advert_patterns: expected a mapping of named patterns"),
], ids=["missing rejects", "unknown key", "no matches", "rejects not a list", "a bare list"])
def test_a_malformed_entry_is_a_configuration_error_naming_the_file(tmp_path, edit, message):
    with pytest.raises(ConfigError, match=rf"segmenter\.yml: {message}"):
        load(_edited(tmp_path, edit))
