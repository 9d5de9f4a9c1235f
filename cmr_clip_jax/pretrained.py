"""Start from published towers: read a local checkpoint folder and map it onto our params.

Readers, without PyTorch:
  - `model.safetensors` (+ `model.safetensors.index.json` shards) through safetensors' numpy API;
  - `pytorch_model.bin`, the zip that `torch.save` writes: `data.pkl` is unpickled with an
    unpickler that rebuilds only tensors (numpy views of the zip's `data/<key>` storages) and
    ordered dicts, and refuses every other class, so a checkpoint cannot run code.
Mappers: Hugging Face BERT (bare `BertModel` keys or `bert.`-prefixed, e.g. `BertForMaskedLM`)
onto `cmr_clip_jax.bert.BertEncoder`.

Nothing here downloads: the user fetches the folder once (README) and passes its path.
"""

import collections
import functools
import hashlib
import json
import os
import pickle
import re
import zipfile

import ml_dtypes
import numpy as np

from cmr_clip_jax import bert as bert_lib
from data_prep.errors import UserError

_TORCH_STORAGES = {
    "FloatStorage": np.float32, "HalfStorage": np.float16, "BFloat16Storage": ml_dtypes.bfloat16,
    "DoubleStorage": np.float64, "LongStorage": np.int64, "IntStorage": np.int32,
    "ShortStorage": np.int16, "CharStorage": np.int8, "ByteStorage": np.uint8, "BoolStorage": np.bool_,
}


# ---------------------------------------------------------------------------------------------
# Readers: folder -> {key: numpy array}


def read_json(folder: str, name: str = "config.json") -> dict:
  path = os.path.join(folder, name)
  if not os.path.isfile(path):
    raise UserError(f"no {name} in {folder!r}: expected a Hugging Face folder as save_pretrained writes it")
  with open(path) as f:
    return json.load(f)


def weights_file(folder: str) -> str:
  """The weights file of a checkpoint folder (safetensors preferred), or UserError."""
  if os.path.isfile(folder):
    return folder
  for name in ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin"):
    if os.path.isfile(os.path.join(folder, name)):
      return os.path.join(folder, name)
  raise UserError(f"no model.safetensors or pytorch_model.bin in {folder!r}")


def read_state_dict(path: str) -> dict:
  """{name: np.ndarray} of a checkpoint folder or file (.safetensors, .safetensors.index.json,
  .bin, .npz)."""
  path = weights_file(path)
  if path.endswith(".safetensors"):
    from safetensors.numpy import load_file
    return load_file(path)
  if path.endswith(".index.json"):
    with open(path) as f:
      shards = sorted(set(json.load(f)["weight_map"].values()))
    return {k: v for s in shards for k, v in read_state_dict(os.path.join(os.path.dirname(path), s)).items()}
  if path.endswith(".npz"):
    with np.load(path) as z:
      return dict(z)
  if path.endswith(".bin"):
    return read_torch_zip(path)
  raise UserError(f"unknown checkpoint format: {path}")


def read_torch_zip(path: str) -> dict:
  """A `torch.save` zip (pytorch_model.bin) -> {name: np.ndarray}, without torch."""
  if not zipfile.is_zipfile(path):
    raise UserError(f"{path} is a legacy (pre-zip) torch pickle: re-save it with torch >= 1.6, or as safetensors")
  with zipfile.ZipFile(path) as zf:
    pkl = [n for n in zf.namelist() if n.endswith("/data.pkl") or n == "data.pkl"]
    if not pkl:
      raise UserError(f"{path} has no data.pkl: not a torch.save file")
    prefix = pkl[0][:-len("data.pkl")]
    order = prefix + "byteorder"
    if order in zf.namelist() and zf.read(order).strip() != b"little":
      raise UserError(f"{path} was saved big-endian")
    with zf.open(pkl[0]) as f:
      state = _TorchUnpickler(f, zf, prefix).load()
  if not isinstance(state, dict):
    raise UserError(f"{path} holds a {type(state).__name__}, not a state dict")
  return {k: v for k, v in state.items() if isinstance(v, np.ndarray)}


