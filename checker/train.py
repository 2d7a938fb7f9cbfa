"""`checker train`: fit the scored rules' classifiers on labelled articles.

Labels are JSON Lines in the corpus format: `file` (relative to the labels file), and
`positive_lines`, `ignore_lines`, `accept_rules`. For each scored rule, every candidate segment
of every article becomes one example: positive when it covers a positive line and the rule is
accepted for it, skipped when it covers an ignored line (or a positive the rule is not meant
to catch), negative otherwise. Articles of one story (`group`, else `base.id`, else the FNC
`source.body_id`) stay on one side of every split, so held-out figures are honest.

Each rule gets a logistic regression over its standardised features. Its out-of-fold scores
(grouped k-fold) fit a Platt calibration; the final model, fitted on everything, has that
calibration and the standardisation folded into plain per-feature weights and a bias.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from checker.classifier import Classifier, Classifiers, Scorers
from checker.context import Context, texts_to_embed, with_run_texts
from checker.model import Article, Rule, Scorer
from checker.read import ReadError, read_path
from checker.segment import Segmenter

MIN_VARIED = 10  # examples off a feature's usual value before its weight is fitted


class LabelError(ValueError):
    """A labels file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Labelled:
    path: Path
    positives: frozenset[int]
    ignore: frozenset[int]
    accept: frozenset[str]
    group: str


@dataclass
class Examples:
    """One scored rule's examples: feature rows, labels, story groups, and where each came from."""
    features: tuple[str, ...]
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)

    def arrays(self, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X = np.asarray(self.rows, dtype=np.float64).reshape(-1, len(self.features))
        y, g = np.asarray(self.labels, dtype=int), np.asarray(self.groups)
        return (X, y, g) if mask is None else (X[mask], y[mask], g[mask])


def read_labels(paths: Iterable[Path]) -> list[Labelled]:
    out = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise LabelError(f"{path}: cannot read: {exc.strerror or exc}") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out.append(Labelled(
                    path=path.parent / rec["file"],
                    positives=frozenset(int(x) for x in rec.get("positive_lines", [])),
                    ignore=frozenset(int(x) for x in rec.get("ignore_lines", [])),
                    accept=frozenset(rec.get("accept_rules", [])),
                    group=str(rec.get("group") or (rec.get("base") or {}).get("id")
                              or (rec.get("source") or {}).get("body_id") or rec["file"]),
                ))
            except (ValueError, KeyError, TypeError) as exc:
                raise LabelError(f"{path}:{n}: bad label record: {exc!r}") from None
    if not out:
        raise LabelError("no labelled articles")
    return out


def label_for(rule: str, lines: range, item: Labelled) -> int | None:
    if any(n in item.positives for n in lines):
        return 1 if not item.accept or rule in item.accept else None
    if any(n in item.ignore for n in lines):
        return None
    return 0


def collect(items: Sequence[Labelled], scorers: Mapping[str, tuple[Rule, Scorer]], segmenter: Segmenter,
            embedder) -> tuple[dict[str, Examples], list[Article | None]]:
    """Segment and encode every labelled article once, and measure every scorer's candidates."""
    articles: list[Article | None] = []
    for item in items:
        try:
            articles.append(segmenter.segment(read_path(item.path)))
        except ReadError:
            articles.append(None)
    texts = with_run_texts(t for a in articles if a for t in texts_to_embed(a))
    vectors = dict(zip(texts, embedder.encode(texts))) if texts else {}
    examples = {name: Examples(s.features) for name, (_, s) in scorers.items()}
    for i, (item, article) in enumerate(zip(items, articles)):
        if article is None:
            continue
        ctx = Context(article, vectors)
        for name, (rule, scorer) in scorers.items():
            ex = examples[name]
            for seg in scorer.candidates(article):
                first, last = article.source.position(seg.start)[0], article.source.position(max(seg.end - 1, seg.start))[0]
                y = label_for(rule.id, range(first, last + 1), item)
                if y is None:
                    continue
                values = scorer.measure(article, ctx, seg)
                ex.rows.append([float(values[f]) for f in ex.features])
                ex.labels.append(y)
                ex.groups.append(item.group)
                ex.articles.append(i)
    return examples, articles


def require_sklearn() -> None:
    """Fitting needs the `train` extra; say so before the labels are read and encoded."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise LabelError("checker train needs scikit-learn: pip install 'checker[train]'") from None


def _logit_model(X: np.ndarray, y: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000)).fit(X, y)


def _platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept mapping held-out scores to probabilities, fitted to Platt's targets
    (N+ + 1)/(N+ + 2) and 1/(N- + 2) rather than 1 and 0: when the held-out scores separate
    the labels, 0/1 targets drive the slope without bound, the fitted weights swamp the ones
    set by judgement, and every probability becomes 0 or 1."""
    from sklearn.linear_model import LogisticRegression

    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    target = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    X = np.concatenate([scores, scores]).reshape(-1, 1)
    labels = np.concatenate([np.ones(len(y)), np.zeros(len(y))])
    weights = np.concatenate([target, 1 - target])
    platt = LogisticRegression(C=1e4).fit(X, labels, sample_weight=weights)
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def fit(name: str, ex: Examples, mask: np.ndarray | None = None, *, folds: int = 5, C: float = 1.0,
        base: Classifier | None = None, fixed: tuple[str, ...] = (),
        judged: Mapping[str, float] | None = None) -> Classifier:
    """A calibrated logistic regression on one rule's examples (optionally a subset)."""
    from sklearn.model_selection import GroupKFold

    X, y, groups = ex.arrays(mask)
    if len(set(y)) < 2:
        raise LabelError(f"{name}: need positive and negative examples (got {len(y)} examples, "
                         f"{int(y.sum())} positive)")
    # Features the labels (almost) never vary cannot be fitted: one dated caption would set
    # the weight of "years before the story" for every archive. They keep the base file's.
    constant = [j for j in range(X.shape[1]) if ex.features[j] in fixed
                or np.count_nonzero(X[:, j] != np.median(X[:, j])) < MIN_VARIED]
    free = [j for j in range(X.shape[1]) if j not in constant]
    n_folds = min(folds, len(set(groups)))
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=n_folds).split(X, y, groups):
        if len(set(y[train])) < 2:
            oof[test] = 0.0
            continue
        model = _logit_model(X[train][:, free], y[train], C)
        oof[test] = model.decision_function(X[test][:, free])
    a, b = _platt(oof, y)
    final = _logit_model(X[:, free], y, C)
    scaler, lr = final[0], final[1]
    raw = lr.coef_[0] / scaler.scale_
    weights = {ex.features[j]: a * float(w) for j, w in zip(free, raw)}
    bias = a * float(lr.intercept_[0] - np.dot(raw, scaler.mean_)) + b
    reference = {ex.features[j]: float(np.mean(X[:, j])) for j in free}
    kept = []
    for j in constant:
        name = ex.features[j]
        if judged is not None and name in judged:
            w = float(judged[name])
        else:
            w = base.weights.get(name, 0.0) if base else 0.0
        weights[name] = w
        reference[name] = float(np.median(X[:, j]))
        bias -= w * reference[name]
        kept.append(name)
    probs = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    info = {"examples": int(len(y)), "positives": int(y.sum()), "groups": int(len(set(groups))),
            "held_out": held_out_metrics(y, probs, n_folds)}
    if kept:
        info["not_fitted"] = {"features": kept, "why": "set by judgement (judged_weights in the "
                                                      "rule's YAML, which scoring uses) or varied in "
                                                      f"fewer than {MIN_VARIED} training examples "
                                                      "(weight kept from the base file); the held-out "
                                                      "figures are of the fitted features alone"}
    return Classifier(name, {f: weights[f] for f in ex.features}, bias, info,
                      {f: reference[f] for f in ex.features})


