"""Atomic file writes: a file appears under its final name only when complete."""

import json
import os


def write_atomic(path: str, data: bytes | str, mode: int | None = None) -> str:
  """Writes `data` to a hidden temp file beside `path`, then renames it into place."""
  tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
  with open(tmp, "wb") as f:
    f.write(data.encode("utf-8") if isinstance(data, str) else data)
  if mode is not None:
    os.chmod(tmp, mode)
  os.replace(tmp, path)
  return path


def write_json(path: str, obj, **dump_kwargs) -> str:
  """`obj` as indented JSON (json.dumps keyword arguments pass through), written atomically."""
  return write_atomic(path, json.dumps(obj, indent=2, **dump_kwargs) + "\n")
