"""Resume safety and data fit (cmr_clip_jax/run_info.py): a restart that would change the run's
course is refused unless allowed, a re-converted data folder is refused in one line, compatible
data is accepted; the profiler window survives a resume inside it."""

import glob
import json
import os

import pytest

from cmr_clip_jax import cli, config_lib, run_info
from data_prep import records
from data_prep import text as text_lib
from data_prep.errors import UserError
from fake_data import write_dataset

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = {
    "batch_size": 8, "microbatch_size": 8, "warmup_steps": 1, "input.frames": 4, "input.size": 16,
    "model.image.patch": 8, "model.embed_dim": 16, "model.image.width": 16, "model.image.depth": 1,
    "model.image.heads": 2, "model.image.mlp_dim": 32, "model.text.width": 16, "model.text.depth": 1,
    "model.text.heads": 2, "model.text.mlp_dim": 32, "model.text.max_len": 16, "log_every_steps": 1,
    "checkpoint_every_steps": 2, "eval_every_steps": 1000, "input.num_threads": 1, "mesh_shape": "(8,1,1)",
}
# Clinician-style report lines: two tokenizers trained on different halves differ in their pieces.
REPORTS = [
    "LV mildly dilated, LVEF 38%. Global hypokinesis. No LGE.",
    "Normal biventricular size and function. No late enhancement.",
    "Asymmetric septal hypertrophy, max wall 19 mm; patchy mid-wall LGE in the septum.",
    "Subendocardial LGE inferior wall, >50% transmural, consistent with prior MI.",
    "RV dilated (RVEDVi 140 ml/m2), RV free wall dyskinesia; LV normal.",
    "Small pericardial effusion. LV function preserved, EF 61%.",
]


def _data(folder, reports, vocab=56, frames_shape=(8, 4, 16, 16), views=None, key="k1"):
  os.makedirs(folder, exist_ok=True)
  size = text_lib.train_tokenizer(reports * 6, os.path.join(folder, "tokenizer.model"), vocab)
  write_dataset(str(folder), {"train": 24, "val": 8}, frames_shape=frames_shape, max_tokens=16,
                vocab_size=size)
  path = os.path.join(folder, "manifest.json")
  with open(path) as f:
    manifest = json.load(f)
  manifest["provenance"] = {"key_fingerprint": key}
  if views is not None:
    manifest["views"] = views
  with open(path, "w") as f:
    json.dump(manifest, f)
  return str(folder)


def _train_argv(workdir, data_dir, **kw):
  over = {**TINY, "data_dir": data_dir, **kw}
  return ["train", "--config", os.path.join(ROOT, "configs/demo.py"), "--workdir", str(workdir),
          "--cluster", "none", *[f"--config.{k}={v}" for k, v in over.items()]]


def _snapshot(folder):
  out = {}
  for root, _, files in os.walk(folder):
    for name in files:
      p = os.path.join(root, name)
      with open(p, "rb") as f:
        out[os.path.relpath(p, folder)] = (os.stat(p).st_mtime_ns, f.read())
  return out


def _one_error_line(capsys) -> str:
  err = [l for l in capsys.readouterr().err.splitlines() if l.startswith("cmr-clip ")]
  errors = [l for l in err if ": error: " in l]
  assert len(errors) == 1, err
  return errors[0]


# ------------------------------------------------------------------------- pure checks
def test_trajectory_changes_names_only_what_alters_the_run():
  old = config_lib.load_config(os.path.join(ROOT, "configs/demo.py")).to_dict()
  new = config_lib.load_config(os.path.join(ROOT, "configs/demo.py"), [
      "--config.total_steps=800", "--config.model.image.depth=3", "--config.log_every_steps=1",
      "--config.mesh_shape=1,-1,1", "--config.microbatch_size=32", "--config.data_dir=/elsewhere"])
  old_json = json.loads(json.dumps(old, default=list))  # what config.json gives back: lists
  assert run_info.trajectory_changes(old_json, new.to_dict()) == {
      "model.image.depth": (2, 3), "total_steps": (400, 800)}
  old_json["model"]["remat"] = True  # a knob an older code version had (now model.remat_policy)
  del old_json["loss"]["chunk_size"]  # one it did not have yet
  assert list(run_info.trajectory_changes(old_json, new.to_dict())) == ["model.image.depth", "total_steps"]


def test_resuming_a_pre_slot_table_run_needs_its_own_slots():
  """A run written before the slot table (no input.views: 8 slots) is not resumed with the
  table's 13-slot image tower, whose view_embed would not fit its checkpoint."""
  new = config_lib.load_config(os.path.join(ROOT, "configs/demo.py"))
  old = json.loads(json.dumps(new.to_dict(), default=list))
  del old["input"]["views"]
  with pytest.raises(UserError, match="--config.input.views=cine_sax_base,") as e:
    run_info.check_resume({"config": old}, new, "W")
  assert "\n" not in str(e.value)
  same = config_lib.load_config(os.path.join(ROOT, "configs/demo.py"),
                                ["--config.input.views=" + ",".join(records.VIEWS[:8])])
  run_info.check_resume({"config": old}, same, "W")


def test_allow_resume_changes_must_name_config_keys():
  with pytest.raises(UserError, match="'total_step'"):
    config_lib.load_config(os.path.join(ROOT, "configs/demo.py"), ["--config.allow_resume_changes=total_step"])
  c = config_lib.load_config(os.path.join(ROOT, "configs/demo.py"),
                             ["--config.allow_resume_changes=total_steps, model.image.depth"])
  assert run_info.allowed_changes(c) == {"total_steps", "model.image.depth"}


