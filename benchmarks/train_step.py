"""Training-step throughput and model FLOP utilisation on this machine's devices.

  .venv/bin/python benchmarks/train_step.py [--configs tiny,small] [--steps 5]
  .venv/bin/python benchmarks/train_step.py --vs-openclip --openclip-python /work/torchvenv/bin/python
  .venv/bin/python benchmarks/train_step.py --slots [--steps 5 --rounds 3]
  .venv/bin/python benchmarks/train_step.py --sentences [--steps 5 --rounds 3]

--slots: what the view slot table costs: configs/demo.py's step with every slot of the table
(13) against the same model over the 8 slots of schema version 1, taking turns (--rounds x
--steps each) so load hits both alike; step time and XLA's FLOP count, and their ratios.
--sentences: what the sentence loss costs, the same way: configs/demo.py's step (with its
loss.sentences x loss.sentence_len single sentences a study) against the same step with
loss.sentence_weight = 0.

--vs-openclip: the issue-13 shape (image tower 192 wide, 6 deep, 3 heads, joint attention over
256 tokens = 8 views x 2 tubelets x 4 x 4 patches of 16 px; text tower 4 x 192 over 128 tokens;
vocab 8000; embed 128; batch 32; AdamW) against OpenCLIP's CLIP + ClipLoss + AdamW in PyTorch
(benchmarks/openclip_step.py, run by --openclip-python in a subprocess). The two sides take
turns, --rounds times --steps steps each, so load on a shared machine hits both alike; each
side gets the same cores (torch.set_num_threads(--threads), XLA's CPU pool = the process's
cores) and waits idle while the other runs. Also: MFU against a measured matmul peak, the
gradient-caching step (4 microbatches) relative to the fused one, and compile time at
depth 2 and 12 (both towers).

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
import subprocess
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

from cmr_clip_jax import config_lib, model as model_lib, optimizer, sharding, train_step
from data_prep import records

DEMO_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "configs", "demo.py")

VOCAB = 1000
OPENCLIP_VOCAB = 8000


def make_config(name, depth=None):
  c = config_lib.load_config(DEMO_CONFIG)
  c.warmup_steps = 0
  if name == "openclip":  # the shape of the comparison (module docstring)
    c.input.views = ",".join(records.VIEWS[:8])
    c.input.frames, c.input.size = 4, 64
    c.model.embed_dim = 128
    c.model.image.update(width=192, depth=depth or 6, heads=3, mlp_dim=768, patch=16, tubelet=2,
                         attention="joint", pool="cls")
    c.model.text.update(width=192, depth=depth or 4, heads=3, mlp_dim=768, max_len=128)
    c.batch_size = c.microbatch_size = c.lr_reference_batch = 32
  elif name == "tiny":
    c.input.frames, c.input.size = 4, 32
    c.model.image.update(width=64, depth=2, heads=2, mlp_dim=256)
    c.model.text.update(width=64, depth=2, heads=2, mlp_dim=256, max_len=32)
    c.batch_size = c.microbatch_size = 32
  elif name != "small":
    raise SystemExit(f"unknown config {name!r} (tiny|small|openclip)")
  return c


def make_batch(c, rng, vocab=VOCAB):
  n, t, s, length = c.batch_size, c.input.frames, c.input.size, c.model.text.max_len
  v = len(config_lib.views(c))
  tokens = rng.integers(4, vocab, (n, length)).astype(np.int32)
  tokens[:, length * 3 // 4:] = 0
  batch = {"frames": rng.integers(0, 256, (n, v, t, s, s), dtype=np.uint8),
           "view_mask": rng.random((n, v)) > 0.2, "tokens": tokens,
           "report_hash": rng.integers(0, 2 ** 32, n, dtype=np.uint32)}
  if c.loss.sentence_weight > 0:  # every place a sentence of 3/4 of sentence_len tokens
    k, ls = c.loss.sentences, config_lib.sentence_len(c)
    sentences = rng.integers(4, vocab, (n, k, ls)).astype(np.int32)
    sentences[..., ls * 3 // 4:] = 0
    batch.update(sentences=sentences, sentence_hash=rng.integers(1, 2 ** 32, (n, k), dtype=np.uint32))
  return batch


def model_flops(c, model, params, batch):
  """XLA's FLOP count of forward + backward of the loss (no optimizer), layer scan unrolled
  (XLA counts a loop body once, whatever its trip count)."""
  model = model_lib.unrolled(model)
  loss = lambda p: train_step.batch_loss(c, model, None, p, batch, jax.random.key(0))[0]  # noqa: E731
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


class Runner:
  """The real train step (make_train_step, AdamW, one-device mesh) of a config, compiled."""

  def __init__(self, c, vocab):
    self.c = c
    mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
    self.model = model_lib.build_model(c.model, vocab)
    tx, _ = optimizer.make_optimizer(c)
    self.state, shardings = train_step.init_train_state(c, self.model, tx, mesh, 0)
    self.step = train_step.make_train_step(c, self.model, tx, mesh, shardings)
    self.batch = make_batch(c, np.random.default_rng(0), vocab)
    t0 = time.perf_counter()
    self.run(1)
    self.first_step_s = time.perf_counter() - t0

  def run(self, steps):
    """-> seconds of each of `steps` steps."""
    times = []
    for _ in range(steps):
      t0 = time.perf_counter()
      self.state, metrics = self.step(self.state, self.batch)
      jax.block_until_ready(metrics)
      times.append(time.perf_counter() - t0)
    return times


def bench(name, steps, peak, microbatch=None):
  c = make_config(name)
  if microbatch:
    c.microbatch_size = microbatch
  r = Runner(c, VOCAB)
  flops = model_flops(c, r.model, jax.tree.map(np.asarray, r.state["params"]), r.batch)
  times = r.run(steps)
  t = float(np.median(times))
  # What a matmul of the MLP's own shape reaches here: narrow layers cannot reach the big-dot peak.
  v = len(config_lib.views(c))
  tokens = v * (c.input.frames // c.model.image.tubelet) * (c.input.size // c.model.image.patch) ** 2
  layer = matmul_flops(c.microbatch_size * tokens, c.model.image.width, c.model.image.mlp_dim)
  n_params = sum(x.size for x in jax.tree.leaves(r.state["params"]))
  return {"config": name, "batch": c.batch_size, "microbatch": c.microbatch_size, "params": int(n_params),
          "frames_shape": [v, c.input.frames, c.input.size, c.input.size],
          "first_step_s": round(r.first_step_s, 2), "step_s_median": round(t, 4), "step_s_min": round(min(times), 4),
          "examples_per_s": round(c.batch_size / t, 1), "model_gflop_per_step": round(flops / 1e9, 2),
          "achieved_gflops": round(flops / t / 1e9, 2), "mfu_vs_matmul_peak": round(flops / t / peak, 4),
          "mlp_shaped_matmul_gflops": round(layer / 1e9, 2), "ratio_vs_mlp_shaped_matmul": round(flops / t / layer, 4)}


def compile_seconds(c):
  """Lower + compile of the whole train step (jit cache bypassed: a fresh model each call)."""
  r = Runner(c, OPENCLIP_VOCAB)
  return r.first_step_s - float(np.median(r.run(2)))


def vs_openclip(args, peak):
  """Our step and OpenCLIP's at the same shape, taking turns; see the module docstring."""
  c = make_config("openclip")
  torch_side = subprocess.Popen(
      [args.openclip_python, os.path.join(os.path.dirname(os.path.abspath(__file__)), "openclip_step.py"),
       "--threads", str(args.threads), "--batch", str(c.batch_size), "--vocab", str(OPENCLIP_VOCAB)],
      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
  torch_info = json.loads(torch_side.stdout.readline())
  ours = Runner(c, OPENCLIP_VOCAB)
  cached = Runner(_micro(c, c.batch_size // 4), OPENCLIP_VOCAB)
  ours_t, torch_t, cached_t = [], [], []
  for _ in range(args.rounds):
    ours_t += ours.run(args.steps)
    torch_side.stdin.write(f"{args.steps}\n")
    torch_side.stdin.flush()
    torch_t += json.loads(torch_side.stdout.readline())["step_s"]
    cached_t += cached.run(args.steps)
  torch_side.stdin.close()
  torch_side.wait()
  flops = model_flops(c, ours.model, jax.tree.map(np.asarray, ours.state["params"]), ours.batch)
  t_ours, t_torch, t_cached = (float(np.median(t)) for t in (ours_t, torch_t, cached_t))
  compile_s = {f"depth_{d}": round(compile_seconds(make_config("openclip", depth=d)), 2) for d in (2, 12)}
  return {"shape": "image 192x6 joint over 256 tokens, text 4x192 over 128, vocab 8000, embed 128, batch 32, AdamW",
          "threads": args.threads, "rounds": args.rounds, "steps_per_round": args.steps,
          "ours_examples_per_s": round(c.batch_size / t_ours, 2),
          "openclip_examples_per_s": round(c.batch_size / t_torch, 2),
          "ours_over_openclip": round(t_torch / t_ours, 3),
          "ours_step_s": [round(t, 3) for t in ours_t], "openclip_step_s": [round(t, 3) for t in torch_t],
          "openclip": torch_info,
          "ours_params": int(sum(x.size for x in jax.tree.leaves(ours.state["params"]))),
          "model_gflop_per_step": round(flops / 1e9, 2), "mfu_vs_matmul_peak": round(flops / t_ours / peak, 4),
          "caching_4_micro_over_fused": round(t_cached / t_ours, 3),
          "compile_s": compile_s,
          "compile_depth_12_over_2": round(compile_s["depth_12"] / compile_s["depth_2"], 3)}


def variant_cost(args, base, variant, names) -> dict:
  """Step time and FLOPs of two configs, taking turns (--rounds x --steps each); names =
  (variant's, base's) labels. -> the figures and their variant / base ratios."""
  runners = dict(zip(names, (Runner(variant, VOCAB), Runner(base, VOCAB))))
  times = {k: [] for k in runners}
  for _ in range(args.rounds):
    for k, r in runners.items():
      times[k] += r.run(args.steps)
  flops = {k: model_flops(r.c, r.model, jax.tree.map(np.asarray, r.state["params"]), r.batch) for k, r in runners.items()}
  t = {k: float(np.median(v)) for k, v in times.items()}
  a, b = names
  return {"config": "configs/demo.py", "rounds": args.rounds, "steps_per_round": args.steps,
          "step_s_median": {k: round(v, 4) for k, v in t.items()},
          "step_s": {k: [round(x, 3) for x in v] for k, v in times.items()},
          "model_gflop_per_step": {k: round(v / 1e9, 2) for k, v in flops.items()},
          f"step_time_{a}_over_{b}": round(t[a] / t[b], 3), f"flops_{a}_over_{b}": round(flops[a] / flops[b], 3)}


def slot_cost(args) -> dict:
  """configs/demo.py's step over the whole slot table against the 8 version-1 slots."""
  full = make_config("small")
  v1 = make_config("small")
  v1.input.views = ",".join(records.VIEWS[:8])
  tokens = lambda c: len(config_lib.views(c)) * (c.input.frames // c.model.image.tubelet) * (  # noqa: E731
      c.input.size // c.model.image.patch) ** 2
  return {"slots": {"all": len(config_lib.views(full)), "v1": 8},
          "image_tokens": {"all": tokens(full), "v1": tokens(v1)}, **variant_cost(args, v1, full, ("all", "v1"))}


def sentence_cost(args) -> dict:
  """configs/demo.py's step (its sentence loss on) against the same step without it."""
  with_sentences = make_config("small")
  plain = make_config("small")
  plain.loss.sentence_weight = 0.0
  return {"sentences": with_sentences.loss.sentences, "sentence_len": with_sentences.loss.sentence_len,
          "report_len": plain.model.text.max_len, **variant_cost(args, plain, with_sentences, ("sentences", "plain"))}


def _micro(c, microbatch):
  c = c.copy_and_resolve_references()
  c.microbatch_size = microbatch
  return c


def main():
  p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  p.add_argument("--configs", default="tiny,small")
  p.add_argument("--steps", type=int, default=5)
  p.add_argument("--caching-micro", type=int, default=16,
                 help="also time the last config with gradient caching at this microbatch (0 = skip)")
  p.add_argument("--vs-openclip", action="store_true", help="compare with OpenCLIP (module docstring)")
  p.add_argument("--openclip-python", default="/work/torchvenv/bin/python",
                 help="python of a virtualenv with torch and open-clip-torch")
  p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (--vs-openclip)")
  p.add_argument("--rounds", type=int, default=3, help="turns each side takes (--vs-openclip, --slots)")
  p.add_argument("--slots", action="store_true", help="the slot table's cost (module docstring)")
  p.add_argument("--sentences", action="store_true", help="the sentence loss's cost (module docstring)")
  args = p.parse_args()
  for flag, name, cost in ((args.slots, "train_step_slots", slot_cost), (args.sentences, "train_step_sentences", sentence_cost)):
    if flag:
      print(json.dumps({"benchmark": name, "device": jax.devices()[0].device_kind,
                        "cpu_count": os.cpu_count(), "load_avg": os.getloadavg()[0], **cost(args)}))
      return
  peak = matmul_flops(2048, 2048, 2048)
  if args.vs_openclip:
    out = vs_openclip(args, peak)
    print(json.dumps({"benchmark": "train_step_vs_openclip", "device": jax.devices()[0].device_kind,
                      "cpu_count": os.cpu_count(), "load_avg": os.getloadavg()[0],
                      "matmul_peak_gflops": round(peak / 1e9, 2), **out}))
    return
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
