"""Input pipeline throughput next to its two references, measured in the same run.

  python benchmarks/input_pipeline.py [--data DIR] [--config configs/demo.py] [--config.KEY=VALUE ...]

Prints one JSON object:
  raw_read_examples_per_sec   ArrayRecord read + record decode, no resampling or augmentation
                              (the ceiling any pipeline over these shards can reach)
  pipeline[...]               the full training pipeline (grain, decode, augmentation, batching)
                              at 1 and 2 threads, and with 2 worker processes
  train_step_examples_per_sec what the train step of the config consumes (fixed batch, compiled)
  pipeline_over_step          best pipeline rate / step rate: > 1 means the step never waits
  augment_cpu_ms_per_study    CPU ms of one study's augmentation with the config's site
                              augmentation and with it off (same records, same process), and their ratio
  model_flops_per_step, step_flops_per_sec
Without --data it writes random shards of the demo's shape (`make demo`: 8 views x 8 frames x
64 px, 128 tokens) to a temporary folder. XLA_FLAGS decides the device count (Makefile: 2).

  python benchmarks/input_pipeline.py --published [--records 24] [--timed-batches 2]

--published: the input cores one accelerator chip needs at the published recipe's shape
(configs/cmr_clip_b16.py: 8 views x 64 frames x 224 px, 25.7 MB a study). It writes --records
random studies of that shape with the real record encoder and the convert's ArrayRecord writer
(data_prep/records.py, data_prep/shards.py) to a temporary folder, runs the full training
pipeline on one grain thread (decode + augmentation + batching at the recipe's batch size) and
counts the process's CPU seconds per study (steady state, prefetch buffer full at both ends of
the window), so the rate per core holds on a loaded machine too. Next to it: the model FLOPs
per study (XLA cost analysis of the recipe's forward pass, lowered on abstract shapes, x3 for
training) and what one chip consumes at 50% MFU of its stated dense bf16 peak; their ratio is
the number of input cores per chip. All present views (the costliest study) before view dropout.
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


def augment_cpu_ms(source, config, n: int = 40) -> dict:
  """CPU ms per study of augment.prepare on n decoded records, site augmentation on and off."""
  import dataclasses
  from cmr_clip_jax import augment
  views = config_lib.views(config)
  recs = [records.decode(source[i]) for i in range(min(n, len(source)))]
  spec = augment.spec_from_config(config.input)
  off = dataclasses.replace(spec, gamma=(1.0, 1.0), bias_field=0.0, noise=0.0, kspace_keep=1.0)
  out = {}
  for name, sp in (("site_on", spec), ("site_off", off)):
    rng = np.random.default_rng(0)
    c0 = time.process_time()
    for r in recs:
      augment.prepare(r["views"], views, config.input.frames, config.input.size, rng, sp)
    out[name] = 1000 * (time.process_time() - c0) / len(recs)
  out["on_over_off"] = out["site_on"] / out["site_off"]
  return out


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


PUBLISHED_CONFIG = os.path.join(ROOT, "configs", "cmr_clip_b16.py")
CHIP_PEAK_BF16 = {"H100 SXM (dense bf16)": 989e12, "TPU v5p": 459e12}  # vendor datasheets, FLOP/s
MFU = 0.5


def write_published_records(out_dir: str, n: int, frames_shape, max_tokens: int, vocab_size: int) -> str:
  """n random studies of frames_shape, encoded by records.encode and written by shards.write_split
  (one record in memory at a time), plus a manifest.json; returns out_dir."""
  from data_prep import shards
  rng = np.random.default_rng(0)

  def studies():
    for i in range(n):
      tokens = np.zeros(max_tokens, np.int32)
      tokens[:200] = rng.integers(4, vocab_size, 200)
      yield records.encode({"study_id": f"s{i}", "patient_id": f"p{i}",
                            "views": records.stack_views(rng.integers(0, 256, frames_shape, dtype=np.uint8),
                                                         np.ones(frames_shape[0], bool)),
                            "report": f"Study {i}. Normal biventricular size and function.", "tokens": tokens})

  files = shards.write_split(out_dir, "train", studies(), n, num_shards=2)
  shards.write_json(os.path.join(out_dir, "manifest.json"), {
      "schema_version": records.SCHEMA_VERSION, "frames_shape": list(frames_shape),
      "views": list(records.VIEWS), "max_tokens": max_tokens, "vocab_size": vocab_size,
      "splits": {"train": {"studies": n, "patients": n, "shards": files}}})
  return out_dir


def pipeline_cpu_seconds(source, config, timed_batches: int) -> dict:
  """Process CPU seconds and wall seconds per study of the training pipeline in steady state."""
  it = iter(input_pipeline.train_dataset(source, config, 0))
  for _ in range(config.input.prefetch + 1):  # fill the prefetch buffer
    next(it)
  c0, t0 = time.process_time(), time.perf_counter()
  for _ in range(timed_batches):
    next(it)
  n = timed_batches * config.batch_size
  return {"cpu_s_per_study": (time.process_time() - c0) / n, "wall_s_per_study": (time.perf_counter() - t0) / n}


def train_flops_per_study(config, vocab_size: int) -> float:
  """3 x XLA's forward FLOPs of one study + report (lowered on abstract params, never run)."""
  import flax.linen as nn
  from cmr_clip_jax import model as model_lib, train, train_step
  model = model_lib.build_model(config.model, vocab_size)
  params = nn.unbox(train_step._abstract_params(config, model))  # pylint: disable=protected-access
  return 3 * train.model_flops_per_example(model, config, params)


