"""AdamW with warm-up + cosine, global-norm clipping, a weight-decay mask, frozen params and a
lower learning rate for params imported from a checkpoint (fine-tuning).

Param paths are '/'-joined keys of the params tree (`img/blocks/mlp/fc1/kernel`, `log_scale`);
scanned blocks stack all layers in one leaf, so `freeze` selects whole stacks (a tower, a module).
`optax.multi_transform` routes each param by path: "frozen" (zero update) or "train"; within
"train", the params `model.*.init` imported take `pretrained_lr_factor` x the step.
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


def pretrained_mask(config, params):
  """bool tree: True where model.*.init imported the param (its steps are scaled by
  `pretrained_lr_factor`)."""
  pattern = pretrained.imported_regex(config)
  slow = re.compile(pattern) if pattern else None
  return jax.tree.map(lambda p: bool(slow and slow.search(p)), param_paths(params))


def make_optimizer(config):
  """-> (tx, lr_schedule). Frozen params get exactly zero updates (no decay, no Adam state).

  pretrained_lr_factor != 1 scales the whole AdamW step (Adam direction and decay) of the
  imported params, which is AdamW at factor x the learning rate; at 1 the optimizer state has
  the same tree as always, so older checkpoints restore.
  """
  schedule = lr_schedule(config)
  clip = optax.clip_by_global_norm(config.grad_clip_norm) if config.grad_clip_norm > 0 else optax.identity()
  steps = [clip, optax.adamw(schedule, b1=config.adam_b1, b2=config.adam_b2,
                             weight_decay=config.weight_decay, mask=decay_mask)]
  if config.pretrained_lr_factor != 1.0:
    steps.append(optax.masked(optax.scale(config.pretrained_lr_factor), lambda p: pretrained_mask(config, p)))
  labels = lambda params: jax.tree.map(lambda f: "frozen" if f else "train", frozen_mask(config, params))
  tx = optax.multi_transform({"train": optax.chain(*steps), "frozen": optax.set_to_zero()}, labels)
  return tx, schedule
