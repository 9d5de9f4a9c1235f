"""Input pipeline throughput next to its two references, measured in the same run.

  python benchmarks/input_pipeline.py [--data DIR] [--config configs/demo.py] [--config.KEY=VALUE ...]

Prints one JSON object:
  raw_read_examples_per_sec   ArrayRecord read + record decode, no resampling or augmentation
                              (the ceiling any pipeline over these shards can reach)
  pipeline[...]               the full training pipeline (grain, decode, augmentation, batching)
                              at 1 and 2 threads, and with 2 worker processes
  train_step_examples_per_sec what the train step of the config consumes (fixed batch, compiled)
  pipeline_over_step          best pipeline rate / step rate: > 1 means the step never waits
  model_flops_per_step, step_flops_per_sec
Without --data it writes random shards of the demo's shape (`make demo`: 8 views x 8 frames x
64 px, 128 tokens) to a temporary folder. XLA_FLAGS decides the device count (Makefile: 2).
"""

import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from cmr_clip_jax import config_lib, input_pipeline  # noqa: E402
from data_prep import records  # noqa: E402


def raw_read_rate(source, n: int) -> float:
  order = np.random.default_rng(0).permutation(len(source))[:n]
  t0 = time.perf_counter()
  for i in order:
    records.decode(source[int(i)])
  return n / (time.perf_counter() - t0)


def pipeline_rate(source, config, batches: int) -> float:
  it = iter(input_pipeline.train_dataset(source, config, 0))
  for _ in range(2):  # warm-up: thread start, prefetch buffer fill
    next(it)
  t0 = time.perf_counter()
  for _ in range(batches):
    next(it)
  return batches * config.batch_size / (time.perf_counter() - t0)


def step_rate(source, config, manifest, steps: int):
  """(examples/s of the compiled train step on a fixed real batch, model FLOPs per step)."""
  import jax
  from cmr_clip_jax import model as model_lib, optimizer, sharding, train, train_step
  mesh = sharding.make_mesh(config.mesh_shape)
  model = model_lib.build_model(config.model, manifest["vocab_size"])
  tx, _ = optimizer.make_optimizer(config)
  state, shardings = train_step.init_train_state(config, model, tx, mesh, jax.random.key(0))
  step = train_step.make_train_step(config, model, tx, mesh, shardings)
  batch = next(iter(input_pipeline.train_dataset(source, config, 0)))
  state, m = step(state, batch)
  jax.block_until_ready(m)
  t0 = time.perf_counter()
  for _ in range(steps):
    state, m = step(state, batch)
  jax.block_until_ready((state, m))
  flops = 3 * config.batch_size * train.model_flops_per_example(model, config, state["params"])
  return steps * config.batch_size / (time.perf_counter() - t0), flops


def main():
  parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  parser.add_argument("--data", help="a `cmr-clip convert` output folder (default: random shards)")
  parser.add_argument("--config", default=os.path.join(ROOT, "configs", "demo.py"))
  parser.add_argument("--batches", type=int, default=12, help="batches timed per pipeline setting")
  parser.add_argument("--steps", type=int, default=4, help="train steps timed")
  args, overrides = parser.parse_known_args()
  config = config_lib.load_config(args.config, overrides)
  with tempfile.TemporaryDirectory() as tmp:
    data = args.data
    if data is None:
      from fake_data import write_dataset
      data = write_dataset(tmp, {"train": 800}, frames_shape=(records.NUM_VIEWS, 8, 64, 64),
                           max_tokens=128, vocab_size=1000, shards=4)
    source = input_pipeline.split_source(data, "train")
    manifest = input_pipeline.load_manifest(data)
    out = {"data": args.data or "random shards [8, 8, 64, 64] uint8, 128 tokens",
           "config": os.path.relpath(args.config, ROOT), "batch_size": config.batch_size,
           "raw_read_examples_per_sec": raw_read_rate(source, min(len(source), 2000)),
           "pipeline": {}}
    for threads, workers in ((1, 0), (2, 0), (1, 2)):
      config.input.num_threads, config.input.num_workers = threads, workers
      out["pipeline"][f"threads={threads},workers={workers}"] = pipeline_rate(
          source, config, args.batches)
    config.input.num_threads, config.input.num_workers = 2, 0
    rate, flops = step_rate(source, config, manifest, args.steps)
  out["train_step_examples_per_sec"] = rate
  out["pipeline_over_step"] = max(out["pipeline"].values()) / rate
  out["pipeline_over_raw_read"] = max(out["pipeline"].values()) / out["raw_read_examples_per_sec"]
  out["model_flops_per_step"] = flops
  out["step_flops_per_sec"] = flops * rate / config.batch_size
  print(json.dumps(out, indent=2))


if __name__ == "__main__":
  main()
