"""The dual encoder: a video ViT over CMR view slots x frames and a transformer over report ids.

Flax linen, because its params are plain pytrees: `jax.eval_shape` + `out_shardings`, the
`jax.vjp` replay of gradient caching, Orbax, safetensors and `jax.export` all take them as they
are. Kernels and embeddings carry logical axis names (`nn.with_logical_partitioning`); the one
place that maps them onto mesh axes is `cmr_clip_jax.sharding`.

Param tree: `img/...` (image tower + its projection), `txt/...` (text tower + projection),
`log_scale` (log of the logit scale = -log temperature) and `bias` (sigmoid loss).

Layers: each tower's blocks run under `nn.scan` (big_vision / MaxText): their params are
stacked on a leading axis (`img/blocks/...` [depth, ...], logical axis 'layers'), so the
compiled program holds one block body whatever the depth, and `model.remat_policy` chooses
what the backward pass keeps (REMAT_POLICIES). Checkpoints and bundles from before the scan
hold `block_{i}` subtrees: `stack_layers` converts them; bundles keep per-layer keys for users
(`unstack_layers`).

View mixing in divided attention: each block attends over time within one (view, patch)
position, then over space across ALL present views' patches of the same time step (plus CLS).
Cine views share the cardiac phase axis, so "same time step" lines up end-diastole with
end-diastole across SAX/LAX slots; letting views meet in every block (rather than in a late
fusion layer) is what lets the model relate, say, a 4CH wall to the SAX ring at the same phase.
Missing views are removed as attention keys and from pooling, so their pixels cannot reach
the embedding.
"""

import functools
import re
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

from data_prep.errors import UserError

# Logit scale bound (CLIP): bf16-level cosine noise x 100 is already tenths. The train step
# clamps the log_scale PARAMETER into [0, ln MAX_SCALE] after each update (as OpenCLIP does);
# clamping the scale inside the loss instead would cut its gradient to exactly 0 past the bound,
# and Adam's momentum can carry the parameter there and leave it stuck.
MAX_SCALE = 100.0


# What the backward pass keeps of each block's forward ("none": everything, no remat).
REMAT_POLICIES = {
    "none": None,
    "full": jax.checkpoint_policies.nothing_saveable,  # keep only the block inputs
    "dots_saveable": jax.checkpoint_policies.dots_saveable,  # keep matmul outputs, recompute the rest
    "dots_with_no_batch_dims_saveable": jax.checkpoint_policies.dots_with_no_batch_dims_saveable,
}
_BLOCK = re.compile(r"block_(\d+)$")

# Under the layer scan, every value a block's backward needs leaves the loop as a stacked
# [depth, ...] buffer (zero-filled, written and read back by dynamic slices), on every backend:
# XLA cannot fuse a recompute across the loop boundary, as it does in unrolled code. tanh-GELU's
# linearization keeps four [..., mlp_dim] intermediates besides its input and output, the largest
# activations of a block; checkpointed, the backward recomputes them from its input inside the
# fusion that consumes them (docs/step_profile.md). Same values, forward and backward.
_gelu = jax.checkpoint(nn.gelu, static_argnums=(1,))  # (x, approximate)


def _scanned(block, depth: int, policy: str, n_broadcast: int, unroll: bool = False):
  """`block` applied `depth` times under nn.scan: params stacked on axis 0 ('layers'), dropout
  rngs split per layer, the trailing n_broadcast call args shared by every layer. The policy
  name is one of REMAT_POLICIES (`config_lib.validate` checks it). unroll: no loop in the
  program (same params and values), for `unrolled`."""
  if REMAT_POLICIES[policy] is not None:
    # prevent_cse=False: scan already keeps XLA from merging the replay into the forward.
    block = nn.remat(block, policy=REMAT_POLICIES[policy], prevent_cse=False)
  return nn.scan(block, variable_axes={"params": 0}, split_rngs={"params": True, "dropout": True},
                 in_axes=(nn.broadcast,) * n_broadcast, length=depth, unroll=depth if unroll else 1,
                 metadata_params={nn.PARTITION_NAME: "layers"})


def _dense_init(names):
  return nn.with_logical_partitioning(nn.initializers.xavier_uniform(), names)


def _embed_init(names, stddev=0.02):
  return nn.with_logical_partitioning(nn.initializers.normal(stddev), names)


