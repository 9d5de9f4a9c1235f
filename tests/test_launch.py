"""launch/*: each script run by bash with fake `gcloud` / `srun` / `sbatch` / `scontrol` and a
fake venv `cmr-clip` on PATH that record their argv and environment: the commands a cluster
would receive, their quoting, the venv they use, and the SLURM time-limit path (USR1 ->
checkpoint -> requeue) with real signals."""

import json
import os
import shlex
import signal
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCH = os.path.join(ROOT, "launch")
SPACED = "--config.data_dir=/shared/my data"  # an argument with a space must stay one argument

# Every fake first appends {"cmd", "argv", "env"} to $FAKE_LOG, then does its own part.
RECORD = f"""#!/bin/bash
{shlex.quote(sys.executable)} - "$0" "$@" <<'PY'
import json, os, sys
env = {{k: os.environ.get(k) for k in ("PATH", "CMR_CLIP_LAUNCHER", "XLA_FLAGS", "HOME")}}
with open(os.environ["FAKE_LOG"], "a") as f:
  f.write(json.dumps({{"cmd": os.path.basename(sys.argv[1]), "argv": sys.argv[2:], "env": env}}) + "\\n")
PY
"""
FAKES = {
    # A job id per submission (1001, 1002, ...).
    "sbatch": 'echo $((1000 + $(grep -c \'"cmd": "sbatch"\' "$FAKE_LOG")))\n',
    "scontrol": "",
    # Stands for srun and its tasks: runs until told otherwise; SIGTERM ends it like training does.
    "srun": ('trap \'echo TERM >> "$FAKE_LOG.srun"; kill $sleeper 2>/dev/null; exit 143\' TERM\n'
             'echo started >> "$FAKE_LOG.srun"\n'
             'sleep "${FAKE_SRUN_SECONDS:-60}" & sleeper=$!\nwait $sleeper\nexit "${FAKE_SRUN_RC:-0}"\n'),
    # A TPU worker: runs the --command line with bash, as ssh would (FAKE_DRY: records only).
    "gcloud": '[[ -n "${FAKE_DRY:-}" ]] && exit 0\nfor a in "$@"; do [[ $prev == --command ]] && cmd=$a; prev=$a; done\nbash -c "$cmd"\n',
    # The venv's console script: `sweep --launch-only` prints a plan; train waits for a release file.
    "cmr-clip": ('if [[ " $* " == *" --launch-only "* ]]; then echo "$FAKE_PLAN"; exit 0; fi\n'
                 'while [[ -n "${FAKE_RELEASE:-}" && ! -e "$FAKE_RELEASE" ]]; do sleep 0.05; done\n'
                 'exit "${FAKE_RC:-0}"\n'),
}


def _install(folder, name):
  os.makedirs(folder, exist_ok=True)
  path = os.path.join(folder, name)
  with open(path, "w") as f:
    f.write(RECORD + FAKES[name])
  os.chmod(path, 0o755)


@pytest.fixture
def fake(tmp_path):
  """PATH with the fake cluster tools; a fake repo whose .venv holds the fake cmr-clip."""
  bin_dir, repo = tmp_path / "bin", tmp_path / "home" / "cmr-clip-jax"
  for name in ("sbatch", "scontrol", "srun", "gcloud"):
    _install(bin_dir, name)
  _install(repo / ".venv" / "bin", "cmr-clip")
  os.symlink(sys.executable, repo / ".venv" / "bin" / "python")
  log = tmp_path / "calls.jsonl"
  log.touch()
  env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path / "home"), "FAKE_LOG": str(log),
         "VENV": str(repo / ".venv")}

  def calls(cmd=None):
    rows = [json.loads(l) for l in log.read_text().splitlines()]
    return [r for r in rows if cmd is None or r["cmd"] == cmd]
  return {"env": env, "repo": repo, "calls": calls, "log": log, "tmp": tmp_path}


def _run(script, args, env, timeout=60):
  return subprocess.run(["bash", os.path.join(LAUNCH, script), *args], env=env, capture_output=True,
                        text=True, timeout=timeout, cwd=ROOT)


def _wait(cond, timeout=30):
  t0 = time.monotonic()
  while not cond():
    assert time.monotonic() - t0 < timeout, "timed out"
    time.sleep(0.05)


def test_every_script_stops_on_errors_in_pipes():
  for name in os.listdir(LAUNCH):
    if name.endswith((".sh", ".sbatch")):
      body = open(os.path.join(LAUNCH, name)).read()
      assert "\nset -euo pipefail\n" in body, name


def test_local_uses_the_venv_one_process_and_simulated_devices(fake):
  r = _run("local.sh", ["configs/demo.py", "out/my run", SPACED], {**fake["env"], "DEVICES": "4"})
  assert r.returncode == 0, r.stderr
  [call] = fake["calls"]("cmr-clip")
  assert call["argv"] == ["train", "--config", "configs/demo.py", "--workdir", "out/my run", "--cluster",
                          "none", SPACED]
  assert "--xla_force_host_platform_device_count=4" in call["env"]["XLA_FLAGS"]


