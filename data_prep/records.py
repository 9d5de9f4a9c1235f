"""The record schema shared by `convert` (writer) and the input pipeline (reader).

One msgpack map per study (docs/design.md, "Record schema"). Arrays travel as raw bytes plus a
shape, so decoding is a `np.frombuffer` with no copy.

Version 2 stores each present view slot as its own array (`views`: {slot name: {dtype, shape,
data}}), with the dtype and frame count its slot declares (data_prep/slots.py): maps are uint16
milliseconds, most slots uint8 [T, H, W], a long-axis LGE one image. Version 1 stored one uint8
[8, T, H, W] block for the first 8 slots; `decode` still reads it, its later slots absent.
"""

import msgpack
import numpy as np

from data_prep import slots

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)

# View slots, in record order (V = len(VIEWS)): the names of the slot table.
VIEWS = slots.NAMES
NUM_VIEWS = len(VIEWS)
CINE_VIEWS = tuple(s.name for s in slots.SLOTS if s.kind == "cine")

# Ground-truth fields a `labels` map may hold (eval only; training never reads them).
DIAGNOSES = ("NOR", "DCM", "HCM", "MINF", "ARV")
FINDINGS = ("lv_dilation", "lv_hypertrophy", "lv_dysfunction", "rv_dilation", "lge", "raised_native_t1", "oedema")
# Which slots a finding is read from: the cross-site targets are set on the cine / LGE ones, and a
# model trained without the map slots cannot be judged on the map ones.
FINDING_GROUPS = {"cine_lge": FINDINGS[:5], "maps": FINDINGS[5:]}

# Sentencepiece ids fixed at tokenizer training time: 0 pads, so `tokens != 0` is the mask.
PAD_ID, UNK_ID, BOS_ID, EOS_ID = 0, 1, 2, 3


def pack_views(views: dict) -> dict:
  """{slot name: array [T, H, W]} -> the record's `views` map, each array cast to its slot's dtype
  (values out of the dtype's range are a bug upstream: refused, never wrapped). An entry already
  in packed form (convert's cache holds this function's output) passes through uncopied: at the
  published recipe a record is tens of MB, and the writer holds each copy in memory."""
  out = {}
  for name, arr in views.items():
    if isinstance(arr, dict):
      out[name] = arr
      continue
    dtype = np.dtype(slots.BY_NAME[name].dtype)
    arr = np.asarray(arr)
    if arr.ndim != 3:
      raise ValueError(f"view {name}: want [T, H, W], got {arr.shape}")
    if arr.dtype != dtype:
      if arr.size and (arr.min() < 0 or arr.max() > np.iinfo(dtype).max):
        raise ValueError(f"view {name}: values outside {dtype}")
      arr = arr.astype(dtype)
    out[name] = {"dtype": dtype.name, "shape": list(arr.shape), "data": np.ascontiguousarray(arr).tobytes()}
  return out


def unpack_views(packed: dict) -> dict:
  """Inverse of `pack_views`: {slot name: array [T, H, W]} (read-only views of the bytes).
  Slots this table does not know (a newer writer's) are left out."""
  return {name: np.frombuffer(v["data"], np.dtype(v["dtype"])).reshape(v["shape"])
          for name, v in packed.items() if name in slots.BY_NAME}


def stack_views(frames: np.ndarray, view_mask: np.ndarray, names=VIEWS) -> dict:
  """uint8 [V, T, H, W] + bool [V] over `names` -> {name: [T, H, W]} of the present views."""
  return {n: frames[i] for i, n in enumerate(names) if view_mask[i]}


def view_mask(views: dict, names=VIEWS) -> np.ndarray:
  """bool [len(names)]: which of `names` a study has."""
  return np.array([n in views for n in names], bool)


def encode(record: dict) -> bytes:
  """Serialises one study.

  record: study_id str, patient_id str, views {slot name: array [T, H, W] of the slot's dtype},
    report str, tokens int32 [L], labels dict, meta dict.
  """
  tokens = np.ascontiguousarray(record["tokens"], np.int32)
  return msgpack.packb({
      "schema_version": SCHEMA_VERSION,
      "study_id": record["study_id"],
      "patient_id": record["patient_id"],
      "views": pack_views(record["views"]),
      "report": record["report"],
      "tokens": tokens.tobytes(),
      "labels": dict(record.get("labels") or {}),
      "meta": dict(record.get("meta") or {}),
  }, use_bin_type=True)


def decode(raw: bytes) -> dict:
  """Inverse of `encode`: views {slot name: [T, H, W]}, view_mask bool [V] over VIEWS, tokens
  int32 [L]. A version-1 record's block becomes its present views (all uint8)."""
  d = msgpack.unpackb(raw, raw=False)
  version = d.get("schema_version")
  if version not in READABLE_VERSIONS:
    raise ValueError(f"record schema_version {version} is not one of {READABLE_VERSIONS}")
  if version == 1:
    frames = np.frombuffer(d.pop("frames"), np.uint8).reshape(d.pop("frames_shape"))
    d["views"] = stack_views(frames, np.frombuffer(d["view_mask"], np.bool_), slots.V1_NAMES)
  else:
    d["views"] = unpack_views(d["views"])
  d["view_mask"] = view_mask(d["views"])
  d["tokens"] = np.frombuffer(d["tokens"], np.int32)
  return d
