"""Cluster start-up: JAX's own SLURM detection forming a real 2-process cluster on 127.0.0.1,
the TPU-VM decision logic (the metadata server cannot be faked), and the start-up line."""

import argparse
import os
import random
import socket
import subprocess
import sys

import pytest

from cmr_clip_jax import distributed
from data_prep.errors import UserError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What a worker runs: the trainer's start-up path (flags parsed as `cmr-clip train` parses them),
# then one cross-process sum, which only a formed cluster can compute.
WORKER = """
import argparse, sys
import jax, numpy as np
from jax.experimental import multihost_utils
from cmr_clip_jax import distributed, sharding
parser = argparse.ArgumentParser(); distributed.add_arguments(parser)
how = distributed.initialize(parser.parse_args(sys.argv[1:]))
mesh = sharding.make_mesh((-1, 1, 1))
distributed.print_startup(how, mesh)
total = multihost_utils.process_allgather(np.int32(jax.process_index() + 1)).sum()
print(f"sum={total}")
"""


def _args(*argv):
  parser = argparse.ArgumentParser()
  distributed.add_arguments(parser)
  return parser.parse_args(list(argv))


def _slurm_port() -> int:
  """A free port in the range JAX derives SLURM's coordinator port from (job id % 4096 + 61440)."""
  for port in random.sample(range(61440, 65536), 200):
    with socket.socket() as s:
      try:
        s.bind(("127.0.0.1", port))
        return port
      except OSError:
        continue
  pytest.skip("no free port in 61440-65535")


def _clean_env(**extra):
  env = {k: v for k, v in os.environ.items()
         if not k.startswith(("SLURM_", "JAX_COORDINATOR", "JAX_NUM_PROCESSES", "JAX_PROCESS_ID",
                              "OMPI_", "TPU_"))}
  env.update(JAX_PLATFORMS="cpu", XLA_FLAGS="--xla_force_host_platform_device_count=2",
             PYTHONPATH=ROOT, **extra)
  return env


def test_slurm_environment_forms_the_cluster():
  """Two srun tasks as SLURM describes them: no flags, JAX reads SLURM_* and forms 2 x 2 devices."""
  port = _slurm_port()
  procs = []
  for task in range(2):
    env = _clean_env(SLURM_JOB_ID=str(port - 61440 + 4096 * 7), SLURM_STEP_NODELIST="127.0.0.1",
                     SLURM_JOB_NODELIST="127.0.0.1", SLURM_NTASKS="2", SLURM_PROCID=str(task),
                     SLURM_LOCALID=str(task), SLURM_STEP_NUM_NODES="1")
    procs.append(subprocess.Popen([sys.executable, "-c", WORKER], env=env, cwd=ROOT, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE))
  outs = [p.communicate(timeout=120) for p in procs]
  for task, (p, (out, err)) in enumerate(zip(procs, outs)):
    assert p.returncode == 0, err
    assert "sum=3" in out  # 1 + 2: both processes took part
    line = [l for l in err.splitlines() if l.startswith("cmr-clip: process")]
    assert line == [f"cmr-clip: process {task}/2 (detected), 2 local / 4 global cpu devices [cpu], "
                    "mesh data=4 fsdp=1 tensor=1"], err


def test_no_cluster_environment_runs_alone():
  """Auto-detection outside any cluster: JAX finds none, the run is one process (its line says so)."""
  r = subprocess.run([sys.executable, "-c", WORKER], env=_clean_env(), cwd=ROOT, text=True,
                     capture_output=True, timeout=120)
  assert r.returncode == 0, r.stderr
  assert "cmr-clip: process 0/1 (single), 2 local / 2 global cpu devices" in r.stderr
  assert "sum=1" in r.stdout


