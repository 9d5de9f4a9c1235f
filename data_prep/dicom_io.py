"""DICOM access for `convert`: discover files, read headers, per-frame geometry, decode pixels.

Studies are found by UIDs, never by folder names. Every failure on one file is a
`FileReject` with a reason, so a bad file never stops a batch job.
"""

import dataclasses
import functools
import hashlib
import os
import stat
import struct

import numpy as np
import pydicom
from pydicom import uid as dcm_uid
from pydicom.charset import default_encoding
from pydicom.dataelem import RawDataElement, empty_value_for_VR
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.errors import InvalidDicomError
from pydicom.encaps import generate_frames
from pydicom.pixels import get_decoder
from pydicom.tag import BaseTag
from pydicom.valuerep import EXPLICIT_VR_LENGTH_32, VR

# The only SOP classes whose pixels can become a record: MR, Enhanced MR, Legacy Converted Enhanced MR.
MR_IMAGE_CLASSES = frozenset({"1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1",
                              "1.2.840.10008.5.1.4.1.1.4.4"})
_SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7"
_SR_PREFIX = "1.2.840.10008.5.1.4.1.1.88."
_SCAN_TAGS = ["StudyInstanceUID", "SeriesInstanceUID", "SOPClassUID", "Modality", "SOPInstanceUID", "PatientID",
              "AccessionNumber"]
# Encapsulated streams that open with a start marker and close with an end marker (FFD9: JPEG EOI,
# JPEG-LS EOI, JPEG 2000 EOC): a stream without its end marker was cut short.
_MARKED_STREAMS = {**{ts: (b"\xff\xd8", "JPEG") for ts in dcm_uid.JPEGTransferSyntaxes},
                   **{ts: (b"\xff\xd8", "JPEG-LS") for ts in dcm_uid.JPEGLSTransferSyntaxes},
                   **{ts: (b"\xff\x4f", "JPEG 2000") for ts in dcm_uid.JPEG2000TransferSyntaxes}}
# Transfer syntaxes read with np.frombuffer: same result as pydicom's native decoder, less overhead.
_NATIVE = {dcm_uid.ImplicitVRLittleEndian: "<", dcm_uid.ExplicitVRLittleEndian: "<",
           dcm_uid.DeflatedExplicitVRLittleEndian: "<", dcm_uid.ExplicitVRBigEndian: ">"}


class FileReject(Exception):
  """This file cannot be used; str(e) is the reason written to rejects.jsonl."""


def walk(root: str, exclude=(), exclude_dirs=()) -> list:
  """All regular files under `root` (any nesting, symlinked files and folders followed), as
  sorted paths relative to it. Each real file is listed once (the first path a sorted walk meets);
  a folder reached again (a symlink loop, a second link to it) is not entered twice. Names are
  str with undecodable bytes surrogate-escaped (os.fsencode gives the bytes back)."""
  excluded = {os.path.realpath(p) for p in exclude}
  skip_dirs = {os.path.realpath(p) for p in exclude_dirs}
  seen_dirs, seen_files, out = {os.path.realpath(root)}, set(), []
  for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
    real_dir = os.path.realpath(dirpath)  # once a folder: a plain file's real path is real_dir/name
    rel_dir = os.path.relpath(dirpath, root)
    dirnames.sort()
    keep = []
    for d in dirnames:
      real = os.path.realpath(os.path.join(dirpath, d))
      if real not in seen_dirs and real not in skip_dirs:
        seen_dirs.add(real)
        keep.append(d)
    dirnames[:] = keep
    for name in sorted(filenames):
      path = os.path.join(dirpath, name)
      try:
        mode = os.lstat(path).st_mode
      except OSError:
        continue
      if stat.S_ISLNK(mode):
        real = os.path.realpath(path)
        if not os.path.isfile(path):
          continue
      elif stat.S_ISREG(mode):
        real = os.path.join(real_dir, name)
      else:
        continue
      if real not in excluded and real not in seen_files:
        seen_files.add(real)
        out.append(name if rel_dir == os.curdir else os.path.join(rel_dir, name))
  return sorted(out)


