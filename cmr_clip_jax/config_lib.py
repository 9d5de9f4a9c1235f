"""Recipe files: load `configs/NAME.py`, apply typed `--config.KEY=VALUE` overrides, validate.

A recipe is a Python file with `get_config() -> ml_collections.ConfigDict`. Overrides must
name an existing key and parse to that key's type, so a typo or a bad value is one clear
line (UserError), not a crash twenty minutes into a run.

`validate` is the one owner of the rules a config must obey; every entry point (train, eval,
export, sweep) runs it, on a recipe or on a workdir's `config.json`, and the modules that read
the config trust it. Rules that need facts beyond the config (the device count, the size of
the training split) live next to the code that learns those facts, once each.
"""

import ast
import contextlib
import importlib.util
import json
import os
import re
import sys

import ml_collections

from data_prep import slots
from data_prep.errors import UserError

_CHOICES = {
    "lr_scaling": ("none", "linear", "sqrt"),
    "loss.kind": ("infonce", "sigmoid"),
    # float16 would need loss scaling, which the step does not do; bf16 has f32's exponent range.
    "model.dtype": ("float32", "bfloat16"),
    "model.remat_policy": ("none", "full", "dots_saveable", "dots_with_no_batch_dims_saveable"),
    "model.image.attention": ("divided", "joint"),
    "model.image.pool": ("cls", "map", "views"),
    "model.text.pool": ("mean", "eos", "cls"),
    "model.text.arch": ("transformer", "bert"),
}
_POSITIVE = (
    "total_steps", "batch_size", "microbatch_size", "lr_reference_batch", "log_every_steps",
    "eval_every_steps", "checkpoint_every_steps", "keep_checkpoints", "input.frames", "input.size",
    "input.num_threads", "input.prefetch", "model.embed_dim", "model.image.width",
    "model.image.depth", "model.image.heads", "model.image.mlp_dim", "model.image.patch",
    "model.image.tubelet", "model.text.width", "model.text.depth", "model.text.heads",
    "model.text.mlp_dim", "model.text.max_len", "model.image.layer_norm_eps", "loss.sentences",
    "loss.sentence_len",
)
_NON_NEGATIVE = ("learning_rate", "pretrained_lr_factor", "warmup_steps", "weight_decay", "grad_clip_norm",
                 "loss.chunk_size", "loss.sentence_weight", "input.num_workers", "seed")


def load_config(path: str, overrides=()) -> ml_collections.ConfigDict:
  """Reads a recipe file, applies `--config.KEY=VALUE` overrides and validates the result."""
  if not os.path.isfile(path):
    raise UserError(f"config file not found: {path}")
  spec = importlib.util.spec_from_file_location(f"_cmr_clip_config_{abs(hash(path))}", path)
  module = importlib.util.module_from_spec(spec)
  try:
    with _recipe_imports(path):
      spec.loader.exec_module(module)
  except Exception as e:  # a recipe that does not import is the user's file, not our bug
    raise UserError(f"cannot load config {path}: {type(e).__name__}: {e}") from e
  if not hasattr(module, "get_config"):
    raise UserError(f"config {path} has no get_config()")
  config = module.get_config()
  apply_overrides(config, overrides)
  if config.model.text.init or config.model.image.init:
    from cmr_clip_jax import pretrained  # an imported tower's shape is its checkpoint's
    if config.model.text.arch == "bert" and config.model.text.init:
      pretrained.resolve_text_config(config)
    if config.model.image.init:
      pretrained.resolve_image_config(config)
  validate(config)
  return config


@contextlib.contextmanager
def _recipe_imports(path: str):
  """Lets a recipe import its siblings (`from configs import demo`) from wherever it is run.

  The recipe folder is not an installed package (recipes are files users copy and edit), so
  the folder above it goes on sys.path for the duration of the load only.
  """
  root = os.path.dirname(os.path.dirname(os.path.abspath(path)))
  sys.path.insert(0, root)
  try:
    yield
  finally:
    sys.path.remove(root)


