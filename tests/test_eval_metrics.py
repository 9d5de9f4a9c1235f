"""eval_metrics against scikit-learn and plain numpy references, on fixed and random inputs."""

import numpy as np
import pytest
from sklearn import linear_model, metrics

from cmr_clip_jax import eval_metrics as em


def _random_binary(n, seed, ties=False):
  rng = np.random.default_rng(seed)
  y = rng.integers(0, 2, n)
  score = y * 0.8 + rng.normal(size=n)
  if ties:
    score = np.round(score, 1)
  return y, score


def test_auc_fixed_inputs():
  # Hand-worked: positives 0.8, 0.4 vs negatives 0.1, 0.4, 0.35: pairs won 3 + 0.5 + 2 = 5.5 of 6.
  y = np.array([1, 0, 1, 0, 0])
  s = np.array([0.8, 0.1, 0.4, 0.4, 0.35])
  assert em.roc_auc(y, s) == pytest.approx(5.5 / 6)
  assert np.isnan(em.roc_auc(np.ones(4), np.arange(4.0)))


@pytest.mark.parametrize("seed,ties", [(0, False), (1, True), (2, True)])
def test_auc_and_roc_match_sklearn(seed, ties):
  y, s = _random_binary(300, seed, ties)
  assert em.roc_auc(y, s) == pytest.approx(metrics.roc_auc_score(y, s), abs=1e-12)
  fpr, tpr = em.roc_curve(y, s)
  ref_fpr, ref_tpr, _ = metrics.roc_curve(y, s, drop_intermediate=False)
  np.testing.assert_allclose(fpr, ref_fpr)
  np.testing.assert_allclose(tpr, ref_tpr)
  assert np.trapezoid(tpr, fpr) == pytest.approx(em.roc_auc(y, s))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classification_metrics_match_sklearn(seed):
  rng = np.random.default_rng(seed)
  y = rng.integers(0, 5, 200)
  pred = np.where(rng.random(200) < 0.6, y, rng.integers(0, 5, 200))
  pred[pred == 4] = 3  # a class never predicted
  assert em.accuracy(y, pred) == pytest.approx(metrics.accuracy_score(y, pred))
  assert em.macro_f1(y, pred, 5) == pytest.approx(metrics.f1_score(y, pred, average="macro"))
  np.testing.assert_array_equal(em.confusion_matrix(y, pred, 5),
                                metrics.confusion_matrix(y, pred, labels=range(5)))


def test_macro_f1_fixed_inputs():
  y = np.array([0, 0, 1, 1, 2])
  pred = np.array([0, 1, 1, 1, 0])
  # class 0: tp 1, fp 1, fn 1 -> 0.5; class 1: tp 2, fp 1 -> 0.8; class 2: 0.
  assert em.macro_f1(y, pred, 3) == pytest.approx((0.5 + 0.8 + 0.0) / 3)


def _numpy_ranks(sim):
  # Reference: position of the correct column in a descending sort, ties resolved in its favour.
  ranks = []
  for i, row in enumerate(sim):
    order = np.argsort(-row, kind="stable")
    better = [j for j in order if row[j] > row[i]]
    ranks.append(len(better) + 1)
  return np.array(ranks)


def test_retrieval_fixed_and_random():
  sim = np.array([[0.9, 0.1, 0.2],
                  [0.5, 0.4, 0.6],
                  [0.3, 0.3, 0.3]])
  np.testing.assert_array_equal(em.retrieval_ranks(sim), [1, 3, 1])
  m = em.retrieval_metrics(sim, ks=(1, 2))
  assert m["R@1"] == pytest.approx(2 / 3) and m["R@2"] == pytest.approx(2 / 3)
  assert m["median_rank"] == 1.0
  rng = np.random.default_rng(0)
  sim = rng.normal(size=(64, 64)) + 2 * np.eye(64)
  ranks = _numpy_ranks(sim)
  np.testing.assert_array_equal(em.retrieval_ranks(sim), ranks)
  m = em.retrieval_metrics(sim)
  for k in (1, 5, 10):
    assert m[f"R@{k}"] == pytest.approx(np.mean(ranks <= k))
    # sklearn's top-k accuracy over queries, with the true column as the label.
    assert m[f"R@{k}"] == pytest.approx(metrics.top_k_accuracy_score(np.arange(64), sim, k=k))
  assert m["median_rank"] == np.median(ranks)


