"""Recipes load, overrides are typed, bad values are one-line UserErrors from one owner."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from cmr_clip_jax import cli, config_lib
from configs import demo
from data_prep.errors import UserError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "configs", "demo.py")
RECIPES = [os.path.join(ROOT, "configs", f"{n}.py") for n in ("demo", "small", "cmr_clip_b16")]


def keys(config, prefix=""):
  out = set()
  for k, v in config.items():
    out |= keys(v, f"{prefix}{k}.") if hasattr(v, "items") else {prefix + k}
  return out


@pytest.mark.parametrize("path", RECIPES, ids=os.path.basename)
def test_every_recipe_validates_with_the_demo_key_set(path):
  config = config_lib.load_config(path)
  assert keys(config) == keys(config_lib.load_config(DEMO))


def test_overrides_are_parsed_to_the_key_type():
  c = config_lib.load_config(DEMO, [
      "--config.batch_size=32", "--config.microbatch_size", "16", "--config.learning_rate=3e-5",
      "--config.input.augment=false", "--config.loss.kind=sigmoid", "--config.mesh_shape=1,-1,1",
      "--config.model.image.depth=1", "--config.profile_steps=3,5"])
  assert (c.batch_size, c.microbatch_size) == (32, 16) and isinstance(c.batch_size, int)
  assert c.learning_rate == 3e-5 and isinstance(c.learning_rate, float)
  assert c.input.augment is False and c.loss.kind == "sigmoid"
  assert c.mesh_shape == (1, -1, 1) and c.model.image.depth == 1
  assert config_lib.profile_steps(c) == (3, 5)
  assert config_lib.load_config(DEMO, ["--config.learning_rate=1"]).learning_rate == 1.0


@pytest.mark.parametrize("args, message", [
    (["--config.batch_size=abc"], "expected int"),
    (["--config.batch_size=1.5"], "expected int"),
    (["--config.input.augment=maybe"], "expected bool"),
    (["--config.nope=1"], "unknown config key 'nope'"),
    (["--config.model.nope=1"], "unknown config key"),
    (["--config.model=1"], "unknown config key"),
    (["--config.loss.kind=l2"], "must be one of"),
    (["--config.batch_size=0"], "must be > 0"),
    (["--config.learning_rate=-1"], "must be >= 0"),
    (["--config.batch_size=48", "--config.microbatch_size=32"], "not a multiple"),
    (["--config.microbatch_size=128"], "not a multiple"),
    (["--config.lr_scaling=cubic"], "lr_scaling='cubic' must be one of"),
    (["--config.model.dtype=float16"], "model.dtype='float16' must be one of float32, bfloat16"),
    (["--config.model.temperature_init=0"], "temperature_init=0.0 must be in \\[0.01, 1\\]"),
    (["--config.model.temperature_init=0.005"], "temperature_init=0.005 must be in"),
    (["--config.model.remat_policy=some"], "remat_policy=.some. must be one of"),
    (["--config.warmup_steps=400"], "warmup_steps=400 must be < total_steps=400"),
    (["--config.model.text.heads=3"], "model.text.width=64 is not divisible by model.text.heads=3"),
    (["--config.freeze=("], "freeze='\\(' is not a valid regex"),
    (["--config.mesh_shape=1,2"], "expected 3 values"),
    (["--config.mesh_shape=-1,-1,1"], "mesh_shape"),
    (["--config.input.view_dropout=1.0"], "view_dropout"),
    (["--config.input.size=50"], "multiple of model.image.patch"),
    (["--config.profile_steps=9,2"], "profile_steps"),
    (["--config.batch_size"], "needs a value"),
    (["--config.loss.sentence_weight=-1"], "sentence_weight=-1.0 must be >= 0"),
    (["--config.loss.sentences=0"], "loss.sentences=0 must be > 0"),
    (["--batch_size=3"], "unrecognized argument"),
])
def test_bad_values_are_one_line_user_errors(args, message):
  with pytest.raises(UserError, match=message) as e:
    config_lib.load_config(DEMO, args)
  assert "\n" not in str(e.value)


BAD = "--config.model.dtype=float16"
BAD_MESSAGE = "config model.dtype='float16' must be one of float32, bfloat16"


def _workdir_with_bad_config(tmp_path):
  config = config_lib.load_config(DEMO)
  config.model.dtype = "float16"
  workdir = tmp_path / "run"
  workdir.mkdir()
  (workdir / "config.json").write_text(json.dumps({"config": json.loads(config_lib.to_json(config))}))
  return str(workdir)


def test_every_entry_point_gives_the_one_message(tmp_path, capsys):
  workdir = _workdir_with_bad_config(tmp_path)
  calls = {
      "train": ["train", "--config", DEMO, "--workdir", str(tmp_path / "t"), BAD],
      "sweep": ["sweep", "--config", DEMO, "--workdir", str(tmp_path / "s"), "--batch-sizes", "16", BAD],
      "eval": ["eval", "--workdir", workdir],
      "export": ["export", "--workdir", workdir, "--out", str(tmp_path / "bundle")],
  }
  for name, argv in calls.items():
    assert cli.main(argv) == 2, name
    err = capsys.readouterr().err.strip()
    assert err == f"cmr-clip {name}: error: {BAD_MESSAGE}", name
  assert not (tmp_path / "t").exists() and not (tmp_path / "bundle").exists()


def test_recipe_imports_its_siblings_from_anywhere(tmp_path):
  """A copied recipe folder is not an installed package: `from configs import demo` still loads."""
  folder = tmp_path / "elsewhere" / "configs"
  shutil.copytree(os.path.join(ROOT, "configs"), folder)
  code = ("from cmr_clip_jax import config_lib; "
          f"print(config_lib.load_config({str(folder / 'small.py')!r}).batch_size)")
  out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": ROOT})
  assert out.returncode == 0, out.stderr
  assert out.stdout.strip() == "1024"


def test_missing_or_broken_recipe(tmp_path):
  with pytest.raises(UserError, match="not found"):
    config_lib.load_config(str(tmp_path / "none.py"))
  broken = tmp_path / "broken.py"
  broken.write_text("import no_such_module\n")
  with pytest.raises(UserError, match="cannot load config"):
    config_lib.load_config(str(broken))


def test_json_round_trip_keeps_tuples():
  c = config_lib.load_config(DEMO)
  import json
  back = config_lib.from_dict(json.loads(config_lib.to_json(c)))
  assert back.mesh_shape == c.mesh_shape and keys(back) == keys(c)


def test_from_dict_gives_pre_scan_configs_a_remat_policy():
  """Workdirs and bundles written before `model.remat_policy` carry a bool `model.remat`."""
  for remat, policy in ((True, "full"), (False, "none")):
    old = json.loads(config_lib.to_json(demo.get_config()))
    del old["model"]["remat_policy"]
    old["model"]["remat"] = remat
    config = config_lib.from_dict(old)
    config_lib.validate(config)
    assert config.model.remat_policy == policy and "remat" not in config.model
    assert config_lib.from_dict(old["model"]).remat_policy == policy  # a bundle's model section


def test_from_dict_gives_runs_before_the_sentence_loss_none():
  """Workdirs written before loss.sentence_* resume and evaluate as what they were: without it."""
  old = json.loads(config_lib.to_json(demo.get_config()))
  for key in ("sentence_weight", "sentences", "sentence_len"):
    del old["loss"][key]
  config = config_lib.from_dict(old)
  config_lib.validate(config)
  assert config.loss.sentence_weight == 0 and keys(config) == keys(demo.get_config())
