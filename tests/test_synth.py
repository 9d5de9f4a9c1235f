"""`cmr-clip synth`: DICOM conformance, geometry, anatomy vs labels, determinism, no protocol
shortcut to the diagnosis, planted PHI.

One small archive is generated per module; the references are independent of the generator's
own bookkeeping (pydicom's reader and writer, numpy formulas on masks, scikit-learn).
"""

import collections
import csv
import io
import os
import re

import numpy as np
import pydicom
import pytest
from pydicom import config as dicom_config
from pydicom.uid import UID, EnhancedMRImageStorage, MRImageStorage, SecondaryCaptureImageStorage
from pydicom.valuerep import validate_value

from cmr_clip_jax import cli
from data_prep.errors import UserError
from data_prep.synth import anatomy as anat, dicom_writer as synth_dicom, generate as synth, scan as synth_scan

N, SEED = 24, 7
SIZE = dict(matrix=64, frames=8, slices=5)

# Type 1/2 attributes of the modules we claim (PS3.3 A.4 MR Image, A.36 Enhanced MR Image).
COMMON_REQUIRED = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
    "ReferringPhysicianName", "StudyID", "AccessionNumber", "Modality", "SeriesInstanceUID", "SeriesNumber",
    "Manufacturer", "InstanceNumber", "ImageType",
    "SamplesPerPixel", "PhotometricInterpretation", "Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit",
    "PixelRepresentation", "PixelData", "SOPClassUID", "SOPInstanceUID", "ContentDate", "ContentTime")
CLASSIC_REQUIRED = (
    "FrameOfReferenceUID", "PositionReferenceIndicator", "ScanningSequence", "SequenceVariant", "ScanOptions", "MRAcquisitionType", "RepetitionTime", "EchoTime",
    "EchoTrainLength", "SliceThickness", "PixelSpacing", "ImageOrientationPatient", "ImagePositionPatient",
    "TriggerTime", "MagneticFieldStrength")
SC_REQUIRED = ("ConversionType", "BurnedInAnnotation")
ENHANCED_REQUIRED = (
    "FrameOfReferenceUID", "PositionReferenceIndicator", "NumberOfFrames", "SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence",
    "DimensionOrganizationSequence", "DimensionIndexSequence", "AcquisitionContrast", "PixelPresentation",
    "VolumetricProperties", "VolumeBasedCalculationTechnique", "ComplexImageComponent", "ContentQualification",
    "BurnedInAnnotation")


BINARY_VRS = ("US", "UL", "SS", "SL", "FL", "FD", "AT", "UV", "SV")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
  root = tmp_path_factory.mktemp("synth")
  out = str(root / "a")
  summary = synth.generate(out, N, SEED, workers=1, **SIZE)
  files = {}
  for d, _, names in os.walk(out):
    for n in names:
      if n not in ("reports.csv", "labels.csv", synth.MARKER):
        files[os.path.relpath(os.path.join(d, n), out)] = pydicom.dcmread(os.path.join(d, n))
  truths = [synth.study_truth(SEED, i, **SIZE) for i in range(N)]
  return {"out": out, "root": root, "summary": summary, "files": files, "truths": truths}


def _read_csv(path):
  with open(path, newline="", encoding="utf-8") as f:
    return list(csv.DictReader(f))


