"""`cmr-clip convert`: DICOM studies + reports -> de-identified, patient-split ArrayRecord shards.

  cmr-clip convert --dicom DIR --reports reports.csv --out DATA [--labels labels.csv]
      [--workers W] [--shards N] [--tokenizer MODEL] [--key-file F]

Stages (docs/design.md, "Data flow" 1): scan every file's UIDs (parallel) -> per study (parallel,
one worker each): read, classify views, crop/resample/window, scrub the report, cache the
result atomically under OUT/.work -> split by patient -> tokenizer -> shards + manifest.
A killed run re-run reuses the cached studies; the output is a function of the inputs and the
key alone. JAX is never imported here, so worker processes stay small.
"""

import os

# Workers already fill the cores: BLAS threads on top of them oversubscribe the CPU (measured
# 25x slower resampling). Set before numpy loads; spawned workers inherit it.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
  os.environ.setdefault(_var, "1")

import argparse  # noqa: E402  (after the BLAS setting on purpose)
import contextlib
import csv
import gc
import hashlib
import json
import resource
import shutil
import sys
import time

import msgpack
import numpy as np
import pydicom
from tqdm import tqdm

from data_prep import fileio, records
from data_prep.errors import UserError
from data_prep import convert_server, deid, dicom_io, phi_ner, preprocess, provenance, reports, shards, slots, text, views, workers

WORK_VERSION = 4  # bump when a change alters cached per-study results
SPLITS = ("train", "val", "test")
SCAN_CHUNK = 256
DUPLICATE = "duplicate instance (its SOPInstanceUID was already read from another file of the study)"
_CENTRE_PREFERENCE = ("cine_sax_mid", "cine_sax_base", "cine_sax_apex", "cine_4ch", "cine_2ch", "cine_3ch")
_SAX_SLOTS = ("cine_sax_mid", "cine_sax_base", "cine_sax_apex")
_LAX_SLOTS = ("cine_4ch", "cine_2ch", "cine_3ch")


def add_arguments(p: argparse.ArgumentParser) -> None:
  p.add_argument("--dicom", required=True, help="folder of DICOM files (any nesting; studies found by UID)")
  p.add_argument("--reports", help="reports table: CSV (study_uid,report) or JSONL; DICOM SR files under "
                                   "--dicom are used for studies the table lacks")
  reports.add_table_arguments(p)
  p.add_argument("--out", required=True, help="output folder (shards, manifest.json, tokenizer.model, rejects.jsonl)")
  p.add_argument("--labels", help="optional CSV (study_uid, diagnosis, lvef, findings 0/1) stored as eval labels")
  p.add_argument("--shards", type=int, default=0, help="shards per split (default 0: one per 1000 studies)")
  p.add_argument("--workers", type=int, default=1, help="worker processes (default %(default)s)")
  p.add_argument("--study-timeout", type=float, default=600.0,
                 help="seconds one study may take before its worker is stopped and the study rejected "
                      "(a hung decoder; default %(default)s)")
  p.add_argument("--tokenizer", help="reuse this sentencepiece model instead of training one on the train split")
  p.add_argument("--key-file", help=f"de-identification key file (created if missing; else ${deid.KEY_ENV}; else "
                                    "a new key next to --out)")
  p.add_argument("--frames", type=int, default=16, help="T: frames per cardiac cycle, and LGE SAX positions (default %(default)s)")
  p.add_argument("--size", type=int, default=128, help="H = W of the heart-centred crop, pixels (default %(default)s)")
  p.add_argument("--spacing", type=float, default=1.5, help="in-plane pixel spacing of the output, mm (default %(default)s)")
  p.add_argument("--max-tokens", type=int, default=512,
                 help="L: stored token ids per report, BOS/EOS included; a longer report loses its end, which "
                      "manifest.json counts (reports_truncated) (default %(default)s)")
  p.add_argument("--vocab-size", type=int, default=8000, help="sentencepiece vocabulary; a small corpus gets less (default %(default)s)")
  p.add_argument("--tokenizer-type", choices=text.MODEL_TYPES, default="unigram",
                 help="sentencepiece model trained on the train split; bpe keeps the words of templated reports "
                      "whole where unigram cuts them into letters (README, 'Bring your own archive') (default %(default)s)")
  p.add_argument("--negation-marks", action="store_true",
                 help="mark each negated word ('no oedema' -> 'no ¬oedema') before the tokenizer, in training "
                      "and in every text read later with it (data_prep/text.py)")
  p.add_argument("--split", default="0.8,0.1,0.1", help="train,val,test fractions of patients (default %(default)s)")
  p.add_argument("--no-tfds", action="store_true", help="skip the TFDS metadata (dataset_info.json, features.json)")
  deid.add_ner_argument(p)
  p.add_argument("--runner", choices=("local", "beam"), default="local",
                 help="local: worker processes on this machine (default); beam: an Apache Beam pipeline "
                      "(needs the [beam] extra; README, 'Converting on a cluster')")
  p.add_argument("--beam-options", default="",
                 help="Beam pipeline options as one string, e.g. --beam-options=\"--runner=DataflowRunner "
                      "--project=P ...\" (default: the DirectRunner on every local core; --workers does not "
                      "apply to Beam)")


def _check_args(args) -> dict:
  if not os.path.isdir(args.dicom):
    raise UserError(f"--dicom {args.dicom} is not a folder")
  for name in ("reports", "labels", "tokenizer"):
    path = getattr(args, name)
    if path and not os.path.isfile(path):
      raise UserError(f"--{name} {path} is not a file")
  opts = check_options(args)
  out_real, dicom_real = os.path.realpath(args.out), os.path.realpath(args.dicom)  # symlinks resolved
  if out_real == dicom_real or out_real.startswith(dicom_real.rstrip(os.sep) + os.sep):
    raise UserError("--out must not be inside --dicom (compared by real path)")
  return opts


def check_options(args) -> dict:
  """The numeric flags checked (UserError) -> {'frames', 'size', 'spacing_mm', 'fractions'}."""
  if (args.workers < 1 or args.frames < 1 or args.size < 8 or args.spacing <= 0 or args.max_tokens < 3
      or args.study_timeout <= 0):
    raise UserError("need --workers >= 1, --frames >= 1, --size >= 8, --spacing > 0, --max-tokens >= 3, "
                    "--study-timeout > 0")
  try:
    fr = [float(x) for x in args.split.split(",")]
  except ValueError:
    fr = []
  if len(fr) != 3 or min(fr) < 0 or sum(fr) <= 0:
    raise UserError(f"--split {args.split}: want three non-negative fractions, e.g. 0.8,0.1,0.1")
  return {"frames": args.frames, "size": args.size, "spacing_mm": float(args.spacing),
          "fractions": [x / sum(fr) for x in fr], "deid_ner": phi_ner.check_ner(args.deid_ner)}


