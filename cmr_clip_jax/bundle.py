"""Inference bundles: `load_bundle(path)` and the `cmr-clip embed` command.

A bundle (written by `cmr-clip export`) is a folder:

  config.json              format, model config, input shapes, data summary, eval summary
  model.safetensors        f32 weights, unsharded, keys = '/'-joined param paths, one set per
                           layer ('img/block_0/...'), as before the layer scan
  image_encoder.stablehlo  jax.export of (params, frames uint8 [b,V,T,S,S], view_mask bool [b,V]) -> [b,D]
  text_encoder.stablehlo   jax.export of (params, tokens int32 [b,L]) -> [b,D]
  tokenizer.model          sentencepiece model of the training data
  tokenizer.json           the WordPiece tokenizer of a BERT text tower (model.text.arch = "bert")
  prompts.json             the zero-shot prompt sets used at eval
  README.md                model card

Two ways to run the encoders: the Flax model code with the safetensors weights (default), or
the serialized StableHLO (`use_stablehlo=True`), which needs jax but neither Flax nor this
package's model code. Neither path imports the training code, the optimizer or Orbax.
"""

import json
import os
import sys

import numpy as np

from cmr_clip_jax import augment, zero_shot
from data_prep import records, slots
from data_prep.errors import UserError

BUNDLE_FORMAT = "cmr-clip-bundle"
BUNDLE_VERSION = 1
FILES = {
    "config": "config.json",
    "weights": "model.safetensors",
    "image_encoder": "image_encoder.stablehlo",
    "text_encoder": "text_encoder.stablehlo",
    "tokenizer": "tokenizer.model",
    "prompts": "prompts.json",
    "card": "README.md",
}
WORDPIECE = "tokenizer.json"  # only in bundles of BERT text towers
_CHUNK = 32  # rows per encoder call: bounds memory whatever the caller passes


def _batched(fn, *arrays) -> np.ndarray:
  """fn over rows in chunks of <= _CHUNK, each padded to a power of two (repeating its last row):
  at most log2(_CHUNK) + 1 compiled shapes, whatever batch sizes callers use. -> f32 [N, D]."""
  out = []
  for i in range(0, len(arrays[0]), _CHUNK):
    chunk = [a[i:i + _CHUNK] for a in arrays]
    n = len(chunk[0])
    size = 1 << (n - 1).bit_length()
    padded = [np.concatenate([c, np.repeat(c[-1:], size - n, 0)]) for c in chunk]
    out.append(np.asarray(fn(*padded))[:n])
  return np.concatenate(out).astype(np.float32)


def flatten_params(params: dict, prefix: str = "") -> dict:
  """Nested param dict -> {'a/b/c': array} (the safetensors key layout)."""
  out = {}
  for k, v in params.items():
    key = f"{prefix}{k}"
    if isinstance(v, dict):
      out.update(flatten_params(v, key + "/"))
    else:
      out[key] = v
  return out


def unflatten_params(flat: dict) -> dict:
  """Inverse of `flatten_params`."""
  out = {}
  for key, v in flat.items():
    *parents, leaf = key.split("/")
    node = out
    for p in parents:
      node = node.setdefault(p, {})
    node[leaf] = v
  return out


def is_bundle(path: str) -> bool:
  try:
    with open(os.path.join(path, FILES["config"])) as f:
      return json.load(f).get("format") == BUNDLE_FORMAT
  except (OSError, ValueError):
    return False


