"""`cmr-clip convert` end to end on a pydicom-built archive with every kind of bad input.

One module-scoped conversion (workers=1, in process) is checked for: view slots and slice
order independent of file names, patient splits, de-identification (planted PHI grepped in
the bytes of the shareable output), rejects with reasons, manifest reconciliation, and
idempotency. The killed-and-rerun test runs the real CLI in a subprocess with 2 workers.
"""

import argparse
import csv
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import grain
import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import JPEGLSLossless, RLELossless, generate_uid

from cmr_clip_jax import cli
from data_prep import records
from data_prep import convert, convert_server, deid, dicom_io, reports, text, workers
from dicom_factory import mr_image, write_study

# One worker per module under xdist (make test: --dist loadgroup), so the module fixture runs once.
pytestmark = pytest.mark.xdist_group("test_convert")

KEY = b"test-key-0123456789abcdef0123456789"
FRAMES, SIZE, SPACING = 6, 32, 4.0
PATIENTS = {
    "A": {"name": "Kowalski^Anna^Maria", "id": "MRN-004417", "dob": "19580307", "accession": "ACC77123"},
    "B": {"name": "Oyelaran^Tunde", "id": "55-21-9090", "dob": "19911230", "accession": "Q123987"},
    "E": {"name": "Lindqvist^Sven", "id": "SV-1001", "dob": "19450611"},
    "F": {"name": "Moreau^Claire", "id": "FR-88219", "dob": "20010102"},
    "G": {"name": "Haddad^Rami", "id": "LB-31337", "dob": "19770415"},
    "H": {"name": "Nakamura^Yui", "id": "JP-60606", "dob": "19850909"},
    "X": {"name": "Garbage^Case", "id": "GC-424242", "dob": "19990101"},
}
UIDS = {k: f"1.2.826.0.1.3680043.10.999.{i + 1}" for i, k in enumerate("ABCDEFGHX")}
PHI_STRINGS = ["kowalski", "anna", "oyelaran", "tunde", "lindqvist", "moreau", "haddad", "rami", "nakamura",
               "004417", "004-417", "55-21-9090", "21-9090", "acc77123", "q123987", "19580307", "03/07/1958",
               "7 mar", "1958", "30.12.1991", "19911230", "house", "gregory", "general hospital", "smith",
               "wexler", "ortega", "617-555", "sv-1001", "31337", "60606", "secretfolder"]


def _report(p, extra=""):
  fam, given = p["name"].split("^")[:2]
  dob = p["dob"]
  return (f"Name: {fam.upper()}, {given} ({p['id']}), DOB {dob[6:]}/{dob[4:6]}/{dob[:4]}.\n"
          f"HISTORY: {given.lower()} {fam.lower()} referred by Dr. Smith, tel 617-555-0199.\n"
          f"FINDINGS: LV normal size, LVEF 58%. {given} {fam} tolerated the scan. {extra}\n"
          f"IMPRESSION: Normal study on {dob[:4]}-{dob[4:6]}-{dob[6:]}. Reported by dr wexler. "
          f"Electronically signed: Paul Ortega, MD")


def _sr(path, study_uid, patient, text_):
  ds = Dataset()
  ds.file_meta = FileMetaDataset()
  ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
  ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.88.11"
  ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.88.11", generate_uid()
  ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
  ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.Modality = study_uid, generate_uid(), "SR"
  ds.PatientName, ds.PatientID = patient["name"], patient["id"]
  ds.ValueType = "CONTAINER"
  items = []
  for label, value in text_:
    item = Dataset()
    item.ValueType, item.TextValue = "TEXT", value
    code = Dataset()
    code.CodeMeaning = label
    item.ConceptNameCodeSequence = Sequence([code])
    items.append(item)
  ds.ContentSequence = Sequence(items)
  ds.save_as(path, enforce_file_format=True)


