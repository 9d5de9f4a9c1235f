"""Checkpoint helpers on 8 simulated devices: restore onto another mesh (fewer devices, another
layout), unfinished saves ignored, non-finite states refused, keep-N, params-only load."""

import json
import os

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.sharding import NamedSharding, PartitionSpec as P

from cmr_clip_jax import checkpointing, config_lib, metric_writers, sharding

DEMO = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "configs", "demo.py")


def make_state(mesh, scale=1.0):
  """A train-state-shaped tree: params sharded (fsdp) and replicated, an opt_state, a step."""
  w = np.arange(16 * 8, dtype=np.float32).reshape(16, 8) * scale
  shardings = state_shardings(mesh)
  state = {"step": np.int32(3), "params": {"img": {"kernel": w}, "log_scale": np.float32(2.0)},
           "opt_state": {"mu": {"img": {"kernel": w / 2}, "log_scale": np.float32(0.0)}}}
  return jax.device_put(state, shardings), shardings


def state_shardings(mesh):
  rep = sharding.replicated(mesh)
  kernel = NamedSharding(mesh, P("fsdp", "tensor"))
  return {"step": rep, "params": {"img": {"kernel": kernel}, "log_scale": rep},
          "opt_state": {"mu": {"img": {"kernel": kernel}, "log_scale": rep}}}


@pytest.fixture
def workdir(tmp_path):
  config = config_lib.load_config(DEMO, ["--config.mesh_shape=4,2,1"])
  with open(tmp_path / "config.json", "w") as f:
    json.dump({"config": json.loads(config_lib.to_json(config)), "version": "test"}, f)
  return str(tmp_path)


def test_restore_onto_fewer_devices_and_another_layout(workdir):
  mesh8 = sharding.make_mesh((1, 4, 2))
  state, _ = make_state(mesh8)
  manager = checkpointing.make_manager(workdir, keep=2)
  checkpointing.save(manager, 3, state, {"step": 3})
  manager.wait_until_finished()

  mesh4 = sharding.make_mesh((1, 2, 2), devices=jax.devices()[4:])
  target = state_shardings(mesh4)
  abstract = checkpointing.abstract_like(jax.eval_shape(lambda: state), target)
  restored, meta, step = checkpointing.restore_latest(checkpointing.make_manager(workdir, 2), abstract)
  assert step == 3 and meta == {"step": 3}
  kernel = restored["params"]["img"]["kernel"]
  assert kernel.sharding == target["params"]["img"]["kernel"]
  assert {d.id for d in kernel.devices()} == {d.id for d in jax.devices()[4:]}
  for a, b in zip(jax.tree.leaves(restored), jax.tree.leaves(state)):
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


def test_unfinished_save_is_ignored_and_keep_n_rotates(workdir):
  mesh = sharding.make_mesh((-1, 1, 1))
  manager = checkpointing.make_manager(workdir, keep=2)
  for step in (1, 2, 3):
    checkpointing.save(manager, step, make_state(mesh, scale=step)[0], {"step": step})
  manager.wait_until_finished()
  # What a SIGKILL during an async save leaves behind: a temporary directory, never a step.
  os.makedirs(os.path.join(checkpointing.checkpoint_dir(workdir), "7.orbax-checkpoint-tmp-123", "state"))
  fresh = checkpointing.make_manager(workdir, keep=2)
  assert fresh.all_steps() == [2, 3] and fresh.latest_step() == 3


def test_non_finite_state_is_never_saved(workdir):
  mesh = sharding.make_mesh((-1, 1, 1))
  manager = checkpointing.make_manager(workdir, keep=1)
  good, _ = make_state(mesh)
  checkpointing.save(manager, 1, good, {"step": 1})
  bad = jax.tree.map(lambda x: x * jnp.nan if jnp.issubdtype(x.dtype, jnp.floating) else x, good)
  assert checkpointing.all_finite(good) and not checkpointing.all_finite(bad)
  with pytest.raises(FloatingPointError):
    checkpointing.save(manager, 2, bad, {"step": 2})
  manager.wait_until_finished()
  assert manager.all_steps() == [1]  # keep=1 did not rotate the good one away


def test_load_params_gives_host_numpy_from_a_sharded_checkpoint(workdir):
  mesh = sharding.make_mesh((2, 2, 2))
  state, _ = make_state(mesh)
  manager = checkpointing.make_manager(workdir, keep=1)
  checkpointing.save(manager, 5, state, {"step": 5})
  manager.wait_until_finished()
  params, config, step = checkpointing.load_params(workdir)
  assert step == 5 and tuple(config.mesh_shape) == (4, 2, 1)
  assert set(params) == {"img", "log_scale"}  # no optimizer state
  assert isinstance(params["img"]["kernel"], np.ndarray)
  np.testing.assert_array_equal(params["img"]["kernel"], np.asarray(state["params"]["img"]["kernel"]))


def test_checkpoint_from_before_the_layer_scan_resumes_and_loads(workdir):
  """A real train state saved in the per-layer layout (params AND Adam moments as block_{i})
  restores onto the scanned model's state, sharded, and load_params stacks it too."""
  import optax
  from cmr_clip_jax import model as model_lib, optimizer, train_step
  from test_model import VOCAB, tiny_config
  config = tiny_config()
  config.model.image.depth = config.model.text.depth = 2
  model = model_lib.build_model(config.model, VOCAB)
  mesh = sharding.make_mesh((1, 2, 2), jax.devices()[:4])
  tx, _ = optimizer.make_optimizer(config)
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  state = jax.tree.map(lambda x: x + 0.5 if jnp.issubdtype(x.dtype, jnp.floating) else x, state)  # nonzero moments
  old = model_lib.unstack_layers(jax.tree.map(np.asarray, state))
  assert "block_1" in old["opt_state"].inner_states["train"].inner_state[1][0].mu["img"]
  manager = checkpointing.make_manager(workdir, keep=1)
  checkpointing.save(manager, 4, old, {"step": 4})
  manager.wait_until_finished()

  abstract = checkpointing.abstract_like(jax.eval_shape(lambda: state), shardings)
  restored, meta, step = checkpointing.restore_latest(checkpointing.make_manager(workdir, 1), abstract)
  assert step == 4 and meta == {"step": 4}
  assert jax.tree.structure(restored) == jax.tree.structure(state)
  for a, b, sh in zip(jax.tree.leaves(restored), jax.tree.leaves(state), jax.tree.leaves(shardings)):
    assert a.sharding == sh
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
  params, _, _ = checkpointing.load_params(workdir)
  np.testing.assert_array_equal(params["img"]["blocks"]["mlp"]["fc1"]["kernel"],
                                np.asarray(state["params"]["img"]["blocks"]["mlp"]["fc1"]["kernel"]))
  assert optax.tree.norm(params) > 0


def test_metrics_truncated_to_the_restored_step(tmp_path):
  path = tmp_path / "metrics.jsonl"
  path.write_text("".join(json.dumps({"step": s, "loss": float(s)}) + "\n" for s in range(1, 11)))
  writer = metric_writers.MetricWriter(str(tmp_path), start_step=6)
  writer.write(7, {"loss": np.float32(0.5)})
  writer.close()
  rows = [json.loads(line) for line in path.read_text().splitlines()]
  assert [r["step"] for r in rows] == [1, 2, 3, 4, 5, 6, 7] and rows[-1]["loss"] == 0.5
  assert os.listdir(tmp_path / "tensorboard")
