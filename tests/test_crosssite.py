"""The held-out-vendor protocol (`make crosssite`) and its hygiene: the training folder holds no study of the
held-out vendor, the held-out folder holds only its studies, all in its test split, with the
training folder's tokenizer (so the run's eval accepts it). Vendors are read from the DICOM
headers with pydicom and from the converted records, not from the generator's bookkeeping.
"""

import json
import os

import grain
import pydicom
import pytest

from cmr_clip_jax import cli, evaluate, input_pipeline
from data_prep import dicom_io, records

SIZE = ["--matrix", "64", "--frames", "8", "--slices", "4", "--no-progress", "--workers", "1"]
CONVERT = ["--workers", "1", "--frames", "4", "--size", "32", "--spacing", "4"]


def _manufacturers(dicom_dir):
  out = set()
  for rel in dicom_io.walk(dicom_dir):
    if rel.endswith(".csv") or rel.startswith("."):
      continue
    out.add(str(pydicom.dcmread(os.path.join(dicom_dir, rel), stop_before_pixels=True).Manufacturer))
  return out


def _vendors_by_split(data_dir):
  out = {}
  for split, info in input_pipeline.load_manifest(data_dir)["splits"].items():
    files = [os.path.join(data_dir, s["file"]) for s in info["shards"]]
    if files:
      src = grain.sources.ArrayRecordDataSource(files)
      out[split] = [records.decode(src[i])["meta"]["vendor"] for i in range(len(src))]
  return out


@pytest.mark.slow
def test_held_out_vendor_never_reaches_training(tmp_path):
  root = str(tmp_path)
  for name, seed, vendors, n in (("train", 0, "siemens,ge", 14), ("heldout", 1, "philips", 6)):
    assert cli.main(["synth", "--out", f"{root}/{name}_dicom", "--studies", str(n), "--seed", str(seed),
                     "--vendors", vendors] + SIZE) == 0
  assert _manufacturers(f"{root}/train_dicom") == {"SIEMENS", "GE MEDICAL SYSTEMS"}
  assert _manufacturers(f"{root}/heldout_dicom") == {"Philips Medical Systems"}
  key = ["--key-file", f"{root}/k.key"]
  assert cli.main(["convert", "--dicom", f"{root}/train_dicom", "--reports", f"{root}/train_dicom/reports.csv",
                   "--labels", f"{root}/train_dicom/labels.csv", "--out", f"{root}/data"] + CONVERT + key) == 0
  assert cli.main(["convert", "--dicom", f"{root}/heldout_dicom", "--reports", f"{root}/heldout_dicom/reports.csv",
                   "--labels", f"{root}/heldout_dicom/labels.csv", "--out", f"{root}/heldout", "--split", "0,0,1",
                   "--tokenizer", f"{root}/data/tokenizer.model"] + CONVERT + key) == 0
  train = _vendors_by_split(f"{root}/data")
  assert train["train"] and all("philips" not in v.lower() for split in train.values() for v in split)
  held = _vendors_by_split(f"{root}/heldout")
  assert set(held) == {"test"} and len(held["test"]) == 6 and set(held["test"]) == {"Philips Medical Systems"}
  with open(f"{root}/data/tokenizer.model", "rb") as a, open(f"{root}/heldout/tokenizer.model", "rb") as b:
    assert a.read() == b.read()
  # A vendor that does not exist is a bad command: one line, exit code 2.
  assert cli.main(["synth", "--out", f"{root}/x", "--studies", "1", "--vendors", "acme"]) == 2


def test_eval_counts_reads_of_the_same_data(tmp_path):
  path = str(tmp_path / "test.json")
  assert evaluate.previous_reads(path) == 0  # never evaluated
  with open(path, "w") as f:
    json.dump({"split": "test"}, f)  # written before the count existed: one read
  assert evaluate.previous_reads(path) == 1
  with open(path, "w") as f:
    json.dump({"split": "test", "reads": 3}, f)
  assert evaluate.previous_reads(path) == 3
