"""Recipes load, overrides are typed, bad values are one-line UserErrors."""

import os

import pytest

from cmr_clip_jax import config_lib
from cmr_clip_jax.errors import UserError

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
    (["--config.mesh_shape=1,2"], "expected 3 values"),
    (["--config.mesh_shape=-1,-1,1"], "mesh_shape"),
    (["--config.input.view_dropout=1.0"], "view_dropout"),
    (["--config.input.size=50"], "multiple of model.image.patch"),
    (["--config.profile_steps=9,2"], "profile_steps"),
    (["--config.batch_size"], "needs a value"),
    (["--batch_size=3"], "unrecognized argument"),
])
def test_bad_values_are_one_line_user_errors(args, message):
  with pytest.raises(UserError, match=message) as e:
    config_lib.load_config(DEMO, args)
  assert "\n" not in str(e.value)


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
