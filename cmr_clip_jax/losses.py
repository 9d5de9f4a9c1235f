"""Contrastive losses over the whole global batch: symmetric InfoNCE (CLIP) and sigmoid (SigLIP).

Inputs are L2-normalised embeddings zimg, ztxt [B, D] and `scale`, the logit multiplier already
exponentiated (logits = scale * zimg @ ztxt.T (+ bias)). Everything is f32 at full matmul
precision whatever the compute dtype: bf16 cosine errors times a scale near 100 move logits by
tenths. The scale is used as given: the train step bounds it by clamping its parameter after
the update, so the loss never cuts the scale's gradient.

`chunk_size > 0` selects the blockwise form: a custom VJP whose forward AND backward loop over
column blocks of ztxt, recomputing each [b, chunk] block of logits, so peak memory is b x chunk
(b = rows per device) instead of B x B. Plain autodiff through a loop of blocks would keep
every block's logits for the backward pass. Given `mesh` with a sharded batch, the blockwise
form runs under `jax.shard_map`: each device keeps its own rows of zimg, all-gathers ztxt
(negatives = the whole global batch) and loops over its column blocks; column log-sum-exps and
scalar sums are combined with collectives, and ztxt's gradient is reduce-scattered back.

`positives` (optional ids [B], e.g. hashes of normalised reports): rows with equal ids are
positives of each other (InfoNCE targets spread uniformly over them; sigmoid labels +1).
With `positives=None` the losses are exactly the textbook formulas. For InfoNCE, ids that mark
equal texts change nothing: equal texts embed equally (no dropout), so their rows and columns of
the logits are equal, and spreading the targets over them gives the same loss and the same
gradient per text (measured: two runs with and without, step for step the same losses). They
matter to the sigmoid loss, which would otherwise call a pair of equal texts a negative.
"""

import functools

import jax
import jax.numpy as jnp
from jax import lax
from jax.sharding import PartitionSpec as P

from cmr_clip_jax import sharding

_HI = lax.Precision.HIGHEST


def _mm(a, b):
  """a [m, D] @ b [n, D].T in f32 at full precision (TPU's default would be bf16 passes)."""
  return jnp.matmul(a, b.T, precision=_HI)


def _prep(zimg, ztxt, scale):
  return jnp.asarray(zimg, jnp.float32), jnp.asarray(ztxt, jnp.float32), jnp.asarray(scale, jnp.float32)


def infonce_loss(zimg, ztxt, scale, *, chunk_size=0, positives=None, mesh=None):
  """Symmetric softmax cross-entropy, mean of image->text and text->image, averaged over B.

  zimg, ztxt: [B, D] (any float dtype); scale: []; chunk_size: 0/None = plain
  B x B form, > 0 = blockwise custom VJP; positives: optional ids [B]; mesh: the training mesh
  (the blockwise form then runs per device with shard_map). -> f32 [].
  """
  zimg, ztxt, scale = _prep(zimg, ztxt, scale)
  if chunk_size:
    return _chunked("infonce", min(int(chunk_size), zimg.shape[0]), mesh, zimg, ztxt, scale, jnp.zeros((), jnp.float32),
                    *_groups(positives, zimg.shape[0]))
  n = zimg.shape[0]
  logits = scale * _mm(zimg, ztxt)
  if positives is None:
    row = jnp.diagonal(jax.nn.log_softmax(logits, axis=1))
    col = jnp.diagonal(jax.nn.log_softmax(logits, axis=0))
    return -(row.sum() + col.sum()) / (2 * n)
  same = (positives[:, None] == positives[None, :]).astype(jnp.float32)
  t_row = same / same.sum(1, keepdims=True)
  t_col = same / same.sum(0, keepdims=True)
  return -(jnp.sum(t_row * jax.nn.log_softmax(logits, axis=1))
           + jnp.sum(t_col * jax.nn.log_softmax(logits, axis=0))) / (2 * n)