class Bundle:
  """An exported model: embeddings of studies, DICOM folders and report text, and zero-shot scores.

  Attributes: `config` (the bundle's config.json), `prompts`, `dim` (embedding size),
  `frames_shape` (V, T, S, S) the encoders take.
  """

  def __init__(self, path: str, use_stablehlo: bool = False):
    if not os.path.isdir(path):
      raise UserError(f"bundle folder not found: {path}")
    if not is_bundle(path):
      raise UserError(f"{path} is not a cmr-clip bundle (no config.json with format {BUNDLE_FORMAT!r})")
    self.path = path
    with open(os.path.join(path, FILES["config"])) as f:
      self.config = json.load(f)
    if self.config.get("format_version", 0) > BUNDLE_VERSION:
      raise UserError(f"bundle format_version {self.config['format_version']} is newer than this "
                      f"package reads ({BUNDLE_VERSION}): upgrade cmr-clip-jax")
    self.use_stablehlo = use_stablehlo
    inp = self.config["input"]
    # The slots the encoder takes, by name (a bundle made before the slot table: the 8 of schema 1).
    self.views = tuple(inp.get("views") or slots.V1_NAMES)
    unknown = [v for v in self.views if v not in slots.BY_NAME]
    if unknown:
      raise UserError(f"bundle {path} takes view slots {unknown} this package does not know: upgrade cmr-clip-jax")
    self.frames_shape = (len(self.views), inp["frames"], inp["size"], inp["size"])
    self.max_len = inp["max_len"]
    self.dim = self.config["model"]["embed_dim"]
    self.prompts = zero_shot.load_prompts(os.path.join(path, FILES["prompts"]))
    self._params = self._load_weights()
    self._encode_image, self._encode_text = (
        self._stablehlo_encoders() if use_stablehlo else self._flax_encoders())
    self._tokenizer = None
    self._prompt_emb = None

  # --------------------------------------------------------------------- encoders
  def _load_weights(self) -> dict:
    from safetensors.numpy import load_file
    return unflatten_params(load_file(os.path.join(self.path, FILES["weights"])))

  def _flax_encoders(self):
    import jax
    from cmr_clip_jax import config_lib, model as model_lib
    mcfg = config_lib.from_dict(self.config["model"])
    model = model_lib.build_model(mcfg, self.config["vocab_size"])
    variables = {"params": model_lib.stack_layers(self._params)}  # the scanned model's layout
    image = jax.jit(lambda f, m: model.apply(variables, f, m, method="encode_image"))
    text = jax.jit(lambda t: model.apply(variables, t, method="encode_text"))
    return image, text

  def _stablehlo_encoders(self):
    import jax

    def load(name):
      with open(os.path.join(self.path, FILES[name]), "rb") as f:
        return jax.export.deserialize(bytearray(f.read()))
    image_exp, text_exp = load("image_encoder"), load("text_encoder")
    params = self._params
    image = jax.jit(lambda f, m: image_exp.call(params, f, m))
    text = jax.jit(lambda t: text_exp.call(params, t))
    return image, text

  # --------------------------------------------------------------------- embeddings
  def embed_study(self, frames: np.ndarray, view_mask: np.ndarray) -> np.ndarray:
    """frames uint8 [V, T0, H, W] or [B, V, T0, H, W], view_mask bool [V] or [B, V] -> f32 [D] or [B, D].

    Frames at another T or size than the encoder's are resampled as the eval pipeline does.
    """
    frames, view_mask = np.asarray(frames), np.asarray(view_mask, bool)
    single = frames.ndim == 4
    if single:
      frames, view_mask = frames[None], view_mask[None]
    v = len(self.views)
    if frames.ndim != 5 or frames.shape[1] != v or view_mask.shape != frames.shape[:2]:
      raise UserError(f"embed_study wants frames [B, {v}, T, H, W] (slots {', '.join(self.views)}) and "
                      f"view_mask [B, {v}], got {frames.shape} and {view_mask.shape}")
    _, t, s, _ = self.frames_shape
    if frames.shape[2:] != (t, s, s):
      frames = np.stack([augment.resize(f, t, s) for f in frames])
    z = _batched(self._encode_image, frames.astype(np.uint8), view_mask)
    return z[0] if single else z

  def tokenize(self, texts: list[str]) -> np.ndarray:
    """Report texts -> int32 [n, L]: the tokenizer and normalisation `convert` used (a BERT
    tower's own WordPiece, as training used it)."""
    from data_prep import text as text_lib
    if self.config["model"]["text"].get("arch") == "bert":
      self._tokenizer = self._tokenizer or text_lib.WordPiece(self.path, self.max_len)
      return np.stack([self._tokenizer(t) for t in texts])
    if self._tokenizer is None:
      self._tokenizer = text_lib.load_tokenizer(os.path.join(self.path, FILES["tokenizer"]))
    # encode() to max_len equals convert's encode to the stored L then eval's truncation to
    # max_len <= L (both keep EOS last), without importing the input pipeline (grain, Orbax).
    return np.stack([text_lib.encode(self._tokenizer, t, self.max_len) for t in texts])

  def embed_text(self, text):
    """A report string -> f32 [D]; a list of strings -> f32 [n, D]."""
    texts = [text] if isinstance(text, str) else list(text)
    z = _batched(self._encode_text, self.tokenize(texts))
    return z[0] if isinstance(text, str) else z

  def load_dicom(self, study_dir: str):
    """A DICOM study folder -> (frames uint8 [V, T, S, S] over the bundle's slots at the encoder's
    input scale, view_mask bool [V], meta): `convert`'s views, then the eval pipeline's `prepare`."""
    from data_prep import convert
    data = self.config["data"]
    _, t, s, _ = data["frames_shape"]
    views, meta = convert.load_study(study_dir, frames=t, size=s, spacing_mm=data["spacing_mm"])
    frames, mask = augment.prepare(views, self.views, *self.frames_shape[1:3])
    return frames, mask, meta

  def embed_dicom(self, study_dir: str) -> np.ndarray:
    """A folder of one study's DICOM files -> f32 [D], through convert's preprocessing."""
    frames, view_mask, _ = self.load_dicom(study_dir)
    return self.embed_study(frames, view_mask)

  # --------------------------------------------------------------------- zero-shot
  def zero_shot(self, zimg: np.ndarray, prompts: dict | None = None) -> list[dict]:
    """Study embeddings [D] or [B, D] -> per study {'findings': {f: score}, 'diagnosis': cls,
    'diagnosis_similarity': {cls: s}}. Scores are mean cosine to positive minus negative prompts."""
    if prompts is None:
      if self._prompt_emb is None:
        self._prompt_emb = zero_shot.encode_prompts(self.embed_text, self.prompts)
      emb = self._prompt_emb
    else:
      emb = zero_shot.encode_prompts(self.embed_text, zero_shot.validate_prompts(prompts))
    zimg = np.atleast_2d(zimg)
    out = zero_shot.zero_shot(zimg, emb)
    return [{"findings": {f: float(s[i]) for f, s in out["findings"].items()},
             "diagnosis": out["diagnosis"][i],
             "diagnosis_similarity": dict(zip(records.DIAGNOSES, map(float, out["diagnosis_similarity"][i])))}
            for i in range(len(zimg))]


