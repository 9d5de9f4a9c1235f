"""`cmr-clip synth`: synthetic cardiac MRI studies as real DICOM, plus reports.csv and labels.csv.

Each study is a pure function of (seed, index): its patient (anatomy, diagnosis, fake identity)
comes from a stream keyed by the patient, its acquisition protocol from a stream keyed by the
study, so any number of worker processes writes the same bytes. About one patient in ten has
two studies (same PatientID, different StudyInstanceUID).

  cmr-clip synth --out out/demo/dicom --studies 1000 --seed 0
"""

import collections
import csv
import dataclasses
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import time

import numpy as np

from data_prep import fileio, records
from data_prep.errors import UserError
from data_prep.synth import anatomy as anat
from data_prep.synth import dicom_writer as synth_dicom
from data_prep.synth import maps as synth_maps
from data_prep.synth import report as synth_report
from data_prep.synth import scan as synth_scan

MARKER = ".cmr_synth.json"
LABEL_COLUMNS = ("study_uid", "diagnosis", "lvef") + records.FINDINGS
# Independent random streams; a study's bytes depend on (seed, stream, key) only.
_PAIRING, _PATIENT, _STUDY, _RENDER, _REPORT, _MAPS = range(1, 7)
BASE_DAY = np.datetime64("2014-01-06")
LGE_PHASE = 0.72  # mid-diastole, where LGE is acquired


def _rng(seed: int, stream: int, *keys: int) -> np.random.Generator:
  return np.random.default_rng([int(seed), stream, *map(int, keys)])


def patient_of(seed: int, index: int) -> tuple:
  """(patient key, visit number) of study `index`: in each block of ten studies two
  neighbours share a patient, so ~11% of patients have a second study."""
  block = index // 10
  j = int(_rng(seed, _PAIRING, block).integers(9))
  if index == block * 10 + j + 1:
    return index - 1, 1
  return index, 0


def _uid(seed, *keys) -> str:
  """A valid, reproducible UID: '2.25.' + a 128-bit integer hashed from the keys (a UUID-derived
  UID as PS3.5 B.2 allows; pydicom's generate_uid ignores entropy with the 2.25 root)."""
  digest = hashlib.sha256("|".join(["cmr-synth", str(seed)] + [str(k) for k in keys]).encode()).digest()
  return f"2.25.{int.from_bytes(digest[:16], 'big') | 1 << 127}"  # top bit set: always 39 digits


def _date(day) -> str:
  return str(np.datetime64(day, "D")).replace("-", "")


def _study_info(seed, index, key, visit, patient, srng) -> dict:
  prng = _rng(seed, _PATIENT, key, 1)
  first_day = BASE_DAY + int(prng.integers(0, 3000))
  day = first_day + (int(srng.integers(120, 900)) if visit else 0)
  hh, mm = int(srng.integers(7, 19)), int(srng.integers(0, 60))
  last = synth_report.pick(srng, synth_report.LAST)
  return {
      "study_uid": _uid(seed, "study", index), "for_uid": _uid(seed, "for", index),
      "date": _date(day), "time": f"{hh:02d}{mm:02d}{int(srng.integers(60)):02d}",
      "prior_date": _date(day - int(srng.integers(30, 400))),
      "prior_cmr": _date(first_day) if visit else None,
      "accession": synth_report.pick(srng, [f"A{int(srng.integers(10 ** 6, 10 ** 7))}",
                                            f"{int(srng.integers(10 ** 8, 10 ** 9))}",
                                            f"ACC-{int(srng.integers(10 ** 5, 10 ** 6))}"]),
      "referring_last": last,
      "referring_dicom": f"{last.upper()}^{synth_report.pick(srng, synth_report.FIRST).upper()}^^Dr",
      "study_id": str(int(srng.integers(1, 99999))),
      "description": synth_report.pick(srng, ["Cardiac MRI", "MR HEART", "CMR function + LGE", "Cardiac^CMR"]),
      "institution": synth_report.pick(srng, synth_report.INSTITUTIONS),
      "station": f"MRC{int(srng.integers(10000, 99999))}",
      "device_serial": str(int(srng.integers(10000, 99999))),
      "patient": patient,
  }