def _constrain(x, names):
  """Activation sharding hint; a no-op unless traced under `sharding.rules_context`."""
  return nn.with_logical_constraint(x, names)


class DenseND(nn.Module):
  """x [..., *in] -> [..., *features] with a multi-dim kernel [*in, *features] (xavier).

  (nn.DenseGeneral initialises a flattened 2-D kernel, which clashes with 4-D logical names
  once sharding rules are active.)

  split: return a tuple over features[0] instead, one dot per slice of the same kernel (qkv,
  kv). Slicing a fused [..., 3, H, K] output costs, in the backward, a zero-padded full-size
  copy of the activation per slice plus their sum, before the kernel gradient's dot; slicing
  the kernel moves that pad onto the kernel gradient, which is tiny. Same function and params.
  """
  features: tuple
  names: tuple  # logical axes of the kernel
  dtype: Any
  n_in: int = 1
  use_bias: bool = True
  split: bool = False

  @nn.compact
  def __call__(self, x):
    shape = x.shape[x.ndim - self.n_in:] + tuple(self.features)
    ins, outs = tuple(range(self.n_in)), tuple(range(self.n_in, len(shape)))
    init = nn.initializers.xavier_uniform(in_axis=ins, out_axis=outs)
    kernel = self.param("kernel", nn.with_logical_partitioning(init, self.names), shape, jnp.float32)
    contract = (tuple(range(x.ndim - self.n_in, x.ndim)), ins)
    if self.split:
      if self.use_bias:
        raise ValueError("DenseND(split=True) takes no bias")
      kernel = kernel.astype(self.dtype)
      return tuple(jax.lax.dot_general(x.astype(self.dtype), kernel[(slice(None),) * self.n_in + (i,)],
                                       (contract, ((), ()))) for i in range(self.features[0]))
    y = jax.lax.dot_general(x.astype(self.dtype), kernel.astype(self.dtype), (contract, ((), ())))
    if not self.use_bias:
      return y
    return y + self.param("bias", nn.initializers.zeros, tuple(self.features), jnp.float32).astype(self.dtype)


def _qv_bias(module, q, v):
  """Adds query and value biases. No key bias: softmax ignores a shift shared by all keys, so
  its gradient would be pure rounding noise (which Adam then normalises into real updates)."""
  b = module.param("qv_bias", nn.initializers.zeros, (2,) + q.shape[-2:], jnp.float32).astype(q.dtype)
  return q + b[0], v + b[1]


