"""`cmr-clip synth --layout acdc|mnms`: the synthetic studies' cine SAX stacks written the way the
public datasets ship them (NIfTI through nibabel, their folder layouts, label values and side
files), so `cmr-clip convert-nifti` is tested end to end on data whose labels are known.

  acdc: OUT/training/patientNNN/{Info.cfg, patientNNN_4d.nii.gz, patientNNN_frameNN[_gt].nii.gz};
        a spacing-only (axis-aligned) affine, slices base -> apex, like ACDC's headers.
  mnms: OUT/Training/Labeled/<code>/{<code>_sa.nii.gz, <code>_sa_gt.nii.gz} + OUT/MNMS_CSV; the
        real scanner affine, and the stack stored apex -> base, so only the header orientation
        tells a reader which end is the base.
"""

import csv
import gzip
import hashlib
import io
import os

import nibabel as nib
import numpy as np

from data_prep import fileio
from data_prep.synth import anatomy as anat
from data_prep.synth import generate
from data_prep.synth import scan as synth_scan

LAYOUTS = ("acdc", "mnms")
ACDC_GROUP = {"NOR": "NOR", "DCM": "DCM", "HCM": "HCM", "MINF": "MINF", "ARV": "RV"}
MNMS_PATHOLOGY = {"NOR": "NOR", "DCM": "DCM", "HCM": "HCM", "MINF": "IHD", "ARV": "ARV"}
MNMS_VENDORS = {"siemens": ("A", "Siemens"), "philips": ("B", "Philips"), "ge": ("C", "GE")}
MNMS_CSV = "211230_M&Ms_Dataset_information_diagnosis_opendataset.csv"
MNMS_COLUMNS = ("External code", "VendorName", "Vendor", "Centre", "ED", "ES", "Age", "Pathology", "Sex",
                "Height", "Weight")
# Our anatomy labels -> each dataset's mask values (scar is myocardium).
_MASK_LUT = {"acdc": {anat.LV_BLOOD: 3, anat.LV_MYO: 2, synth_scan.SCAR: 2, anat.RV_BLOOD: 1},
             "mnms": {anat.LV_BLOOD: 1, anat.LV_MYO: 2, synth_scan.SCAR: 2, anat.RV_BLOOD: 3}}
_RAS_FROM_LPS = np.diag([-1.0, -1.0, 1.0])


def sax_stack(truth: dict) -> dict:
  """A study's cine SAX stack as NIfTI arrays: image int16 [X, Y, Z, T] (X = image columns), anatomy
  labels uint8 [X, Y, Z, T], the LPS plane of each slice (base -> apex), ED / ES frame indices."""
  sax = [s for s in truth["series"] if s["view"] == "sax"]
  stored = np.concatenate([s["stored"] for s in sax])  # [S, T, H, W]
  masks = np.concatenate([s["masks"] for s in sax])
  frames = stored.shape[1]
  return {"image": np.clip(stored, -32768, 32767).astype(np.int16).transpose(3, 2, 0, 1),
          "labels": masks.transpose(3, 2, 0, 1), "planes": [pl for s in sax for pl in s["planes"]],
          "ed": 0, "es": int(round(truth["heart"].t_es * frames)) % frames,
          "rr_ms": 60000.0 / truth["protocol"]["heart_rate"]}


def _affine(planes: list, reverse: bool) -> np.ndarray:
  """RAS affine of the stack [X, Y, Z] from its DICOM planes (slice order reversed if asked)."""
  p0, p1 = (planes[-1], planes[-2]) if reverse else (planes[0], planes[1])
  a = np.eye(4)
  a[:3, 0] = _RAS_FROM_LPS @ p0["row"] * p0["spacing"]
  a[:3, 1] = _RAS_FROM_LPS @ p0["col"] * p0["spacing"]
  a[:3, 2] = _RAS_FROM_LPS @ (p1["ipp"] - p0["ipp"])
  a[:3, 3] = _RAS_FROM_LPS @ p0["ipp"]
  return a


def _save(path: str, data: np.ndarray, affine: np.ndarray, code: int, dt_ms: float | None = None):
  """data as path (.nii.gz), atomically; the same bytes every run (no gzip time stamp)."""
  img = nib.Nifti1Image(data, affine)
  img.set_qform(affine, code=code)
  img.set_sform(affine, code=code)
  if dt_ms is not None:
    img.header.set_zooms(img.header.get_zooms()[:3] + (dt_ms,))
  img.header.set_xyzt_units("mm", "msec")
  fileio.write_atomic(path, gzip.compress(img.to_bytes(), compresslevel=1, mtime=0))


