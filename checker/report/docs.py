"""Rule documentation for people: `checker rules` and `checker explain`, generated from the
rules' docstrings and their YAML settings (docs come from code)."""
from __future__ import annotations

import re
from typing import TextIO

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from checker.config import Config, RuleConfig

HEADINGS = ("What it flags", "Why it matters", "Example")


def sections(doc: str) -> dict[str, str]:
    """Docstring -> {"summary": first line, heading: text} for the fixed headings."""
    parts = re.split(r"^## +(.+?)\s*$", doc.strip(), flags=re.M)
    out = {"summary": parts[0].strip()}
    for heading, body in zip(parts[1::2], parts[2::2]):
        out[heading] = body.strip("\n")
    return out


def _value(v) -> str:
    if isinstance(v, (tuple, list)):
        return f"[{len(v)} entries]" if len(v) > 4 else ", ".join(map(str, v))
    if hasattr(v, "items"):
        return ", ".join(f"{k}={x}" for k, x in v.items())
    return str(v)


def rules_table(config: Config, out: TextIO) -> None:
    console = Console(file=out, width=None if out.isatty() else 120)
    table = Table(title=f"checker rules ({config.origin})", title_justify="left", expand=False)
    table.add_column("rule", style="bold cyan", no_wrap=True)
    table.add_column("on", justify="center")
    table.add_column("severity")
    table.add_column("what it flags")
    table.add_column("settings", style="dim")
    for rc in config.rules:
        params = ", ".join(f"{k}: {_value(v)}" for k, v in vars(rc.params).items())
        table.add_row(rc.rule.id, "yes" if rc.enabled else "no", rc.severity.label,
                      rc.rule.summary, params)
    console.print(table)
    console.print("Details: [bold]checker explain RULE[/]")


def explain_rule(rc: RuleConfig, out: TextIO) -> None:
    console = Console(file=out, width=None if out.isatty() else 100)
    parts = sections(rc.rule.doc)
    text = [f"# {rc.rule.id}", "", parts["summary"], "",
            f"Severity **{rc.severity.label}**, {'enabled' if rc.enabled else 'disabled'}; "
            f"settings in `rules/{rc.rule.id}.yml`."]
    for heading in HEADINGS:
        if heading in parts:
            text += ["", f"## {heading}", "", parts[heading]]
    console.print(Markdown("\n".join(text)))