def conformance_problems(ds) -> list:
  """What makes a dataset fail the MR Image / Enhanced MR Image checks we claim."""
  bad = []
  required = {MRImageStorage: CLASSIC_REQUIRED, EnhancedMRImageStorage: ENHANCED_REQUIRED,
              SecondaryCaptureImageStorage: SC_REQUIRED}.get(ds.SOPClassUID)
  if required is None:
    return [f"SOPClassUID {ds.SOPClassUID}"]
  for kw in COMMON_REQUIRED + required:
    if kw not in ds:
      bad.append(f"missing {kw}")
  if bad:
    return bad
  meta = ds.file_meta
  if meta.MediaStorageSOPClassUID != ds.SOPClassUID or meta.MediaStorageSOPInstanceUID != ds.SOPInstanceUID:
    bad.append("file meta does not match the dataset")
  for kw in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID"):
    if kw in ds and not UID(ds[kw].value).is_valid:
      bad.append(f"invalid {kw}")
  for elem in ds.iterall():  # VR rules: DS <= 16 chars, IS range, UI charset, dates, ...
    if elem.VR in ("SQ", "OB", "OW", "OB or OW") or elem.value is None:
      continue
    values = elem.value if elem.VM > 1 else [elem.value]
    for v in values:
      try:
        validate_value(elem.VR, v if elem.VR in BINARY_VRS else str(v), dicom_config.RAISE)
      except ValueError as e:
        bad.append(f"{elem.keyword}: {e}")
  if ds.Modality != "MR" or ds.SamplesPerPixel != 1 or ds.PhotometricInterpretation != "MONOCHROME2":
    bad.append("not single-sample MONOCHROME2 MR")
  if ds.HighBit != ds.BitsStored - 1 or ds.BitsAllocated not in (8, 16):
    bad.append("bit depths")
  px = ds.pixel_array
  frames = int(ds.get("NumberOfFrames", 1))
  if px.shape != ((frames,) if frames > 1 else ()) + (ds.Rows, ds.Columns):
    bad.append(f"pixel shape {px.shape}")
  top = 2 ** (ds.BitsStored - ds.PixelRepresentation)  # largest value + 1 the field can hold
  bottom = -top if ds.PixelRepresentation else 0  # two's complement reaches one further down
  if (px.dtype.kind == "i") != bool(ds.PixelRepresentation) or px.min() < bottom or px.max() >= top:
    bad.append("pixel values vs PixelRepresentation/BitsStored")
  if not ds.file_meta.TransferSyntaxUID.is_compressed and len(ds.PixelData) != px.size * ds.BitsAllocated // 8:
    bad.append("native PixelData length")
  if ds.SOPClassUID == SecondaryCaptureImageStorage:
    return bad + ([] if ds.BurnedInAnnotation == "YES" else ["screen capture without BurnedInAnnotation YES"])
  iop = _iop(ds)
  row, col = np.asarray(iop[:3], float), np.asarray(iop[3:], float)
  if abs(np.linalg.norm(row) - 1) > 1e-4 or abs(np.linalg.norm(col) - 1) > 1e-4 or abs(row @ col) > 1e-4:
    bad.append("ImageOrientationPatient not unit orthogonal")
  if "IR" in ds.get("ScanningSequence", []) and "InversionTime" not in ds:
    bad.append("IR sequence without InversionTime")
  if "SharedFunctionalGroupsSequence" in ds:
    mod = ds.SharedFunctionalGroupsSequence[0].MRModifierSequence[0]
    if mod.InversionRecovery == "YES" and "InversionTimes" not in mod:
      bad.append("enhanced IR without InversionTimes")
  return bad


def _iop(ds):
  if "PerFrameFunctionalGroupsSequence" in ds:
    return ds.SharedFunctionalGroupsSequence[0].PlaneOrientationSequence[0].ImageOrientationPatient
  return ds.ImageOrientationPatient


def _positions(ds):
  """ImagePositionPatient of every frame of a classic or enhanced file."""
  if "PerFrameFunctionalGroupsSequence" not in ds:
    return [np.asarray(ds.ImagePositionPatient, float)]
  return [np.asarray(f.PlanePositionSequence[0].ImagePositionPatient, float)
          for f in ds.PerFrameFunctionalGroupsSequence]


def test_every_file_reads_back_and_conforms(archive):
  files = archive["files"]
  assert archive["summary"]["files"] == len(files) > N * 10
  problems = {rel: p for rel, ds in files.items() if (p := conformance_problems(ds))}
  assert not problems, list(problems.items())[:3]
  # The archive has the variety the converter must handle.
  syntaxes = {ds.file_meta.TransferSyntaxUID for ds in files.values()}
  assert len(syntaxes) >= 3
  assert {MRImageStorage, EnhancedMRImageStorage} <= {ds.SOPClassUID for ds in files.values()}
  assert any(not rel.endswith(".dcm") for rel in files) and any(rel.endswith(".dcm") for rel in files)
  assert len({ds.Manufacturer for ds in files.values()}) == 3
  captures = [ds for ds in files.values() if ds.SOPClassUID == SecondaryCaptureImageStorage]
  assert len(captures) == sum(t["protocol"]["screen_capture"] for t in archive["truths"])


def _indexed_frames(ds, n_t):
  """{(slice k, frame j): pixels [H, W]} from InstanceNumber or the per-frame dimension indices."""
  px = ds.pixel_array.reshape(-1, ds.Rows, ds.Columns)
  if "PerFrameFunctionalGroupsSequence" not in ds:
    return {divmod(int(ds.InstanceNumber) - 1, n_t): px[0]}
  return {(int(f.FrameContentSequence[0].InStackPositionNumber) - 1,
           int(f.FrameContentSequence[0].TemporalPositionIndex) - 1): px[i]
          for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence)}