def _series_list(seed, index, h, pose, proto, grng, start: str, maps=None, mrng=None) -> list:
  """Planes and timing of every series of a study (no pixels yet). maps: the mapping / T2w /
  perfusion series present (synth_maps.draw_protocol), drawn with their own rng `mrng`."""
  rr = 60000.0 / proto["heart_rate"]
  names, missing = proto["names"], set(proto["missing"])
  sax, gap = synth_scan.sax_planes(grng, h, pose, proto)
  cine_t = [j / proto["frames"] for j in range(proto["frames"])]
  out = []

  def add(view, desc, planes, times, lge=False, slice_gap=None, **extra):
    n = len(out) + 1
    out.append({"view": view, "description": desc, "number": n, "uid": _uid(seed, "series", index, n),
                "planes": planes, "times": times, "trigger_ms": [t * rr for t in times], "lge": lge,
                "slice_gap": slice_gap or proto["slice_thickness"], "time": "", **extra})

  if proto["localizer"]:
    centre = pose["origin"] + pose["frame"][:, 2] * 0.4 * h.length
    sp = 400.0 / proto["cols"]
    e = np.eye(3)
    locs = [synth_scan.plane(centre, e[0], e[1], proto["cols"], proto["cols"], sp),  # axial
            synth_scan.plane(centre, e[0], -e[2], proto["cols"], proto["cols"], sp),  # coronal
            synth_scan.plane(centre, e[1], -e[2], proto["cols"], proto["cols"], sp)]  # sagittal
    add("localizer", synth_report.pick(grng, ["localizer", "3-pl loc", "Survey", "AAHScout"]), locs, [0.0],
        localizer=True)
  for k, part in enumerate(_sax_parts(sax, proto["sax_split"], grng)):
    add("sax", names["sax"] if len(part) == len(sax) else f"{names['sax']}_{k + 1}", part, cine_t, slice_gap=gap)
  for view in synth_scan.LAX_VIEWS:
    if view not in missing:
      add(view, names[view], [synth_scan.lax_plane(grng, h, pose, proto, view)], cine_t)
  psir = proto["psir"]
  if "lge_sax" not in missing:
    add("lge_sax", names["lge_sax"], sax, [LGE_PHASE], lge=True, slice_gap=gap, psir=psir)
  if "lge_lax" not in missing:
    views = ["4ch"] + (["2ch"] if grng.random() < 0.5 else [])
    for view in views:
      desc = names["lge_lax"]
      if view == "2ch":
        desc = re.sub("4(ch)", r"2\1", desc, flags=re.I) if re.search("4ch", desc, re.I) else desc + " 2CH"
      add(f"lge_{view}", desc, [synth_scan.lax_plane(grng, h, pose, proto, view)], [LGE_PHASE], lge=True, psir=psir)
  if proto["screen_capture"]:
    add("capture", synth_report.pick(grng, ["Screen Save", "REPORT_PAGE", "Results summary"]),
        [{"rows": 256, "cols": 256}], [0.0], capture=True)
  agent = synth_report.pick(mrng, synth_maps.AGENTS) if maps else ""
  picked = [sax[i] for i in sorted({int(q * (len(sax) - 1) + 0.5) for q in (0.2, 0.5, 0.8)})]
  for kind, present in (maps or {}).items():  # basal, mid and apical short-axis planes, as usually planned
    if present:
      named = synth_maps.tags(kind, proto["vendor"], mrng, agent)
      n_t = synth_maps.DYNAMICS if kind == "perfusion" else 1
      add(kind, named["description"], picked, [LGE_PHASE] * n_t, slice_gap=gap, map=kind, tags=named["tags"])
  t0 = int(start[:2]) * 60 + int(start[2:4])
  for k, s in enumerate(out):  # a few minutes per series after the study started
    mins = min(t0 + 2 + 3 * k, 24 * 60 - 1)
    s["time"] = f"{mins // 60:02d}{mins % 60:02d}{(7 * k) % 60:02d}"
  return out


def _sax_parts(sax: list, split: str, rng) -> list:
  """The SAX stack as the site stores it: one series, one per slice, or 2-3 contiguous chunks."""
  if split == "per_slice":
    return [[pl] for pl in sax]
  if split == "chunks" and len(sax) > 3:
    return [[sax[i] for i in c] for c in np.array_split(np.arange(len(sax)), int(rng.integers(2, 4)))]
  return [sax]


def _sax_gap(series) -> float:
  return next(s["slice_gap"] for s in series if s["view"] == "sax")


