"""`cmr-clip train` end to end on a tiny model: exact resume after SIGKILL / SIGTERM, restore
on another mesh layout, 2 processes x 4 devices == 1 process x 8, non-finite loss handling."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import portpicker
import pytest

from cmr_clip_jax import checkpointing, config_lib, train
from data_prep.errors import UserError
from fake_data import write_dataset

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = 60
TINY = {
    "total_steps": STEPS, "batch_size": 8, "microbatch_size": 8, "warmup_steps": 5,
    "input.frames": 4, "input.size": 16, "model.image.patch": 8, "model.embed_dim": 32,
    "model.image.width": 32, "model.image.depth": 1, "model.image.heads": 2, "model.image.mlp_dim": 64,
    "model.text.width": 32, "model.text.depth": 1, "model.text.heads": 2, "model.text.mlp_dim": 64,
    "model.text.max_len": 16, "log_every_steps": 1, "checkpoint_every_steps": 10,
    "eval_every_steps": 1000, "input.num_threads": 1,
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
  return write_dataset(str(tmp_path_factory.mktemp("data")), {"train": 48, "val": 8},
                       frames_shape=(8, 4, 16, 16), max_tokens=16)


def overrides(data_dir, **kw):
  return [f"--config.{k}={v}" for k, v in {**TINY, "data_dir": data_dir, **kw}.items()]


@pytest.fixture(scope="module")
def jax_cache(tmp_path_factory):
  """A persistent compilation cache shared by this module's runs: compile once, not per run."""
  return str(tmp_path_factory.mktemp("jax_cache"))


def start(workdir, data_dir, cache, devices=8, extra=(), **kw):
  env = {**os.environ, "XLA_FLAGS": f"--xla_force_host_platform_device_count={devices}",
         "JAX_PLATFORMS": "cpu", "JAX_COMPILATION_CACHE_DIR": cache,
         "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
         "JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES": "0"}
  cmd = [sys.executable, "-m", "cmr_clip_jax", "train", "--config", "configs/demo.py",
         "--workdir", str(workdir), *overrides(data_dir, **kw), *extra]
  return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)


def finish(proc, ok=(0,)):
  out, err = proc.communicate(timeout=300)
  assert proc.returncode in ok, err[-3000:]
  return out


def losses(workdir):
  with open(os.path.join(workdir, "metrics.jsonl")) as f:
    rows = [json.loads(line) for line in f]
  return [r["step"] for r in rows], [r["loss"] for r in rows]


def wait_for(cond, proc, timeout=300):  # a bound for a loaded machine, not a speed test
  t0 = time.time()
  while not cond():
    assert proc.poll() is None, "run ended before it could be interrupted: " + proc.stderr.read()[-2000:]
    assert time.time() - t0 < timeout
    time.sleep(0.02)


def saved_steps(workdir):
  d = os.path.join(workdir, "checkpoints")
  return sorted(int(n) for n in os.listdir(d) if n.isdigit()) if os.path.isdir(d) else []


def logged_step(workdir):
  path = os.path.join(workdir, "metrics.jsonl")
  if not os.path.exists(path):
    return 0
  with open(path) as f:
    lines = f.read().splitlines()
  return json.loads(lines[-1])["step"] if lines else 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory, data_dir, jax_cache):
  """One uninterrupted run: 1 process, 8 devices."""
  workdir = tmp_path_factory.mktemp("reference")
  finish(start(workdir, data_dir, jax_cache))
  return workdir


@pytest.mark.slow
def test_killed_and_preempted_run_resumes_bitwise(tmp_path, data_dir, reference, jax_cache):
  workdir = tmp_path / "run"
  proc = start(workdir, data_dir, jax_cache)
  wait_for(lambda: saved_steps(workdir) and logged_step(workdir) > saved_steps(workdir)[-1] + 2, proc)
  proc.kill()  # SIGKILL: no handler runs, an async save may be half-written
  proc.wait()
  killed_at = logged_step(workdir)
  assert killed_at < STEPS

  proc = start(workdir, data_dir, jax_cache)  # resumes by itself from the newest finished checkpoint
  wait_for(lambda: logged_step(workdir) > killed_at + 3, proc)
  proc.send_signal(signal.SIGTERM)  # preemption: saves the current step, then exits
  finish(proc, ok=(143,))
  preempted_at = logged_step(workdir)
  assert preempted_at in saved_steps(workdir)

  finish(start(workdir, data_dir, jax_cache))
  steps, got = losses(workdir)
  ref_steps, want = losses(reference)
  assert steps == ref_steps == list(range(1, STEPS + 1))  # no stale or missing lines
  assert got == want  # bitwise: same batches, same state, same program