def sigmoid_loss(zimg, ztxt, scale, bias, *, chunk_size=0, positives=None, mesh=None):
  """SigLIP: -sum over all B x B pairs of log sigmoid(label * logit), divided by B.

  label = +1 for positive pairs (the diagonal, or equal `positives` ids), -1 otherwise.
  Same arguments as `infonce_loss`, plus bias [] added to every logit. -> f32 [].
  """
  zimg, ztxt, scale = _prep(zimg, ztxt, scale)
  bias = jnp.asarray(bias, jnp.float32)
  if chunk_size:
    return _chunked("sigmoid", min(int(chunk_size), zimg.shape[0]), mesh, zimg, ztxt, scale, bias,
                    *_groups(positives, zimg.shape[0]))
  n = zimg.shape[0]
  logits = scale * _mm(zimg, ztxt) + bias
  same = jnp.eye(n, dtype=bool) if positives is None else positives[:, None] == positives[None, :]
  return -jnp.sum(jax.nn.log_sigmoid(jnp.where(same, logits, -logits))) / n


def sentence_loss(zimg, zsent, sentence_hash, scale):
  """Each sentence of each report finds its study among the batch's: softmax cross-entropy
  over the B studies, targets spread uniformly over every study whose report holds an equal
  sentence (equal `sentence_hash`), averaged over the real sentences.

  zimg: [B, D]; zsent: [B, K, D], up to K sentences a study; sentence_hash: uint32 [B, K], 0 =
  no sentence in that place (its row is left out); scale: []. -> f32 [].

  Why: the report loss is won by what tells one report from another, the measurements of the
  cine sentences; a finding stated in one sentence, read from one slot (a raised T2 on the map),
  moves it little, and the joint space drops it though each tower holds it (README, "Where the
  map findings are lost"). A zero-shot prompt is one sentence that ranks studies: this term
  trains exactly that, for every sentence. Only the sentence -> study direction: a study holds
  a dozen sentences, so study -> sentence would have a dozen positives that mostly say other
  things. Plain B x (B K) logits: no blockwise form (loss.chunk_size) for it.
  """
  zimg, zsent, scale = _prep(zimg, zsent, scale)
  b, k, d = zsent.shape
  logits = scale * _mm(zsent.reshape(b * k, d), zimg)  # [B K, B]
  h = sentence_hash.reshape(b * k)
  real = h != 0
  # holds[i, j]: study j's report holds sentence i (its own study always does).
  holds = jnp.any(h[:, None, None] == sentence_hash[None, :, :], axis=-1) & real[:, None]
  targets = holds / jnp.maximum(holds.sum(1, keepdims=True), 1)
  per_sentence = -jnp.sum(targets * jax.nn.log_softmax(logits, axis=1), axis=1)
  return jnp.sum(jnp.where(real, per_sentence, 0.0)) / jnp.maximum(real.sum(), 1)


def loss_from_config(loss_config, zimg, ztxt, scale, bias, report_hash=None, mesh=None):
  """The config's loss (`loss.kind`, `loss.chunk_size`, `loss.multi_positive`). -> f32 []."""
  kw = dict(chunk_size=loss_config.chunk_size, mesh=mesh,
            positives=report_hash if loss_config.multi_positive else None)
  if loss_config.kind == "infonce":
    return infonce_loss(zimg, ztxt, scale, **kw)
  if loss_config.kind == "sigmoid":
    return sigmoid_loss(zimg, ztxt, scale, bias, **kw)
  raise ValueError(f"loss.kind must be infonce|sigmoid, got {loss_config.kind!r}")


def mean_batch_loss(loss_config, zimg, ztxt, scale, bias, report_hash, batch_size):
  """The config's loss averaged over consecutive batches of `batch_size` rows: a validation
  loss on the training loss's scale (InfoNCE grows like log B, so one batch of a whole split
  is not comparable). The last partial batch is dropped; fewer rows than batch_size make one
  batch. zimg, ztxt [n, D], report_hash [n] -> f32 []."""
  n = zimg.shape[0]
  b = min(int(batch_size), n)
  k = n // b
  blocks = [x[:k * b].reshape((k, b) + x.shape[1:]) for x in (zimg, ztxt, report_hash)]
  per_batch = jax.vmap(lambda zi, zt, h: loss_from_config(loss_config, zi, zt, scale, bias, h))(*blocks)
  return per_batch.mean()