def test_bootstrap_ci_contains_estimate_and_narrows():
  widths = []
  for n in (100, 1600):
    y, s = _random_binary(n, seed=3)
    auc = em.roc_auc(y, s)
    lo, hi = em.bootstrap_ci(em.roc_auc, (y, s), num_samples=300, seed=0)
    assert lo <= auc <= hi
    widths.append(hi - lo)
  # The standard error falls like 1/sqrt(n): 16x the data gives about a quarter of the width.
  assert widths[1] < 0.5 * widths[0]


def test_few_shot_prototypes_match_numpy_reference():
  rng = np.random.default_rng(0)
  centers = em._normalise(rng.normal(size=(3, 16)))
  y = rng.integers(0, 3, 120)
  emb = em._normalise(centers[y] + 0.15 * rng.normal(size=(120, 16)))
  support, query = np.arange(60), np.arange(60, 120)
  out = em.few_shot(emb[support], y[support], emb[query], y[query], 3, shots=4, seeds=[7])
  # Independent reference for the same draw: explicit loops.
  idx = em.sample_shots(y[support], 4, 3, np.random.default_rng(7))
  assert len(idx) == 12 and all((y[support][idx] == c).sum() == 4 for c in range(3))
  protos = []
  for c in range(3):
    m = np.mean([emb[support][i] for i in idx if y[support][i] == c], axis=0)
    protos.append(m / np.linalg.norm(m))
  pred = [int(np.argmax([q @ p for p in protos])) for q in emb[query]]
  assert out["accuracy"] == pytest.approx(np.mean(np.array(pred) == y[query]))
  assert out["accuracy"] > 0.8  # well-separated clusters


def test_logistic_matches_sklearn():
  rng = np.random.default_rng(0)
  x = rng.normal(size=(150, 6))
  y = (x[:, :3] @ rng.normal(size=(3, 3))).argmax(1)
  w, b = em.fit_logistic(x, y, 3, c=2.0)
  ref = linear_model.LogisticRegression(C=2.0, tol=1e-10, max_iter=5000).fit(x, y)
  # sklearn's multinomial parametrisation is only defined up to a shift per feature; compare
  # the identifiable part: class probabilities.
  p = np.exp(x @ w + b)
  p /= p.sum(1, keepdims=True)
  np.testing.assert_allclose(p, ref.predict_proba(x), atol=1e-4)
  probs, c = em.linear_probe(x[:100], y[:100], x[100:], 3)
  assert c in (0.1, 1.0, 10.0, 100.0)
  assert em.accuracy(y[100:], probs.argmax(1)) > 0.8


def test_stratified_folds_and_cross_val_probe_match_sklearn():
  from sklearn import model_selection
  rng = np.random.default_rng(3)
  x = rng.normal(size=(120, 5))
  y = (x[:, :3] @ rng.normal(size=(3, 3))).argmax(1)
  folds = em.stratified_folds(y, 5, seed=1)
  counts = np.array([[np.sum((folds == f) & (y == c)) for c in range(3)] for f in range(5)])
  assert np.all(counts.max(0) - counts.min(0) <= 1)  # each class spread evenly over the folds
  assert np.bincount(folds).max() - np.bincount(folds).min() <= 1
  probs = em.cross_val_probe(x, y, 3, folds, cs=(2.0,))
  ref = model_selection.cross_val_predict(
      linear_model.LogisticRegression(C=2.0, tol=1e-10, max_iter=5000), x, y,
      cv=model_selection.PredefinedSplit(folds), method="predict_proba")
  np.testing.assert_allclose(probs, ref, atol=1e-4)
