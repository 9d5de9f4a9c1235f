"""`convert-nifti` on synthetic ACDC- and M&Ms-layout folders with broken cases mixed in.

References are independent of the NIfTI reader: the DICOM path (`convert.load_study` on the same
synthetic study written as DICOM) for pixels and geometry, the generator's analytic anatomy
(`study_truth`) for LVEF and volumes, scikit-learn for nothing here (see test_eval_metrics).
"""

import gzip
import json
import os

import nibabel as nib
import numpy as np
import pytest

from cmr_clip_jax import cli, input_pipeline
from data_prep import convert, nifti, records
from data_prep.synth import generate as synth
from data_prep.synth import nifti_layouts

pytestmark = pytest.mark.xdist_group("test_nifti")

SEED = 0
SIZE_OPTS = dict(matrix=64, frames=8, slices=5)
CROP = ["--frames", "4", "--size", "32", "--spacing", "4.0"]


def _convert(layout, root, out, key, *extra):
  return cli.main(["convert-nifti", "--layout", layout, "--root", root, "--out", out, "--key-file", key, *CROP, *extra])


def _records(out):
  src = input_pipeline.split_source(out, "all")
  return [records.decode(src[i]) for i in range(len(src))]


def _rejects(out):
  return [json.loads(l) for l in open(os.path.join(out, "rejects.jsonl"))]


