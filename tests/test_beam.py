"""`convert --runner beam` writes the local converter's dataset, byte for byte.

Runs in the Beam environment (`make test` builds .venv-beam and runs this file there; in the
core environment, where Beam cannot be installed next to its pins, only the test of the one-line
refusal runs). The archive is a small synth archive with real rejects mixed in: the pydicom
wheel's non-MR files, a text file, a copied instance, a study whose report row is missing and a
report row of no study.
"""

import argparse
import csv
import glob
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time

import pydicom
import pydicom.data
import pytest

from data_prep import convert
from data_prep.synth import generate as synth

pytestmark = pytest.mark.xdist_group("test_beam")

N, SEED = 8, 5
OPTS = ["--frames", "4", "--size", "24", "--spacing", "5", "--max-tokens", "24", "--split", "0.5,0.25,0.25",
        "--shards", "2"]
BEAM_2 = "--beam-options=--runner=DirectRunner --direct_num_workers=2 --direct_running_mode=multi_processing"
ENV = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}


def _has_beam() -> bool:
  return importlib.util.find_spec("apache_beam") is not None


needs_beam = pytest.mark.skipif(not _has_beam(), reason="Apache Beam is not in this environment (make test runs "
                                                        "this file again in .venv-beam)")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
  root = str(tmp_path_factory.mktemp("beam"))
  dicom = os.path.join(root, "dicom")
  synth.generate(dicom, N, SEED, workers=1, matrix=64, frames=8, slices=4)
  for i, name in enumerate(("CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "image_dfl.dcm")):
    shutil.copy(pydicom.data.get_testdata_file(name), os.path.join(dicom, f"corpus_{i}.dcm"))
  with open(os.path.join(dicom, "notes.txt"), "w") as f:
    f.write("scanner log, not DICOM\n")
  first = sorted(glob.glob(os.path.join(dicom, "*", "**", "*"), recursive=True))
  first = next(p for p in first if os.path.isfile(p) and not p.endswith(".csv"))
  shutil.copy(first, os.path.join(dicom, "copy_of_an_instance.dcm"))
  with open(os.path.join(dicom, "reports.csv"), newline="") as f:
    rows = list(csv.reader(f))
  reports = os.path.join(root, "reports.csv")
  with open(reports, "w", newline="") as f:  # the last study loses its row; a row of no study is added
    csv.writer(f).writerows(rows[:-1] + [["1.2.3.4.5.6.7", "FINDINGS: Normal study.\nIMPRESSION: Normal."]])
  phi = set()
  for path in glob.glob(os.path.join(dicom, "**", "*"), recursive=True):
    try:
      ds = pydicom.dcmread(path, stop_before_pixels=True)
    except Exception:
      continue
    phi |= {str(ds.get(k, "")) for k in ("PatientName", "PatientID", "AccessionNumber") if str(ds.get(k, ""))}
  key = os.path.join(root, "k.key")
  with open(key, "w") as f:
    f.write("beam-test-key-0123456789abcdef\n")
  return {"root": root, "dicom": dicom, "reports": reports, "labels": os.path.join(dicom, "labels.csv"),
          "key": key, "phi": sorted(phi)}


def _argv(a, out, *extra):
  return ["convert", "--dicom", a["dicom"], "--reports", a["reports"], "--labels", a["labels"], "--out", out,
          "--key-file", a["key"], *OPTS, *extra]


def _run(argv, **kw):
  return subprocess.run([sys.executable, "-m", "cmr_clip_jax", *argv], capture_output=True, text=True, env=ENV,
                        **kw)


def _files(out):
  return {n: open(os.path.join(out, n), "rb").read() for n in sorted(os.listdir(out))}


@pytest.fixture(scope="module")
def local(archive):
  out = os.path.join(archive["root"], "local")
  done = _run(_argv(archive, out, "--workers", "2"))
  assert done.returncode == 0, done.stderr[-3000:]
  return _files(out)


@needs_beam
@pytest.mark.slow
def test_beam_output_equals_local_byte_for_byte(archive, local):
  out = os.path.join(archive["root"], "beam")
  done = _run(_argv(archive, out, "--runner", "beam", *BEAM_2.split("=", 1)))  # the `--beam-options "..."` form
  assert done.returncode == 0, done.stderr[-3000:]
  beam = _files(out)
  assert sorted(beam) == sorted(local)
  assert [n for n in beam if beam[n] != local[n]] == []
  # The comparison means something: rejects of every kind, several splits and shards.
  rejects = local["rejects.jsonl"].decode()
  for reason in ("modality CT", "not a DICOM", "duplicate instance", "report for an unknown study",
                 "report missing or empty"):
    assert reason in rejects, reason
  assert sum(n.endswith("-of-00002") for n in local) >= 4
  # No PHI and no source path in what the workers logged.
  logs = done.stderr + done.stdout
  assert archive["dicom"] not in logs
  assert [p for p in archive["phi"] if p in logs] == []


@needs_beam
@pytest.mark.slow
def test_rerun_after_killing_the_pipeline_gives_the_same_output(archive, local):
  out = os.path.join(archive["root"], "killed")
  cmd = [sys.executable, "-m", "cmr_clip_jax", *_argv(archive, out, "--runner", "beam", BEAM_2)]
  proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
  deadline = time.time() + 120
  while len(glob.glob(os.path.join(out, ".work", "studies", "*.msgpack"))) < 2 and proc.poll() is None:
    assert time.time() < deadline
    time.sleep(0.02)
  os.killpg(proc.pid, signal.SIGKILL)  # the driver and its DirectRunner workers, mid-way
  proc.wait()
  assert not os.path.exists(os.path.join(out, "manifest.json"))
  done = _run(_argv(archive, out, "--runner", "beam", BEAM_2))
  assert done.returncode == 0, done.stderr[-3000:]
  assert _files(out) == local


@needs_beam
@pytest.mark.slow
def test_remote_paths_go_through_beam_filesystems(archive, local):
  """Every path a URL of a scheme only Beam's FileSystems knows: the same shards, rejects and
  tokenizer (no TFDS metadata for a remote --out; the manifest's source id is of the URL)."""
  import json
  import fake_filesystem as fake
  from cmr_clip_jax import cli
  out = os.path.join(archive["root"], "remote")
  argv = ["convert", "--dicom", fake.url(archive["dicom"]), "--reports", fake.url(archive["reports"]),
          "--labels", fake.url(archive["labels"]), "--out", fake.url(out), "--key-file", fake.url(archive["key"]),
          *OPTS, "--runner", "beam", "--beam-options=--runner=DirectRunner --direct_running_mode=in_memory"]
  assert cli.main(argv) == 0
  remote = _files(out)
  assert sorted(remote) == sorted(n for n in local if n not in ("dataset_info.json", "features.json"))
  assert [n for n in remote if n != "manifest.json" and remote[n] != local[n]] == []
  manifests = [{k: v for k, v in json.loads(m).items() if k not in ("source", "tfds")}
               for m in (remote["manifest.json"], local["manifest.json"])]
  assert manifests[0] == manifests[1]


@needs_beam
def test_no_phi_source_path_or_key_in_options_or_job_graph(archive, tmp_path):
  import apache_beam as beam
  from data_prep import beam_convert
  parser = argparse.ArgumentParser()
  convert.add_arguments(parser)
  args = parser.parse_args(_argv(archive, str(tmp_path / "out"), "--runner", "beam", BEAM_2)[1:])
  opts, (_, _, rows), _, _, stamp, work = convert.prepare(args)
  beam_convert.write_job(args, opts, rows, stamp, work)
  options = beam_convert.pipeline_options(args.beam_options)
  p = beam.Pipeline(options=options)
  beam_convert.build(p, work)
  proto = p.to_runner_api()
  graph = proto.SerializeToString() + repr(options.get_all_options()).encode()
  labels = " ".join(t.unique_name for t in proto.components.transforms.values())
  key = open(archive["key"], "rb").read().strip()
  for secret in [archive["dicom"], archive["reports"], archive["labels"], archive["key"]] + archive["phi"]:
    assert secret.encode() not in graph and secret not in labels, secret
  assert key not in graph
  assert "build studies" in labels  # the walk above did see the graph


@pytest.mark.skipif(_has_beam(), reason="this environment has Beam")
def test_runner_beam_without_beam_is_one_line_and_exit_2(tmp_path):
  done = _run(["convert", "--dicom", str(tmp_path), "--out", str(tmp_path / "out"), "--runner", "beam",
               *BEAM_2.split("=", 1)])
  assert done.returncode == 2
  assert done.stderr.count("\n") == 1 and "pip install -e '.[beam]'" in done.stderr, done.stderr
