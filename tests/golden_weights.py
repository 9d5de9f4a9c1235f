"""The golden checkpoints' weights, made with numpy alone: git holds only their description.

tests/data/golden/ holds what the libraries wrote (configs, tokenizers, `reference.npz`: inputs
and the libraries' outputs) and `weights.json`: per checkpoint, each tensor's key, dtype and
shape as the file holds it, the keys that are ties (one tensor under two names), and the sha256
of the arrays. Both tests/data/make_golden.py (which loads the arrays into torch to make the
references) and the tests build the arrays here, from the key and a fixed seed, and
`write_golden` writes them in the formats the libraries write:

  bert/model.safetensors, vit/model.safetensors  safetensors' numpy writer
  bert_mlm/pytorch_model.bin                      torch.save zip (tests/torch_save.py)
  legacy.bin                                      legacy torch.save of views of bert's tensors
  vit_npz.npz                                     the vision_transformer layout (np.savez)
"""

import collections
import hashlib
import json
import os
import shutil
import zlib

import numpy as np
import safetensors.numpy

from tests import torch_save

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "golden")
DESCRIPTION = "weights.json"


def init(checkpoint: str, key: str, dtype: str, shape) -> np.ndarray:
  """One tensor, seeded by its checkpoint and key: N(0, 0.3^2) (initializer_range 0.3, not
  0.02: with O(1) pre-activations the erf and tanh GELUs differ by more than the 1e-4 test
  tolerance, as with trained weights), LayerNorm scales 1 + N(0, 0.1^2), biases N(0, 0.1^2)
  (non-zero, so a bias mapped to the wrong place shows).

  RandomState, not default_rng: numpy keeps its stream fixed across versions, and the
  references were computed from these exact values."""
  rng = np.random.RandomState(zlib.crc32(f"{checkpoint}/{key}".encode()))
  x = rng.standard_normal(shape)
  if key.endswith("bias"):
    x = 0.1 * x
  elif "layernorm" in key.lower():
    x = 1 + 0.1 * x
  else:
    x = 0.3 * x
  return x.astype(dtype)


def state_dicts(description: dict) -> dict:
  """{checkpoint: {key: array}} as weights.json describes them; a tie is the same array."""
  out = {}
  for name, ck in description.items():
    state = {k: init(name, k, dtype, shape) for k, (dtype, shape) in ck["tensors"].items()}
    out[name] = {k: state[ck.get("ties", {}).get(k, k)] for k in ck["tensors"]}
  return out


def digest(state: dict) -> str:
  h = hashlib.sha256()
  for k in sorted(state):
    h.update(k.encode() + np.ascontiguousarray(state[k]).tobytes())
  return h.hexdigest()


def vit_npz(state: dict, heads: int) -> dict:
  """Hugging Face ViT keys -> the google-research/vision_transformer .npz layout (the
  ImageNet-21k ViT-B/16 files'), written from its published naming: kernels [in, out],
  attention kernels split per head, the patch kernel [kh, kw, c, d]."""
  d = state["layernorm.weight"].shape[0]
  out = {"cls": state["embeddings.cls_token"],
         "embedding/kernel": state["embeddings.patch_embeddings.projection.weight"].transpose(2, 3, 1, 0),
         "embedding/bias": state["embeddings.patch_embeddings.projection.bias"],
         "Transformer/posembed_input/pos_embedding": state["embeddings.position_embeddings"],
         "Transformer/encoder_norm/scale": state["layernorm.weight"],
         "Transformer/encoder_norm/bias": state["layernorm.bias"]}
  depth = len({k.split(".")[2] for k in state if k.startswith("encoder.layer.")})
  for i in range(depth):
    p, q = f"encoder.layer.{i}.", f"Transformer/encoderblock_{i}/"
    for ln, name in (("layernorm_before", "LayerNorm_0"), ("layernorm_after", "LayerNorm_2")):
      out[q + name + "/scale"], out[q + name + "/bias"] = state[p + ln + ".weight"], state[p + ln + ".bias"]
    attn = q + "MultiHeadDotProductAttention_1/"
    for n in ("query", "key", "value"):
      out[attn + f"{n}/kernel"] = state[p + f"attention.attention.{n}.weight"].T.reshape(d, heads, d // heads)
      out[attn + f"{n}/bias"] = state[p + f"attention.attention.{n}.bias"].reshape(heads, d // heads)
    out[attn + "out/kernel"] = state[p + "attention.output.dense.weight"].T.reshape(heads, d // heads, d)
    out[attn + "out/bias"] = state[p + "attention.output.dense.bias"]
    for dense, name in (("intermediate.dense", "Dense_0"), ("output.dense", "Dense_1")):
      out[q + f"MlpBlock_3/{name}/kernel"] = state[p + dense + ".weight"].T
      out[q + f"MlpBlock_3/{name}/bias"] = state[p + dense + ".bias"]
  return out


def legacy_views(bert: dict) -> dict:
  """What legacy.bin holds: the word embedding, views of its storage (an offset row slice, a
  transpose) and a second storage."""
  word = bert["embeddings.word_embeddings.weight"]
  return {"word": word, "rows": word[5:9], "transposed": word.T,
          "layer0_query": bert["encoder.layer.0.attention.self.query.weight"]}


def description(src: str = GOLDEN) -> dict:
  """weights.json: {checkpoint: {"tensors": {key: [dtype, shape]}, "ties": {key: key}, "sha256": hex}}
  (vit_npz also "heads": the attention heads its .npz layout splits kernels into)."""
  with open(os.path.join(src, DESCRIPTION)) as f:
    return json.load(f)


def write_golden(out: str, src: str = GOLDEN) -> str:
  """`src`'s committed files copied to `out`, the weight files written beside them; -> out."""
  shutil.copytree(src, out, dirs_exist_ok=True)
  described = description(src)
  states = state_dicts(described)
  for name, state in states.items():
    if digest(state) != described[name]["sha256"]:
      raise RuntimeError(f"{name}: the arrays differ from the ones the references were computed from "
                         "(has numpy's RandomState changed?); rerun tests/data/make_golden.py")
  for name in ("bert", "vit"):
    safetensors.numpy.save_file(states[name], os.path.join(out, name, "model.safetensors"),
                                metadata={"format": "pt"})  # as save_pretrained writes it
  torch_save.save_zip(collections.OrderedDict(states["bert_mlm"]), os.path.join(out, "bert_mlm", "pytorch_model.bin"))
  torch_save.save_legacy(legacy_views(states["bert"]), os.path.join(out, "legacy.bin"))
  np.savez(os.path.join(out, "vit_npz.npz"), **vit_npz(states["vit_npz"], described["vit_npz"]["heads"]))
  return out
