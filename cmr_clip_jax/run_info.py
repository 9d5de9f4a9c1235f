"""WORKDIR/config.json: what a run is, and the checks that keep it one run.

config.json holds the resolved config, the data facts the model was built for (vocabulary,
frames shape, views, the tokenizer's hash, the data's provenance) and the code that trained
it. Two checks read it:
  - `check_resume`: a restart with a config that would change the run's trajectory (schedule,
    batch, model, data, loss, seed: anything not listed in RESUME_SAFE) is refused, naming the
    keys, unless `allow_resume_changes` names them too;
  - `check_data`: train, eval and export refuse a data folder the model cannot read as it was
    trained (another vocabulary, frames, or view slots the slot table does not know) in one
    line, instead of a traceback deep in a shape mismatch. Compatible data passes: the same
    frames and size, any known view slots (read by name: the model takes its own, missing ones
    masked), the tokenizer compared only where the folder has one (eval-only external data
    carries no reports).
"""

import hashlib
import json
import os

from cmr_clip_jax import __version__, config_lib
from data_prep import fileio, provenance, records, slots
from data_prep.errors import UserError

# Keys a resumed run may change freely: logging, checkpoint cadence, input parallelism, the device
# layout (checkpoints restore onto any mesh), the per-step memory (gradient caching and
# rematerialisation compute the same gradient), the data path (the data is checked by check_data).
RESUME_SAFE = frozenset({
    "data_dir", "log_every_steps", "eval_every_steps", "checkpoint_every_steps", "keep_checkpoints",
    "profile_steps", "allow_resume_changes", "mesh_shape", "microbatch_size", "model.remat_policy",
    "input.num_threads", "input.num_workers", "input.prefetch",
})


def path(workdir: str) -> str:
  return os.path.join(workdir, "config.json")


def read(workdir: str) -> dict | None:
  """The workdir's config.json, or None when there is none."""
  if not os.path.isfile(path(workdir)):
    return None
  with open(path(workdir)) as f:
    return json.load(f)


def tokenizer_sha256(data_dir: str, manifest: dict) -> str | None:
  """sha256 of the data folder's tokenizer model, None when the folder has none."""
  p = os.path.join(data_dir, manifest.get("tokenizer") or "tokenizer.model")
  if not os.path.isfile(p):
    return None
  with open(p, "rb") as f:
    return hashlib.sha256(f.read()).hexdigest()


def data_facts(data_dir: str, manifest: dict) -> dict:
  """The facts of a data folder a trained model depends on (what check_data compares)."""
  return {"vocab_size": manifest.get("vocab_size"), "frames_shape": manifest.get("frames_shape"),
          "views": list(manifest.get("views", records.VIEWS)),
          "tokenizer_sha256": tokenizer_sha256(data_dir, manifest),
          "data_provenance": manifest.get("provenance")}


def write(workdir: str, config, data_dir: str, manifest: dict) -> None:
  """WORKDIR/config.json (atomic): the resolved config, the data facts, the code's provenance and
  the checkpoints the towers started from (`pretrained.provenance`: path + weights sha256)."""
  from cmr_clip_jax import pretrained
  os.makedirs(workdir, exist_ok=True)
  info = {"config": config.to_dict(), **data_facts(data_dir, manifest),
          "version": __version__, "provenance": provenance.code(), "init": pretrained.provenance(config)}
  fileio.write_json(path(workdir), info, sort_keys=True, default=list)


def _flat(d: dict, prefix: str = "") -> dict:
  out = {}
  for k, v in d.items():
    if isinstance(v, dict):
      out.update(_flat(v, f"{prefix}{k}."))
    else:
      out[f"{prefix}{k}"] = list(v) if isinstance(v, tuple) else v
  return out


def trajectory_changes(old: dict, new: dict) -> dict:
  """{key: (old, new)} for the keys outside RESUME_SAFE whose values differ (old and new are
  config dicts). Keys only one side has are not compared: a code update added or removed that
  knob, and the code is not what this check guards."""
  a, b = _flat(old), _flat(json.loads(json.dumps(new, default=list)))
  return {k: (a[k], b[k]) for k in sorted(a.keys() & b.keys()) if k not in RESUME_SAFE and a[k] != b[k]}


