"""Orbax checkpoints of the train state: async, keep-N, atomic, restorable onto any mesh.

Layout: WORKDIR/checkpoints/<step>/{state,meta}. `state` is the sharded train state
{'step', 'params', 'opt_state'}; `meta` (JSON) is the data position and what produced it.
The data position is the step itself (input_pipeline's order depends on (seed, step) only),
so `meta` needs no per-process iterator state and a run restores on any process count.
Orbax writes each step to a temporary directory and renames it when every host has finished
(atomic finalize); latest_step() never sees an unfinished one.

Checkpoints written before the layer scan hold per-layer `block_{i}` params and moments; both
restores convert them (`model.stack_layers`), so such runs resume, evaluate and export.
"""

import json
import os

import jax
import jax.numpy as jnp
import numpy as np
import orbax.checkpoint as ocp

from cmr_clip_jax import config_lib, model as model_lib
from data_prep.errors import UserError


def checkpoint_dir(workdir: str) -> str:
  return os.path.join(os.path.abspath(workdir), "checkpoints")


# Replica-parallel writes split every replicated array into per-replica slices; worth it for
# big arrays, but for the many small leaves of a train state it costs thousands of slicing
# dispatches per save (a second on 8 CPU devices), so only arrays above this use it.
_MIN_REPLICA_SLICE_BYTES = 16 << 20


def _handler() -> ocp.PyTreeCheckpointHandler:
  scalar = ocp.type_handlers.ScalarHandler()
  registry = ocp.type_handlers.create_type_handler_registry(
      (int, scalar), (float, scalar), (np.number, scalar),
      (np.ndarray, ocp.type_handlers.NumpyHandler()),
      (jax.Array, ocp.type_handlers.ArrayHandler(
          min_slice_bytes_for_replica_parallel=_MIN_REPLICA_SLICE_BYTES)))
  return ocp.PyTreeCheckpointHandler(type_handler_registry=registry)


def make_manager(workdir: str, keep: int, *, read_only: bool = False) -> ocp.CheckpointManager:
  """Async manager that keeps the `keep` newest steps; the trainer decides when to save.
  read_only: for readers (eval, export)."""
  options = ocp.CheckpointManagerOptions(
      max_to_keep=None if read_only else keep, save_interval_steps=0 if read_only else 1,
      create=not read_only, read_only=read_only, enable_async_checkpointing=not read_only)
  return ocp.CheckpointManager(checkpoint_dir(workdir), options=options, item_handlers={
      "state": _handler(), "meta": ocp.JsonCheckpointHandler()})


@jax.jit
def _all_finite(tree) -> jax.Array:
  leaves = [jnp.all(jnp.isfinite(x)) for x in jax.tree.leaves(tree)
            if jnp.issubdtype(x.dtype, jnp.inexact)]
  return jnp.all(jnp.stack(leaves)) if leaves else jnp.array(True)


def all_finite(tree) -> bool:
  """True when every float leaf of a (sharded, global) pytree is finite; same answer on all hosts."""
  return bool(_all_finite(tree))


def save(manager: ocp.CheckpointManager, step: int, state, meta: dict) -> None:
  """Starts an async save of `state` at `step`. A non-finite state is never saved (so it can
  never rotate the last good checkpoint away): raises FloatingPointError instead."""
  if not all_finite(state):
    raise FloatingPointError(f"train state at step {step} holds NaN/Inf: not saved")
  manager.save(step, args=ocp.args.Composite(state=ocp.args.PyTreeSave(state),
                                             meta=ocp.args.JsonSave(meta)), force=True)


def abstract_like(state_shapes, shardings):
  """ShapeDtypeStructs carrying the target shardings: restoring onto them reshards on read."""
  return jax.tree.map(lambda s, sh: jax.ShapeDtypeStruct(s.shape, s.dtype, sharding=sh),
                      state_shapes, shardings)