def test_check_data_refuses_what_the_model_cannot_read_and_accepts_the_rest(tmp_path):
  trained = _data(tmp_path / "trained", REPORTS)
  manifest = json.load(open(os.path.join(trained, "manifest.json")))
  info = {**run_info.data_facts(trained, manifest), "config": {}}
  run_info.check_data(info, trained, manifest, "W")  # itself

  # Deleted and converted again: new tokenizer (trained on another split), same size.
  again = _data(tmp_path / "again", [r.replace("LV", "left ventricle") for r in REPORTS], key="k2")
  again_manifest = json.load(open(os.path.join(again, "manifest.json")))
  assert again_manifest["vocab_size"] == manifest["vocab_size"]
  with pytest.raises(UserError) as e:
    run_info.check_data(info, again, again_manifest, "W")
  assert "another tokenizer" in str(e.value) and "another key" in str(e.value) and "\n" not in str(e.value)

  bigger = _data(tmp_path / "bigger", REPORTS, vocab=manifest["vocab_size"] + 8)
  bigger_manifest = json.load(open(os.path.join(bigger, "manifest.json")))
  with pytest.raises(UserError, match=rf"vocabulary of {bigger_manifest['vocab_size']} tokens, "
                                      rf"the run's {manifest['vocab_size']}"):
    run_info.check_data(info, bigger, bigger_manifest, "W")

  other_frames = _data(tmp_path / "frames", REPORTS, frames_shape=(8, 8, 16, 16))
  with pytest.raises(UserError, match=r"frames \[T, H, W\] \[8, 16, 16\], the run's \[4, 16, 16\]"):
    run_info.check_data(info, other_frames, json.load(open(os.path.join(other_frames, "manifest.json"))), "W")

  # Eval-only external data: SAX cine slots only, no reports, no tokenizer: accepted.
  external = _data(tmp_path / "external", REPORTS, views=list(records.VIEWS[:3]), key="acdc")
  os.remove(os.path.join(external, "tokenizer.model"))
  ext_manifest = json.load(open(os.path.join(external, "manifest.json")))
  del ext_manifest["vocab_size"]
  run_info.check_data(info, external, ext_manifest, "W")
  ext_manifest["views"] = ["cine_sax_mid", "t1_map"]
  with pytest.raises(UserError, match=r"view slots \['t1_map'\]"):
    run_info.check_data(info, external, ext_manifest, "W")

  # A run from before these facts were recorded (no hash): the vocabulary size still counts.
  old_info = {"vocab_size": manifest["vocab_size"], "frames_shape": manifest["frames_shape"], "config": {}}
  run_info.check_data(old_info, again, again_manifest, "W")


# ------------------------------------------------------------------------- through `cmr-clip train`
@pytest.mark.slow
def test_resume_refuses_changed_course_and_reconverted_data(tmp_path, capsys):
  data = _data(tmp_path / "data", REPORTS)
  workdir = tmp_path / "run"
  # Profile steps 3..6 of a run that stops at 4: the resume starts inside the window.
  assert cli.main(_train_argv(workdir, data, total_steps=4, profile_steps="3,6")) == 0
  before = _snapshot(workdir)

  assert cli.main(_train_argv(workdir, data, total_steps=8, profile_steps="3,6")) == 2
  line = _one_error_line(capsys)
  assert "total_steps 4 -> 8" in line and "--config.allow_resume_changes=total_steps" in line
  assert _snapshot(workdir) == before  # nothing in the workdir changed

  reconverted = _data(tmp_path / "data2", [r.replace("LV", "left ventricle") for r in REPORTS], key="k2")
  assert cli.main(_train_argv(workdir, reconverted, total_steps=4)) == 2
  assert "another tokenizer" in _one_error_line(capsys)
  assert _snapshot(workdir) == before

  assert cli.main(_train_argv(workdir, data, total_steps=8, profile_steps="3,6",
                              allow_resume_changes="total_steps")) == 0
  err = capsys.readouterr().err
  assert "resuming from the checkpoint at step 4" in err
  with open(workdir / "metrics.jsonl") as f:
    assert [json.loads(l)["step"] for l in f] == list(range(1, 9))
  traces = glob.glob(str(workdir / "profile" / "plugins" / "profile" / "*" / "*.xplane.pb"))
  assert len(traces) == 2  # steps 3-4 in the first process, 5-6 after the resume
  info = json.load(open(workdir / "config.json"))
  assert info["config"]["total_steps"] == 8 and info["tokenizer_sha256"]
  assert set(info["provenance"]) == {"package_version", "git_commit"}
  assert info["data_provenance"] == {"key_fingerprint": "k1"}
  _tensorboard_matches_metrics(workdir)


def _tensorboard_matches_metrics(workdir):
  """TensorBoard's own reader (the `tensorboard` extra) sees the loss curve metrics.jsonl has,
  once per step across the resume."""
  accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
  acc = accumulator.EventAccumulator(str(workdir / "tensorboard"))
  acc.Reload()
  with open(workdir / "metrics.jsonl") as f:
    want = {r["step"]: r["loss"] for r in map(json.loads, f)}
  got = {e.step: e.value for e in acc.Scalars("loss")}
  assert sorted(got) == sorted(want)
  assert got == pytest.approx(want, rel=1e-6)
