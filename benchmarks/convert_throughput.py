"""Conversion throughput against the DICOM decode limit, measured in the same run.

  python benchmarks/convert_throughput.py [--studies 40] [--data DIR] [--workers 1,2]

Reference: pydicom `dcmread` + `pixel_array` over exactly the files convert reads, one process,
nothing else; that is the most a single-process converter could do. Prints one JSON line:
studies/s of the decode limit and of `cmr-clip convert` with 1 and 2 workers, the ratio of
1 worker to the limit (target >= 0.7) and the speed-up of 2 workers over 1 (target >= 1.7).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import pydicom


def _decode_limit(root: str, rels: list) -> float:
  """Seconds to dcmread + pixel_array every DICOM file once."""
  t0 = time.perf_counter()
  for rel in rels:
    try:
      pydicom.dcmread(os.path.join(root, rel)).pixel_array
    except Exception:  # non-DICOM files (none in synth output besides the marker)
      pass
  return time.perf_counter() - t0


def _convert(data: str, out: str, workers: int, frames: int, size: int) -> float:
  from cmr_clip_jax import cli
  shutil.rmtree(out, ignore_errors=True)
  t0 = time.perf_counter()
  code = cli.main(["convert", "--dicom", data, "--reports", os.path.join(data, "reports.csv"), "--labels",
                   os.path.join(data, "labels.csv"), "--out", out, "--workers", str(workers), "--frames",
                   str(frames), "--size", str(size), "--spacing", "2.0", "--key-file", out + ".key"])
  if code != 0:
    raise SystemExit(f"convert failed with {code}")
  return time.perf_counter() - t0


def main() -> int:
  ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  ap.add_argument("--studies", type=int, default=40, help="synthetic studies (default sizes) to generate")
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
      from data_prep import synth
      data = os.path.join(tmp, "dicom")
      synth.generate(data, args.studies, seed=0, workers=min(2, os.cpu_count() or 1))
    from data_prep import dicom_io
    rels = dicom_io.walk(data, exclude=[os.path.join(data, "reports.csv"), os.path.join(data, "labels.csv")])
    with open(os.path.join(data, "reports.csv"), newline="") as f:
      import csv
      n_studies = sum(1 for _ in csv.DictReader(f))
    _decode_limit(data, rels)  # warm the page cache so every timing reads from memory
    limit = min(_decode_limit(data, rels) for _ in range(args.repeats))
    result = {"studies": n_studies, "files": len(rels), "decode_limit_studies_per_s": round(n_studies / limit, 2)}
    for w in (int(x) for x in args.workers.split(",")):
      sec = min(_convert(data, os.path.join(tmp, f"out{w}"), w, args.frames, args.size) for _ in range(args.repeats))
      result[f"convert_{w}w_studies_per_s"] = round(n_studies / sec, 2)
    if "convert_1w_studies_per_s" in result:
      result["ratio_1w_to_decode_limit"] = round(result["convert_1w_studies_per_s"] /
                                                 result["decode_limit_studies_per_s"], 3)
      result["target_ratio_1w"] = 0.7
      if "convert_2w_studies_per_s" in result:
        result["speedup_2w_over_1w"] = round(result["convert_2w_studies_per_s"] / result["convert_1w_studies_per_s"], 3)
        result["target_speedup_2w"] = 1.7
    result["cpu_count"] = os.cpu_count()
    print(json.dumps(result))
  finally:
    shutil.rmtree(tmp, ignore_errors=True)
  return 0


if __name__ == "__main__":
  sys.exit(main())
