"""Train step: same result on every mesh, params really sharded, gradient caching == one batch."""

import json
import math
import os
import socket
import subprocess
import sys

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
from jax.sharding import PartitionSpec as P

from cmr_clip_jax import config_lib, losses, model as model_lib, optimizer, sharding, train_step
from data_prep.errors import UserError
from test_model import VOCAB, tiny_batch, tiny_config

pytestmark = pytest.mark.xdist_group("train_step")  # one worker: module fixtures compile once

B = 16


def _config(**kw):
  c = tiny_config()
  c.warmup_steps = 0  # lr is at its peak from step 0, so one step really moves the params
  c.batch_size = B
  c.microbatch_size = kw.pop("microbatch_size", B)
  for k, v in kw.items():
    if k.startswith("loss_"):
      c.loss[k[5:]] = v
    else:
      c[k] = v
  return c


def _run(config, mesh_shape, tx=None, steps=1, batch=None):
  """-> (state, metrics) after `steps` steps from the seed-0 init on the first devices."""
  mesh = sharding.make_mesh(mesh_shape, jax.devices()[:math.prod(mesh_shape)])
  model = model_lib.build_model(config.model, VOCAB)
  tx = tx or optimizer.make_optimizer(config)[0]
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  step = train_step.make_train_step(config, model, tx, mesh, shardings)
  batch = tiny_batch(config, B) if batch is None else batch
  for _ in range(steps):
    state, metrics = step(state, batch)
  return state, {k: float(v) for k, v in metrics.items()}


def _host(tree):
  return jax.tree.map(np.asarray, tree)


def _assert_trees_close(a, b, atol):
  """Leafwise; atol is relative to the leaf's largest entry when that exceeds 1 (f32 sums in
  another order differ by rounding of the summands, not of their result)."""
  for (path, x), y in zip(jax.tree_util.tree_leaves_with_path(a), jax.tree.leaves(b)):
    scale = max(1.0, float(np.abs(y).max()))
    np.testing.assert_allclose(x, y, atol=atol * scale, rtol=1e-4, err_msg=jax.tree_util.keystr(path))


# One plain SGD step: new params = params - LR x grads, so params compare gradients. LR < 1 keeps
# log_scale (ln 14.3 = 2.66, gradient ~4) inside the post-update clamp [0, ln 100], so the
# temperature's gradient is compared too.
LR = 0.1


def _sgd_params(config, mesh_shape, batch=None):
  """-> (params after one SGD step of LR, metrics, state)."""
  state, metrics = _run(config, mesh_shape, tx=optax.sgd(LR), batch=batch)
  return _host(state["params"]), metrics, state


@pytest.fixture(scope="module")
def reference():
  """Fused step on one device."""
  return _sgd_params(_config(), (1, 1, 1))[:2]


@pytest.mark.parametrize("mesh_shape", [
    pytest.param((8, 1, 1), marks=pytest.mark.slow),
    pytest.param((2, 4, 1), marks=pytest.mark.slow),
    (2, 2, 2)])
def test_same_result_on_every_mesh(reference, mesh_shape):
  params_ref, metrics_ref = reference
  params, metrics, state = _sgd_params(_config(), mesh_shape)
  assert metrics["loss"] == pytest.approx(metrics_ref["loss"], rel=1e-5)
  assert metrics["grad_norm"] == pytest.approx(metrics_ref["grad_norm"], rel=1e-5)
  _assert_trees_close(params, params_ref, atol=1e-5)
  _assert_sharded(state, mesh_shape)