@pytest.mark.slow
def test_two_processes_match_one_and_agree_on_preemption(tmp_path, data_dir, reference, jax_cache):
  port = portpicker.pick_unused_port()
  workdir = tmp_path / "multi"
  procs = [start(workdir, data_dir, jax_cache, devices=4, extra=[
      "--coordinator", f"127.0.0.1:{port}", "--num-processes", "2", "--process-id", str(i)])
      for i in range(2)]
  wait_for(lambda: logged_step(workdir) >= 3, procs[0])
  procs[1].send_signal(signal.SIGTERM)  # only one host is told; both must stop at the same step
  for p in procs:
    finish(p, ok=(143,))
  steps, got = losses(workdir)
  ref_steps, want = losses(reference)
  assert steps == ref_steps[:len(steps)] and saved_steps(workdir)[-1] == steps[-1]
  np.testing.assert_allclose(got, want[:len(got)], rtol=2e-5)


def tiny_config(data_dir, **kw):
  return config_lib.load_config(os.path.join(ROOT, "configs/demo.py"), overrides(data_dir, **kw))


@pytest.mark.slow
def test_restore_onto_another_mesh_layout_continues_the_same(tmp_path, data_dir):
  kw = dict(total_steps=12, checkpoint_every_steps=6, mesh_shape="(8,1,1)")
  first = tmp_path / "first"
  assert train.main(tiny_config(data_dir, **kw), str(first)) == 0
  second = tmp_path / "second"
  shutil.copytree(first, second)
  shutil.rmtree(second / "checkpoints" / "12")
  kw["mesh_shape"] = "(1,4,2)"  # FSDP x tensor instead of pure data parallel
  assert train.main(tiny_config(data_dir, **kw), str(second)) == 0
  steps, got = losses(second)
  ref_steps, want = losses(first)
  assert steps == ref_steps
  assert got[:6] == want[:6]  # the lines up to the restored step are kept as they were
  np.testing.assert_allclose(got[6:], want[6:], rtol=1e-5)
  p1, _, _ = checkpointing.load_params(str(first))
  p2, _, _ = checkpointing.load_params(str(second))
  for a, b in zip(*(sorted(_leaves(p)) for p in (p1, p2))):
    np.testing.assert_allclose(a[1], b[1], atol=1e-4)  # Adam amplifies summation-order noise


def _leaves(params):
  import jax
  return [(jax.tree_util.keystr(k), v) for k, v in jax.tree_util.tree_leaves_with_path(params)]


@pytest.mark.slow
def test_non_finite_loss_stops_and_keeps_the_last_good_checkpoint(tmp_path, data_dir):
  config = tiny_config(data_dir, total_steps=8, checkpoint_every_steps=1, keep_checkpoints=2,
                       learning_rate=1e20, warmup_steps=1, grad_clip_norm=0.0)
  with pytest.raises(UserError, match="loss is nan|loss is inf") as e:
    train.main(config, str(tmp_path))
  assert "\n" not in str(e.value)
  steps, loss = losses(tmp_path)
  assert not np.isfinite(loss[-1]) and steps[-1] not in saved_steps(tmp_path)
  params, _, step = checkpointing.load_params(str(tmp_path))
  import jax
  assert all(np.isfinite(x).all() for x in jax.tree.leaves(params))
  with open(tmp_path / "config.json") as f:
    info = json.load(f)
  assert info["version"] and info["config"]["learning_rate"] == 1e20


def test_bad_override_is_one_line_and_exit_2(tmp_path, data_dir):
  env = {**os.environ, "JAX_PLATFORMS": "cpu"}
  for bad in ("--config.batch_size=big", "--config.no_such_key=1", "--config.loss.kind=l2"):
    r = subprocess.run([sys.executable, "-m", "cmr_clip_jax", "train", "--config", "configs/demo.py",
                        "--workdir", str(tmp_path), bad], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr


def test_version_1_data_folder_trains_with_the_new_slots_masked(tmp_path):
  """Records from before the slot table (one uint8 [8, T, H, W] block) train the table's model:
  the slots they lack are masked, so those slots' view embeddings never get a gradient (exactly
  unchanged between checkpoints) while the 8 present ones learn."""
  data = write_dataset(str(tmp_path / "v1"), {"train": 16, "val": 8}, frames_shape=(8, 4, 16, 16), max_tokens=16,
                       schema_version=1)
  kw = dict(total_steps=8, checkpoint_every_steps=4, keep_checkpoints=2, mesh_shape="(-1,1,1)")
  assert train.main(tiny_config(data, **kw), str(tmp_path / "w")) == 0
  _, loss = losses(tmp_path / "w")
  assert len(loss) == 8 and np.isfinite(loss).all()
  first, _, _ = checkpointing.load_params(str(tmp_path / "w"), 4)
  last, _, _ = checkpointing.load_params(str(tmp_path / "w"), 8)
  a, b = first["img"]["view_embed"], last["img"]["view_embed"]
  assert a.shape[0] == len(config_lib.views(tiny_config(data))) > 8
  np.testing.assert_array_equal(a[8:], b[8:])
  assert np.abs(a[:8] - b[:8]).max() > 0
