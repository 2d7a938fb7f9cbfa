"""The version is written once, the changelog has its section, and everything that tells a
user which release to pin names the current one."""
from __future__ import annotations

import re
import tomllib

import checker
from tests.conftest import ROOT

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def test_the_version_is_semver_and_single_sourced():
    assert SEMVER.match(checker.__version__)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.__version__"}
    assert project["project"]["urls"]["Homepage"] == checker.HOMEPAGE


def test_the_changelog_has_the_release():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(checker.__version__)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)
    assert f"[{checker.__version__}]: " in changelog


def test_docs_pin_the_release_tag():
    tag = f"v{checker.__version__}"
    for name in ("README.md", "docs/ci.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert f"rev: {tag}" in text, name
        assert f"checker@{tag}" in text, name
        assert "rev: main" not in text and "checker@main" not in text, name
