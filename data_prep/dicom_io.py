"""DICOM access for `convert`: discover files, read headers, per-frame geometry, decode pixels.

Studies are found by UIDs, never by folder names. Every failure on one file is a
`FileReject` with a reason, so a bad file never stops a batch job.
"""

import dataclasses
import hashlib
import os

import numpy as np
import pydicom
from pydicom import uid as dcm_uid
from pydicom.errors import InvalidDicomError
from pydicom.pixels import get_decoder

# SOP classes whose pixels are not acquired MR images (screenshots, reports, overlays).
_SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7"
_SR_PREFIX = "1.2.840.10008.5.1.4.1.1.88."
_SCAN_TAGS = ["StudyInstanceUID", "SeriesInstanceUID", "SOPClassUID", "Modality"]
# Transfer syntaxes read with np.frombuffer: same result as pydicom's native decoder, less overhead.
_NATIVE = {dcm_uid.ImplicitVRLittleEndian: "<", dcm_uid.ExplicitVRLittleEndian: "<",
           dcm_uid.DeflatedExplicitVRLittleEndian: "<", dcm_uid.ExplicitVRBigEndian: ">"}


class FileReject(Exception):
  """This file cannot be used; str(e) is the reason written to rejects.jsonl."""


def walk(root: str, exclude=()) -> list:
  """All regular files under `root` (any nesting), as sorted paths relative to it."""
  excluded = {os.path.realpath(p) for p in exclude}
  out = []
  for dirpath, dirnames, filenames in os.walk(root):
    dirnames.sort()
    for name in filenames:
      path = os.path.join(dirpath, name)
      if os.path.isfile(path) and os.path.realpath(path) not in excluded:
        out.append(os.path.relpath(path, root))
  return sorted(out)


def scan_file(root: str, rel: str) -> dict:
  """Grouping keys of one file: {rel, study, series, sr} or {rel, reject: reason}."""
  try:
    ds = pydicom.dcmread(os.path.join(root, rel), stop_before_pixels=True, specific_tags=_SCAN_TAGS)
  except InvalidDicomError:
    return {"rel": rel, "reject": "not a DICOM file"}
  except Exception as e:  # pydicom raises many types on truncated or garbled files
    return {"rel": rel, "reject": f"unreadable DICOM header ({type(e).__name__})"}
  study = str(ds.get("StudyInstanceUID", "") or "")
  if not study:
    return {"rel": rel, "reject": "no StudyInstanceUID"}
  sop = str(ds.get("SOPClassUID", "") or "")
  is_sr = sop.startswith(_SR_PREFIX) or ds.get("Modality", "") == "SR"
  return {"rel": rel, "study": study, "series": str(ds.get("SeriesInstanceUID", "") or ""), "sr": is_sr}


def read(path: str) -> pydicom.Dataset:
  """Full read with pixel data; FileReject when the file is not a usable MR image."""
  try:
    ds = pydicom.dcmread(path)
  except InvalidDicomError:
    raise FileReject("not a DICOM file") from None
  except Exception as e:
    raise FileReject(f"unreadable DICOM ({type(e).__name__})") from None
  check_image(ds)
  return ds


def check_image(ds: pydicom.Dataset) -> None:
  """Raises FileReject for files whose pixels must not or cannot be used."""
  if "PixelData" not in ds and "FloatPixelData" not in ds:
    raise FileReject("no pixel data")
  if str(ds.get("SOPClassUID", "")).startswith(_SECONDARY_CAPTURE_PREFIX):
    raise FileReject("secondary capture (may hold burned-in text)")
  if str(ds.get("BurnedInAnnotation", "")).upper() == "YES":
    raise FileReject("burned-in annotation")
  if "PixelData" not in ds:
    raise FileReject("float pixel data not supported")
  if int(ds.get("SamplesPerPixel", 1) or 1) != 1:
    raise FileReject("colour image (SamplesPerPixel != 1)")
  ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
  if ts is None:
    raise FileReject("no transfer syntax")
  try:
    decoder = get_decoder(ts)
  except NotImplementedError:
    raise FileReject(f"unsupported transfer syntax {ts}") from None
  if not decoder.is_available:
    raise FileReject(f"no installed decoder for transfer syntax {ts.name}")
  for key in ("Rows", "Columns", "BitsAllocated"):
    if not ds.get(key):
      raise FileReject(f"missing {key}")
  if ts in _NATIVE:
    need = _native_length(ds)
    if len(ds.PixelData) < need:
      raise FileReject(f"truncated pixel data ({len(ds.PixelData)} < {need} bytes)")


def num_frames(ds: pydicom.Dataset) -> int:
  try:
    return max(1, int(ds.get("NumberOfFrames", 1) or 1))
  except (TypeError, ValueError):
    return 1


def _native_length(ds) -> int:
  return ds.Rows * ds.Columns * num_frames(ds) * ds.BitsAllocated // 8


def pixel_hash(ds: pydicom.Dataset) -> bytes:
  """Digest of the stored pixel bytes: the same image under another study UID hashes equal."""
  return hashlib.sha256(bytes(ds.PixelData)).digest()


