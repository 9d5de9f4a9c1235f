"""Hugging Face `BertModel`'s encoder in Flax linen: the text tower of `model.text.arch = "bert"`.

Reproduces `transformers.BertModel(...).last_hidden_state` (tests/test_pretrained.py checks it
against the library's own output, max abs error < 1e-4 in f32):
  embeddings = LayerNorm(word[ids] + position[0..L-1] + token_type[0]), eps = layer_norm_eps;
  each layer, post-LN: h = LayerNorm(x + Out(SelfAttention(x))); y = LayerNorm(h + Down(act(Up(h))));
  padding keys (attention_mask 0) are removed from every softmax.
The activation is exactly `hidden_act`: "gelu" is the erf GELU, "gelu_new" / "gelu_pytorch_tanh"
the tanh approximation. The pooler (dense + tanh on [CLS]) is not part of it: the tower pools
and projects on its own (model.TextEncoder).

Param names follow the checkpoint's (`word_embed`, `blocks/query`, `blocks/ffn_up`, ...) so that
`cmr_clip_jax.pretrained` maps a state dict by renaming, transposing and stacking, nothing more.
Kernels are [in, out] with logical axes; the layers run under the model's `nn.scan`
(`blocks/...` stacked [depth, ...]), as every tower's do.
"""

import dataclasses
import functools
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

from cmr_clip_jax.model import _scanned  # one layer scan (and remat policy) for every tower
from data_prep.errors import UserError

ACTIVATIONS = {
    "gelu": functools.partial(jax.nn.gelu, approximate=False),
    "gelu_new": functools.partial(jax.nn.gelu, approximate=True),
    "gelu_pytorch_tanh": functools.partial(jax.nn.gelu, approximate=True),
    "relu": jax.nn.relu,
}


@dataclasses.dataclass(frozen=True)
class BertConfig:
  """The architecture fields of a Hugging Face BERT `config.json`."""
  vocab_size: int
  hidden_size: int
  num_hidden_layers: int
  num_attention_heads: int
  intermediate_size: int
  max_position_embeddings: int = 512
  type_vocab_size: int = 2
  layer_norm_eps: float = 1e-12
  hidden_act: str = "gelu"

  @classmethod
  def from_hf(cls, d: dict) -> "BertConfig":
    """From a parsed `config.json`; UserError for what this encoder does not reproduce."""
    if d.get("position_embedding_type", "absolute") != "absolute":
      raise UserError(f"BERT position_embedding_type={d['position_embedding_type']!r}: only 'absolute' is supported")
    if d.get("hidden_act", "gelu") not in ACTIVATIONS:
      raise UserError(f"BERT hidden_act={d['hidden_act']!r}: supported are {', '.join(ACTIVATIONS)}")
    if d.get("is_decoder") or d.get("add_cross_attention"):
      raise UserError("BERT config is a decoder (is_decoder / add_cross_attention): an encoder is needed")
    names = [f.name for f in dataclasses.fields(cls)]
    missing = [n for n in names[:5] if n not in d]
    if missing:
      raise UserError(f"BERT config.json lacks {', '.join(missing)}")
    return cls(**{n: d[n] for n in names if n in d})

  @classmethod
  def from_tower(cls, text_config) -> "BertConfig":
    """From a model.text section that `pretrained.resolve_text_config` filled in."""
    return cls(hidden_size=text_config.width, num_hidden_layers=text_config.depth,
               num_attention_heads=text_config.heads, intermediate_size=text_config.mlp_dim,
               **text_config.bert)


def _dense(features, names, dtype, name):
  return nn.Dense(features, dtype=dtype, name=name,
                  kernel_init=nn.with_logical_partitioning(nn.initializers.normal(0.02), names))


def _layer_norm(cfg, dtype, name):
  return nn.LayerNorm(epsilon=cfg.layer_norm_eps, dtype=dtype, name=name)


class BertLayer(nn.Module):
  """Scan-shaped: (x [N, L, D], key_mask bool [N, L] (True = real token)) -> (x, None)."""
  cfg: BertConfig
  dtype: Any
  dropout: float = 0.0
  deterministic: bool = True

  @nn.compact
  def __call__(self, x, key_mask):
    c, (n, length, d) = self.cfg, x.shape
    heads = c.num_attention_heads
    drop = functools.partial(nn.Dropout(self.dropout), deterministic=self.deterministic)
    split = lambda y: y.reshape(n, length, heads, d // heads)
    q, k, v = (split(_dense(d, ("embed", "mlp"), self.dtype, p)(x)) for p in ("query", "key", "value"))
    # HF drops attention probabilities too (attention_probs_dropout_prob); the tower's single
    # `dropout` knob covers hidden states only, which is what fine-tuning recipes tune.
    y = jax.nn.dot_product_attention(q, k, v, mask=key_mask[:, None, None, :]).reshape(n, length, d)
    y = _dense(d, ("mlp", "embed"), self.dtype, "attn_out")(y)
    x = _layer_norm(c, self.dtype, "ln_attn")(x + drop(y))
    y = ACTIVATIONS[c.hidden_act](_dense(c.intermediate_size, ("embed", "mlp"), self.dtype, "ffn_up")(x))
    y = _dense(d, ("mlp", "embed"), self.dtype, "ffn_down")(y)
    return _layer_norm(c, self.dtype, "ln_ffn")(x + drop(y)), None


class BertEncoder(nn.Module):
  """input_ids int32 [N, L], attention_mask [N, L] (nonzero = real token) -> last hidden
  states [N, L, hidden_size] in `dtype`. token_type_ids default to 0 (one segment)."""
  cfg: BertConfig
  dtype: Any = jnp.float32
  dropout: float = 0.0
  deterministic: bool = True
  remat_policy: str = "none"  # model.REMAT_POLICIES

  @nn.compact
  def __call__(self, input_ids, attention_mask, token_type_ids=None):
    c, (_, length) = self.cfg, input_ids.shape
    if length > c.max_position_embeddings:
      raise UserError(f"text length {length} > BERT max_position_embeddings {c.max_position_embeddings}")
    table = lambda name, rows, axes: self.param(
        name, nn.with_logical_partitioning(nn.initializers.normal(0.02), axes), (rows, c.hidden_size), jnp.float32)
    word = table("word_embed", c.vocab_size, ("vocab", "embed"))
    pos = table("pos_embed", c.max_position_embeddings, (None, "embed"))
    types = table("type_embed", c.type_vocab_size, (None, "embed"))
    token_type_ids = jnp.zeros_like(input_ids) if token_type_ids is None else token_type_ids
    # Gather from a whole (all-gathered) table, as model.TextEncoder does.
    word = nn.with_logical_constraint(word, (None, None))
    x = jnp.take(word, input_ids, axis=0) + pos[:length] + jnp.take(types, token_type_ids, axis=0)
    x = _layer_norm(c, self.dtype, "embed_ln")(x.astype(self.dtype))
    x = nn.Dropout(self.dropout)(x, deterministic=self.deterministic)
    key_mask = attention_mask.astype(bool)
    blocks = _scanned(BertLayer, c.num_hidden_layers, self.remat_policy, 1)
    x, _ = blocks(c, self.dtype, self.dropout, self.deterministic, name="blocks")(x, key_mask)
    return x
