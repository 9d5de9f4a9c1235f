"""Evaluation metrics on embeddings and scores, in plain numpy (scikit-learn is a test-only reference).

Conventions: `y` int [N] labels, `score` f32 [N] (higher = more positive), `sim` f32 [Q, N]
similarities with the correct item of query i at column i.
"""

from typing import Callable, Sequence

import numpy as np
import scipy.optimize
import scipy.special
import scipy.stats


# ------------------------------------------------------------------------- binary scores
def roc_auc(y: np.ndarray, score: np.ndarray) -> float:
  """Area under the ROC curve (Mann-Whitney U with mid-ranks for ties); nan if one class only."""
  y = np.asarray(y).astype(bool)
  n_pos, n_neg = int(y.sum()), int((~y).sum())
  if n_pos == 0 or n_neg == 0:
    return float("nan")
  ranks = scipy.stats.rankdata(np.asarray(score, np.float64))
  return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def roc_curve(y: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
  """(fpr, tpr) [K] at every distinct threshold, from (0, 0) to (1, 1)."""
  y = np.asarray(y).astype(bool)
  order = np.argsort(-np.asarray(score, np.float64), kind="stable")
  s, yy = np.asarray(score)[order], y[order]
  last_of_tie = np.r_[np.diff(s) != 0, True]  # one point per distinct threshold
  tp, fp = np.cumsum(yy)[last_of_tie], np.cumsum(~yy)[last_of_tie]
  tpr = np.r_[0.0, tp / max(int(y.sum()), 1)]
  fpr = np.r_[0.0, fp / max(int((~y).sum()), 1)]
  return fpr, tpr


# ---------------------------------------------------------------------- classification
def confusion_matrix(y: np.ndarray, pred: np.ndarray, num_classes: int) -> np.ndarray:
  """int [C, C], rows = true class, columns = predicted class."""
  cm = np.zeros((num_classes, num_classes), np.int64)
  np.add.at(cm, (np.asarray(y, np.int64), np.asarray(pred, np.int64)), 1)
  return cm


def accuracy(y: np.ndarray, pred: np.ndarray) -> float:
  return float(np.mean(np.asarray(y) == np.asarray(pred)))


def macro_f1(y: np.ndarray, pred: np.ndarray, num_classes: int) -> float:
  """Unweighted mean of per-class F1 over the classes present in `y` or `pred` (sklearn's rule)."""
  cm = confusion_matrix(y, pred, num_classes)
  tp = np.diag(cm).astype(np.float64)
  support, predicted = cm.sum(1), cm.sum(0)
  present = (support + predicted) > 0
  f1 = 2 * tp / np.maximum(support + predicted, 1)
  return float(f1[present].mean())


# ------------------------------------------------------------------------- bootstrap
def bootstrap_ci(metric: Callable[..., float], arrays: Sequence[np.ndarray], num_samples: int = 1000,
                 seed: int = 0, level: float = 0.95) -> tuple[float, float]:
  """Percentile bootstrap interval of `metric(*arrays)`, resampling rows (studies) with replacement.

  Resamples where the metric is undefined (nan, e.g. one class only) are dropped.
  """
  n = len(arrays[0])
  rng = np.random.default_rng(seed)
  values = []
  for _ in range(num_samples):
    idx = rng.integers(0, n, n)
    v = metric(*(a[idx] for a in arrays))
    if np.isfinite(v):
      values.append(v)
  if not values:
    return float("nan"), float("nan")
  lo, hi = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
  return float(lo), float(hi)


# ------------------------------------------------------------------------- retrieval
def retrieval_ranks(sim: np.ndarray) -> np.ndarray:
  """1-based rank of the correct item (column i for query i) in each row of `sim` [Q, N].

  Ties count in the query's favour (1 + number of strictly better items): identical reports
  embed identically, and retrieving either of two identical reports is correct.
  """
  sim = np.asarray(sim)
  correct = sim[np.arange(sim.shape[0]), np.arange(sim.shape[0])]
  return 1 + (sim > correct[:, None]).sum(1)


def retrieval_metrics(sim: np.ndarray, ks: Sequence[int] = (1, 5, 10)) -> dict:
  """{'R@k': fraction of queries with rank <= k, 'median_rank', 'mean_rank'} for `sim` [Q, N]."""
  ranks = retrieval_ranks(sim)
  out = {f"R@{k}": float(np.mean(ranks <= k)) for k in ks}
  out["median_rank"] = float(np.median(ranks))
  out["mean_rank"] = float(np.mean(ranks))
  return out


# ------------------------------------------------------------------------- few-shot
def _normalise(x: np.ndarray) -> np.ndarray:
  return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


def class_prototypes(emb: np.ndarray, y: np.ndarray, num_classes: int) -> np.ndarray:
  """f32 [C, D]: L2-normalised mean embedding per class (zeros for a class with no example)."""
  protos = np.zeros((num_classes, emb.shape[1]), np.float64)
  np.add.at(protos, np.asarray(y, np.int64), emb)
  return _normalise(protos)


def sample_shots(y: np.ndarray, shots: int, num_classes: int, rng: np.random.Generator) -> np.ndarray:
  """Indices of `shots` examples per class, drawn without replacement (all of a rarer class)."""
  picks = [rng.choice(np.flatnonzero(y == c), min(shots, int((y == c).sum())), replace=False)
           for c in range(num_classes) if (y == c).any()]
  return np.concatenate(picks).astype(np.int64)


def classification_metrics(y: np.ndarray, logits: np.ndarray) -> dict:
  """Accuracy and macro-F1 of argmax(logits [N, C]); for C = 2 also the AUC of the logit margin."""
  pred = logits.argmax(1)
  out = {"accuracy": accuracy(y, pred), "macro_f1": macro_f1(y, pred, logits.shape[1])}
  if logits.shape[1] == 2:
    out["auc"] = roc_auc(y, logits[:, 1] - logits[:, 0])
  return out


def few_shot(support_emb: np.ndarray, support_y: np.ndarray, query_emb: np.ndarray, query_y: np.ndarray,
             num_classes: int, shots: int, seeds: Sequence[int]) -> dict:
  """Nearest-prototype classification with `shots` support examples per class, one draw per seed.

  A class absent from a draw gets no prototype (logit -inf; for two classes the margin uses
  -1). Returns the mean and std over draws of `classification_metrics`.
  """
  runs = []
  for seed in seeds:
    idx = sample_shots(support_y, shots, num_classes, np.random.default_rng(seed))
    protos = class_prototypes(support_emb[idx], support_y[idx], num_classes)
    logits = query_emb @ protos.T
    absent = ~np.isin(np.arange(num_classes), support_y[idx])
    logits[:, absent] = -np.inf if num_classes > 2 else -1.0
    runs.append(classification_metrics(query_y, logits))
  out = {}
  for key in runs[0]:
    vals = [r[key] for r in runs]
    out[key], out[key + "_std"] = float(np.nanmean(vals)), float(np.nanstd(vals))
  out["draws"] = len(seeds)
  return out


# ------------------------------------------------------------------------- linear probe
def fit_logistic(x: np.ndarray, y: np.ndarray, num_classes: int, c: float = 1.0,
                 max_iter: int = 500) -> tuple[np.ndarray, np.ndarray]:
  """Multinomial logistic regression by L-BFGS: (W [D, C], b [C]).

  Minimises C * sum_i CE(x_i W + b, y_i) + ||W||^2 / 2 (bias not penalised), the objective of
  scikit-learn's LogisticRegression(C=c) with the lbfgs solver.
  """
  x = np.asarray(x, np.float64)
  n, d = x.shape
  onehot = np.eye(num_classes)[np.asarray(y, np.int64)]

  def loss_and_grad(theta):
    w, b = theta[:d * num_classes].reshape(d, num_classes), theta[d * num_classes:]
    logits = x @ w + b
    logp = logits - scipy.special.logsumexp(logits, axis=1, keepdims=True)
    err = np.exp(logp) - onehot  # d CE / d logits
    loss = -c * (onehot * logp).sum() + 0.5 * (w * w).sum()
    grad = np.concatenate([(c * x.T @ err + w).ravel(), c * err.sum(0)])
    return loss, grad

  theta0 = np.zeros(d * num_classes + num_classes)
  res = scipy.optimize.minimize(loss_and_grad, theta0, jac=True, method="L-BFGS-B",
                                options={"maxiter": max_iter, "gtol": 1e-6})
  return res.x[:d * num_classes].reshape(d, num_classes), res.x[d * num_classes:]


def linear_probe(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray, num_classes: int,
                 cs: Sequence[float] = (0.1, 1.0, 10.0, 100.0), holdout: float = 0.2,
                 seed: int = 0) -> tuple[np.ndarray, float]:
  """Fits a logistic probe on frozen embeddings; C picked on a held-out slice of the train set.

  Returns (test probabilities [N, C], chosen C). The final probe is refit on all of train_x.
  """
  train_y = np.asarray(train_y, np.int64)
  perm = np.random.default_rng(seed).permutation(len(train_y))
  n_hold = max(1, int(holdout * len(train_y)))
  hold, fit = perm[:n_hold], perm[n_hold:]

  def heldout_loss(c):
    w, b = fit_logistic(train_x[fit], train_y[fit], num_classes, c)
    logits = train_x[hold] @ w + b
    logp = logits - scipy.special.logsumexp(logits, axis=1, keepdims=True)
    return -logp[np.arange(n_hold), train_y[hold]].mean()

  best_c = min(cs, key=heldout_loss) if len(cs) > 1 else cs[0]
  w, b = fit_logistic(train_x, train_y, num_classes, best_c)
  return scipy.special.softmax(np.asarray(test_x, np.float64) @ w + b, axis=1), float(best_c)


# ------------------------------------------------------------------------- cross-validation
def stratified_folds(y: np.ndarray, folds: int, seed: int = 0) -> np.ndarray:
  """int [N]: the fold of each row. Each class's rows, in a seeded order, are dealt round-robin
  (continuing from the previous class), so every fold gets each class and folds differ by <= 1 row."""
  y = np.asarray(y)
  rng = np.random.default_rng(seed)
  out = np.zeros(len(y), np.int64)
  dealt = 0
  for c in np.unique(y):
    rows = rng.permutation(np.flatnonzero(y == c))
    out[rows] = (dealt + np.arange(len(rows))) % folds
    dealt += len(rows)
  return out


def cross_val_probe(x: np.ndarray, y: np.ndarray, num_classes: int, folds: np.ndarray,
                    **probe_kwargs) -> np.ndarray:
  """Out-of-fold probabilities [N, C]: the rows of each fold predicted by a `linear_probe`
  fitted (C chosen too) on the other folds only."""
  probs = np.zeros((len(y), num_classes))
  for k in np.unique(folds):
    held = folds == k
    probs[held], _ = linear_probe(x[~held], np.asarray(y)[~held], x[held], num_classes, **probe_kwargs)
  return probs
