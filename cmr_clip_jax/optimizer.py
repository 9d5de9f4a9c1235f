"""AdamW with warm-up + cosine, global-norm clipping, a weight-decay mask, frozen params and a
lower learning rate for params imported from a checkpoint (fine-tuning).

Param paths are '/'-joined keys of the params tree (`img/blocks/mlp/fc1/kernel`, `log_scale`);
scanned blocks stack all layers in one leaf, so `freeze` selects whole stacks (a tower, a module).
Each param gets one label, "frozen" (zero update), "pretrained" (the schedule x
`pretrained_lr_factor`) or "train", and `optax.multi_transform` routes it; clipping is by the
global norm over all of them, before the split.
"""

import re

import jax
import optax

from cmr_clip_jax import pretrained

_SCALING = {"none": lambda r: 1.0, "linear": lambda r: r, "sqrt": lambda r: r ** 0.5}


def param_paths(params):
  """The params tree with each leaf replaced by its '/'-joined path."""
  return jax.tree_util.tree_map_with_path(
      lambda path, _: "/".join(str(getattr(k, "key", k)) for k in path), params)


def frozen_mask(config, params):
  """bool tree: True where the param is held fixed (`freeze` regex, or a fixed temperature)."""
  pattern = re.compile(config.freeze) if config.freeze else None
  fixed_temp = not config.model.learn_temperature
  return jax.tree.map(lambda p: bool(pattern and pattern.search(p)) or (fixed_temp and p == "log_scale"),
                      param_paths(params))


def decay_mask(params):
  """bool tree: weight decay on matmul kernels only (not biases, norms, embeddings, scalars)."""
  return jax.tree.map(lambda p: p.rsplit("/", 1)[-1] == "kernel", param_paths(params))


def peak_learning_rate(config) -> float:
  """`learning_rate` scaled by batch_size / lr_reference_batch per `lr_scaling`."""
  return config.learning_rate * _SCALING[config.lr_scaling](config.batch_size / config.lr_reference_batch)


def lr_schedule(config) -> optax.Schedule:
  """Linear warm-up from 0 to the peak over warmup_steps, then cosine to 0 at total_steps."""
  return optax.warmup_cosine_decay_schedule(0.0, peak_learning_rate(config), config.warmup_steps,
                                            config.total_steps, end_value=0.0)


def param_labels(config, params):
  """str tree: "frozen", "pretrained" (imported from model.*.init, when pretrained_lr_factor != 1)
  or "train"."""
  pattern = pretrained.imported_regex(config) if config.pretrained_lr_factor != 1.0 else ""
  slow = re.compile(pattern) if pattern else None
  return jax.tree.map(lambda f, p: "frozen" if f else "pretrained" if slow and slow.search(p) else "train",
                      frozen_mask(config, params), param_paths(params))


def make_optimizer(config):
  """-> (tx, lr_schedule). Frozen params get exactly zero updates (no decay, no Adam state)."""
  schedule = lr_schedule(config)
  adamw = lambda lr: optax.adamw(lr, b1=config.adam_b1, b2=config.adam_b2,
                                 weight_decay=config.weight_decay, mask=decay_mask)
  slow = lambda step: config.pretrained_lr_factor * schedule(step)
  clip = optax.clip_by_global_norm(config.grad_clip_norm) if config.grad_clip_norm > 0 else optax.identity()
  tx = optax.chain(clip, optax.multi_transform(
      {"train": adamw(schedule), "pretrained": adamw(slow), "frozen": optax.set_to_zero()},
      lambda params: param_labels(config, params)))
  return tx, schedule
