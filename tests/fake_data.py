"""Tiny convert-shaped datasets for tests and benchmarks: real ArrayRecord shards of
records.encode(...) plus a contract-2 manifest.json, with random pixels and tokens, and a real
sentencepiece model of its reports (what training reads when it samples report sentences).
schema_version=1 writes records the way convert did before the slot table (one uint8
[8, T, H, W] block), written here by hand so old data stays checkable."""

import json
import os

import msgpack
import numpy as np
from array_record.python.array_record_module import ArrayRecordWriter

from data_prep import records, text as text_lib


def write_dataset(out_dir, splits=None, frames_shape=(8, 4, 32, 32), max_tokens=16,
                  vocab_size=64, shards=2, seed=0, schema_version=records.SCHEMA_VERSION) -> str:
  """Writes {split}.array_record-XXXXX-of-NNNNN + manifest.json; returns out_dir.

  splits: {name: number of studies}; reports repeat every 7 studies, so some are identical.
  """
  splits = splits or {"train": 64, "val": 16}
  rng = np.random.default_rng(seed)
  os.makedirs(out_dir, exist_ok=True)
  names = records.VIEWS[:frames_shape[0]]
  manifest = {"schema_version": schema_version, "frames_shape": list(frames_shape), "views": list(names), "spacing_mm": 2.0, "max_tokens": max_tokens,
              "vocab_size": vocab_size, "tokenizer": "tokenizer.model", "splits": {}}
  for split, n in splits.items():
    files = []
    for s in range(shards):
      name = f"{split}.array_record-{s:05d}-of-{shards:05d}"
      writer = ArrayRecordWriter(os.path.join(out_dir, name), "group_size:1")
      count = 0
      for i in range(s, n, shards):
        mask = rng.random(frames_shape[0]) < 0.7
        mask[rng.integers(frames_shape[0])] = True
        length = int(rng.integers(4, max_tokens + 1))
        tokens = np.zeros(max_tokens, np.int32)
        tokens[:length] = rng.integers(4, vocab_size, length)
        frames = rng.integers(0, 256, frames_shape, dtype=np.uint8) * mask[:, None, None, None]
        record = {"study_id": f"{split}{i}", "patient_id": f"p{split}{i}", "report": _report(i % 7),
                  "tokens": tokens, "labels": {}, "meta": {}}
        writer.write(encode_v1({**record, "frames": frames, "view_mask": mask}) if schema_version == 1 else
                     records.encode({**record, "views": records.stack_views(frames, mask, names)}))
        count += 1
      writer.close()
      files.append({"file": name, "records": count, "sha256": ""})
    manifest["splits"][split] = {"studies": n, "patients": n, "shards": files}
  tokenizer = os.path.join(out_dir, "tokenizer.model")
  if not os.path.exists(tokenizer):  # a caller's own tokenizer stays
    reached = text_lib.train_tokenizer([_report(k) for k in range(7)], tokenizer, vocab_size)
    assert reached <= vocab_size, (reached, vocab_size)
  with open(os.path.join(out_dir, "manifest.json"), "w") as f:
    json.dump(manifest, f)
  return out_dir


def _report(k: int) -> str:
  return f"Finding  {k}. Normal LV."


def encode_v1(record: dict) -> bytes:
  """A schema-version-1 record (frames uint8 [8, T, H, W], view_mask bool [8]) as convert wrote it."""
  return msgpack.packb({
      "schema_version": 1, "study_id": record["study_id"], "patient_id": record["patient_id"],
      "frames": np.ascontiguousarray(record["frames"], np.uint8).tobytes(), "frames_shape": list(record["frames"].shape),
      "view_mask": np.ascontiguousarray(record["view_mask"], np.bool_).tobytes(), "report": record["report"],
      "tokens": np.ascontiguousarray(record["tokens"], np.int32).tobytes(), "labels": dict(record.get("labels") or {}),
      "meta": dict(record.get("meta") or {})}, use_bin_type=True)
