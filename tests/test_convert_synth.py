"""`convert` on a small synth archive, shuffled and renamed, half of it stripped of series
descriptions, with real-world DICOM nobody here wrote mixed in: the pydicom wheel's test corpus
(CT, RT, SEG, US, SR, brain MR, files without a Part 10 header, copies of one MR instance) and
nibabel's (Siemens diffusion mosaics, a Philips enhanced MR), plus a JPEG 2000 MR whose stream
lacks its last 8 bytes. Every one of those studies has a row in the reports table, as a
hospital export would: none may reach a record, and each must be rejected for its own reason.

Ground truth comes from `data_prep.synth.study_truth` (series UIDs, planes base -> apex,
planted PHI), never from the converter.
"""

import csv
import gzip
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
    data = open(f, "rb").read()
    with open(os.path.join(corpus, f"{i:03d}_{os.path.basename(f).removesuffix('.gz')}"), "wb") as g:
      g.write(gzip.decompress(data) if f.endswith(".gz") else data)
  _truncated_j2k(os.path.join(corpus, "zzz_truncated_j2k.dcm"))
  reports_csv = os.path.join(root, "reports.csv")
  shutil.copy(os.path.join(src, "reports.csv"), reports_csv)
  corpus_uids = _corpus_studies(corpus)
  with open(reports_csv, "a", newline="") as f:  # a report row for every corpus study, as a hospital would have
    csv.writer(f).writerows([(uid, f"FINDINGS: Study {i}: no acute abnormality.\nIMPRESSION: Normal.")
                             for i, uid in enumerate(sorted(corpus_uids))])
  out = os.path.join(root, "out")
  argv = ["convert", "--dicom", dicom, "--reports", reports_csv, "--labels",
          os.path.join(src, "labels.csv"), "--out", out, "--frames", "8", "--size", "48", "--spacing", "3",
          "--key-file", os.path.join(root, "k.key")]
  assert cli.main(argv) == 0
  with open(os.path.join(out, "manifest.json")) as f:
    manifest = json.load(f)
  with open(os.path.join(out, "rejects.jsonl")) as f:
    rejects = [json.loads(line) for line in f]
  truths = [synth.study_truth(SEED, i, render=False, **SIZE_OPTS) for i in range(N)]
  key = open(os.path.join(root, "k.key"), "rb").read().strip()
  return {"dicom": dicom, "out": out, "manifest": manifest, "rejects": rejects, "truths": truths,
          "stripped": stripped, "src": src, "corpus_uids": corpus_uids, "key": key}


def _corpus_files():
  """Every file of the pydicom wheel's offline test corpus (DICOMDIR trees included) and the
  DICOM files of nibabel's test data."""
  import nibabel
  out = []
  for f in pydicom.data.get_testdata_files():
    out += [os.path.join(d, n) for d, _, ns in os.walk(f) for n in ns] if os.path.isdir(f) else [f]
  nib = os.path.join(os.path.dirname(nibabel.__file__), "nicom", "tests", "data")
  out += [os.path.join(nib, n) for n in os.listdir(nib) if n.endswith((".dcm", ".dcm.gz"))]
  return sorted(out)


def _corpus_studies(folder) -> set:
  """StudyInstanceUIDs of the corpus, read independently of the converter (pydicom, forced)."""
  uids = set()
  for name in os.listdir(folder):
    try:
      uid = pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True, force=True).get("StudyInstanceUID")
    except Exception:
      continue
    if uid:
      uids.add(str(uid))
  return uids


def _truncated_j2k(path):
  """pydicom's JPEG 2000 MR, its own study, with the codestream 8 bytes short (no EOC marker)."""
  ds = pydicom.dcmread(pydicom.data.get_testdata_file("MR_small_jp2klossless.dcm"))
  frame = next(pydicom.encaps.generate_frames(ds.PixelData, number_of_frames=1))
  ds.PixelData = pydicom.encaps.encapsulate([frame[:-8]])
  ds.StudyInstanceUID, ds.SeriesInstanceUID = pydicom.uid.generate_uid(), pydicom.uid.generate_uid()
  ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = pydicom.uid.generate_uid()
  ds.save_as(path)


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
    lone = t["study"]["study_uid"] in run["stripped"] and ("2ch" in by_view) != ("3ch" in by_view)
    for view in ("4ch", "2ch", "3ch"):
      if lone and view != "4ch":
        # Unnamed, a lone second long-axis plane cannot be told 2CH from 3CH by geometry (the
        # 3CH lies 55-80 degrees from the 4CH, the 2CH 90): views.py calls it 2CH.
        other = by_view.get("2ch") or by_view.get("3ch")
        assert lay["cine_2ch"].series == other[0]["uid"] and "cine_3ch" not in lay
      elif view in by_view:
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
  assert len(corpus) == len(_corpus_files()) + 1 > 50
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


def test_no_corpus_study_reaches_a_record_and_each_says_why(run):
  import grain
  from data_prep import deid
  out, m = run["out"], run["manifest"]
  written = set()
  for info in m["splits"].values():
    files = [os.path.join(out, s["file"]) for s in info["shards"]]
    if files:
      src = grain.sources.ArrayRecordDataSource(files)
      written |= {records.decode(src[i])["study_id"] for i in range(len(src))}
  study_reason = {r["study"]: r["reason"] for r in run["rejects"] if r["kind"] == "study"}
  assert len(run["corpus_uids"]) > 20
  for uid in run["corpus_uids"]:
    sid = deid.hmac_id(run["key"], "study", uid)
    assert sid not in written, uid
    reason = study_reason[sid]  # every corpus study has a report row: the reason is never the report
    assert reason != "report missing or empty" and "internal error" not in reason, (uid, reason)
  file_reason = {r["file"].split("_", 2)[-1] if r["file"].startswith("pydicom_corpus/") else r["file"]: r["reason"]
                 for r in run["rejects"] if r["kind"] == "file"}
  def reasons(prefix):  # copies of one instance: one file says why, the others are duplicates
    got = sorted({v for k, v in file_reason.items() if k.startswith(prefix)})
    assert len(got) <= 2 and all(v.startswith("duplicate instance") for v in got[:-1]), got
    return got[-1]
  assert reasons("CT_small.dcm") == "modality CT (CT Image Storage)"
  assert reasons(("rtdose", "badVR")) == "modality RTDOSE (RT Dose Storage)"
  assert reasons("liver") == "modality SEG (Segmentation Storage)"
  assert reasons("examples_rgb_color") == "modality US (Ultrasound Image Storage)"
  assert file_reason["test-SR.dcm"].startswith("study rejected: no MR image")
  assert file_reason["siemens_dwi_1000.dcm"] == "mosaic image (several slices tiled in one image)"
  assert file_reason["truncated_j2k.dcm"] == "truncated JPEG 2000 stream (frame 0 has no end marker)"
  assert file_reason["ExplVR_BigEndNoMeta.dcm"].startswith("raw DICOM data set without a Part 10 file header")
  assert file_reason["philips_mprage.dcm"].startswith("no cardiac gating evidence")  # enhanced brain MR
  # MR_small and its 8 re-encoded copies share one SOPInstanceUID: one instance, no cine.
  assert sum(k.startswith(("MR_small", "MR_truncated")) for k in file_reason) == 9
  assert reasons(("MR_small", "MR_truncated")) == "no cardiac gating evidence (0 distinct trigger times, need >= 4)"
  rows = [r for r in run["rejects"] if r["kind"] == "report"]
  assert len(rows) == len(run["corpus_uids"]) and all(r["reason"].startswith("study rejected: ") for r in rows)
