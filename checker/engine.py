"""One engine: read every file, segment, encode all texts in one batch, run the enabled rules,
turn their hits into findings. The engine owns severities, positions and ordering; rules only
say which span and why.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterable, Sequence

from checker import __version__
from checker.classifier import Classifiers
from checker.classifier import for_rules as classifiers_for
from checker.config import Config, RuleConfig
from checker.context import Context, texts_to_embed, with_run_texts
from checker.embed import Embedder
from checker.model import Article, FileResult, Finding, Hit, Report, Severity, Source
from checker.read import ReadError, read_path, shown_name
from checker.segment import Segmenter

EXCERPT_CHARS = 160


def read_all(paths: Sequence[str], stdin_name: str | None = None) -> list[Source | FileResult]:
    """Each file as a source, or as an error result when it cannot be read; `-` is standard
    input, named `stdin_name`."""
    loaded: list[Source | FileResult] = []
    for path in paths:
        try:
            loaded.append(read_path(path, stdin_name=stdin_name))
        except ReadError as exc:
            shown = (stdin_name or "<stdin>") if str(path) == "-" else shown_name(str(path))
            loaded.append(FileResult(shown, None, (), error=str(exc)))
    return loaded


@dataclass
class Engine:
    config: Config
    embedder: Embedder | None = None
    classifiers: Classifiers | None = None  # default: rules/classifiers.json

    def __post_init__(self) -> None:
        self.segmenter = Segmenter(self.config.segmenter)
        if self.classifiers is None and any(rc.rule.scorers for rc in self.config.enabled()):
            self.classifiers = classifiers_for(self.config.origin, self.config.scorers)

    @property
    def needs_embeddings(self) -> bool:
        return any(rc.rule.needs_embeddings for rc in self.config.enabled())

    def run(self, paths: Sequence[str], stdin_name: str | None = None) -> Report:
        """Check files by path; unreadable ones become error results, the rest still run."""
        started = time.perf_counter()
        results = self.check_sources(read_all(paths, stdin_name))
        return self.report(results, time.perf_counter() - started)

    def report(self, results: Iterable[FileResult], seconds: float) -> Report:
        model = self.embedder.name if self.embedder and self.needs_embeddings else "none"
        rules = tuple((rc.rule.id, rc.severity, rc.enabled) for rc in self.config.rules)
        return Report(tuple(results), model=model, version=__version__, seconds=seconds, rules=rules)

    def check_sources(self, items: Sequence[Source | FileResult]) -> list[FileResult]:
        articles: dict[int, Article] = {}
        results: dict[int, FileResult] = {}
        for i, item in enumerate(items):
            if isinstance(item, FileResult):
                results[i] = item
                continue
            try:
                articles[i] = self.segmenter.segment(item)
            except Exception as exc:  # one broken article must not stop the run
                results[i] = FileResult(item.path, None, (), error=f"{item.path}: cannot segment: {exc}")
        vectors = self._encode(articles.values())
        for i, article in articles.items():
            results[i] = self.check_article(article, vectors)
        return [results[i] for i in range(len(items))]

    def _encode(self, articles: Iterable[Article]) -> dict:
        if not self.needs_embeddings:
            return {}
        if self.embedder is None:
            raise RuntimeError("enabled rules need embeddings but no embedder was given")
        texts = with_run_texts(t for a in articles for t in texts_to_embed(a))
        return dict(zip(texts, self.embedder.encode(texts))) if texts else {}

    def context(self, article: Article, vectors: dict) -> Context:
        return Context(article, vectors, self.classifiers)

    def check_article(self, article: Article, vectors: dict, ctx: Context | None = None) -> FileResult:
        """`ctx` lets a caller keep the facts the rules computed (the audit's caption-reuse
        reads story countries and dates from it); by default a fresh one."""
        ctx = ctx if ctx is not None else self.context(article, vectors)
        findings: list[Finding] = []
        for rc in self.config.enabled():
            if rc.rule.archive:
                continue
            try:
                hits = list(rc.rule.check(article, ctx, rc.params))
            except Exception as exc:
                return FileResult(article.source.path, article, (),
                                  error=f"{article.source.path}: rule {rc.rule.id} failed: {exc!r}")
            findings.extend(self._finding(article.source, rc, hit) for hit in hits)
        findings.sort(key=lambda f: f.sort_key)
        return FileResult(article.source.path, article, tuple(findings))

    @staticmethod
    def _finding(source: Source, rc: RuleConfig, hit: Hit) -> Finding:
        line, column = source.position(hit.start)
        end_line, end_column = source.position(max(hit.start, hit.end - 1))
        excerpt = " ".join(source.text[hit.start:hit.end].split())
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
        return Finding(
            rule=rc.rule.id,
            severity=Severity.INFO if hit.weak else min(rc.severity, hit.cap or rc.severity),
            path=source.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column + 1,  # exclusive, as in SARIF
            message=hit.message,
            confidence=round(min(max(float(hit.confidence), 0.0), 1.0), 4),
            evidence=dict(hit.evidence),
            excerpt=excerpt,
        )