def apply_overrides(config: ml_collections.ConfigDict, overrides) -> None:
  """Applies `--config.a.b=value` (or `--config.a.b value`) strings in place, typed by the old value."""
  items = list(overrides)
  i = 0
  while i < len(items):
    arg = items[i]
    if not arg.startswith("--config."):
      raise UserError(f"unrecognized argument {arg!r} (overrides look like --config.KEY=VALUE)")
    key, sep, text = arg[len("--config."):].partition("=")
    if not sep:
      if i + 1 >= len(items):
        raise UserError(f"--config.{key} needs a value")
      text, i = items[i + 1], i + 1
    set_value(config, key, text)
    i += 1


def set_value(config: ml_collections.ConfigDict, key: str, text: str) -> None:
  """Sets dotted `key` from its command-line text, parsed to the type of the current value."""
  *parents, leaf = key.split(".")
  node = config
  for p in parents:
    if p not in node or not isinstance(node[p], ml_collections.ConfigDict):
      raise UserError(f"unknown config key {key!r}")
    node = node[p]
  if leaf not in node or isinstance(node[leaf], ml_collections.ConfigDict):
    raise UserError(f"unknown config key {key!r}")
  node[leaf] = parse_value(key, text, node[leaf])


def parse_value(key: str, text: str, old):
  """Parses `text` as the type of `old`: bool, int, float, str or a tuple of ints/floats."""
  bad = UserError(f"--config.{key}={text!r}: expected {type(old).__name__} like {old!r}")
  if isinstance(old, bool):
    low = text.strip().lower()
    if low in ("true", "1", "yes"):
      return True
    if low in ("false", "0", "no"):
      return False
    raise bad
  if isinstance(old, int):
    try:
      return int(text)
    except ValueError:
      raise bad from None
  if isinstance(old, float):
    try:
      return float(text)
    except ValueError:
      raise bad from None
  if isinstance(old, (tuple, list)):
    try:
      value = ast.literal_eval(text.strip() if text.strip().startswith(("(", "[")) else f"({text},)")
    except (ValueError, SyntaxError):
      raise bad from None
    if not isinstance(value, (tuple, list)) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
      raise bad
    if old and len(value) != len(old):
      raise UserError(f"--config.{key}={text!r}: expected {len(old)} values like {old!r}")
    return tuple(value)
  return text


def sentence_len(config) -> int:
  """Tokens of each single sentence of the sentence loss: loss.sentence_len, at most what the
  text tower reads (model.text.max_len)."""
  return min(config.loss.sentence_len, config.model.text.max_len)


