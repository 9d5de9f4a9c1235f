"""Peak memory and time of loss + gradient, plain (B x B) vs chunked (B x chunk), D = 512.

  .venv/bin/python benchmarks/loss_memory.py [--batches 1024,4096,16384,65536] [--chunk 1024]

Peak memory is XLA's buffer assignment for the compiled loss+grad (`memory_analysis()`:
arguments + outputs + temporaries), the figure that decides out-of-memory on an accelerator;
it needs no allocation, so the 64k plain case is measured too. A case is timed only where that
peak is under --run-limit-gib (otherwise it is recorded as over the limit, not run) and B is at
most --time-max-batch (the 64k chunked loss is ~18 TFLOP: minutes on 2 shared cores).
Prints one JSON object; `ratio_*` compare chunked to plain in the same run.
"""

import argparse
import json
import os
import sys
import time

import jax
import jax.numpy as jnp

from cmr_clip_jax import losses

GIB = 2 ** 30


def _grad_fn(kind, chunk):
  def loss(a, b, s, bias):
    if kind == "infonce":
      return losses.infonce_loss(a, b, s, chunk_size=chunk)
    return losses.sigmoid_loss(a, b, s, bias, chunk_size=chunk)
  return jax.jit(jax.value_and_grad(loss, argnums=(0, 1, 2, 3)))


def measure(kind, batch, dim, chunk, run_limit_gib, time_max_batch, repeats=2):
  f = _grad_fn(kind, chunk)
  spec = jax.ShapeDtypeStruct((batch, dim), jnp.float32)
  t0 = time.perf_counter()
  compiled = f.lower(spec, spec, 20.0, -5.0).compile()
  ma = compiled.memory_analysis()
  peak = ma.argument_size_in_bytes + ma.output_size_in_bytes + ma.temp_size_in_bytes - ma.alias_size_in_bytes
  out = {"kind": kind, "batch": batch, "dim": dim, "chunk": chunk, "peak_gib": round(peak / GIB, 4),
         "temp_gib": round(ma.temp_size_in_bytes / GIB, 4), "compile_s": round(time.perf_counter() - t0, 2)}
  if peak > run_limit_gib * GIB:
    out["status"] = f"over memory limit ({run_limit_gib} GiB): not run"
    return out
  if batch > time_max_batch:
    out["status"] = "compiled only (batch > --time-max-batch)"
    return out
  k1, k2 = jax.random.split(jax.random.key(0))
  norm = lambda x: x / jnp.linalg.norm(x, axis=1, keepdims=True)
  a, b = norm(jax.random.normal(k1, (batch, dim))), norm(jax.random.normal(k2, (batch, dim)))
  jax.block_until_ready(compiled(a, b, 20.0, -5.0))
  times = []
  for _ in range(repeats):
    t0 = time.perf_counter()
    jax.block_until_ready(compiled(a, b, 20.0, -5.0))
    times.append(time.perf_counter() - t0)
  out.update(status="ran", time_s=round(min(times), 4))
  return out


def main():
  p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  p.add_argument("--batches", default="1024,4096,16384,65536")
  p.add_argument("--dim", type=int, default=512)
  p.add_argument("--chunk", type=int, default=1024)
  p.add_argument("--kinds", default="infonce,sigmoid")
  p.add_argument("--run-limit-gib", type=float, default=3.0, help="do not run cases whose peak exceeds this")
  p.add_argument("--time-max-batch", type=int, default=16384)
  args = p.parse_args()
  results = []
  for kind in args.kinds.split(","):
    for batch in map(int, args.batches.split(",")):
      plain = measure(kind, batch, args.dim, 0, args.run_limit_gib, args.time_max_batch)
      chunked = measure(kind, batch, args.dim, args.chunk, args.run_limit_gib, args.time_max_batch)
      row = {"kind": kind, "batch": batch, "plain": plain, "chunked": chunked,
             "ratio_peak_chunked_over_plain": round(chunked["peak_gib"] / plain["peak_gib"], 4)}
      if "time_s" in plain and "time_s" in chunked:
        row["ratio_time_chunked_over_plain"] = round(chunked["time_s"] / plain["time_s"], 3)
      results.append(row)
      print(json.dumps(row), file=sys.stderr, flush=True)  # progress; stdout = one JSON
  big = [r["chunked"]["peak_gib"] for r in results if r["batch"] == 65536]
  print(json.dumps({"benchmark": "loss_memory", "device": jax.devices()[0].device_kind,
                    "load_avg": os.getloadavg()[0], "target": "B=65536 chunked peak < 4 GiB",
                    "target_met": bool(big) and max(big) < 4.0, "results": results}))


if __name__ == "__main__":
  main()
