"""`cmr-clip convert-nifti`: public cine short-axis datasets, read as downloaded -> eval-only records.

  cmr-clip convert-nifti --layout acdc|mnms --root DIR --out DIR [--tokenizer MODEL]

Layouts (README, "External validation"):
  acdc  ROOT/**/patientXXX/{Info.cfg, patientXXX_4d.nii.gz, patientXXX_frameNN_gt.nii.gz}
        (labels 1 RV cavity, 2 LV myocardium, 3 LV cavity; ED/ES 1-based frame numbers)
  mnms  ROOT/**/<code>/{<code>_sa.nii.gz, <code>_sa_gt.nii.gz} + one CSV with an "External code"
        column (VendorName, Vendor, Centre, ED, ES, Pathology; ED/ES 0-based frame indices;
        labels 1 LV cavity, 2 LV myocardium, 3 RV cavity)

Every case becomes one record of split "all": the three cine SAX slots (base / mid / apex of the
stack) through the same heart-centred crop, spacing and time resampling as `convert`
(data_prep.preprocess), no report and no tokens. Labels: the dataset's diagnosis mapped to
records.DIAGNOSES, and LV/RV volumes, LVEF and LV mass measured on the ground-truth masks where
they exist, with findings from published thresholds (FINDING_RULES). Rejects, manifest, the
output-folder rule (empty, or an earlier output of the same inputs and key), the OUT/.work cache
(a killed run resumes) and the streaming, atomic shard writing are convert's.

Geometry: a NIfTI image plane is data[:, :, k, t].T (rows = j, columns = i, as ITK and dcm2niix
write DICOM pixels). A header orientation is used only where one really exists (qform or sform
code > 0 and an affine that is not axis-aligned): it places the planes in the patient and says
which end of the stack is the apex. Otherwise (ACDC) the planes are placed from the voxel spacing
alone and the stack is taken in file order, base first (both datasets' convention).
"""

import argparse
import csv
import hashlib
import json
import math
import os
import re
import shutil
import sys
import time

import nibabel as nib
import numpy as np

from data_prep import convert, deid, dicom_io, fileio, preprocess, records, shards, text, views
from data_prep.errors import UserError

SPLIT = "all"
LAYOUTS = ("acdc", "mnms")

# Dataset diagnosis -> ours; None: a known class with no counterpart (kept, diagnosis unknown).
ACDC_GROUPS = {"NOR": "NOR", "DCM": "DCM", "HCM": "HCM", "MINF": "MINF", "RV": "ARV"}
MNMS_PATHOLOGIES = {"NOR": "NOR", "DCM": "DCM", "HCM": "HCM", "ARV": "ARV", "IHD": "MINF",
                    "HHD": None, "AHS": None, "LVNC": None, "OTHER": None, "ABNOR": None}
# Mask label values of each structure.
MASK_LABELS = {"acdc": {"rv": 1, "myo": 2, "lv": 3}, "mnms": {"lv": 1, "myo": 2, "rv": 3}}

MYOCARDIUM_G_PER_ML = 1.05
# Findings from mask measurements: (finding, measurement, threshold, needs body surface area).
# LVEF < 50%: below the normal range (ESC heart-failure guideline 2021, McDonagh et al., Eur Heart J
# 42:3599; reduced <= 40, mildly reduced 41-49). The indexed limits are the ACDC dataset's own
# class criteria (Bernard et al. 2018, IEEE TMI 37:2514): LV EDV > 100 mL/m2 (DCM), LV mass > 110
# g/m2 (HCM), RV EDV > 110 mL/m2 (abnormal RV). BSA: Mosteller (NEJM 1987;317:1098).
FINDING_RULES = (("lv_dysfunction", "lvef", 50.0, "below"),
                 ("lv_dilation", "lv_edv_ml_m2", 100.0, "above"),
                 ("lv_hypertrophy", "lv_mass_g_m2", 110.0, "above"),
                 ("rv_dilation", "rv_edv_ml_m2", 110.0, "above"))
