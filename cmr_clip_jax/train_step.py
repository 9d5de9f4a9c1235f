"""Sharded train state, the training step (fused or streaming gradient caching), and embedding.

Fused step (microbatch_size == batch_size): one `jax.jit` with explicit in/out shardings and the
state donated.

Gradient caching (microbatch_size < batch_size), exact for any global batch B = N x m:
  pass 1: for each microbatch k, embed it (params fixed) and keep only zimg, ztxt [m, D];
  loss:   the loss over all B embeddings and its gradient wrt every embedding and wrt the
          temperature / bias, once;
  pass 2: replay microbatch k with `jax.vjp`, feed its slice of the embedding cotangents and add
          the parameter gradient into a donated accumulator;
  apply:  clip + optax update once.
Device memory holds one microbatch's activations plus [B, D] embeddings and their cotangents.
Dropout uses fold_in(fold_in(key(seed), step), k) in both passes, so the replay is the forward
that produced the embeddings. Each process contributes its contiguous local rows k*m/P ...
(k+1)*m/P to microbatch k; the loss is invariant to that reordering of the global batch.
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.sharding import NamedSharding, PartitionSpec as P

from cmr_clip_jax import losses, optimizer, sharding
from data_prep import records
from cmr_clip_jax import model as model_lib
from data_prep.errors import UserError

BATCH_KEYS = ("frames", "view_mask", "tokens", "report_hash")


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
  t, s = config.input.frames, config.input.size
  return (np.zeros((1, records.NUM_VIEWS, t, s, s), np.uint8), np.ones((1, records.NUM_VIEWS), bool),
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
  """Training-mode forward of both towers: -> (zimg, ztxt) [n, D] f32."""
  return model.apply({"params": params}, batch["frames"], batch["view_mask"], batch["tokens"],
                     train=True, rngs={"dropout": rng})


def _loss(config, mesh, params, zimg, ztxt, report_hash):
  return losses.loss_from_config(config.loss, zimg, ztxt, model_lib.logit_scale(params),
                                 model_lib.logit_bias(params), report_hash, mesh)


def _apply(config, tx, schedule, state, grads, loss):
  """Clip + update once (both inside tx), then clamp the temperature parameter; -> (new state, metrics)."""
  params = state["params"]
  updates, opt_state = tx.update(grads, state["opt_state"], params)
  metrics = {"loss": loss, "grad_norm": optax.tree.norm(grads),
             "temperature": 1.0 / model_lib.logit_scale(params), "lr": schedule(state["step"])}
  if config.loss.kind == "sigmoid":
    metrics["bias"] = model_lib.logit_bias(params)
  new_params = model_lib.clamp_log_scale(optax.apply_updates(params, updates))
  new = {"step": state["step"] + 1, "params": new_params, "opt_state": opt_state}
  return new, metrics


def _batch_arrays(batch, rows):
  """The four inputs as numpy, checked; report_hash defaults to zeros (only multi_positive reads it)."""
  if any(k not in batch for k in BATCH_KEYS[:3]):
    raise UserError(f"batch needs keys {BATCH_KEYS[:3]}, got {sorted(batch)}")
  out = {k: np.asarray(batch[k]) for k in BATCH_KEYS[:3]}
  out["report_hash"] = np.asarray(batch.get("report_hash", np.zeros(len(out["frames"]), np.uint32)))
  if len(out["frames"]) != rows:
    raise UserError(f"process-local batch has {len(out['frames'])} rows, expected {rows} "
                    f"(batch_size / process_count)")
  return out


def _to_global(local, mesh):
  return {k: sharding.global_batch(v, mesh) for k, v in local.items()}


def _batch_shardings(mesh):
  return {"frames": sharding.batch_sharding(mesh, 5), "view_mask": sharding.batch_sharding(mesh, 2),
          "tokens": sharding.batch_sharding(mesh, 2), "report_hash": sharding.batch_sharding(mesh, 1)}


def make_train_step(config, model, tx, mesh, state_shardings):
  """-> train_step(state, batch) -> (state, metrics); batch = this process's rows (numpy).

  microbatch_size < batch_size streams the batch through gradient caching.
  """
  n_micro = _check_batching(config, mesh)
  schedule = optimizer.lr_schedule(config)
  rep = sharding.replicated(mesh)
  bsh = _batch_shardings(mesh)
  local_rows = config.batch_size // jax.process_count()
  if n_micro == 1:
    def fused(state, batch):
      rng = _dropout_rng(config, state["step"], 0)

      def loss_fn(params):
        params = _trainable(config, params)
        zimg, ztxt = _embed(model, params, batch, rng)
        return _loss(config, mesh, params, zimg, ztxt, batch["report_hash"])

      loss, grads = jax.value_and_grad(loss_fn)(state["params"])
      return _apply(config, tx, schedule, state, grads, loss)

    step_fn = jax.jit(fused, in_shardings=(state_shardings, bsh), out_shardings=(state_shardings, rep),
                      donate_argnums=(0,))

    def train_step(state, batch):
      with sharding.rules_context(mesh):
        return step_fn(state, _to_global(_batch_arrays(batch, local_rows), mesh))

    return train_step
  return _caching_step(config, model, tx, mesh, state_shardings, schedule, n_micro, local_rows)


def _caching_step(config, model, tx, mesh, state_shardings, schedule, n_micro, local_rows):
  """The streaming gradient-caching step (see the module docstring)."""
  rep = sharding.replicated(mesh)
  psh = state_shardings["params"]
  bsh = _batch_shardings(mesh)
  zsh = sharding.batch_sharding(mesh, 2)
  stacked = NamedSharding(mesh, P(None, sharding.BATCH_AXES, None))  # [N, m, D]: microbatch k local
  mb_rows = local_rows // n_micro

  def embed(params, step, k, batch):
    return _embed(model, _trainable(config, params), batch, _dropout_rng(config, step, k))

  def loss_and_cotangents(params, zimg, ztxt, report_hash):
    """zimg, ztxt [N, m, D], report_hash [N, m] -> loss, (d params (scale/bias only), dzimg, dztxt)."""
    def f(params, zimg, ztxt):
      d = zimg.shape[-1]
      return _loss(config, mesh, _trainable(config, params), zimg.reshape(-1, d), ztxt.reshape(-1, d),
                   report_hash.reshape(-1))
    return jax.value_and_grad(f, argnums=(0, 1, 2))(params, zimg, ztxt)

  def replay(params, acc, step, k, batch, dzimg, dztxt):
    _, vjp = jax.vjp(lambda p: embed(p, step, k, batch), params)
    (g,) = vjp((dzimg[k], dztxt[k]))
    return jax.tree.map(jnp.add, acc, g)

  embed_j = jax.jit(embed, in_shardings=(psh, rep, rep, bsh), out_shardings=(zsh, zsh))
  stack_j = jax.jit(lambda zs: jnp.stack(zs), out_shardings=stacked)
  loss_j = jax.jit(loss_and_cotangents, in_shardings=(psh, stacked, stacked, NamedSharding(mesh, P(None, sharding.BATCH_AXES))),
                   out_shardings=(rep, (psh, stacked, stacked)))
  replay_j = jax.jit(replay, in_shardings=(psh, psh, rep, rep, bsh, stacked, stacked), out_shardings=psh,
                     donate_argnums=(1,))
  apply_j = jax.jit(lambda state, grads, loss: _apply(config, tx, schedule, state, grads, loss),
                    in_shardings=(state_shardings, psh, rep), out_shardings=(state_shardings, rep),
                    donate_argnums=(0,))

  def train_step(state, batch):
    local = _batch_arrays(batch, local_rows)
    micro = lambda k: _to_global({n: v[k * mb_rows:(k + 1) * mb_rows] for n, v in local.items()}, mesh)
    params, step = state["params"], state["step"]
    with sharding.rules_context(mesh):
      # Dispatch is asynchronous: waiting for microbatch k-1 before launching k bounds device
      # memory to two microbatches, while the copy of k still overlaps the compute of k-1.
      zs = []
      for k in range(n_micro):
        batch_k = micro(k)
        if zs:
          jax.block_until_ready(zs[-1])
        zs.append(embed_j(params, step, np.int32(k), batch_k))
      hashes = np.stack([local["report_hash"][k * mb_rows:(k + 1) * mb_rows] for k in range(n_micro)])
      hashes = jax.make_array_from_process_local_data(
          NamedSharding(mesh, P(None, sharding.BATCH_AXES)), hashes,
          (n_micro, mb_rows * jax.process_count()))
      loss, (acc, dzimg, dztxt) = loss_j(params, stack_j([z[0] for z in zs]), stack_j([z[1] for z in zs]),
                                         hashes)
      del zs
      for k in range(n_micro):
        batch_k = micro(k)
        jax.block_until_ready(acc)
        acc = replay_j(params, acc, step, np.int32(k), batch_k, dzimg, dztxt)
      return apply_j(state, acc, loss)

  return train_step


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