def _assert_sharded(state, mesh_shape):
  """FSDP over a kernel's width, tensor over the MLP hidden; small params and step replicated."""
  kernel = state["params"]["img"]["blocks"]["mlp"]["fc1"]["kernel"]  # [1 layer, 32, 64]
  _, fsdp, tensor = mesh_shape
  assert kernel.sharding.spec == P(None, "fsdp", "tensor")
  assert kernel.addressable_shards[0].data.shape == (1, 32 // fsdp, 64 // tensor)
  assert state["params"]["img"]["blocks"]["mlp"]["fc1"]["bias"].sharding.is_fully_replicated
  assert state["step"].sharding.is_fully_replicated and int(state["step"]) == 1


SENTENCES = dict(loss_sentence_weight=0.5, loss_sentences=3, loss_sentence_len=8)


@pytest.mark.parametrize("mesh_shape,loss", [
    ((1, 1, 1), {}),
    ((2, 2, 2), SENTENCES),
    pytest.param((2, 2, 2), dict(loss_kind="sigmoid", loss_chunk_size=5, loss_multi_positive=True),
                 marks=pytest.mark.slow),
])
def test_gradient_caching_equals_one_batch(reference, mesh_shape, loss):
  fused, m_fused = reference if not loss else _sgd_params(_config(**loss), mesh_shape)[:2]
  cached, m_cached, _ = _sgd_params(_config(microbatch_size=4, **loss), mesh_shape)  # 4 microbatches
  assert m_cached["loss"] == pytest.approx(m_fused["loss"], rel=1e-5)
  assert m_cached["grad_norm"] == pytest.approx(m_fused["grad_norm"], rel=1e-4)
  _assert_trees_close(cached, fused, atol=1e-5)


def test_sentence_loss_adds_to_the_report_loss():
  """The step's loss is the report loss plus loss.sentence_weight x the sentence loss of the
  same params' embeddings of the batch's single sentences (recomputed outside the step)."""
  config = _config(**SENTENCES)
  mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
  model = model_lib.build_model(config.model, VOCAB)
  tx = optimizer.make_optimizer(config)[0]
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  params = _host(state["params"])  # the step donates state
  batch = tiny_batch(config, B)
  _, metrics = train_step.make_train_step(config, model, tx, mesh, shardings)(state, batch)
  zimg, ztxt = model.apply({"params": params}, batch["frames"], batch["view_mask"], batch["tokens"])
  zsent = model.apply({"params": params}, batch["sentences"].reshape(B * 3, 8), method="encode_text")
  scale = model_lib.logit_scale(params)
  want = (losses.infonce_loss(zimg, ztxt, scale)
          + 0.5 * losses.sentence_loss(zimg, zsent.reshape(B, 3, -1), batch["sentence_hash"], scale))
  assert float(metrics["loss"]) == pytest.approx(float(want), rel=1e-5)
  assert 0.5 * float(losses.sentence_loss(zimg, zsent.reshape(B, 3, -1), batch["sentence_hash"], scale)) > 0.1
  with pytest.raises(UserError, match="sentences"):  # a batch without them, when the loss needs them
    train_step.make_train_step(config, model, tx, mesh, shardings)(
        state, {k: v for k, v in batch.items() if not k.startswith("sentence")})


@pytest.mark.slow
def test_gradient_caching_replays_dropout_exactly():
  """With dropout on, caching == autodiff of the loss over the microbatches' own forwards."""
  config = _config(microbatch_size=8)
  config.model.image.dropout = config.model.text.dropout = 0.2
  assert config.loss.sentence_weight > 0  # the demo's: its sentences are replayed too
  batch = tiny_batch(config, B, seed=7)
  cached, metrics, _ = _sgd_params(config, (1, 1, 1), batch)
  model = model_lib.build_model(config.model, VOCAB)
  params0, _ = train_step.init_train_state(config, model, optax.sgd(LR), sharding.make_mesh((1, 1, 1), jax.devices()[:1]), 0)
  params0 = params0["params"]

  def loss(params):  # independent path: one function over both microbatches, rng = fold_in(step 0, k),
    # the single sentences (the demo's sentence loss) with fold_in(that, 1)
    zimg, ztxt, zsent = [], [], []
    for k in range(2):
      rows = slice(8 * k, 8 * k + 8)
      rng = jax.random.fold_in(jax.random.fold_in(jax.random.key(0), 0), k)
      zi, zt = model.apply({"params": params}, *(batch[n][rows] for n in ("frames", "view_mask", "tokens")),
                           train=True, rngs={"dropout": rng})
      sentences = batch["sentences"][rows]
      zs = model.apply({"params": params}, sentences.reshape(-1, sentences.shape[-1]), train=True,
                       rngs={"dropout": jax.random.fold_in(rng, 1)}, method="encode_text")
      zimg, ztxt, zsent = zimg + [zi], ztxt + [zt], zsent + [zs.reshape(sentences.shape[:2] + (-1,))]
    zimg, scale = jnp.concatenate(zimg), model_lib.logit_scale(params)
    return (losses.infonce_loss(zimg, jnp.concatenate(ztxt), scale)
            + config.loss.sentence_weight * losses.sentence_loss(zimg, jnp.concatenate(zsent), batch["sentence_hash"], scale))

  value, grads = jax.jit(jax.value_and_grad(loss))(params0)
  assert metrics["loss"] == pytest.approx(float(value), rel=1e-5)
  _assert_trees_close(cached, _host(jax.tree.map(lambda p, g: p - LR * g, params0, grads)), atol=1e-5)


def test_temperature_clamped_after_update_and_comes_back_down():
  """Past the bound the scale still has a gradient (no min() in the loss); the parameter is
  clamped to ln 100 after the update, and the next step can move it back below."""
  config = _config()
  model = model_lib.build_model(config.model, VOCAB)
  mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
  tx = optax.sgd(1e-3)  # d loss / d log_scale is ~30-50 here: one step moves it by ~0.04
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  batch = tiny_batch(config, B)
  ln_max = np.log(model_lib.MAX_SCALE)

  def loss(log_scale):
    zimg, ztxt = model.apply({"params": state["params"]}, batch["frames"], batch["view_mask"], batch["tokens"])
    return losses.infonce_loss(zimg, ztxt, model_lib.logit_scale({"log_scale": log_scale}))
  assert float(jax.grad(loss)(jnp.float32(ln_max + 0.5))) > 1  # random pairs: lower scale, lower loss

  step = train_step.make_train_step(config, model, tx, mesh, shardings)
  state["params"]["log_scale"] = jax.device_put(jnp.float32(ln_max + 0.5), shardings["params"]["log_scale"])
  state, _ = step(state, batch)
  assert float(state["params"]["log_scale"]) == pytest.approx(ln_max, abs=1e-6)  # clamped, not left above
  state, metrics = step(state, batch)
  assert float(state["params"]["log_scale"]) < ln_max - 1e-3  # back down from the clamp
  assert metrics["temperature"] == pytest.approx(1 / model_lib.MAX_SCALE, rel=1e-5)  # of the params it used


def test_bfloat16_step_loss_and_gradient_close_to_float32():
  """The accelerator default (configs/cmr_clip_b16.py: bf16 compute, f32 params and loss) on
  the same params and batch as f32: loss within 1% and, per tower, the gradient within 5% in
  norm and cosine > 0.995 to the f32 one (measured: 0.08%, 0.5%, 0.9998; bf16 keeps 8 mantissa
  bits, ~0.4% per rounding)."""
  config = _config()
  mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
  model = model_lib.build_model(config.model, VOCAB)
  params = train_step.init_train_state(config, model, optax.sgd(LR), mesh, 0)[0]["params"]
  batch = tiny_batch(config, B, seed=11)

  def loss_and_grads(dtype):
    c = _config()
    c.model.dtype = dtype
    m = model_lib.build_model(c.model, VOCAB)
    def loss(p):
      zimg, ztxt = m.apply({"params": p}, batch["frames"], batch["view_mask"], batch["tokens"])
      return losses.infonce_loss(zimg, ztxt, model_lib.logit_scale(p))
    return jax.jit(jax.value_and_grad(loss))(params)

  (l32, g32), (l16, g16) = loss_and_grads("float32"), loss_and_grads("bfloat16")
  assert float(l16) == pytest.approx(float(l32), rel=1e-2)
  for tower in ("img", "txt"):
    a, b = (np.concatenate([np.ravel(x) for x in jax.tree.leaves(g[tower])]) for g in (g32, g16))
    assert np.linalg.norm(b) == pytest.approx(np.linalg.norm(a), rel=5e-2), tower
    assert a @ b / (np.linalg.norm(a) * np.linalg.norm(b)) > 0.995, tower
  assert float(g16["log_scale"]) == pytest.approx(float(g32["log_scale"]), rel=2e-2)


def test_adamw_step_with_frozen_tower():
  """The real optimizer on a (2, 2, 2) mesh: moments sharded like their params, frozen tower
  bitwise unchanged (no Adam state, no decay), the rest moved."""
  config = _config(freeze="^img/")
  model = model_lib.build_model(config.model, VOCAB)
  mesh = sharding.make_mesh((2, 2, 2))
  tx, _ = optimizer.make_optimizer(config)
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  before = _host(state["params"])
  state, metrics = train_step.make_train_step(config, model, tx, mesh, shardings)(state, tiny_batch(config, B))
  after = _host(state["params"])
  for x, y in zip(jax.tree.leaves(before["img"]), jax.tree.leaves(after["img"])):
    np.testing.assert_array_equal(x, y)
  assert np.abs(after["txt"]["proj"]["kernel"] - before["txt"]["proj"]["kernel"]).max() > 0
  assert metrics["lr"] == pytest.approx(config.learning_rate) and np.isfinite(metrics["loss"])
  _assert_sharded(state, (2, 2, 2))
  moments = [x for x in jax.tree.leaves(state["opt_state"]) if x.shape == (1, 32, 64)]
  assert moments and all(m.sharding.spec == P(None, "fsdp", "tensor") for m in moments)  # txt MLP moments


def test_embed_fn_pads_and_matches_apply():
  config = _config()
  model = model_lib.build_model(config.model, VOCAB)
  mesh = sharding.make_mesh((2, 2, 2))
  state, _ = train_step.init_train_state(config, model, optimizer.make_optimizer(config)[0], mesh, 0)
  params = _host(state["params"])
  batch = tiny_batch(config, 5, seed=3)  # 5 rows on 4 batch shards: padded inside
  zimg, ztxt = train_step.make_embed_fn(config, model, mesh)(params, batch)
  ref = jax.jit(lambda p: model.apply({"params": p}, batch["frames"], batch["view_mask"], batch["tokens"]))(params)
  assert isinstance(zimg, np.ndarray) and zimg.shape == ztxt.shape == (5, 16)
  np.testing.assert_allclose(zimg, ref[0], atol=1e-5)
  np.testing.assert_allclose(ztxt, ref[1], atol=1e-5)


def test_bad_batch_settings_are_user_errors():
  model = model_lib.build_model(_config().model, VOCAB)
  mesh = sharding.make_mesh((2, 4, 1))
  tx = optax.sgd(1.0)
  with pytest.raises(UserError, match="8 batch shards"):
    train_step.make_train_step(_config(microbatch_size=4), model, tx, mesh, None)
  config_lib.check_batch_fits(50, 100)
  with pytest.raises(UserError, match="half"):
    config_lib.check_batch_fits(51, 100)
  with pytest.raises(UserError):
    sharding.make_mesh((3, -1, 1))


_WORKER = """
import json, os, sys
os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=4"
import jax, numpy as np
pid, port, micro = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
jax.distributed.initialize(coordinator_address=f"127.0.0.1:{port}", num_processes=2, process_id=pid)
from jax.experimental import multihost_utils
sys.path.insert(0, sys.argv[4])
import test_train_step as t
from cmr_clip_jax import train_step
config = t._config(microbatch_size=micro, loss_chunk_size=5, loss_multi_positive=True)
batch = {k: v[8 * pid:8 * pid + 8] for k, v in t.tiny_batch(config, t.B).items()}  # this process's rows
state, metrics = t._run(config, (2, 4, 1), tx=t.optax.sgd(t.LR), batch=batch)
kernel = multihost_utils.process_allgather(state["params"]["txt"]["proj"]["kernel"], tiled=True)
print("RESULT" + json.dumps({"loss": float(metrics["loss"]), "kernel": np.asarray(kernel).tolist()}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("micro", [B, 8])
def test_two_processes_equal_one(micro, tmp_path):
  """2 real JAX processes x 4 CPU devices, each feeding its own rows == one process, 8 devices."""
  config = _config(microbatch_size=micro, loss_chunk_size=5, loss_multi_positive=True)
  params, metrics, _ = _sgd_params(config, (2, 4, 1))
  with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
  worker = tmp_path / "worker.py"
  worker.write_text(_WORKER)
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  # The recipe folder is not installed: the worker finds `configs` (the tests' base recipe) here.
  env = {**{k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}, "PYTHONPATH": root}
  procs = [subprocess.Popen([sys.executable, str(worker), str(pid), str(port), str(micro),
                             os.path.dirname(__file__)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=os.path.dirname(os.path.dirname(__file__)))
           for pid in (0, 1)]
  outs = [p.communicate(timeout=300) for p in procs]
  for p, (out, err) in zip(procs, outs):
    assert p.returncode == 0, err[-2000:]
    result = json.loads(out.split("RESULT", 1)[1])
    assert result["loss"] == pytest.approx(metrics["loss"], rel=1e-5)
    np.testing.assert_allclose(result["kernel"], params["txt"]["proj"]["kernel"], atol=1e-5)
