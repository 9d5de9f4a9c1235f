"""`cmr-clip sweep`: batch-size ablation, one training run + eval per global batch size.

  cmr-clip sweep --config configs/demo.py --workdir out/sweep --batch-sizes 16,64,256 \
      [--budget examples|steps] [--launch-only] [--config.KEY=VALUE ...]

Each batch size B trains into DIR/bs_{B}/ (`cmr-clip train`, a fresh process each, so every
run compiles and allocates on its own) and is then evaluated (`cmr-clip eval`). Per run:
  - learning rate: the config's `lr_scaling` rule applied by the optimizer to B;
  - budget: `examples` keeps batch_size x total_steps of the config (fewer steps for larger
    B, warm-up scaled alike), `steps` keeps total_steps;
  - microbatch_size: the largest divisor of B not above the cap (`--microbatch-cap`, default
    the config's microbatch_size, the size known to fit in one step): larger B streams through
    gradient caching, so memory holds one microbatch whatever B is;
  - B above half the training split is refused up front (duplicates in a batch are false negatives).
A run that already finished (eval json at its final step) is not repeated, so a sweep resumes.
`--launch-only` writes the same commands as scripts instead of running them, one per batch
size (DIR/launch/bs_{B}.sh: train then eval, for a scheduler job each, see
launch/sweep_slurm.sh) plus DIR/launch.sh running them all; once they have finished,
`--aggregate-only` with the same flags collects the results. Results: DIR/sweep.csv,
DIR/sweep.md, DIR/sweep.png.
"""

import csv
import io
import json
import os
import shlex
import subprocess
import sys

import numpy as np

from cmr_clip_jax import config_lib
from data_prep import fileio
from data_prep.errors import UserError

COLUMNS = ("batch_size", "microbatch_size", "total_steps", "examples_seen", "peak_lr", "final_loss",
           "examples_per_sec", "study_to_report_R@1", "report_to_study_R@1", "study_to_report_R@5",
           "findings_macro_auc", "diagnosis_accuracy", "eval_step", "status")


def add_arguments(parser):
  parser.add_argument("--config", required=True, help="recipe file, e.g. configs/demo.py")
  parser.add_argument("--workdir", required=True, help="sweep folder; run B goes to WORKDIR/bs_B")
  parser.add_argument("--batch-sizes", required=True, help="comma-separated global batch sizes, e.g. 16,64,256")
  parser.add_argument("--budget", choices=("examples", "steps"), default="examples",
                      help="keep examples seen (default) or optimizer steps fixed across batch sizes")
  parser.add_argument("--microbatch-cap", type=int, default=None,
                      help="largest microbatch one step holds (default: the config's microbatch_size)")
  parser.add_argument("--eval-split", default="val", help="split each run is evaluated on (default: val)")
  mode = parser.add_mutually_exclusive_group()
  mode.add_argument("--launch-only", action="store_true",
                    help="write WORKDIR/launch/bs_B.sh scripts (and launch.sh) instead of running them")
  mode.add_argument("--aggregate-only", action="store_true",
                    help="run nothing: collect the finished runs into sweep.csv / sweep.md / sweep.png")
  parser.set_defaults(accepts_unknown=True)


# ------------------------------------------------------------------------- planning
def parse_batch_sizes(text: str) -> list[int]:
  try:
    sizes = sorted({int(x) for x in text.split(",") if x.strip()})
  except ValueError:
    raise UserError(f"--batch-sizes {text!r}: expected comma-separated integers like 16,64,256") from None
  if not sizes or sizes[0] < 1:
    raise UserError(f"--batch-sizes {text!r}: need at least one positive batch size")
  return sizes


def microbatch_for(batch_size: int, cap: int, multiple: int = 1) -> int:
  """Largest divisor of batch_size that is <= cap and a multiple of `multiple` (the batch shards)."""
  for m in range(min(batch_size, cap), 0, -1):
    if batch_size % m == 0 and m % multiple == 0:
      return m
  raise UserError(f"batch size {batch_size} has no microbatch size <= {cap} that divides over "
                  f"{multiple} batch shards")


