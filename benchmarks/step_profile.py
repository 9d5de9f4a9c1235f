"""Per-op profile of both sides of `train_step.py --vs-openclip`, grouped into the same categories.

  .venv/bin/python benchmarks/step_profile.py --openclip-python /work/torchvenv/bin/python [--steps 2]

Ours: the real fused train step at the issue-13 shape (train_step.make_config("openclip")),
traced with `jax.profiler` (XLA:CPU records one event per executed HLO op, inside scan bodies
too); each op is placed in a category from the optimized HLO that `--xla_dump_to` writes (its
opcode, whether it or its fused computation holds a dot, and the Flax module path in its
op_name). OpenCLIP's: `torch.profiler` self CPU time of each aten op (openclip_step.py,
"profile N"), placed from its name, input shapes and whether it ran inside the optimizer.

The machine is shared, so the tables give each category's SHARE of the profiled op time, not
absolute times; the load average is printed with them. Prints one JSON object.
"""

import argparse
import collections
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

_DUMP = tempfile.mkdtemp(prefix="step_profile_")
os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} --xla_dump_to={_DUMP}/hlo --xla_dump_hlo_as_text"

import jax  # noqa: E402  (after XLA_FLAGS)

import train_step as bench  # noqa: E402  (benchmarks/train_step.py, the --vs-openclip shape)

CATEGORIES = ("attention q/k/v/out projections", "attention QK^T / PV", "MLP dots", "other dots",
              "layernorm / GELU / softmax / elementwise", "transposes / copies",
              "scan buffers (zero fill, dynamic slices)", "optimizer", "other")
_CONTAINERS = ("while", "conditional", "call")
_INSTRUCTION = re.compile(r"\s*(?:ROOT )?%?([\w.\-]+) = \S+ ([\w\-]+)\(")
# Ops of the optimizer, the clip and the schedule carry no module path: "jit(step)/mul".
_OPTIMIZER = re.compile(r"^jit\(step\)/(jit\(_where\)/)?[\w\-]+(;jit\(step\))?$")


def parse_hlo(path: str) -> dict:
  """Optimized HLO text -> {instruction: (opcode, op_name, holds a dot, fills zeros)}; a zero
  fill is a broadcast of a constant or a copy of one (XLA shares one broadcast between the
  stacked outputs of a scan, then copies it for each)."""
  computations, current, inst, operand = collections.defaultdict(list), None, {}, {}
  for line in open(path):
    if not line.startswith(" ") and "{" in line:
      current = line.split()[1 if line.startswith("ENTRY") else 0].lstrip("%")
    m = _INSTRUCTION.match(line)
    if m:
      computations[current].append(line)
      op = re.search(r'op_name="([^"]*)"', line)
      called = re.search(r"calls=%?([\w.\-]+)", line)
      inst[m.group(1)] = (m.group(2), op.group(1) if op else "", called.group(1) if called else None)
      first = re.search(r"\(%?([\w.\-]+)[,)]", line[m.end() - 1:])
      operand[m.group(1)] = first.group(1) if first else ""
  has_dot = lambda c: any(re.search(r" (dot|convolution)\(", l) for l in computations.get(c, ()))
  fill = lambda k: k.startswith("wrapped_broadcast") and operand[k].startswith("constant")
  return {k: (opc, op, opc in ("dot", "convolution") or (opc == "fusion" and has_dot(c)),
              fill(k) or (opc == "copy" and fill(operand[k])))
          for k, (opc, op, c) in inst.items()}


def category(name: str, opcode: str, op_name: str, is_dot: bool, zero_fill: bool):
  """One of CATEGORIES for an HLO op of the train step (None for loop / call containers)."""
  if opcode in _CONTAINERS:
    return None
  if is_dot:
    if "/mlp/" in op_name:
      return "MLP dots"
    if re.search(r"attn/(qkv|out|q|kv)/", op_name):
      return "attention q/k/v/out projections"
    if "attn/" in op_name:
      return "attention QK^T / PV"
    return "other dots"
  if zero_fill or "dynamic-slice" in name or "dynamic-update-slice" in name:
    return "scan buffers (zero fill, dynamic slices)"
  if opcode in ("copy", "transpose") or name.startswith(("copy", "transpose")):
    return "transposes / copies"
  if _OPTIMIZER.match(op_name):
    return "optimizer"
  if op_name:
    return "layernorm / GELU / softmax / elementwise"
  return "other"