def published(args, overrides) -> dict:
  config = config_lib.load_config(PUBLISHED_CONFIG, overrides)
  config.input.num_threads, config.input.num_workers = 1, 0
  config.input.prefetch = min(config.input.prefetch, 2)  # 16 x 25.7 MB a batch: keep RAM bounded
  shape = (records.NUM_VIEWS, config.input.frames, config.input.size, config.input.size)
  vocab = 8000  # convert's default sentencepiece vocabulary
  with tempfile.TemporaryDirectory() as tmp:
    data = write_published_records(tmp, args.records, shape, config.model.text.max_len, vocab)
    source = input_pipeline.split_source(data, "train")
    raw = raw_read_rate(source, len(source))
    rate = pipeline_cpu_seconds(source, config, args.timed_batches)
    record_mb = os.path.getsize(os.path.join(tmp, "train.array_record-00000-of-00002")) / (args.records // 2) / 1e6
  flops = train_flops_per_study(config, vocab)
  per_core = 1.0 / rate["cpu_s_per_study"]
  chips = {}
  for chip, peak in CHIP_PEAK_BF16.items():
    consumed = MFU * peak / flops
    chips[chip] = {"peak_flops": peak, "studies_per_s_at_50pct_mfu": round(consumed, 2),
                   "input_cores_per_chip": round(consumed / per_core, 1)}
  return {"benchmark": "input_pipeline_published_shape", "config": os.path.relpath(PUBLISHED_CONFIG, ROOT),
          "frames_shape": list(shape), "record_mb": round(record_mb, 1), "records": args.records,
          "batch_size": config.batch_size, "grain_threads": 1, "timed_studies": args.timed_batches * config.batch_size,
          "pipeline_studies_per_cpu_s": round(per_core, 3),
          "pipeline_studies_per_wall_s": round(1.0 / rate["wall_s_per_study"], 3),
          "raw_read_decode_studies_per_s": round(raw, 1),
          "model_train_flops_per_study": flops, "mfu_assumed": MFU, "chips": chips,
          "cpu_count": os.cpu_count(), "load_avg": os.getloadavg()[0]}


def main():
  parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  parser.add_argument("--data", help="a `cmr-clip convert` output folder (default: random shards)")
  parser.add_argument("--config", default=os.path.join(ROOT, "configs", "demo.py"))
  parser.add_argument("--batches", type=int, default=12, help="batches timed per pipeline setting")
  parser.add_argument("--steps", type=int, default=4, help="train steps timed")
  parser.add_argument("--published", action="store_true",
                      help="input cores per accelerator chip at the published record shape (docstring)")
  parser.add_argument("--records", type=int, default=24, help="--published: studies written")
  parser.add_argument("--timed-batches", type=int, default=2, help="--published: batches timed")
  args, overrides = parser.parse_known_args()
  if args.published:
    print(json.dumps(published(args, overrides), indent=2))
    return
  config = config_lib.load_config(args.config, overrides)
  with tempfile.TemporaryDirectory() as tmp:
    data = args.data
    if data is None:
      from fake_data import write_dataset
      data = write_dataset(tmp, {"train": 800}, frames_shape=(records.NUM_VIEWS, 8, 64, 64),
                           max_tokens=128, vocab_size=1000, shards=4)
    config.data_dir = data  # its tokenizer.model re-tokenizes sampled report sentences
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
    out["augment_cpu_ms_per_study"] = augment_cpu_ms(source, config)
    rate, flops = step_rate(source, config, manifest, args.steps)
  out["train_step_examples_per_sec"] = rate
  out["pipeline_over_step"] = max(out["pipeline"].values()) / rate
  out["pipeline_over_raw_read"] = max(out["pipeline"].values()) / out["raw_read_examples_per_sec"]
  out["model_flops_per_step"] = flops
  out["step_flops_per_sec"] = flops * rate / config.batch_size
  print(json.dumps(out, indent=2))


if __name__ == "__main__":
  main()