def _retag(src_dir, dst_dir, study_uid, patient_id):
  """Copies a study under a new StudyInstanceUID / PatientID: identical pixel data."""
  for rel in sorted(os.listdir(src_dir)):
    for name in sorted(os.listdir(os.path.join(src_dir, rel))):
      ds = pydicom.dcmread(os.path.join(src_dir, rel, name))
      ds.StudyInstanceUID, ds.PatientID = study_uid, patient_id
      os.makedirs(os.path.join(dst_dir, rel), exist_ok=True)
      ds.save_as(os.path.join(dst_dir, rel, name))


def _scrambled_names(seed):
  rng = np.random.default_rng(seed)
  def name_fn(kind, index, phase):
    return f"SECRETFOLDER_Oyelaran_19911230/{rng.integers(1e9):09d}/{rng.integers(1e12):x}"
  return name_fn


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
  root = str(tmp_path_factory.mktemp("archive"))
  dicom = os.path.join(root, "dicom")
  small = dict(n_sax=5, phases=8, shape=(40, 40), spacing=(3.0, 3.0))
  truth = {"A": write_study(os.path.join(dicom, "a"), UIDS["A"], PATIENTS["A"], seed=1, **small)}
  # B: the same anatomy and geometry as A, other noise; no descriptions at all, scrambled names:
  # its slots can only come from geometry and timing.
  no_desc = {k: "" for k in ("sax", "4ch", "2ch", "3ch", "lge_sax")}
  truth["B"] = write_study(os.path.join(dicom, "b"), UIDS["B"], PATIENTS["B"], seed=2, descriptions=no_desc,
                           name_fn=_scrambled_names(0), **small)
  # C: A's patient again (second visit); D: A's pixels under another study and patient.
  write_study(os.path.join(dicom, "c"), UIDS["C"], PATIENTS["A"], seed=3, centre=(0, 0, 0), lge=False, **small)
  _retag(os.path.join(dicom, "a"), os.path.join(dicom, "d"), UIDS["D"], "DUP-PATIENT-1")
  write_study(os.path.join(dicom, "e"), UIDS["E"], PATIENTS["E"], seed=4, lax=(), **dict(small, phases=1))  # no cine
  write_study(os.path.join(dicom, "f"), UIDS["F"], PATIENTS["F"], seed=5, lax=("4ch",), lge=False, **small)
  write_study(os.path.join(dicom, "g"), UIDS["G"], PATIENTS["G"], seed=6, lax=("4ch",), lge=False, **small)
  write_study(os.path.join(dicom, "h"), UIDS["H"], PATIENTS["H"], seed=7, lax=("4ch",), lge=False, **small)
  _sr(os.path.join(dicom, "g", "report.sr"), UIDS["G"], PATIENTS["G"],
      [("History", "Rami Haddad, chest pain"), ("Findings", "LV hypertrophy. Rami Haddad seen by Dr. Smith."),
       ("Impression", "HCM pattern, reviewed with rami haddad on 15/04/1977.")])
  bad = os.path.join(dicom, "zz_bad")
  os.makedirs(bad)
  first_b = sorted(glob.glob(os.path.join(dicom, "b", "**", "*"), recursive=True))
  first_b = [p for p in first_b if os.path.isfile(p)][0]
  data = open(first_b, "rb").read()
  uid = pydicom.dcmread(first_b).SOPInstanceUID.encode()
  data = data.replace(uid, uid[:-1] + (b"7" if uid[-1:] != b"7" else b"8"))  # its own instance, not a copy
  with open(os.path.join(bad, "truncated.dcm"), "wb") as f:
    f.write(data[:len(data) - 500])
  with open(os.path.join(bad, "notes.txt"), "w") as f:
    f.write("scanner log, not DICOM")
  arr = np.full((40, 40), 100, np.uint16)
  in_a = dict(StudyInstanceUID=UIDS["A"], PatientID=PATIENTS["A"]["id"])
  nopix = mr_image(arr, **in_a)
  del nopix.PixelData
  nopix.save_as(os.path.join(bad, "nopix.dcm"), enforce_file_format=True)
  mr_image(arr, **in_a, SOPClassUID="1.2.840.10008.5.1.4.1.1.7").save_as(
      os.path.join(bad, "screenshot.dcm"), enforce_file_format=True)
  mr_image(arr, **in_a, BurnedInAnnotation="YES").save_as(
      os.path.join(bad, "burned.dcm"), enforce_file_format=True)
  # X: a usable study in which one needed file (mid SAX slice) holds RLE bytes labelled JPEG-LS.
  write_study(os.path.join(dicom, "x"), UIDS["X"], PATIENTS["X"], seed=8, lax=("4ch",), lge=False, **small)
  garbage = pydicom.dcmread(os.path.join(dicom, "x", "sax", "s02_p03.dcm"))
  garbage.compress(RLELossless, generate_instance_uid=False)
  garbage.file_meta.TransferSyntaxUID = JPEGLSLossless
  garbage.save_as(os.path.join(dicom, "x", "sax", "s02_p03.dcm"), enforce_file_format=True)

  reports_csv = os.path.join(root, "reports.csv")
  rows = [(UIDS[k], _report(PATIENTS["A" if k in "ACD" else k], f"case {k}")) for k in "ABCDEX"]
  rows.append(("1.2.3.999.unknown", "FINDINGS: orphan report"))
  with open(reports_csv, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["study_uid", "report"])
    w.writerows(rows)
    f.flush()
  with open(reports_csv, "ab") as f:  # H: a row whose bytes are not UTF-8
    f.write(f'{UIDS["H"]},"FINDINGS: caf\xe9 au lait \xff"\n'.encode("latin-1"))
  labels_csv = os.path.join(root, "labels.csv")
  with open(labels_csv, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["study_uid", "diagnosis", "lvef"] + list(records.FINDINGS))
    w.writerow([UIDS["A"], "NOR", "58.5", 0, 0, 0, 0, 1])
  key_file = os.path.join(root, "deid.key")
  with open(key_file, "wb") as f:
    f.write(KEY)
  return {"root": root, "dicom": dicom, "reports": reports_csv, "labels": labels_csv, "key": key_file, "truth": truth}