def plan_runs(config, batch_sizes, budget: str, train_examples: int, cap: int, multiple: int = 1) -> list[dict]:
  """One dict of config overrides per batch size. Refuses B > train_examples // 2."""
  runs = []
  for b in batch_sizes:
    config_lib.check_batch_fits(b, train_examples)
    if budget == "examples":
      steps = max(1, round(config.total_steps * config.batch_size / b))
      warmup = min(round(config.warmup_steps * steps / config.total_steps), steps - 1)
    else:
      steps, warmup = config.total_steps, config.warmup_steps
    runs.append({
        "batch_size": b, "microbatch_size": microbatch_for(b, cap, multiple), "total_steps": steps,
        "warmup_steps": max(0, warmup),
        "checkpoint_every_steps": min(config.checkpoint_every_steps, steps),
        "eval_every_steps": min(config.eval_every_steps, steps),
        "log_every_steps": min(config.log_every_steps, max(1, steps // 10)),
    })
  return runs


def run_commands(run: dict, config_path: str, workdir: str, overrides, eval_split: str, exe) -> tuple:
  """(train argv, eval argv) of one run; `exe` is the argv prefix of the console script."""
  rundir = os.path.join(workdir, f"bs_{run['batch_size']}")
  train = [*exe, "train", "--config", config_path, "--workdir", rundir, *overrides,
           *(f"--config.{k}={v}" for k, v in run.items())]
  # Eval is one process, also in a multi-task SLURM job's batch shell, whose SLURM_* variables
  # describe the job's tasks, not this process: no cluster detection for it.
  evaluate = [*exe, "eval", "--workdir", rundir, "--split", eval_split, "--cluster", "none"]
  return train, evaluate


# ------------------------------------------------------------------------- aggregation
def _read_json(path):
  try:
    with open(path) as f:
      return json.load(f)
  except (OSError, ValueError):
    return None


def _metrics_lines(path):
  out = []
  try:
    with open(path) as f:
      for line in f:
        try:
          out.append(json.loads(line))
        except ValueError:
          continue  # a line cut by a kill: the rest of the file is still good
  except OSError:
    pass
  return out


def collect_run(rundir: str, eval_split: str, planned: dict) -> dict:
  """One row from a run folder: its metrics.jsonl (throughput, loss, lr) and eval/{split}.json."""
  row = {k: planned.get(k) for k in ("batch_size", "microbatch_size", "total_steps")}
  row["examples_seen"] = planned["batch_size"] * planned["total_steps"]
  lines = _metrics_lines(os.path.join(rundir, "metrics.jsonl"))
  train = [m for m in lines if "loss" in m]
  # The first logged interval holds the compile: throughput is the median of the others.
  eps = [m["examples_per_sec"] for m in train[1:] if m.get("examples_per_sec")]
  row["examples_per_sec"] = float(np.median(eps)) if eps else None
  row["final_loss"] = train[-1]["loss"] if train else None
  lrs = [m["lr"] for m in train if "lr" in m]
  row["peak_lr"] = max(lrs) if lrs else None
  ev = _read_json(os.path.join(rundir, "eval", f"{eval_split}.json"))
  if ev:
    rt, zs = ev.get("retrieval", {}), ev.get("zero_shot", {})
    row.update({"study_to_report_R@1": rt.get("study_to_report", {}).get("R@1"),
                "report_to_study_R@1": rt.get("report_to_study", {}).get("R@1"),
                "study_to_report_R@5": rt.get("study_to_report", {}).get("R@5"),
                "findings_macro_auc": zs.get("findings_macro_auc"),
                "diagnosis_accuracy": zs.get("diagnosis_accuracy"), "eval_step": ev.get("step")})
  done = ev is not None and ev.get("step") == planned["total_steps"]
  row["status"] = "ok" if done else ("trained" if train else "missing")
  return {k: row.get(k) for k in COLUMNS}


def _cell(v):
  if v is None:
    return ""
  if isinstance(v, float):
    return f"{v:.4g}"
  return str(v)


def write_tables(rows: list[dict], workdir: str, budget: str, eval_split: str) -> tuple[str, str]:
  """DIR/sweep.csv (all columns) and DIR/sweep.md (a table for people), each written atomically."""
  csv_path, md_path = os.path.join(workdir, "sweep.csv"), os.path.join(workdir, "sweep.md")
  buf = io.StringIO()
  w = csv.DictWriter(buf, fieldnames=COLUMNS)
  w.writeheader()
  w.writerows({k: ("" if r[k] is None else r[k]) for k in COLUMNS} for r in rows)
  fileio.write_atomic(csv_path, buf.getvalue())
  lines = [f"# Batch-size sweep ({budget} budget, eval on {eval_split})", "",
           "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
  lines += ["| " + " | ".join(_cell(r[k]) for k in COLUMNS) + " |" for r in rows]
  fileio.write_atomic(md_path, "\n".join(lines) + "\n")
  return csv_path, md_path


# ------------------------------------------------------------------------- command
def _finished(rundir: str, eval_split: str, steps: int) -> bool:
  ev = _read_json(os.path.join(rundir, "eval", f"{eval_split}.json"))
  return bool(ev) and ev.get("step") == steps


def _plan(args):
  from cmr_clip_jax import input_pipeline
  # Overrides define the base recipe (its batch_size x total_steps is the examples budget, its
  # microbatch_size the default cap); each run's own values are appended after them and win.
  overrides = list(args.unknown or [])
  config = config_lib.load_config(args.config, overrides)
  manifest = input_pipeline.load_manifest(config.data_dir)
  train_examples = int(manifest.get("splits", {}).get("train", {}).get("studies", 0))
  cap = args.microbatch_cap or config.microbatch_size
  multiple = 1
  if not args.launch_only:  # runs here: microbatches must split over this machine's batch shards
    from cmr_clip_jax import sharding
    multiple = sharding.batch_shards(sharding.make_mesh(config.mesh_shape))
  runs = plan_runs(config, parse_batch_sizes(args.batch_sizes), args.budget, train_examples, cap, multiple)
  return config, overrides, runs


def run(args) -> int:
  config, overrides, runs = _plan(args)
  os.makedirs(args.workdir, exist_ok=True)
  if args.launch_only:
    return write_launch_scripts(args, overrides, runs)
  if args.aggregate_only:
    return aggregate(args.workdir, runs, args.budget, args.eval_split)

  from tqdm import tqdm
  exe = [sys.executable, "-m", "cmr_clip_jax"]
  for r in tqdm(runs, desc="sweep", unit="run", file=sys.stderr):
    rundir = os.path.join(args.workdir, f"bs_{r['batch_size']}")
    if _finished(rundir, args.eval_split, r["total_steps"]):
      continue
    os.makedirs(rundir, exist_ok=True)
    for cmd in run_commands(r, args.config, args.workdir, overrides, args.eval_split, exe):
      tqdm.write(f"sweep: {shlex.join(cmd[3:])}", file=sys.stderr)
      with open(os.path.join(rundir, f"{cmd[3]}.log"), "a") as log:
        rc = subprocess.call(cmd, stdout=log)  # stderr (progress bars) stays on the console
      if rc != 0:
        raise UserError(f"`cmr-clip {cmd[3]}` for batch size {r['batch_size']} exited with {rc} "
                        f"(see {rundir}/{cmd[3]}.log and the output above)")
  return aggregate(args.workdir, runs, args.budget, args.eval_split)


def _write_script(path: str, lines: list[str]) -> str:
  return fileio.write_atomic(path, "\n".join(["#!/bin/bash", "set -euo pipefail", *lines]) + "\n", mode=0o755)


def write_launch_scripts(args, overrides, runs) -> int:
  """DIR/launch/bs_B.sh (train + eval of one batch size) and DIR/launch.sh (all of them, in order)."""
  folder = os.path.join(args.workdir, "launch")
  os.makedirs(folder, exist_ok=True)
  scripts = []
  for r in runs:
    cmds = run_commands(r, args.config, args.workdir, overrides, args.eval_split, ["cmr-clip"])
    # Training may span nodes (CMR_CLIP_LAUNCHER=srun starts one process per task); eval is one process.
    scripts.append(_write_script(os.path.join(folder, f"bs_{r['batch_size']}.sh"), [
        f"# batch size {r['batch_size']} ({args.budget} budget)",
        "${CMR_CLIP_LAUNCHER:-} " + shlex.join(cmds[0]), shlex.join(cmds[1])]))
  everything = _write_script(os.path.join(args.workdir, "launch.sh"), [shlex.quote(s) for s in scripts])
  print(json.dumps({"launch_script": everything, "run_scripts": scripts, "runs": runs}))
  return 0


def aggregate(workdir: str, runs: list[dict], budget: str, eval_split: str) -> int:
  from cmr_clip_jax import plots
  rows = [collect_run(os.path.join(workdir, f"bs_{r['batch_size']}"), eval_split, r) for r in runs]
  csv_path, md_path = write_tables(rows, workdir, budget, eval_split)
  png = plots.sweep(rows, os.path.join(workdir, "sweep.png"))
  with open(md_path) as f:
    print(f.read(), file=sys.stderr)
  print(json.dumps({"csv": csv_path, "md": md_path, "plot": png, "rows": rows}))
  return 0