def scan_file(root: str, rel: str) -> dict:
  """Grouping keys of one file (header only): {rel, study, series, sr, sop_uid, patient, accession},
  plus 'reject': reason for a file that cannot be an image of a record (it still names its study,
  so a study of CT alone is rejected for that reason). {rel, reject} when it has no study."""
  path = os.path.join(root, rel)
  try:
    keys = _quick_keys(path)
  except OSError as e:
    return {"rel": rel, "reject": f"unreadable file ({type(e).__name__})"}
  raw = False
  if keys is None:  # anything unusual: let pydicom parse it
    keys, raw = _pydicom_keys(path)
    if isinstance(keys, str):
      return {"rel": rel, "reject": keys}
  study, series, sop, modality, sop_uid, patient, accession, ts = keys
  if not study:
    return {"rel": rel, "reject": "no StudyInstanceUID"}
  out = {"rel": rel, "study": study, "series": series, "sr": sop.startswith(_SR_PREFIX) or modality == "SR",
         "sop_uid": sop_uid, "patient": patient, "accession": accession}
  problem = "" if out["sr"] else sop_problem(sop, modality)
  if raw:
    problem = "raw DICOM data set without a Part 10 file header" + (f" ({problem})" if problem else "")
  if problem:
    out["reject"] = problem
  elif not out["sr"]:
    out["cost"] = decode_cost(ts, os.stat(path).st_size)
  return out


# Worker CPU per stored byte by codec, against uncompressed pixels (a fit over the synth archive's
# studies with convert's decoders: ~0.07 s a MB for JPEG 2000, 0.023 for JPEG-LS, 0.004 for RLE,
# under 0.001 uncompressed; baseline JPEG, absent there, taken as JPEG-LS), plus a file's own
# overhead (0.18 ms, as much as 180 kB of pixels).
_COST_PER_BYTE = {**{t: 70 for t in dcm_uid.JPEG2000TransferSyntaxes}, **{t: 25 for t in dcm_uid.JPEGLSTransferSyntaxes},
                  **{t: 25 for t in dcm_uid.JPEGTransferSyntaxes}, dcm_uid.RLELossless: 5}
_COST_PER_FILE = 180_000


def decode_cost(ts: str, size: int) -> int:
  """What one image file of `size` bytes in transfer syntax `ts` costs a worker, in bytes of
  uncompressed pixels: a study's sum orders the work (dearest studies first), nothing else."""
  return _COST_PER_FILE + size * _COST_PER_BYTE.get(ts, 1)


def sop_problem(sop: str, modality: str) -> str:
  """Why a file of this SOP class and modality is not a cardiac MR image ('' when it may be)."""
  if sop in MR_IMAGE_CLASSES and modality in ("", "MR"):  # the common case, before any name look-up
    return ""
  name = dcm_uid.UID(sop).name if sop else "no SOP class"
  if sop.startswith(_SECONDARY_CAPTURE_PREFIX):
    return "secondary capture (may hold burned-in text)"
  if modality and modality != "MR":
    return f"modality {modality} ({name})"
  return f"{name}, not an MR image"


def _pydicom_keys(path):
  """(keys, raw): raw is True for a data set without the Part 10 preamble and file meta."""
  try:
    ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=_SCAN_TAGS)
    raw = False
  except InvalidDicomError:
    try:  # a bare data set (no preamble / file meta) is still DICOM: say so instead of "not DICOM"
      ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=_SCAN_TAGS, force=True)
    except Exception:
      return "not a DICOM file", False
    if "SOPClassUID" not in ds and "StudyInstanceUID" not in ds:
      return "not a DICOM file", False
    raw = True
  except Exception as e:  # pydicom raises many types on truncated or garbled files
    return f"unreadable DICOM header ({type(e).__name__})", False
  try:
    ts = str(getattr(ds, "file_meta", {}).get("TransferSyntaxUID", "") or "")
    return tuple(str(ds.get(k, "") or "").strip() for k in _SCAN_TAGS) + (ts,), raw
  except Exception as e:
    return f"unreadable DICOM header ({type(e).__name__})", False


_LONG_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
_QUICK_TAGS = {0x00080016: 2, 0x00080060: 3, 0x0020000D: 0, 0x0020000E: 1, 0x00080018: 4, 0x00100020: 5,
               0x00080050: 6}
_LAST_QUICK_TAG = 0x0020000E
_HEAD, _U32 = struct.Struct("<HH2sH"), struct.Struct("<I")  # group, element, VR, short length; long length
_U16 = struct.Struct("<H")
_IMPLICIT_LE = "1.2.840.10008.1.2"


