"""Conversion throughput against the DICOM decode limit, and peak memory against archive size.

  python benchmarks/convert_throughput.py [--studies 120] [--workers 1,2] [--rss-studies 10]
  .venv-beam/bin/python benchmarks/convert_throughput.py --runner beam [--studies 120]

Throughput: `cmr-clip convert` run as a user runs it (a fresh process: start-up included) on a
fresh synth archive, with 1 and 2 workers, against the decode limit measured in the same run:
pydicom `dcmread` + `pixel_array` over exactly the files convert reads, one process, nothing
else (and, as a second figure, the same loop decoding with convert's decoder choice:
`dicom_io.stored_pixels`, a faster installed decoder for lossless-only JPEG 2000 and JPEG-LS).
Targets: 1 worker >= 0.8 of the limit, 2 workers >= 1.8x one worker. Start-up is printed on its
own (`convert_Nw_startup_s`: from the process start until the workers are up, i.e. the worker
server's imports and NER model load; the main process's imports, checks, walk and header scan
run meanwhile; tokenizer training is in the 'write' stage), next to convert's stage timings.
On a shared machine wall time is noisy, so the local figures also come on CPU seconds (the
decode loop's process time against convert's: the worker tasks', and the whole command's:
main process and worker server (its imports and NER model load) included), with the 1-minute
load average when each was taken and what
2 processes of pure CPU work gain right now (`machine_speedup_2proc_now`: the 2-worker speed-up
cannot exceed it).

--runner beam (in the Beam environment): the Beam DirectRunner with 2 workers
(multi_processing) next to the local converter with 2 workers and the decode limit, all in
the same run, with where the Beam run's time goes (driver start-up, pipeline, and the
workers' seconds per stage summed over workers).

Memory: peak RSS of the main process and of the largest worker for N and 4N studies at the
published recipe (--frames 64 --size 224): flat memory means the two are within 10%.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import pydicom

from data_prep import dicom_io


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


def _decode_all(root: str, rels: list, pixels=lambda ds: ds.pixel_array) -> tuple:
  """The decode limit: dcmread + pixel_array of every file once, nothing else. (wall, CPU) s.
  pixels=dicom_io.stored_pixels: the same with convert's choice of decoder (a faster installed
  one for lossless-only JPEG 2000 and JPEG-LS), reported next to the pydicom-default limit."""
  w, c = time.perf_counter(), time.process_time()
  for rel in rels:
    try:
      pixels(pydicom.dcmread(os.path.join(root, rel)))
    except Exception:  # the synth marker file is not DICOM
      pass
  return time.perf_counter() - w, time.process_time() - c


def _synth(path: str, n: int) -> str:
  from data_prep.synth import generate as synth
  synth.generate(path, n, seed=0, workers=min(2, os.cpu_count() or 1))
  return path


BEAM_2W = "--beam-options=--runner=DirectRunner --direct_num_workers=2 --direct_running_mode=multi_processing"


def _convert(data: str, out: str, workers: int, frames: int, size: int, *extra: str) -> tuple:
  """(wall seconds of the whole command, convert's JSON summary, with 'main_cpu_seconds': the
  CPU of the command's own process, and 'load_avg_1m' when it started)."""
  shutil.rmtree(out, ignore_errors=True)
  cmd = [sys.executable, "-m", "cmr_clip_jax", "convert", *extra, "--dicom", data, "--reports",
         os.path.join(data, "reports.csv"), "--labels", os.path.join(data, "labels.csv"), "--out", out,
         "--workers", str(workers), "--frames", str(frames), "--size", str(size), "--spacing", "2.0",
         "--key-file", out + ".key", "--no-tfds"]  # TFDS metadata: a fixed ~1 s (its import), not per-study work
  load, before = os.getloadavg()[0], resource.getrusage(resource.RUSAGE_CHILDREN)
  t0 = time.perf_counter()
  done = subprocess.run(cmd, capture_output=True, text=True)
  wall = time.perf_counter() - t0
  after = resource.getrusage(resource.RUSAGE_CHILDREN)
  if done.returncode != 0:
    raise SystemExit(f"convert failed with {done.returncode}: {done.stderr[-2000:]}")
  summary = json.loads(done.stdout.strip().splitlines()[-1])
  # Local workers are the forkserver's children, not ours: their task CPU comes from the summary.
  summary["main_cpu_seconds"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
  summary["load_avg_1m"] = load
  return wall, summary


def _throughput(tmp, args) -> dict:
  data = args.data or _synth(os.path.join(tmp, "dicom"), args.studies)
  rels = dicom_io.walk(data, exclude=[os.path.join(data, "reports.csv"), os.path.join(data, "labels.csv")])
  _decode_all(data, rels)  # warm the page cache so every timing reads from memory
  limit_load = os.getloadavg()[0]
  limit = min(_decode_all(data, rels) for _ in range(args.repeats))
  same_decoders = min(_decode_all(data, rels, dicom_io.stored_pixels) for _ in range(args.repeats))
  runs = {}
  for w in (int(x) for x in args.workers.split(",")):
    runs[w] = min((_convert(data, os.path.join(tmp, f"out{w}"), w, args.frames, args.size)
                   for _ in range(args.repeats)), key=lambda r: r[0])
  n = runs[min(runs)][1]["inputs"]["studies"]
  out = {"studies": n, "files": len(rels), "frames": args.frames, "size": args.size,
         "decode_limit_studies_per_s": round(n / limit[0], 2), "decode_limit_cpu_s": round(limit[1], 2),
         "decode_limit_load_avg_1m": limit_load,
         "decode_limit_same_decoders_studies_per_s": round(n / same_decoders[0], 2),
         "decode_limit_same_decoders_cpu_s": round(same_decoders[1], 2)}
  for w, (wall, summary) in runs.items():
    out[f"convert_{w}w_studies_per_s"] = round(n / wall, 2)
    out[f"convert_{w}w_wall_s"] = round(wall, 1)
    out[f"convert_{w}w_stage_s"] = summary["stage_seconds"]
    out[f"convert_{w}w_startup_s"] = summary["workers_up_seconds"]
    out[f"convert_{w}w_worker_cpu_s"] = summary["worker_cpu_seconds"]
    out[f"convert_{w}w_main_cpu_s"] = summary["main_cpu_seconds"]
    out[f"convert_{w}w_server_cpu_s"] = summary.get("server_cpu_seconds")
    out[f"convert_{w}w_load_avg_1m"] = summary["load_avg_1m"]
  if 1 in runs:
    out["ratio_1w_to_decode_limit"] = round(out["convert_1w_studies_per_s"] / out["decode_limit_studies_per_s"], 3)
    # On CPU seconds, less sensitive to load: the worker's scan + study tasks against the decode
    # loop, and the whole command (main process: imports, walk, split, tokenizer, shards) too.
    cpu_tasks, cpu_main = runs[1][1]["worker_cpu_seconds"], runs[1][1]["main_cpu_seconds"]
    cpu_server = runs[1][1].get("server_cpu_seconds", 0.0)  # the worker server: imports, NER model load
    out["ratio_1w_to_decode_limit_cpu"] = round(limit[1] / max(cpu_tasks, 1e-9), 3)
    out["ratio_1w_to_decode_limit_cpu_command"] = round(limit[1] / max(cpu_tasks + cpu_main + cpu_server, 1e-9), 3)
    out["ratio_1w_to_decode_limit_same_decoders"] = round(
        out["convert_1w_studies_per_s"] / out["decode_limit_same_decoders_studies_per_s"], 3)
    out["target_ratio_1w"] = 0.8
  if 1 in runs and 2 in runs:
    out["speedup_2w_over_1w"] = round(out["convert_2w_studies_per_s"] / out["convert_1w_studies_per_s"], 3)
    out["target_speedup_2w"] = 1.8
    out["machine_speedup_2proc_now"] = round(_machine_speedup(2), 3)
    # Extra CPU that 2 workers spend over 1 (IPC, a second process): 1.0 means none.
    cpu = {w: runs[w][1]["worker_cpu_seconds"] + runs[w][1]["main_cpu_seconds"]
           + runs[w][1].get("server_cpu_seconds", 0.0) for w in (1, 2)}
    out["cpu_2w_over_1w"] = round(cpu[2] / max(cpu[1], 1e-9), 3)
  if args.runner == "beam":
    wall, summary = min((_convert(data, os.path.join(tmp, "beam"), 2, args.frames, args.size, "--runner", "beam",
                                  BEAM_2W) for _ in range(args.repeats)), key=lambda r: r[0])
    out.update(beam_2w_studies_per_s=round(n / wall, 2), beam_2w_wall_s=round(wall, 1),
               beam_2w_stage_s=summary["stage_seconds"], beam_2w_worker_stage_s=summary["worker_stage_seconds"],
               beam_2w_driver_cpu_s=summary["driver_cpu_seconds"])
    out["ratio_beam_2w_to_local_2w"] = round(out["beam_2w_studies_per_s"] / out["convert_2w_studies_per_s"], 3)
    out["ratio_beam_2w_to_decode_limit"] = round(out["beam_2w_studies_per_s"] / out["decode_limit_studies_per_s"], 3)
  return out


def _memory(tmp, n: int) -> dict:
  """Peak RSS (MB) converting n and 4n studies at the published recipe, 1 worker."""
  out = {}
  for k in (n, 4 * n):
    data = _synth(os.path.join(tmp, f"rss{k}"), k)
    _, summary = _convert(data, os.path.join(tmp, f"rss_out{k}"), 1, 64, 224)
    out[f"peak_rss_mb_{k}_studies"] = summary["peak_rss_mb"]
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(os.path.join(tmp, f"rss_out{k}"), ignore_errors=True)
  small, big = out[f"peak_rss_mb_{n}_studies"], out[f"peak_rss_mb_{4 * n}_studies"]
  out["rss_ratio_4n_over_n"] = {p: round(big[p] / small[p], 3) for p in small}
  out["rss_target"] = "ratio <= 1.10, worker < 2048 MB"
  return out


def main() -> int:
  ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  ap.add_argument("--studies", type=int, default=120, help="synthetic studies (default sizes) for throughput")
  ap.add_argument("--data", help="existing synth folder to use for throughput instead (kept)")
  ap.add_argument("--runner", choices=("local", "beam"), default="local",
                  help="beam: also time the Beam DirectRunner (2 workers) against local with 2 workers")
  ap.add_argument("--workers", default=None, help="worker counts to time ('' to skip throughput; default 1,2, "
                                                  "with --runner beam 2)")
  ap.add_argument("--frames", type=int, default=8)
  ap.add_argument("--size", type=int, default=64)
  ap.add_argument("--repeats", type=int, default=1, help="best of N for every timing")
  ap.add_argument("--rss-studies", type=int, default=None,
                  help="N for the peak-RSS check of N vs 4N (0: skip; default 10, with --runner beam 0)")
  args = ap.parse_args()
  beam = args.runner == "beam"
  args.workers = ("2" if beam else "1,2") if args.workers is None else args.workers
  args.rss_studies = (0 if beam else 10) if args.rss_studies is None else args.rss_studies
  if beam and 2 not in {int(w) for w in args.workers.split(",") if w}:
    raise SystemExit("--runner beam compares against local with 2 workers: --workers must include 2")
  tmp = tempfile.mkdtemp(prefix="convert_bench_")
  try:
    result = {"load_avg_1m_before": os.getloadavg()[0], "cpu_count": os.cpu_count()}
    if args.workers:
      result.update(_throughput(tmp, args))
    if args.rss_studies:
      result.update(_memory(tmp, args.rss_studies))
    result["load_avg_1m_after"] = os.getloadavg()[0]
    print(json.dumps(result))
  finally:
    shutil.rmtree(tmp, ignore_errors=True)
  return 0


if __name__ == "__main__":
  sys.exit(main())