def _argv(a, out, workers=1):
  return ["convert", "--dicom", a["dicom"], "--reports", a["reports"], "--labels", a["labels"], "--out", out,
          "--key-file", a["key"], "--frames", str(FRAMES), "--size", str(SIZE), "--spacing", str(SPACING),
          "--workers", str(workers), "--max-tokens", "48"]


def _cine_and_lge_sax(rec):
  """uint8 [7, T, S, S]: the record's first 7 slots (cine and LGE SAX, all T frames), zeros if absent."""
  return np.stack([rec["views"].get(n, np.zeros((FRAMES, SIZE, SIZE), np.uint8)) for n in records.VIEWS[:7]])


def _assert_views_equal(a: dict, b: dict):
  assert sorted(a) == sorted(b)
  for name in a:
    np.testing.assert_array_equal(a[name], b[name], err_msg=name)


@pytest.fixture(scope="module")
def converted(archive):
  out = os.path.join(archive["root"], "out")
  assert cli.main(_argv(archive, out)) == 0
  with open(os.path.join(out, "manifest.json")) as f:
    manifest = json.load(f)
  with open(os.path.join(out, "rejects.jsonl")) as f:
    rejects = [json.loads(line) for line in f]
  recs = {}
  for split in ("train", "val", "test"):
    files = [os.path.join(out, s["file"]) for s in manifest["splits"][split]["shards"]]
    if files:
      src = grain.sources.ArrayRecordDataSource(files)
      for i in range(len(src)):
        r = records.decode(src[i])
        recs[r["study_id"]] = dict(r, split=split, frames=_cine_and_lge_sax(r))
  sid = {k: deid.hmac_id(KEY, "study", u) for k, u in UIDS.items()}
  return {"out": out, "manifest": manifest, "rejects": rejects, "records": recs, "sid": sid}