def restore_latest(manager: ocp.CheckpointManager, abstract_state):
  """(state, meta, step) from the newest finished checkpoint, laid out as `abstract_state`
  (any mesh shape); (None, None, None) when the workdir has none."""
  step = manager.latest_step()
  if step is None:
    return None, None, None
  if model_lib.is_per_layer(manager.item_metadata(step)["state"]):
    return _restore_per_layer(manager, step, abstract_state), manager.restore(
        step, args=ocp.args.Composite(meta=ocp.args.JsonRestore()))["meta"], step
  restore_args = ocp.checkpoint_utils.construct_restore_args(abstract_state)
  restored = manager.restore(step, args=ocp.args.Composite(
      state=ocp.args.PyTreeRestore(item=abstract_state, restore_args=restore_args),
      meta=ocp.args.JsonRestore()))
  return restored["state"], restored["meta"], step


def _key(path) -> str:
  """A key path as 'a/b/0' whether its nodes are dicts, namedtuples or sequences (Orbax
  restores namedtuples as dicts, so paths are how the two trees are matched)."""
  return "/".join(str(getattr(k, "key", getattr(k, "name", getattr(k, "idx", k)))) for k in path)


def _restore_per_layer(manager, step, abstract_state):
  """A pre-scan checkpoint: restored as saved onto the host, layers stacked, then laid out as
  `abstract_state` leaf by leaf (matched by key path)."""
  saved = manager.item_metadata(step)["state"]
  as_numpy = jax.tree.map(lambda _: ocp.RestoreArgs(restore_type=np.ndarray), saved)
  old = manager.restore(step, args=ocp.args.Composite(state=ocp.args.PyTreeRestore(
      item=saved, restore_args=as_numpy)))["state"]
  by_key = {_key(p): x for p, x in jax.tree_util.tree_leaves_with_path(model_lib.stack_layers(old))}

  def place(path, target):
    x = np.asarray(by_key[_key(path)], target.dtype)
    if x.shape != target.shape:
      raise UserError(f"checkpoint {step}: {_key(path)} has shape {x.shape}, the model wants {target.shape}")
    return jax.make_array_from_callback(x.shape, target.sharding, lambda idx: x[idx])
  return jax.tree_util.tree_map_with_path(place, abstract_state)


def read_config(workdir: str):
  """The resolved config a run wrote into WORKDIR/config.json at start, validated."""
  path = os.path.join(workdir, "config.json")
  if not os.path.isfile(path):
    raise UserError(f"no config.json in {workdir!r}: is it a `cmr-clip train` workdir?")
  with open(path) as f:
    config = config_lib.from_dict(json.load(f)["config"])
  config_lib.validate(config)  # a hand-edited or older config.json: the same rules as a recipe
  return config


def load_params(workdir: str, step: int | None = None):
  """(params pytree of numpy arrays, config, step): only the params, restored onto the host
  whatever mesh wrote them (eval, export), in the scanned model's layout. `step` None = the
  newest checkpoint."""
  config = read_config(workdir)
  if not os.path.isdir(checkpoint_dir(workdir)):
    raise UserError(f"no checkpoints in {workdir!r}")
  manager = make_manager(workdir, keep=1, read_only=True)
  step = manager.latest_step() if step is None else step
  if step is None or step not in manager.all_steps():
    raise UserError(f"no checkpoint {'' if step is None else step} in {checkpoint_dir(workdir)} "
                    f"(have: {list(manager.all_steps())})")
  params_meta = manager.item_metadata(step)["state"]["params"]
  as_numpy = jax.tree.map(lambda _: ocp.RestoreArgs(restore_type=np.ndarray), params_meta)
  restored = manager.restore(step, args=ocp.args.Composite(state=ocp.args.PyTreeRestore(
      item={"params": params_meta}, restore_args={"params": as_numpy}, partial_restore=True)))
  manager.close()
  return model_lib.stack_layers(restored["state"]["params"]), config, step