# ----------------------------------------------------------------------------------------------
# One study: files -> {slot name: [T, S, S]} (shared with `cmr-clip embed` through load_study).


def _slices_of(datasets: dict) -> list:
  """datasets: {file_id: (Dataset, [Frame])} -> views.Slice list (frames carry their file id)."""
  entries = []
  for fid, (ds, frames) in datasets.items():
    series = dicom_io.raw_text(ds, 0x0020000E) or fid
    number = dicom_io.raw_text(ds, 0x00200011)
    number = int(number) if number.lstrip("-").isdigit() else 0
    desc = dicom_io.raw_text(ds, 0x0008103E)
    ir = ("IR" in dicom_io.raw_text(ds, 0x00180020).upper().split("\\")
          or dicom_io.raw_text(ds, 0x00189009).upper() == "YES")
    header = dicom_io.series_header(ds)
    entries.extend((fid, series, number, desc, ir, f, header) for f in frames)
  return views.build_slices(entries)


def _slice_picks(s, distinct_times: bool) -> list:
  """The (file_id, Frame) of a slice that make its images (one per trigger time if asked)."""
  seen, picks = set(), []
  for fid, f in s.frames:
    t = round(f.trigger_time, 1) if np.isfinite(f.trigger_time) else None
    if distinct_times and t is not None and t in seen:
      continue
    seen.add(t)
    picks.append((fid, f))
  return picks


def _slice_images(s, decoded, distinct_times: bool) -> tuple:
  """float32 [P, H, W] of a slice and its trigger times [P] (one image per time if asked)."""
  picks = _slice_picks(s, distinct_times)
  return (np.stack([decoded[fid][f.frame_index] for fid, f in picks]),
          np.asarray([f.trigger_time for _, f in picks], float))


def _decode_needed(datasets, layout, decoded) -> list:
  """Decodes every file the layout needs; returns [(file_id, reason)] for those that fail."""
  failed = []
  needed = {fid for s in _layout_slices(layout) for fid, _ in s.frames}
  maps = {fid for s in _layout_slices(layout, "map") for fid, _ in s.frames}
  for fid in sorted(needed - set(decoded)):
    try:
      decoded[fid] = dicom_io.decode(datasets[fid][0], real_world=fid in maps)
    except dicom_io.FileReject as e:
      failed.append((fid, str(e)))
  return failed


def _layout_slices(layout, kind: str = "") -> list:
  """The slices filling the layout's slots (of one slot kind when given)."""
  out = []
  for slot in (s.name for s in slots.SLOTS if not kind or s.kind == kind):
    v = layout.get(slot)
    out.extend(v if isinstance(v, list) else [v] if v is not None else [])
  return out


def build_study(datasets: dict, frames: int, size: int, spacing_mm: float) -> dict:
  """datasets: {file_id: (Dataset, [dicom_io.Frame])} of one study.

  Returns {'views' {slot name: [T', S, S] of the slot's dtype and frame count (data_prep/slots.py)},
  'view_mask' bool [V], 'meta', 'used' file ids,
  'rejects' [(file_id, reason)] of files that failed to decode, 'unused' {file_id: reason}};
  raises NoCineView when no cine slot can be filled.
  """
  rejects, decoded = [], {}
  slices = _slices_of(datasets)
  while True:  # a file that fails to decode leaves the layout, which is then rebuilt
    layout = views.classify(slices)
    failed = _decode_needed(datasets, layout, decoded)
    if not failed:
      break
    rejects.extend(failed)
    bad = {fid for fid, _ in failed}
    for s in slices:
      s.frames = [(fid, f) for fid, f in s.frames if fid not in bad]
    slices = [s for s in slices if s.frames]
  cine_slot = next((v for v in _CENTRE_PREFERENCE if v in layout), None)
  if cine_slot is None:
    raise NoCineView({**slice_reasons(slices, layout, set()), **dict(rejects)})
  apex = views.long_axis(layout)
  centre = _heart_centre(layout, decoded, apex)
  out = {slot.name: _stored(slot, _slot_frames(layout[slot.name], slot, decoded, centre, apex, frames, size, spacing_mm),
                            spacing_mm)
         for slot in slots.SLOTS if slot.name in layout}
  used = {fid for s in _layout_slices(layout) + layout["sax_stack"] for fid, _ in s.frames}
  return {"views": out, "view_mask": records.view_mask(out), "rejects": rejects,
          "meta": _meta(datasets, layout, cine_slot, len(_slice_picks(layout[cine_slot], True))),
          "used": sorted(used),
          "unused": slice_reasons(slices, layout, used)}


def slice_reasons(slices, layout, used) -> dict:
  """{file_id: reason} for the files of slices that fill no view slot."""
  in_layout = {id(s) for s in _layout_slices(layout) + layout["sax_stack"]}
  out = {}
  for s in slices:
    if id(s) in in_layout:
      continue
    reason = s.reason or (f"{s.kind} plane not used (its view slot takes the middle plane of the stack)"
                          if s.kind == "perfusion" else f"{s.kind} series not used (its view slot was already filled)")
    out.update({fid: reason for fid, _ in s.frames if fid not in used})
  return out


class NoCineView(dicom_io.FileReject):
  """No cine slot can be filled; `reasons` {file_id: reason} say why for each file."""

  def __init__(self, reasons: dict):
    self.reasons = dict(reasons)
    super().__init__(no_view_reason(self.reasons))


def no_view_reason(reasons: dict, head: str = "no usable cine view") -> str:
  """'<head> (<the commonest reasons of the study's files, with counts>)'."""
  counts = {}
  for r in reasons.values():
    counts[r] = counts.get(r, 0) + 1
  if len(counts) > 1:  # copies only repeat what their originals say
    counts.pop(DUPLICATE, None)
  top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
  detail = "; ".join(f"{n} file{'s' * (n > 1)}: {r}" for r, n in top)
  return head + (f" ({detail})" if detail else "")


def _heart_centre(layout, decoded, apex) -> np.ndarray:
  """Patient point [3] every crop centres on: across the long axis, the middle of LV + RV in a
  short-axis cine (preprocess.heart_extent); along it, the middle of the short-axis stack (planned
  from the valve plane to the apex: the ventricles), else of the moving ventricles in a long-axis
  cine (the apex barely moves, so this one sits a little towards the base)."""
  def extent(prefer, short):
    s = next((layout[v] for v in prefer if v in layout), None)
    if s is None:
      return None
    geom = s.frames[0][1]
    return preprocess.heart_extent(_slice_images(s, decoded, True)[0], geom,
                                   preprocess.canonical_axes(geom, apex, short), chambers=short)[0]

  centre, stack = extent(_SAX_SLOTS, True), layout["sax_stack"]
  if len(stack) >= 2:  # then the SAX slots are filled and `centre` is set
    along = 0.5 * float(np.add(stack[0].frames[0][1].position, stack[-1].frames[0][1].position) @ apex)
  else:
    lax = extent(_LAX_SLOTS, False)
    if centre is None or lax is None:
      return lax if centre is None else centre
    along = float(lax @ apex)
  return centre + (along - float(centre @ apex)) * apex