def test_decoded_pixels_equal_generator_arrays(archive):
  """Every stored frame, whatever its syntax or storage, decodes to the generator's array."""
  by_series = collections.defaultdict(list)
  for ds in archive["files"].values():
    by_series[ds.SeriesInstanceUID].append(ds)
  checked = 0
  for t in archive["truths"]:
    for s in t["series"]:
      got = {}
      for ds in by_series.pop(s["uid"]):
        got.update(_indexed_frames(ds, len(s["times"])))
      assert sorted(got) == [(k, j) for k in range(len(s["planes"])) for j in range(len(s["times"]))]
      for (k, j), px in got.items():
        np.testing.assert_array_equal(px, s["stored"][k, j])
        checked += 1
  assert not by_series and checked == archive["summary"]["images"]


@pytest.mark.parametrize("syntax", sorted(synth_dicom.SYNTAXES))
def test_each_syntax_lossless_and_encoding_matches_pydicom_writer(archive, syntax):
  t = next(t for t in archive["truths"] if t["protocol"]["signed"] is False)
  s = next(s for s in t["series"] if s["view"] == "sax")
  uid_fn = lambda *k: synth._uid(SEED, "test", *k)
  for signed in (False, True):
    proto = dict(t["protocol"], signed=signed)
    stored = synth_dicom.stored_pixels(s["pixels"], proto)
    args = (t["study"], proto, s, stored, (500, 1000), uid_fn)
    for data in list(synth_dicom.classic_files(*args, syntax))[:3]:
      ds = pydicom.dcmread(io.BytesIO(data))
      assert ds.file_meta.TransferSyntaxUID == synth_dicom.SYNTAXES[syntax]
      k, j = divmod(int(ds.InstanceNumber) - 1, stored.shape[1])
      np.testing.assert_array_equal(ds.pixel_array, stored[k, j])
      again = io.BytesIO()
      ds.save_as(again, enforce_file_format=True)  # pydicom's own writer, from what it parsed
      assert again.getvalue() == data
    enh = pydicom.dcmread(io.BytesIO(synth_dicom.encode(synth_dicom.enhanced_image(*args), syntax)))
    np.testing.assert_array_equal(enh.pixel_array, stored.reshape(-1, *stored.shape[2:]))


def test_geometry_stacks_and_long_axis_planes(archive):
  by_series = collections.defaultdict(list)
  for ds in archive["files"].values():
    by_series[ds.SeriesInstanceUID].append(ds)
  for t in archive["truths"]:
    sax_pos, sax_normal, gap = [], None, None
    lax_normals = []
    for s in t["series"]:
      if s.get("capture"):
        continue
      dss = by_series[s["uid"]]
      iop = np.asarray(_iop(dss[0]), float)
      normal = np.cross(iop[:3], iop[3:])
      ipps = sorted({tuple(ipp) for ds in dss for ipp in _positions(ds)}, key=lambda p: np.dot(p, normal))
      if s["view"] == "sax":
        sax_pos += ipps
        sax_normal = normal
        gap = float(dss[0].get("SpacingBetweenSlices") or dss[0].SharedFunctionalGroupsSequence[0]
                    .PixelMeasuresSequence[0].SpacingBetweenSlices)
        for ds in dss:
          if "SliceLocation" in ds:
            assert abs(float(ds.SliceLocation) - np.dot(ds.ImagePositionPatient, normal)) < 1e-2
      elif s["view"] in ("4ch", "2ch", "3ch", "lge_4ch", "lge_2ch"):
        lax_normals.append(normal)
    steps = np.diff(np.asarray(sorted(sax_pos, key=lambda p: np.dot(p, sax_normal))), axis=0)
    assert len(steps) == SIZE["slices"] - 1
    for d in steps:  # along the normal, by the spacing, nothing in plane
      np.testing.assert_allclose(d, sax_normal * gap, atol=2e-3)
    for n in lax_normals:  # long-axis planes contain the short-axis normal
      assert abs(n @ sax_normal) < 1e-3
    assert lax_normals


def _report_lvef(report: str) -> float:
  return float(re.search(r"(?<![A-Za-z])(?:LVEF|EF|ejection fraction)\D{0,40}?(\d+)\s*%", report).group(1))