def study_truth(seed: int, index: int, render: bool = True, **size_options) -> dict:
  """Ground truth of one study without writing anything.

  Returns a dict: `diagnosis`, `heart` (anatomy.Heart), `pose`, `protocol`, `volumes`
  (lv_edv, lv_esv, lvef, rv_edv, rvef, max_wall, lv_mass, scar_ml), `findings`, `labels` (the
  labels.csv row), `report`, `phi` (strings planted in the report), `study` (header values)
  and `series`: a list of dicts with `view`, `description`, `planes` (ipp, row, col, rows,
  cols, spacing), `trigger_ms`, and when render=True `pixels` float32 [S, T, H, W] (signal),
  `stored` int [S, T, H, W] (exact stored values before any compression) and `masks` uint8
  [S, T, H, W] (anatomy labels, scan.SCAR = scar).
  size_options: matrix, frames, slices, realistic (see `draw_protocol`).
  """
  key, visit = patient_of(seed, index)
  prng = _rng(seed, _PATIENT, key)
  diagnosis = anat.DIAGNOSES[int(prng.integers(len(anat.DIAGNOSES)))]
  h = anat.draw_heart(prng, diagnosis)
  pose = synth_scan.heart_pose(prng)
  body = synth_scan.draw_body(prng)
  patient = synth_report.draw_patient(prng)
  srng = _rng(seed, _STUDY, index)
  if visit:  # follow-up: the same heart, function drifted a little, patient repositioned
    h = dataclasses.replace(h, c_radial=h.c_radial * float(srng.uniform(0.93, 1.05)))
    pose = dict(pose, origin=pose["origin"] + srng.normal(0, 6, 3))
  proto = synth_scan.draw_protocol(srng, **size_options)
  study = _study_info(seed, index, key, visit, patient, srng)
  age = (int(study["date"][:4]) - int(patient["birth_date"][:4]))
  patient = dict(patient, age=f"{age:03d}Y", age_years=age)
  study["patient"] = patient
  grng, mrng = _rng(seed, _RENDER, index), _rng(seed, _MAPS, index)
  tissue = synth_maps.draw_tissue(_rng(seed, _MAPS, key, 1), diagnosis, proto["field_strength"])
  maps = synth_maps.draw_protocol(mrng, "lge_sax" not in proto["missing"])
  series = _series_list(seed, index, h, pose, proto, grng, study["time"], maps, mrng)
  sax = [pl for s in series if s["view"] == "sax" for pl in s["planes"]]
  z_sax = [float((synth_scan.plane_centre(pl) - pose["origin"]) @ pose["frame"][:, 2]) for pl in sax]
  exact = anat.volumes(h)
  vol = dict(exact, **anat.simpson_lv(h, z_sax, _sax_gap(series)))
  fx = anat.findings(vol)
  has_lge = "lge_sax" not in proto["missing"]
  fx["lge"] = int(fx["lge"] and has_lge)  # a finding only LGE imaging can show
  fx["raised_native_t1"] = int(tissue["raised_native_t1"] and maps["t1map"])  # findings only the maps show
  fx["oedema"] = int(tissue["oedema"] and (maps["t2map"] or maps["t2w"]))
  territory = synth_report.territory(h.infarct[0]) if h.infarct else ""
  extra = synth_maps.report_sentences(mrng, tissue, maps, proto["field_strength"], territory)
  report, phi = synth_report.write_report(_rng(seed, _REPORT, index), patient, study, h, vol, fx, proto, has_lge,
                                          extra)
  labels = {"study_uid": study["study_uid"], "diagnosis": diagnosis, "lvef": round(vol["lvef"], 1), **fx}
  if render:
    for s in series:
      if s.get("capture"):
        lines = [patient["dicom_name"].replace("^", ", "), f"ID {patient['mrn']}", f"DOB {patient['birth_date']}",
                 f"LVEF {vol['lvef']:.0f}%  EDV {vol['lv_edv']:.0f} ml", proto["model"]]
        s["stored"] = s["pixels"] = synth_scan.screen_capture(lines)[None, None]
        s["masks"] = np.zeros(s["pixels"].shape, np.uint8)
        continue
      if s.get("map"):
        s["pixels"], s["masks"], s["stored"] = _render_map(h, pose, body, s, tissue, proto, mrng)
        continue
      psir = s.get("psir", False)
      contrast = synth_scan.PSIR if psir else synth_scan.LGE if s["lge"] else synth_scan.CINE
      pix, masks = zip(*[synth_scan.render(h, pose, body, pl, s["times"], contrast, proto, grng, signed=psir)
                         for pl in s["planes"]])
      s["pixels"], s["masks"] = np.stack(pix), np.stack(masks)
      s["stored"] = synth_dicom.stored_pixels(s["pixels"], proto, psir)
  return {"index": index, "patient_key": key, "visit": visit, "diagnosis": diagnosis, "heart": h, "pose": pose,
          "protocol": proto, "tissue": tissue, "maps": maps, "volumes": vol, "exact_volumes": exact, "findings": fx, "labels": labels, "report": report, "phi": phi,
          "study": study, "series": series}