def allowed_changes(config) -> set:
  return {k.strip() for k in str(config.get("allow_resume_changes", "")).split(",") if k.strip()}


def check_resume(info: dict, config, workdir: str) -> None:
  """Refuses a restart whose config would change the trajectory of the run in `workdir`."""
  changes = trajectory_changes(info["config"], config.to_dict())
  old_views, new_views = config_lib.views(config_lib.from_dict(info["config"])), config_lib.views(config)
  if old_views != new_views:  # a run from before the slot table has no input.views: its model has the 8 first slots
    raise UserError(f"{workdir} holds a model of view slots {','.join(old_views)}; this config takes "
                    f"{','.join(new_views)} (another image tower): resume with --config.input.views="
                    f"{','.join(old_views)}, or use a new workdir")
  refused = {k: v for k, v in changes.items() if k not in allowed_changes(config)}
  if refused:
    listed = ", ".join(f"{k} {a!r} -> {b!r}" for k, (a, b) in refused.items())
    raise UserError(f"{workdir} holds a run with other settings and resuming would change its course "
                    f"({listed}): use a new workdir, or resume anyway with "
                    f"--config.allow_resume_changes={','.join(refused)}")


def check_data(info: dict, data_dir: str, manifest: dict, workdir: str) -> None:
  """Refuses a data folder that does not fit the model trained in `workdir` (see module doc)."""
  data = data_facts(data_dir, manifest)
  problems = []
  run_frames, frames = info.get("frames_shape"), data["frames_shape"]
  if run_frames and frames and list(frames)[1:] != list(run_frames)[1:]:
    problems.append(f"frames [T, H, W] {list(frames)[1:]}, the run's {list(run_frames)[1:]}")
  # Records are read by slot name (config_lib.views): slots the run's model does not take are
  # ignored and slots a data folder lacks are masked; only slots this package does not know fail.
  unknown = [v for v in data["views"] if v not in slots.BY_NAME]
  if unknown:
    problems.append(f"view slots {unknown} this package's slot table does not know (data_prep/slots.py)")
  if data["tokenizer_sha256"] is not None:  # eval-only data may carry no reports nor tokenizer
    if info.get("vocab_size") is not None and data["vocab_size"] != info["vocab_size"]:
      problems.append(f"vocabulary of {data['vocab_size']} tokens, the run's {info['vocab_size']}")
    elif info.get("tokenizer_sha256") not in (None, data["tokenizer_sha256"]):
      problems.append("another tokenizer than the run's (same size, other pieces)")
  if problems:
    same_key = _same_key(info.get("data_provenance"), data["data_provenance"])
    raise UserError(f"data folder {data_dir} does not fit the run in {workdir}: {'; '.join(problems)}"
                    f"{'' if same_key else ' (converted again, with another key?)'}: use the data the run "
                    "was trained on, or train a new run")


def _same_key(a: dict | None, b: dict | None) -> bool:
  """False only when both folders name their key and the keys differ."""
  return not (a and b and a.get("key_fingerprint") != b.get("key_fingerprint"))


def has_checkpoint(workdir: str) -> bool:
  """True when WORKDIR/checkpoints holds a finished step (Orbax names them by the step number;
  unfinished ones carry a temporary suffix)."""
  folder = os.path.join(workdir, "checkpoints")
  return os.path.isdir(folder) and any(name.isdigit() for name in os.listdir(folder))


def start(workdir: str, config, data_dir: str, manifest: dict, write_file: bool) -> None:
  """Train's entry check: a run that will resume must keep its config and data (nothing is
  written when they differ); then config.json is (re)written when `write_file`."""
  info = read(workdir)
  if info is not None and has_checkpoint(workdir):
    check_resume(info, config, workdir)
    check_data(info, data_dir, manifest, workdir)
    if not _same_key(info.get("data_provenance"), manifest.get("provenance")):
      raise UserError(f"data folder {data_dir} was converted with another de-identification key than "
                      f"the run in {workdir} (other study ids and splits): use the data the run was "
                      "trained on, or train a new run")
  if write_file:
    write(workdir, config, data_dir, manifest)
