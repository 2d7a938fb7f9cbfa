"""One run builder for `review`, `check`, `audit` and `train`.

A run is the same assembly whichever command asks: the project settings found upward from
the checked paths (`checker.toml` or `[tool.checker]`, or `--config`), the rules' YAML
(`--rules-dir`) with the project's rule tables and `select`/`ignore` on top, the fitted
classifiers (`--params`, else the ones beside the rules), and one embedder (`--model`, else
the project's model, else the bundled one). Each command adds only what is its own: the gate's
file discovery and baseline, the audit's workers, the review's terminal report.

`RunOptions` is plain and picklable, so an audit worker builds the very same session from it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from checker.classifier import Classifiers, for_rules
from checker.config import Config
from checker.embed import Embedder
from checker.engine import Engine
from checker.project import Project, discover, rule_config, rule_ids
from checker.report.values import plain


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...] = ()         # what the run reads: project settings are found from here
    config: Path | None = None          # --config: this project file instead of the one found
    rules_dir: Path | None = None       # --rules-dir: rule YAML instead of the shipped rules/
    params: Path | None = None          # --params: fitted classifiers (`checker train`)
    model: str | None = None            # --model, else the project's, else the bundled one
    cache_dir: Path | None = None
    use_cache: bool = True
    select: tuple[str, ...] | None = None   # --select / --ignore replace the project's lists
    ignore: tuple[str, ...] | None = None
    threads: int | None = None          # encoder threads (audit workers share the cores)


@dataclass(frozen=True)
class Session:
    options: RunOptions
    project: Project
    config: Config
    classifiers: Classifiers | None
    embedder: Embedder

    @classmethod
    def open(cls, options: RunOptions) -> "Session":
        """Raises ConfigError, ParamsError or ModelError, each naming the file at fault."""
        project = discover(list(options.paths), options.config)
        select = None if options.select is None else rule_ids(list(options.select), "--select")
        ignore = None if options.ignore is None else rule_ids(list(options.ignore), "--ignore")
        config = rule_config(project, options.rules_dir, select, ignore)
        scored = any(rc.rule.scorers for rc in config.enabled())
        classifiers = for_rules(config.origin, config.scorers, options.params) if scored else None
        embedder = Embedder(options.model or project.model, cache_dir=options.cache_dir,
                            use_cache=options.use_cache, threads=options.threads)
        return cls(options, project, config, classifiers, embedder)

    def engine(self) -> Engine:
        return Engine(self.config, self.embedder, self.classifiers)

    def fingerprint(self) -> str:
        """What a result depends on besides the article and checker's own code: the model, the
        rule files, the project file and the fitted classifiers in use."""
        digest = hashlib.blake2b(digest_size=8)
        digest.update(f"{self.embedder.model_id}\0".encode())
        for path in self.inputs():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        # plain() sorts sets, whose order follows the per-process string hash.
        settings = [[rc.rule.id, rc.enabled, rc.severity.label, plain(rc.params)] for rc in self.config.rules]
        digest.update(json.dumps(sorted(settings, key=lambda r: r[0]), sort_keys=True).encode())
        return digest.hexdigest()

    def inputs(self) -> Sequence[Path]:
        """The files the configuration was read from (the classifiers' file included)."""
        files = sorted(p for p in Path(self.config.origin).iterdir() if p.is_file())
        if self.options.params is not None:
            files.append(Path(self.options.params))
        if self.project.where != "defaults":
            files.append(Path(self.project.where.split(" [", 1)[0]))
        return files