class Attention(nn.Module):
  """Multi-head self-attention. x [N, S, D]; key_mask bool [N, S] (True = attend) or None."""
  heads: int
  dtype: Any

  @nn.compact
  def __call__(self, x, key_mask=None):
    d = x.shape[-1]
    q, k, v = DenseND((3, self.heads, d // self.heads), ("embed", None, "heads", "kv"), self.dtype,
                      use_bias=False, split=True, name="qkv")(x)  # 3 x [N, S, H, K]
    q, v = _qv_bias(self, q, v)
    mask = None if key_mask is None else key_mask[:, None, None, :]  # [N, 1, 1, S]
    out = jax.nn.dot_product_attention(q, k, v, mask=mask)  # [N, S, H, K]
    return DenseND((d,), ("heads", "kv", "embed"), self.dtype, n_in=2, name="out")(out)


class Mlp(nn.Module):
  mlp_dim: int
  dtype: Any
  dropout: float = 0.0
  deterministic: bool = True
  exact_gelu: bool = False  # erf GELU (PyTorch/HF ViTs) instead of flax's tanh approximation

  @nn.compact
  def __call__(self, x):
    d = x.shape[-1]
    x = nn.Dense(self.mlp_dim, dtype=self.dtype, kernel_init=_dense_init(("embed", "mlp")),
                 name="fc1")(x)
    x = _gelu(x, not self.exact_gelu)
    x = nn.Dropout(self.dropout)(x, deterministic=self.deterministic)
    return nn.Dense(d, dtype=self.dtype, kernel_init=_dense_init(("mlp", "embed")),
                    name="fc2")(x)


class TextBlock(nn.Module):
  """Pre-LN transformer block, scan-shaped: (x [B, L, D], key_mask bool [B, L]) -> (x, None)."""
  heads: int
  mlp_dim: int
  dtype: Any
  dropout: float = 0.0
  deterministic: bool = True

  @nn.compact
  def __call__(self, x, key_mask):
    drop = functools.partial(nn.Dropout(self.dropout), deterministic=self.deterministic)
    x = _constrain(x, ("batch", "length", "act_embed"))
    y = Attention(self.heads, self.dtype, name="attn")(nn.LayerNorm(dtype=self.dtype, name="ln1")(x), key_mask)
    x = x + drop(y)
    y = Mlp(self.mlp_dim, self.dtype, self.dropout, self.deterministic, name="mlp")(
        nn.LayerNorm(dtype=self.dtype, name="ln2")(x))
    return x + drop(y), None


class VideoBlock(nn.Module):
  """One video transformer block, scan-shaped: ((x [B, V, N, S, D] patch tokens, cls [B, D]),
  view_mask bool [B, V]) -> ((x, cls), None).

  divided: time attention within each (view, patch) position, then space attention over
    CLS + every present view's patches of one time step (CLS outputs averaged over time,
    as in TimeSformer).
  joint: one attention over CLS + all present tokens.
  view_mask bool [B, V]: absent views are never keys.
  """
  heads: int
  mlp_dim: int
  attention: str
  dtype: Any
  dropout: float = 0.0
  deterministic: bool = True
  exact_gelu: bool = False
  layer_norm_eps: float = 1e-6  # flax's default; HF ViTs use 1e-12

  @nn.compact
  def __call__(self, carry, view_mask):
    x, cls = carry
    b, v, n, s, d = x.shape
    norm = functools.partial(nn.LayerNorm, epsilon=self.layer_norm_eps, dtype=self.dtype)
    drop = functools.partial(nn.Dropout(self.dropout), deterministic=self.deterministic)
    x = _constrain(x, ("batch", None, None, None, "act_embed"))
    if self.attention == "divided":
      xt = x.transpose(0, 1, 3, 2, 4).reshape(b * v * s, n, d)  # sequences over time
      y = Attention(self.heads, self.dtype, name="time_attn")(
          norm(name="ln_time")(xt))
      x = x + drop(y).reshape(b, v, s, n, d).transpose(0, 1, 3, 2, 4)
      # Space: per time step, CLS + all views' patches.
      xs = x.transpose(0, 2, 1, 3, 4).reshape(b, n, v * s, d)
      xs = jnp.concatenate([jnp.broadcast_to(cls[:, None, None], (b, n, 1, d)).astype(xs.dtype), xs], 2)
      keys = jnp.concatenate([jnp.ones((b, 1), bool), jnp.repeat(view_mask, s, axis=1)], 1)
      keys = jnp.broadcast_to(keys[:, None], (b, n, 1 + v * s)).reshape(b * n, 1 + v * s)
      y = Attention(self.heads, self.dtype, name="space_attn")(
          norm(name="ln_space")(xs.reshape(b * n, 1 + v * s, d)), keys)
      y = drop(y).reshape(b, n, 1 + v * s, d)
      cls = cls + y[:, :, 0].mean(1)
      x = x + y[:, :, 1:].reshape(b, n, v, s, d).transpose(0, 2, 1, 3, 4)
    else:  # "joint"
      seq = jnp.concatenate([cls[:, None].astype(x.dtype), x.reshape(b, v * n * s, d)], 1)
      keys = jnp.concatenate([jnp.ones((b, 1), bool), jnp.repeat(view_mask, n * s, axis=1)], 1)
      y = drop(Attention(self.heads, self.dtype, name="attn")(
          norm(name="ln_attn")(seq), keys))
      cls = cls + y[:, 0]
      x = x + y[:, 1:].reshape(b, v, n, s, d)
    mlp = Mlp(self.mlp_dim, self.dtype, self.dropout, self.deterministic, self.exact_gelu, name="mlp")
    ln = norm(name="ln_mlp")
    x = x + drop(mlp(ln(x)))
    cls = cls + drop(mlp(ln(cls)))
    return (x, cls), None


class MapHead(nn.Module):
  """Multihead attention pooling (a learned probe attends over the tokens). x [B, S, D]."""
  heads: int
  mlp_dim: int
  dtype: Any

  @nn.compact
  def __call__(self, x, key_mask):
    b, _, d = x.shape
    probe = self.param("probe", _embed_init((None, None, "embed")), (1, 1, d), jnp.float32)
    q = DenseND((self.heads, d // self.heads), ("embed", "heads", "kv"), self.dtype, name="q")(
        jnp.broadcast_to(probe, (b, 1, d)))
    k, v = DenseND((2, self.heads, d // self.heads), ("embed", None, "heads", "kv"), self.dtype,
                   use_bias=False, split=True, name="kv")(x)
    v = v + self.param("v_bias", nn.initializers.zeros, v.shape[-2:], jnp.float32).astype(v.dtype)
    y = jax.nn.dot_product_attention(q, k, v, mask=key_mask[:, None, None, :])
    y = DenseND((d,), ("heads", "kv", "embed"), self.dtype, n_in=2, name="out")(y)[:, 0]
    return y + Mlp(self.mlp_dim, self.dtype, name="mlp")(nn.LayerNorm(dtype=self.dtype, name="ln")(y))


def _project(x, embed_dim, name):
  """f32 projection to the shared space, L2-normalised: [B, D_model] -> [B, embed_dim] f32."""
  z = nn.Dense(embed_dim, use_bias=False, dtype=jnp.float32, name=name,
               kernel_init=nn.with_logical_partitioning(nn.initializers.lecun_normal(),
                                                        ("embed", "proj")))(x.astype(jnp.float32))
  return z * jax.lax.rsqrt(jnp.sum(z * z, -1, keepdims=True) + 1e-12)


def _per_view_pool(cls, x, view_mask):
  """CLS [B, D] and each view's mean token (x [B, V, N, S, D], zero where absent) side by side:
  f32 [B, (1 + V) * D].

  Why: a CLS token pooled by a few attention heads over 13 views' tokens spends them on the
  views that carry most of the contrastive signal (cine); a slot whose finding is rarer (a
  raised T2 in the map's few-pixel wall) then barely reaches the embedding, though trained
  alone it does. Here the projection reads every slot through weights of its own.
  """
  views = x.astype(jnp.float32).mean((2, 3)) * view_mask[..., None]
  return jnp.concatenate([cls.astype(jnp.float32)[:, None], views], 1).reshape(view_mask.shape[0], -1)


class ImageEncoder(nn.Module):
  """frames uint8 [B, V, T, H, W], view_mask bool [B, V] -> [B, embed_dim] f32, unit norm.

  Float frames are taken as already normalised (`pretrained.load_image_tower` feeds a
  checkpoint's own pixel values); uint8 frames map to [-1, 1].
  """
  cfg: Any  # model.image section
  embed_dim: int
  dtype: Any
  remat_policy: str = "none"
  unroll_layers: bool = False

  @nn.compact
  def __call__(self, frames, view_mask, train=False):
    c = self.cfg
    b, v, t, h, w = frames.shape
    p, tub = c.patch, c.tubelet
    if t % tub or h % p or w % p:
      raise UserError(f"frames {t}x{h}x{w} not divisible by tubelet {tub} / patch {p}")
    n, s = t // tub, (h // p) * (w // p)
    x = frames.astype(self.dtype) / 127.5 - 1.0 if frames.dtype == jnp.uint8 else frames.astype(self.dtype)
    # Tubelets (tub x p x p) flattened then one Dense: a strided 3-D conv, as a matmul.
    x = x.reshape(b, v, n, tub, h // p, p, w // p, p).transpose(0, 1, 2, 4, 6, 3, 5, 7)
    x = x.reshape(b, v, n, s, tub * p * p)
    x = nn.Dense(c.width, dtype=self.dtype, kernel_init=_dense_init(("patch", "embed")),
                 name="tubelet")(x)
    emb = lambda name, shape, axes: self.param(name, _embed_init(axes), shape, jnp.float32)
    x = (x + emb("view_embed", (v, 1, 1, c.width), (None, None, None, "embed"))
         + emb("time_embed", (1, n, 1, c.width), (None, None, None, "embed"))
         + emb("space_embed", (1, 1, s, c.width), (None, None, None, "embed"))).astype(self.dtype)
    cls = jnp.broadcast_to(emb("cls", (1, c.width), (None, "embed")), (b, c.width)).astype(self.dtype)
    x = nn.Dropout(c.dropout)(x, deterministic=not train)
    blocks = _scanned(VideoBlock, c.depth, self.remat_policy, 1, self.unroll_layers)
    (x, cls), _ = blocks(c.heads, c.mlp_dim, c.attention, self.dtype, c.dropout, not train, c.exact_gelu,
                         c.layer_norm_eps, name="blocks")((x, cls), view_mask)
    ln = nn.LayerNorm(epsilon=c.layer_norm_eps, dtype=self.dtype, name="ln_final")
    if c.pool == "cls":
      pooled = ln(cls)
    elif c.pool == "views":
      pooled = _per_view_pool(ln(cls), ln(x), view_mask)
    else:  # "map"
      keys = jnp.repeat(view_mask, n * s, axis=1)  # [B, V*N*S]
      pooled = MapHead(c.heads, c.mlp_dim, self.dtype, name="map")(ln(x.reshape(b, v * n * s, -1)), keys)
    return _project(pooled, self.embed_dim, "proj")


class TextEncoder(nn.Module):
  """tokens int32 [B, L] (0 = pad) -> [B, embed_dim] f32, unit norm."""
  cfg: Any  # model.text section
  vocab_size: int
  embed_dim: int
  dtype: Any
  remat_policy: str = "none"
  unroll_layers: bool = False

  @nn.compact
  def __call__(self, tokens, train=False):
    c = self.cfg
    _, length = tokens.shape
    if length > c.max_len:
      raise UserError(f"tokens length {length} > model.text.max_len {c.max_len}")
    mask = tokens != 0
    if c.arch == "bert":  # Hugging Face BertModel, post-LN: its last hidden states are normalised
      from cmr_clip_jax import bert  # built from this module's layer scan: imported here, not at the top
      x = bert.BertEncoder(bert.BertConfig.from_tower(c), self.dtype, c.dropout, not train, self.remat_policy,
                           name="bert")(tokens, mask)
      return _project(_pool(x.astype(jnp.float32), mask, c.pool), self.embed_dim, "proj")
    table = self.param("token_embed", _embed_init(("vocab", "embed")), (self.vocab_size, c.width),
                       jnp.float32)
    # Gather from a whole (FSDP all-gathered) table: a gather from a sharded one is re-laid
    # out by XLA the slow way.
    x = jnp.take(_constrain(table, (None, None)), tokens, axis=0)
    pos = self.param("pos_embed", _embed_init((None, "embed")), (c.max_len, c.width), jnp.float32)
    x = (x + pos[:length]).astype(self.dtype)
    x = nn.Dropout(c.dropout)(x, deterministic=not train)
    blocks = _scanned(TextBlock, c.depth, self.remat_policy, 1, self.unroll_layers)
    x, _ = blocks(c.heads, c.mlp_dim, self.dtype, c.dropout, not train, name="blocks")(x, mask)
    x = nn.LayerNorm(dtype=self.dtype, name="ln_final")(x).astype(jnp.float32)
    return _project(_pool(x, mask, c.pool), self.embed_dim, "proj")


def _pool(x, mask, pool):
  """x f32 [B, L, D], mask bool [B, L] -> [B, D] by model.text.pool."""
  if pool == "mean":
    m = mask[..., None].astype(jnp.float32)
    return (x * m).sum(1) / jnp.maximum(m.sum(1), 1.0)
  if pool == "cls":  # the first token ([CLS] of a BERT vocabulary, BOS of ours)
    return x[:, 0]
  # "eos": the last real token, EOS ([SEP]) or the cut-off end of a truncated report
  last = jnp.maximum(mask.sum(1) - 1, 0)
  return jnp.take_along_axis(x, last[:, None, None], axis=1)[:, 0]


class DualEncoder(nn.Module):
  """Image and text towers, plus the log logit scale and the sigmoid-loss bias."""
  cfg: Any  # the config's model section
  vocab_size: int
  unroll_layers: bool = False  # see `unrolled`

  def setup(self):
    c = self.cfg
    dtype = jnp.dtype(c.dtype)
    self.img = ImageEncoder(c.image, c.embed_dim, dtype, c.remat_policy, self.unroll_layers)
    self.txt = TextEncoder(c.text, self.vocab_size, c.embed_dim, dtype, c.remat_policy,  # bert: its own vocab
                           self.unroll_layers)
    self.log_scale = self.param("log_scale", nn.initializers.constant(-np.log(c.temperature_init)),
                                (), jnp.float32)
    self.bias = self.param("bias", nn.initializers.constant(c.bias_init), (), jnp.float32)

  def encode_image(self, frames, view_mask, train=False):
    """frames uint8 [B, V, T, H, W], view_mask bool [B, V] -> [B, D] f32, L2-normalised."""
    return self.img(frames, view_mask, train)

  def encode_text(self, tokens, train=False):
    """tokens int32 [B, L], 0 = pad -> [B, D] f32, L2-normalised."""
    return self.txt(tokens, train)

  def __call__(self, frames, view_mask, tokens, train=False):
    """Both towers: -> (zimg [B, D], ztxt [B, D]). Also what `init` traces."""
    return self.encode_image(frames, view_mask, train), self.encode_text(tokens, train)


def build_model(model_config, vocab_size: int) -> DualEncoder:
  """The dual encoder for a config's `model` section (checked by `config_lib.validate`);
  vocab_size from the data manifest."""
  return DualEncoder(model_config, int(vocab_size))


def unrolled(model: DualEncoder) -> DualEncoder:
  """The same model (same params, same values) with no layer loop, for FLOP counts: XLA's cost
  analysis counts a while loop's body once, whatever its trip count."""
  return model.clone(unroll_layers=True)


def logit_scale(params) -> jax.Array:
  """The multiplier of the cosines: exp(log_scale), f32 []; the train step keeps log_scale in
  [0, ln MAX_SCALE] (`clamp_log_scale`), so no gradient is ever cut here."""
  return jnp.exp(params["log_scale"])


def clamp_log_scale(params):
  """params with log_scale clamped into [0, ln MAX_SCALE] (OpenCLIP's post-update clamp)."""
  return {**params, "log_scale": jnp.clip(params["log_scale"], 0.0, np.log(MAX_SCALE))}


def logit_bias(params) -> jax.Array:
  """The sigmoid-loss bias, f32 []."""
  return params["bias"]


def _map_dicts(fn, tree):
  """fn applied bottom-up to every dict of a nested dict / tuple / list / namedtuple tree."""
  if isinstance(tree, dict):
    return fn({k: _map_dicts(fn, v) for k, v in tree.items()})
  if isinstance(tree, tuple) and hasattr(tree, "_fields"):
    return type(tree)(*(_map_dicts(fn, v) for v in tree))
  if isinstance(tree, (tuple, list)):
    return type(tree)(_map_dicts(fn, v) for v in tree)
  return tree


def _stack_dict(d):
  layers = sorted((int(m.group(1)), k) for k in d for m in [_BLOCK.match(k)] if m)
  if not layers:
    return d
  if [i for i, _ in layers] != list(range(len(layers))):
    raise ValueError(f"per-layer keys are not block_0..block_{len(layers) - 1}: {[k for _, k in layers]}")
  out = {k: v for k, v in d.items() if not _BLOCK.match(k)}
  # numpy stays on the host (checkpoint conversion); traced params (an export) stack in the program.
  stack = lambda *xs: np.stack(xs) if all(isinstance(x, np.ndarray) for x in xs) else jnp.stack(xs)
  out["blocks"] = jax.tree.map(stack, *(d[k] for _, k in layers))
  return out


def _unstack_dict(d):
  if "blocks" not in d:
    return d
  out = {k: v for k, v in d.items() if k != "blocks"}
  depth = len(jax.tree.leaves(d["blocks"])[0])
  out.update({f"block_{i}": jax.tree.map(lambda x: x[i], d["blocks"]) for i in range(depth)})
  return out


def stack_layers(tree):
  """Per-layer `block_{i}` subtrees (params or optimizer moments written before the layer scan)
  -> one `blocks` subtree stacked on a leading layer axis. Trees already stacked pass."""
  return _map_dicts(_stack_dict, tree)


def unstack_layers(tree):
  """Inverse of `stack_layers`: `blocks` [depth, ...] -> `block_0` ... `block_{depth-1}`."""
  return _map_dicts(_unstack_dict, tree)


def is_per_layer(tree) -> bool:
  """True when any pytree (params, a state, Orbax metadata) holds `block_{i}` keys."""
  return any(_BLOCK.match(str(getattr(k, "key", ""))) for path, _ in jax.tree_util.tree_leaves_with_path(tree)
             for k in path)