def test_local_default_venv_is_the_repos(fake):
  """Without VENV the script runs the .venv of the checkout it lives in (a copy of it in the fake repo)."""
  env = {k: v for k, v in fake["env"].items() if k != "VENV"}
  os.makedirs(fake["repo"] / "launch")
  script = fake["repo"] / "launch" / "local.sh"
  script.write_text(open(os.path.join(LAUNCH, "local.sh")).read())
  r = subprocess.run(["bash", str(script), "configs/demo.py", "out/run"], env=env, capture_output=True,
                     text=True, timeout=60, cwd=ROOT)
  assert r.returncode == 0, r.stderr
  assert [c["argv"][:1] for c in fake["calls"]("cmr-clip")] == [["train"]]


def test_sweep_uses_the_venv(fake):
  r = _run("sweep.sh", ["configs/demo.py", "out/sweep", "16,32", SPACED], fake["env"])
  assert r.returncode == 0, r.stderr
  assert fake["calls"]("cmr-clip")[0]["argv"] == [
      "sweep", "--config", "configs/demo.py", "--workdir", "out/sweep", "--batch-sizes", "16,32", SPACED]


# ------------------------------------------------------------------------- TPU pod
def test_tpu_pod_install_puts_the_tpu_extra_on_every_worker(fake):
  env = {**fake["env"], "TPU": "pod-1", "ZONE": "us-east5-a", "REPO": "/nonexistent"}
  r = _run("tpu_pod.sh", ["install"], env)
  assert r.returncode != 0  # the fake worker has no /nonexistent; the command is what matters
  [call] = fake["calls"]("gcloud")
  assert call["argv"] == ["compute", "tpus", "tpu-vm", "ssh", "pod-1", "--zone", "us-east5-a", "--worker=all",
                          "--command", "cd /nonexistent && make install EXTRAS=tpu"]


def test_tpu_pod_train_is_detached_logged_per_worker_and_keeps_the_exit_code(fake):
  workdir = str(fake["tmp"] / "shared runs" / "b16")
  release = fake["tmp"] / "release"
  env = {**fake["env"], "TPU": "pod-1", "ZONE": "z", "FAKE_RELEASE": str(release), "FAKE_RC": "3"}
  env.pop("VENV")  # the script uses REPO/.venv on the worker (here: ~/cmr-clip-jax)
  r = _run("tpu_pod.sh", ["train", "configs/cmr_clip_b16.py", workdir, SPACED], env)
  assert r.returncode == 0, r.stderr
  # The ssh command returned while training still runs: it survives the session.
  _wait(lambda: fake["calls"]("cmr-clip"))
  assert not release.exists()
  [call] = fake["calls"]("cmr-clip")
  assert call["argv"] == ["train", "--config", "configs/cmr_clip_b16.py", "--workdir", workdir, SPACED]
  gcloud = fake["calls"]("gcloud")[0]["argv"]
  assert gcloud[:8] == ["compute", "tpus", "tpu-vm", "ssh", "pod-1", "--zone", "z", "--worker=all"]
  assert "nohup" in gcloud[-1]
  log = os.path.join(workdir, "logs", f"train-{os.uname().nodename}.log")
  assert r.stdout.strip().endswith(f"started, log {log}")
  release.touch()
  _wait(lambda: os.path.exists(log) and "exited" in open(log).read())
  assert open(log).read().strip().splitlines()[-1] == "cmr-clip train exited with 3"


# ------------------------------------------------------------------------- SLURM
def _sbatch_options(path):
  opts = {}
  for line in open(path):
    if line.startswith("#SBATCH "):
      key, _, value = line.split()[1].partition("=")
      opts[key] = value
  return opts


def test_sbatch_header_one_task_per_gpu_and_a_time_limit_signal():
  opts = _sbatch_options(os.path.join(LAUNCH, "slurm_gpu.sbatch"))
  assert opts["--ntasks-per-node"] == opts["--gpus-per-node"]
  assert opts["--signal"].startswith("B:USR1@")  # to the batch shell, which does the requeue
  assert "--requeue" in opts