def _render_map(h, pose, body, s, tissue, proto, rng) -> tuple:
  """(pixels float32 [S, T, H, W], masks, stored) of a map, T2w or perfusion series. Maps: the
  physical value (ms) in each tissue, no coil shading, a little noise, each vendor's scaling."""
  kind = s["map"]
  if kind == "perfusion":
    per = [[synth_scan.render(h, pose, body, pl, [LGE_PHASE], synth_maps.perfusion_contrast(j, tissue, bool(h.infarct)),
                              proto, rng) for j in range(len(s["times"]))] for pl in s["planes"]]
    pixels = np.stack([np.concatenate([p for p, _ in row]) for row in per])
    masks = np.stack([np.concatenate([m for _, m in row]) for row in per])
    return pixels, masks, synth_dicom.stored_pixels(pixels, proto)
  contrast, scale = synth_maps.contrasts(kind, tissue, proto["field_strength"])
  acq = proto if kind == "t2w" else dict(proto, bias=0.0, noise=0.004, scale=scale)
  pix, masks = zip(*[synth_scan.render(h, pose, body, pl, s["times"], contrast, acq, rng) for pl in s["planes"]])
  pixels = np.stack(pix)
  stored, extra = synth_maps.store(pixels, kind, proto["vendor"], proto["signed"])
  if stored is None:
    return pixels, np.stack(masks), synth_dicom.stored_pixels(pixels, proto)
  s["tags"] = {**s["tags"], **extra}
  return pixels, np.stack(masks), stored


def _safe(s: str) -> str:
  return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_")


def _paths(truth: dict, n_files_per_series: list) -> list:
  """Relative file paths of a study's files, in the layout its protocol drew."""
  st, p, proto = truth["study"], truth["study"]["patient"], truth["protocol"]
  layout, out, k = proto["layout"], [], 0
  tag = st["study_uid"][-8:]
  for s, n in zip(truth["series"], n_files_per_series):
    for i in range(n):
      if layout == "patient_series":
        out.append(f"{p['mrn']}/{st['date']}_{_safe(st['accession'])}/{s['number']:03d}_{_safe(s['description'])}/IM{i + 1:04d}.dcm")
      elif layout == "flat":
        out.append(f"{p['last']}_{p['first']}_{_safe(st['accession'])}/{_uid(0, 'name', st['study_uid'], k)[5:20]}.dcm")
      elif layout == "dicomdir":
        out.append(f"DICOM/ST{tag}/{k // 40:04d}/IM{k:05d}")
      else:
        out.append(f"exam_{tag}/part{k % 3}/{k:06d}")
      k += 1
  return out


def _window(pixels):
  """(WindowCenter, WindowWidth) in modality units (after rescale), as DICOM applies them."""
  hi = float(np.percentile(pixels, 99.5))
  return hi / 2, hi


def write_study(out_dir: str, seed: int, index: int, size_options: dict) -> dict:
  """Renders and writes one study; returns its report, labels and file counts."""
  truth = study_truth(seed, index, **size_options)
  proto = truth["protocol"]
  uid_fn = lambda *k: _uid(seed, "inst", index, *k)
  enhanced = [proto["enhanced"] and not (s.get("localizer") or s.get("capture") or s.get("map"))
              for s in truth["series"]]
  counts = [1 if e else s["stored"].shape[0] * s["stored"].shape[1] for s, e in zip(truth["series"], enhanced)]
  paths = iter(_paths(truth, counts))
  syntax, nbytes = proto["syntax"], 0
  for s, enh in zip(truth["series"], enhanced):
    args = (truth["study"], proto, s, s["stored"], _window(s["pixels"]), uid_fn)
    if s.get("capture"):
      files = [synth_dicom.encode(synth_dicom.screen_capture(truth["study"], proto, s, s["stored"][0, 0], uid_fn),
                                  "explicit")]
    elif enh:
      files = [synth_dicom.encode(synth_dicom.enhanced_image(*args), syntax)]
    else:
      files = synth_dicom.classic_files(*args, syntax)
    for data in files:
      synth_dicom.write_atomic(os.path.join(out_dir, next(paths)), data)
      nbytes += len(data)
  return {"report": truth["report"], "labels": truth["labels"], "files": sum(counts), "bytes": nbytes,
          "images": sum(s["stored"].shape[0] * s["stored"].shape[1] for s in truth["series"]),
          "patient": truth["study"]["patient"]["mrn"] + truth["study"]["patient"]["birth_date"],
          "vendor": proto["vendor"], "syntax": syntax, "diagnosis": truth["diagnosis"]}


