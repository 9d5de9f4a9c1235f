"""The dual encoder: shapes, unit norms, masking of missing views and padding, dtype, remat."""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from cmr_clip_jax import config_lib, model as model_lib
from data_prep import records
from configs import demo

pytestmark = pytest.mark.xdist_group("model")  # one worker: module fixtures compile once

VOCAB = 40


def tiny_config(**model_overrides):
  """The demo config shrunk to a CPU-test size: width 32, 1 block, 4 frames of 16 px."""
  c = demo.get_config()
  c.input.frames, c.input.size = 4, 16
  c.model.embed_dim = 16
  c.model.image.update(width=32, depth=1, heads=2, mlp_dim=64, patch=8, tubelet=2)
  c.model.text.update(width=32, depth=1, heads=2, mlp_dim=64, max_len=12)
  c.model.update(model_overrides)
  c.batch_size = c.microbatch_size = c.lr_reference_batch = 16
  return c


def _with_depth(config, depth):
  config.model.image.depth = config.model.text.depth = depth
  return config


def tiny_batch(config, n, seed=0):
  """Random process-local batch in the train_step contract layout."""
  rng = np.random.default_rng(seed)
  t, s, length = config.input.frames, config.input.size, config.model.text.max_len
  tokens = rng.integers(4, VOCAB, (n, length)).astype(np.int32)
  lengths = rng.integers(3, length + 1, n)
  tokens[np.arange(length)[None, :] >= lengths[:, None]] = 0
  view_mask = rng.random((n, records.NUM_VIEWS)) > 0.3
  view_mask[:, 0] = True
  batch = {"frames": rng.integers(0, 256, (n, records.NUM_VIEWS, t, s, s), dtype=np.uint8),
           "view_mask": view_mask, "tokens": tokens,
           "report_hash": rng.integers(0, 4, n).astype(np.uint32)}
  if config.loss.sentence_weight > 0:  # K sentences a study: some shared (hash 1-2), some empty (0)
    k, ls = config.loss.sentences, config_lib.sentence_len(config)
    hashes = rng.integers(1, 40, (n, k)).astype(np.uint32)
    hashes[rng.random((n, k)) < 0.25] = 0
    sentences = rng.integers(4, VOCAB, (n, k, ls)).astype(np.int32) * (hashes[..., None] > 0)
    batch.update(sentences=sentences.astype(np.int32), sentence_hash=hashes)
  return batch


def _init(config):
  model = model_lib.build_model(config.model, VOCAB)
  b = tiny_batch(config, 2)
  variables = jax.jit(model.init)(jax.random.key(0), b["frames"], b["view_mask"], b["tokens"])
  return model, variables


@pytest.fixture(scope="module")
def base():
  config = tiny_config()
  model, variables = _init(config)
  return config, model, variables, nn.unbox(variables["params"])


def _encode(model, params, batch):
  """Both towers through the contract's two methods (eval mode), jitted."""
  def f(params, frames, view_mask, tokens):
    return (model.apply({"params": params}, frames, view_mask, method="encode_image"),
            model.apply({"params": params}, tokens, method="encode_text"))
  return jax.jit(f)(params, batch["frames"], batch["view_mask"], batch["tokens"])


def test_shapes_norms_and_param_scopes(base):
  config, model, variables, params = base
  zimg, ztxt = _encode(model, params, tiny_batch(config, 3))
  assert zimg.shape == ztxt.shape == (3, 16) and zimg.dtype == ztxt.dtype == jnp.float32
  np.testing.assert_allclose(jnp.linalg.norm(zimg, axis=-1), 1.0, rtol=1e-5)
  np.testing.assert_allclose(jnp.linalg.norm(ztxt, axis=-1), 1.0, rtol=1e-5)
  assert set(params) == {"img", "txt", "log_scale", "bias"}
  np.testing.assert_allclose(1 / model_lib.logit_scale(params), config.model.temperature_init, rtol=1e-6)
  np.testing.assert_allclose(model_lib.logit_bias(params), config.model.bias_init)
  clamped = model_lib.clamp_log_scale({"log_scale": jnp.float32(9.0), "bias": jnp.float32(-3.0)})
  assert float(model_lib.logit_scale(clamped)) == pytest.approx(model_lib.MAX_SCALE, rel=1e-6)
  assert float(clamped["bias"]) == -3.0
  assert float(model_lib.clamp_log_scale({"log_scale": jnp.float32(-1.0)})["log_scale"]) == 0.0
  specs = nn.get_partition_spec(variables)["params"]
  assert tuple(specs["img"]["blocks"]["mlp"]["fc1"]["kernel"]) == ("layers", "embed", "mlp")
  assert tuple(specs["txt"]["blocks"]["attn"]["qkv"]["kernel"]) == ("layers", "embed", None, "heads", "kv")
  assert tuple(specs["img"]["blocks"]["ln_mlp"]["scale"]) == ()  # small params stay unnamed
  assert params["img"]["blocks"]["mlp"]["fc1"]["kernel"].shape == (1, 32, 64)  # [depth, in, out]