def test_written_and_rejected_studies(converted):
  recs, sid = converted["records"], converted["sid"]
  assert set(recs) == {sid[k] for k in "ABCDGX"}
  study_rejects = {r["study"]: r["reason"] for r in converted["rejects"] if r["kind"] == "study"}
  # E's SAX series has one phase and no trigger times: the reason names the missing gating.
  assert study_rejects == {sid["E"]: "no usable cine view (5 files: no cardiac gating evidence (0 distinct trigger "
                                     "times, need >= 4))",
                           sid["F"]: "report missing or empty", sid["H"]: "report missing or empty"}
  file_reasons = {r["file"]: r["reason"] for r in converted["rejects"] if r["kind"] == "file"}
  assert file_reasons["zz_bad/notes.txt"] == "not a DICOM file"
  assert file_reasons["zz_bad/nopix.dcm"] == "no pixel data"
  assert "secondary capture" in file_reasons["zz_bad/screenshot.dcm"]
  assert file_reasons["zz_bad/burned.dcm"] == "burned-in annotation"
  assert "truncated" in file_reasons["zz_bad/truncated.dcm"] or "unreadable" in file_reasons["zz_bad/truncated.dcm"]
  assert "not decodable" in file_reasons["x/sax/s02_p03.dcm"]
  assert recs[sid["X"]]["view_mask"].tolist() == [True] * 4 + [False] * (records.NUM_VIEWS - 4)
  report_reasons = sorted(r["reason"] for r in converted["rejects"] if r["kind"] == "report")
  assert report_reasons == ["report for an unknown study", "report text is not valid utf-8",
                            "study rejected: " + study_rejects[sid["E"]]]
  assert recs[sid["A"]]["labels"] == {"diagnosis": "NOR", "lvef": 58.5, "lv_dilation": 0, "lv_hypertrophy": 0,
                                      "lv_dysfunction": 0, "rv_dilation": 0, "lge": 1}
  assert recs[sid["B"]]["labels"] == {}
  assert "Findings: LV hypertrophy" in recs[sid["G"]]["report"]  # the SR report


def test_manifest_counts_the_reports_cut_at_max_tokens(converted):
  """A report longer than --max-tokens loses its end; the manifest says how many did. Reference:
  a record's token ids decode back to its whole (normalised) report unless it was cut."""
  tok = text.load_tokenizer(os.path.join(converted["out"], "tokenizer.model"))
  recs = converted["records"].values()
  cut = [tok.decode([int(t) for t in r["tokens"] if t not in (records.PAD_ID, records.BOS_ID, records.EOS_ID)])
         != text.normalize(r["report"]) for r in recs]
  assert converted["manifest"]["reports_truncated"] == sum(cut) > 0  # --max-tokens 48 is short
  assert all(r["tokens"][-1] == records.EOS_ID for r, c in zip(recs, cut) if c)  # a cut report keeps its EOS


def test_manifest_reconciles(archive, converted):
  m, out, rejects = converted["manifest"], converted["out"], converted["rejects"]
  n_files = sum(len(fs) for _, _, fs in os.walk(archive["dicom"]))
  assert m["inputs"]["files"] == n_files == m["written"]["files"] + m["rejected"]["files"]
  assert m["rejected"]["files"] == sum(r["kind"] == "file" for r in rejects)
  assert m["inputs"]["studies"] == m["written"]["studies"] + m["rejected"]["studies"] == 9
  assert m["rejected"]["studies"] == sum(r["kind"] == "study" for r in rejects)
  assert m["inputs"]["report_rows"] == 8 and m["rejected"]["report_rows"] == 3
  assert m["frames_shape"] == [records.NUM_VIEWS, FRAMES, SIZE, SIZE] and m["views"] == list(records.VIEWS)
  assert [s["name"] for s in m["slots"]] == list(records.VIEWS)
  assert m["tokenizer"] == "tokenizer.model" and os.path.exists(os.path.join(out, "tokenizer.model"))
  total = 0
  for split, info in m["splits"].items():
    assert info["studies"] == sum(s["records"] for s in info["shards"])
    total += info["studies"]
    for s in info["shards"]:
      assert hashlib.sha256(open(os.path.join(out, s["file"]), "rb").read()).hexdigest() == s["sha256"]
      assert s["file"].startswith(f"{split}.array_record-")
  assert total == m["written"]["studies"] == len(converted["records"])
  assert sorted(os.listdir(out)) == sorted(["manifest.json", "rejects.jsonl", "tokenizer.model", "dataset_info.json",
                                           "features.json"] +
                                           [s["file"] for i in m["splits"].values() for s in i["shards"]])


