"""Training-step throughput and model FLOP utilisation on this machine's devices.

  .venv/bin/python benchmarks/train_step.py [--configs tiny,small] [--steps 5]

For each model size: the real `make_train_step` (AdamW, fused step, one-device mesh) timed over
--steps steps after a compile + warm-up step; then the last size again with gradient caching
(--caching-micro), whose extra cost is one more forward per microbatch (the replay). Model FLOPs per step are XLA's count for the
forward + backward of the loss (`cost_analysis`, optimizer excluded, the usual MFU convention);
the peak they are compared to is a large f32 `jnp.dot` timed in the same run on the same
device, and, because narrow layers never reach that peak, a matmul of the image MLP's own shape
too. small = configs/demo.py's model and batch; tiny = a 4-frame, 32 px, width-64 variant.
Prints one JSON object.
"""

import argparse
import json
import os
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

from cmr_clip_jax import config_lib, losses, model as model_lib, optimizer, sharding, train_step
from data_prep import records

DEMO_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "configs", "demo.py")

VOCAB = 1000


def make_config(name):
  c = config_lib.load_config(DEMO_CONFIG)
  c.warmup_steps = 0
  if name == "tiny":
    c.input.frames, c.input.size = 4, 32
    c.model.image.update(width=64, depth=2, heads=2, mlp_dim=256)
    c.model.text.update(width=64, depth=2, heads=2, mlp_dim=256, max_len=32)
    c.batch_size = c.microbatch_size = 32
  elif name != "small":
    raise SystemExit(f"unknown config {name!r} (tiny|small)")
  return c


def make_batch(c, rng):
  n, t, s, length = c.batch_size, c.input.frames, c.input.size, c.model.text.max_len
  tokens = rng.integers(4, VOCAB, (n, length)).astype(np.int32)
  tokens[:, length * 3 // 4:] = 0
  return {"frames": rng.integers(0, 256, (n, records.NUM_VIEWS, t, s, s), dtype=np.uint8),
          "view_mask": rng.random((n, records.NUM_VIEWS)) > 0.2, "tokens": tokens,
          "report_hash": rng.integers(0, 2 ** 32, n, dtype=np.uint32)}


def model_flops(c, model, params, batch):
  """XLA's FLOP count of forward + backward of the loss (no optimizer)."""
  def loss(p):
    zi, zt = model.apply({"params": p}, batch["frames"], batch["view_mask"], batch["tokens"], train=True,
                         rngs={"dropout": jax.random.key(0)})
    return losses.loss_from_config(c.loss, zi, zt, model_lib.logit_scale(p), model_lib.logit_bias(p))
  cost = jax.jit(jax.grad(loss)).lower(params).compile().cost_analysis()
  cost = cost[0] if isinstance(cost, (list, tuple)) else cost
  return float(cost["flops"])


def matmul_flops(m, k, n, repeats=5):
  """Measured f32 FLOP/s of an [m, k] @ [k, n] matmul on device 0."""
  a = jax.random.normal(jax.random.key(0), (m, k), jnp.float32)
  b = jax.random.normal(jax.random.key(1), (k, n), jnp.float32)
  f = jax.jit(jnp.dot)
  jax.block_until_ready(f(a, b))
  return 2 * m * k * n / min(_timed(lambda: f(a, b)) for _ in range(repeats))


def _timed(fn):
  t0 = time.perf_counter()
  jax.block_until_ready(fn())
  return time.perf_counter() - t0


def bench(name, steps, peak, microbatch=None):
  c = make_config(name)
  if microbatch:
    c.microbatch_size = microbatch
  mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
  model = model_lib.build_model(c.model, VOCAB)
  tx, _ = optimizer.make_optimizer(c)
  state, shardings = train_step.init_train_state(c, model, tx, mesh, 0)
  step = train_step.make_train_step(c, model, tx, mesh, shardings)
  batch = make_batch(c, np.random.default_rng(0))
  flops = model_flops(c, model, jax.tree.map(np.asarray, state["params"]), batch)
  t0 = time.perf_counter()
  state, metrics = step(state, batch)
  jax.block_until_ready(metrics)
  compile_s = time.perf_counter() - t0
  times = []
  for _ in range(steps):
    t0 = time.perf_counter()
    state, metrics = step(state, batch)
    jax.block_until_ready(metrics)
    times.append(time.perf_counter() - t0)
  t = float(np.median(times))
  # What a matmul of the MLP's own shape reaches here: narrow layers cannot reach the big-dot peak.
  tokens = records.NUM_VIEWS * (c.input.frames // c.model.image.tubelet) * (c.input.size // c.model.image.patch) ** 2
  layer = matmul_flops(c.microbatch_size * tokens, c.model.image.width, c.model.image.mlp_dim)
  n_params = sum(x.size for x in jax.tree.leaves(state["params"]))
  return {"config": name, "batch": c.batch_size, "microbatch": c.microbatch_size, "params": int(n_params),
          "frames_shape": [records.NUM_VIEWS, c.input.frames, c.input.size, c.input.size],
          "first_step_s": round(compile_s, 2), "step_s_median": round(t, 4), "step_s_min": round(min(times), 4),
          "examples_per_s": round(c.batch_size / t, 1), "model_gflop_per_step": round(flops / 1e9, 2),
          "achieved_gflops": round(flops / t / 1e9, 2), "mfu_vs_matmul_peak": round(flops / t / peak, 4),
          "mlp_shaped_matmul_gflops": round(layer / 1e9, 2), "ratio_vs_mlp_shaped_matmul": round(flops / t / layer, 4)}


def main():
  p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  p.add_argument("--configs", default="tiny,small")
  p.add_argument("--steps", type=int, default=5)
  p.add_argument("--caching-micro", type=int, default=16,
                 help="also time the last config with gradient caching at this microbatch (0 = skip)")
  args = p.parse_args()
  peak = matmul_flops(2048, 2048, 2048)
  results = []
  names = args.configs.split(",")
  runs = [(n, None) for n in names] + ([(names[-1], args.caching_micro)] if args.caching_micro else [])
  for name, micro in runs:
    results.append(bench(name, args.steps, peak, micro))
    print(json.dumps(results[-1]), file=sys.stderr, flush=True)  # progress; stdout = one JSON
  if args.caching_micro:
    results[-1]["ratio_step_time_vs_fused"] = round(results[-1]["step_s_median"] / results[-2]["step_s_median"], 3)
  print(json.dumps({"benchmark": "train_step", "device": jax.devices()[0].device_kind,
                    "cpu_count": os.cpu_count(), "load_avg": os.getloadavg()[0],
                    "matmul_peak_gflops": round(peak / 1e9, 2), "results": results}))


if __name__ == "__main__":
  main()