class _Storage:
  def __init__(self, name):
    self.dtype = np.dtype(_TORCH_STORAGES[name])


def _rebuild_tensor(storage, offset, size, stride, *unused):
  """torch._utils._rebuild_tensor_v2: a strided view of a flat storage, copied out."""
  itemsize = storage.dtype.itemsize
  view = np.lib.stride_tricks.as_strided(storage[offset:], tuple(size), tuple(s * itemsize for s in stride))
  return np.array(view)


class _TorchUnpickler(pickle.Unpickler):
  """Rebuilds tensors as numpy arrays; any class but these few is refused."""

  def __init__(self, f, zf, prefix):
    super().__init__(f)
    self._zf, self._prefix, self._storages = zf, prefix, {}

  def find_class(self, module, name):
    if (module, name) == ("collections", "OrderedDict"):
      return collections.OrderedDict
    if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
      return _rebuild_tensor
    if (module, name) == ("torch._utils", "_rebuild_parameter"):
      return lambda data, requires_grad, hooks: data
    if module == "torch" and name in _TORCH_STORAGES:
      return _Storage(name)
    raise UserError(f"checkpoint pickle refers to {module}.{name}: not a plain tensor state dict, refused")

  def persistent_load(self, pid):
    kind, storage, key, _, _ = pid
    if kind != "storage" or not isinstance(storage, _Storage):
      raise UserError(f"checkpoint pickle has an unknown persistent id {pid[:2]}")
    if key not in self._storages:
      self._storages[key] = np.frombuffer(self._zf.read(f"{self._prefix}data/{key}"), storage.dtype)
    return self._storages[key]


def file_digest(path: str) -> str:
  """sha256 of a checkpoint's weights file (what model cards record), first 16 hex digits."""
  h = hashlib.sha256()
  with open(weights_file(path), "rb") as f:
    for block in iter(functools.partial(f.read, 1 << 24), b""):
      h.update(block)
  return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# BERT


def bert_config(folder: str) -> bert_lib.BertConfig:
  return bert_lib.BertConfig.from_hf(read_json(folder))


def _strip_bert_keys(state: dict) -> dict:
  """Bare `BertModel` keys from bare or `bert.`-prefixed ones; old TF-converted `gamma`/`beta`
  LayerNorm names read as `weight`/`bias` (transformers does the same)."""
  prefixed = any(k.startswith("bert.") for k in state)
  out = {}
  for k, v in state.items():
    if prefixed:
      if not k.startswith("bert."):
        continue  # task heads (cls.*, classifier.*)
      k = k[len("bert."):]
    out[re.sub(r"LayerNorm\.gamma$", "LayerNorm.weight", re.sub(r"LayerNorm\.beta$", "LayerNorm.bias", k))] = v
  return out


def bert_params(state: dict, cfg: bert_lib.BertConfig) -> dict:
  """A BERT state dict -> params of `bert.BertEncoder` (f32; Linear [out, in] -> kernel [in, out])."""
  state = _strip_bert_keys(state)

  def get(key, shape):
    if key not in state:
      raise UserError(f"BERT checkpoint has no {key!r} (keys look like {sorted(state)[:3]})")
    v = np.asarray(state[key], np.float32)
    if v.shape != shape:
      raise UserError(f"BERT checkpoint {key!r} has shape {v.shape}, config.json implies {shape}")
    return v

  d, inner = cfg.hidden_size, cfg.intermediate_size
  dense = lambda p, n_in, n_out: {"kernel": get(p + ".weight", (n_out, n_in)).T, "bias": get(p + ".bias", (n_out,))}
  norm = lambda p: {"scale": get(p + ".weight", (d,)), "bias": get(p + ".bias", (d,))}
  params = {
      "word_embed": get("embeddings.word_embeddings.weight", (cfg.vocab_size, d)),
      "pos_embed": get("embeddings.position_embeddings.weight", (cfg.max_position_embeddings, d)),
      "type_embed": get("embeddings.token_type_embeddings.weight", (cfg.type_vocab_size, d)),
      "embed_ln": norm("embeddings.LayerNorm"),
  }
  for i in range(cfg.num_hidden_layers):
    p = f"encoder.layer.{i}."
    params[f"layer_{i}"] = {
        "query": dense(p + "attention.self.query", d, d),
        "key": dense(p + "attention.self.key", d, d),
        "value": dense(p + "attention.self.value", d, d),
        "attn_out": dense(p + "attention.output.dense", d, d),
        "ln_attn": norm(p + "attention.output.LayerNorm"),
        "ffn_up": dense(p + "intermediate.dense", d, inner),
        "ffn_down": dense(p + "output.dense", inner, d),
        "ln_ffn": norm(p + "output.LayerNorm"),
    }
  if f"encoder.layer.{cfg.num_hidden_layers}.output.dense.weight" in state:
    raise UserError(f"BERT checkpoint has more layers than config.json's num_hidden_layers={cfg.num_hidden_layers}")
  return params