def _stored(slot: slots.Slot, x: np.ndarray, spacing_mm: float) -> np.ndarray:
  """float32 [T', S, S] (NaN outside the acquired image) -> the slot's stored dtype: uint8 by
  preprocess.normalise_uint8, or (maps) uint16 of the physical value rounded to 1 unit (ms),
  clipped to [0, 65535], 0 outside the image: a map's value is never rescaled."""
  if slot.dtype == "uint8":
    return preprocess.normalise_uint8(x, spacing_mm, cine=slot.kind == "cine")
  return np.clip(np.rint(np.nan_to_num(x, nan=0.0)), 0, np.iinfo(np.uint16).max).astype(np.uint16)


def _slot_frames(layout_item, slot: slots.Slot, decoded, centre, apex, frames, size, spacing_mm) -> np.ndarray:
  """float32 [T', S, S] for one view slot on its canonical grid (before its dtype): T' =
  slots.stored_frames, or fewer positions when fewer were acquired (maps); LGE as magnitude
  (preprocess.lge_magnitude)."""
  n = slots.stored_frames(slot, frames)
  prep = preprocess.lge_magnitude if slot.series == "lge" else (lambda x: x)
  if slot.place == "sax_stack":  # positions base -> apex
    n = n if slot.frames == 0 else min(n, len(layout_item))  # a map keeps what was acquired, up to its frames
    picks = preprocess.positions(len(layout_item), n)
    planes = {}
    for i in sorted(set(picks.tolist())):
      fid, f = layout_item[i].frames[0]
      planes[i] = preprocess.resample_plane(prep(decoded[fid][f.frame_index][None]), f, centre,
                                            preprocess.canonical_axes(f, apex, True), size, spacing_mm)[0]
    return np.stack([planes[i] for i in picks])
  s = layout_item
  geom = s.frames[0][1]
  axes = preprocess.canonical_axes(geom, apex, slot.place.startswith("sax"))
  if slot.kind == "static":  # one image, repeated
    img = prep(decoded[s.frames[0][0]][geom.frame_index][None])
    return np.repeat(preprocess.resample_plane(img, geom, centre, axes, size, spacing_mm), n, axis=0)
  if slot.kind == "dynamic":  # n time points evenly over the dynamics, in temporal order
    picks = [s.frames[i] for i in preprocess.positions(len(s.frames), n)]
    imgs = np.stack([decoded[fid][f.frame_index] for fid, f in picks])
    return preprocess.resample_plane(imgs, geom, centre, axes, size, spacing_mm)
  imgs, times = _slice_images(s, decoded, True)
  tm = preprocess.time_matrix(times, n)
  if n < len(times):  # time and space resampling are both linear: do the shrinking one first
    return preprocess.resample_plane(np.tensordot(tm, imgs, axes=1), geom, centre, axes, size, spacing_mm)
  return np.tensordot(tm, preprocess.resample_plane(imgs, geom, centre, axes, size, spacing_mm), axes=1)


def _meta(datasets, layout, cine_slot, phases) -> dict:
  """Whitelisted technical fields only (no dates, names, institutions, UIDs)."""
  ds = datasets[layout[cine_slot].frames[0][0]][0]

  def num(key):
    try:
      return float(ds.get(key))
    except (TypeError, ValueError):
      return None
  return {"vendor": str(ds.get("Manufacturer", "") or ""), "model": str(ds.get("ManufacturerModelName", "") or ""),
          "field_strength_t": num("MagneticFieldStrength"),
          "source_spacing_mm": [float(x) for x in layout[cine_slot].frames[0][1].spacing],
          "slices": len(layout["sax_stack"]), "frames": int(phases),
          "views": [v for v in records.VIEWS if v in layout]}


def _read_images(paths: dict) -> tuple:
  """paths: {file_id: path} -> ({file_id: (Dataset, frames)}, [(file_id, reason)])."""
  datasets, rejects = {}, []
  for fid, path in paths.items():
    try:
      ds = dicom_io.read(path)
      problem = dicom_io.series_problem(ds)
      if problem:
        raise dicom_io.FileReject(problem)
      datasets[fid] = (ds, dicom_io.frames_of(ds))
    except dicom_io.FileReject as e:
      rejects.append((fid, str(e)))
  return datasets, rejects


@contextlib.contextmanager
def _gc_paused():
  """No automatic garbage collection while one study is read and built: the study keeps ~100
  pydicom datasets alive, and every automatic pass walks them all (measured: 15% of a study's
  CPU). Reference counting frees them when the study returns; collection resumes after it."""
  was_enabled = gc.isenabled()
  gc.disable()
  try:
    yield
  finally:
    if was_enabled:
      gc.enable()


@_gc_paused()
def load_study(files_or_dir, frames: int = 16, size: int = 128, spacing_mm: float = 1.5) -> tuple:
  """One study's DICOM files (or a folder of them) -> (views {slot name: [T', S, S]}, meta dict):
  exactly what `convert` stores for it."""
  if isinstance(files_or_dir, (str, os.PathLike)) and os.path.isdir(files_or_dir):
    paths = [os.path.join(files_or_dir, r) for r in dicom_io.walk(files_or_dir)]
  else:
    paths = [str(files_or_dir)] if isinstance(files_or_dir, (str, os.PathLike)) else [str(p) for p in files_or_dir]
  datasets, _ = _read_images({p: p for p in paths})
  studies = {str(ds.get("StudyInstanceUID", "")) for ds, _ in datasets.values()}
  if not datasets:
    raise UserError("no readable DICOM images given")
  if len(studies) > 1:
    raise UserError(f"files of {len(studies)} different studies given; pass one study")
  try:
    out = build_study(datasets, frames, size, spacing_mm)
  except dicom_io.FileReject as e:
    raise UserError(str(e)) from None
  return out["views"], out["meta"]


# ----------------------------------------------------------------------------------------------
# ----------------------------------------------------------------------------------------------
# The conversion as named steps. Both runners call exactly these: `run` below on one machine
# (isolated worker processes), data_prep/beam_convert.py as Beam transforms on a cluster.
# Per file: scan_files. Per study: group_files (one study's entries), study_task, convert_study,
# reject_lines. Global over small summaries: assign_splits, make_tokenizer, shard_sizes.
# Per record: encode_record. Last: build_manifest, finish.