def validate(config: ml_collections.ConfigDict) -> None:
  """Checks values that would otherwise fail late or silently: raises UserError."""
  def get(key):
    node = config
    for p in key.split("."):
      node = node[p]
    return node
  for key, choices in _CHOICES.items():
    if get(key) not in choices:
      raise UserError(f"config {key}={get(key)!r} must be one of {', '.join(choices)}")
  for key in _POSITIVE:
    if not get(key) > 0:
      raise UserError(f"config {key}={get(key)!r} must be > 0")
  for key in _NON_NEGATIVE:
    if not get(key) >= 0:
      raise UserError(f"config {key}={get(key)!r} must be >= 0")
  if config.microbatch_size > config.batch_size or config.batch_size % config.microbatch_size:
    raise UserError(f"config batch_size={config.batch_size} is not a multiple of "
                    f"microbatch_size={config.microbatch_size}")
  if config.warmup_steps >= config.total_steps:
    raise UserError(f"config warmup_steps={config.warmup_steps} must be < "
                    f"total_steps={config.total_steps}")
  for tower in ("image", "text"):
    c = config.model[tower]
    if c.width % c.heads:
      raise UserError(f"config model.{tower}.width={c.width} is not divisible by "
                      f"model.{tower}.heads={c.heads}")
  text = config.model.text
  if text.arch == "bert" and not text.init:
    raise UserError("config model.text.arch='bert' needs model.text.init (a Hugging Face BERT folder)")
  if text.arch != "bert" and text.init:
    raise UserError(f"config model.text.init={text.init!r} is a BERT checkpoint: set model.text.arch='bert'")
  if text.arch == "bert" and text.max_len > text.bert.max_position_embeddings:
    raise UserError(f"config model.text.max_len={text.max_len} > the BERT checkpoint's "
                    f"max_position_embeddings={text.bert.max_position_embeddings}")
  if config.model.image.init and config.model.image.pool == "map":
    raise UserError("config model.image.init imports a CLS-token ViT: set model.image.pool='cls' or 'views'")
  try:
    re.compile(config.freeze)
  except re.error as e:
    raise UserError(f"config freeze={config.freeze!r} is not a valid regex: {e}") from None
  if not 0.0 <= config.input.view_dropout < 1.0:
    raise UserError(f"config input.view_dropout={config.input.view_dropout} must be in [0, 1)")
  _check_augmentation(config.input)
  if not 0.01 <= config.model.temperature_init <= 1.0:  # the clamp: 1 <= logit scale <= 100
    raise UserError(f"config model.temperature_init={config.model.temperature_init} must be in "
                    f"[0.01, 1] (logit scale 1 / temperature is clamped to [1, 100])")
  if len(config.mesh_shape) != 3 or any(
      not isinstance(v, int) or (v < 1 and v != -1) for v in config.mesh_shape
  ) or list(config.mesh_shape).count(-1) > 1:
    raise UserError(f"config mesh_shape={tuple(config.mesh_shape)} must be 3 ints "
                    "(data, fsdp, tensor), each >= 1 or one of them -1")
  if config.input.size % config.model.image.patch:
    raise UserError(f"config input.size={config.input.size} is not a multiple of "
                    f"model.image.patch={config.model.image.patch}")
  if config.input.frames % config.model.image.tubelet:
    raise UserError(f"config input.frames={config.input.frames} is not a multiple of "
                    f"model.image.tubelet={config.model.image.tubelet}")
  profile_steps(config)
  given = [v.strip() for v in str(config.input.get("views", "")).split(",") if v.strip()]
  unknown = [v for v in given if v not in slots.BY_NAME]
  if unknown or len(set(given)) != len(given):
    raise UserError(f"config input.views={config.input.views!r}: want distinct slot names out of "
                    f"{', '.join(slots.NAMES)} (empty: all of them)")
  for key in str(config.get("allow_resume_changes", "")).split(","):
    if key.strip() and not _is_leaf(config, key.strip()):
      raise UserError(f"config allow_resume_changes names {key.strip()!r}, which is not a config key")


def _check_augmentation(c) -> None:
  """The training augmentation's ranges (config.input; cmr_clip_jax/augment.py)."""
  for key in ("contrast", "gamma"):
    lo_hi = tuple(c[key])
    if len(lo_hi) != 2 or not 0 < lo_hi[0] <= lo_hi[1]:
      raise UserError(f"config input.{key}={lo_hi} must be (low, high) with 0 < low <= high")
  if not 0.0 <= c.max_rotation_deg <= 180.0:
    raise UserError(f"config input.max_rotation_deg={c.max_rotation_deg} must be in [0, 180]")
  if not 0.0 <= c.bias_field <= 2.0:
    raise UserError(f"config input.bias_field={c.bias_field} must be in [0, 2]")
  if not 0.0 <= c.noise < 1.0:
    raise UserError(f"config input.noise={c.noise} must be in [0, 1)")
  if not 0.0 < c.kspace_keep <= 1.0:
    raise UserError(f"config input.kspace_keep={c.kspace_keep} must be in (0, 1]")
  if not 0.0 <= c.sentence_sample <= 1.0:
    raise UserError(f"config input.sentence_sample={c.sentence_sample} must be in [0, 1]")
  if not (isinstance(c.sentence_max, int) and c.sentence_max >= 0):
    raise UserError(f"config input.sentence_max={c.sentence_max} must be an integer >= 0 (0: no limit)")


def views(config) -> tuple:
  """The slot names the image tower takes, in its order: config.input.views (comma-separated), or
  every slot of the table (data_prep/slots.py) when empty. Records of any schema version fill
  them by name; a slot a study lacks is masked."""
  given = str(config.input.get("views", "") or "")
  return tuple(v.strip() for v in given.split(",") if v.strip()) or slots.NAMES