def _simpson_ef(t) -> tuple:
  """(LVEF %, LV volume per frame [T] mL) from the rendered SAX masks by Simpson's rule."""
  sax = [s for s in t["series"] if s["view"] == "sax"]
  masks = np.concatenate([s["masks"] for s in sax])  # [S, T, H, W]
  px_area = sax[0]["planes"][0]["spacing"] ** 2
  vol = (masks == anat.LV_BLOOD).sum((2, 3)).sum(0) * px_area * sax[0]["slice_gap"] / 1000
  return 100 * (vol.max() - vol.min()) / vol.max(), vol


def test_lvef_from_masks_matches_labels_and_report():
  """At a resolution where pixels do not dominate (~2 mm, 25 frames), one study per diagnosis."""
  size = dict(matrix=128, frames=25, slices=7)
  seen = {}
  i = 0
  while len(seen) < len(anat.DIAGNOSES):
    t = synth.study_truth(SEED, i, render=False, **size)
    if t["diagnosis"] not in seen:
      seen[t["diagnosis"]] = synth.study_truth(SEED, i, **size)
    i += 1
  for dx, t in seen.items():
    ef, vol = _simpson_ef(t)
    assert abs(ef - t["labels"]["lvef"]) < 4, (dx, ef, t["labels"]["lvef"])
    assert abs(ef - _report_lvef(t["report"])) < 4.5
    times = np.asarray([s for s in t["series"] if s["view"] == "sax"][0]["times"])
    assert vol.argmax() == 0 and abs(times[vol.argmin()] - t["heart"].t_es) <= 1 / 25 + 1e-6
    assert abs(vol[0] - t["volumes"]["lv_edv"]) < 0.06 * t["volumes"]["lv_edv"]