def _quick_keys(path: str):
  """(study, series, sop class, modality, sop instance, patient id, accession, transfer syntax) by walking the top-level elements of a little-endian
  Part 10 file up to SeriesInstanceUID, skipping values: ~10x cheaper than a pydicom parse.
  None for anything it does not handle (no preamble, big endian, deflate, undefined lengths)."""
  with open(path, "rb") as f:
    buf = f.read(16384)
  if len(buf) < 144 or buf[128:132] != b"DICM":
    return None
  pos, ts = 132, None
  while pos + 8 <= len(buf) and struct.unpack_from("<H", buf, pos)[0] == 2:  # file meta: explicit LE
    pos, tag, value = _element(buf, pos, False)
    if tag == 0x00020010:
      ts = value.rstrip(b"\0 ").decode("ascii", "replace")
  if ts is None or ts == dcm_uid.ExplicitVRBigEndian or ts == dcm_uid.DeflatedExplicitVRLittleEndian:
    return None
  implicit, out, size = ts == _IMPLICIT_LE, [""] * len(_SCAN_TAGS), len(buf)
  while True:  # _element inlined, values sliced only when wanted: this loop is the whole scan's cost
    if pos + 8 > size:
      return None
    group, elem, vr, length = _HEAD.unpack_from(buf, pos)
    tag = group << 16 | elem
    if tag > _LAST_QUICK_TAG:
      return tuple(out) + (ts,) if out[0] else None  # no study UID where expected: let pydicom decide
    head = 8
    if implicit:
      length = _U32.unpack_from(buf, pos + 4)[0]
    elif vr in _LONG_VRS:
      length, head = _U32.unpack_from(buf, pos + 8)[0], 12
    end = pos + head + length
    if length == 0xFFFFFFFF or end > size:
      return None
    if tag in _QUICK_TAGS:
      try:
        out[_QUICK_TAGS[tag]] = buf[pos + head:end].rstrip(b"\0 ").decode("ascii").strip()
      except UnicodeDecodeError:  # a character set is in play: pydicom decodes it
        return None
    pos = end


def _element(buf: bytes, pos: int, implicit: bool):
  """(next position, tag, value bytes or None when undefined length / past the buffer)."""
  group, elem = struct.unpack_from("<HH", buf, pos)
  if implicit:
    length, head = struct.unpack_from("<I", buf, pos + 4)[0], 8
  elif buf[pos + 4:pos + 6] in _LONG_VRS:
    length, head = struct.unpack_from("<I", buf, pos + 8)[0], 12
  else:
    length, head = struct.unpack_from("<H", buf, pos + 6)[0], 8
  end = pos + head + length
  if length == 0xFFFFFFFF or end > len(buf):
    return end, group << 16 | elem, None
  return end, group << 16 | elem, buf[pos + head:end]


def read(path: str) -> pydicom.Dataset:
  """Full read with pixel data; FileReject when the file is not a usable MR image."""
  try:
    ds = _read_plain(path) or pydicom.dcmread(path)
  except InvalidDicomError:
    keys, raw = _pydicom_keys(path)
    raise FileReject(keys if isinstance(keys, str) else "raw DICOM data set without a Part 10 file header") from None
  except Exception as e:
    raise FileReject(f"unreadable DICOM ({type(e).__name__})") from None
  check_image(ds)
  return ds


_VRS = {vr.value.encode(): vr.value for vr in VR}
_IMPLICIT_HEAD = struct.Struct("<HHI")
_PLAIN_MAX_BYTES = 16 << 20
_ITEM, _SEQUENCE_END = b"\xfe\xff\x00\xe0", b"\xfe\xff\xdd\xe0"


def _read_plain(path: str):
  """pydicom.dcmread(path) for the common file: Part 10, little endian, top-level elements of
  defined length (an encapsulated PixelData of items aside); the same raw elements, preamble, file
  meta and encodings as pydicom's reader, in a third of its time (its per-element reads through a
  file object were a third of a study's CPU). None for anything else: pydicom reads it then, and
  reads files over _PLAIN_MAX_BYTES (large multi-frame images) too, without the second copy of
  their pixels that slicing them out of one buffer would briefly hold."""
  with open(path, "rb") as f:
    if os.fstat(f.fileno()).st_size > _PLAIN_MAX_BYTES:
      return None
    buf = f.read()
  if buf[128:132] != b"DICM":
    return None
  meta, pos = _raw_elements(buf, 132, False, 2)
  if not meta or 0x00020010 not in meta:
    return None
  file_meta = FileMetaDataset(Dataset(meta))
  file_meta.set_original_encoding(False, True, default_encoding)
  ts = file_meta.get("TransferSyntaxUID")
  if not ts or ts in (dcm_uid.ExplicitVRBigEndian, dcm_uid.DeflatedExplicitVRLittleEndian,
                      *dcm_uid.PrivateTransferSyntaxes):
    return None
  implicit = ts == dcm_uid.ImplicitVRLittleEndian
  # pydicom reads a leading command set (group 0000) its own way and trusts the first element's
  # bytes over the transfer syntax on whether VRs are explicit: such files go to it.
  if (pos + 8 > len(buf) or buf[pos:pos + 2] == b"\0\0"
      or implicit == (65 <= buf[pos + 4] <= 90 and 65 <= buf[pos + 5] <= 90)):
    return None
  elements, _ = _raw_elements(buf, pos, implicit)
  if elements is None:
    return None
  ds = FileDataset(path, Dataset(elements), buf[:128], file_meta, implicit, True)
  ds.set_original_encoding(implicit, True, ds._character_set if 0x00080005 in elements else default_encoding)
  return ds


