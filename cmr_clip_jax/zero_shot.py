"""Zero-shot scoring from prompt sets, shared by `cmr-clip eval` and the exported bundle.

Pure numpy on L2-normalised embeddings; the caller supplies `embed_text(list[str]) -> [n, D]`,
so this module needs neither the training code nor a particular encoder path.
"""

import importlib.util
import json
import os
from typing import Callable

import numpy as np

from data_prep import records
from data_prep.errors import UserError


def load_prompts(path: str | None = None) -> dict:
  """The shipped prompt set (`cmr_clip_jax/prompts.py`) when `path` is None, else a prompt
  file: a .py with get_prompts() (a copy of that module, edited) or its JSON dump.

  Returns {'findings': {finding: {'positive': [str], 'negative': [str]}}, 'diagnoses': {cls: [str]}}.
  """
  if path is None:
    from cmr_clip_jax import prompts as module
    return validate_prompts(module.get_prompts())
  if not os.path.isfile(path):
    raise UserError(f"prompt file not found: {path}")
  if path.endswith(".json"):
    with open(path) as f:
      return validate_prompts(json.load(f))
  spec = importlib.util.spec_from_file_location("_cmr_clip_prompts", path)
  module = importlib.util.module_from_spec(spec)
  try:
    spec.loader.exec_module(module)
    prompts = module.get_prompts()
  except Exception as e:  # a user-edited file: report it on one line
    raise UserError(f"cannot read prompts from {path}: {type(e).__name__}: {e}") from e
  return validate_prompts(prompts)


def validate_prompts(prompts: dict) -> dict:
  """Checks that every finding has non-empty positive and negative sets and every class a set."""
  findings, diagnoses = prompts.get("findings", {}), prompts.get("diagnoses", {})
  for f in findings:
    if f not in records.FINDINGS:
      raise UserError(f"prompts: unknown finding {f!r} (known: {', '.join(records.FINDINGS)})")
    if not findings[f].get("positive") or not findings[f].get("negative"):
      raise UserError(f"prompts: finding {f!r} needs non-empty 'positive' and 'negative' lists")
  missing = [c for c in records.DIAGNOSES if not diagnoses.get(c)]
  if missing or set(diagnoses) - set(records.DIAGNOSES):
    raise UserError(f"prompts: 'diagnoses' needs exactly the classes {', '.join(records.DIAGNOSES)} "
                    f"with non-empty lists")
  return {"findings": {f: {"positive": list(v["positive"]), "negative": list(v["negative"])}
                       for f, v in findings.items()},
          "diagnoses": {c: list(diagnoses[c]) for c in records.DIAGNOSES}}


def encode_prompts(embed_text: Callable[[list[str]], np.ndarray], prompts: dict) -> dict:
  """Mean prompt embedding per set, [D] each (mean similarity == similarity to the mean).

  Returns {'findings': {finding: (pos [D], neg [D])}, 'diagnoses': [C, D] in records.DIAGNOSES order}.
  """
  def mean_emb(texts):
    return np.asarray(embed_text(list(texts)), np.float64).mean(0)
  return {
      "findings": {f: (mean_emb(v["positive"]), mean_emb(v["negative"]))
                   for f, v in prompts["findings"].items()},
      "diagnoses": np.stack([mean_emb(prompts["diagnoses"][c]) for c in records.DIAGNOSES]),
  }


def finding_scores(zimg: np.ndarray, prompt_emb: dict) -> dict:
  """{finding: f64 [N]}: mean similarity to the positive prompts minus to the negative ones."""
  zimg = np.asarray(zimg, np.float64)
  return {f: zimg @ pos - zimg @ neg for f, (pos, neg) in prompt_emb["findings"].items()}


def diagnosis_logits(zimg: np.ndarray, prompt_emb: dict) -> np.ndarray:
  """f64 [N, C]: mean similarity to each class's prompts (C in records.DIAGNOSES order)."""
  return np.asarray(zimg, np.float64) @ prompt_emb["diagnoses"].T


def zero_shot(zimg: np.ndarray, prompt_emb: dict) -> dict:
  """Per-study zero-shot output: finding scores [N] and diagnosis (probabilities over classes)."""
  logits = diagnosis_logits(zimg, prompt_emb)
  pred = logits.argmax(1)
  return {"findings": finding_scores(zimg, prompt_emb),
          "diagnosis_similarity": logits,
          "diagnosis": [records.DIAGNOSES[i] for i in pred]}