# Left, anterior, inferior (LPS): where the apex points from the base in any upright patient.
_APEX_LPS = np.array([1.0, -1.0, -1.0]) / math.sqrt(3.0)
_LPS_FROM_RAS = np.diag([-1.0, -1.0, 1.0])


class CaseReject(Exception):
  """A case that cannot be written; the message is its reject reason."""


def add_arguments(p: argparse.ArgumentParser) -> None:
  p.add_argument("--layout", required=True, choices=LAYOUTS, help="dataset layout under --root")
  p.add_argument("--root", required=True, help="the dataset folder as downloaded (any nesting above the case folders)")
  p.add_argument("--out", required=True, help="output folder (shards of split 'all', manifest.json, rejects.jsonl)")
  p.add_argument("--info", help="mnms: the dataset information CSV (default: the one CSV under --root with an "
                                "'External code' column)")
  p.add_argument("--tokenizer", help="copy this sentencepiece model (the run's) next to the shards, for eval's prompts")
  p.add_argument("--key-file", help=f"key for the study pseudonyms (else ${deid.KEY_ENV}; else a new key next to --out)")
  p.add_argument("--frames", type=int, default=16, help="T: frames per cardiac cycle (default %(default)s)")
  p.add_argument("--size", type=int, default=128, help="H = W of the heart-centred crop, pixels (default %(default)s)")
  p.add_argument("--spacing", type=float, default=1.5, help="in-plane pixel spacing of the output, mm (default %(default)s)")


def _check_args(args) -> dict:
  if not os.path.isdir(args.root):
    raise UserError(f"--root {args.root} is not a folder")
  for name in ("tokenizer", "info"):
    if getattr(args, name) and not os.path.isfile(getattr(args, name)):
      raise UserError(f"--{name} {getattr(args, name)} is not a file")
  if args.frames < 1 or args.size < 8 or args.spacing <= 0:
    raise UserError("need --frames >= 1, --size >= 8, --spacing > 0")
  out_abs, root_abs = os.path.abspath(args.out), os.path.abspath(args.root)
  if out_abs == root_abs or out_abs.startswith(root_abs + os.sep):
    raise UserError("--out must not be inside --root")
  return {"frames": args.frames, "size": args.size, "spacing_mm": float(args.spacing)}


# ----------------------------------------------------------------------------------------------
# Finding the cases.


def _walk(root: str) -> list:
  return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def acdc_cases(root: str) -> tuple:
  """-> ([case], input files [rel]). A case: code, image, info, masks {frame number: rel}."""
  cases, inputs = {}, []
  pattern = re.compile(r"^(patient\d+)(?:_4d\.nii(?:\.gz)?|_frame(\d+)_gt\.nii(?:\.gz)?)$")
  for rel in _walk(root):
    folder, name = os.path.split(rel)
    m = pattern.match(name)
    if name != "Info.cfg" and not m:
      continue  # _frameNN images and side files: the 4-D file holds every frame
    inputs.append(rel)
    case = cases.setdefault(folder, {"code": os.path.basename(folder), "image": None, "info": None,
                                     "masks": {}, "files": [], "mask_files": []})
    case["files"].append(rel)
    if name == "Info.cfg":
      case["info"] = rel
    elif m.group(2):
      case["masks"][int(m.group(2))] = rel
      case["mask_files"].append(rel)
    else:
      case["image"] = rel
  return [cases[k] for k in sorted(cases)], inputs


def mnms_cases(root: str, info_path: str | None) -> tuple:
  """-> ([case], input files [rel], info rows {code: row}). A case: code, image, mask."""
  cases, inputs = {}, []
  pattern = re.compile(r"^(.+)_sa(_gt)?\.nii(?:\.gz)?$")
  for rel in _walk(root):
    m = pattern.match(os.path.basename(rel))
    if not m:
      continue
    inputs.append(rel)
    case = cases.setdefault((os.path.dirname(rel), m.group(1)), {"code": m.group(1), "image": None, "mask": None,
                                                                  "files": [], "mask_files": []})
    case["files"].append(rel)
    case["mask" if m.group(2) else "image"] = rel
    if m.group(2):
      case["mask_files"].append(rel)
  return [cases[k] for k in sorted(cases)], inputs, _mnms_info(root, info_path)


