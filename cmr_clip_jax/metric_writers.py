"""Training metrics: `WORKDIR/metrics.jsonl` (one JSON object per logged step), TensorBoard
event files under `WORKDIR/tensorboard/`, and the console progress bar. Process 0 writes."""

import json
import math
import os
import sys

import tqdm

from data_prep import fileio


def truncate_jsonl(path: str, last_step: int) -> None:
  """Keeps the lines with step <= last_step (atomically): a resumed run's log has no stale future."""
  if not os.path.exists(path):
    return
  with open(path) as f:
    lines = [line for line in f if line.strip() and json.loads(line).get("step", 0) <= last_step]
  fileio.write_atomic(path, "".join(lines))


class MetricWriter:
  """Appends scalars per step to metrics.jsonl and TensorBoard. Inactive on processes > 0."""

  def __init__(self, workdir: str, start_step: int, active: bool = True):
    self.active = active
    if not active:
      return
    from tensorboardX import SummaryWriter  # imported here: only process 0 needs it
    self.path = os.path.join(workdir, "metrics.jsonl")
    truncate_jsonl(self.path, start_step)
    # purge_step hides events a previous attempt logged after the restored step.
    self._tb = SummaryWriter(os.path.join(workdir, "tensorboard"), purge_step=start_step + 1)
    self._file = open(self.path, "a")

  def write(self, step: int, metrics: dict) -> None:
    if not self.active:
      return
    row = {"step": int(step), **{k: _plain(v) for k, v in metrics.items()}}
    self._file.write(json.dumps(row) + "\n")
    self._file.flush()
    for k, v in row.items():
      if k != "step" and isinstance(v, (int, float)) and math.isfinite(v):
        self._tb.add_scalar(k, v, step)
    self._tb.flush()

  def close(self) -> None:
    if self.active:
      self._file.close()
      self._tb.close()


def _plain(v):
  """numpy / jax scalars -> Python numbers (json can write NaN, which a diverged run needs)."""
  return v.item() if hasattr(v, "item") else v


def progress_bar(total: int, initial: int, active: bool = True) -> tqdm.tqdm:
  """Step progress with ETA on stderr (process 0 only)."""
  return tqdm.tqdm(total=total, initial=initial, disable=not active, unit="step",
                   dynamic_ncols=True, file=sys.stderr, desc="train")