def _raw_elements(buf: bytes, pos: int, implicit: bool, group_only=None) -> tuple:
  """({tag: RawDataElement} of the elements from pos (those of group_only, when given), next
  position), as pydicom's data_element_generator makes them; (None, pos) where it would do more."""
  out, size = {}, len(buf)
  while pos + 8 <= size:
    if group_only is not None and _U16.unpack_from(buf, pos)[0] != group_only:
      break
    if implicit:
      group, elem, length = _IMPLICIT_HEAD.unpack_from(buf, pos)
      vr, head = None, 8
    else:
      group, elem, raw_vr, length = _HEAD.unpack_from(buf, pos)
      vr, head = _VRS.get(raw_vr), 8
      if vr is None:
        return None, pos
      if vr in EXPLICIT_VR_LENGTH_32:
        length, head = _U32.unpack_from(buf, pos + 8)[0], 12
    tag, start = BaseTag(group << 16 | elem), pos + head
    if length == 0xFFFFFFFF:  # only an encapsulated PixelData, as items up to its delimiter
      end = _items_end(buf, start) if tag == _PIXEL_DATA and vr in ("OB", "OW") else None
      if end is None:
        return None, pos
      value, pos = buf[start:end], end + 8
    else:
      pos = start + length
      if pos > size:
        return None, pos
      value = buf[start:pos] if length else empty_value_for_VR(vr, raw=True)
    out[tag] = RawDataElement(tag, vr, length, value, start, implicit, True)
  if pos != size and group_only is None:
    return None, pos
  return out, pos


def _items_end(buf: bytes, pos: int):
  """Where the sequence delimiter after the items from pos starts (None if it is not there)."""
  while pos + 8 <= len(buf):
    marker = buf[pos:pos + 4]
    if marker == _SEQUENCE_END:
      return pos
    if marker != _ITEM:
      return None
    pos += 8 + _U32.unpack_from(buf, pos + 4)[0]
  return None


def check_image(ds: pydicom.Dataset) -> None:
  """Raises FileReject for files whose pixels must not or cannot be used."""
  problem = sop_problem(raw_text(ds, 0x00080016), raw_text(ds, 0x00080060))
  if problem:
    raise FileReject(problem)
  if _PIXEL_DATA not in ds and 0x7FE00008 not in ds:  # (7FE0,0008): FloatPixelData
    raise FileReject("no pixel data")
  if raw_text(ds, 0x00280301).upper() == "YES":
    raise FileReject("burned-in annotation")
  if _PIXEL_DATA not in ds:
    raise FileReject("float pixel data not supported")
  if (_uint(ds, _SAMPLES_PER_PIXEL) or 1) != 1:
    raise FileReject("colour image (SamplesPerPixel != 1)")
  ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
  if ts is None:
    raise FileReject("no transfer syntax")
  reason = _decoder_problem(str(ts))
  if reason:
    raise FileReject(reason)
  for key, tag in (("Rows", _ROWS), ("Columns", _COLUMNS), ("BitsAllocated", _BITS_ALLOCATED)):
    if not _uint(ds, tag):
      raise FileReject(f"missing {key}")
  if ts in _NATIVE:
    need, have = _native_length(ds), len(ds.get_item(_PIXEL_DATA).value or b"")
    if have < need:
      raise FileReject(f"truncated pixel data ({have} < {need} bytes)")
  elif ts in _MARKED_STREAMS:
    _check_stream_ends(ds, *_MARKED_STREAMS[ts])


def _check_stream_ends(ds, start: bytes, name: str) -> None:
  """FileReject when a compressed frame opens with its codec's start marker but lacks the end
  marker: the stream was cut short (a stream that does not even open right is left to the
  decoder, whose error names the real problem)."""
  try:
    frames = list(generate_frames(ds.PixelData, number_of_frames=num_frames(ds)))
  except Exception as e:
    raise FileReject(f"truncated or malformed {name} fragments ({type(e).__name__})") from None
  for i, frame in enumerate(frames):
    if frame.startswith(start) and not frame.rstrip(b"\0").endswith(b"\xff\xd9"):
      raise FileReject(f"truncated {name} stream (frame {i} has no end marker)")