def scan_files(root: str, rels: list, key: bytes) -> list:
  """Scan entries of files under root; PatientID and AccessionNumber leave as keyed hashes."""
  out = []
  for rel in rels:
    e = dicom_io.scan_file(root, rel)
    for field, kind in (("patient", "patient"), ("accession", "accession")):
      if e.get(field):
        e[field] = deid.hmac_id(key, kind, e[field])
    out.append(e)
  return out


def study_key(entry: dict, match: str):
  """The study a scan entry belongs to (None: a file of no study). A study is a
  StudyInstanceUID, or with match='accession' a (StudyInstanceUID, AccessionNumber) pair."""
  if "study" not in entry:
    return None
  return entry["study"] if match == "study_uid" else f"{entry['study']}|{entry.get('accession', '')}"


def group_files(scanned, match: str) -> tuple:
  """Scan entries (in walk order) -> ({study key: {'uid', 'accession', 'patients', 'images',
  'srs', 'rejected', 'cost' (its images' dicom_io.decode_cost)}}, file reject lines of files that
  belong to no study).

  A second file with a SOPInstanceUID already seen in its study is a duplicate (rejected;
  the same instance under two studies is left to the content-hash split linking).
  """
  studies, rejects, seen = {}, [], set()  # seen: 16-byte digests of (study, SOPInstanceUID), not the UID strings
  for e in scanned:
    key = study_key(e, match)
    if key is None:
      rejects.append(file_line(e["rel"], e["reject"]))
      continue
    st = studies.setdefault(key, {"uid": e["study"], "accession": e.get("accession", ""), "patients": set(),
                                  "images": [], "srs": [], "rejected": {}, "cost": 0})
    st["patients"].add(e.get("patient", ""))
    instance = hashlib.blake2b(f"{key}\0{e['sop_uid']}".encode(), digest_size=16).digest() if e.get("sop_uid") else None
    if instance in seen:
      st["rejected"][e["rel"]] = DUPLICATE
    elif "reject" in e:
      st["rejected"][e["rel"]] = e["reject"]
    else:
      st["srs" if e["sr"] else "images"].append(e["rel"])
      st["cost"] += e.get("cost", 0)
    if instance:
      seen.add(instance)
  return studies, rejects


def match_key(st: dict, match: str) -> str:
  """The reports-table key of a study: its StudyInstanceUID or (keyed) AccessionNumber."""
  return st["uid"] if match == "study_uid" else st["accession"]


def study_task(root: str, skey: str, st: dict, entry, key: bytes, opts: dict, work: str) -> dict:
  """One study's work order (no key in it); task_hash changes when its inputs do (the cache is
  then redone). entry: the study's reports-table entry or None."""
  sid = deid.hmac_id(key, "study", skey)
  task = {"root": root, "study_uid": st["uid"], "study_id": sid, "images": st["images"], "srs": st["srs"],
          "rejected": st["rejected"], "report": entry["text"] if entry else None,
          "report_problem": entry["reason"] if entry else "", "report_rows": entry["rows"] if entry else [],
          "opts": opts, "cache": os.path.join(work, "studies", sid + ".msgpack")}
  task["task_hash"] = hashlib.sha256(json.dumps({k: task[k] for k in ("images", "srs", "rejected", "report",
                                                                     "report_problem")},
                                                sort_keys=True).encode()).hexdigest()
  return task


def refused_summary(task: dict, st: dict, match: str):
  """The summary of a study refused without reading it (a study UID of two patients), else None."""
  patients = len(st["patients"] - {""})
  return rejected_summary(task, _shared_uid_reason(patients, match)) if patients > 1 else None


def convert_study(task: dict, key: bytes) -> tuple:
  """One study -> (summary, packed views (records.pack_views) or None); never raises: one broken study
  must not stop the run, its reason is kept."""
  try:
    return _convert_study(task, key)
  except Exception as e:
    return rejected_summary(task, f"internal error ({type(e).__name__}: {str(e)[:200]})"), None


def unknown_report_lines(table: dict, known) -> list:
  """Reject lines of table rows whose study is not in the archive (rows without text have theirs)."""
  unknown = [k for k in set(table) - set(known) if table[k]["text"] is not None]
  return [{"kind": "report", "row": r, "reason": "report for an unknown study"}
          for k in sorted(unknown, key=lambda k: table[k]["rows"][0]) for r in table[k]["rows"]]


def rejected_report_lines(task: dict, summary: dict) -> list:
  """Reject lines of the table rows of a study that was not written."""
  if summary["status"] == "ok" or task["report"] is None:
    return []
  return [{"kind": "report", "row": r, "reason": f"study rejected: {summary['reason']}"} for r in task["report_rows"]]


def reject_lines(summary: dict) -> list:
  """rejects.jsonl lines of one study: its files not used, then the study itself if not written."""
  lines = [file_line(f, r) for f, r in summary["file_rejects"] + summary["unused"]]
  if summary["status"] != "ok":
    lines.append({"kind": "study", "study": summary["study_id"], "reason": summary["reason"]})
  return lines


def assign_splits(oks: list, key: bytes, fractions) -> dict:
  """study_id -> split. Patients linked by identical pixel content share one group; a group's
  split is a keyed hash of its smallest patient id, so it is stable across runs."""
  parent = {}

  def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
      parent[x] = parent[parent[x]]
      x = parent[x]
    return x
  by_content = {}
  for s in oks:
    find(s["patient_id"])
    other = by_content.setdefault(s["content_hash"], s["patient_id"])
    ra, rb = find(other), find(s["patient_id"])
    if ra != rb:
      parent[max(ra, rb)] = min(ra, rb)
  bounds = np.cumsum(fractions)
  out = {}
  for s in oks:
    u = deid.unit_interval(key, "split", find(s["patient_id"]))
    out[s["study_id"]] = SPLITS[min(int(np.searchsorted(bounds, u, side="right")), 2)]
  return out


def split_members(oks: list, split_of: dict) -> dict:
  """{split: written studies in record order (study_id order)}: record order is training order."""
  ordered = sorted(oks, key=lambda s: s["study_id"])
  return {split: [s for s in ordered if split_of[s["study_id"]] == split] for split in SPLITS}


