"""The whole path at reduced size, through the console script a user runs:
synth -> convert -> train -> eval -> export -> embed. Asserts that learning happened."""

import json
import math
import os
import subprocess
import sys

import pytest

# One xdist worker runs the whole module, so the pipeline runs once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("end_to_end")]

TRAIN_OVERRIDES = [
    "--config.total_steps=240", "--config.warmup_steps=10", "--config.batch_size=16",
    "--config.microbatch_size=16", "--config.learning_rate=2e-3", "--config.log_every_steps=30",
    "--config.eval_every_steps=120", "--config.checkpoint_every_steps=120",
    "--config.input.frames=4", "--config.input.size=32",
    "--config.model.embed_dim=64", "--config.model.image.width=64", "--config.model.image.depth=2",
    "--config.model.image.mlp_dim=128", "--config.model.image.patch=8",
    "--config.model.text.width=64", "--config.model.text.depth=1", "--config.model.text.mlp_dim=128",
    "--config.model.text.max_len=64",
]


def _cli(*args, devices=2):
  env = dict(os.environ, XLA_FLAGS=f"--xla_force_host_platform_device_count={devices}")
  proc = subprocess.run([sys.executable, "-m", "cmr_clip_jax", *args], env=env, capture_output=True, text=True)
  assert proc.returncode == 0, f"cmr-clip {args[0]} failed:\n{proc.stderr[-3000:]}"
  return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
  root = tmp_path_factory.mktemp("e2e")
  dicom, data, run, bundle = (str(root / n) for n in ("dicom", "data", "run", "bundle"))
  # A fixed de-identification key fixes the patient split, so the run is the same every time.
  key = root / "deid.key"
  key.write_text("end-to-end-test-key-not-a-secret\n")
  _cli("synth", "--out", dicom, "--studies", "72", "--seed", "3", "--workers", "2", "--matrix", "64",
       "--frames", "8", "--slices", "4", "--no-progress")
  convert = _cli("convert", "--dicom", dicom, "--reports", f"{dicom}/reports.csv", "--labels",
                 f"{dicom}/labels.csv", "--out", data, "--workers", "2", "--frames", "4", "--size", "32",
                 "--spacing", "4.0", "--key-file", str(key), "--max-tokens", "64")
  _cli("train", "--config", "configs/demo.py", "--workdir", run, f"--config.data_dir={data}", *TRAIN_OVERRIDES)
  evaluation = _cli("eval", "--workdir", run, "--split", "train")
  _cli("export", "--workdir", run, "--out", bundle)
  return dict(root=root, dicom=dicom, data=data, run=run, bundle=bundle, convert=convert, eval=evaluation)


def test_every_input_study_is_written_or_rejected(demo):
  manifest = json.load(open(os.path.join(demo["data"], "manifest.json")))
  written = sum(s["studies"] for s in manifest["splits"].values())
  assert written + manifest["rejected"]["studies"] == manifest["inputs"]["studies"] == 72


def test_loss_falls(demo):
  rows = [json.loads(l) for l in open(os.path.join(demo["run"], "metrics.jsonl"))]
  assert len(rows) == 8
  # Chance for InfoNCE over a batch of 16 is ln 16 = 2.77; so it is for the sentence loss (any
  # targets against uniform logits), whose floor is above 0: shared sentences have many positives.
  last = lambda key: sum(r[key] for r in rows[-2:]) / 2  # noqa: E731
  assert last("report_loss") < 0.8 * math.log(16)
  assert last("sentence_loss") < 0.9 * math.log(16) < rows[0]["sentence_loss"]
  assert last("loss") == pytest.approx(last("report_loss") + last("sentence_loss"), rel=1e-5)  # weight 1


def test_zero_shot_beats_shuffled_control(demo):
  result = json.load(open(os.path.join(demo["run"], "eval", "train.json")))
  zero_shot = result["zero_shot"]
  assert result["step"] == 240 and result["reads"] == 1  # the first look at this split
  assert zero_shot["findings_macro_auc"] > zero_shot["shuffled_control_macro_auc"] + 0.1
  n = result["num_studies"]
  assert result["retrieval"]["study_to_report"]["R@1"] > 3.0 / n


def test_embed_dicom_study_with_bundle(demo, tmp_path):
  # The archive's folders need not be one per study: gather one study's files by UID.
  import pydicom
  files = [os.path.join(r, f) for r, _, fs in os.walk(demo["dicom"]) for f in fs if not f.endswith((".csv", ".json"))]
  uids = {}
  for f in files:
    try:
      uid = pydicom.dcmread(f, stop_before_pixels=True, specific_tags=["StudyInstanceUID"]).StudyInstanceUID
    except Exception:  # non-DICOM side files
      continue
    uids.setdefault(uid, []).append(f)
  study = next(iter(sorted(uids.values(), key=len, reverse=True)))
  for i, f in enumerate(study):
    os.symlink(f, tmp_path / f"{i:05d}")
  out = _cli("embed", "--bundle", demo["bundle"], "--dicom", str(tmp_path))
  assert len(out["embedding"]) == 64
  assert abs(sum(x * x for x in out["embedding"]) - 1.0) < 1e-4


def test_external_validation_in_one_command(demo):
  """The trained run on ACDC- and M&Ms-layout NIfTI (synthetic, known labels): convert-nifti, then
  one eval command per dataset writes the report JSON and plots."""
  root = demo["root"]
  for layout in ("acdc", "mnms"):
    src, data = str(root / f"{layout}_src"), str(root / f"{layout}_data")
    _cli("synth", "--layout", layout, "--out", src, "--studies", "30", "--seed", "11", "--workers", "1",
         "--matrix", "64", "--frames", "8", "--slices", "4", "--no-progress")
    tokenizer = ["--tokenizer", os.path.join(demo["data"], "tokenizer.model")] if layout == "acdc" else []
    converted = _cli("convert-nifti", "--layout", layout, "--root", src, "--out", data, "--frames", "4",
                     "--size", "32", "--spacing", "4.0", "--key-file", str(root / "deid.key"), *tokenizer)
    assert converted["written"]["studies"] == 30 and converted["labels"]["diagnosis"] == 30
    out = _cli("eval", "--workdir", demo["run"], "--data", data, "--split", "all", "--bootstrap", "200")
    result = json.load(open(out["eval"]))
    assert os.path.basename(out["eval"]) == f"{layout}_all.json" and "retrieval" not in result
    for png in result["plots"]:
      assert os.path.getsize(os.path.join(demo["run"], "eval", png)) > 1000
    zs, probe = result["zero_shot"], result["linear_probe"]
    assert zs["diagnosis_confusion_matrix"] and sum(map(sum, zs["diagnosis_confusion_matrix"])) == 30
    assert probe["protocol"].startswith("supervised") and len(probe["diagnosis_accuracy_ci95"]) == 2
    # The frozen image embeddings carry the diagnosis: the cross-validated probe beats the same
    # probe fitted on shuffled labels.
    assert probe["diagnosis_accuracy"] > probe["shuffled_control_diagnosis_accuracy"]
    assert ("by_group" in result) == (layout == "mnms")
