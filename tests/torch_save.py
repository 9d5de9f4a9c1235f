"""`torch.save` of a {name: np.ndarray} dict without torch, in both of torch's formats: the zip
(torch >= 1.6) and the legacy stream (before 1.6), so tests can make `pytorch_model.bin` files
that do not live in git.

Arrays stand for tensors the way torch's do: arrays that are numpy views of one buffer (a row
slice, a transpose, the same array under two names as in a tied decoder) are written as views
of one storage, with their offset and strides. tests/data/make_golden.py checks both formats
against `torch.load` once (tensors, strides and shared storages); tests here never need torch.

The pickle is written opcode by opcode (protocol 2, as torch writes it): the standard pickler
would have to import torch to name `torch._utils._rebuild_tensor_v2` and `torch.FloatStorage`.
"""

import collections
import hashlib
import io
import os
import pickle
import struct
import zipfile

import numpy as np

_STORAGE = {np.dtype(np.float32): "FloatStorage", np.dtype(np.float16): "HalfStorage",
            np.dtype(np.float64): "DoubleStorage", np.dtype(np.int64): "LongStorage",
            np.dtype(np.int32): "IntStorage", np.dtype(np.uint8): "ByteStorage", np.dtype(np.bool_): "BoolStorage"}
_LEGACY_MAGIC, _LEGACY_PROTOCOL = 0x1950a86a20f9469cfc6c, 1001  # torch/serialization.py
_ALIGN = 64  # torch pads each zip record so its bytes start at a multiple of this (mmap loads)


def save_zip(state: dict, path: str) -> None:
  """torch.save(state, path) as torch >= 1.6 writes it: records under `<stem>/` (data.pkl,
  .format_version, .storage_alignment, byteorder, data/<key>, version, .data/serialization_id),
  stored uncompressed, each one's bytes 64-byte aligned by a padding extra field ("FB")."""
  roots = _storages(state)
  pkl = _pickle_state(state, roots, legacy=False)
  stem = os.path.splitext(os.path.basename(path))[0]
  records = [("data.pkl", pkl), (".format_version", b"1"), (".storage_alignment", str(_ALIGN).encode()),
             ("byteorder", b"little")]
  records += [(f"data/{key}", _le_bytes(root)) for key, root in roots.values()]
  serialization_id = str(int.from_bytes(hashlib.sha256(pkl).digest()[:16], "little")).zfill(40)  # torch: random
  records += [("version", b"3\n"), (".data/serialization_id", serialization_id.encode())]
  with open(path + ".tmp", "wb") as f, zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as zf:
    for name, data in records:
      info = zipfile.ZipInfo(f"{stem}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
      start = f.tell() + 30 + len(info.filename.encode()) + 4  # local header, name, the extra's own header
      pad = -start % _ALIGN
      info.extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
      zf.writestr(info, data)
  os.replace(path + ".tmp", path)


def save_legacy(state: dict, path: str) -> None:
  """torch.save(state, path, _use_new_zipfile_serialization=False): pickles of the magic
  number, the protocol version and the system info, the state's pickle, the sorted storage
  keys, then each storage as int64 element count + its raw little-endian bytes."""
  roots = _storages(state)  # torch keys legacy storages by address; any distinct strings load
  sys_info = {"protocol_version": _LEGACY_PROTOCOL, "little_endian": True,
              "type_sizes": {"short": 2, "int": 4, "long": 4}}
  out = io.BytesIO()
  for header in (_LEGACY_MAGIC, _LEGACY_PROTOCOL, sys_info):
    out.write(pickle.dumps(header, protocol=2))
  out.write(_pickle_state(state, roots, legacy=True))
  keys = sorted(key for key, _ in roots.values())
  out.write(pickle.dumps(keys, protocol=2))
  by_key = {key: root for key, root in roots.values()}
  for key in keys:
    out.write(struct.pack("<q", by_key[key].size) + _le_bytes(by_key[key]))
  with open(path + ".tmp", "wb") as f:
    f.write(out.getvalue())
  os.replace(path + ".tmp", path)


def _root(a: np.ndarray) -> np.ndarray:
  """The array owning `a`'s memory: what torch calls the tensor's storage."""
  while isinstance(a.base, np.ndarray):
    a = a.base
  if not a.flags.c_contiguous:
    raise ValueError("a storage must be a contiguous array")
  return a


def _storages(state: dict) -> dict:
  """{id(root): (key, root)} for the roots of `state`'s arrays, keyed "0", "1", ... in first-seen
  order (as the zip format keys them)."""
  roots = {}
  for a in state.values():
    root = _root(a)
    if id(root) not in roots:
      roots[id(root)] = (str(len(roots)), root)
  return roots


def _le_bytes(a: np.ndarray) -> bytes:
  return a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()


def _pickle_state(state: dict, roots: dict, legacy: bool) -> bytes:
  """Protocol-2 pickle of `state` (an OrderedDict stays one) with each array as
  _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()), the storage a
  persistent id ('storage', torch.<Type>Storage, key, 'cpu', numel[, None])."""
  p = _Pickle()
  p.op(b"\x80\x02")  # PROTO 2
  if isinstance(state, collections.OrderedDict):
    p.global_("collections", "OrderedDict")
    p.op(b")R")  # EMPTY_TUPLE REDUCE: OrderedDict()
  else:
    p.op(b"}")  # EMPTY_DICT
  p.op(b"(")  # MARK
  for name, a in state.items():
    key, root = roots[id(_root(a))]
    p.str_(name)
    p.global_("torch._utils", "_rebuild_tensor_v2")
    p.op(b"((")  # MARK for the args, MARK for the persistent id
    p.str_("storage")
    p.global_("torch", _STORAGE[a.dtype])
    p.str_(key)
    p.str_("cpu")
    p.int_(root.size)
    if legacy:
      p.op(b"N")  # view_metadata: always None from torch's _legacy_save
    p.op(b"tQ")  # TUPLE BINPERSID
    p.int_((a.__array_interface__["data"][0] - root.__array_interface__["data"][0]) // a.itemsize)
    p.tuple_(a.shape)
    p.tuple_(s // a.itemsize for s in a.strides)
    p.op(b"\x89")  # NEWFALSE: requires_grad
    p.global_("collections", "OrderedDict")
    p.op(b")R")  # backward hooks: OrderedDict()
    p.op(b"tR")  # TUPLE REDUCE: the tensor
  p.op(b"u.")  # SETITEMS STOP
  return p.buf.getvalue()


class _Pickle:
  """The few protocol-2 opcodes a tensor state dict needs (see pickletools for their codes)."""

  def __init__(self):
    self.buf = io.BytesIO()

  def op(self, code: bytes):
    self.buf.write(code)

  def global_(self, module: str, name: str):
    self.op(b"c" + f"{module}\n{name}\n".encode())

  def str_(self, s: str):
    data = s.encode()
    self.op(b"X" + struct.pack("<I", len(data)) + data)

  def int_(self, n: int):
    if 0 <= n < 1 << 8:
      self.op(b"K" + struct.pack("<B", n))
    elif 0 <= n < 1 << 16:
      self.op(b"M" + struct.pack("<H", n))
    elif -(1 << 31) <= n < 1 << 31:
      self.op(b"J" + struct.pack("<i", n))
    else:
      data = n.to_bytes((n.bit_length() + 8) // 8, "little", signed=True)
      self.op(b"\x8a" + struct.pack("<B", len(data)) + data)  # LONG1

  def tuple_(self, items):
    self.op(b"(")
    for n in items:
      self.int_(int(n))
    self.op(b"t")