def _write_study_star(args):
  out_dir, seed, index, size_options, layout = args
  if layout == "dicom":
    return write_study(out_dir, seed, index, size_options)
  from data_prep.synth import nifti_layouts
  return nifti_layouts.write_case(out_dir, seed, index, layout, size_options)


def _write_csv(path: str, header, rows):
  buf = io.StringIO()
  w = csv.writer(buf, lineterminator="\n")
  w.writerow(header)
  w.writerows(rows)
  fileio.write_atomic(path, buf.getvalue())


def _prepare_out(out_dir: str, params: dict):
  if os.path.exists(out_dir) and not os.path.isdir(out_dir):
    raise UserError(f"--out {out_dir} exists and is not a folder")
  if os.path.isdir(out_dir) and os.listdir(out_dir):
    if not os.path.exists(os.path.join(out_dir, MARKER)):
      raise UserError(f"--out {out_dir} is not empty and is not a previous `cmr-clip synth` output; "
                      "choose an empty or new folder")
    shutil.rmtree(out_dir)  # our own earlier output: replace it whole
  os.makedirs(out_dir, exist_ok=True)
  _write_marker(out_dir, {"status": "incomplete", **params})


def _write_marker(out_dir: str, content: dict):
  """The file that tells a later run this folder is ours to replace."""
  synth_dicom.write_atomic(os.path.join(out_dir, MARKER), json.dumps(content).encode())


def generate(out_dir: str, num_studies: int, seed: int, workers: int = 1, progress: bool = False,
             layout: str = "dicom", **size_options) -> dict:
  """Writes `num_studies` studies under out_dir plus reports.csv and labels.csv; or, for layout
  'acdc' / 'mnms', their cine SAX stacks as that public dataset ships them (nifti_layouts).

  size_options: matrix (int, in-plane columns), frames (cine frames per cycle), slices
  (SAX slices), realistic (bool: 256-ish matrices, ~1.4 mm, 25-30 frames, 10-12 slices),
  vendors (list of scan.VENDORS names the studies are drawn from; default all).
  Returns the summary dict that the CLI prints as JSON.
  """
  if not isinstance(num_studies, int) or num_studies < 1:
    raise UserError(f"--studies must be a positive integer, got {num_studies}")
  if not isinstance(seed, int) or seed < 0:
    raise UserError(f"--seed must be a non-negative integer, got {seed}")
  if workers < 1:
    raise UserError(f"--workers must be >= 1, got {workers}")
  for k in ("matrix", "frames", "slices"):
    v = size_options.get(k)
    lo, hi = {"matrix": (32, 1024), "frames": (2, 100), "slices": (2, 40)}[k]
    if v is not None and not lo <= v <= hi:
      raise UserError(f"--{k} must be in [{lo}, {hi}], got {v}")
  vendors = size_options.get("vendors")
  if vendors is not None and (not vendors or set(vendors) - set(synth_scan.VENDORS)):
    raise UserError(f"--vendors {','.join(vendors)}: want a comma-separated subset of "
                    f"{','.join(sorted(synth_scan.VENDORS))}")
  params = {"studies": num_studies, "seed": seed, "layout": layout, **{k: v for k, v in size_options.items()}}
  _prepare_out(out_dir, params)
  t0 = time.time()
  jobs = [(out_dir, seed, i, size_options, layout) for i in range(num_studies)]
  bar = _progress(num_studies, progress)
  results = []
  if workers == 1:
    for j in jobs:
      results.append(_write_study_star(j))
      bar.update(1)
  else:
    # forkserver, not fork: a caller that has started JAX (tests, notebooks) must not fork its threads.
    with multiprocessing.get_context("forkserver").Pool(workers) as pool:
      for r in pool.imap(_write_study_star, jobs, chunksize=2):
        results.append(r)
        bar.update(1)
  bar.close()
  if layout != "dicom":
    from data_prep.synth import nifti_layouts
    nifti_layouts.finish(out_dir, layout, results)
    summary = {"out": out_dir, "layout": layout, "studies": num_studies, "seed": seed,
               "seconds": round(time.time() - t0, 2),
               "diagnoses": dict(sorted(collections.Counter(r["diagnosis"] for r in results).items()))}
    _write_marker(out_dir, {"status": "complete", **params})
    return summary
  _write_csv(os.path.join(out_dir, "reports.csv"), ("study_uid", "report"),
             [(r["labels"]["study_uid"], r["report"]) for r in results])
  _write_csv(os.path.join(out_dir, "labels.csv"), LABEL_COLUMNS,
             [[r["labels"][c] for c in LABEL_COLUMNS] for r in results])
  secs = time.time() - t0
  summary = {
      "out": out_dir, "studies": num_studies, "patients": len({r["patient"] for r in results}), "seed": seed,
      "files": sum(r["files"] for r in results), "images": sum(r["images"] for r in results),
      "bytes": sum(r["bytes"] for r in results), "seconds": round(secs, 2),
      "studies_per_s": round(num_studies / secs, 2), "workers": workers,
      "diagnoses": dict(sorted(collections.Counter(r["diagnosis"] for r in results).items())),
      "vendors": dict(sorted(collections.Counter(r["vendor"] for r in results).items())),
      "syntaxes": dict(sorted(collections.Counter(r["syntax"] for r in results).items())),
  }
  _write_marker(out_dir, {"status": "complete", **params, **{k: summary[k] for k in ("files", "bytes")}})
  return summary