def decode(ds: pydicom.Dataset) -> np.ndarray:
  """Modality values of every frame: float32 [F, H, W].

  Rescale slope/intercept applied (per frame for enhanced MR), MONOCHROME1 inverted so that
  brighter always means more signal.
  """
  ts = ds.file_meta.TransferSyntaxUID
  try:
    raw = _decode_native(ds, _NATIVE[ts]) if ts in _NATIVE and ds.BitsAllocated in (8, 16, 32) else ds.pixel_array
  except FileReject:
    raise
  except Exception as e:
    raise FileReject(f"pixel data not decodable ({ts.name}: {type(e).__name__})") from None
  arr = np.asarray(raw, np.float32).reshape(num_frames(ds), ds.Rows, ds.Columns)
  slope, intercept = _rescale(ds)
  arr = arr * slope[:, None, None] + intercept[:, None, None]
  if str(ds.get("PhotometricInterpretation", "")).strip() == "MONOCHROME1":
    arr = -arr
  return arr


def _decode_native(ds, endian: str) -> np.ndarray:
  bits, stored = int(ds.BitsAllocated), int(ds.get("BitsStored", ds.BitsAllocated) or ds.BitsAllocated)
  signed = int(ds.get("PixelRepresentation", 0) or 0) == 1
  dtype = np.dtype(f"{endian}{'i' if signed else 'u'}{bits // 8}")
  n = ds.Rows * ds.Columns * num_frames(ds)
  data = np.frombuffer(ds.PixelData, dtype, count=n).astype(dtype.newbyteorder("="))
  if stored < bits:  # drop bits above HighBit (overlays), sign-extend from BitsStored
    data = data & ((1 << stored) - 1)
    if signed:
      data = np.where(data >= (1 << (stored - 1)), data - (1 << stored), data)
  return data


def _rescale(ds) -> tuple:
  """Slope and intercept per frame, float32 [F] each."""
  f = num_frames(ds)
  slope = np.full(f, float(ds.get("RescaleSlope", 1) or 1), np.float32)
  intercept = np.full(f, float(ds.get("RescaleIntercept", 0) or 0), np.float32)
  shared = _first(ds.get("SharedFunctionalGroupsSequence"))
  per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
  for i in range(f):
    group = per_frame[i] if i < len(per_frame) else None
    item = _first(_get(group, "PixelValueTransformationSequence")) or _first(_get(shared, "PixelValueTransformationSequence"))
    if item is not None:
      slope[i] = float(item.get("RescaleSlope", 1) or 1)
      intercept[i] = float(item.get("RescaleIntercept", 0) or 0)
  return slope, intercept


@dataclasses.dataclass(frozen=True)
class Frame:
  """Where one 2-D image lies in the patient (LPS, mm) and when in the cycle it was taken."""
  frame_index: int
  position: tuple  # ImagePositionPatient [3]: centre of the first (top-left) pixel
  orientation: tuple  # ImageOrientationPatient [6]: row direction, then column direction
  spacing: tuple  # PixelSpacing [2]: between rows, between columns
  trigger_time: float  # ms after the R wave; NaN if unknown
  inversion_time: float  # ms; NaN if unknown


def frames_of(ds: pydicom.Dataset) -> list:
  """Per-frame geometry of a single- or multi-frame image (classic or enhanced MR)."""
  shared = _first(ds.get("SharedFunctionalGroupsSequence"))
  per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
  n = num_frames(ds)
  base_tt = _float(ds.get("TriggerTime"))
  frame_time = _float(ds.get("FrameTime"))
  out = []
  for i in range(n):
    group = per_frame[i] if i < len(per_frame) else None
    pos = _from_groups(group, shared, "PlanePositionSequence", "ImagePositionPatient") or ds.get("ImagePositionPatient")
    ori = _from_groups(group, shared, "PlaneOrientationSequence", "ImageOrientationPatient") or ds.get("ImageOrientationPatient")
    spacing = _from_groups(group, shared, "PixelMeasuresSequence", "PixelSpacing") or ds.get("PixelSpacing")
    tt = _from_groups(group, shared, "CardiacSynchronizationSequence", "NominalCardiacTriggerDelayTime")
    if tt is None and n > 1 and not np.isnan(frame_time):
      tt = (0.0 if np.isnan(base_tt) else base_tt) + i * frame_time
    ti = _from_groups(group, shared, "MRModifierSequence", "InversionTimes")
    ti = ti[0] if isinstance(ti, (list, pydicom.multival.MultiValue)) and len(ti) else ti
    if ti is None:
      ti = ds.get("InversionTime")
    if pos is None or ori is None or spacing is None or len(pos) != 3 or len(ori) != 6 or len(spacing) != 2:
      raise FileReject("missing image geometry (position, orientation or pixel spacing)")
    out.append(Frame(i, tuple(float(v) for v in pos), tuple(float(v) for v in ori),
                     tuple(float(v) for v in spacing),
                     base_tt if tt is None else _float(tt), _float(ti)))
  return out


def _first(seq):
  return seq[0] if seq is not None and len(seq) else None


def _get(item, key):
  return None if item is None else item.get(key)


def _from_groups(group, shared, seq_name, key):
  for source in (group, shared):
    item = _first(_get(source, seq_name))
    if item is not None and key in item:
      return item.get(key)
  return None


def _float(v) -> float:
  try:
    return float(v)
  except (TypeError, ValueError):
    return float("nan")
