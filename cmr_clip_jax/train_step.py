"""Sharded train state, the training step (fused or streaming gradient caching), and embedding.

Every step is ONE `jax.jit` program, a pure function of (state, batch), with explicit in/out
shardings and the state donated; nothing returns to the host inside a step.

Fused (microbatch_size == batch_size): autodiff of the loss through both towers.

Gradient caching (microbatch_size < batch_size), exact for any global batch B = N x m, inside
the same program:
  pass 1: `lax.scan` over the N microbatches: embed each (params fixed), keep only zimg, ztxt
          [N, m, D]; each iteration's activations die with it;
  loss:   the loss over all B embeddings and its gradient wrt every embedding and wrt the
          temperature / bias, once;
  pass 2: `lax.scan` again: replay microbatch k under `jax.vjp`, feed its slice of the embedding
          cotangents, add the parameter gradient into the scan carry;
  apply:  clip + optax update once.
Device memory: one microbatch's activations plus [B, D] embeddings and their cotangents (and
the [B, ...] input batch itself). Dropout uses fold_in(fold_in(key(seed), step), k) in both
passes, so the replay is the forward that produced the embeddings. Microbatch k is each batch
shard's k-th block of local rows (no data moves to form it); the loss is invariant to that
reordering of the global batch.

When the [B, ...] frames do not fit in device memory (the published records are 25.7 MB each),
the same program streams them: give the frames' in_sharding `memory_kind="pinned_host"` and
`jax.device_put` the scanned slice to `memory_kind="device"` inside both scan bodies. XLA's
host-offload pass (the one behind activation offloading in remat policies) turns each
iteration's dynamic-slice of the host buffer into an asynchronous host-to-device copy that
overlaps the previous iteration's compute; the step stays one program. This needs TPU/GPU
pinned host memory; the CPU backend has no separate device memory, so it is not wired in
here (not tested on an accelerator).
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.sharding import NamedSharding, PartitionSpec as P

from cmr_clip_jax import config_lib, losses, optimizer, sharding
from cmr_clip_jax import model as model_lib
from data_prep.errors import UserError

BATCH_KEYS = ("frames", "view_mask", "tokens", "report_hash")
SENTENCE_KEYS = ("sentences", "sentence_hash")  # loss.sentence_weight > 0 only


def _check_batching(config, mesh) -> int:
  """-> number of microbatches; UserError when a microbatch cannot split over this mesh and
  these processes (the config's own rules are `config_lib.validate`'s)."""
  b, m, procs, shards = config.batch_size, config.microbatch_size, jax.process_count(), sharding.batch_shards(mesh)
  if m % shards or m % procs:
    raise UserError(f"microbatch_size {m} must divide evenly over the {shards} batch shards of "
                    f"mesh {dict(mesh.shape)} and the {procs} processes")
  return b // m


def _dummy_inputs(config):
  """Shape-only inputs for init: one study of the configured frames/size and max_len tokens."""
  t, s, v = config.input.frames, config.input.size, len(config_lib.views(config))
  return (np.zeros((1, v, t, s, s), np.uint8), np.ones((1, v), bool),
          np.zeros((1, config.model.text.max_len), np.int32))


def _abstract_params(config, model):
  """Boxed (logically annotated) param shapes, no computation."""
  return jax.eval_shape(lambda r: model.init(r, *_dummy_inputs(config))["params"], jax.random.key(0))


def param_shardings(config, model, mesh):
  """The params tree of NamedShardings (FSDP / tensor per `sharding.LOGICAL_RULES`)."""
  return sharding.logical_shardings(_abstract_params(config, model), mesh)


def init_train_state(config, model, tx, mesh, rng):
  """-> (state, state_shardings); state {'step' int32 [], 'params', 'opt_state'} born sharded.

  rng: a jax PRNG key or an int seed.
  """
  rng = jax.random.key(rng) if isinstance(rng, (int, np.integer)) else rng
  psh = param_shardings(config, model, mesh)
  rep = sharding.replicated(mesh)
  abstract = nn.unbox(_abstract_params(config, model))
  # Moments take their param's sharding (else tx.init lands them on device 0); frozen params
  # have MaskedNode (no state) in their place.
  masked = lambda x: isinstance(x, optax.MaskedNode)
  osh = optax.tree_map_params(tx, lambda x, s: x if masked(x) else s, jax.eval_shape(tx.init, abstract),
                              psh, transform_non_params=lambda _: rep, is_leaf=masked)
  shardings = {"step": rep, "params": psh, "opt_state": osh}
  dummy = _dummy_inputs(config)

  def init(rng):
    params = nn.unbox(model.init(rng, *dummy)["params"])
    return {"step": jnp.zeros((), jnp.int32), "params": params, "opt_state": tx.init(params)}

  return jax.jit(init, out_shardings=shardings)(rng), shardings


def _trainable(config, params):
  """Frozen params behind stop_gradient: their grads are exact zeros and their backward is skipped."""
  return jax.tree.map(lambda p, f: jax.lax.stop_gradient(p) if f else p,
                      params, optimizer.frozen_mask(config, params))


def _dropout_rng(config, step, micro):
  return jax.random.fold_in(jax.random.fold_in(jax.random.key(config.seed), step), micro)


def _embed(model, params, batch, rng):
  """Training-mode forward of both towers: -> {"zimg", "ztxt": [n, D] f32}, plus "zsent"
  [n, K, D] when the batch has single sentences (loss.sentence_weight > 0)."""
  apply = lambda r, *args, **kw: model.apply({"params": params}, *args, train=True, rngs={"dropout": r}, **kw)
  zimg, ztxt = apply(rng, batch["frames"], batch["view_mask"], batch["tokens"])
  z = {"zimg": zimg, "ztxt": ztxt}
  if "sentences" in batch:
    n, k, length = batch["sentences"].shape
    z["zsent"] = apply(jax.random.fold_in(rng, 1), batch["sentences"].reshape(n * k, length),
                       method="encode_text").reshape(n, k, -1)
  return z


def _loss(config, mesh, params, z, batch):
  """-> (loss, terms): the report loss (loss.kind) over the global batch, plus
  loss.sentence_weight x the sentence loss; terms holds each (metrics) when there are two."""
  scale = model_lib.logit_scale(params)
  report = losses.loss_from_config(config.loss, z["zimg"], z["ztxt"], scale, model_lib.logit_bias(params),
                                   batch["report_hash"], mesh)
  if "zsent" not in z:
    return report, {}
  sentence = losses.sentence_loss(z["zimg"], z["zsent"], batch["sentence_hash"], scale)
  return report + config.loss.sentence_weight * sentence, {"report_loss": report, "sentence_loss": sentence}


def _apply(config, tx, schedule, state, grads, loss, terms):
  """Clip + update once (both inside tx), then clamp the temperature parameter; -> (new state, metrics)."""
  params = state["params"]
  updates, opt_state = tx.update(grads, state["opt_state"], params)
  metrics = {"loss": loss, "grad_norm": optax.tree.norm(grads),
             "temperature": 1.0 / model_lib.logit_scale(params), "lr": schedule(state["step"]), **terms}
  if config.loss.kind == "sigmoid":
    metrics["bias"] = model_lib.logit_bias(params)
  new_params = model_lib.clamp_log_scale(optax.apply_updates(params, updates))
  new = {"step": state["step"] + 1, "params": new_params, "opt_state": opt_state}
  return new, metrics


def _batch_arrays(batch, rows, with_sentences):
  """The inputs as numpy, checked; report_hash defaults to zeros (only multi_positive reads it)."""
  needed = BATCH_KEYS[:3] + (SENTENCE_KEYS if with_sentences else ())
  if any(k not in batch for k in needed):
    raise UserError(f"batch needs keys {needed}, got {sorted(batch)}")
  out = {k: np.asarray(batch[k]) for k in needed}
  out["report_hash"] = np.asarray(batch.get("report_hash", np.zeros(len(out["frames"]), np.uint32)))
  if len(out["frames"]) != rows:
    raise UserError(f"process-local batch has {len(out['frames'])} rows, expected {rows} "
                    f"(batch_size / process_count)")
  return out


def _to_global(local, mesh):
  return {k: sharding.global_batch(v, mesh) for k, v in local.items()}


def _batch_shardings(mesh, with_sentences=False):
  out = {"frames": sharding.batch_sharding(mesh, 5), "view_mask": sharding.batch_sharding(mesh, 2),
         "tokens": sharding.batch_sharding(mesh, 2), "report_hash": sharding.batch_sharding(mesh, 1)}
  if with_sentences:
    out.update(sentences=sharding.batch_sharding(mesh, 3), sentence_hash=sharding.batch_sharding(mesh, 2))
  return out


def make_train_step(config, model, tx, mesh, state_shardings):
  """-> train_step(state, batch) -> (state, metrics); batch = this process's rows (numpy).

  One jitted program per step whatever the microbatching, state donated; microbatch_size <
  batch_size computes the gradient by gradient caching (module docstring).
  """
  n_micro = _check_batching(config, mesh)
  schedule = optimizer.lr_schedule(config)
  local_rows = config.batch_size // jax.process_count()
  psh = state_shardings["params"] if state_shardings else None
  with_sentences = config.loss.sentence_weight > 0

  def step(state, batch):
    if n_micro == 1:
      (loss, terms), grads = _fused_grads(config, model, mesh, state, batch)
    else:
      (loss, terms), grads = _cached_grads(config, model, mesh, psh, state, batch, n_micro)
    return _apply(config, tx, schedule, state, grads, loss, terms)

  step_fn = jax.jit(step, in_shardings=(state_shardings, _batch_shardings(mesh, with_sentences)),
                    out_shardings=(state_shardings, sharding.replicated(mesh)), donate_argnums=(0,))

  def train_step(state, batch):
    with sharding.rules_context(mesh):
      return step_fn(state, _to_global(_batch_arrays(batch, local_rows, with_sentences), mesh))

  return train_step


def batch_loss(config, model, mesh, params, batch, rng):
  """The training loss of one batch (both towers' forward, then `_loss`) -> (f32 [], its terms):
  what the fused step differentiates, and what benchmarks count the FLOPs of."""
  params = _trainable(config, params)
  return _loss(config, mesh, params, _embed(model, params, batch, rng), batch)


def _fused_grads(config, model, mesh, state, batch):
  """-> ((loss, terms), grads): autodiff of the loss through both towers over the whole batch."""
  rng = _dropout_rng(config, state["step"], 0)
  return jax.value_and_grad(lambda p: batch_loss(config, model, mesh, p, batch, rng), has_aux=True)(state["params"])


def _microbatches(batch, n_micro, mesh):
  """[B, ...] rows sharded over S batch shards -> [N, m, ...]: microbatch k = every shard's
  k-th block of m / S local rows, so the split moves no data between devices."""
  shards = sharding.batch_shards(mesh)

  def split(x):
    b, rest = x.shape[0], x.shape[1:]
    x = x.reshape((shards, n_micro, b // (shards * n_micro)) + rest).swapaxes(0, 1)
    x = x.reshape((n_micro, b // n_micro) + rest)
    return jax.lax.with_sharding_constraint(
        x, NamedSharding(mesh, P(None, sharding.BATCH_AXES, *([None] * len(rest)))))
  return {k: split(v) for k, v in batch.items()}


def _cached_grads(config, model, mesh, psh, state, batch, n_micro):
  """-> ((loss, terms), grads) by gradient caching: two lax.scans over the N microbatches (module
  docstring). Peak memory: one microbatch's activations + the [B, D] embeddings."""
  params, step = state["params"], state["step"]
  micro = _microbatches(batch, n_micro, mesh)
  ks = jnp.arange(n_micro)

  def embed(p, k, mb):
    return _embed(model, _trainable(config, p), mb, _dropout_rng(config, step, k))

  def forward(_, xs):  # pass 1: embeddings only, activations dropped per microbatch
    k, mb = xs
    return None, embed(params, k, mb)
  _, z = jax.lax.scan(forward, None, (ks, micro))  # {"zimg": [N, m, D], ...}

  # [N, m] -> [m * N] puts each device's rows together (m is the sharded axis): no reshard.
  rows = lambda tree: jax.tree.map(lambda x: x.swapaxes(0, 1).reshape((-1,) + x.shape[2:]), tree)

  def loss_fn(p, z):
    return _loss(config, mesh, _trainable(config, p), rows(z), rows(micro))
  loss, (grads, dz) = jax.value_and_grad(loss_fn, argnums=(0, 1), has_aux=True)(params, z)

  def backward(acc, xs):  # pass 2: replay microbatch k, pull its embedding cotangents back
    k, mb, dzk = xs
    _, vjp = jax.vjp(lambda p: embed(p, k, mb), params)
    acc = jax.tree.map(jnp.add, acc, vjp(dzk)[0])
    return (acc if psh is None else jax.lax.with_sharding_constraint(acc, psh)), None
  grads, _ = jax.lax.scan(backward, grads, (ks, micro, dz))
  return loss, grads


def make_embed_fn(config, model, mesh):
  """-> embed(params, batch) -> (zimg, ztxt) numpy [n, D] f32 for this process's n rows (eval mode).

  batch: frames uint8 [n, V, T, H, W], view_mask bool [n, V], tokens int32 [n, L]; any n
  (padded internally to a multiple of the batch shards; every process must pass the same n).
  """
  psh = param_shardings(config, model, mesh)
  rep = sharding.replicated(mesh)
  bsh = _batch_shardings(mesh)
  fn = jax.jit(lambda params, f, v, t: model.apply({"params": params}, f, v, t),
               in_shardings=(psh, bsh["frames"], bsh["view_mask"], bsh["tokens"]), out_shardings=(rep, rep))
  per_process = max(1, sharding.batch_shards(mesh) // jax.process_count())

  def embed(params, batch):
    params = jax.device_put(params, psh)  # host numpy (load_params) or any other layout
    n = len(batch["frames"])
    padded = -(-n // per_process) * per_process
    pad = lambda x: np.concatenate([x, np.repeat(x[-1:], padded - n, 0)]) if padded > n else x
    arrays = [sharding.global_batch(pad(np.asarray(batch[k])), mesh) for k in BATCH_KEYS[:3]]
    with sharding.rules_context(mesh):
      zimg, ztxt = fn(params, *arrays)
    start = jax.process_index() * padded
    return np.asarray(zimg)[start:start + n], np.asarray(ztxt)[start:start + n]

  return embed
