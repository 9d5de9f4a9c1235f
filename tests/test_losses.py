"""Losses vs a float64 numpy reference, chunked vs plain, sharded vs unsharded."""

import jax
import jax.numpy as jnp
import ml_collections
import numpy as np
import pytest

from cmr_clip_jax import losses, sharding


def _unit(rng, n, d=16):
  x = rng.normal(size=(n, d))
  return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _targets(n, positives):
  same = np.eye(n) if positives is None else (positives[:, None] == positives[None, :]).astype(float)
  return same


def np_infonce(a, b, s, positives=None):
  """float64 value and analytic gradients (d a, d b, d s) of the symmetric InfoNCE."""
  a, b = a.astype(np.float64), b.astype(np.float64)
  n = len(a)
  dots = a @ b.T
  logits = s * dots
  same = _targets(n, positives)
  t_row, t_col = same / same.sum(1, keepdims=True), same / same.sum(0, keepdims=True)
  lsm_row = logits - np.log(np.exp(logits - logits.max(1, keepdims=True)).sum(1, keepdims=True)) - logits.max(1, keepdims=True)
  lsm_col = logits - np.log(np.exp(logits - logits.max(0, keepdims=True)).sum(0, keepdims=True)) - logits.max(0, keepdims=True)
  value = -(np.sum(t_row * lsm_row) + np.sum(t_col * lsm_col)) / (2 * n)
  g = (np.exp(lsm_row) - t_row + np.exp(lsm_col) - t_col) / (2 * n)  # d value / d logits
  return value, (s * g @ b, s * g.T @ a, np.sum(g * dots))


def np_sigmoid(a, b, s, bias, positives=None):
  """float64 value and analytic gradients (d a, d b, d s, d bias) of the SigLIP loss."""
  a, b = a.astype(np.float64), b.astype(np.float64)
  n = len(a)
  dots = a @ b.T
  z = 2 * _targets(n, positives) - 1
  x = z * (s * dots + bias)
  value = np.sum(np.logaddexp(0, -x)) / n  # -log sigmoid(x) = softplus(-x)
  g = -z / (1 + np.exp(x)) / n
  return value, (s * g @ b, s * g.T @ a, np.sum(g * dots), np.sum(g))


def _jax_loss(kind, **kw):
  if kind == "infonce":
    return lambda a, b, s, bias: losses.infonce_loss(a, b, s, **kw)
  return lambda a, b, s, bias: losses.sigmoid_loss(a, b, s, bias, **kw)


def _np_loss(kind, a, b, s, bias, positives):
  if kind == "infonce":
    v, g = np_infonce(a, b, s, positives)
    return v, g + (0.0,)
  return np_sigmoid(a, b, s, bias, positives)


def _value_and_grads(kind, a, b, s, bias, **kw):
  return jax.jit(jax.value_and_grad(_jax_loss(kind, **kw), argnums=(0, 1, 2, 3)))(a, b, s, bias)