def _progress(total, enabled):
  from tqdm import tqdm
  return tqdm(total=total, unit="study", desc="synth", disable=not enabled, dynamic_ncols=True)


def add_arguments(parser):
  parser.description = (
      "Write synthetic cardiac MRI studies as DICOM (cine SAX stack, 4CH/2CH/3CH, LGE SAX and LAX; "
      "NOR/DCM/HCM/MINF/ARV anatomy; Siemens/GE/Philips naming, classic and enhanced multi-frame "
      "storage, native and lossless-compressed syntaxes, fake PHI) plus OUT/reports.csv "
      "(study_uid, report) and OUT/labels.csv (study_uid, diagnosis, lvef, findings 0/1). "
      "Defaults are sized for the demo (~3 MB a study). Prints a JSON summary as its last line.")
  parser.add_argument("--out", required=True, help="output folder (new, empty, or a previous synth output)")
  parser.add_argument("--studies", type=int, default=1000, help="number of studies (default 1000)")
  parser.add_argument("--seed", type=int, default=0, help="same seed, same bytes (default 0)")
  parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8),
                      help="processes; the output does not depend on it (default: CPU count, max 8)")
  parser.add_argument("--matrix", type=int, default=None,
                      help="in-plane columns for every series (default: drawn per study, 80-128)")
  parser.add_argument("--frames", type=int, default=None, help="cine frames per cycle (default: drawn, 12-25)")
  parser.add_argument("--slices", type=int, default=None, help="short-axis slices (default: drawn, 5-8)")
  parser.add_argument("--realistic", action="store_true",
                      help="clinical sizes: 192-256 matrix, 1.25-1.6 mm, 25-30 frames, 10-12 slices "
                           "(~400 images, ~35 MB a study)")
  parser.add_argument("--vendors", default=None,
                      help="comma-separated vendors to draw from, of siemens,ge,philips (default: all; "
                           "`make crosssite` holds one out)")
  parser.add_argument("--layout", default="dicom", choices=("dicom", "acdc", "mnms"),
                      help="dicom (default): DICOM studies + reports; acdc / mnms: the cine SAX stacks as NIfTI "
                           "in that public dataset's layout, for `cmr-clip convert-nifti`")
  parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args) -> int:
  summary = generate(args.out, args.studies, args.seed, workers=args.workers, progress=not args.no_progress,
                     layout=args.layout, matrix=args.matrix, frames=args.frames, slices=args.slices,
                     realistic=args.realistic, vendors=args.vendors.split(",") if args.vendors else None)
  if args.layout != "dicom":
    print(f"synth: {summary['studies']} {args.layout}-layout cases in {summary['seconds']:.0f} s -> {args.out}")
    print(json.dumps(summary))
    return 0
  print(f"synth: {summary['studies']} studies ({summary['patients']} patients), {summary['files']} files, "
        f"{summary['bytes'] / 1e9:.2f} GB in {summary['seconds']:.0f} s -> {args.out}")
  print(json.dumps(summary))
  return 0