# ---------------------------------------------------------------- blockwise form


def _groups(positives, n):
  """-> (ids [B], counts f32 [B]): each row's positive-group id and the group's size."""
  if positives is None:
    return jnp.arange(n, dtype=jnp.int32), jnp.ones((n,), jnp.float32)
  s = jnp.sort(positives)
  counts = jnp.searchsorted(s, positives, side="right") - jnp.searchsorted(s, positives, side="left")
  return positives, counts.astype(jnp.float32)


def _gather(x, axis):
  return x if axis is None else lax.all_gather(x, axis, axis=0, tiled=True)


def _psum(x, axis):
  return x if axis is None else lax.psum(x, axis)


def _padded(x, k, chunk):
  return jnp.pad(x, [(0, k * chunk - x.shape[0])] + [(0, 0)] * (x.ndim - 1))


def _columns(ztxt, ids, counts, chunk, axis):
  """All-gathered columns padded to k whole blocks, blocked as [k, chunk, ...], and B."""
  cols = [_gather(x, axis) for x in (ztxt, ids, counts)]
  n = cols[0].shape[0]
  k = -(-n // chunk)
  valid = jnp.arange(k * chunk) < n
  blocks = [_padded(x, k, chunk).reshape((k, chunk) + x.shape[1:]) for x in cols + [valid]]
  return blocks, n


def _block_terms(kind, a, bj, scale, bias, ids, counts, idj, cntj, validj):
  """One [b, chunk] block: (dots, logits, pos weights or labels). Padded columns are invalid."""
  dots = _mm(a, bj)
  same = (ids[:, None] == idj[None, :]) & validj[None, :]
  if kind == "infonce":  # T_row + T_col: targets of both directions of the cross-entropy
    w = same / counts[:, None] + same / cntj[None, :]
    return dots, scale * dots, w
  return dots, scale * dots + bias, same


def _fwd_kernel(kind, chunk, axis, a, b, scale, bias, ids, counts):
  """Per device: local rows a [b, D] vs all columns. -> (loss [], row_lse [b], col_lse [B])."""
  (bk, idk, cntk, validk), n = _columns(b, ids, counts, chunk, axis)

  def body(carry, blk):
    m, s, acc = carry
    bj, idj, cntj, validj = blk
    _, logits, w = _block_terms(kind, a, bj, scale, bias, ids, counts, idj, cntj, validj)
    if kind == "sigmoid":
      terms = -jax.nn.log_sigmoid(jnp.where(w, logits, -logits))
      return (m, s, acc + jnp.sum(jnp.where(validj[None, :], terms, 0.0))), None
    # Online row log-sum-exp; the column one is whole within the block over local rows.
    lm = jnp.where(validj[None, :], logits, -jnp.inf)
    m_new = jnp.maximum(m, lm.max(1))
    s = s * jnp.exp(m - m_new) + jnp.exp(lm - m_new[:, None]).sum(1)
    cm = logits.max(0)
    col = cm + jnp.log(jnp.exp(logits - cm[None, :]).sum(0))
    return (m_new, s, acc + jnp.sum(w * logits)), col

  rows = a.shape[0]
  init = (jnp.full((rows,), -jnp.inf), jnp.zeros((rows,)), jnp.zeros(()))
  (m, s, acc), col_part = lax.scan(body, init, (bk, idk, cntk, validk))
  acc = _psum(acc, axis)
  if kind == "sigmoid":
    return acc / n, jnp.zeros((rows,)), jnp.zeros((n,))
  row_lse = m + jnp.log(s)
  col_part = col_part.reshape(-1)[:n]  # over this device's rows only
  if axis is not None:
    cmax = lax.pmax(col_part, axis)
    col_part = cmax + jnp.log(lax.psum(jnp.exp(col_part - cmax), axis))
  loss = (_psum(row_lse.sum(), axis) + col_part.sum() - acc) / (2 * n)
  return loss, row_lse, col_part


def _bwd_kernel(kind, chunk, axis, a, b, scale, bias, ids, counts, row_lse, col_lse, ct):
  """Per device: recompute blocks -> (d a [b, D], d b (own rows) [b, D], d scale, d bias)."""
  (bk, idk, cntk, validk), n = _columns(b, ids, counts, chunk, axis)
  clk = _padded(col_lse, bk.shape[0], chunk).reshape(bk.shape[:2])

  def body(carry, blk):
    da, dscale, dbias = carry
    bj, idj, cntj, validj, clj = blk
    dots, logits, w = _block_terms(kind, a, bj, scale, bias, ids, counts, idj, cntj, validj)
    if kind == "infonce":
      g = (jnp.exp(logits - row_lse[:, None]) + jnp.exp(logits - clj[None, :]) - w) / (2 * n)
    else:  # d/dx of -log sigmoid(z x) = -z sigmoid(-z x)
      z = jnp.where(w, 1.0, -1.0)
      g = -z * jax.nn.sigmoid(-z * logits) / n
    g = jnp.where(validj[None, :], g, 0.0) * ct
    da = da + scale * jnp.matmul(g, bj, precision=_HI)
    dbj = scale * jnp.matmul(g.T, a, precision=_HI)
    return (da, dscale + jnp.sum(g * dots), dbias + jnp.sum(g)), dbj

  init = (jnp.zeros_like(a), jnp.zeros(()), jnp.zeros(()))
  (da, dscale, dbias), db = lax.scan(body, init, (bk, idk, cntk, validk, clk))
  db = db.reshape(-1, a.shape[1])[:n]
  if axis is not None:
    db = lax.psum_scatter(db, axis, scatter_dimension=0, tiled=True)
  return da, db, _psum(dscale, axis), _psum(dbias, axis)


def _run(kernel, kind, chunk, mesh, args, in_specs, out_specs):
  """The kernel on one device's view (unsharded), or per device under shard_map."""
  if mesh is None or sharding.batch_shards(mesh) == 1:
    return kernel(kind, chunk, None, *args)
  axis = sharding.BATCH_AXES
  # check_vma=False: the kernels make their P() outputs (loss, d scale, d bias) replicated
  # themselves with explicit psums, and carry device-varying blocks and replicated scalars in
  # one lax.scan carry; the varying-axes type check cannot follow that through the custom VJP
  # and would demand pvary casts that change nothing. Equality with the unsharded loss and its
  # gradients on 8 devices is what tests/test_losses.py checks instead.
  f = jax.shard_map(functools.partial(kernel, kind, chunk, axis), mesh=mesh,
                    in_specs=in_specs(P(axis)), out_specs=out_specs(P(axis)), check_vma=False)
  return f(*args)


_IN = lambda r: (P(*r, None), P(*r, None), P(), P(), r, r)


def _fwd(kind, chunk, mesh, zimg, ztxt, scale, bias, ids, counts):
  args = (zimg, ztxt, scale, bias, ids, counts)
  loss, row_lse, col_lse = _run(_fwd_kernel, kind, chunk, mesh, args, _IN, lambda r: (P(), r, P()))
  return loss, args + (row_lse, col_lse)


def _bwd(kind, chunk, mesh, res, ct):
  da, db, dscale, dbias = _run(_bwd_kernel, kind, chunk, mesh, res + (ct,),
                               lambda r: _IN(r) + (r, P(), P()),
                               lambda r: (P(*r, None), P(*r, None), P(), P()))
  return da, db, dscale, dbias, None, None


@functools.partial(jax.custom_vjp, nondiff_argnums=(0, 1, 2))
def _chunked(kind, chunk, mesh, zimg, ztxt, scale, bias, ids, counts):
  return _fwd(kind, chunk, mesh, zimg, ztxt, scale, bias, ids, counts)[0]


_chunked.defvjp(_fwd, _bwd)