def make_tokenizer(given, members: dict, path: str, vocab_size: int, n_studies: int, model_type: str = "unigram",
                   negation: bool = False):
  """Copies the --tokenizer model to `path`, or trains one on the train split's reports (a copy
  keeps its own model type and negation marks: they are in the file)."""
  if given:
    with open(given, "rb") as f:
      fileio.write_atomic(path, f.read())
  else:
    if not members["train"]:
      n_ok = sum(len(m) for m in members.values())
      raise UserError(f"no study landed in the train split to train a tokenizer on ({n_ok} studies written, "
                      f"{n_studies - n_ok} rejected: see the reasons with --tokenizer MODEL)")
    text.train_tokenizer([s["report"] for s in members["train"]], path, vocab_size, model_type, negation)
  return text.load_tokenizer(path)


def shard_sizes(n: int, shards_flag: int) -> list:
  """Records per shard of a split of n studies (contiguous runs; default one shard per 1000)."""
  return shards.sizes(n, shards_flag or -(-n // 1000))


def frames_shape(opts: dict) -> list:
  """[V, T, S, S]: slots, cine frames, crop size (each slot stores its own frame count and dtype:
  the manifest's 'slots')."""
  return [records.NUM_VIEWS, opts["frames"], opts["size"], opts["size"]]


def slot_table() -> list:
  """The manifest's description of the slot table the records follow."""
  return [{"name": s.name, "kind": s.kind, "series": s.series, "frames": s.frames, "dtype": s.dtype, "unit": s.unit,
           "input_range": list(s.input_range) if s.input_range else None} for s in slots.SLOTS]


def encode_record(summary: dict, views: dict, opts: dict, tok, max_tokens: int, labels) -> bytes:
  """One written study's record: its summary and cached packed views (written as they are), tokens
  and eval labels."""
  return records.encode({
      "study_id": summary["study_id"], "patient_id": summary["patient_id"],
      "views": views, "report": summary["report"],
      "tokens": text.encode(tok, summary["report"], max_tokens), "labels": labels or {}, "meta": summary["meta"]})


def build_manifest(opts, max_tokens, tok, manifest_splits, oks, n_studies, used_files, rejects,
                   report_rejects, n_files, report_rows, stamp) -> dict:
  """manifest.json (its 'tfds' entry is added once the metadata is written); stamp: key
  fingerprint, source id and provenance. Checks that every input file is used or has a reject
  line: a bug otherwise."""
  rejected_files = n_files - used_files
  accounted = sum(1 for r in rejects if r["kind"] == "file")
  if accounted != rejected_files:
    raise RuntimeError(f"file accounting mismatch: {n_files} inputs, {used_files} used, {accounted} reject lines")
  return {
      "schema_version": records.SCHEMA_VERSION, "frames_shape": frames_shape(opts), "views": list(records.VIEWS),
      "slots": slot_table(),
      "spacing_mm": opts["spacing_mm"], "max_tokens": max_tokens, "vocab_size": tok.get_piece_size(),
      "reports_truncated": sum(text.token_count(tok, s["report"]) > max_tokens for s in oks),
      "tokenizer": "tokenizer.model", "splits": manifest_splits, "split_fractions": opts["fractions"],
      "inputs": {"files": n_files, "studies": n_studies, "report_rows": report_rows},
      "written": {"studies": len(oks), "files": used_files},
      "rejected": {"studies": n_studies - len(oks), "files": rejected_files, "report_rows": len(report_rejects)},
      "duplicate_content_studies": len(oks) - len({s["content_hash"] for s in oks}),
      **stamp,
  }


def manifest_stamp(stamp: dict, key: bytes, opts: dict) -> dict:
  """Key fingerprint and source id, plus what made the data (code, versions, the NER model that
  scrubbed the reports)."""
  return {**stamp, "provenance": {**provenance.data(key), "deid_ner": opts["deid_ner"]}}


def sorted_rejects(rows) -> list:
  """rejects.jsonl order: by the line's JSON, so it does not depend on which worker finished first."""
  return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def finish(out: str, manifest: dict, rejects: list, tfds: bool, put) -> dict:
  """TFDS metadata (when asked, local --out), rejects.jsonl, then manifest.json last: until it is
  there the folder never looks complete. put(name, bytes) writes one file into --out atomically."""
  tfds_ok = False
  if tfds and "://" not in out:
    try:
      shards.register_tfds(out, manifest["splits"])
      tfds_ok = True
    except Exception as e:  # optional: the shards are complete without it
      print(f"convert: TFDS metadata not written ({type(e).__name__}: {e})", file=sys.stderr)
  for name in ("dataset_info.json", "features.json"):
    if not tfds_ok and os.path.exists(os.path.join(out, name)):
      os.remove(os.path.join(out, name))  # stale metadata of an earlier run
  manifest = {**manifest, "tfds": tfds_ok}
  put("rejects.jsonl", shards.jsonl_bytes(sorted_rejects(rejects)))
  put("manifest.json", shards.json_bytes(manifest))
  return result_of(out, manifest)


def result_of(out: str, manifest: dict) -> dict:
  """The JSON summary a run prints, from its manifest."""
  return {"out": out if "://" in out else os.path.abspath(out),
          "splits": {s: manifest["splits"][s]["studies"] for s in SPLITS}, "inputs": manifest["inputs"],
          "written": manifest["written"], "rejected": manifest["rejected"], "vocab_size": manifest["vocab_size"],
          "reports_truncated": manifest["reports_truncated"]}


# ----------------------------------------------------------------------------------------------
# One study, in a worker.


def pack(obj) -> bytes:
  # File names may hold any bytes (surrogate-escaped by os.walk): msgpack must carry them as they are.
  return msgpack.packb(obj, use_bin_type=True, unicode_errors="surrogateescape")


def unpack(blob: bytes):
  return msgpack.unpackb(blob, raw=False, unicode_errors="surrogateescape")


def _study_task(task: dict, key: bytes) -> dict:
  """Converts one study and caches the result atomically; returns its summary (no pixels)."""
  cached = _cached_summary(task)
  if cached is not None:
    return cached
  return _cache(task, *convert_study(task, key))


def _cached_summary(task: dict):
  if not os.path.exists(task["cache"]):
    return None
  with open(task["cache"], "rb") as f:
    return cached_summary(task, f.read())


def cached_summary(task: dict, blob: bytes):
  """The summary in a study's cache file, if it was made from the same inputs (else None)."""
  cached = unpack(blob)
  return cached["summary"] if cached["summary"]["task_hash"] == task["task_hash"] else None


def cache_blob(task: dict, summary: dict, frames) -> bytes:
  """A study's cache file: its summary (stamped with the task's hash) and frames bytes."""
  summary["task_hash"] = task["task_hash"]
  return pack({"summary": summary, "frames": frames})


def _cache(task: dict, summary: dict, frames) -> dict:
  fileio.write_atomic(task["cache"], cache_blob(task, summary, frames))
  return summary


def rejected_summary(task, reason, file_rejects=None) -> dict:
  """Summary of a study not written: every file without its own reason gets the study's."""
  file_rejects = {**task["rejected"], **(file_rejects or {})}
  rest = {r: f"study rejected: {reason}" for r in task["images"] + task["srs"] if r not in file_rejects}
  return {"study_id": task["study_id"], "status": "rejected", "reason": reason,
          "file_rejects": sorted({**file_rejects, **rest}.items()), "unused": [], "used": []}


def _sr_report(task: dict) -> tuple:
  """The study's DICOM SR files: (report text or the table's, PHI of their headers, reject
  reasons {rel: reason}, [rel of the SR used])."""
  report, phi, rejects, used = task["report"], {}, {}, []
  for rel in task["srs"]:
    try:
      ds = pydicom.dcmread(os.path.join(task["root"], rel))
    except Exception as e:
      rejects[rel] = f"unreadable DICOM SR ({type(e).__name__})"
      continue
    phi = deid.merge_phi(phi, deid.header_phi(ds))
    if report is not None:
      rejects[rel] = "SR not used: " + ("another SR of this study was used" if used else
                                        "the reports table has this study")
      continue
    sr = reports.sr_text(ds)
    if reports.valid_text(sr):
      report, used = sr, [rel]
    else:
      rejects[rel] = "report text is not valid UTF-8"
  return report, phi, rejects, used


@_gc_paused()
def _convert_study(task: dict, key: bytes) -> tuple:
  """One study -> (summary, frames bytes or None). The summary holds no pixels and no PHI."""
  root, opts = task["root"], task["opts"]
  if not task["images"]:  # nothing but non-MR files (and SRs): say what they were
    head = "no MR image" if task["rejected"] else "no MR image (only DICOM SR files)"
    return rejected_summary(task, no_view_reason(task["rejected"], head)), None
  report, phi, file_rejects, sr_used = _sr_report(task)
  kept = reports.keep_sections(report) if report else ""
  if not kept.strip():
    return rejected_summary(task, task["report_problem"] or "report missing or empty", file_rejects), None
  datasets, read_rejects = _read_images({r: os.path.join(root, r) for r in task["images"]})
  file_rejects.update(read_rejects)
  try:
    built = build_study(datasets, opts["frames"], opts["size"], opts["spacing_mm"])
  except NoCineView as e:
    return rejected_summary(task, no_view_reason({**task["rejected"], **file_rejects, **e.reasons}),
                            {**file_rejects, **e.reasons}), None
  except dicom_io.FileReject as e:
    return rejected_summary(task, str(e), file_rejects), None
  file_rejects.update(built["rejects"])
  series_phi = {}
  for ds, _ in datasets.values():
    series_phi.setdefault(dicom_io.raw_text(ds, 0x0020000E), ds)  # SeriesInstanceUID
  for ds in series_phi.values():
    phi = deid.merge_phi(phi, deid.header_phi(ds))
  used = set(built["used"])
  unused = {r: built["unused"].get(r, "not in any view slot") for r in datasets
            if r not in used and r not in file_rejects}
  first = datasets[built["used"][0]][0]
  patient = str(first.get("PatientID", "") or "").strip()
  content = hashlib.sha256(b"".join(sorted(dicom_io.pixel_hash(datasets[r][0]) for r in used))).hexdigest()
  summary = {
      "study_id": task["study_id"], "status": "ok", "reason": "",
      "patient_id": deid.hmac_id(key, "patient", patient) if patient else deid.hmac_id(key, "patient-of-study",
                                                                                     task["study_uid"]),
      "content_hash": content, "report": deid.scrub(kept, phi, opts["deid_ner"]), "meta": built["meta"],
      "view_mask": built["view_mask"].tolist(),
      "file_rejects": sorted({**task["rejected"], **file_rejects}.items()),
      "unused": sorted(unused.items()), "used": sorted(used) + sr_used}
  return summary, records.pack_views(built["views"])


# ----------------------------------------------------------------------------------------------
# Orchestration: scan -> group -> convert studies (isolated workers) -> split -> write.


def failure_reason(status: str, value: str) -> str:
  """The reject reason of a task whose isolated worker raised, crashed or hung (workers.Pool)."""
  return value if status == "error" else f"decoder {status}: {value}"


def _run_tasks(pool, fn, tasks, desc, on_failure):
  """fn over tasks (args tuples) in the isolated pool, with a progress bar; yields (task index,
  result) as tasks finish. A task whose worker crashed, hung or raised gets on_failure(task args,
  reason)."""
  bar = tqdm(total=len(tasks), desc=desc, unit="task", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
  for i, status, value in pool.run(fn, tasks):
    yield i, value if status == "ok" else on_failure(tasks[i], failure_reason(status, value))
    bar.update(1)
  bar.close()


def _scan(pool, root, rels, work, key):
  """Scan entries of every file, in walk order. Each chunk's entries go to a cache file (keyed by
  names, sizes and mtimes) as soon as they are made and are read back one chunk at a time, so
  the main process never holds every file's entry at once (~1 KB a file: a million-file archive
  would need a GB)."""
  os.makedirs(os.path.join(work, "scan"), exist_ok=True)
  chunks = [rels[i:i + SCAN_CHUNK] for i in range(0, len(rels), SCAN_CHUNK)]
  paths, todo = [], []
  for chunk in chunks:
    stats = [os.stat(os.path.join(root, r)) for r in chunk]
    sig = hashlib.sha256(json.dumps([(r, st.st_size, st.st_mtime_ns) for r, st in zip(chunk, stats)]).encode()
                         ).hexdigest()
    paths.append(os.path.join(work, "scan", sig + ".msgpack"))  # msgpack: a tenth of indented JSON's CPU
    if not os.path.exists(paths[-1]):
      todo.append((paths[-1], chunk))
  # Until the workers are up (their server imports and loads the NER model meanwhile) this process
  # scans chunks itself: header parsing in Python, no codec to isolate. The workers take the rest.
  while todo and not pool.ready():
    path, chunk = todo.pop(0)
    fileio.write_atomic(path, pack(scan_files(root, chunk, key)))
  failed = lambda args, why: [{"rel": r, "reject": f"header scan failed ({why})"} for r in args[1]]  # noqa: E731
  if todo:
    for i, entries in _run_tasks(pool, scan_files, [(root, c, key) for _, c in todo], "scan", failed):
      fileio.write_atomic(todo[i][0], pack(entries))
  for path in paths:
    with open(path, "rb") as f:
      yield from unpack(f.read())


def file_line(rel: str, reason: str) -> dict:
  """A rejects line for one file; a name that is not UTF-8 also keeps its exact bytes (hex)."""
  raw = os.fsencode(rel)
  line = {"kind": "file", "file": raw.decode("utf-8", "backslashreplace"), "reason": reason}
  if line["file"].encode("utf-8") != raw:
    line["file_hex"] = raw.hex()
  return line


def read_labels(path) -> dict:
  """labels CSV -> {study_uid: {'diagnosis': str, 'lvef': float, finding: 0/1}}."""
  if not path:
    return {}
  out = {}
  with open(path, newline="", encoding="utf-8", errors="replace") as f:
    for row in csv.DictReader(f):
      uid = (row.get("study_uid") or "").strip()
      if not uid:
        continue
      lab = {}
      if row.get("diagnosis"):
        lab["diagnosis"] = row["diagnosis"].strip()
      try:
        lab["lvef"] = float(row["lvef"])
      except (KeyError, TypeError, ValueError):
        pass
      for k in records.FINDINGS:
        if row.get(k, "") not in ("", None):
          lab[k] = int(float(row[k]))
      out[uid] = lab
  return out


def source_id(key: bytes, dicom: str) -> str:
  """Keyed id of the input folder (by real path; a URL as given): an output folder remembers what
  it was made from."""
  return deid.hmac_id(key, "source", dicom if "://" in dicom else os.path.realpath(dicom))


def _check_out(out: str, stamp: dict) -> None:
  """--out must be empty, or an earlier convert output (finished or killed) of the same inputs and
  key (then it is resumed); anything else is refused in one line, before any work."""
  if os.path.exists(out) and not os.path.isdir(out):
    raise UserError(f"--out {out} is a file, not a folder")
  try:
    os.makedirs(out, exist_ok=True)
    fileio.write_atomic(os.path.join(out, ".write_test"), b"")
    os.remove(os.path.join(out, ".write_test"))
  except OSError as e:
    raise UserError(f"--out {out} is not writable ({e.strerror or type(e).__name__})") from None
  names = sorted(n for n in os.listdir(out) if not n.startswith(".write_test"))  # our probe, if killed just then
  if not names:
    return
  earlier = None
  for path in (os.path.join(out, "manifest.json"), os.path.join(out, ".work", "options.json")):
    if os.path.exists(path):
      with open(path, "rb") as f:
        earlier = f.read()
      break
  check_earlier(out, names, earlier, stamp)


def check_earlier(out: str, names: list, earlier, stamp: dict) -> None:
  """Refuses (UserError) a non-empty --out holding `names` unless it is a convert output of the
  same inputs and key. earlier: bytes of its manifest.json, else of .work/options.json, else None."""
  if earlier is None:
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    raise UserError(f"--out {out} is not empty and not a convert output (holds {shown}); use an empty folder")
  try:
    earlier = json.loads(earlier)
  except ValueError:
    earlier = {}
  if earlier.get("key_fingerprint") != stamp["key_fingerprint"]:
    raise UserError(f"--out {out} holds a convert output made with another de-identification key; use an empty "
                    "folder, or the key it was made with (--key-file)")
  if earlier.get("source") != stamp["source"]:
    raise UserError(f"--out {out} holds a convert output of other inputs (another --dicom); use an empty folder")


def work_fingerprint(args, opts: dict, stamp: dict) -> dict:
  """What OUT/.work/options.json holds: cached studies are reused only under the same one."""
  return {"version": WORK_VERSION, "match": args.match, **stamp,
          **{k: opts[k] for k in ("deid_ner", "frames", "size", "spacing_mm")}}


def _work_dir(out: str, fingerprint: dict) -> str:
  """OUT/.work, emptied when it belongs to a run with other options."""
  work = os.path.join(out, ".work")
  stamp = os.path.join(work, "options.json")
  if os.path.exists(stamp):
    with open(stamp) as f:
      if json.load(f) != fingerprint:
        shutil.rmtree(work)
  os.makedirs(os.path.join(work, "studies"), exist_ok=True)
  if not os.path.exists(stamp):
    shards.write_json(stamp, fingerprint)
  return work


def prepare(args) -> tuple:
  """What both runners do before any work: arguments, reports table, key, --out checked, OUT/.work.
  Returns (opts, (table, report_rejects, report_rows), key, where the key came from, stamp, work)."""
  opts = _check_args(args)
  table, report_rejects, report_rows = ({}, [], 0)
  if args.reports:  # read (and its columns checked) before anything is written
    table, report_rejects, report_rows = reports.load_table(args.reports, **reports.table_options(args))
  key, key_where = deid.resolve_key(args.key_file, args.out)
  stamp = {"key_fingerprint": deid.hmac_id(key, "fingerprint", "cmr-clip"), "source": source_id(key, args.dicom)}
  _check_out(args.out, stamp)
  work = _work_dir(args.out, work_fingerprint(args, opts, stamp))
  manifest_path = os.path.join(args.out, "manifest.json")
  if os.path.exists(manifest_path):  # written last: until then the folder never looks complete
    os.remove(manifest_path)
  return opts, (table, report_rejects, report_rows), key, key_where, stamp, work


def walk_inputs(dicom: str, tables, out: str) -> list:
  """Input files under --dicom (relative paths, sorted), the tables and --out left out."""
  return dicom_io.walk(dicom, exclude=[p for p in tables if p], exclude_dirs=[out])


def run(args) -> int:
  if getattr(args, "runner", "local") == "beam":
    try:
      from data_prep import beam_convert
    except ImportError as e:
      raise UserError(f"--runner beam needs Apache Beam, which this environment lacks ({e.name or e}): run it from "
                      "the Beam environment (`make beam-env`, then .venv-beam/bin/cmr-clip) or a venv with "
                      "pip install -e '.[beam]'") from None
    return beam_convert.run(args)
  clock = Laps()
  # The server's imports and NER model load overlap the checks, reports table and walk below (the
  # command line started it before our imports: a no-op then).
  convert_server.start(args.deid_ner)
  opts, (table, report_rejects, report_rows), key, key_where, stamp, work = prepare(args)
  pool = workers.Pool(args.workers, args.study_timeout, preload=convert_server.PRELOAD)  # they start while we walk, scan
  try:
    rels = walk_inputs(args.dicom, (args.reports, args.labels), args.out)
    labels = read_labels(args.labels)
    if args.match == "accession":  # the table's accession numbers, keyed like the scan's
      table = {deid.hmac_id(key, "accession", a): v for a, v in table.items()}
    clock.lap("start")  # imports, arguments, reports table, file walk
    studies, rejects = group_files(_scan(pool, args.dicom, rels, work, key), args.match)
    clock.lap("scan")
    pool.wait_ready()
    clock.lap("worker_start")  # what the scan did not cover of the server's imports and NER model load
    workers_up = pool.ready_at - clock.start
    tasks, summaries = _convert_studies(pool, args, studies, table, report_rejects, key, opts, work)
    clock.lap("studies")
  finally:
    pool.close()
  result = _write_outputs(args, opts, key, work, stamp, summaries, rejects, report_rejects, report_rows, labels,
                          {t["study_id"]: t["study_uid"] for t in tasks}, len(rels))
  shutil.rmtree(work)
  clock.lap("write")
  result.update(seconds=round(clock.total(), 1), key=key_where, stage_seconds=clock.laps,
                workers_up_seconds=round(workers_up, 2), worker_cpu_seconds=round(pool.cpu_s, 1),
                server_cpu_seconds=round(workers.server_cpu_s() or 0.0, 1),
                peak_rss_mb={"main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                             "worker": round(pool.peak_rss_kb / 1024)})
  report_done(result, key_where)
  return 0


def report_done(result: dict, key_where: str) -> None:
  """The closing line (stderr) and the JSON summary (stdout) of a run."""
  per_split = ", ".join(f"{s} {n}" for s, n in result["splits"].items())
  print(f"convert: {result['written']['studies']} studies written ({per_split}), "
        f"{result['rejected']['studies']} studies and "
        f"{result['rejected']['files']} files rejected (see rejects.jsonl); key: {key_where}", file=sys.stderr)
  if result["reports_truncated"]:
    print(f"convert: {result['reports_truncated']} of {result['written']['studies']} reports are longer than "
          "--max-tokens and lose their ends (impression first, so findings details go)", file=sys.stderr)
  print(json.dumps(result))


class Laps:
  """Wall seconds per stage, the first one from the start of the process (imports included)."""

  def __init__(self):
    self.start = self._last = _process_start()
    self.laps = {}

  def lap(self, name: str) -> None:
    now = time.time()
    self.laps[name], self._last = round(now - self._last, 2), now

  def total(self) -> float:
    return time.time() - self.start


def _process_start() -> float:
  """time.time() when this process started (Linux: its age from /proc; else now)."""
  try:
    with open("/proc/self/stat") as f:
      ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    return time.time() - (time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK"))
  except (OSError, ValueError, IndexError, AttributeError):
    return time.time()


def _convert_studies(pool, args, studies, table, report_rejects, key, opts, work) -> tuple:
  """Every study through the pool (a study UID of two patients is refused without reading it).
  Returns (tasks, summaries) in study-key order; report rows that were not used get reject lines."""
  report_rejects.extend(unknown_report_lines(table, {match_key(st, args.match) for st in studies.values()}))
  tasks, summaries, todo, cost = [], [], [], []
  for skey, st in sorted(studies.items()):
    tasks.append(study_task(args.dicom, skey, st, table.get(match_key(st, args.match)), key, opts, work))
    refused = refused_summary(tasks[-1], st, args.match)
    summaries.append(refused and _without_file_list(refused))
    cost.append(st["cost"])
    if summaries[-1] is None:
      todo.append(len(tasks) - 1)
  # Dearest studies first: the last ones to finish are then short, and no worker idles long at the
  # end while another finishes a big study. Results are kept in study-key order whatever the order.
  todo.sort(key=lambda i: -cost[i])
  for j, summary in _run_tasks(pool, _study_task, [(tasks[i], key) for i in todo], "studies",
                               lambda a, why: _cache(a[0], rejected_summary(a[0], why), None)):
    summaries[todo[j]] = _without_file_list(summary)
  for t, s in zip(tasks, summaries):
    report_rejects.extend(rejected_report_lines(t, s))
  return tasks, summaries


def _without_file_list(summary: dict) -> dict:
  """The summary the main process keeps until the write stage: the count of used files, not
  their names (which the per-file state of a large archive would be made of)."""
  return {**{k: v for k, v in summary.items() if k != "used"}, "n_used": len(summary["used"])}


def _shared_uid_reason(n: int, match: str) -> str:
  if match == "accession":
    return f"StudyInstanceUID and AccessionNumber shared by {n} PatientIDs"
  return (f"StudyInstanceUID shared by {n} PatientIDs (--match accession separates them when their "
          "AccessionNumbers differ)")


def _write_outputs(args, opts, key, work, stamp, summaries, rejects, report_rejects, report_rows, labels, uid_of,
                   n_files) -> dict:
  """Split, tokenizer, shards, rejects.jsonl and manifest.json from every study's summary.

  Records cannot go to the shards as studies finish: a study's split is a keyed hash of the
  smallest patient id of its group (patients linked by identical pixels), and the last study
  converted can link two groups and move earlier studies to another split; and a record holds
  token ids of the tokenizer trained on the train split's reports (unless --tokenizer). So the
  shards are written after the last study, in (split, keyed study id) order, one record in
  memory at a time; each cache file is deleted as its record is written (_take_frames), so the
  frames are on disk once: in .work until their record is written, then only in a shard.
  """
  out = args.out
  oks = [s for s in summaries if s["status"] == "ok"]
  for s in summaries:
    rejects.extend(reject_lines(s))
  members = split_members(oks, assign_splits(oks, key, opts["fractions"]))
  tok = make_tokenizer(args.tokenizer, members, os.path.join(out, "tokenizer.model"), args.vocab_size,
                       len(summaries), args.tokenizer_type, args.negation_marks)
  manifest_splits, written = {}, []
  for split, studies in members.items():
    payloads = (encode_record(s, _take_frames(s, work), opts, tok, args.max_tokens, labels.get(uid_of[s["study_id"]]))
                for s in tqdm(studies, desc=f"write {split}", file=sys.stderr, disable=not studies, mininterval=0.5))
    files = shards.write_split(out, split, payloads, shard_sizes(len(studies), args.shards))
    written.extend(f["file"] for f in files)
    manifest_splits[split] = {"studies": len(studies), "patients": len({s["patient_id"] for s in studies}),
                              "shards": files}
  shards.remove_stale(out, written)
  manifest = build_manifest(opts, args.max_tokens, tok, manifest_splits, oks, len(summaries),
                            sum(s["n_used"] for s in oks), rejects, report_rejects, n_files, report_rows,
                            manifest_stamp(stamp, key, opts))
  return finish(out, manifest, rejects + report_rejects, not args.no_tfds,
                lambda name, data: fileio.write_atomic(os.path.join(out, name), data))


def _take_frames(summary, work) -> dict:
  """A study's packed views from its cache file; the cache file is deleted once read (its record is
  about to be written), so .work never holds a second copy of the whole output."""
  path = os.path.join(work, "studies", summary["study_id"] + ".msgpack")
  with open(path, "rb") as f:
    frames = unpack(f.read())["frames"]
  os.remove(path)
  return frames