def _lut(layout: str) -> np.ndarray:
  lut = np.zeros(256, np.uint8)
  for ours, theirs in _MASK_LUT[layout].items():
    lut[ours] = theirs
  return lut


def write_acdc(out_dir: str, truth: dict, number: int) -> dict:
  st = sax_stack(truth)
  code = f"patient{number:03d}"
  folder = os.path.join(out_dir, "training", code)
  os.makedirs(folder, exist_ok=True)
  p0, p1 = st["planes"][:2]
  gap = float(np.linalg.norm(p1["ipp"] - p0["ipp"]))
  affine = np.diag([p0["spacing"], p0["spacing"], gap, 1.0])  # spacing only, like ACDC's headers
  frames = st["image"].shape[3]
  _save(os.path.join(folder, f"{code}_4d.nii.gz"), st["image"], affine, 1, st["rr_ms"] / frames)
  labels = _lut("acdc")[st["labels"]]
  for t in (st["ed"], st["es"]):
    _save(os.path.join(folder, f"{code}_frame{t + 1:02d}.nii.gz"), st["image"][..., t], affine, 1)
    _save(os.path.join(folder, f"{code}_frame{t + 1:02d}_gt.nii.gz"), labels[..., t], affine, 1)
  patient = truth["study"]["patient"]
  info = {"ED": st["ed"] + 1, "ES": st["es"] + 1, "Group": ACDC_GROUP[truth["diagnosis"]],
          "Height": patient["height"], "NbFrame": frames, "Weight": patient["weight"]}
  fileio.write_atomic(os.path.join(folder, "Info.cfg"), "".join(f"{k}: {v}\n" for k, v in info.items()))
  return {"code": code, "diagnosis": truth["diagnosis"], "lvef": truth["volumes"]["lvef"]}


def write_mnms(out_dir: str, truth: dict, number: int) -> dict:
  st = sax_stack(truth)
  code = _mnms_code(number)
  folder = os.path.join(out_dir, "Training", "Labeled", code)
  os.makedirs(folder, exist_ok=True)
  affine = _affine(st["planes"], reverse=True)
  frames = st["image"].shape[3]
  labels = _lut("mnms")[st["labels"]]
  labels[..., [t for t in range(frames) if t not in (st["ed"], st["es"])]] = 0  # ED and ES only, as shipped
  _save(os.path.join(folder, f"{code}_sa.nii.gz"), st["image"][:, :, ::-1], affine, 1, st["rr_ms"] / frames)
  _save(os.path.join(folder, f"{code}_sa_gt.nii.gz"), labels[:, :, ::-1], affine, 1, st["rr_ms"] / frames)
  proto, patient = truth["protocol"], truth["study"]["patient"]
  vendor_code, vendor_name = MNMS_VENDORS[proto["vendor"]]
  centre = 2 * sorted(MNMS_VENDORS).index(proto["vendor"]) + 1 + number % 2
  row = {"External code": code, "VendorName": vendor_name, "Vendor": vendor_code, "Centre": centre,
         "ED": st["ed"], "ES": st["es"], "Age": patient["age_years"],
         "Pathology": MNMS_PATHOLOGY[truth["diagnosis"]], "Sex": patient["sex"], "Height": patient["height"],
         "Weight": patient["weight"]}
  return {"code": code, "diagnosis": truth["diagnosis"], "lvef": truth["volumes"]["lvef"], "row": row}


def _mnms_code(number: int) -> str:
  """Six characters like the dataset's codes (e.g. A0S9V9), fixed by the number."""
  digest = hashlib.sha256(f"mnms-{number}".encode()).digest()
  alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
  return "".join(alphabet[b % len(alphabet)] for b in digest[:6])


def write_case(out_dir: str, seed: int, index: int, layout: str, size_options: dict) -> dict:
  truth = generate.study_truth(seed, index, **size_options)
  return (write_acdc if layout == "acdc" else write_mnms)(out_dir, truth, index + 1)


def finish(out_dir: str, layout: str, results: list) -> None:
  """Side files written once all cases exist (M&Ms: the information CSV)."""
  if layout != "mnms":
    return
  buf = io.StringIO()
  w = csv.DictWriter(buf, MNMS_COLUMNS, lineterminator="\n")
  w.writeheader()
  w.writerows(r["row"] for r in results)
  fileio.write_atomic(os.path.join(out_dir, MNMS_CSV), buf.getvalue())

