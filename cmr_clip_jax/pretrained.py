"""Start from published towers: read a local checkpoint folder and map it onto our params.

Readers, without PyTorch:
  - `model.safetensors` (+ `model.safetensors.index.json` shards) through safetensors' numpy API;
  - `pytorch_model.bin` as `torch.save` writes it (the zip of torch >= 1.6, or the legacy
    stream of uploads saved before torch 1.6): the pickle is read by an
    unpickler that rebuilds only tensors (numpy views of the file's storages) and ordered
    dicts, and refuses every other class, so a checkpoint cannot run code.
Mappers: Hugging Face BERT (bare `BertModel` keys or `bert.`-prefixed, e.g. `BertForMaskedLM`)
onto `cmr_clip_jax.bert.BertEncoder`; CLS-token ViTs (Hugging Face, big_vision /
vision_transformer .npz) onto the video tower `model.ImageEncoder`. Both mappers build
per-layer `block_i` dicts, then `model.stack_layers` stacks them into the scanned layout
(`blocks/...` [depth, ...]).

Nothing here downloads: the user fetches the folder once (README) and passes its path.
"""

import collections
import dataclasses
import functools
import hashlib
import json
import os
import pickle
import re
import zipfile

import ml_dtypes
import numpy as np

from cmr_clip_jax import bert as bert_lib, model as model_lib
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
    return read_torch_bin(path)
  raise UserError(f"unknown checkpoint format: {path}")


def read_torch_bin(path: str) -> dict:
  """A `torch.save` file (pytorch_model.bin) -> {name: np.ndarray}, without torch: the zip
  format (torch >= 1.6) or the legacy one (a pickle stream, then each storage's bytes)."""
  if zipfile.is_zipfile(path):
    with zipfile.ZipFile(path) as zf:
      pkl = [n for n in zf.namelist() if n.endswith("/data.pkl") or n == "data.pkl"]
      if not pkl:
        raise UserError(f"{path} has no data.pkl: not a torch.save file")
      prefix = pkl[0][:-len("data.pkl")]
      order = prefix + "byteorder"
      if order in zf.namelist() and zf.read(order).strip() != b"little":
        raise UserError(f"{path} was saved big-endian")
      with zf.open(pkl[0]) as f:
        unpickler = _TorchUnpickler(f)
        state = unpickler.load()
      storages = {k: np.frombuffer(zf.read(f"{prefix}data/{k}"), dtype) for k, dtype in unpickler.storages.items()}
  else:
    with open(path, "rb") as f:
      header = [_TorchUnpickler(f).load() for _ in range(3)]  # magic number, protocol, system info
      if header[0] != 0x1950a86a20f9469cfc6c or not isinstance(header[2], dict):
        raise UserError(f"{path} is neither a torch.save zip nor a legacy torch.save file")
      if not header[2].get("little_endian", True):
        raise UserError(f"{path} was saved big-endian")
      unpickler = _TorchUnpickler(f)
      state = unpickler.load()
      storages = {}
      for key in _TorchUnpickler(f).load():
        dtype = unpickler.storages[key]
        (count,) = np.frombuffer(f.read(8), "<i8")
        storages[key] = np.frombuffer(f.read(int(count) * dtype.itemsize), dtype)
  if not isinstance(state, dict):
    raise UserError(f"{path} holds a {type(state).__name__}, not a state dict")
  return {k: v.materialise(storages) for k, v in state.items() if isinstance(v, _Tensor)}


class _Storage:
  def __init__(self, name):
    self.dtype = np.dtype(_TORCH_STORAGES[name])


@dataclasses.dataclass
class _Tensor:
  """A tensor named by the pickle; its storage's bytes come later (legacy files) or lazily."""
  key: str
  offset: int
  size: tuple
  stride: tuple

  def materialise(self, storages) -> np.ndarray:
    flat = storages[self.key]
    strides = tuple(s * flat.dtype.itemsize for s in self.stride)
    return np.array(np.lib.stride_tricks.as_strided(flat[self.offset:], self.size, strides))


