"""`convert` on a small synth archive, shuffled and renamed, half of it stripped of series
descriptions, with the pydicom wheel's test corpus mixed in.

Ground truth comes from `data_prep.synth.study_truth` (series UIDs, planes base -> apex,
planted PHI), never from the converter.
"""

import csv
import json
import os
import re
import shutil

import numpy as np
import pydicom
import pydicom.data
import pytest

from cmr_clip_jax import cli
from data_prep import records
from data_prep import convert, dicom_io, views
from data_prep.synth import generate as synth

# One worker per module under xdist (make test: --dist loadgroup), so the module fixture runs once.
pytestmark = pytest.mark.xdist_group("test_convert_synth")

N, SEED = 12, 3
SIZE_OPTS = dict(matrix=64, frames=8, slices=4)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
  root = str(tmp_path_factory.mktemp("synth"))
  src = os.path.join(root, "synth")
  synth.generate(src, N, SEED, workers=1, **SIZE_OPTS)
  dicom = os.path.join(root, "dicom")
  rng = np.random.default_rng(0)
  rels = dicom_io.walk(src, exclude=[os.path.join(src, "reports.csv"), os.path.join(src, "labels.csv")])
  stripped = set()
  for rel in rng.permutation(rels):  # shuffled, renamed, regrouped: names carry nothing
    dst = os.path.join(dicom, f"d{rng.integers(7)}", f"{rng.integers(1 << 40):x}")
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
      ds = pydicom.dcmread(os.path.join(src, rel))
    except pydicom.errors.InvalidDicomError:
      shutil.copy(os.path.join(src, rel), dst)
      continue
    if int(str(ds.StudyInstanceUID)[-1]) % 2:  # synth UIDs are 2.25.<digits>
      ds.SeriesDescription, ds.ProtocolName = "", ""  # only geometry and timing left
      stripped.add(str(ds.StudyInstanceUID))
    ds.save_as(dst)
  corpus = os.path.join(dicom, "pydicom_corpus")
  os.makedirs(corpus)
  for i, f in enumerate(_corpus_files()):
    shutil.copy(f, os.path.join(corpus, f"{i:03d}_{os.path.basename(f)}"))
  out = os.path.join(root, "out")
  argv = ["convert", "--dicom", dicom, "--reports", os.path.join(src, "reports.csv"), "--labels",
          os.path.join(src, "labels.csv"), "--out", out, "--frames", "8", "--size", "48", "--spacing", "3",
          "--key-file", os.path.join(root, "k.key")]
  assert cli.main(argv) == 0
  with open(os.path.join(out, "manifest.json")) as f:
    manifest = json.load(f)
  with open(os.path.join(out, "rejects.jsonl")) as f:
    rejects = [json.loads(line) for line in f]
  truths = [synth.study_truth(SEED, i, render=False, **SIZE_OPTS) for i in range(N)]
  return {"dicom": dicom, "out": out, "manifest": manifest, "rejects": rejects, "truths": truths,
          "stripped": stripped, "src": src}


def _corpus_files():
  """Every file of the pydicom wheel's offline test corpus (DICOMDIR trees included)."""
  out = []
  for f in pydicom.data.get_testdata_files():
    out += [os.path.join(d, n) for d, _, ns in os.walk(f) for n in ns] if os.path.isdir(f) else [f]
  return sorted(out)


def _layouts(dicom):
  """study uid -> views.classify result, straight from the (renamed) files."""
  by_study = {}
  for rel in dicom_io.walk(dicom):
    e = dicom_io.scan_file(dicom, rel)
    if "study" in e and not e["sr"] and not rel.startswith("pydicom_corpus"):
      by_study.setdefault(e["study"], {})[rel] = os.path.join(dicom, rel)
  out = {}
  for uid, paths in by_study.items():
    datasets, _ = convert._read_images(paths)
    out[uid] = views.classify(convert._slices_of(datasets))
  return out