def load_bundle(path: str, use_stablehlo: bool = False) -> Bundle:
  """Opens an exported bundle folder (see the module docstring for its layout)."""
  return Bundle(path, use_stablehlo=use_stablehlo)


# ------------------------------------------------------------------------- CLI: embed
def add_arguments(parser):
  parser.add_argument("--bundle", required=True, help="folder written by `cmr-clip export`")
  src = parser.add_mutually_exclusive_group(required=True)
  src.add_argument("--dicom", help="folder holding one study's DICOM files (any nesting)")
  src.add_argument("--text", help="a report (or any text) to embed")
  parser.add_argument("--stablehlo", action="store_true",
                      help="run the serialized StableHLO encoders instead of the Flax model code")
  parser.add_argument("--no-zero-shot", action="store_true",
                      help="--dicom: skip the zero-shot finding and diagnosis scores")


def run(args) -> int:
  b = load_bundle(args.bundle, use_stablehlo=args.stablehlo)
  if args.text is not None:
    z = b.embed_text(args.text)
    out = {"kind": "text", "dim": int(z.shape[-1]), "embedding": z.tolist()}
  else:
    if not os.path.isdir(args.dicom):
      raise UserError(f"DICOM folder not found: {args.dicom}")
    try:
      frames, view_mask, _ = b.load_dicom(args.dicom)
    except (ValueError, OSError) as e:  # not a usable study: say why in one line
      raise UserError(f"cannot read a study from {args.dicom}: {e}") from e
    z = b.embed_study(frames, view_mask)
    out = {"kind": "study", "dim": int(z.shape[-1]),
           "views": [v for v, m in zip(b.views, view_mask) if m], "embedding": z.tolist()}
    if not args.no_zero_shot:
      out["zero_shot"] = b.zero_shot(z)[0]
  out["encoder"] = "stablehlo" if args.stablehlo else "flax"
  json.dump(out, sys.stdout)
  sys.stdout.write("\n")
  return 0