def series_problem(ds: pydicom.Dataset) -> str:
  """Why a file's series can fill no view slot, from its header ('' when it may).

  Maps, T2-weighted and perfusion series have slots (data_prep/slots.py): `views.py` types them
  from `series_header`, and gives its own reason for those it cannot use (T2* maps, stress
  perfusion, T1-mapping source images).
  """
  image_type = {t.strip().upper() for t in raw_text(ds, 0x00080008).split("\\")}
  siemens = raw_text(ds, 0x00190010).upper() == "SIEMENS MR HEADER"  # owner of the private 0019,10xx tags
  # SeriesDescription only: ProtocolName is the whole exam's protocol on some scanners ("cardiac
  # function and perfusion") and would condemn every series of the study.
  desc = " " + " ".join("".join(c if c.isalnum() or c == "*" else " " for c in
                                 raw_text(ds, 0x0008103E).lower()).split()) + " "
  if "MOSAIC" in image_type or (siemens and 0x0019100A in ds):
    return "mosaic image (several slices tiled in one image)"
  if (image_type & {"DIFFUSION", "ADC", "TRACEW", "FA", "TRACE"} or 0x00189087 in ds or (siemens and 0x0019100C in ds)
      or any(f" {w}" in desc for w in ("diff", "dwi", "dti", "adc ", "tracew", "ep2d diff"))):
    return "diffusion series"
  if "LOCALIZER" in image_type or any(f" {w}" in desc for w in ("loc", "scout", "survey", "tiscout", "3 plane")):
    return "localiser series"
  return ""


def series_header(ds: pydicom.Dataset) -> dict:
  """What the view rules read besides the description: ImageType values (upper case), whether
  a contrast agent was given (ContrastBolusAgent text, its code sequence, or the enhanced MR
  contrast usage sequence), the sequence name and the protocol name."""
  agent = raw_text(ds, 0x00180010).strip().lower()
  return {"image_type": tuple(t.strip().upper() for t in raw_text(ds, 0x00080008).split("\\") if t.strip()),
          "contrast": (agent not in ("", "none", "no", "n/a", "na", "0")) or 0x00180012 in ds or 0x00189340 in ds,
          "sequence": raw_text(ds, 0x00180024) or raw_text(ds, 0x00189005),  # SequenceName, PulseSequenceName
          "protocol": raw_text(ds, 0x00181030)}


@functools.lru_cache(maxsize=None)
def _decoder_problem(ts: str) -> str:
  """Why pixels in this transfer syntax cannot be decoded here ('' when they can)."""
  try:
    decoder = get_decoder(dcm_uid.UID(ts))
  except NotImplementedError:
    return f"unsupported transfer syntax {ts}"
  return "" if decoder.is_available else f"no installed decoder for transfer syntax {dcm_uid.UID(ts).name}"


def _elem(ds, tag: int):
  """ds.get_item(tag) without pydicom's key conversion: header values are read ~40 times a file.
  (Nothing here reads with defer_size, so no value waits to be loaded.)"""
  return ds._dict.get(tag)


def raw_text(ds, tag: int) -> str:
  """A text element's value without pydicom's conversion ('' when absent)."""
  elem = _elem(ds, tag)
  v = None if elem is None else elem.value
  if v is None:
    return ""
  if isinstance(v, bytes):
    return v.decode("ascii", "replace").strip(" \0")
  if isinstance(v, (list, pydicom.multival.MultiValue)):
    return "\\".join(str(x).strip() for x in v)
  return str(v).strip()


def num_frames(ds: pydicom.Dataset) -> int:
  n = _raw_numbers(ds, 0x00280008)  # NumberOfFrames (IS)
  return max(1, int(n[0])) if n and float(n[0]).is_integer() else 1


# Image pixel module tags, read with _uint: decoding reads each several times a file, and
# pydicom's element conversion (~10 us each) cost more than decoding a small image.
_SAMPLES_PER_PIXEL, _ROWS, _COLUMNS = 0x00280002, 0x00280010, 0x00280011
_BITS_ALLOCATED, _BITS_STORED, _PIXEL_REPRESENTATION = 0x00280100, 0x00280101, 0x00280103
_PIXEL_DATA = 0x7FE00010
_FUNCTIONAL_GROUPS = (0x52009229, 0x52009230)  # Shared-, PerFrameFunctionalGroupsSequence