def test_mesh_that_does_not_fit_the_job_is_one_line():
  code = WORKER.replace("(-1, 1, 1)", "(4, 1, 1)")
  wrapped = ("from data_prep.errors import UserError\ntry:\n" +
             "\n".join("  " + l for l in code.strip().splitlines()) +
             "\nexcept UserError as e:\n  print(e); raise SystemExit(2)")
  r = subprocess.run([sys.executable, "-c", wrapped], env=_clean_env(), cwd=ROOT, text=True,
                     capture_output=True, timeout=120)
  assert r.returncode == 2
  assert r.stdout.strip() == ("mesh_shape (4, 1, 1) needs 4 devices, the job has 2 devices "
                              "(1 processes x 2 local cpu devices)")


def test_plan_explicit_flags():
  assert distributed.plan(_args("--coordinator", "h:1", "--num-processes", "2", "--process-id", "1"),
                          chips=0, libtpu=False) == "explicit"
  # Explicit flags win on a TPU VM too (the user names the cluster).
  assert distributed.plan(_args("--coordinator", "h:1", "--num-processes", "2", "--process-id", "0"),
                          chips=4, libtpu=False) == "explicit"
  with pytest.raises(UserError, match="go together"):
    distributed.plan(_args("--coordinator", "127.0.0.1:1234"), chips=0, libtpu=False)
  with pytest.raises(UserError, match="not in"):
    distributed.plan(_args("--coordinator", "h:1", "--num-processes", "2", "--process-id", "2"),
                     chips=0, libtpu=False)


def test_plan_tpu_vm():
  """On a TPU VM, JAX detects the pod (metadata server) only with libtpu installed."""
  assert distributed.plan(_args(), chips=4, libtpu=True) == "auto"
  with pytest.raises(UserError, match=r"4 TPU chips but libtpu is not installed.*\.\[tpu\]"):
    distributed.plan(_args(), chips=4, libtpu=False)
  with pytest.raises(UserError, match="libtpu"):  # --cluster none does not make the CPU run right
    distributed.plan(_args("--cluster", "none"), chips=4, libtpu=False)
  assert distributed.plan(_args(), chips=0, libtpu=False) == "auto"
  assert distributed.plan(_args("--cluster", "none"), chips=0, libtpu=False) == "single"


def test_tpu_chips_reads_the_pci_bus(tmp_path):
  """Counts Google (0x1ae0) devices the way a TPU VM's /sys/bus/pci/devices shows them."""
  for name, vendor in (("0000:00:04.0", "0x1ae0"), ("0000:00:05.0", "0x1ae0"),
                       ("0000:00:01.0", "0x8086"), ("0000:00:03.0", "0x10de")):
    (tmp_path / name).mkdir()
    (tmp_path / name / "vendor").write_text(vendor + "\n")
  assert distributed.tpu_chips(str(tmp_path)) == 2
  assert distributed.tpu_chips(str(tmp_path / "none")) == 0


def test_environment_flags_and_cluster_none():
  env_args = _args("--cluster", "none")
  assert distributed.initialize(env_args) == "single"  # touches no device, starts nothing


@pytest.mark.slow
def test_eval_and_export_refuse_a_multi_process_start(tmp_path):
  """Started in every task of a 2-process job, both refuse in one line (nobody writes)."""
  import portpicker
  procs = []
  for command in ("eval", "export"):
    port = portpicker.pick_unused_port()
    for pid in range(2):
      argv = [sys.executable, "-m", "cmr_clip_jax", command, "--workdir", str(tmp_path / "run"),
              "--coordinator", f"127.0.0.1:{port}", "--num-processes", "2", "--process-id", str(pid)]
      if command == "export":
        argv += ["--out", str(tmp_path / "bundle")]
      procs.append((command, subprocess.Popen(argv, env=_clean_env(), cwd=ROOT, text=True,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
  for command, p in procs:
    _, err = p.communicate(timeout=120)
    assert p.returncode == 2, err
    assert err.strip().splitlines() == [
        f"cmr-clip {command}: error: `cmr-clip {command}` runs as one process, but this job started 2: "
        f"start it once (e.g. `srun --ntasks=1 cmr-clip {command} ...`), not in every task"]
  assert not os.listdir(tmp_path)
