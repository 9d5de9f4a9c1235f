"""Conversion throughput against the DICOM decode limit, measured in the same run.

  python benchmarks/convert_throughput.py [--studies 40] [--data DIR] [--workers 1,2]

Reference: pydicom `dcmread` + `pixel_array` over exactly the files convert reads, one process,
nothing else; that is the most a single-process converter could do. Prints one JSON line:
studies/s of the decode limit and of the whole `cmr-clip convert` command (scan, views, crop,
tokenizer, shards) with 1 and 2 workers, the ratio of 1 worker to the limit (target >= 0.7) and
the speed-up of 2 workers over 1 (target >= 1.7). On a shared machine wall time is noisy, so
the 1-worker figures per CPU second are printed too (best of --repeats for every timing).
"""

import argparse
import contextlib
import io
import json
import os
import resource
import shutil
import sys
import tempfile
import time

# Imported first: convert pins BLAS to one thread before numpy loads (as the CLI does), and
# its imports are a per-process cost, not per-study work.
from cmr_clip_jax import cli  # noqa: E402
from data_prep import convert, dicom_io  # noqa: F401,E402
import pydicom  # noqa: E402


def _cpu() -> float:
  """CPU seconds of this process and its reaped children (worker pools)."""
  own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
  return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn, *args) -> tuple:
  """(wall seconds, CPU seconds) of fn(*args)."""
  w, c = time.perf_counter(), _cpu()
  fn(*args)
  return time.perf_counter() - w, _cpu() - c


def _burn(n: int) -> int:
  s = 0
  for i in range(n):
    s += i * i
  return s


def _machine_speedup(workers: int, n: int = 4_000_000) -> float:
  """What `workers` processes can gain on this machine right now (shared CPUs): the same pure
  CPU work run serially and in a pool; the convert speed-up is bounded by this."""
  import multiprocessing
  t0 = time.perf_counter()
  for _ in range(workers):
    _burn(n)
  serial = time.perf_counter() - t0
  with multiprocessing.get_context("forkserver").Pool(workers) as pool:
    pool.map(_burn, [1] * workers)  # start the workers before timing
    t0 = time.perf_counter()
    pool.map(_burn, [n] * workers)
    return serial / (time.perf_counter() - t0)


def _best(timings) -> tuple:
  """Fastest wall time and smallest CPU time over repeats (each taken on its own)."""
  return min(t[0] for t in timings), min(t[1] for t in timings)


def _decode_all(root: str, rels: list) -> None:
  """The decode limit: dcmread + pixel_array of every file once, nothing else."""
  for rel in rels:
    try:
      pydicom.dcmread(os.path.join(root, rel)).pixel_array
    except Exception:  # the synth marker file is not DICOM
      pass


def _convert(data: str, out: str, workers: int, frames: int, size: int) -> None:
  shutil.rmtree(out, ignore_errors=True)
  with contextlib.redirect_stdout(io.StringIO()):  # convert's own JSON line; ours is the output
    code = cli.main(["convert", "--dicom", data, "--reports", os.path.join(data, "reports.csv"), "--labels",
                     os.path.join(data, "labels.csv"), "--out", out, "--workers", str(workers), "--frames",
                     str(frames), "--size", str(size), "--spacing", "2.0", "--key-file", out + ".key",
                     "--no-tfds"])  # TFDS metadata: a fixed ~1 s (its import), not per-study work
  if code != 0:
    raise SystemExit(f"convert failed with {code}")


def main() -> int:
  ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  ap.add_argument("--studies", type=int, default=60, help="synthetic studies (default sizes) to generate")
  ap.add_argument("--data", help="existing synth folder to use instead (kept)")
  ap.add_argument("--workers", default="1,2", help="worker counts to time")
  ap.add_argument("--frames", type=int, default=8)
  ap.add_argument("--size", type=int, default=64)
  ap.add_argument("--repeats", type=int, default=2, help="best of N for every timing")
  args = ap.parse_args()
  tmp = tempfile.mkdtemp(prefix="convert_bench_")
  try:
    data = args.data
    if data is None:
      from data_prep.synth import generate as synth
      data = os.path.join(tmp, "dicom")
      synth.generate(data, args.studies, seed=0, workers=min(2, os.cpu_count() or 1))
    rels = dicom_io.walk(data, exclude=[os.path.join(data, "reports.csv"), os.path.join(data, "labels.csv")])
    with open(os.path.join(data, "reports.csv"), newline="") as f:
      import csv
      n_studies = sum(1 for _ in csv.DictReader(f))
    _decode_all(data, rels)  # warm the page cache so every timing reads from memory
    limit = _best([_timed(_decode_all, data, rels) for _ in range(args.repeats)])
    result = {"studies": n_studies, "files": len(rels), "load_avg_1m": os.getloadavg()[0],
              "decode_limit_studies_per_s": round(n_studies / limit[0], 2),
              "decode_limit_studies_per_cpu_s": round(n_studies / limit[1], 2)}
    for w in (int(x) for x in args.workers.split(",")):
      wall, cpu = _best([_timed(_convert, data, os.path.join(tmp, f"out{w}"), w, args.frames, args.size)
                         for _ in range(args.repeats)])
      result[f"convert_{w}w_studies_per_s"] = round(n_studies / wall, 2)
      if w == 1:  # forkserver workers are not our children: their CPU time is not visible here
        result["convert_1w_studies_per_cpu_s"] = round(n_studies / cpu, 2)
    if "convert_1w_studies_per_s" in result:
      result["ratio_1w_to_decode_limit"] = round(result["convert_1w_studies_per_s"] /
                                                 result["decode_limit_studies_per_s"], 3)
      result["ratio_1w_to_decode_limit_cpu"] = round(result["convert_1w_studies_per_cpu_s"] /
                                                     result["decode_limit_studies_per_cpu_s"], 3)
      result["target_ratio_1w"] = 0.7
      if "convert_2w_studies_per_s" in result:
        result["speedup_2w_over_1w"] = round(result["convert_2w_studies_per_s"] / result["convert_1w_studies_per_s"], 3)
        result["target_speedup_2w"] = 1.7
        result["machine_speedup_2proc_now"] = round(_machine_speedup(2), 3)
    result["cpu_count"] = os.cpu_count()
    print(json.dumps(result))
  finally:
    shutil.rmtree(tmp, ignore_errors=True)
  return 0


if __name__ == "__main__":
  sys.exit(main())