def _uint(ds, tag: int) -> int:
  """First value of an unsigned (US) element, from its bytes when pydicom has not converted
  it yet; 0 when absent or empty."""
  elem = _elem(ds, tag)
  v = None if elem is None else elem.value
  if isinstance(v, bytes):
    little = getattr(elem, "is_little_endian", True)  # a raw element knows its byte order
    return struct.unpack_from("<H" if little else ">H", v)[0] if len(v) >= 2 else 0
  if isinstance(v, (list, pydicom.multival.MultiValue)):
    v = v[0] if len(v) else None
  return 0 if v is None or v == "" else int(v)


def _has_functional_groups(ds) -> bool:
  return _FUNCTIONAL_GROUPS[0] in ds or _FUNCTIONAL_GROUPS[1] in ds


def _native_length(ds) -> int:
  return _uint(ds, _ROWS) * _uint(ds, _COLUMNS) * num_frames(ds) * _uint(ds, _BITS_ALLOCATED) // 8


def pixel_hash(ds: pydicom.Dataset) -> bytes:
  """Digest of the stored pixel bytes: the same image under another study UID hashes equal."""
  return hashlib.sha256(ds.get_item(_PIXEL_DATA).value).digest()


def decode(ds: pydicom.Dataset, real_world: bool = False) -> np.ndarray:
  """Modality values of every frame: float32 [F, H, W].

  Rescale slope/intercept applied (per frame for enhanced MR), MONOCHROME1 inverted so that
  brighter always means more signal. real_world (parametric maps): a Real World Value Mapping
  (Philips writes the physical map value there, the rescale giving display values) wins over
  the rescale, and values in seconds become milliseconds.
  """
  ts = ds.file_meta.TransferSyntaxUID
  n, rows, cols = num_frames(ds), _uint(ds, _ROWS), _uint(ds, _COLUMNS)
  try:
    native = ts in _NATIVE and _uint(ds, _BITS_ALLOCATED) in (8, 16, 32)
    raw = _decode_native(ds, _NATIVE[ts], n * rows * cols) if native else stored_pixels(ds)
  except FileReject:
    raise
  except Exception as e:
    raise FileReject(f"pixel data not decodable ({ts.name}: {type(e).__name__})") from None
  arr = np.asarray(raw, np.float32).reshape(n, rows, cols)
  rwv = real_world_mapping(ds) if real_world else None
  slope, intercept = _rescale(ds, n) if rwv is None else (np.full(n, rwv[0], np.float32), np.full(n, rwv[1], np.float32))
  arr = arr * slope[:, None, None] + intercept[:, None, None]
  if raw_text(ds, 0x00280004) == "MONOCHROME1":  # PhotometricInterpretation
    arr = -arr
  return arr


def stored_pixels(ds: pydicom.Dataset) -> np.ndarray:
  """ds.pixel_array, by the fastest installed decoder of a lossless-only syntax (`_FAST_LOSSLESS`:
  every correct decoder gives the same pixels; measured 25% less CPU for JPEG 2000, 40% for
  JPEG-LS than pydicom's first choice, gdcm); when it is missing or fails, pydicom's own order."""
  plugin = _FAST_LOSSLESS.get(ds.file_meta.TransferSyntaxUID)
  if plugin in _installed_plugins(ds.file_meta.TransferSyntaxUID):
    try:
      ds.pixel_array_options(decoding_plugin=plugin)
      return ds.pixel_array
    except Exception:  # noqa: BLE001  (the other decoders may still read it, as before)
      ds.pixel_array_options(decoding_plugin="")
  return ds.pixel_array


_FAST_LOSSLESS = {dcm_uid.JPEG2000Lossless: "pylibjpeg", dcm_uid.JPEGLSLossless: "pyjpegls"}


@functools.lru_cache(maxsize=None)
def _installed_plugins(ts: str) -> tuple:
  return tuple(get_decoder(dcm_uid.UID(ts)).available_plugins)


def real_world_mapping(ds: pydicom.Dataset):
  """(slope, intercept) to milliseconds of the first Real World Value Mapping item (0040,9096),
  at the top level or in the shared functional groups of an enhanced image; None when absent."""
  seq = ds.get("RealWorldValueMappingSequence")
  if not seq:
    shared = _first(ds.get("SharedFunctionalGroupsSequence"))
    seq = _get(shared, "RealWorldValueMappingSequence")
  item = _first(seq)
  if item is None or "RealWorldValueSlope" not in item:
    return None
  units = _first(item.get("MeasurementUnitsCodeSequence"))
  to_ms = 1000.0 if units is not None and str(units.get("CodeValue", "")).strip() == "s" else 1.0
  return (float(item.RealWorldValueSlope) * to_ms, float(item.get("RealWorldValueIntercept", 0) or 0) * to_ms)