def _is_leaf(config, key: str) -> bool:
  node = config
  for part in key.split("."):
    if not isinstance(node, ml_collections.ConfigDict) or part not in node:
      return False
    node = node[part]
  return not isinstance(node, ml_collections.ConfigDict)


def check_batch_fits(batch_size: int, train_examples: int) -> None:
  """Refuses a global batch larger than half the training split: a batch that must repeat
  studies holds false negatives (a study contrasted with its own copy)."""
  if batch_size > train_examples // 2:
    raise UserError(f"batch_size {batch_size} is more than half of the {train_examples} training "
                    f"studies (max {train_examples // 2}): repeated studies in one batch would be "
                    f"false negatives")


def profile_steps(config) -> tuple:
  """`profile_steps` "A,B" -> (A, B), the first and last step traced; () when empty."""
  text = str(config.profile_steps).strip()
  if not text:
    return ()
  m = re.fullmatch(r"\s*(\d+)\s*,\s*(\d+)\s*", text)
  if not m or int(m.group(1)) > int(m.group(2)):
    raise UserError(f"config profile_steps={text!r} must be 'FIRST,LAST' (e.g. '20,25')")
  return int(m.group(1)), int(m.group(2))


def to_json(config: ml_collections.ConfigDict) -> str:
  """The resolved config as JSON (what `config.json` in a workdir holds under "config")."""
  return json.dumps(config.to_dict(), indent=2, sort_keys=True, default=list)


# Keys added after configs were first written, with the value that reproduces what older runs
# did (their workdirs and bundles lack them): from scratch, flax's tanh GELU and LayerNorm eps.
_ADDED_MODEL_KEYS = {
    ("text", "arch"): "transformer", ("text", "init"): "", ("image", "init"): "",
    ("image", "exact_gelu"): False, ("image", "layer_norm_eps"): 1e-6,
    ("text", "bert"): {"vocab_size": 0, "max_position_embeddings": 512, "type_vocab_size": 2,
                       "layer_norm_eps": 1e-12, "hidden_act": "gelu"},
}


# Augmentation keys added with site augmentation: what runs before it did (augment.AugmentSpec).
_ADDED_INPUT_KEYS = {"max_rotation_deg": 10.0, "contrast": (0.8, 1.25), "gamma": (1.0, 1.0),
                     "bias_field": 0.0, "noise": 0.0, "kspace_keep": 1.0, "sentence_sample": 0.0,
                     "sentence_max": 0}
# Loss keys added with the sentence loss (losses.sentence_loss): off in runs before it.
_ADDED_LOSS_KEYS = {"sentence_weight": 0.0, "sentences": 20, "sentence_len": 48}


def from_dict(d: dict) -> ml_collections.ConfigDict:
  """Inverse of `to_json` after json.loads: lists become tuples again (mesh_shape). A whole
  config or a model section written before `model.remat_policy` (a bool `model.remat`, in old
  workdirs and bundles) gets the policy that bool meant; one written before the pretrained
  towers gets `_ADDED_MODEL_KEYS` (and pretrained_lr_factor 1)."""
  def fix(v):
    if isinstance(v, dict):
      v = {k: fix(x) for k, x in v.items()}
      if isinstance(v.get("remat"), bool) and "remat_policy" not in v:
        v["remat_policy"] = "full" if v.pop("remat") else "none"
      if isinstance(v.get("image"), dict) and isinstance(v.get("text"), dict):  # a model section
        for (tower, key), default in _ADDED_MODEL_KEYS.items():
          v[tower].setdefault(key, default)
      if isinstance(v.get("model"), dict):  # a whole config
        v.setdefault("pretrained_lr_factor", 1.0)
        if isinstance(v.get("input"), dict):
          for key, default in _ADDED_INPUT_KEYS.items():
            v["input"].setdefault(key, default)
          v["input"].setdefault("views", ",".join(slots.V1_NAMES))  # written before the slot table: 8 slots
        if isinstance(v.get("loss"), dict):
          for key, default in _ADDED_LOSS_KEYS.items():
            v["loss"].setdefault(key, default)
      return v
    return tuple(v) if isinstance(v, list) else v
  return ml_collections.ConfigDict(fix(d))