def _norm_col(name: str) -> str:
  return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _read_csv(path: str) -> list:
  with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
    return [{_norm_col(k): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def _mnms_info(root: str, info_path: str | None) -> dict:
  """{external code: row with normalised column names (external_code, vendorname, vendor, centre, ed, es,
  pathology, height, weight ...)}."""
  tables = {info_path: _read_csv(info_path)} if info_path else {
      p: _read_csv(p) for p in (os.path.join(root, r) for r in _walk(root) if r.lower().endswith(".csv"))}
  tables = {p: rows for p, rows in tables.items() if rows and "external_code" in rows[0]}
  if len(tables) != 1:
    where = f"--info {info_path}" if info_path else f"{len(tables)} CSV files under --root"
    raise UserError(f"{where}: need exactly one table with an 'External code' column (pass --info CSV)")
  return {r["external_code"]: r for r in next(iter(tables.values()))}


# ----------------------------------------------------------------------------------------------
# One case: NIfTI -> frames and labels.


def _load(path: str, what: str) -> tuple:
  """(data array, header, affine) of a NIfTI file; CaseReject when it cannot be read whole."""
  try:
    img = nib.load(path)
    data = np.asanyarray(img.dataobj)
  except Exception as e:  # truncated gzip, bad header, ...: nibabel raises many kinds
    raise CaseReject(f"unreadable {what} NIfTI ({type(e).__name__})") from None
  return data, img.header, img.affine


def _real_orientation(header) -> bool:
  """A header orientation worth trusting: qform or sform code > 0 and an affine that is not
  axis-aligned (spacing-only headers such as ACDC's are diagonal)."""
  codes = (int(header["qform_code"]), int(header["sform_code"]))
  if max(codes) <= 0:
    return False
  rot = header.get_best_affine()[:3, :3]
  unit = rot / np.maximum(np.linalg.norm(rot, axis=0, keepdims=True), 1e-12)
  return not np.allclose(np.abs(unit), np.round(np.abs(unit)), atol=1e-3)


def stack_geometry(header, affine, num_slices: int) -> tuple:
  """-> (planes [dicom_io.Frame] base -> apex, slice order [k of each plane], source of the order).

  Planes carry LPS geometry: the header's where it has a real orientation, else a spacing-only
  frame (rows along y, columns along x, slices along z at the slice spacing)."""
  zoom = [float(z) for z in header.get_zooms()[:3]]
  if not all(np.isfinite(zoom)) or min(zoom) <= 0:
    raise CaseReject(f"bad voxel spacing {zoom}")
  if _real_orientation(header):
    a = _LPS_FROM_RAS @ affine[:3, :4]
    i_dir, j_dir = a[:, 0] / zoom[0], a[:, 1] / zoom[1]  # i runs along an image row, j down a column
    planes = [dicom_io.Frame(0, tuple(a[:, 3] + k * a[:, 2]), tuple(i_dir) + tuple(j_dir),
                             (zoom[1], zoom[0]), math.nan, math.nan) for k in range(num_slices)]
    order = list(range(num_slices))
    if a[:, 2] @ _APEX_LPS < 0:  # the stack runs apex -> base
      order.reverse()
    return [planes[k] for k in order], order, "header orientation"
  planes = [dicom_io.Frame(0, (0.0, 0.0, k * zoom[2]), (1.0, 0.0, 0.0, 0.0, 1.0, 0.0), (zoom[1], zoom[0]),
                           math.nan, math.nan) for k in range(num_slices)]
  return planes, list(range(num_slices)), "file order"


def build_frames(data: np.ndarray, header, affine, frames: int, size: int, spacing_mm: float) -> tuple:
  """data [X, Y, Z, T] cine SAX -> (frames uint8 [V, T', S, S] with the SAX slots filled, view_mask
  bool [V], meta). The crop, spacing and time resampling are convert's (data_prep.preprocess)."""
  if data.ndim != 4 or data.shape[3] < 2:
    raise CaseReject(f"image is {data.ndim}-D {list(data.shape)}: need a 4-D [X, Y, Z, T] cine")
  planes, order, order_from = stack_geometry(header, affine, data.shape[2])
  slots = views.sax_indices(len(planes))
  tm = preprocess.time_matrix(np.arange(data.shape[3], dtype=float), frames)

  def images(i):  # float32 [T, H, W] of stack position i
    return np.ascontiguousarray(np.moveaxis(data[:, :, order[i], :], -1, 0).transpose(0, 2, 1), np.float32)

  mid = slots.get("cine_sax_mid", next(iter(slots.values())))
  step = np.subtract(planes[-1].position, planes[0].position)  # planes run base -> apex
  apex = step / np.linalg.norm(step) if len(planes) > 1 else views.long_axis({})
  axes = preprocess.canonical_axes(planes[mid], apex, True)
  centre, _ = preprocess.heart_extent(images(mid), planes[mid], axes)
  out = np.zeros((records.NUM_VIEWS, frames, size, size), np.uint8)
  mask = np.zeros(records.NUM_VIEWS, bool)
  for slot, i in slots.items():
    v = records.VIEWS.index(slot)
    crop = preprocess.resample_plane(images(i), planes[i], centre, axes, size, spacing_mm)
    out[v] = preprocess.normalise_uint8(np.tensordot(tm, crop, axes=1), spacing_mm)
    mask[v] = True
  meta = {"source_spacing_mm": [planes[0].spacing[0], planes[0].spacing[1]],
          "slice_spacing_mm": float(header.get_zooms()[2]), "slices": int(data.shape[2]),
          "frames": int(data.shape[3]), "stack_order": order_from,
          "views": [s for s in records.VIEWS if mask[records.VIEWS.index(s)]]}
  return out, mask, meta


def measure(ed: np.ndarray, es: np.ndarray, labels: dict, voxel_ml: float, bsa_m2: float | None) -> dict:
  """ED / ES label volumes [X, Y, Z] -> volumes (mL), LVEF / RVEF (%), LV mass (g), indexed values
  where the body surface area is known, and the FINDING_RULES findings (0/1)."""
  ml = lambda vol, k: float((vol == labels[k]).sum() * voxel_ml)
  m = {"lv_edv_ml": ml(ed, "lv"), "lv_esv_ml": ml(es, "lv"), "rv_edv_ml": ml(ed, "rv"), "rv_esv_ml": ml(es, "rv"),
       "lv_mass_g": ml(ed, "myo") * MYOCARDIUM_G_PER_ML}
  if m["lv_edv_ml"] <= 0:
    return {}
  m["lvef"] = 100.0 * (m["lv_edv_ml"] - m["lv_esv_ml"]) / m["lv_edv_ml"]
  if m["rv_edv_ml"] > 0:
    m["rvef"] = 100.0 * (m["rv_edv_ml"] - m["rv_esv_ml"]) / m["rv_edv_ml"]
  if bsa_m2:
    m.update(bsa_m2=bsa_m2, lv_edv_ml_m2=m["lv_edv_ml"] / bsa_m2, lv_mass_g_m2=m["lv_mass_g"] / bsa_m2,
             rv_edv_ml_m2=m["rv_edv_ml"] / bsa_m2)
  out = {k: round(v, 2) for k, v in m.items()}
  for finding, key, threshold, side in FINDING_RULES:
    if key in m:
      out[finding] = int(m[key] < threshold if side == "below" else m[key] > threshold)
  return out


def bsa_mosteller(height_cm, weight_kg) -> float | None:
  try:
    h, w = float(height_cm), float(weight_kg)
  except (TypeError, ValueError):
    return None
  return math.sqrt(h * w / 3600.0) if h > 0 and w > 0 else None


def _number(value, what: str) -> int:
  try:
    return int(float(value))
  except (TypeError, ValueError):
    raise CaseReject(f"{what} {value!r} is not a number") from None


def read_info_cfg(path: str) -> dict:
  """ACDC Info.cfg ('Key: value' lines) -> {key: value str}."""
  out = {}
  with open(path, encoding="utf-8", errors="replace") as f:
    for line in f:
      key, sep, value = line.partition(":")
      if sep:
        out[key.strip()] = value.strip()
  return out


def _acdc_case(root, case) -> dict:
  """-> {'image' rel, 'ed', 'es' (0-based), 'diagnosis', 'source_diagnosis', 'masks' {ed, es: rel},
  'mask_4d' None, 'bsa', 'meta'}; CaseReject when the case cannot be used."""
  if case["image"] is None:
    raise CaseReject(f"no {case['code']}_4d.nii.gz")
  if case["info"] is None:
    raise CaseReject("no Info.cfg")
  info = read_info_cfg(os.path.join(root, case["info"]))
  missing = [k for k in ("ED", "ES", "Group") if not info.get(k)]
  if missing:
    raise CaseReject(f"Info.cfg lacks {', '.join(missing)}")
  if info["Group"] not in ACDC_GROUPS:
    raise CaseReject(f"unknown group {info['Group']!r} (known: {', '.join(ACDC_GROUPS)})")
  ed, es = _number(info["ED"], "ED"), _number(info["ES"], "ES")
  return {"image": case["image"], "ed": ed - 1, "es": es - 1, "diagnosis": ACDC_GROUPS[info["Group"]],
          "source_diagnosis": info["Group"], "mask_4d": None,
          "masks": {"ed": case["masks"].get(ed), "es": case["masks"].get(es)},
          "nb_frames": _number(info["NbFrame"], "NbFrame") if info.get("NbFrame") else None,
          "bsa": bsa_mosteller(info.get("Height"), info.get("Weight")), "meta": {}}


def _mnms_case(case, info: dict) -> dict:
  if case["image"] is None:
    raise CaseReject(f"no {case['code']}_sa.nii.gz")
  row = info.get(case["code"])
  if row is None:
    raise CaseReject("not in the dataset information CSV")
  pathology = row.get("pathology", "").upper()
  if pathology not in MNMS_PATHOLOGIES:
    raise CaseReject(f"unknown pathology {row.get('pathology')!r} (known: {', '.join(MNMS_PATHOLOGIES)})")
  return {"image": case["image"], "ed": _number(row.get("ed"), "ED"), "es": _number(row.get("es"), "ES"),
          "diagnosis": MNMS_PATHOLOGIES[pathology], "source_diagnosis": row.get("pathology"),
          "mask_4d": case["mask"], "masks": {}, "nb_frames": None,
          "bsa": bsa_mosteller(row.get("height"), row.get("weight")),
          "meta": {"vendor": row.get("vendorname", ""), "vendor_code": row.get("vendor", ""),
                   "centre": row.get("centre", "")}}


def _phase_masks(root, spec, shape) -> tuple:
  """-> (ED mask [X, Y, Z], ES mask, [rel of the mask files read]) or (None, None, reason)."""
  if spec["mask_4d"]:
    data, _, _ = _load(os.path.join(root, spec["mask_4d"]), "mask")
    if data.shape != shape:
      return None, None, f"mask shape {list(data.shape)} != image {list(shape)}"
    return data[..., spec["ed"]], data[..., spec["es"]], [spec["mask_4d"]]
  if not (spec["masks"].get("ed") and spec["masks"].get("es")):
    return None, None, "mask not used (no ED and ES mask pair)"
  ed, _, _ = _load(os.path.join(root, spec["masks"]["ed"]), "mask")
  es, _, _ = _load(os.path.join(root, spec["masks"]["es"]), "mask")
  if ed.shape != shape[:3] or es.shape != shape[:3]:
    return None, None, f"mask shape {list(ed.shape)} / {list(es.shape)} != image {list(shape[:3])}"
  return ed, es, list(spec["masks"].values())


def convert_case(root: str, layout: str, case: dict, info: dict, opts: dict) -> tuple:
  """One case -> (labels, meta, frames uint8 [V, T, S, S], view_mask, used files, {rel: reason})."""
  spec = _acdc_case(root, case) if layout == "acdc" else _mnms_case(case, info)
  data, header, affine = _load(os.path.join(root, spec["image"]), "image")
  if data.ndim == 4 and spec["nb_frames"] not in (None, data.shape[3]):
    raise CaseReject(f"Info.cfg NbFrame {spec['nb_frames']} != {data.shape[3]} frames in the image")
  frames, view_mask, meta = build_frames(data, header, affine, opts["frames"], opts["size"], opts["spacing_mm"])
  if not (0 <= spec["ed"] < data.shape[3] and 0 <= spec["es"] < data.shape[3]):
    raise CaseReject(f"ED {spec['ed']} / ES {spec['es']} outside the {data.shape[3]} frames")
  labels = {"source_diagnosis": spec["source_diagnosis"]}
  if spec["diagnosis"]:
    labels["diagnosis"] = spec["diagnosis"]
  ed, es, read = _phase_masks(root, spec, data.shape)
  if ed is not None:
    labels.update(measure(np.rint(ed), np.rint(es), MASK_LABELS[layout],
                          float(np.prod(header.get_zooms()[:3])) / 1000.0, spec["bsa"]))
  used = [r for r in case["files"] if r not in case["mask_files"] or (ed is not None and r in read)]
  why = "mask not used (not the ED or ES frame)" if ed is not None else read
  unused = {r: why for r in case["files"] if r not in used}
  return labels, {**spec["meta"], **meta}, frames, view_mask, used, unused


# ----------------------------------------------------------------------------------------------
# Orchestration: per-case cache (resumable), then convert's shard, manifest and rejects writing.


def _case_summary(root, layout, case, info, opts, key, work) -> dict:
  """Converts one case, or reuses OUT/.work's copy when its inputs have not changed."""
  study_id = deid.hmac_id(key, "study", f"{layout}:{case['code']}")
  stats = [(r, os.stat(os.path.join(root, r)).st_size, os.stat(os.path.join(root, r)).st_mtime_ns)
           for r in case["files"]]
  task_hash = hashlib.sha256(json.dumps([stats, info.get(case["code"])], sort_keys=True).encode()).hexdigest()
  task = {"cache": os.path.join(work, "studies", study_id + ".msgpack"), "task_hash": task_hash}
  cached = convert._cached_summary(task)
  if cached is not None:
    return cached
  summary = {"study_id": study_id, "status": "ok", "reason": ""}
  frames = None
  try:
    labels, meta, frames, view_mask, used, unused = convert_case(root, layout, case, info, opts)
    summary.update(labels=labels, meta=meta, view_mask=view_mask.tolist(), used=used, unused=sorted(unused.items()))
    frames = frames.tobytes()
  except CaseReject as e:
    summary.update(status="rejected", reason=str(e), used=[],
                   unused=[(r, f"study rejected: {e}") for r in case["files"]])
  return convert._cache(task, summary, frames)


def _record(summary, work, fshape) -> bytes:
  """The case's encoded record from its cache file, which is then deleted (as convert does)."""
  path = os.path.join(work, "studies", summary["study_id"] + ".msgpack")
  with open(path, "rb") as f:
    frames = np.frombuffer(convert.unpack(f.read())["frames"], np.uint8).reshape(fshape)
  os.remove(path)
  return records.encode({"study_id": summary["study_id"], "patient_id": summary["study_id"],
                         "views": records.stack_views(frames, np.asarray(summary["view_mask"], bool)), "report": "",
                         "tokens": np.zeros(0, np.int32), "labels": summary["labels"], "meta": summary["meta"]})


def run(args) -> int:
  t0 = time.time()
  opts = _check_args(args)
  if args.layout == "acdc":
    (cases, inputs), info = acdc_cases(args.root), {}
  else:
    cases, inputs, info = mnms_cases(args.root, args.info)
  if not cases:
    raise UserError(f"no {args.layout} cases under {args.root} (see `cmr-clip convert-nifti --help`)")
  key, key_where = deid.resolve_key(args.key_file, args.out)
  stamp = {"key_fingerprint": deid.hmac_id(key, "fingerprint", "cmr-clip"), "source": convert.source_id(key, args.root)}
  convert._check_out(args.out, stamp)  # empty, or an earlier output of the same inputs and key
  work = convert._work_dir(args.out, {"version": convert.WORK_VERSION, "layout": args.layout, **stamp, **opts})
  from tqdm import tqdm
  summaries = [_case_summary(args.root, args.layout, c, info, opts, key, work)
               for c in tqdm(cases, desc="cases", unit="case", file=sys.stderr, mininterval=0.5)]
  result = _write_outputs(args, opts, stamp, work, summaries, len(inputs))
  shutil.rmtree(work)
  result.update(seconds=round(time.time() - t0, 1), key=key_where)
  print(f"convert-nifti: {result['written']['studies']} {args.layout} cases written, {result['rejected']['studies']} "
        f"cases and {result['rejected']['files']} files rejected (see rejects.jsonl)", file=sys.stderr)
  print(json.dumps(result))
  return 0


def _write_outputs(args, opts, stamp, work, summaries, n_files) -> dict:
  out = args.out
  manifest_path = os.path.join(out, "manifest.json")
  if os.path.exists(manifest_path):  # written last: until then the folder never looks complete
    os.remove(manifest_path)
  oks = sorted((s for s in summaries if s["status"] == "ok"), key=lambda s: s["study_id"])
  rejects = [convert.file_line(f, r) for s in summaries for f, r in s["unused"]]
  rejects += [{"kind": "study", "study": s["study_id"], "reason": s["reason"]} for s in summaries if s["status"] != "ok"]
  fshape = [records.NUM_VIEWS, opts["frames"], opts["size"], opts["size"]]
  files = shards.write_split(out, SPLIT, (_record(s, work, fshape) for s in oks), convert.shard_sizes(len(oks), 0))
  shards.remove_stale(out, [f["file"] for f in files])
  vocab = None
  if args.tokenizer:
    with open(args.tokenizer, "rb") as f:
      fileio.write_atomic(os.path.join(out, "tokenizer.model"), f.read())
    vocab = text.load_tokenizer(os.path.join(out, "tokenizer.model")).get_piece_size()
  used_files = sum(len(s["used"]) for s in oks)
  if used_files + sum(1 for r in rejects if r["kind"] == "file") != n_files:  # a bug otherwise
    raise RuntimeError(f"file accounting mismatch: {n_files} inputs, {used_files} used, {len(rejects)} rejects")
  manifest = {
      "schema_version": records.SCHEMA_VERSION, "frames_shape": fshape, "views": list(records.VIEWS),
      "spacing_mm": opts["spacing_mm"], "max_tokens": 0, "vocab_size": vocab,
      "tokenizer": "tokenizer.model" if vocab else None, "eval_only": True, "layout": args.layout,
      "splits": {SPLIT: {"studies": len(oks), "patients": len(oks), "shards": files}},
      "inputs": {"files": n_files, "studies": len(summaries)},
      "written": {"studies": len(oks), "files": used_files},
      "rejected": {"studies": len(summaries) - len(oks), "files": n_files - used_files},
      "labels": {"diagnosis": sum("diagnosis" in s["labels"] for s in oks),
                 "measured": sum("lvef" in s["labels"] for s in oks)},
      "tfds": False, **stamp,
  }
  shards.write_jsonl(os.path.join(out, "rejects.jsonl"), convert.sorted_rejects(rejects))
  shards.write_json(manifest_path, manifest)
  return {"out": os.path.abspath(out), "layout": args.layout, "splits": {SPLIT: len(oks)},
          "inputs": manifest["inputs"], "written": manifest["written"], "rejected": manifest["rejected"],
          "labels": manifest["labels"]}
