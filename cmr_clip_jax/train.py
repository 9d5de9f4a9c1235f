"""`cmr-clip train --config configs/NAME.py --workdir DIR [--config.KEY=VALUE ...]`.

The trainer (docs/design.md, "Data flow" 5). main() reads top to bottom: config and workdir, distributed
start-up, mesh, input, model and optimizer, shardings and state, step, restore, loop.

Restarts: the run resumes from the newest finished checkpoint in WORKDIR by itself. The data
position is the step (input_pipeline), so the resumed run sees exactly the batches it would
have seen, on any number of processes or devices, and its losses equal an uninterrupted run's.
A restart whose config or data would change the run's course is refused first (run_info).
SIGTERM / SIGINT: all processes agree on one step, save it, wait for the save, then exit.
"""

import argparse
import contextlib
import json
import os
import signal
import sys
import time

import numpy as np

from cmr_clip_jax import config_lib, distributed, input_pipeline, run_info
from data_prep import records
from data_prep.errors import UserError

# Dense peak FLOP/s per chip (bf16) by jax device_kind; others are measured (see peak_flops).
_PEAK_FLOPS = {
    "TPU v4": 275e12, "TPU v5 lite": 197e12, "TPU v5e": 197e12, "TPU v5": 459e12,
    "TPU v5p": 459e12, "TPU v6 lite": 918e12, "TPU v6e": 918e12,
    "NVIDIA A100-SXM4-40GB": 312e12, "NVIDIA A100-SXM4-80GB": 312e12,
    "NVIDIA H100 80GB HBM3": 989e12, "NVIDIA H200": 989e12,
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
  parser.add_argument("--config", required=True, help="recipe file, e.g. configs/demo.py")
  parser.add_argument("--workdir", required=True,
                      help="run folder: config.json, checkpoints/, metrics.jsonl, tensorboard/; "
                           "an existing run there resumes from its newest checkpoint")
  distributed.add_arguments(parser)
  parser.epilog = ("Any config key can be overridden: --config.batch_size=256 "
                   "--config.model.image.depth=4 --config.mesh_shape=1,-1,1")
  parser.formatter_class = argparse.RawDescriptionHelpFormatter
  parser.set_defaults(accepts_unknown=True)


def run(args) -> int:
  config = config_lib.load_config(args.config, args.unknown)
  how = distributed.initialize(args)
  return main(config, args.workdir, how)


def main(config, workdir: str, how: str = "single") -> int:
  import jax
  from cmr_clip_jax import checkpointing, metric_writers, model as model_lib, optimizer, sharding
  from cmr_clip_jax import train_step

  # Config and workdir.
  manifest = input_pipeline.load_manifest(config.data_dir)
  is_main = jax.process_index() == 0
  run_info.start(workdir, config, config.data_dir, manifest, write_file=is_main)

  # Mesh.
  mesh = sharding.make_mesh(config.mesh_shape)
  distributed.print_startup(how, mesh)

  # Input.
  train_source = input_pipeline.split_source(config.data_dir, "train")
  config_lib.check_batch_fits(config.batch_size, len(train_source))
  has_val = bool(manifest["splits"].get("val", {}).get("shards"))
  val_source = input_pipeline.split_source(config.data_dir, "val") if has_val else None

  # Model and optimizer.
  model = model_lib.build_model(config.model, manifest["vocab_size"])
  tx, _ = optimizer.make_optimizer(config)

  # Shardings and state (restored from the newest checkpoint when there is one).
  manager = checkpointing.make_manager(workdir, config.keep_checkpoints)
  state, state_shardings, start_step = init_or_restore(config, model, tx, mesh, manager)

  # Step.
  step_fn = train_step.make_train_step(config, model, tx, mesh, state_shardings)
  embed_fn = train_step.make_embed_fn(config, model, mesh) if val_source is not None else None
  flops = 3 * config.batch_size * model_flops_per_example(model, config, state["params"])
  peak = peak_flops() * jax.device_count()

  # Loop.
  batches = iter(input_pipeline.train_dataset(train_source, config, start_step,
                                              jax.process_index(), jax.process_count()))
  writer = metric_writers.MetricWriter(workdir, start_step, active=is_main)
  bar = metric_writers.progress_bar(config.total_steps, start_step, active=is_main)
  profile = _Profile(config_lib.profile_steps(config), workdir)
  stop = _StopRequest()
  window = _Window()
  step = start_step
  try:
    while step < config.total_steps:
      step += 1
      profile.before(step)
      with window.data_wait():
        batch = next(batches)
      state, metrics = step_fn(state, batch)
      profile.after(step, state)
      window.step_done()
      bar.update(1)
      row = {}
      if step % config.log_every_steps == 0 or step == config.total_steps:
        row.update(training_metrics(metrics, window, flops, peak, config.batch_size))
        if not np.isfinite(row["loss"]):
          writer.write(step, row)
          raise FloatingPointError(
              f"loss is {row['loss']} at step {step}: stopping without saving; the last good "
              f"checkpoint (step {manager.latest_step()}) is kept")
      if val_source is not None and step % config.eval_every_steps == 0:
        with window.excluded():
          row.update(validate(state["params"], embed_fn, val_source, config, mesh))
      if row:
        writer.write(step, row)
        bar.set_postfix(loss=f"{row.get('loss', float('nan')):.4f}", refresh=False)
      preempted = stop.agreed()
      if step % config.checkpoint_every_steps == 0 or step == config.total_steps or preempted:
        with window.excluded():
          checkpointing.save(manager, step, state, data_position(config, step, len(train_source)))
      if preempted:
        print(f"cmr-clip train: {stop.reason} at step {step}: checkpoint saved, exiting",
              file=sys.stderr)
        break
  except FloatingPointError as e:
    raise UserError(str(e)) from None
  finally:
    manager.wait_until_finished()  # a started save always completes before exit
    profile.close()
    stop.uninstall()
    bar.close()
    writer.close()
  if is_main:
    print(json.dumps({"workdir": workdir, "step": step, "last_checkpoint": manager.latest_step()}))
  return {None: 0, "SIGTERM": 143, "SIGINT": 130}[stop.reason]


def init_or_restore(config, model, tx, mesh, manager):
  """(state, state_shardings, step): the newest checkpoint laid out for THIS mesh (any shape
  the checkpoint was written from), else a fresh state at step 0 with the towers named by
  model.*.init imported (Adam's moments start at zero, so they need no change)."""
  import jax
  from cmr_clip_jax import checkpointing, pretrained, train_step
  rng = jax.random.key(config.seed)
  if manager.latest_step() is None:
    state, shardings = train_step.init_train_state(config, model, tx, mesh, rng)
    state["params"] = pretrained.init_params(config, state["params"], shardings["params"])
    return state, shardings, 0
  captured = {}

  def init(key):
    state, captured["shardings"] = train_step.init_train_state(config, model, tx, mesh, key)
    return state

  abstract = checkpointing.abstract_like(jax.eval_shape(init, rng), captured["shardings"])
  state, meta, step = checkpointing.restore_latest(manager, abstract)
  if jax.process_index() == 0:
    print(f"cmr-clip train: resuming from the checkpoint at step {step}", file=sys.stderr)
  for key in ("seed", "batch_size"):
    if meta.get(key) != config[key]:
      print(f"cmr-clip train: warning: checkpoint has {key}={meta.get(key)}, config has "
            f"{config[key]}: the data order from here differs from the original run", file=sys.stderr)
  return state, captured["shardings"], step


def data_position(config, step: int, num_records: int) -> dict:
  """The checkpoint's `meta`: the data position is the step under this seed and batch size."""
  return {"step": step, "seed": config.seed, "batch_size": config.batch_size,
          "train_records": num_records, "examples_seen": step * config.batch_size}


def model_flops_per_example(model, config, params) -> float:
  """Forward FLOPs of both towers for one study + report, from XLA's cost analysis of the
  lowered forward pass (no compilation). Training = 3x forward (backward = 2x); remat and
  gradient caching's extra forward are not model FLOPs and are not counted. Lowered with the
  layer scan unrolled: XLA counts a loop body once, whatever its trip count."""
  import jax
  import jax.numpy as jnp
  from cmr_clip_jax import model as model_lib
  model = model_lib.unrolled(model)
  c = config
  v = len(config_lib.views(c))
  frames = jax.ShapeDtypeStruct((1, v, c.input.frames, c.input.size, c.input.size), jnp.uint8)
  mask = jax.ShapeDtypeStruct((1, v), jnp.bool_)
  tokens = jax.ShapeDtypeStruct((1, c.model.text.max_len), jnp.int32)
  abstract = jax.tree.map(lambda p: jax.ShapeDtypeStruct(p.shape, p.dtype), params)
  lowered = jax.jit(lambda p, f, m, t: model.apply({"params": p}, f, m, t)).lower(
      abstract, frames, mask, tokens)
  return float(lowered.cost_analysis()["flops"])


def peak_flops() -> float:
  """Peak FLOP/s of one device: the vendor's dense bf16 figure for known TPUs/GPUs, else
  measured: the throughput of a large matmul (f32 on CPU, bf16 on accelerators) on every
  local device at once (simulated CPU devices share the host's cores)."""
  import jax
  import jax.numpy as jnp
  device = jax.devices()[0]
  if device.device_kind in _PEAK_FLOPS:
    return _PEAK_FLOPS[device.device_kind]
  cpu = device.platform == "cpu"
  n, local = (512 if cpu else 8192), jax.local_devices()
  a = [jax.device_put(jnp.ones((n, n), jnp.float32 if cpu else jnp.bfloat16), d) for d in local]
  mm = jax.jit(lambda x: x @ x)
  jax.block_until_ready([mm(x) for x in a])
  reps, t0 = 4, time.perf_counter()
  for _ in range(reps):
    jax.block_until_ready([mm(x) for x in a])
  return 2 * n ** 3 * reps * len(local) / (time.perf_counter() - t0) / len(local)


def training_metrics(metrics, window, flops_per_step, peak, batch_size) -> dict:
  """The train step's scalars plus throughput over the steps since the last log."""
  import jax
  row = {k: float(v) for k, v in jax.device_get(metrics).items()}
  step_time, wait = window.take()
  row.update(examples_per_sec=batch_size / step_time, data_wait_sec=wait, step_time_sec=step_time,
             mfu=flops_per_step / step_time / peak)
  return row


def validate(params, embed_fn, source, config, mesh) -> dict:
  """val_loss (the config's report loss at the current temperature, averaged over val batches
  of the training batch_size, so it is on the scale of the training `loss`, or of its
  `report_loss` when the sentence loss is on) and study<->report R@1 over the whole val split."""
  import jax
  import jax.numpy as jnp
  from cmr_clip_jax import eval_metrics, losses, model as model_lib
  from jax.experimental import multihost_utils
  n, procs = len(source), jax.process_count()
  global_batch = -(-min(config.microbatch_size, config.batch_size, n) // procs) * procs
  zimg, ztxt = [], []
  for batch in input_pipeline.eval_batches(source, config, global_batch, jax.process_index(), procs):
    batch.pop("report_hash")
    a, b = embed_fn(params, batch)  # this process's rows of the global eval batch
    zimg.append(multihost_utils.process_allgather(a, tiled=True) if procs > 1 else a)
    ztxt.append(multihost_utils.process_allgather(b, tiled=True) if procs > 1 else b)
  zimg, ztxt = np.concatenate(zimg)[:n], np.concatenate(ztxt)[:n]
  hashes = np.array([input_pipeline.report_hash(records.decode(source[i])["report"])
                     for i in range(n)], np.uint32)
  scalars = jax.device_get({"scale": model_lib.logit_scale(params), "bias": model_lib.logit_bias(params)})
  loss = losses.mean_batch_loss(config.loss, jnp.asarray(zimg), jnp.asarray(ztxt), scalars["scale"],
                                scalars["bias"], jnp.asarray(hashes), config.batch_size)
  sim = zimg @ ztxt.T
  return {"val_loss": float(loss),
          "val_study_to_report_r1": eval_metrics.retrieval_metrics(sim, ks=(1,))["R@1"],
          "val_report_to_study_r1": eval_metrics.retrieval_metrics(sim.T, ks=(1,))["R@1"]}


class _Window:
  """Wall time per step and time spent waiting for the input, since the last `take()`;
  validation and checkpoint time is excluded."""

  def __init__(self):
    self._start, self._steps, self._wait = time.perf_counter(), 0, 0.0

  @contextlib.contextmanager
  def excluded(self):
    t0 = time.perf_counter()
    yield
    self._start += time.perf_counter() - t0

  @contextlib.contextmanager
  def data_wait(self):
    t0 = time.perf_counter()
    yield
    self._wait += time.perf_counter() - t0

  def step_done(self):
    self._steps += 1

  def take(self):
    """-> (seconds per step, data-wait seconds per step); the metrics fetch before this call
    synchronised with the device, so wall time covers the computation."""
    now = time.perf_counter()
    steps = max(self._steps, 1)
    out = ((now - self._start) / steps, self._wait / steps)
    self._start, self._steps, self._wait = now, 0, 0.0
    return out


class _StopRequest:
  """SIGTERM / SIGINT set a flag; `agreed()` is True on every process at the same step once
  any process got one (a max over processes), so they all save that step together."""

  def __init__(self):
    self.reason = None
    self._previous = {sig: signal.signal(sig, self._handle) for sig in (signal.SIGTERM, signal.SIGINT)}

  def _handle(self, signum, frame):
    if self.reason is not None and signum == signal.SIGINT:
      raise KeyboardInterrupt  # a second Ctrl-C does not wait for the step
    self.reason = signal.Signals(signum).name

  def uninstall(self):
    for sig, handler in self._previous.items():
      signal.signal(sig, handler)

  def agreed(self) -> bool:
    import jax
    if jax.process_count() == 1:
      return self.reason is not None
    from jax.experimental import multihost_utils
    flags = multihost_utils.process_allgather(np.int32(
        {None: 0, "SIGTERM": 1, "SIGINT": 2}[self.reason]))
    if flags.max() and self.reason is None:
      self.reason = "SIGTERM" if flags.max() == 1 else "SIGINT"
    return bool(flags.max())


class _Profile:
  """JAX profiler trace of steps FIRST..LAST (config profile_steps) into WORKDIR/profile/.
  A trace lives in one process: a run resumed inside the window traces the window's remaining
  steps, and one stopped inside it keeps what it traced."""

  def __init__(self, steps: tuple, workdir: str):
    self.first, self.last = steps or (0, -1)
    self.folder, self.active = os.path.join(workdir, "profile"), False

  def before(self, step: int) -> None:
    if not self.active and self.first <= step <= self.last:
      import jax
      jax.profiler.start_trace(self.folder)
      self.active = True

  def after(self, step: int, output) -> None:
    if self.active and step == self.last:
      import jax
      jax.block_until_ready(output)
      self.close()

  def close(self) -> None:
    if self.active:
      import jax
      jax.profiler.stop_trace()
      self.active = False
