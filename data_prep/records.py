"""The record schema shared by `convert` (writer) and the input pipeline (reader).

One msgpack map per study (docs/design.md, "Record schema"). Arrays travel as raw bytes plus a
shape, so decoding is a `np.frombuffer` with no copy.
"""

import msgpack
import numpy as np

SCHEMA_VERSION = 1

# View slots, in record order (V = 8).
VIEWS = (
    "cine_sax_base", "cine_sax_mid", "cine_sax_apex",
    "cine_4ch", "cine_2ch", "cine_3ch",
    "lge_sax", "lge_lax",
)
NUM_VIEWS = len(VIEWS)
CINE_VIEWS = VIEWS[:6]

# Ground-truth fields a `labels` map may hold (eval only; training never reads them).
DIAGNOSES = ("NOR", "DCM", "HCM", "MINF", "ARV")
FINDINGS = ("lv_dilation", "lv_hypertrophy", "lv_dysfunction", "rv_dilation", "lge")

# Sentencepiece ids fixed at tokenizer training time: 0 pads, so `tokens != 0` is the mask.
PAD_ID, UNK_ID, BOS_ID, EOS_ID = 0, 1, 2, 3


def encode(record: dict) -> bytes:
  """Serialises one study.

  record: study_id str, patient_id str, frames uint8 [V, T, H, W], view_mask bool [V],
    report str, tokens int32 [L], labels dict, meta dict.
  """
  frames = np.ascontiguousarray(record["frames"], np.uint8)
  tokens = np.ascontiguousarray(record["tokens"], np.int32)
  view_mask = np.ascontiguousarray(record["view_mask"], np.bool_)
  if frames.ndim != 4 or frames.shape[0] != NUM_VIEWS or view_mask.shape != (NUM_VIEWS,):
    raise ValueError(f"bad frames {frames.shape} / view_mask {view_mask.shape}")
  return msgpack.packb({
      "schema_version": SCHEMA_VERSION,
      "study_id": record["study_id"],
      "patient_id": record["patient_id"],
      "frames": frames.tobytes(),
      "frames_shape": list(frames.shape),
      "view_mask": view_mask.tobytes(),
      "report": record["report"],
      "tokens": tokens.tobytes(),
      "labels": dict(record.get("labels") or {}),
      "meta": dict(record.get("meta") or {}),
  }, use_bin_type=True)


def decode(raw: bytes) -> dict:
  """Inverse of `encode`: frames uint8 [V, T, H, W], view_mask bool [V], tokens int32 [L]."""
  d = msgpack.unpackb(raw, raw=False)
  if d.get("schema_version") != SCHEMA_VERSION:
    raise ValueError(f"record schema_version {d.get('schema_version')} != {SCHEMA_VERSION}")
  d["frames"] = np.frombuffer(d["frames"], np.uint8).reshape(d.pop("frames_shape"))
  d["view_mask"] = np.frombuffer(d["view_mask"], np.bool_)
  d["tokens"] = np.frombuffer(d["tokens"], np.int32)
  return d