def jax_profile(steps: int) -> dict:
  runner = bench.Runner(bench.make_config("openclip"), bench.OPENCLIP_VOCAB)
  runner.run(1)
  with jax.profiler.trace(os.path.join(_DUMP, "trace"), create_perfetto_trace=True):
    wall = sum(runner.run(steps))
  return {**classify_trace(_DUMP, steps), "wall_s": wall, "steps": steps}


def classify_trace(dump: str, steps: int) -> dict:
  """Seconds per category of the jit_step ops in DUMP/trace, from the HLO in DUMP/hlo."""
  hlo = parse_hlo(glob.glob(os.path.join(dump, "hlo", "*jit_step.cpu_after_optimizations.txt"))[0])
  trace = json.load(gzip.open(glob.glob(os.path.join(dump, "trace", "**", "*perfetto_trace.json.gz"),
                                        recursive=True)[0]))
  out, top = collections.Counter(), collections.Counter()
  for e in trace["traceEvents"] if isinstance(trace, dict) else trace:
    a = e.get("args") or {}
    if e.get("ph") != "X" or not a.get("hlo_module", "").startswith("jit_step"):
      continue
    c = category(a["hlo_op"], *hlo.get(a["hlo_op"], ("", "", False, False)))
    if c:
      out[c] += e["dur"] / 1e6
      top[(c, a["hlo_op"])] += e["dur"] / 1e6
  return {"profile": dict(out), "dump_dir": dump,
          "top_ops": [[c, op, round(s / steps, 4)] for (c, op), s in top.most_common(12)]}


def torch_profile(python: str, steps: int) -> dict:
  c = bench.make_config("openclip")
  side = subprocess.Popen(
      [python, os.path.join(os.path.dirname(os.path.abspath(__file__)), "openclip_step.py"),
       "--threads", str(os.cpu_count()), "--batch", str(c.batch_size), "--vocab", str(bench.OPENCLIP_VOCAB)],
      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
  info = json.loads(side.stdout.readline())
  side.stdin.write(f"profile {steps}\n")
  side.stdin.flush()
  out = json.loads(side.stdout.readline())
  side.stdin.close()
  side.wait()
  return {**out, "versions": {"torch": info["torch"], "open_clip": info["open_clip"]}}


def shares(result: dict) -> dict:
  total = sum(result["profile"].values())
  return {c: round(result["profile"].get(c, 0.0) / total, 3) for c in CATEGORIES}


def main():
  p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  p.add_argument("--openclip-python", default="/work/torchvenv/bin/python")
  p.add_argument("--steps", type=int, default=2, help="profiled steps per side")
  args = p.parse_args()
  load_before = os.getloadavg()[0]
  ours = jax_profile(args.steps)
  theirs = torch_profile(args.openclip_python, args.steps)
  per_step = lambda r: {"op_s_per_step": round(sum(r["profile"].values()) / r["steps"], 3),
                        "wall_s_per_step": round(r["wall_s"] / r["steps"], 3)}
  print(json.dumps({"benchmark": "step_profile", "shape": "issue-13 --vs-openclip shape, batch 32, AdamW",
                    "cpu_count": os.cpu_count(), "load_avg_before": load_before,
                    "load_avg_after": os.getloadavg()[0], "steps": args.steps,
                    "ours_share": shares(ours), "openclip_share": shares(theirs),
                    "ours": per_step(ours), "openclip": per_step(theirs),
                    "ours_top_ops": ours["top_ops"], "ours_hlo_and_trace": ours["dump_dir"], "openclip_versions": theirs["versions"]}))


if __name__ == "__main__":
  main()