def load_text_tower(path: str):
  """A Hugging Face BERT folder -> fn(input_ids int32 [N, L], attention_mask [N, L]) -> last
  hidden states f32 [N, L, D] of the imported encoder (before the tower's pooling and projection).

  The same params and module the training run starts from, so equality with
  `transformers.BertModel(...).last_hidden_state` shows the import is exact.
  """
  import jax
  cfg = bert_config(path)
  params = bert_params(read_state_dict(path), cfg)
  module = bert_lib.BertEncoder(cfg)
  fn = jax.jit(lambda p, ids, mask: module.apply({"params": p}, ids, mask))
  return lambda input_ids, attention_mask: fn(params, np.asarray(input_ids, np.int32), np.asarray(attention_mask))


def resolve_text_config(config) -> None:
  """Sets model.text's width/depth/heads/mlp_dim and model.text.bert from text.init's
  config.json, in place: the run's config.json then describes the tower without the folder."""
  cfg = bert_config(config.model.text.init)
  t = config.model.text
  t.width, t.depth, t.heads, t.mlp_dim = (cfg.hidden_size, cfg.num_hidden_layers, cfg.num_attention_heads,
                                          cfg.intermediate_size)
  for name in t.bert:
    t.bert[name] = getattr(cfg, name)


# ---------------------------------------------------------------------------------------------
# Into a run's params


def imported_regex(config) -> str:
  """Regex over param paths of what model.*.init imports ("" when nothing is)."""
  parts = []
  if config.model.text.init:
    parts.append("^txt/bert/")
  return "|".join(parts)


def imported_params(config) -> dict:
  """{'txt': {'bert': ...}} of host (numpy f32) arrays: what model.*.init names, mapped."""
  out = {}
  if config.model.text.init:
    cfg = bert_lib.BertConfig.from_tower(config.model.text)
    out["txt"] = {"bert": bert_params(read_state_dict(config.model.text.init), cfg)}
  return out


def init_params(config, params, shardings):
  """params with the imported subtrees put in place, each array laid out with its param's
  sharding (every process reads the file and places only its own shards). Shapes must match."""
  import jax

  def place(path, new, old, sharding):
    name = "/".join(str(getattr(k, "key", k)) for k in path)
    if new.shape != old.shape:
      raise UserError(f"imported {name} has shape {new.shape}, the model's is {old.shape}")
    new = np.asarray(new, old.dtype)
    return jax.make_array_from_callback(new.shape, sharding, lambda index: new[index])

  def merge(params, shardings, imported, prefix=()):
    out = dict(params)
    for key, value in imported.items():
      if key not in params:
        raise UserError(f"imported params {'/'.join(prefix + (key,))} have no place in the model")
      if isinstance(value, dict):
        out[key] = merge(params[key], shardings[key], value, prefix + (key,))
      else:
        out[key] = place([*prefix, key], value, params[key], shardings[key])
    return out

  return merge(params, shardings, imported_params(config))
