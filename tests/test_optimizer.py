"""AdamW schedule, lr scaling, weight-decay mask, clipping and freezing (on a small params tree)."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from cmr_clip_jax import optimizer
from configs import demo


def _config(**kw):
  c = demo.get_config()
  c.update(dict(total_steps=100, warmup_steps=10, learning_rate=1e-2, lr_reference_batch=64,
                batch_size=64, weight_decay=0.1, grad_clip_norm=0.0))
  c.update(kw)
  return c


def _params():
  rng = np.random.default_rng(0)
  f = lambda *s: jnp.asarray(rng.normal(size=s), jnp.float32)
  return {"img": {"block_0": {"mlp": {"fc1": {"kernel": f(4, 6), "bias": f(6)}}, "ln": {"scale": f(4)}},
                  "cls": f(1, 4)},
          "txt": {"token_embed": f(10, 4), "proj": {"kernel": f(4, 3)}},
          "log_scale": jnp.float32(2.5), "bias": jnp.float32(-10.0)}


def _step(config, params, grads, steps=1):
  tx, _ = optimizer.make_optimizer(config)
  state = tx.init(params)
  for _ in range(steps):
    updates, state = tx.update(grads, state, params)
    params = optax.apply_updates(params, updates)
  return params


def test_schedule_warmup_cosine_and_scaling():
  _, sched = optimizer.make_optimizer(_config())
  np.testing.assert_allclose([sched(0), sched(5), sched(10)], [0.0, 5e-3, 1e-2], rtol=1e-6, atol=1e-9)
  np.testing.assert_allclose(sched(55), 1e-2 * 0.5 * (1 + np.cos(np.pi * 45 / 90)), rtol=1e-5)
  np.testing.assert_allclose(sched(100), 0.0, atol=1e-9)
  for scaling, factor in [("none", 1.0), ("linear", 4.0), ("sqrt", 2.0)]:
    c = _config(lr_scaling=scaling, batch_size=256)
    assert optimizer.peak_learning_rate(c) == pytest.approx(1e-2 * factor)


def test_weight_decay_only_on_kernels():
  params = _params()
  zero = jax.tree.map(jnp.zeros_like, params)
  new = _step(_config(warmup_steps=0), params, zero)  # no gradient: only decay moves params
  paths = optimizer.param_paths(params)
  for path, p, q in zip(jax.tree.leaves(paths), jax.tree.leaves(params), jax.tree.leaves(new)):
    if path.endswith("kernel"):
      np.testing.assert_allclose(q, p * (1 - 1e-2 * 0.1), rtol=1e-6)
    else:
      np.testing.assert_array_equal(q, p)


def test_freeze_regex_and_fixed_temperature_hold_params_bitwise():
  params = _params()
  grads = jax.tree.map(lambda p: jnp.ones_like(p) * 0.3, params)
  config = _config(freeze="^img/", warmup_steps=0)
  config.model.learn_temperature = False
  new = _step(config, params, grads, steps=3)
  for path, p, q in zip(jax.tree.leaves(optimizer.param_paths(params)), jax.tree.leaves(params),
                        jax.tree.leaves(new)):
    if path.startswith("img/") or path == "log_scale":
      np.testing.assert_array_equal(np.asarray(q), np.asarray(p), err_msg=path)
    else:
      assert np.all(np.asarray(q) != np.asarray(p)), path


def test_clipping_by_global_norm():
  """Clipped updates == unclipped updates of gradients rescaled to norm <= 1, over two steps."""
  params = _params()
  c = dict(warmup_steps=0, weight_decay=0.0)
  tx_clip, _ = optimizer.make_optimizer(_config(grad_clip_norm=1.0, **c))
  tx_raw, _ = optimizer.make_optimizer(_config(grad_clip_norm=0.0, **c))
  s_clip, s_raw = tx_clip.init(params), tx_raw.init(params)
  for value in (5.0, 0.01):  # one above, one below the threshold; Adam state carries the first
    g = jax.tree.map(lambda p: jnp.full_like(p, value), params)
    scale = min(1.0, 1.0 / float(optax.tree.norm(g)))
    u_clip, s_clip = tx_clip.update(g, s_clip, params)
    u_raw, s_raw = tx_raw.update(jax.tree.map(lambda x: x * scale, g), s_raw, params)
    for x, y in zip(jax.tree.leaves(u_clip), jax.tree.leaves(u_raw)):
      np.testing.assert_allclose(x, y, rtol=1e-5)