def _decode_native(ds, endian: str, n: int) -> np.ndarray:
  """The first n stored values of native pixel data, as integers."""
  bits = _uint(ds, _BITS_ALLOCATED)
  stored = _uint(ds, _BITS_STORED) or bits
  signed = _uint(ds, _PIXEL_REPRESENTATION) == 1
  dtype = np.dtype(f"{endian}{'i' if signed else 'u'}{bits // 8}")
  data = np.frombuffer(ds.get_item(_PIXEL_DATA).value, dtype, count=n).astype(dtype.newbyteorder("="))
  if stored < bits:  # drop bits above HighBit (overlays), sign-extend from BitsStored
    data = data & ((1 << stored) - 1)
    if signed:
      data = np.where(data >= (1 << (stored - 1)), data - (1 << stored), data)
  return data


def _rescale(ds, f: int) -> tuple:
  """Slope and intercept of each of the f frames, float32 [f] each."""
  slope = np.full(f, (_raw_numbers(ds, 0x00281053) or [1.0])[0] or 1.0, np.float32)  # RescaleSlope
  intercept = np.full(f, (_raw_numbers(ds, 0x00281052) or [0.0])[0], np.float32)  # RescaleIntercept
  if not _has_functional_groups(ds):
    return slope, intercept
  groups = functional_groups(ds)
  if groups is not None:
    for i, g in enumerate(groups[:f]):
      slope[i] = (_ds_numbers(g.get(0x00281053)) or [slope[i]])[0]
      intercept[i] = (_ds_numbers(g.get(0x00281052)) or [intercept[i]])[0]
    return slope, intercept
  shared = _first(ds.get("SharedFunctionalGroupsSequence"))
  per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
  for i in range(f):
    group = per_frame[i] if i < len(per_frame) else None
    item = (_first(_get(group, "PixelValueTransformationSequence"))
            or _first(_get(shared, "PixelValueTransformationSequence")))
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
  temporal: float = float("nan")  # order among dynamics (TemporalPositionIdentifier, else InstanceNumber)


def frames_of(ds: pydicom.Dataset) -> list:
  """Per-frame geometry of a single- or multi-frame image (classic or enhanced MR)."""
  n = num_frames(ds)
  if not _has_functional_groups(ds):
    return _classic_frames(ds, n)
  groups = functional_groups(ds)
  if groups is not None:
    base_tt, base_ti = _raw_numbers(ds, 0x00181060), _raw_numbers(ds, 0x00180082)
    out = []
    for i in range(n):
      g = groups[i] if i < len(groups) else groups[-1]
      tt, ti = _fd(g.get(0x00209153)) or base_tt, _fd(g.get(0x00189079)) or base_ti
      out.append(_frame(i, _ds_numbers(g.get(0x00200032)), _ds_numbers(g.get(0x00200037)),
                        _ds_numbers(g.get(0x00280030)), tt[0] if tt else None, ti[0] if ti else None,
                        _ul(g.get(0x00209128), i)))
    return out
  return _enhanced_frames_pydicom(ds, n)


def _enhanced_frames_pydicom(ds, n: int) -> list:
  """The general (slow) path for functional groups the raw walker does not handle."""
  shared = _first(ds.get("SharedFunctionalGroupsSequence"))
  per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
  out = []
  for i in range(n):
    group = per_frame[i] if i < len(per_frame) else None
    pos = _from_groups(group, shared, "PlanePositionSequence", "ImagePositionPatient") or ds.get("ImagePositionPatient")
    ori = (_from_groups(group, shared, "PlaneOrientationSequence", "ImageOrientationPatient")
           or ds.get("ImageOrientationPatient"))
    spacing = _from_groups(group, shared, "PixelMeasuresSequence", "PixelSpacing") or ds.get("PixelSpacing")
    tt = _from_groups(group, shared, "CardiacSynchronizationSequence", "NominalCardiacTriggerDelayTime")
    ti = _from_groups(group, shared, "MRModifierSequence", "InversionTimes")
    ti = ti[0] if isinstance(ti, (list, pydicom.multival.MultiValue)) and len(ti) else ti
    out.append(_frame(i, pos, ori, spacing, ds.get("TriggerTime") if tt is None else tt,
                      ds.get("InversionTime") if ti is None else ti, i))
  return out


