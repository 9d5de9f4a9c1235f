"""Prompt sets: complete, loadable, and not copied from the synthetic generator's templates."""

import ast
import glob
import json
import os
import re

import pytest

from cmr_clip_jax import zero_shot
from data_prep import records
from data_prep.errors import UserError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _norm(text: str) -> str:
  return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", text.lower())).strip()


def _all_prompts(prompts):
  for v in prompts["findings"].values():
    yield from v["positive"]
    yield from v["negative"]
  for v in prompts["diagnoses"].values():
    yield from v


def _generator_strings():
  """Every string constant (f-string pieces included) in the synthetic generator's source."""
  files = glob.glob(os.path.join(ROOT, "data_prep", "synth", "*.py"))
  assert files, "data_prep/synth/*.py not found"
  out = []
  for path in files:
    with open(path) as f:
      tree = ast.parse(f.read())
    out += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
  return out


def test_prompt_sets_complete_and_several_per_side():
  p = zero_shot.load_prompts()
  assert set(p["findings"]) == set(records.FINDINGS)
  assert set(p["diagnoses"]) == set(records.DIAGNOSES)
  for v in p["findings"].values():
    assert len(v["positive"]) >= 2 and len(v["negative"]) >= 2
  assert all(len(v) >= 3 for v in p["diagnoses"].values())
  texts = [_norm(t) for t in _all_prompts(p)]
  assert len(texts) == len(set(texts)), "duplicate prompts"


def test_no_prompt_verbatim_in_generator_templates():
  templates = [_norm(s) for s in _generator_strings()]
  templates = [t for t in templates if t]
  hits = [(p, t) for p in _all_prompts(zero_shot.load_prompts()) for t in templates if _norm(p) in t]
  assert not hits, f"prompts found verbatim in generator templates: {hits}"


def test_no_prompt_in_generated_reports():
  from data_prep.synth import generate as synth
  reports = [_norm(synth.study_truth(seed, i, render=False)["report"]) for seed in (0, 1) for i in range(60)]
  assert len(set(reports)) > 20  # the generator varies its wording: this is a real sample
  hits = [(p, r) for p in _all_prompts(zero_shot.load_prompts()) for r in reports if _norm(p) in r]
  assert not hits, f"prompts found verbatim in generated reports: {sorted({p for p, _ in hits})}"


def test_json_round_trip_and_bad_files(tmp_path):
  p = zero_shot.load_prompts()
  path = tmp_path / "prompts.json"
  path.write_text(json.dumps(p))
  assert zero_shot.load_prompts(str(path)) == p
  bad = dict(p, diagnoses={k: v for k, v in p["diagnoses"].items() if k != "HCM"})
  path.write_text(json.dumps(bad))
  with pytest.raises(UserError, match="diagnoses"):
    zero_shot.load_prompts(str(path))
  with pytest.raises(UserError, match="not found"):
    zero_shot.load_prompts(str(tmp_path / "missing.py"))