def held_out_metrics(y: np.ndarray, p: np.ndarray, folds: int) -> dict[str, Any]:
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    flagged = p >= 0.5
    tp = int((flagged & (y == 1)).sum())
    precision = tp / int(flagged.sum()) if flagged.any() else 0.0
    recall = tp / int(y.sum()) if y.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"folds": folds, "auroc": round(float(roc_auc_score(y, p)), 4),
            "average_precision": round(float(average_precision_score(y, p)), 4),
            "brier": round(float(brier_score_loss(y, p)), 4),
            "precision_at_0.5": round(precision, 4), "recall_at_0.5": round(recall, 4),
            "f1_at_0.5": round(f1, 4)}


def train(examples: Mapping[str, Examples], base: Classifiers | None, scorers: Scorers, *,
          folds: int = 5, C: float = 1.0, articles: set[int] | None = None,
          judged: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Classifier]:
    """Fit every rule's classifier, optionally on the examples of some articles only; the
    features a rule weighs by judgement (`judged`, from its YAML) keep those weights."""
    out = {}
    for name, ex in examples.items():
        mask = None if articles is None else np.isin(np.asarray(ex.articles), sorted(articles))
        out[name] = fit(name, ex, mask, folds=folds, C=C, fixed=scorers[name][1].fixed,
                        judged=(judged or {}).get(name),
                        base=base.by_name.get(name) if base else None)
    return out