def functional_groups(ds):
  """Per frame, the elements of every functional group macro (shared, then per-frame on top),
  as {tag: raw value bytes}, read straight from the undecoded sequence bytes: pydicom builds
  a Dataset per item, ~50 us a frame. None when the bytes are not in a form walked here
  (already decoded, big endian, undefined lengths); callers then use pydicom."""
  ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
  if ts is None or ts in (dcm_uid.ExplicitVRBigEndian, dcm_uid.DeflatedExplicitVRLittleEndian):
    return None
  implicit = ts == _IMPLICIT_LE
  try:
    shared = _flat_groups(_raw_bytes(ds, 0x52009229), implicit)
    per_frame = _items(_raw_bytes(ds, 0x52009230), implicit) if 0x52009230 in ds else []
    return [{**shared, **_flat_groups_item(b, implicit)} for b in per_frame] or [shared]
  except (ValueError, struct.error):
    return None


def _raw_bytes(ds, tag) -> bytes:
  if tag not in ds:
    return b""
  elem = ds.get_item(tag)
  if not isinstance(elem.value, (bytes, bytearray)) or getattr(elem, "length", 0) == 0xFFFFFFFF:
    raise ValueError("not raw")
  return bytes(elem.value)


def _items(value: bytes, implicit: bool) -> list:
  """Payloads of the defined-length items of a sequence value."""
  out, pos = [], 0
  while pos + 8 <= len(value):
    group, elem, length = struct.unpack_from("<HHI", value, pos)
    if (group, elem) != (0xFFFE, 0xE000) or length == 0xFFFFFFFF or pos + 8 + length > len(value):
      raise ValueError("unsupported item")
    out.append(value[pos + 8:pos + 8 + length])
    pos += 8 + length
  return out


def _elements(data: bytes, implicit: bool) -> dict:
  out, pos = {}, 0
  while pos < len(data):
    pos, tag, value = _element(data, pos, implicit)
    if value is None:
      raise ValueError("undefined length")
    out[tag] = value
  return out


def _flat_groups(seq_value: bytes, implicit: bool) -> dict:
  items = _items(seq_value, implicit) if seq_value else []
  return _flat_groups_item(items[0], implicit) if items else {}


def _flat_groups_item(item: bytes, implicit: bool) -> dict:
  """One functional-groups item -> the elements of the first item of each macro sequence."""
  flat = {}
  for value in _elements(item, implicit).values():
    inner = _items(value, implicit)
    if inner:
      flat.update(_elements(inner[0], implicit))
  return flat


def _ds_numbers(raw):
  if not raw:
    return None
  return [float(x) for x in raw.decode("ascii").strip(" \0").split("\\") if x.strip()] or None


def _fd(raw):
  if not raw or len(raw) % 8:
    return None
  return list(struct.unpack(f"<{len(raw) // 8}d", raw))


def _classic_frames(ds, n: int) -> list:
  """Frames of a classic image: one plane; a multi-frame one is a time series FrameTime apart."""
  pos, ori, spacing = (_raw_numbers(ds, t) for t in (0x00200032, 0x00200037, 0x00280030))
  tt, ti, frame_time = (_raw_numbers(ds, t) for t in (0x00181060, 0x00180082, 0x00181063))
  tt0 = tt[0] if tt else (0.0 if n > 1 and frame_time else None)
  temporal = _raw_numbers(ds, 0x00200100) or _raw_numbers(ds, 0x00200013)  # TemporalPositionIdentifier, InstanceNumber
  t0 = temporal[0] if temporal else 0.0
  return [_frame(i, pos, ori, spacing, None if tt0 is None else tt0 + i * (frame_time[0] if frame_time else 0.0),
                 ti[0] if ti else None, t0 + i) for i in range(n)]


def _raw_numbers(ds, tag: int):
  """Numbers of a DS/IS element straight from its bytes (pydicom's value conversion is the
  costly part of reading geometry from thousands of files); None when absent or empty."""
  try:
    elem = _elem(ds, tag)
  except Exception:
    return None
  if elem is None or elem.value is None:
    return None
  v = elem.value
  try:
    if isinstance(v, bytes):
      return _ds_numbers(v)
    return [float(x) for x in (v if isinstance(v, (list, pydicom.multival.MultiValue)) else [v])] or None
  except (ValueError, UnicodeDecodeError):
    return None


def _frame(i, pos, ori, spacing, tt, ti, temporal=None) -> "Frame":
  if pos is None or ori is None or spacing is None or len(pos) != 3 or len(ori) != 6 or len(spacing) != 2:
    raise FileReject("missing image geometry (position, orientation or pixel spacing)")
  return Frame(i, tuple(float(v) for v in pos), tuple(float(v) for v in ori), tuple(float(v) for v in spacing),
               _float(tt), _float(ti), _float(temporal))


def _ul(raw, default):
  """First value of a raw little-endian UL element (TemporalPositionIndex), else `default`."""
  return struct.unpack_from("<I", raw)[0] if raw and len(raw) >= 4 else default


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
