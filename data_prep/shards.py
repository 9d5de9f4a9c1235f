"""Atomic output writing: ArrayRecord shards, JSON / JSONL files, content hashes.

Every file appears under its final name only when complete (temp name + os.replace), so a
reader never sees half a shard and a killed run leaves nothing that looks finished.
"""

import ctypes
import hashlib
import json
import os
import re

from array_record.python.array_record_module import ArrayRecordWriter

from data_prep import fileio

# One record per chunk for random access; uncompressed because frames barely compress and
# reading stays a memcpy (and the shareable bytes can be audited with grep).
_OPTIONS = "group_size:1,uncompressed"
_M_MMAP_THRESHOLD = -3  # glibc mallopt parameter
_SHARD = re.compile(r"^(train|val|test|all)\.array_record-\d{5}-of-\d{5}$")


def shard_name(split: str, index: int, count: int) -> str:
  return f"{split}.array_record-{index:05d}-of-{count:05d}"


def sizes(n: int, num_shards: int) -> list:
  """Records per shard when n records in order are cut into contiguous runs (at most n shards)."""
  count = max(1, min(num_shards, n)) if n else 0
  return [(i + 1) * n // count - i * n // count for i in range(count)]


def write_shard(path: str, records) -> None:
  """records: encoded bytes, consumed one at a time (memory stays one record), written to a temp
  name beside `path` and renamed into place."""
  tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
  writer = ArrayRecordWriter(tmp, _OPTIONS)
  for r in records:
    writer.write(r)
    del r  # else it lives on while the next record is made: two records in memory
  writer.close()
  os.replace(tmp, path)


def write_split(out_dir: str, split: str, records, shard_sizes: list) -> list:
  """records: iterable of sum(shard_sizes) encoded bytes, in order; contiguous runs go to each shard.

  Returns [{'file', 'records', 'sha256'}] (files relative to out_dir).
  """
  _big_buffers_from_mmap()
  records, out = iter(records), []
  for i, size in enumerate(shard_sizes):
    name = shard_name(split, i, len(shard_sizes))
    write_shard(os.path.join(out_dir, name), (next(records) for _ in range(size)))
    out.append({"file": name, "records": size, "sha256": sha256_file(os.path.join(out_dir, name))})
  return out


def _big_buffers_from_mmap() -> None:
  """Each record (tens of MB at the published recipe) and its copies are allocated and freed in
  turn. glibc raises its mmap threshold to the size of a freed mapping (up to 32 MB), after which
  such buffers come from the heap, which fragments and does not shrink: the writing process's peak
  then grows with the number of records written. A fixed 1 MB threshold keeps every big buffer a
  mapping of its own, returned to the system when freed. No-op off glibc."""
  try:
    ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, 1 << 20)
  except (OSError, AttributeError):
    pass


def remove_stale(out_dir: str, keep) -> list:
  """Deletes shards and temp files of earlier runs that this run did not write."""
  keep, gone = set(keep), []
  for name in os.listdir(out_dir):
    if (_SHARD.match(name) and name not in keep) or (name.startswith(".") and name.endswith(".tmp")):
      os.remove(os.path.join(out_dir, name))
      gone.append(name)
  return gone


def sha256_file(path: str) -> str:
  h = hashlib.sha256()
  with open(path, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
      h.update(block)
  return h.hexdigest()


def json_bytes(obj) -> bytes:
  return (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode()


def jsonl_bytes(rows) -> bytes:
  return "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows).encode()


def write_json(path: str, obj) -> None:
  fileio.write_atomic(path, json_bytes(obj))


def write_jsonl(path: str, rows) -> None:
  fileio.write_atomic(path, jsonl_bytes(rows))


def register_tfds(out_dir: str, splits: dict) -> None:
  """Writes TFDS metadata (dataset_info.json, features.json) next to the shards, so that
  `tfds.builder_from_directory(out_dir).as_data_source(split, deserialize_method=
  tfds.decode.DeserializeMethod.RAW_BYTES)` reads the same files, no second copy and no
  TensorFlow. Records stay msgpack: decode them with `data_prep.records.decode`.

  splits: manifest 'splits' ({split: {'shards': [{'file', 'records'}]}}).
  """
  import tensorflow_datasets as tfds  # heavy; only here
  template = "{SPLIT}.{FILEFORMAT}-{SHARD_X_OF_Y}"  # the contract's shard names
  infos = []
  for split, info in splits.items():
    if info["shards"]:
      infos.append(tfds.core.SplitInfo(
          name=split, shard_lengths=[s["records"] for s in info["shards"]],
          num_bytes=sum(os.path.getsize(os.path.join(out_dir, s["file"])) for s in info["shards"]),
          filename_template=tfds.core.ShardedFileTemplate(data_dir=out_dir, template=template, dataset_name="cmr_clip",
                                                          split=split, filetype_suffix="array_record")))
  # TFDS writes these two small files itself (not atomically); a killed run rewrites them.
  tfds.folder_dataset.write_metadata(
      data_dir=out_dir, features=tfds.features.FeaturesDict({"study_id": tfds.features.Text()}), split_infos=infos,
      filename_template=template, check_data=False,
      description="cmr-clip-jax studies: msgpack records (data_prep.records); read with RAW_BYTES")