def _distance(a, b):
  return float(np.abs(a.astype(np.float32) - b.astype(np.float32)).mean())


def test_views_from_geometry_match_keyword_views(converted):
  """B has no descriptions and scrambled file names; it must fill the same slots as A."""
  a, b = converted["records"][converted["sid"]["A"]], converted["records"][converted["sid"]["B"]]
  assert a["view_mask"].tolist() == b["view_mask"].tolist() == [True] * 7 + [False] * (records.NUM_VIEWS - 7)
  for v in range(7):
    d = [_distance(b["frames"][v], a["frames"][w]) for w in range(7)]
    assert int(np.argmin(d)) == v, (records.VIEWS[v], d)


def test_sax_slots_run_base_to_apex(converted):
  a = converted["records"][converted["sid"]["A"]]
  area = [(a["frames"][records.VIEWS.index(s), 0] > 128).sum() for s in ("cine_sax_base", "cine_sax_mid",
                                                                        "cine_sax_apex")]
  assert area[0] > area[1] > area[2] > 0  # the phantom cavity narrows towards the apex
  lge = a["frames"][records.VIEWS.index("lge_sax")]
  lge_area = [(f > 128).sum() for f in lge]
  assert lge_area[0] > lge_area[-1]
  cine = a["frames"][records.VIEWS.index("cine_sax_mid")]
  beat = [(f > 128).sum() for f in cine]
  assert beat[0] > min(beat) and int(np.argmin(beat)) in (2, 3)  # end-systole at ~40% of the cycle


def test_patient_split_and_duplicates(converted):
  recs, sid = converted["records"], converted["sid"]
  split_of = {}
  for r in recs.values():
    assert split_of.setdefault(r["patient_id"], r["split"]) == r["split"]
  assert recs[sid["A"]]["patient_id"] == recs[sid["C"]]["patient_id"]
  assert recs[sid["A"]]["patient_id"] != recs[sid["D"]]["patient_id"]
  assert recs[sid["A"]]["split"] == recs[sid["D"]]["split"]  # same pixels, other patient id
  _assert_views_equal(recs[sid["A"]]["views"], recs[sid["D"]]["views"])
  assert converted["manifest"]["duplicate_content_studies"] == 1
  m = converted["manifest"]["splits"]
  assert sum(s["patients"] for s in m.values()) == len({r["patient_id"] for r in recs.values()})


def test_no_phi_in_shareable_output(converted):
  out = converted["out"]
  for name in os.listdir(out):
    if name == "rejects.jsonl":  # source-side by design: names input files for the operator
      continue
    blob = open(os.path.join(out, name), "rb").read().lower()
    for s in PHI_STRINGS:  # shorter strings could occur in the pixel bytes by chance
      assert len(s) < 5 or s.encode() not in blob, (name, s)
    assert b"/tmp" not in blob and converted["out"].encode().lower() not in blob
  for r in converted["records"].values():
    text_ = " ".join([r["report"], json.dumps(r["meta"]), json.dumps(r["labels"])]).lower()
    assert not [s for s in PHI_STRINGS if s in text_], r["report"]
    assert set(r["meta"]) <= {"vendor", "model", "field_strength_t", "source_spacing_mm", "slices", "frames", "views"}
    assert r["tokens"][0] == records.BOS_ID and len(r["tokens"]) == 48