def test_anatomy_from_masks_matches_labels_and_report(archive):
  """On the coarse archive: LVEF from masks near the labels and the report, end-diastole
  first, wall thickness and contrast follow the diagnosis."""
  labels = {r["study_uid"]: r for r in _read_csv(os.path.join(archive["out"], "labels.csv"))}
  reports = {r["study_uid"]: r["report"] for r in _read_csv(os.path.join(archive["out"], "reports.csv"))}
  thickness = collections.defaultdict(list)
  for t in archive["truths"]:
    uid = t["study"]["study_uid"]
    ef, vol = _simpson_ef(t)
    assert abs(ef - float(labels[uid]["lvef"])) < 13, (t["diagnosis"], ef, labels[uid]["lvef"])
    assert abs(float(labels[uid]["lvef"]) - _report_lvef(reports[uid])) <= 0.5
    assert int(labels[uid]["lv_dysfunction"]) == (float(labels[uid]["lvef"]) < 50)
    assert vol.argmax() == 0  # end-diastole is the first frame
    sax = [s for s in t["series"] if s["view"] == "sax"]
    masks = np.concatenate([s["masks"] for s in sax])
    pixels = np.concatenate([s["pixels"] for s in sax])
    px_area = sax[0]["planes"][0]["spacing"] ** 2
    # Mean wall thickness at the mid slice from areas: r_epi - r_endo of equal-area circles.
    mid = masks[masks.shape[0] // 2, 0]
    a_endo = (mid == anat.LV_BLOOD).sum() * px_area
    a_epi = a_endo + np.isin(mid, (anat.LV_MYO, synth_scan.SCAR)).sum() * px_area
    thickness[t["diagnosis"]].append(np.sqrt(a_epi / np.pi) - np.sqrt(a_endo / np.pi))
    cine = pixels[:, 0]
    assert cine[masks[:, 0] == anat.LV_BLOOD].mean() > 2 * cine[masks[:, 0] == anat.LV_MYO].mean()
    lge = [s for s in t["series"] if s["view"] == "lge_sax"]
    if lge and (lge[0]["masks"] == synth_scan.SCAR).sum() > 5:
      p, m = lge[0]["pixels"], lge[0]["masks"]
      # Median: papillary muscles and trabeculae (LV_MYO too) sit in bright blood and blur with it.
      # 3x, not the contrast's 30x: thin walls blur with blood and fat, and coil shading across
      # the heart reaches 1.7x on noisy sites.
      assert p[m == synth_scan.SCAR].mean() > 3 * np.median(p[m == anat.LV_MYO])  # nulled myocardium, bright scar
      assert int(labels[uid]["lge"]) == 1
  assert min(thickness["HCM"]) > max(thickness["NOR"] + thickness["DCM"])


def test_drawn_parameters_give_distinct_diagnoses():
  """Across many patients the measured anatomy separates the diagnoses as a reader would."""
  rng = np.random.default_rng(0)
  rows = collections.defaultdict(list)
  for dx in anat.DIAGNOSES:
    for _ in range(12):
      rows[dx].append(anat.volumes(anat.draw_heart(rng, dx)))
  med = {dx: {k: np.median([r[k] for r in rs]) for k in rs[0]} for dx, rs in rows.items()}
  assert med["DCM"]["lv_edv"] > 1.6 * med["NOR"]["lv_edv"] and med["DCM"]["lvef"] < 40
  assert med["HCM"]["max_wall"] > 13 > med["NOR"]["max_wall"] and med["HCM"]["lvef"] > 65
  assert med["MINF"]["lvef"] < 50 and min(r["scar_ml"] for r in rows["MINF"]) > 1
  assert med["ARV"]["rv_edv"] > 1.4 * med["NOR"]["rv_edv"]
  assert all(r["scar_ml"] == 0 for r in rows["NOR"] + rows["ARV"])


def test_same_seed_same_bytes_across_workers_and_counts(archive, tmp_path):
  """Study i depends on (seed, i) alone: 6 studies with 2 workers equal the first 6 of 24."""
  out = str(tmp_path / "b")
  synth.generate(out, 6, SEED, workers=2, **SIZE)
  small = {}
  for d, _, names in os.walk(out):
    for n in names:
      small[os.path.relpath(os.path.join(d, n), out)] = open(os.path.join(d, n), "rb").read()
  big_reports = _read_csv(os.path.join(archive["out"], "reports.csv"))[:6]
  assert _read_csv(os.path.join(out, "reports.csv")) == big_reports
  dicoms = [r for r in small if r not in ("reports.csv", "labels.csv", synth.MARKER)]
  assert len(dicoms) > 60
  for rel in dicoms:
    with open(os.path.join(archive["out"], rel), "rb") as f:
      assert f.read() == small[rel], rel
  other = synth.study_truth(SEED + 1, 0, render=False, **SIZE)
  assert other["study"]["study_uid"] != archive["truths"][0]["study"]["study_uid"]


def test_protocol_does_not_predict_diagnosis():
  """Vendor and protocol tags are drawn independently of the patient: a classifier on them is
  at chance, and a chi-square test finds no association."""
  from scipy.stats import chi2_contingency
  from sklearn.linear_model import LogisticRegression
  from sklearn.model_selection import cross_val_score
  from sklearn.preprocessing import OneHotEncoder
  n = 400
  dx, tags = [], []
  for i in range(n):
    key, _ = synth.patient_of(SEED, i)
    dx.append(anat.DIAGNOSES[int(synth._rng(SEED, synth._PATIENT, key).integers(5))])
    p = synth_scan.draw_protocol(synth._rng(SEED, synth._STUDY, i))
    tags.append([p["model"], p["names"]["sax"], p["names"]["lge_sax"], p["syntax"], p["layout"], p["rows"],
                 p["cols"], p["frames"], p["slices"], p["enhanced"], p["signed"], p["localizer"],
                 "|".join(p["missing"]), round(p["spacing"], 1)])
  truth = synth.study_truth(SEED, 3, render=False)  # the shortcut above is the real path
  assert truth["diagnosis"] == dx[3] and truth["protocol"]["model"] == tags[3][0]
  x = OneHotEncoder(handle_unknown="ignore").fit_transform(np.asarray(tags, str))
  acc = cross_val_score(LogisticRegression(max_iter=2000, C=0.3), x, dx, cv=5).mean()
  majority = max(collections.Counter(dx).values()) / n
  assert acc < majority + 0.08, (acc, majority)
  for col in (0, 3, 4, 9):
    table = collections.Counter(zip((t[col] for t in tags), dx))
    vals, dxs = sorted({k[0] for k in table}), sorted(set(dx))
    _, pval, _, _ = chi2_contingency([[table[(v, d)] + 1 for d in dxs] for v in vals])
    assert pval > 1e-3, (col, pval)


def test_reports_plant_phi_and_state_the_labels(archive):
  labels = {r["study_uid"]: r for r in _read_csv(os.path.join(archive["out"], "labels.csv"))}
  reports = {r["study_uid"]: r["report"] for r in _read_csv(os.path.join(archive["out"], "reports.csv"))}
  assert len(reports) == len(labels) == N
  headers = {ds.StudyInstanceUID: ds for ds in archive["files"].values()}
  truths = archive["truths"] + [synth.study_truth(SEED, i, render=False) for i in range(N, 120)]
  with_name = 0
  for t in truths:
    uid, rep = t["study"]["study_uid"], t["report"]
    if uid in reports:
      assert reports[uid] == rep
      ds = headers[uid]  # the header carries the same identity the text names
      assert str(ds.PatientID) == t["study"]["patient"]["mrn"] and ds.PatientBirthDate == t["study"]["patient"]["birth_date"]
    assert t["phi"] and all(p in rep for p in t["phi"])
    low = rep.lower()
    with_name += t["study"]["patient"]["last"].lower() in low
    impression = low.split("impression:")[1]
    lab = t["labels"]
    assert "findings:" in low
    assert abs(_report_lvef(rep) - lab["lvef"]) <= 1
    dx_words = {"NOR": ("normal", "no cardiomyopathy"), "DCM": ("dilated cardiomyopathy", "dcm"), "HCM": ("hypertrophic", "hcm"),
                "MINF": ("infarct",), "ARV": ("right ventric",)}[lab["diagnosis"]]
    assert any(w in impression for w in dx_words), (lab["diagnosis"], impression)
    if lab["lge"]:
      assert re.search(r"(?<!no )(late gadolinium enhancement|lge|scar|fibrosis)", impression)
    if lab["lv_dysfunction"]:
      assert re.search(r"impaired|reduced|dysfunction", impression)
    if lab["lv_hypertrophy"]:
      assert re.search(r"hypertroph|wall thickness", impression)
    if lab["rv_dilation"]:
      assert re.search(r"right ventric|rv", impression)
    if lab["oedema"]:  # findings only the maps / T2w show
      assert "oedema" in impression and "no myocardial oedema" not in low
    if lab["raised_native_t1"]:
      assert re.search(r"(raised|elevated) native (myocardial )?t1|diffusely raised t1", impression)
    if lab["lv_dilation"]:
      assert re.search(r"dilat|enlarged", impression)
  assert with_name > 0.8 * len(truths)
  normal = [t["report"].split("IMPRESSION:")[1].split("\n\n")[0].strip() for t in truths
            if t["labels"]["diagnosis"] == "NOR" and not any(t["findings"].values())]
  assert len(normal) > 5 and len(set(normal)) < len(normal)  # identical normal impressions recur


def test_second_studies_share_the_patient(archive):
  keys = [synth.patient_of(SEED, i) for i in range(400)]
  per_patient = collections.Counter(k for k, _ in keys)
  frac = sum(c == 2 for c in per_patient.values()) / len(per_patient)
  assert 0.06 < frac < 0.16
  by_pid = collections.defaultdict(set)
  for ds in archive["files"].values():
    by_pid[(str(ds.PatientID), str(ds.PatientName), ds.PatientBirthDate)].add((ds.StudyInstanceUID, ds.StudyDate))
  twice = [v for v in by_pid.values() if len(v) == 2]
  assert twice and all(len({d for _, d in v}) == 2 for v in twice)
  assert len(by_pid) == archive["summary"]["patients"]


def test_bad_arguments_and_rerun(tmp_path, capsys):
  with pytest.raises(UserError):
    synth.generate(str(tmp_path / "x"), 0, 0)
  with pytest.raises(UserError):
    synth.generate(str(tmp_path / "x"), 2, 0, matrix=8)
  busy = tmp_path / "busy"
  busy.mkdir()
  (busy / "mine.txt").write_text("keep me")
  assert cli.main(["synth", "--out", str(busy), "--studies", "1", "--no-progress"]) == 2
  assert "not empty" in capsys.readouterr().err and (busy / "mine.txt").exists()
  assert cli.main(["synth", "--out", str(tmp_path / "y"), "--studies", "-3"]) == 2
  out = str(tmp_path / "ok")
  for _ in range(2):  # a previous synth output is replaced, not refused
    assert cli.main(["synth", "--out", out, "--studies", "1", "--seed", "2", "--matrix", "48", "--frames", "4",
                     "--slices", "3", "--no-progress", "--workers", "1"]) == 0
  lines = capsys.readouterr().out.strip().splitlines()
  import json
  summary = json.loads(lines[-1])
  assert summary["studies"] == 1 and summary["files"] > 5
