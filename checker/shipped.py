"""Where the rules and data that ship with checker live: the lowest layer, so that anything
may ask without importing what reads them."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"


def rules_dir() -> Path:
    """The shipped rules/ (or $CHECKER_RULES_DIR): one YAML file per rule, the segmenter's
    patterns and the fitted classifiers."""
    env = os.environ.get("CHECKER_RULES_DIR")
    if env:
        return Path(env)
    # checker/_rules links to the repository's rules/ and is a real folder in an installed wheel.
    return PACKAGE / "_rules"


def load_yaml(text: str):
    """YAML as plain data (a safe load), parsed by libyaml when PyYAML was built with it: the
    pure-Python parser took a tenth of a second of every run over the rules and data files."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
