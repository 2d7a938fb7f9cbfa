"""What `checker train` prints: per rule, the held-out figures and the fitted weights."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, TextIO

from rich.console import Console
from rich.table import Table

from checker.classifier import Classifier


def print_training(fitted: Mapping[str, Classifier], out_path: Path, out: TextIO) -> None:
    console = Console(file=out, width=None if out.isatty() else 120, highlight=False)
    table = Table(title="held out (grouped folds; calibrated probabilities, threshold 0.5)",
                  title_justify="left")
    for column in ("rule", "examples", "positives", "AUROC", "avg precision", "Brier",
                   "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, c in fitted.items():
        h = c.info["held_out"]
        table.add_row(rule, str(c.info["examples"]), str(c.info["positives"]), f"{h['auroc']:.3f}",
                      f"{h['average_precision']:.3f}", f"{h['brier']:.3f}", f"{h['precision_at_0.5']:.3f}",
                      f"{h['recall_at_0.5']:.3f}", f"{h['f1_at_0.5']:.3f}")
    console.print(table)
    for rule, c in fitted.items():
        weights = ", ".join(f"{k} {v:+.2f}" for k, v in sorted(c.weights.items(), key=lambda kv: -abs(kv[1])))
        console.print(f"[bold]{rule}[/]: bias {c.bias:+.2f}; {weights}")
        if "not_fitted" in c.info:
            console.print(f"  not fitted (set by judgement, or too rarely varied in the labels): "
                          f"{', '.join(c.info['not_fitted']['features'])}")
    console.print(f"wrote {out_path}; use it with `checker review --params {out_path}`")