def test_numpy_reference_matches_finite_differences():
  rng = np.random.default_rng(1)
  a, b = _unit(rng, 6).astype(np.float64), _unit(rng, 6).astype(np.float64)
  pos = np.array([0, 1, 0, 2, 1, 3])
  eps = 1e-6
  for p in (None, pos):
    _, (ga, _, gs) = np_infonce(a, b, 7.0, p)
    fd_s = (np_infonce(a, b, 7.0 + eps, p)[0] - np_infonce(a, b, 7.0 - eps, p)[0]) / (2 * eps)
    da = np.zeros_like(a)
    da[2, 3] = eps
    fd_a = (np_infonce(a + da, b, 7.0, p)[0] - np_infonce(a - da, b, 7.0, p)[0]) / (2 * eps)
    np.testing.assert_allclose([gs, ga[2, 3]], [fd_s, fd_a], rtol=1e-6, atol=1e-8)
    _, (ga, gb, gs, gbias) = np_sigmoid(a, b, 7.0, -3.0, p)
    fd_bias = (np_sigmoid(a, b, 7.0, -3.0 + eps, p)[0] - np_sigmoid(a, b, 7.0, -3.0 - eps, p)[0]) / (2 * eps)
    fd_b = (np_sigmoid(a, b + da, 7.0, -3.0, p)[0] - np_sigmoid(a, b - da, 7.0, -3.0, p)[0]) / (2 * eps)
    np.testing.assert_allclose([gbias, gb[2, 3]], [fd_bias, fd_b], rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("kind", ["infonce", "sigmoid"])
@pytest.mark.parametrize("multi", [False, True])
@pytest.mark.parametrize("chunk", [0, 5])
def test_matches_numpy(kind, multi, chunk):
  rng = np.random.default_rng(0)
  n = 13
  a, b = _unit(rng, n), _unit(rng, n)
  pos = rng.integers(0, 4, n).astype(np.uint32) if multi else None
  s, bias = 20.0, -4.0
  v, grads = _value_and_grads(kind, a, b, s, bias, positives=pos, chunk_size=chunk)
  v_np, grads_np = _np_loss(kind, a, b, s, bias, pos)
  assert v.dtype == jnp.float32
  np.testing.assert_allclose(v, v_np, rtol=1e-5, atol=1e-5)
  for g, g_np in zip(grads, grads_np):
    np.testing.assert_allclose(g, g_np, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", ["infonce", "sigmoid"])
@pytest.mark.parametrize("n,chunk", [(10, 3), (17, 8), (24, 7), (6, 64)])
def test_chunked_equals_plain(kind, n, chunk):
  rng = np.random.default_rng(n)
  a, b = _unit(rng, n, 8), _unit(rng, n, 8)
  v0, g0 = _value_and_grads(kind, a, b, 30.0, -2.0)
  v1, g1 = _value_and_grads(kind, a, b, 30.0, -2.0, chunk_size=chunk)
  np.testing.assert_allclose(v1, v0, rtol=1e-6, atol=1e-6)
  for x, y in zip(g1, g0):
    np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("mesh_shape", [(8, 1, 1), (2, 4, 1), (2, 2, 2)])
@pytest.mark.parametrize("kind", ["infonce", "sigmoid"])
def test_sharded_equals_unsharded(mesh_shape, kind):
  mesh = sharding.make_mesh(mesh_shape)
  rng = np.random.default_rng(3)
  n = 24  # 3 or 6 rows per batch shard; chunk 5 leaves a ragged last block
  a, b = _unit(rng, n), _unit(rng, n)
  pos = rng.integers(0, 5, n).astype(np.uint32)
  v0, g0 = _value_and_grads(kind, a, b, 12.0, -1.0, positives=pos)
  put = lambda x: jax.device_put(x, sharding.batch_sharding(mesh, x.ndim))
  for chunk in (0, 5):
    v1, g1 = _value_and_grads(kind, put(a), put(b), 12.0, -1.0, positives=put(pos),
                              chunk_size=chunk, mesh=mesh)
    np.testing.assert_allclose(v1, v0, rtol=1e-6, atol=1e-6)
    for x, y in zip(g1, g0):
      np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-5)
  assert g1[0].sharding.spec == sharding.batch_sharding(mesh).spec  # d zimg stays row-sharded


def test_positives_none_is_the_textbook_formula():
  """Unique ids as positives reproduce positives=None (the diagonal-only targets)."""
  rng = np.random.default_rng(4)
  a, b = _unit(rng, 9), _unit(rng, 9)
  ids = np.arange(9, dtype=np.uint32)
  for kind in ("infonce", "sigmoid"):
    for chunk in (0, 4):
      v0, _ = _value_and_grads(kind, a, b, 10.0, -3.0, chunk_size=chunk)
      v1, _ = _value_and_grads(kind, a, b, 10.0, -3.0, chunk_size=chunk, positives=ids)
      np.testing.assert_allclose(v1, v0, rtol=1e-6)


def test_scale_used_as_given_and_f32():
  """No clamp inside the loss (the train step clamps the parameter): past 100 the value and
  the scale's gradient are the reference's, never a flat 0."""
  rng = np.random.default_rng(5)
  a, b = _unit(rng, 8), _unit(rng, 8)
  v500, g500 = _value_and_grads("infonce", a, b, 500.0, 0.0)
  ref_v, ref_g = np_infonce(a, b, 500.0)
  np.testing.assert_allclose(v500, ref_v, rtol=1e-5)
  np.testing.assert_allclose(float(g500[2]), ref_g[2], rtol=1e-4)
  assert float(g500[2]) != 0.0
  v_bf16 = losses.infonce_loss(jnp.asarray(a, jnp.bfloat16), jnp.asarray(b, jnp.bfloat16), 50.0)
  a16 = np.asarray(jnp.asarray(a, jnp.bfloat16).astype(jnp.float32))
  b16 = np.asarray(jnp.asarray(b, jnp.bfloat16).astype(jnp.float32))
  assert v_bf16.dtype == jnp.float32
  np.testing.assert_allclose(v_bf16, np_infonce(a16, b16, 50.0)[0], rtol=1e-5)


@pytest.mark.parametrize("kind", ["infonce", "sigmoid"])
def test_chunked_memory_is_b_times_chunk(kind):
  """Compiled temp memory of loss+grad: chunked ~ B x chunk, far below the B x B plain form."""
  n, d, chunk = 2048, 32, 128
  spec = jax.ShapeDtypeStruct((n, d), jnp.float32)

  def temp_bytes(chunk_size):
    f = jax.jit(jax.grad(_jax_loss(kind, chunk_size=chunk_size), argnums=(0, 1, 2, 3)))
    return f.lower(spec, spec, 10.0, 0.0).compile().memory_analysis().temp_size_in_bytes

  plain, chunked = temp_bytes(0), temp_bytes(chunk)
  assert plain >= n * n * 4  # at least one B x B f32 matrix
  assert chunked < 8 * n * chunk * 4 + 8 * n * d * 4, (chunked, plain)


def test_multi_positive_is_moot_for_infonce_when_equal_texts_embed_equally():
  """Texts that are the same string get the same embedding (no dropout): InfoNCE's one-hot and
  multi-positive targets then give the same loss and the same gradient for every row, so
  loss.multi_positive changes nothing there; the sigmoid loss, which scores each pair on its
  own, is changed by it. Checked on the float64 reference."""
  rng = np.random.default_rng(7)
  a, b = _unit(rng, 8).astype(np.float64), _unit(rng, 8).astype(np.float64)
  ids = np.array([0, 1, 0, 2, 1, 3, 0, 4])
  b = b[[0, 1, 0, 3, 1, 5, 0, 7]]  # rows with one id hold one text, so one embedding
  v1, (da1, db1, ds1) = np_infonce(a, b, 9.0, None)
  v2, (da2, db2, ds2) = np_infonce(a, b, 9.0, ids)
  np.testing.assert_allclose([v1, ds1], [v2, ds2], rtol=1e-12)
  np.testing.assert_allclose(da1, da2, rtol=1e-9, atol=1e-12)
  # What reaches the text tower from one text is the sum over the rows that hold it.
  per_text = lambda g: np.stack([g[ids == i].sum(0) for i in np.unique(ids)])
  np.testing.assert_allclose(per_text(db1), per_text(db2), rtol=1e-9, atol=1e-12)
  assert np.abs(db1 - db2).max() > 1e-3  # though not row by row
  assert abs(np_sigmoid(a, b, 9.0, -2.0, None)[0] - np_sigmoid(a, b, 9.0, -2.0, ids)[0]) > 0.1


@pytest.mark.parametrize("kind", ["infonce", "sigmoid"])
def test_mean_batch_loss_is_the_mean_over_batches_of_b(kind):
  """val_loss: 2 whole batches of 8 out of 19 rows (3 dropped) vs the float64 reference."""
  rng = np.random.default_rng(5)
  a, b, ids = _unit(rng, 19), _unit(rng, 19), rng.integers(0, 3, 19)
  cfg = ml_collections.ConfigDict(dict(kind=kind, chunk_size=0, multi_positive=True))
  got = losses.mean_batch_loss(cfg, a, b, 7.0, -2.0, ids, 8)
  want = np.mean([_np_loss(kind, a[i:i + 8], b[i:i + 8], 7.0, -2.0, ids[i:i + 8])[0] for i in (0, 8)])
  np.testing.assert_allclose(got, want, rtol=1e-5)
  whole = _np_loss(kind, a, b, 7.0, -2.0, ids)[0]  # fewer rows than B: one batch of all of them
  np.testing.assert_allclose(losses.mean_batch_loss(cfg, a, b, 7.0, -2.0, ids, 64), whole, rtol=1e-5)


def np_sentence(zimg, zsent, hashes, s):
  """float64 value and analytic gradients (d zimg, d zsent, d s) of the sentence loss, one
  sentence at a time: its targets are the studies whose reports hold an equal sentence."""
  a, b = zimg.astype(np.float64), zsent.astype(np.float64)
  value, da, db, ds, n = 0.0, np.zeros_like(a), np.zeros_like(b), 0.0, 0
  for i, k in zip(*np.nonzero(hashes)):
    dots = a @ b[i, k]
    logits = s * dots
    p = np.exp(logits - logits.max())
    p /= p.sum()
    t = np.array([float(hashes[i, k] in hashes[j]) for j in range(len(a))])
    t /= t.sum()
    value -= np.sum(t * np.log(p))
    g = p - t
    da += s * g[:, None] * b[i, k]
    db[i, k] = s * g @ a
    ds += g @ dots
    n += 1
  return value / n, (da / n, db / n, ds / n)


def test_sentence_loss_matches_numpy():
  """Shared sentences (hash 5 in three reports, twice in one), empty places (hash 0), a study
  with no sentence at all: value and gradients equal the one-sentence-at-a-time reference."""
  rng = np.random.default_rng(3)
  b, k, d = 6, 4, 8
  zimg = _unit(rng, b, d)
  zsent = _unit(rng, b * k, d).reshape(b, k, d)
  hashes = rng.integers(6, 1000, (b, k)).astype(np.uint32)
  hashes[0, 1] = hashes[2, 3] = hashes[4, 0] = hashes[4, 2] = 5
  hashes[1, 2:] = 0
  hashes[3] = 0
  s = 9.0
  value, grads = jax.value_and_grad(losses.sentence_loss, argnums=(0, 1, 3))(zimg, zsent, hashes, s)
  want, want_grads = np_sentence(zimg, zsent, hashes, s)
  assert float(value) == pytest.approx(want, rel=1e-5)
  for got, ref in zip(grads, want_grads):
    np.testing.assert_allclose(np.asarray(got), ref, atol=1e-5)
  assert not np.asarray(grads[1])[3].any() and not np.asarray(grads[1])[1, 2:].any()