@pytest.fixture(scope="module")
def acdc(tmp_path_factory):
  root = tmp_path_factory.mktemp("acdc")
  src = str(root / "acdc")
  synth.generate(src, 6, SEED, layout="acdc", **SIZE_OPTS)
  case = lambda n: os.path.join(src, "training", f"patient{n:03d}")
  cfg = os.path.join(case(2), "Info.cfg")  # a missing field
  kept = [l for l in open(cfg) if not l.startswith("ES:")]
  open(cfg, "w").write("".join(kept))
  image = os.path.join(case(3), "patient003_4d.nii.gz")  # truncated download
  data = open(image, "rb").read()
  open(image, "wb").write(data[:len(data) // 2])
  image = os.path.join(case(4), "patient004_4d.nii.gz")  # a 3-D file where the 4-D cine belongs
  img = nib.load(image)
  nib.save(nib.Nifti1Image(np.asanyarray(img.dataobj)[..., 0], img.affine), image)
  cfg = os.path.join(case(5), "Info.cfg")  # an unknown group
  text = open(cfg).read()
  open(cfg, "w").write(text.replace("Group: ", "Group: XYZ"))
  out, key = str(root / "data"), str(root / "key")
  open(key, "w").write("nifti-test-key-not-a-secret\n")
  assert _convert("acdc", src, out, key) == 0
  return dict(root=root, src=src, out=out, key=key)


def test_acdc_rejects_and_accounting(acdc):
  manifest = json.load(open(os.path.join(acdc["out"], "manifest.json")))
  assert manifest["eval_only"] and manifest["splits"]["all"]["studies"] == 2
  assert manifest["inputs"] == {"files": 24, "studies": 6}  # Info.cfg, 4-D image, two masks per case
  assert manifest["written"]["files"] + manifest["rejected"]["files"] == 24
  reasons = sorted(r["reason"] for r in _rejects(acdc["out"]) if r["kind"] == "study")
  assert len(reasons) == 4
  assert reasons[0] == "Info.cfg lacks ES"
  assert reasons[1].startswith("image is 3-D")
  assert reasons[2].startswith("unknown group 'XYZ")
  assert reasons[3].startswith("unreadable image NIfTI")
  files = [r for r in _rejects(acdc["out"]) if r["kind"] == "file"]
  assert len(files) == 16 and all(r["reason"].startswith("study rejected: ") for r in files)


def test_acdc_labels_match_the_anatomy(acdc):
  recs = _records(acdc["out"])
  truths = [synth.study_truth(SEED, i, render=False, **SIZE_OPTS) for i in (0, 5)]  # patient001, patient006
  assert len(recs) == 2
  for r in recs:
    lab = r["labels"]
    t = min(truths, key=lambda t: abs(t["volumes"]["lvef"] - lab["lvef"]))
    assert lab["source_diagnosis"] == nifti_layouts.ACDC_GROUP[t["diagnosis"]]
    assert lab["diagnosis"] == t["diagnosis"]  # ACDC "RV" is our ARV
    # Masks are the anatomy sampled at pixel centres; the generator integrates the same slices.
    assert lab["lvef"] == pytest.approx(t["volumes"]["lvef"], abs=3.0)
    assert lab["lv_edv_ml"] == pytest.approx(t["volumes"]["lv_edv"], rel=0.1)
    assert lab["lv_dysfunction"] == int(lab["lvef"] < 50)
    bsa = np.sqrt(t["study"]["patient"]["height"] * t["study"]["patient"]["weight"] / 3600)
    assert lab["lv_dilation"] == int(lab["lv_edv_ml"] / bsa > 100)
    assert "lge" not in lab and r["report"] == "" and r["tokens"].size == 0
    assert r["meta"]["stack_order"] == "file order"  # ACDC-like header: spacing only


def test_frames_equal_the_dicom_path(acdc, tmp_path):
  """The same synthetic study written as DICOM and read by `convert` gives the same SAX crops:
  crop, spacing, canonical frame, time resampling and intensities are one code path, and the
  M&Ms geometry (scanner affine, stack stored apex first) lands on the same planes. ACDC headers
  carry spacing only, no orientation: its planes cannot be turned to the canonical frame, so only
  the physical scale is compared (each slot's blood-pool area over the cycle within 20%, an
  in-plane rotation aside)."""
  index = 5
  synth.write_study(str(tmp_path / "dicom"), SEED, index, SIZE_OPTS)
  views, _ = convert.load_study(str(tmp_path / "dicom"), frames=4, size=32, spacing_mm=4.0)
  ref_mask = records.view_mask(views)
  ref = np.stack([views.get(n, np.zeros((4, 32, 32), np.uint8)) for n in records.VIEWS[:3]])
  truth = synth.study_truth(SEED, index, **SIZE_OPTS)
  for layout, name in (("acdc", "x_4d.nii.gz"), ("mnms", "x_sa.nii.gz")):
    (nifti_layouts.write_acdc if layout == "acdc" else nifti_layouts.write_mnms)(str(tmp_path / layout), truth, 1)
    path = next(os.path.join(d, f) for d, _, fs in os.walk(tmp_path / layout) for f in fs
                if f.endswith(name.split("x")[1]))
    img = nib.load(path)
    frames, mask, meta = nifti.build_frames(np.asanyarray(img.dataobj), img.header, img.affine, 4, 32, 4.0)
    assert meta["stack_order"] == {"acdc": "file order", "mnms": "header orientation"}[layout]
    np.testing.assert_array_equal(mask[:3], ref_mask[:3])
    assert not mask[3:].any()
    if layout == "mnms":
      assert np.abs(frames[:3].astype(int) - ref[:3]).max() <= 1
    else:
      area, ref_area = (frames[:3] > 128).sum(axis=(1, 2, 3)), (ref[:3] > 128).sum(axis=(1, 2, 3))
      assert np.all(np.abs(area - ref_area) <= 0.2 * ref_area), (area, ref_area)


def test_header_orientation_only_when_real():
  diag = np.diag([1.5, 1.5, 8.0, 1.0])
  rot = np.eye(4)
  rot[:3, :3] = np.linalg.qr(np.random.default_rng(0).normal(size=(3, 3)))[0] @ np.diag([1.5, 1.5, 8.0])
  for affine, code, real in ((diag, 1, False), (diag, 0, False), (rot, 0, False), (rot, 1, True)):
    img = nib.Nifti1Image(np.zeros((4, 4, 3, 2), np.int16), affine)
    img.set_qform(affine, code=code)
    img.set_sform(affine, code=code)
    assert nifti._real_orientation(img.header) == real
  # A real header whose slices step towards the base is read apex-last.
  flip = rot.copy()
  flip[:3, 2] = -np.sign(rot[:3, 2] @ (np.diag([-1, -1, 1]) @ nifti._APEX_LPS)) * rot[:3, 2]
  img = nib.Nifti1Image(np.zeros((4, 4, 3, 2), np.int16), flip)
  img.set_qform(flip, code=1)
  _, order, source = nifti.stack_geometry(img.header, img.affine, 3)
  assert order == [2, 1, 0] and source == "header orientation"


def test_mnms_layout_csv_vendor_and_pathologies(tmp_path):
  src = str(tmp_path / "mnms")
  synth.generate(src, 5, SEED, layout="mnms", **SIZE_OPTS)
  csv_path = os.path.join(src, nifti_layouts.MNMS_CSV)
  lines = open(csv_path).read().splitlines()
  header, rows = lines[0], lines[1:]
  code_of = lambda row: row.split(",")[0]
  rows[0] = rows[0].replace(rows[0].split(",")[7], "HHD")  # a class with no counterpart: kept, no diagnosis
  rows[1] = rows[1].replace(rows[1].split(",")[7], "ZZZ")  # unknown: rejected
  missing = code_of(rows.pop(2))  # a case the CSV does not list: rejected
  open(csv_path, "w").write("\n".join([header] + rows) + "\n")  # (read above, before this truncates)
  out, key = str(tmp_path / "data"), str(tmp_path / "key")
  assert _convert("mnms", src, out, key) == 0
  recs = _records(out)
  assert len(recs) == 3
  hhd = [r for r in recs if r["labels"]["source_diagnosis"] == "HHD"]
  assert len(hhd) == 1 and "diagnosis" not in hhd[0]["labels"] and "lvef" in hhd[0]["labels"]
  by_code = {r.split(",")[0]: r.split(",") for r in rows}
  for r in recs:
    assert r["meta"]["stack_order"] == "header orientation"
    assert r["meta"]["vendor"] in {"Siemens", "Philips", "GE"} and r["meta"]["centre"]
  assert {row[1] for row in by_code.values()} >= {r["meta"]["vendor"] for r in recs}
  reasons = sorted(r["reason"] for r in _rejects(out) if r["kind"] == "study")
  assert reasons == ["not in the dataset information CSV", "unknown pathology 'ZZZ' (known: NOR, DCM, HCM, ARV, "
                     "IHD, HHD, AHS, LVNC, OTHER, ABNOR)"]
  assert missing not in json.dumps([r for r in _rejects(out) if r["kind"] == "study"])  # pseudonyms only
  shard = open(os.path.join(out, "all.array_record-00000-of-00001"), "rb").read()
  assert not [c for c in by_code if c.encode() in shard]  # records carry no dataset codes


def test_killed_run_resumes_from_its_cache(acdc, tmp_path, monkeypatch):
  clean = json.load(open(os.path.join(acdc["out"], "manifest.json")))
  out = str(tmp_path / "resumed")

  def killed(*args):
    raise KeyboardInterrupt  # after every case is converted, before any shard is written
  monkeypatch.setattr(nifti, "_write_outputs", killed)
  assert _convert("acdc", acdc["src"], out, acdc["key"]) == 130
  assert not os.path.exists(os.path.join(out, "manifest.json"))
  monkeypatch.undo()
  calls, real = [], nifti.convert_case
  monkeypatch.setattr(nifti, "convert_case", lambda *a: calls.append(a) or real(*a))
  assert _convert("acdc", acdc["src"], out, acdc["key"]) == 0
  assert calls == []  # every case, rejected ones included, came from OUT/.work
  resumed = json.load(open(os.path.join(out, "manifest.json")))
  assert resumed["splits"] == clean["splits"]  # shard sha256 included: the same bytes as a clean run
  assert resumed["rejected"] == clean["rejected"] and not os.path.exists(os.path.join(out, ".work"))


def test_bad_commands_exit_2(acdc, tmp_path, capsys):
  assert _convert("acdc", str(tmp_path / "missing"), str(tmp_path / "o"), acdc["key"]) == 2
  assert _convert("acdc", acdc["src"], os.path.join(acdc["src"], "out"), acdc["key"]) == 2
  assert _convert("mnms", acdc["src"], str(tmp_path / "o"), acdc["key"]) == 2  # no M&Ms CSV there
  (tmp_path / "precious").mkdir()
  (tmp_path / "precious" / "notes.txt").write_text("keep me")
  assert _convert("acdc", acdc["src"], str(tmp_path / "precious"), acdc["key"]) == 2  # not ours to fill
  assert os.listdir(tmp_path / "precious") == ["notes.txt"]
  err = capsys.readouterr().err
  assert err.count("error:") == 4 and "Traceback" not in err


def test_truncated_gzip_is_detected_by_nibabel(tmp_path):
  """The reject above relies on nibabel raising on a cut .nii.gz rather than returning zeros."""
  path = str(tmp_path / "x.nii.gz")
  nib.save(nib.Nifti1Image(np.arange(4 * 4 * 3 * 5, dtype=np.int16).reshape(4, 4, 3, 5), np.eye(4)), path)
  data = gzip.compress(gzip.decompress(open(path, "rb").read()))
  open(path, "wb").write(data[:len(data) * 2 // 3])
  with pytest.raises(nifti.CaseReject, match="unreadable"):
    nifti._load(path, "image")
