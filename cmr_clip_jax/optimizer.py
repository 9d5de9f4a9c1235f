"""AdamW with warm-up + cosine, global-norm clipping, a weight-decay mask and frozen params.

Param paths are '/'-joined keys of the params tree (`img/blocks/mlp/fc1/kernel`, `log_scale`);
scanned blocks stack all layers in one leaf, so `freeze` selects whole stacks (a tower, a module).
"""

import re

import jax
import optax

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


def make_optimizer(config):
  """-> (tx, lr_schedule). Frozen params get exactly zero updates (no decay, no Adam state)."""
  schedule = lr_schedule(config)
  clip = optax.clip_by_global_norm(config.grad_clip_norm) if config.grad_clip_norm > 0 else optax.identity()
  train = optax.chain(clip, optax.adamw(schedule, b1=config.adam_b1, b2=config.adam_b2,
                                        weight_decay=config.weight_decay, mask=decay_mask))
  labels = lambda params: jax.tree.map(lambda f: "frozen" if f else "train", frozen_mask(config, params))
  tx = optax.multi_transform({"train": train, "frozen": optax.set_to_zero()}, labels)
  return tx, schedule
