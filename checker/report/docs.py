"""Rule documentation for people: `checker rules` and `checker explain`, generated from the
rules' docstrings and their YAML settings (docs come from code)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TextIO

from rich.markdown import Markdown
from rich.table import Table

from checker.config import Config, RuleConfig
from checker.model import Outlets
from checker.report.style import console as make_console
from checker.report.values import plain

HEADINGS = ("What it flags", "Why it matters", "Example")


def sections(doc: str) -> dict[str, str]:
    """Docstring -> {"summary": first line, heading: text} for the fixed headings."""
    parts = re.split(r"^## +(.+?)\s*$", doc.strip(), flags=re.M)
    out = {"summary": parts[0].strip()}
    for heading, body in zip(parts[1::2], parts[2::2]):
        out[heading] = body.strip("\n")
    return out


def _value(v) -> str:
    if isinstance(v, Outlets):
        return f"{len(v.names)} outlets (outlets.yml)"
    if isinstance(v, (tuple, list)):
        return f"[{len(v)} entries]" if len(v) > 4 else ", ".join(map(str, v))
    if hasattr(v, "items"):
        return ", ".join(f"{k}={x}" for k, x in v.items())
    return str(v)


@dataclass(frozen=True)
class RuleDoc:
    """What the docs show of a rule."""
    id: str
    doc: str
    enabled: bool
    severity: str
    params: Any
    note: str = ""

    @classmethod
    def of(cls, rc: RuleConfig) -> "RuleDoc":
        return cls(rc.rule.id, rc.rule.doc, rc.enabled, rc.severity.label, rc.params,
                   note="checker audit only, across articles" if rc.rule.archive else "")

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()


def rule_page(rule: RuleDoc) -> str:
    """The rule's page in docs/rules/ (Markdown), which SARIF's helpUri points at:
    generated from its docstring and shipped YAML by scripts/rule_docs.py."""
    parts = sections(rule.doc)
    lines = [f"# {rule.id}", "", parts["summary"], "",
             f"Default severity **{rule.severity}**, {'enabled' if rule.enabled else 'disabled'} by "
             f"default; settings in [`rules/{rule.id}.yml`](../../rules/{rule.id}.yml)."
             + (f" {rule.note[:1].upper()}{rule.note[1:]}." if rule.note else "")]
    for heading in HEADINGS:
        if heading in parts:
            lines += ["", f"## {heading}", "", parts[heading]]
    settings = vars(rule.params)
    if settings:
        lines += ["", "## Settings", ""]
        lines += [f"- `{name}`: {_value(value)}" for name, value in settings.items()]
    lines += ["", "## Configure", "", f"In `checker.toml` (or `[tool.checker.rules.{rule.id}]` in `pyproject.toml`):",
              "", "```toml", f"[rules.{rule.id}]", f'severity = "{rule.severity}"   # error, warning or info',
              f"enabled = {'true' if rule.enabled else 'false'}", "```", "",
              f"In a story: `<!-- checker: disable-next-line={rule.id} -->` (Markdown, HTML) or "
              f"`# checker: disable-next-line={rule.id}` (plain text). This page is generated from "
              "the rule's docstring and YAML (`python scripts/rule_docs.py`); do not edit it.", ""]
    return "\n".join(lines)


def rules_table(config: Config, out: TextIO) -> None:
    console = make_console(out, width=None if out.isatty() else 120)
    table = Table(title=f"checker rules ({config.origin})", title_justify="left", expand=False)
    table.add_column("rule", style="bold cyan", no_wrap=True)
    table.add_column("on", justify="center")
    table.add_column("severity")
    table.add_column("what it flags")
    table.add_column("settings", style="dim")
    for rule in map(RuleDoc.of, config.rules):
        params = ", ".join(f"{k}: {_value(v)}" for k, v in vars(rule.params).items())
        table.add_row(rule.id, "yes" if rule.enabled else "no", rule.severity,
                      rule.summary + (f" ({rule.note})" if rule.note else ""), params)
    console.print(table)
    console.print("Details: [bold]checker explain RULE[/]")


def rules_json(config: Config, out: TextIO) -> None:
    """`checker rules --format json`: every rule with its settings, for scripts."""
    rules = []
    for rc in config.rules:
        doc = RuleDoc.of(rc)
        rules.append({"id": doc.id, "enabled": doc.enabled, "severity": doc.severity,
                      "summary": doc.summary, "archive": rc.rule.archive,
                      "needs_embeddings": rc.rule.needs_embeddings,
                      "doc": f"docs/rules/{doc.id}.md", "params": plain(vars(rc.params))})
    json.dump({"schema": "checker.rules/1", "origin": str(config.origin), "rules": rules},
              out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def explain_rule(rule: RuleDoc, out: TextIO) -> None:
    console = make_console(out, width=None if out.isatty() else 100)
    parts = sections(rule.doc)
    text = [f"# {rule.id}", "", parts["summary"], "",
            f"Severity **{rule.severity}**, {'enabled' if rule.enabled else 'disabled'}; "
            f"settings in `rules/{rule.id}.yml`." + (f" {rule.note[:1].upper()}{rule.note[1:]}." if rule.note else "")]
    for heading in HEADINGS:
        if heading in parts:
            text += ["", f"## {heading}", "", parts[heading]]
    console.print(Markdown("\n".join(text)))
