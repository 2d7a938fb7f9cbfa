"""A content repository's own settings: `checker.toml`, or `[tool.checker]` in `pyproject.toml`.

Found by walking up from the checked paths (their common folder) to the filesystem root; the
first folder holding `checker.toml`, or a `pyproject.toml` with a `[tool.checker]` table, wins
(`checker.toml` first when a folder has both). Strict like `rules/*.yml`: an unknown key, a
wrong type or an unknown rule id is an error naming the file and the key.

    select = ["caption-mismatch", "unrelated-trailer"]  # only these rules (default: all)
    ignore = ["boilerplate"]                            # never these
    exclude = ["drafts/", "archive/**/*.txt"]           # gitignore patterns, from this folder
    model = "all-MiniLM-L6-v2"                          # name or path (relative to this folder)
    fail-on = "warning"                                 # error (default), warning, info, never

    [rules.duplicate]                                   # on top of rules/duplicate.yml
    severity = "error"
    params = { min_words = 5 }
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from checker.config import Config, ConfigError, check_param, load
from checker.model import Severity

FILE = "checker.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
_KEYS = ("select", "ignore", "exclude", "model", "fail-on", "rules")
_RULE_KEYS = ("enabled", "severity", "params")


@dataclass(frozen=True)
class Project:
    root: Path                       # exclude patterns and a relative model path start here
    where: str = "defaults"          # "path/checker.toml" or "path/pyproject.toml [tool.checker]"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    model: str | None = None
    fail_on: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def common_folder(paths: Sequence[str]) -> Path:
    """The deepest folder holding every path that exists (the working folder if none does)."""
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".")
               for p in paths if os.path.exists(p)]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def find(start: Path) -> Path | None:
    """The nearest project file at or above `start`."""
    for folder in (start, *start.parents):
        candidate = folder / FILE
        if candidate.is_file():
            return candidate
        if os.path.lexists(candidate):
            # Passed over, a project's settings would silently give way to the defaults.
            what = "a folder" if candidate.is_dir() else "a broken link" if candidate.is_symlink() \
                else "not a regular file"
            raise ConfigError(f"{candidate}: cannot read: {what}, not a configuration file")
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "checker" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def discover(paths: Sequence[str], explicit: Path | None = None) -> Project:
    """The project settings for a run: `explicit` (--config) or the nearest file found."""
    path = explicit if explicit is not None else find(common_folder(paths))
    if path is None:
        return Project(root=Path.cwd())
    return read(path)


def read(path: Path) -> Project:
    path = Path(os.path.abspath(path))
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    data = _read_toml(path)
    if path.name == PYPROJECT:
        where = f"{path} [tool.checker]"
        data = data.get("tool", {}).get("checker")
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: no [tool.checker] table")
    else:
        where = str(path)
    return _project(data, path.parent, where)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _project(data: Mapping[str, Any], root: Path, where: str) -> Project:
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_KEYS)})")
    model = _text(data, "model", where)
    if model is not None and (root / model).exists():
        model = str(root / model)
    fail_on = _text(data, "fail-on", where)
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on: expected one of {', '.join(FAIL_ON)}, got {fail_on!r}")
    select = data.get("select")
    return Project(
        root=root,
        where=where,
        select=None if select is None else rule_ids(select, f"{where}: select"),
        ignore=rule_ids(data.get("ignore", []), f"{where}: ignore"),
        exclude=_texts(data.get("exclude", []), f"{where}: exclude"),
        model=model,
        fail_on=fail_on,
        rules=_rule_tables(data.get("rules", {}), where),
    )


def _text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key}: expected text, got {value!r}")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def rule_ids(value: Any, where: str) -> tuple[str, ...]:
    """Rule ids from a list (or one comma-separated string), each checked against the rules."""
    from checker.rules import BY_ID

    if isinstance(value, str):
        value = [value]
    items = [part.strip() for v in _texts(value, where) for part in v.split(",") if part.strip()]
    for item in items:
        if item not in BY_ID:
            raise ConfigError(f"{where}: unknown rule {item!r} (known: {', '.join(BY_ID)})")
    return tuple(dict.fromkeys(items))


def _rule_tables(value: Any, where: str) -> dict[str, dict[str, Any]]:
    from checker.rules import BY_ID

    if not isinstance(value, dict):
        raise ConfigError(f"{where}: rules: expected a table of rule tables")
    tables: dict[str, dict[str, Any]] = {}
    for rule_id, table in value.items():
        at = f"{where}: rules.{rule_id}"
        if rule_id not in BY_ID:
            raise ConfigError(f"{at}: unknown rule {rule_id!r} (known: {', '.join(BY_ID)})")
        if not isinstance(table, dict):
            raise ConfigError(f"{at}: expected a table")
        unknown = sorted(set(table) - set(_RULE_KEYS))
        if unknown:
            raise ConfigError(f"{at}: unknown key {unknown[0]!r} (known: {', '.join(_RULE_KEYS)})")
        if "enabled" in table and not isinstance(table["enabled"], bool):
            raise ConfigError(f"{at}.enabled: expected true or false, got {table['enabled']!r}")
        if "severity" in table:
            try:
                Severity.parse(str(table["severity"]))
            except ValueError as exc:
                raise ConfigError(f"{at}.severity: {exc}") from None
        params = table.get("params", {})
        if not isinstance(params, dict):
            raise ConfigError(f"{at}.params: expected a table")
        cls = BY_ID[rule_id].params
        names = [f.name for f in dataclasses.fields(cls)]
        for name, param in params.items():
            if name not in names:
                raise ConfigError(f"{at}.params: unknown key {name!r} (known: {', '.join(names)})")
            check_param(cls, name, param, f"{at}.params.{name}")
        tables[rule_id] = table
    return tables


def rule_config(project: Project, rules_dir: Path | None = None,
                select: Sequence[str] | None = None, ignore: Sequence[str] | None = None) -> Config:
    """rules/*.yml with the project's rule tables on top, then select/ignore.

    `select`/`ignore` from the command line replace the project's own lists when given.
    """
    from checker.rules import BY_ID

    chosen = project.select if select is None else tuple(select)
    dropped = set(project.ignore if ignore is None else ignore)
    overrides = {rule_id: dict(table) for rule_id, table in project.rules.items()}
    for rule_id in BY_ID:
        if chosen is not None:
            overrides.setdefault(rule_id, {})["enabled"] = rule_id in chosen
        if rule_id in dropped:
            overrides.setdefault(rule_id, {})["enabled"] = False
    try:
        return load(rules_dir, overrides=overrides, override_origin=project.where)
    except ConfigError:
        raise
    except ValueError as exc:  # a rule's Params rejecting a combination of values
        raise ConfigError(f"{project.where}: {exc}") from None
