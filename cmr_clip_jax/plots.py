"""PNG figures for eval and sweep (matplotlib, Agg backend: no display needed)."""

import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
import numpy as np  # noqa: E402


def _save(fig, path: str) -> str:
  tmp = path + ".tmp.png"
  fig.savefig(tmp, dpi=120, bbox_inches="tight")
  plt.close(fig)
  os.replace(tmp, path)
  return path


def roc_curves(curves: dict, path: str, title: str) -> str:
  """curves: {name: (fpr [K], tpr [K], auc float)} -> one ROC panel with a line per finding."""
  fig, ax = plt.subplots(figsize=(5, 5))
  for name, (fpr, tpr, auc) in curves.items():
    ax.plot(fpr, tpr, label=f"{name} (AUC {auc:.3f})")
  ax.plot([0, 1], [0, 1], "k:", lw=1, label="chance")
  ax.set(xlabel="false positive rate", ylabel="true positive rate", title=title, xlim=(0, 1), ylim=(0, 1))
  ax.legend(loc="lower right", fontsize=8)
  return _save(fig, path)


def confusion(cm: np.ndarray, classes, path: str, title: str) -> str:
  """cm int [C, C] (rows true, columns predicted) as a heatmap with counts."""
  cm = np.asarray(cm)
  fig, ax = plt.subplots(figsize=(4.5, 4))
  ax.imshow(cm, cmap="Blues")
  for i in range(cm.shape[0]):
    for j in range(cm.shape[1]):
      ax.text(j, i, str(cm[i, j]), ha="center", va="center",
              color="white" if cm[i, j] > cm.max() / 2 else "black")
  ax.set(xticks=range(len(classes)), yticks=range(len(classes)), xticklabels=classes,
         yticklabels=classes, xlabel="predicted", ylabel="true", title=title)
  return _save(fig, path)


def sweep(rows: list[dict], path: str) -> str:
  """rows: one dict per batch size -> R@1, zero-shot macro-AUC and examples/s against batch size."""
  rows = sorted(rows, key=lambda r: r["batch_size"])
  bs = [r["batch_size"] for r in rows]
  panels = [("study_to_report_R@1", "report_to_study_R@1", "retrieval R@1"),
            ("findings_macro_auc", None, "zero-shot findings macro-AUC"),
            ("examples_per_sec", None, "train examples/s")]
  fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
  for ax, (key, key2, label) in zip(axes, panels):
    for k in (key, key2):
      if k:
        ax.plot(bs, [r.get(k, np.nan) for r in rows], "o-", label=k)
    ax.set_xscale("log", base=2)
    ax.set(xlabel="global batch size", ylabel=label, title=label)
    if key2:
      ax.legend(fontsize=8)
  fig.tight_layout()
  return _save(fig, path)