class _TorchUnpickler(pickle.Unpickler):
  """Rebuilds tensors as `_Tensor`s (torch._utils._rebuild_tensor_v2); any class but these few
  is refused, so a checkpoint cannot run code. `storages`: key -> dtype of every storage seen."""

  def __init__(self, f):
    super().__init__(f)
    self.storages = {}

  def find_class(self, module, name):
    if (module, name) == ("collections", "OrderedDict"):
      return collections.OrderedDict
    if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
      return lambda storage, offset, size, stride, *unused: _Tensor(storage, offset, tuple(size), tuple(stride))
    if (module, name) == ("torch._utils", "_rebuild_parameter"):
      return lambda data, requires_grad, hooks: data
    if module == "torch" and name in _TORCH_STORAGES:
      return _Storage(name)
    raise UserError(f"checkpoint pickle refers to {module}.{name}: not a plain tensor state dict, refused")

  def persistent_load(self, pid):
    # zip: ('storage', type, key, location, numel); legacy: the same + view_metadata (None).
    if pid[0] != "storage" or not isinstance(pid[1], _Storage) or (len(pid) > 5 and pid[5] is not None):
      raise UserError(f"checkpoint pickle has an unsupported persistent id {pid[:2]}")
    self.storages[str(pid[2])] = pid[1].dtype
    return str(pid[2])


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
    params[f"block_{i}"] = {
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
  return model_lib.stack_layers(params)


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
  def forward(p, ids, mask):
    with jax.default_matmul_precision("highest"):  # f32 matmuls even where TF32 / bf16 passes are the default
      return module.apply({"params": p}, ids, mask)

  fn = jax.jit(forward)
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
# ViT -> the video tower
#
# The recipe is TimeSformer's (Bertasius et al. 2021, "divided space-time attention", its
# ImageNet initialisation): every block's space attention, MLP and norms are the 2-D ViT's;
# the time attention starts as a copy of the space attention and norm with its output
# projection zero, so it adds nothing; view and time embeddings start at zero; the 2-D patch
# kernel is spread evenly over the tubelet's frames (each frame gets kernel / tubelet). A still
# video (one view, every frame the same image) then computes exactly what the 2-D ViT computes
# on that image: time attention adds 0, space attention of one time step sees CLS + that
# frame's patches (absent views are not keys), and the CLS update averaged over identical time
# steps is the 2-D update. Joint attention imports the same weights but is not exact (CLS is
# one key among N copies of each patch).
#
# Pixels: the tower maps uint8 to x in [-1, 1]; the checkpoint wants (u/255 - mean_c) / std_c
# per RGB channel. With u/255 = (x + 1) / 2 that is affine in x, so it folds into the kernel
# and bias, and the grayscale kernel is the sum over RGB of the folded kernels.

@dataclasses.dataclass
class VitCheckpoint:
  """A CLS-token ViT in one canonical form, whatever file it came from. Kernels [in, out]."""
  width: int
  depth: int
  heads: int
  mlp_dim: int
  patch: int
  image_size: int
  exact_gelu: bool
  layer_norm_eps: float
  mean: tuple  # per RGB channel, of pixel / 255
  std: tuple
  params: dict  # cls [D], pos [S, D] (patch grid, row-major), patch_kernel [p, p, C, D], patch_bias [D],
                # layers [{ln1, ln2: (scale, bias), q, k, v, o, fc1, fc2: (kernel, bias)}], ln_final


def read_vit(path: str) -> VitCheckpoint:
  """A Hugging Face `ViTModel` / `ViTFor*` folder or a big_vision / vision_transformer `.npz`
  -> VitCheckpoint; UserError for a ViT without a CLS
  token (attention-pooled, SigLIP-style MAP head)."""
  if path.endswith(".npz"):
    return _vit_from_npz(read_state_dict(path))
  state = read_state_dict(path)
  config = read_json(path)
  if any(".attention.attention.query." in k for k in state):
    return _vit_from_hf(state, config, path)
  if any(k.startswith("blocks.0.attn.qkv") for k in state):
    raise UserError(f"{path}: a timm ViT: not supported yet; use the Hugging Face or .npz release of the same weights")
  raise UserError(f"{path}: not a Hugging Face ViT (keys like {sorted(state)[:3]})")


def _no_cls(path):
  return UserError(f"{path}: the ViT has no CLS token (attention-pooled, MAP head): only CLS-token ViTs "
                   "can be imported; use e.g. an ImageNet ViT-B/16")


def _linear(state, name):
  return state[name + ".weight"].T.astype(np.float32), state[name + ".bias"].astype(np.float32)


def _norm(state, name):
  return state[name + ".weight"].astype(np.float32), state[name + ".bias"].astype(np.float32)


def _vit_from_hf(state, config, path) -> VitCheckpoint:
  state = {k[4:] if k.startswith("vit.") else k: v for k, v in state.items()}
  if "embeddings.cls_token" not in state:
    raise _no_cls(path)
  pre = {}
  if os.path.isfile(os.path.join(path, "preprocessor_config.json")):
    pre = read_json(path, "preprocessor_config.json")
  act = config.get("hidden_act", "gelu")
  if act not in ("gelu", "gelu_new", "gelu_pytorch_tanh"):
    raise UserError(f"ViT hidden_act={act!r}: supported are gelu, gelu_new, gelu_pytorch_tanh")
  layers = []
  for i in range(config["num_hidden_layers"]):
    p = f"encoder.layer.{i}."
    layers.append({
        "ln1": _norm(state, p + "layernorm_before"), "ln2": _norm(state, p + "layernorm_after"),
        **{n: _linear(state, p + "attention.attention." + m) for n, m in (("q", "query"), ("k", "key"), ("v", "value"))},
        "o": _linear(state, p + "attention.output.dense"),
        "fc1": _linear(state, p + "intermediate.dense"), "fc2": _linear(state, p + "output.dense")})
  pos = state["embeddings.position_embeddings"][0].astype(np.float32)
  return VitCheckpoint(
      width=config["hidden_size"], depth=config["num_hidden_layers"], heads=config["num_attention_heads"],
      mlp_dim=config["intermediate_size"], patch=config["patch_size"], image_size=config["image_size"],
      exact_gelu=act == "gelu", layer_norm_eps=config.get("layer_norm_eps", 1e-12), mean=tuple(pre.get("image_mean", (0.5,) * 3)),
      std=tuple(pre.get("image_std", (0.5,) * 3)),
      params={"cls": state["embeddings.cls_token"][0, 0] + pos[0], "pos": pos[1:],
              "patch_kernel": state["embeddings.patch_embeddings.projection.weight"].transpose(2, 3, 1, 0),
              "patch_bias": state["embeddings.patch_embeddings.projection.bias"],
              "layers": layers, "ln_final": _norm(state, "layernorm")})


def _vit_from_npz(state) -> VitCheckpoint:
  """vision_transformer (`Transformer/encoderblock_i/...`, CLS position inside pos_embedding) and
  big_vision (`params/...`, posemb over patches only; `encoderblock/` stacked over depth when
  scanned). Flax tanh GELU, inputs in [-1, 1] (mean = std = 0.5)."""
  state = {k[len("params/"):] if k.startswith("params/") else k: v for k, v in state.items()}
  if "cls" not in state:
    raise _no_cls("npz checkpoint")
  scanned = "Transformer/encoderblock/LayerNorm_0/scale" in state
  depth = (state["Transformer/encoderblock/LayerNorm_0/scale"].shape[0] if scanned
           else 1 + max(int(m.group(1)) for k in state if (m := re.match(r"Transformer/encoderblock_(\d+)/", k))))
  get = lambda i, name: np.asarray(state[f"Transformer/encoderblock/{name}"][i] if scanned
                                   else state[f"Transformer/encoderblock_{i}/{name}"], np.float32)
  names = {k.split("/")[2] for k in state if k.startswith("Transformer/encoderblock")}
  ln2 = "LayerNorm_2" if "LayerNorm_2" in names else "LayerNorm_1"
  mlp = next(n for n in names if n.startswith("MlpBlock"))
  att = "MultiHeadDotProductAttention_1" if "MultiHeadDotProductAttention_1" in names else "MultiHeadDotProductAttention_0"
  layers = []
  for i in range(depth):
    q = get(i, f"{att}/query/kernel")
    d, heads = q.shape[0], q.shape[1]
    proj = lambda n: (get(i, f"{att}/{n}/kernel").reshape(d, d), get(i, f"{att}/{n}/bias").reshape(d))
    layers.append({"ln1": (get(i, "LayerNorm_0/scale"), get(i, "LayerNorm_0/bias")),
                   "ln2": (get(i, f"{ln2}/scale"), get(i, f"{ln2}/bias")),
                   "q": proj("query"), "k": proj("key"), "v": proj("value"),
                   "o": (get(i, f"{att}/out/kernel").reshape(d, d), get(i, f"{att}/out/bias")),
                   "fc1": (get(i, f"{mlp}/Dense_0/kernel"), get(i, f"{mlp}/Dense_0/bias")),
                   "fc2": (get(i, f"{mlp}/Dense_1/kernel"), get(i, f"{mlp}/Dense_1/bias"))})
  cls = state["cls"][0, 0].astype(np.float32)
  if "Transformer/posembed_input/pos_embedding" in state:
    pos = state["Transformer/posembed_input/pos_embedding"][0].astype(np.float32)
    cls, pos = cls + pos[0], pos[1:]
  else:
    pos = state["pos_embedding"][0].astype(np.float32)
  kernel = state["embedding/kernel"]
  grid = int(round(np.sqrt(pos.shape[0])))
  return VitCheckpoint(
      width=d, depth=depth, heads=heads, mlp_dim=layers[0]["fc1"][0].shape[1], patch=kernel.shape[0],
      image_size=grid * kernel.shape[0], exact_gelu=False, layer_norm_eps=1e-6, mean=(0.5,) * 3, std=(0.5,) * 3,
      params={"cls": cls, "pos": pos, "patch_kernel": kernel, "patch_bias": state["embedding/bias"],
              "layers": layers, "ln_final": (state["Transformer/encoder_norm/scale"], state["Transformer/encoder_norm/bias"])})


def resolve_image_config(config) -> None:
  """Sets model.image's width/depth/heads/mlp_dim/patch/exact_gelu/layer_norm_eps from
  image.init, in place."""
  ck = read_vit(config.model.image.init)
  i = config.model.image
  i.width, i.depth, i.heads, i.mlp_dim, i.patch = ck.width, ck.depth, ck.heads, ck.mlp_dim, ck.patch
  i.exact_gelu, i.layer_norm_eps = ck.exact_gelu, ck.layer_norm_eps


def resize_pos(pos, grid):
  """[S, D] over a square grid -> [gh * gw, D] (linear interpolation, as big_vision's
  resample_posemb does)."""
  import scipy.ndimage
  old = int(round(np.sqrt(pos.shape[0])))
  if old * old != pos.shape[0]:
    raise UserError(f"ViT position embedding of {pos.shape[0]} patches is not a square grid")
  if (old, old) == tuple(grid):
    return pos
  zoom = (grid[0] / old, grid[1] / old, 1)
  return scipy.ndimage.zoom(pos.reshape(old, old, -1), zoom, order=1).reshape(grid[0] * grid[1], -1)


def vit_tower_params(ck: VitCheckpoint, image_config, views: int, frames: int, size: int, fold: bool = True):
  """VitCheckpoint -> params of model.ImageEncoder (all but `proj`), TimeSformer's init (above).

  fold: fold the checkpoint's pixel normalisation into the patch kernel (training: the tower
  gets uint8); False takes inputs already in the checkpoint's normalisation (load_image_tower).
  """
  c, p = image_config, ck.params
  d, heads, tub = ck.width, ck.heads, c.tubelet
  if c.pool == "map":  # cls and views read the checkpoint's CLS token; a probe would start untrained
    raise UserError("model.image.init imports a CLS-token ViT: set model.image.pool='cls' or 'views'")
  if size % ck.patch:
    raise UserError(f"input.size={size} is not a multiple of the checkpoint's patch {ck.patch}")
  kernel = np.asarray(p["patch_kernel"], np.float32)  # [p, p, C, D]
  channels = kernel.shape[2]
  mean, std = np.resize(np.asarray(ck.mean, np.float32), channels), np.resize(np.asarray(ck.std, np.float32), channels)
  scale = 1.0 / (2.0 * std) if fold else np.ones(channels, np.float32)
  shift = (0.5 - mean) / std if fold else np.zeros(channels, np.float32)
  gray = np.einsum("ijcd,c->ijd", kernel, scale)
  bias = p["patch_bias"] + np.einsum("ijcd,c->d", kernel, shift)
  tubelet = np.broadcast_to(gray[None] / tub, (tub,) + gray.shape).reshape(tub * ck.patch * ck.patch, d)
  def attention(l, out_scale=1.0):  # no key bias: softmax ignores q . b_k, the same for every key
    return {"qkv": {"kernel": np.stack([l[n][0] for n in "qkv"], 1).reshape(d, 3, heads, d // heads)},
            "qv_bias": np.stack([l["q"][1], l["v"][1]]).reshape(2, heads, d // heads),
            "out": {"kernel": out_scale * l["o"][0].reshape(heads, d // heads, d), "bias": out_scale * l["o"][1]}}
  norm = lambda sb: {"scale": sb[0], "bias": sb[1]}
  grid = (size // ck.patch, size // ck.patch)
  out = {"tubelet": {"kernel": tubelet, "bias": bias.astype(np.float32)},
         "view_embed": np.zeros((views, 1, 1, d), np.float32),
         "time_embed": np.zeros((1, frames // tub, 1, d), np.float32),
         "space_embed": resize_pos(np.asarray(p["pos"], np.float32), grid)[None, None],
         "cls": np.asarray(p["cls"], np.float32)[None],
         "ln_final": norm(p["ln_final"])}
  for i, l in enumerate(p["layers"]):
    mlp = {"fc1": {"kernel": l["fc1"][0], "bias": l["fc1"][1]}, "fc2": {"kernel": l["fc2"][0], "bias": l["fc2"][1]}}
    if c.attention == "divided":
      block = {"ln_time": norm(l["ln1"]), "time_attn": attention(l, out_scale=0.0),  # adds 0 at first
               "ln_space": norm(l["ln1"]), "space_attn": attention(l)}
    else:
      block = {"ln_attn": norm(l["ln1"]), "attn": attention(l)}
    out[f"block_{i}"] = {**block, "ln_mlp": norm(l["ln2"]), "mlp": mlp}
  return model_lib.stack_layers(_f32(out))


def _f32(tree):
  """Every leaf a contiguous f32 numpy array."""
  return {k: _f32(v) if isinstance(v, dict) else np.ascontiguousarray(v, np.float32) for k, v in tree.items()}


def load_image_tower(path: str):
  """A ViT checkpoint -> fn(images f32 [N, H, W], grayscale, in the checkpoint's own
  normalisation, H = W = its image size) -> CLS features f32 [N, D] after the final LayerNorm.

  Runs the imported VIDEO tower (divided attention) on the still video: one view present, the
  image repeated over one tubelet of frames; so equality with the checkpoint's own model on the
  image replicated to RGB (HF: `last_hidden_state[:, 0]`) shows the import is exact.
  """
  import jax
  import ml_collections
  from data_prep import records
  ck = read_vit(path)
  cfg = ml_collections.ConfigDict(dict(width=ck.width, depth=ck.depth, heads=ck.heads, mlp_dim=ck.mlp_dim,
                                       patch=ck.patch, tubelet=2, attention="divided", pool="cls", dropout=0.0,
                                       exact_gelu=ck.exact_gelu, layer_norm_eps=ck.layer_norm_eps))
  params = vit_tower_params(ck, cfg, records.NUM_VIEWS, cfg.tubelet, ck.image_size, fold=False)
  params["proj"] = {"kernel": np.zeros((ck.width, 1), np.float32)}  # unused: features are read before it
  module = model_lib.ImageEncoder(cfg, embed_dim=1, dtype=np.float32)
  view_mask = np.zeros((1, records.NUM_VIEWS), bool)
  view_mask[0, 0] = True

  @jax.jit
  def features(images):
    n, h, w = images.shape  # every view slot holds the image; only slot 0 is present
    frames = jax.numpy.broadcast_to(images[:, None, None], (n, records.NUM_VIEWS, cfg.tubelet, h, w))
    with jax.default_matmul_precision("highest"):
      _, state = module.apply({"params": params}, frames, np.repeat(view_mask, n, 0),
                              capture_intermediates=lambda mdl, _: mdl.name == "ln_final",
                              mutable=["intermediates"])
    return state["intermediates"]["ln_final"]["__call__"][0]

  return lambda images: features(np.asarray(images, np.float32))


# ---------------------------------------------------------------------------------------------
# Into a run's params


def imported_regex(config) -> str:
  """Regex over param paths of what model.*.init imports ("" when nothing is)."""
  parts = []
  if config.model.text.init:
    parts.append("^txt/bert/")
  if config.model.image.init:  # all of the tower but its projection (time attention included)
    parts.append("^img/(?!proj/)")
  return "|".join(parts)


def imported_params(config) -> dict:
  """{'txt': {'bert': ...}} of host (numpy f32) arrays: what model.*.init names, mapped."""
  out = {}
  if config.model.text.init:
    cfg = bert_lib.BertConfig.from_tower(config.model.text)
    out["txt"] = {"bert": bert_params(read_state_dict(config.model.text.init), cfg)}
  if config.model.image.init:
    from cmr_clip_jax import config_lib
    out["img"] = vit_tower_params(read_vit(config.model.image.init), config.model.image,
                                  len(config_lib.views(config)), config.input.frames, config.input.size)
  return out


def init_params(config, params, shardings):
  """params with the imported subtrees put in place, each array laid out with its param's
  sharding (every process reads the file and places only its own shards). Shapes must match."""
  import jax

  def place(path, new, old, sharding):
    name = "/".join(path)
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


def provenance(config) -> dict:
  """{'text' / 'image': {'path', 'sha256'}} of the checkpoints model.*.init names: what a run's
  config.json, bundle and model card record about where the towers started."""
  inits = {"text": config.model.text.init, "image": config.model.image.init}
  return {tower: {"path": path, "sha256": file_digest(path)} for tower, path in inits.items() if path}


def file_digest(path: str) -> str:
  """sha256 of a checkpoint's weights file (what model cards record), first 16 hex digits."""
  h = hashlib.sha256()
  with open(weights_file(path), "rb") as f:
    for block in iter(functools.partial(f.read, 1 << 24), b""):
      h.update(block)
  return h.hexdigest()[:16]