def test_tfds_reads_the_same_shards_without_tensorflow(converted):
  import tensorflow_datasets as tfds
  assert converted["manifest"]["tfds"] is True
  builder = tfds.builder_from_directory(converted["out"])
  got = {}
  for split, info in converted["manifest"]["splits"].items():
    if info["studies"]:
      src = builder.as_data_source(split=split, deserialize_method=tfds.decode.DeserializeMethod.RAW_BYTES)
      assert len(src) == info["studies"]
      got.update({r["study_id"]: r for r in map(records.decode, (src[i] for i in range(len(src))))})
  assert set(got) == set(converted["records"])
  for sid, r in got.items():
    _assert_views_equal(r["views"], converted["records"][sid]["views"])
  assert "tensorflow" not in sys.modules


def test_rerun_is_idempotent(archive, converted):
  before = {n: open(os.path.join(converted["out"], n), "rb").read() for n in os.listdir(converted["out"])}
  assert cli.main(_argv(archive, converted["out"])) == 0
  after = {n: open(os.path.join(converted["out"], n), "rb").read() for n in os.listdir(converted["out"])}
  assert before == after


def test_load_study_matches_the_record(archive, converted):
  views, meta = convert.load_study(os.path.join(archive["dicom"], "b"), frames=FRAMES, size=SIZE, spacing_mm=SPACING)
  rec = converted["records"][converted["sid"]["B"]]
  _assert_views_equal(views, rec["views"])
  assert meta == rec["meta"]


def test_reused_tokenizer(archive, converted, tmp_path):
  out = str(tmp_path / "reuse")
  given = os.path.join(converted["out"], "tokenizer.model")
  assert cli.main(_argv(archive, out) + ["--tokenizer", given, "--no-tfds"]) == 0
  assert open(os.path.join(out, "tokenizer.model"), "rb").read() == open(given, "rb").read()
  tok = text.load_tokenizer(given)
  for split, info in json.load(open(os.path.join(out, "manifest.json")))["splits"].items():
    for shard in info["shards"]:
      src = grain.sources.ArrayRecordDataSource([os.path.join(out, shard["file"])])
      for i in range(len(src)):
        r = records.decode(src[i])
        np.testing.assert_array_equal(r["tokens"], text.encode(tok, r["report"], 48))
        np.testing.assert_array_equal(r["tokens"], converted["records"][r["study_id"]]["tokens"])



def test_bpe_tokenizer_with_negation_marks(archive, tmp_path):
  out = str(tmp_path / "bpe")
  assert cli.main(_argv(archive, out) + ["--tokenizer-type", "bpe", "--negation-marks", "--no-tfds"]) == 0
  tok = text.load_tokenizer(os.path.join(out, "tokenizer.model"))
  assert text.marks_negation(tok)
  assert tok.decode([int(t) for t in text.encode(tok, "No LGE.", 16) if t > records.EOS_ID]) == "no ¬lge."
  for info in json.load(open(os.path.join(out, "manifest.json")))["splits"].values():
    for shard in info["shards"]:
      src = grain.sources.ArrayRecordDataSource([os.path.join(out, shard["file"])])
      for i in range(len(src)):
        r = records.decode(src[i])
        stored = tok.decode([int(t) for t in r["tokens"] if t not in (records.PAD_ID, records.BOS_ID, records.EOS_ID)])
        assert text.normalize(r["report"], negation=True).startswith(stored)  # cut at --max-tokens 48