def test_views_and_slice_order_match_synth_truth(run):
  layouts = _layouts(run["dicom"])
  assert run["stripped"] and len(run["stripped"]) < N  # both paths are exercised
  for t in run["truths"]:
    lay = layouts[t["study"]["study_uid"]]
    by_view = {}
    for s in t["series"]:
      by_view.setdefault(s["view"], []).append(s)
    sax = by_view["sax"]
    truth_ipps = [np.asarray(pl["ipp"], float) for s in sax for pl in s["planes"]]
    got_ipps = [np.asarray(sl.frames[0][1].position) for sl in lay["sax_stack"]]
    assert len(got_ipps) == len(truth_ipps)
    for g, w in zip(got_ipps, truth_ipps):  # base -> apex, whatever the file names
      np.testing.assert_allclose(g, w, atol=1e-3)
    for view in ("4ch", "2ch", "3ch"):
      if view in by_view:
        assert lay[f"cine_{view}"].series == by_view[view][0]["uid"], (view, t["study"]["study_uid"])
      else:
        assert f"cine_{view}" not in lay
    if "lge_sax" in by_view:
      assert [sl.series for sl in lay["lge_sax"]] == [by_view["lge_sax"][0]["uid"]] * len(truth_ipps)
    lax_lge = by_view.get("lge_4ch") or by_view.get("lge_2ch")
    assert (lay["lge_lax"].series == lax_lge[0]["uid"]) if lax_lge else "lge_lax" not in lay


def test_corpus_files_convert_or_are_rejected(run):
  m, rejects = run["manifest"], run["rejects"]
  assert m["inputs"]["files"] == m["written"]["files"] + m["rejected"]["files"]
  rejected = {r["file"] for r in rejects if r["kind"] == "file"}
  corpus = [r for r in dicom_io.walk(run["dicom"]) if r.startswith("pydicom_corpus")]
  assert len(corpus) == len(_corpus_files()) > 50
  assert set(corpus) <= rejected
  assert all(r["reason"] for r in rejects)
  assert m["written"]["studies"] == N


def test_splits_labels_and_phi(run):
  import grain
  out, m = run["out"], run["manifest"]
  with open(os.path.join(run["src"], "labels.csv")) as f:
    labels = list(csv.DictReader(f))
  recs = []
  for split, info in m["splits"].items():
    files = [os.path.join(out, s["file"]) for s in info["shards"]]
    if files:
      src = grain.sources.ArrayRecordDataSource(files)
      recs += [dict(records.decode(src[i]), split=split) for i in range(len(src))]
  split_of = {}
  for r in recs:
    assert split_of.setdefault(r["patient_id"], r["split"]) == r["split"]
    assert r["view_mask"][:3].all()
  assert len({r["patient_id"] for r in recs}) == len({(t["patient_key"]) for t in run["truths"]})
  diagnoses = sorted(r["labels"]["diagnosis"] for r in recs)
  assert diagnoses == sorted(row["diagnosis"] for row in labels)
  phi = set()
  for t in run["truths"]:
    p = t["study"]["patient"]
    phi |= {s.lower() for s in t["phi"] if len(s) >= 4}
    phi |= {p["first"].lower(), p["last"].lower(), p["mrn"].lower(), p["birth_date"], t["study"]["accession"].lower()}
  for name in os.listdir(out):  # raw bytes, frames included: long strings cannot match by chance
    if name != "rejects.jsonl":
      blob = open(os.path.join(out, name), "rb").read().lower()
      assert not [s for s in phi if len(s) >= 5 and s.encode() in blob], name
  for r in recs:  # every text field, word by word
    fields = " ".join([r["report"], r["study_id"], r["patient_id"], json.dumps(r["meta"]), json.dumps(r["labels"])])
    leaks = [s for s in phi if re.search(r"(?<![a-z0-9])" + re.escape(s) + r"(?![a-z0-9])", fields.lower())]
    assert not leaks, (leaks, r["report"])