@pytest.mark.parametrize("attention,pool", [("divided", "cls"), ("joint", "map"), ("divided", "views")])
def test_missing_views_are_masked(attention, pool):
  config = tiny_config()
  config.model.image.update(attention=attention, pool=pool)
  model, variables = _init(config)
  params = nn.unbox(variables["params"])
  batch = tiny_batch(config, 3, seed=1)
  batch["view_mask"][:] = True
  batch["view_mask"][:, [2, 5]] = False
  encode = jax.jit(lambda f, v: model.apply({"params": params}, f, v, method="encode_image"))
  z0 = encode(batch["frames"], batch["view_mask"])
  other = batch["frames"].copy()
  other[:, [2, 5]] = 255 - other[:, [2, 5]]
  np.testing.assert_allclose(encode(other, batch["view_mask"]), z0, atol=1e-6)
  other[:, 1] = 255 - other[:, 1]  # a present view does change the embedding
  assert np.abs(encode(other, batch["view_mask"]) - z0).max() > 1e-3


@pytest.mark.parametrize("pool", ["mean", "eos"])
def test_text_padding_is_ignored(base, pool):
  config, _, _, params = base  # the text pool adds no params: reuse them
  text_config = tiny_config()
  text_config.model.text.pool = pool
  model = model_lib.build_model(text_config.model, VOCAB)
  tokens = tiny_batch(config, 3, seed=2)["tokens"][:, :8]
  tokens[:, 6:] = 0
  enc = jax.jit(lambda t: model.apply({"params": params}, t, method="encode_text"))
  np.testing.assert_allclose(enc(tokens), enc(np.pad(tokens, ((0, 0), (0, 4)))), atol=1e-6)
  changed = tokens.copy()
  changed[:, 1] = changed[:, 1] % (VOCAB - 5) + 4
  assert np.abs(enc(changed) - enc(tokens)).max() > 1e-3


def test_bfloat16_compute_keeps_f32_params_and_close_outputs(base):
  config, model, _, params = base
  model16 = model_lib.build_model(tiny_config(dtype="bfloat16").model, VOCAB)
  batch = tiny_batch(config, 3, seed=3)
  shapes = jax.eval_shape(model16.init, jax.random.key(0), batch["frames"], batch["view_mask"], batch["tokens"])
  assert all(x.dtype == jnp.float32 for x in jax.tree.leaves(nn.unbox(shapes["params"])))
  for z32, z16 in zip(_encode(model, params, batch), _encode(model16, params, batch)):
    assert z16.dtype == jnp.float32
    np.testing.assert_allclose(z16, z32, atol=5e-2)


def test_remat_policies_same_gradients():
  """Every remat policy gives the no-remat gradients (depth 2: the scan really loops)."""
  assert set(model_lib.REMAT_POLICIES) == set(config_lib._CHOICES["model.remat_policy"])
  config = _with_depth(tiny_config(), 2)
  _, variables = _init(config)
  params = nn.unbox(variables["params"])
  batch = tiny_batch(config, 2, seed=4)

  def grad(policy):
    m = model_lib.build_model(_with_depth(tiny_config(remat_policy=policy), 2).model, VOCAB)
    return jax.jit(jax.grad(lambda p: jnp.sum(jnp.multiply(*m.apply(
        {"params": p}, batch["frames"], batch["view_mask"], batch["tokens"])))))(params)
  ref = grad("none")
  for policy in sorted(set(model_lib.REMAT_POLICIES) - {"none"}):
    for x, y in zip(jax.tree.leaves(ref), jax.tree.leaves(grad(policy))):
      np.testing.assert_allclose(x, y, atol=1e-5, err_msg=policy)


