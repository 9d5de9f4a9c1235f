"""Sweep planning (budget, lr rule, microbatch cap, refusal) and aggregation of fake run outputs."""

import csv
import json
import os
import subprocess
import sys

import pytest

from cmr_clip_jax import config_lib, sweep
from data_prep.errors import UserError
from tests import fake_data

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "configs", "demo.py")


@pytest.fixture(scope="module")
def config():
  return config_lib.load_config(DEMO)


def test_plan_examples_budget_and_microbatch_cap(config):
  runs = sweep.plan_runs(config, [16, 64, 256], "examples", train_examples=700, cap=32)
  seen = config.total_steps * config.batch_size
  for r in runs:
    assert r["batch_size"] * r["total_steps"] == pytest.approx(seen, rel=0.02)
    assert r["batch_size"] % r["microbatch_size"] == 0 and r["microbatch_size"] <= 32
    assert 0 <= r["warmup_steps"] < r["total_steps"]
  assert [r["microbatch_size"] for r in runs] == [16, 32, 32]
  steps = sweep.plan_runs(config, [16, 256], "steps", train_examples=700, cap=64)
  assert [r["total_steps"] for r in steps] == [config.total_steps] * 2
  # Microbatches must also split over the batch shards: 48 with 8 shards and cap 20 -> 16.
  assert sweep.microbatch_for(48, 20, multiple=8) == 16


def test_refuses_batch_above_half_the_train_split(config):
  with pytest.raises(UserError, match="more than half of the 700"):
    sweep.plan_runs(config, [64, 351], "examples", train_examples=700, cap=64)
  sweep.plan_runs(config, [350], "examples", train_examples=700, cap=64)  # exactly half is allowed
  with pytest.raises(UserError):
    sweep.parse_batch_sizes("16,abc")


def _fake_run(rundir, bs, steps, r1, auc, eps):
  os.makedirs(os.path.join(rundir, "eval"))
  with open(os.path.join(rundir, "metrics.jsonl"), "w") as f:
    for i, s in enumerate(range(10, steps + 1, 10)):
      f.write(json.dumps({"step": s, "loss": 3.0 - 0.01 * s, "lr": 1e-3 * min(1, s / 20),
                          "examples_per_sec": 1.0 if i == 0 else eps + i % 2}) + "\n")
    f.write('{"step": 99, "loss": ')  # a line cut by a kill
  with open(os.path.join(rundir, "eval", "val.json"), "w") as f:
    json.dump({"step": steps, "retrieval": {"study_to_report": {"R@1": r1, "R@5": r1 + 0.2},
                                            "report_to_study": {"R@1": r1 / 2}},
               "zero_shot": {"findings_macro_auc": auc, "diagnosis_accuracy": 0.5}}, f)


def test_aggregate_fake_runs(tmp_path, config):
  runs = sweep.plan_runs(config, [16, 64], "examples", train_examples=700, cap=64)
  _fake_run(tmp_path / "bs_16", 16, runs[0]["total_steps"], 0.1, 0.7, 100.0)
  _fake_run(tmp_path / "bs_64", 64, runs[1]["total_steps"] - 10, 0.3, 0.9, 300.0)  # eval of an older step
  assert sweep.aggregate(str(tmp_path), runs, "examples", "val") == 0
  with open(tmp_path / "sweep.csv") as f:
    rows = list(csv.DictReader(f))
  assert [int(r["batch_size"]) for r in rows] == [16, 64]
  r16, r64 = rows
  assert float(r16["study_to_report_R@1"]) == 0.1 and float(r16["report_to_study_R@1"]) == 0.05
  assert float(r16["findings_macro_auc"]) == 0.7 and r16["status"] == "ok"
  # Median of the logged throughputs after the first (compile) interval: values 100/101 alternate.
  assert 100.0 <= float(r16["examples_per_sec"]) <= 101.0
  assert float(r16["peak_lr"]) == pytest.approx(1e-3)
  assert int(r16["examples_seen"]) == 16 * runs[0]["total_steps"]
  assert r64["status"] == "trained"  # eval exists but not at the final step
  md = (tmp_path / "sweep.md").read_text()
  assert "| 16 | 16 |" in md and "| 64 | 64 |" in md and "0.9" in md
  assert (tmp_path / "sweep.png").stat().st_size > 1000


def test_cli_launch_only_and_refusal(tmp_path):
  data = fake_data.write_dataset(str(tmp_path / "data"), splits={"train": 40, "val": 8})
  base = [sys.executable, "-m", "cmr_clip_jax", "sweep", "--config", DEMO, "--workdir", str(tmp_path / "sw"),
          f"--config.data_dir={data}"]
  out = subprocess.run(base + ["--batch-sizes", "8,16", "--launch-only", "--config.learning_rate=0.002"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
  assert out.returncode == 0, out.stderr
  scripts = json.loads(out.stdout)["run_scripts"]
  assert (tmp_path / "sw" / "launch.sh").read_text().count("/launch/bs_") == 2
  script = open(scripts[1]).read()
  assert script.count("cmr-clip train") == 1 and script.count("cmr-clip eval") == 1
  assert "--config.batch_size=16" in script and "--config.learning_rate=0.002" in script
  c = config_lib.load_config(DEMO)
  assert json.loads(out.stdout)["runs"][1]["total_steps"] == round(c.total_steps * c.batch_size / 16)
  out = subprocess.run(base + ["--batch-sizes", "8,32"], capture_output=True, text=True, cwd=ROOT, timeout=120)
  assert out.returncode == 2 and "more than half of the 40" in out.stderr
  assert "Traceback" not in out.stderr