def test_user_errors(archive, tmp_path, capsys):
  assert cli.main(["convert", "--dicom", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
  assert cli.main(_argv(archive, os.path.join(archive["dicom"], "inside"))) == 2
  assert cli.main(_argv(archive, str(tmp_path / "o")) + ["--split", "1,2"]) == 2
  err = capsys.readouterr().err
  assert err.count("cmr-clip convert: error:") == 3 and "Traceback" not in err


def test_work_cache_is_the_only_copy_until_its_record_is_written(archive, converted, tmp_path, monkeypatch):
  """A study's frames live in OUT/.work from its build until its record is written, then only in
  the shard; after a successful run nothing of .work is left."""
  out, events, left = str(tmp_path / "o"), [], {}
  real_take, real_rmtree = convert._take_frames, shutil.rmtree

  def cached(path):
    with open(path, "rb") as f:
      return convert.unpack(f.read())

  def take_frames(summary, work):
    path = os.path.join(work, "studies", summary["study_id"] + ".msgpack")
    assert cached(path)["frames"] is not None  # cached until now
    frames = real_take(summary, work)
    events.append((summary["study_id"], os.path.exists(path)))
    return frames

  def rmtree(path, *a, **k):
    if os.path.basename(path) == ".work":
      studies = os.path.join(path, "studies")
      left.update({n[:-len(".msgpack")]: cached(os.path.join(studies, n)) for n in os.listdir(studies)})
    return real_rmtree(path, *a, **k)

  monkeypatch.setattr(convert, "_take_frames", take_frames)
  monkeypatch.setattr(convert.shutil, "rmtree", rmtree)
  assert cli.main(_argv(archive, out) + ["--no-tfds"]) == 0
  assert sorted(sid for sid, _ in events) == sorted(converted["records"])
  assert not any(still_there for _, still_there in events)
  rejected = {r["study"] for r in converted["rejects"] if r["kind"] == "study"}
  assert set(left) == rejected and all(c["frames"] is None for c in left.values())  # summaries only
  assert not os.path.exists(os.path.join(out, ".work"))
  for split in ("train", "val", "test"):  # the records are the clean run's
    for name in glob.glob(os.path.join(converted["out"], f"{split}.array_record-*")):
      assert open(name, "rb").read() == open(os.path.join(out, os.path.basename(name)), "rb").read()


@pytest.mark.slow
def test_killed_run_rerun_equals_clean_run(archive, converted, tmp_path):
  out = str(tmp_path / "killed")
  cmd = [sys.executable, "-m", "cmr_clip_jax"] + _argv(archive, out, workers=2)
  proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
  studies = os.path.join(out, ".work", "studies")
  deadline = time.time() + 120
  while time.time() < deadline and proc.poll() is None:
    if os.path.isdir(studies) and len(os.listdir(studies)) >= 2:
      break
    time.sleep(0.005)
  assert proc.poll() is None, "finished before it could be killed"
  os.killpg(proc.pid, signal.SIGKILL)
  proc.wait()
  assert not os.path.exists(os.path.join(out, "manifest.json"))
  done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
  assert done.returncode == 0, done.stderr[-2000:]
  summary = json.loads(done.stdout.strip().splitlines()[-1])
  assert summary["written"]["studies"] == 6
  clean = converted["out"]
  assert sorted(os.listdir(out)) == sorted(os.listdir(clean))
  for name in os.listdir(clean):
    assert open(os.path.join(out, name), "rb").read() == open(os.path.join(clean, name), "rb").read(), name
  shutil.rmtree(out)


class _UpAfter:
  """A real worker pool that reports itself up only from its (n+1)-th `ready` call."""

  def __init__(self, pool, n: int):
    self.pool, self.n = pool, n

  def ready(self) -> bool:
    self.n -= 1
    return self.n < 0

  def run(self, fn, tasks):
    return self.pool.run(fn, tasks)


def test_scan_split_between_main_process_and_workers(archive, tmp_path, monkeypatch):
  """The main process scans chunks until the workers are up, they take the rest: the entries and
  their per-chunk cache files are the same whoever scanned which chunk."""
  monkeypatch.setattr(convert, "SCAN_CHUNK", 16)
  rels = convert.walk_inputs(archive["dicom"], (), str(tmp_path))
  want = convert.scan_files(archive["dicom"], rels, KEY)
  pool = workers.Pool(2, 60.0, preload=convert_server.PRELOAD)
  try:
    caches = {}
    for main_chunks in (0, 2, len(rels)):
      work = str(tmp_path / f"work{main_chunks}")
      cpu_before = pool.cpu_s
      assert list(convert._scan(_UpAfter(pool, main_chunks), archive["dicom"], rels, work, KEY)) == want
      assert (pool.cpu_s > cpu_before) == (main_chunks < -(-len(rels) // 16))  # workers scanned the rest
      caches[main_chunks] = {n: open(os.path.join(work, "scan", n), "rb").read()
                             for n in os.listdir(os.path.join(work, "scan"))}
  finally:
    pool.close()
  assert len(caches[0]) == -(-len(rels) // 16) and caches[0] == caches[2] == caches[len(rels)]


class _Recording:
  """A real worker pool that notes the study ids in the order it is handed them."""

  def __init__(self, pool):
    self.pool, self.order = pool, []

  def run(self, fn, tasks):
    self.order += [t[0]["study_id"] for t in tasks]
    return self.pool.run(fn, tasks)


def test_studies_go_to_the_workers_dearest_first(archive, tmp_path):
  """No worker should idle at the end while another finishes a big study: studies are handed out
  by expected worker CPU (dicom_io.decode_cost: bytes weighted by codec, per file), dearest first;
  the summaries still come back in study-key order, the order the shards follow."""
  rels = convert.walk_inputs(archive["dicom"], (archive["reports"], archive["labels"]), str(tmp_path))
  studies, _ = convert.group_files(convert.scan_files(archive["dicom"], rels, KEY), "study_uid")
  table, report_rejects, _ = reports.load_table(archive["reports"])
  opts = {"frames": FRAMES, "size": SIZE, "spacing_mm": SPACING, "fractions": [0.8, 0.1, 0.1], "deid_ner": "none"}
  os.makedirs(tmp_path / "work" / "studies")
  recording = _Recording(workers.Pool(2, 120.0, preload=convert_server.PRELOAD))
  try:
    tasks, summaries = convert._convert_studies(recording, argparse.Namespace(dicom=archive["dicom"], match="study_uid"),
                                                studies, table, report_rejects, KEY, opts, str(tmp_path / "work"))
  finally:
    recording.pool.close()

  def cost(task):  # each image's transfer syntax as pydicom reads it, its size from the file system
    paths = [os.path.join(archive["dicom"], r) for r in task["images"]]
    return sum(dicom_io.decode_cost(pydicom.dcmread(p, stop_before_pixels=True).file_meta.TransferSyntaxUID,
                                    os.path.getsize(p)) for p in paths)
  by_id = {t["study_id"]: t for t in tasks}
  assert [cost(by_id[i]) for i in recording.order] == sorted((cost(by_id[i]) for i in recording.order), reverse=True)
  assert recording.order != [t["study_id"] for t in tasks]  # here dearest-first is not the key order
  assert [t["study_uid"] for t in tasks] == sorted(studies)
  assert [s["study_id"] for s in summaries] == [t["study_id"] for t in tasks]


def test_convert_never_imports_jax():
  code = "import sys, data_prep.convert; sys.exit('jax' in sys.modules or 'tensorflow' in sys.modules)"
  assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0


def test_manifest_names_what_made_it(converted):
  """Provenance: the checkout's commit (read here with another git command), the versions and the key."""
  m = converted["manifest"]
  p = m["provenance"]
  assert p["key_fingerprint"] == m["key_fingerprint"] == deid.hmac_id(KEY, "fingerprint", "cmr-clip")
  assert (p["deid_version"], p["schema_version"]) == (deid.DEID_VERSION, records.SCHEMA_VERSION)
  assert p["deid_ner"] == deid.DEFAULT_NER
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  head = subprocess.run(["git", "-C", root, "log", "-1", "--format=%H"], capture_output=True, text=True).stdout.strip()
  if head:
    assert p["git_commit"].split("+")[0] == head
  else:  # not a git checkout (an unpacked release): no commit to name
    assert p["git_commit"] is None