def _start_sbatch(fake, **env):
  workdir = str(fake["tmp"] / "shared runs" / "b16")
  env = {**fake["env"], "SLURM_JOB_ID": "4242", "SLURM_SUBMIT_DIR": str(fake["repo"]), **env}
  env.pop("VENV")  # default: the submit dir's .venv
  proc = subprocess.Popen(["bash", os.path.join(LAUNCH, "slurm_gpu.sbatch"), "configs/cmr_clip_b16.py",
                           workdir, SPACED], env=env, cwd=ROOT, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
  return proc, workdir


def test_sbatch_time_limit_checkpoints_then_requeues(fake):
  proc, workdir = _start_sbatch(fake)
  events = fake["tmp"] / "calls.jsonl.srun"
  _wait(lambda: events.exists() and events.read_text() == "started\n")
  [srun] = fake["calls"]("srun")
  assert srun["argv"] == ["--kill-on-bad-exit=1", str(fake["repo"] / ".venv" / "bin" / "cmr-clip"), "train",
                          "--config", "configs/cmr_clip_b16.py", "--workdir", workdir, SPACED]
  proc.send_signal(signal.SIGUSR1)  # what --signal=B:USR1@120 sends
  _, err = proc.communicate(timeout=30)
  assert proc.returncode == 0, err
  assert events.read_text() == "started\nTERM\n"  # training was told to save
  assert [c["argv"] for c in fake["calls"]("scontrol")] == [["requeue", "4242"]]
  assert "near its time limit" in err


def test_sbatch_passes_trainings_exit_code_and_does_not_requeue(fake):
  proc, _ = _start_sbatch(fake, FAKE_SRUN_SECONDS="0", FAKE_SRUN_RC="3")
  proc.communicate(timeout=30)
  assert proc.returncode == 3
  assert not fake["calls"]("scontrol")


def test_sweep_slurm_one_task_per_gpu_venv_and_quoting(fake):
  workdir = str(fake["tmp"] / "my sweeps")
  scripts = [os.path.join(workdir, "launch", f"bs_{b}.sh") for b in (16, 64)]
  os.makedirs(os.path.dirname(scripts[0]))
  for s in scripts:  # what `sweep --launch-only` writes (cmr_clip_jax/sweep.py)
    with open(s, "w") as f:
      f.write("set -euo pipefail\n${CMR_CLIP_LAUNCHER:-} cmr-clip train --workdir x\n")
  env = {**fake["env"], "GPUS_PER_NODE": "4", "NODES": "2", "SBATCH_ARGS": "--partition=gpu --time=1:00:00",
         "FAKE_PLAN": json.dumps({"run_scripts": scripts})}
  r = _run("sweep_slurm.sh", ["configs/cmr_clip_b16.py", workdir, "16,64", SPACED], env)
  assert r.returncode == 0, r.stderr
  assert fake["calls"]("cmr-clip")[0]["argv"] == [
      "sweep", "--config", "configs/cmr_clip_b16.py", "--workdir", workdir, "--batch-sizes", "16,64",
      "--launch-only", SPACED]
  train_jobs, aggregate = fake["calls"]("sbatch")[:2], fake["calls"]("sbatch")[2]
  for job, name in zip(train_jobs, ("bs_16", "bs_64")):
    argv = job["argv"]
    assert argv[:6] == ["--parsable", "--nodes=2", "--ntasks-per-node=4", "--gpus-per-node=4",
                        "--partition=gpu", "--time=1:00:00"]
    assert f"--job-name=sweep-{name}" in argv
    wrap = next(a for a in argv if a.startswith("--wrap="))[len("--wrap="):]
    # The job's shell: the run script's training goes through srun, with the venv's cmr-clip.
    n = len(fake["calls"]("srun"))
    subprocess.run(["bash", "-c", wrap], env={**env, "FAKE_SRUN_SECONDS": "0"}, check=True, timeout=30)
    srun = fake["calls"]("srun")[n]
    assert srun["argv"] == ["cmr-clip", "train", "--workdir", "x"]
    assert srun["env"]["PATH"].split(":")[0] == str(fake["repo"] / ".venv" / "bin")
  assert "--dependency=afterok:1001:1002" in aggregate["argv"]
  assert "--ntasks=1" in aggregate["argv"]
  wrap = next(a for a in aggregate["argv"] if a.startswith("--wrap="))[len("--wrap="):]
  assert shlex.split(wrap) == [str(fake["repo"] / ".venv" / "bin" / "cmr-clip"), "sweep", "--config",
                               "configs/cmr_clip_b16.py", "--workdir", workdir, "--batch-sizes", "16,64",
                               "--aggregate-only", SPACED]


def test_sweep_slurm_without_the_venv_is_one_line(fake):
  r = _run("sweep_slurm.sh", ["c.py", "w", "16"], {**fake["env"], "VENV": str(fake["tmp"] / "none")})
  assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "make install" in r.stderr
  assert not fake["calls"]("sbatch")


def test_tpu_pod_logs_follows_one_worker(fake):
  env = {**fake["env"], "TPU": "pod-1", "ZONE": "z", "FAKE_DRY": "1"}  # record only: tail -F never ends
  assert _run("tpu_pod.sh", ["logs", "/shared/my runs"], env).returncode == 0
  [call] = fake["calls"]("gcloud")
  assert "--worker=0" in call["argv"]
  assert call["argv"][-1] == "tail -n 50 -F /shared/my\\ runs/logs/train-$(hostname).log"