def test_scanned_layers_equal_an_unrolled_loop_over_per_layer_params():
  """The scan == applying each layer's slice of the stacked params in turn (an independent
  per-layer forward of the text tower), and stack/unstack round-trip the keys."""
  config = _with_depth(tiny_config(), 3)
  model, variables = _init(config)
  params = jax.tree.map(np.asarray, nn.unbox(variables["params"]))
  per_layer = model_lib.unstack_layers(params)
  assert {"block_0", "block_1", "block_2"} <= set(per_layer["txt"]) and "blocks" not in per_layer["txt"]
  assert model_lib.is_per_layer(per_layer) and not model_lib.is_per_layer(params)
  for x, y in zip(jax.tree.leaves(model_lib.stack_layers(per_layer)), jax.tree.leaves(params)):
    np.testing.assert_array_equal(x, y)

  tokens = tiny_batch(config, 2, seed=6)["tokens"]
  c = config.model.text
  txt = per_layer["txt"]
  x = (jnp.take(txt["token_embed"], tokens, axis=0) + txt["pos_embed"][:tokens.shape[1]])
  block = model_lib.TextBlock(c.heads, c.mlp_dim, jnp.float32)
  for i in range(3):
    x, _ = block.apply({"params": txt[f"block_{i}"]}, x, tokens != 0)
  x = nn.LayerNorm().apply({"params": txt["ln_final"]}, x)
  m = (tokens != 0)[..., None]
  z = ((x * m).sum(1) / m.sum(1)) @ txt["proj"]["kernel"]
  z = z / jnp.linalg.norm(z, axis=-1, keepdims=True)
  got = jax.jit(lambda p: model.apply({"params": p}, tokens, method="encode_text"))(params)
  np.testing.assert_allclose(got, z, atol=1e-5)


def test_dropout_follows_rng_and_train_flag(base):
  config, model, _, params = base
  batch = tiny_batch(config, 2, seed=5)
  drop_config = tiny_config()
  drop_config.model.image.dropout = drop_config.model.text.dropout = 0.3
  drop = model_lib.build_model(drop_config.model, VOCAB)
  run = jax.jit(lambda p, rng: drop.apply({"params": p}, batch["frames"], batch["view_mask"],
                                          batch["tokens"], train=True, rngs={"dropout": rng}))
  a, b, c = (np.asarray(run(params, jax.random.key(k))[0]) for k in (1, 1, 2))
  np.testing.assert_array_equal(a, b)
  assert np.abs(a - c).max() > 1e-4
  np.testing.assert_array_equal(_encode(drop, params, batch)[0], _encode(model, params, batch)[0])


def test_flop_count_counts_every_layer_and_unrolled_model_is_the_same_function(base):
  """XLA's cost analysis counts a loop body once: the model FLOP count (the trainer's MFU, the
  benchmarks) lowers the layers unrolled, so one more text block adds that block's matmul
  FLOPs (counted by hand; XLA adds LayerNorm / softmax / GELU arithmetic, under 25% here),
  and the unrolled model computes what the scanned one does."""
  from cmr_clip_jax import train
  config, model, _, params = base
  flops = {}
  for depth in (1, 2):
    c = tiny_config()
    c.model.text.depth = depth
    m = model_lib.build_model(c.model, VOCAB)
    p = nn.unbox(jax.eval_shape(lambda: m.init(jax.random.key(0), *_dummy(c)))["params"])
    flops[depth] = train.model_flops_per_example(m, c, p)
  t = config.model.text
  length, w, mlp = t.max_len, t.width, t.mlp_dim
  block_dots = 2 * length * w * (3 * w + w + 2 * mlp) + 2 * 2 * length * length * w
  assert 1.0 <= (flops[2] - flops[1]) / block_dots < 1.25, (flops, block_dots)

  batch = tiny_batch(config, 2, seed=7)
  np.testing.assert_allclose(_encode(model_lib.unrolled(model), params, batch), _encode(model, params, batch),
                             atol=1e-6)


def _dummy(config):
  b = tiny_batch(config, 1)
  return b["frames"], b["view_mask"], b["tokens"]
