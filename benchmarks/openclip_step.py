"""The PyTorch side of `benchmarks/train_step.py --vs-openclip`: OpenCLIP's CLIP + ClipLoss + AdamW.

Runs under another virtualenv (torch, open-clip-torch; not project dependencies), started by
train_step.py as a subprocess. Protocol on stdin/stdout, one line each:
  start:  prints {"ready": ..., "params": ...} after building the model and 2 warm-up steps
  "N":    runs N train steps, prints {"step_s": [...]}
  "profile N": runs N steps under torch.profiler, prints {"profile": {category: self CPU
          seconds}} (categories of benchmarks/step_profile.py, ops sorted by name and shapes)
  EOF:    exits
The architecture is built from a config dict (no pretrained weights). The image is a 256 px
RGB picture with 16 px patches: 256 patch tokens of 3 x 16 x 16 features, against our 256
tubelet tokens of 2 x 16 x 16 (8 views x 2 tubelets x 4 x 4 patches); everything after the
patch embedding has the same shapes.
"""

import argparse
import importlib.machinery
import json
import sys
import time
import types


class _AnyAttr(type):
  """A class whose every attribute is another such class (InterpolationMode.BICUBIC, ...)."""
  def __getattr__(cls, attr):
    if attr.startswith("__"):
      raise AttributeError(attr)
    return _AnyAttr(attr, (), {})


def _placeholder(attr):
  if attr.startswith("__"):
    raise AttributeError(attr)
  return _AnyAttr(attr, (), {})


def _import_open_clip():
  """open_clip imports torchvision at module level for preprocessing transforms and batch-norm
  freezing, neither used here. Where torchvision does not load against this torch (a CUDA
  wheel next to a CPU torch), those names are stubbed so the model code itself can load."""
  try:
    import open_clip
    return open_clip
  except (ImportError, RuntimeError):
    for name in [m for m in sys.modules if m.startswith("torchvision")]:
      del sys.modules[name]
    for name in ("torchvision", "torchvision.transforms", "torchvision.transforms.functional",
                 "torchvision.ops", "torchvision.ops.misc"):
      module = types.ModuleType(name)
      module.__spec__ = importlib.machinery.ModuleSpec(name, None)
      module.__getattr__ = _placeholder
      sys.modules[name] = module
      parent, _, child = name.rpartition(".")
      if parent:
        setattr(sys.modules[parent], child, module)
    import open_clip
    return open_clip


# Ops whose time is a matmul (forward or backward), and attention's fused kernels.
_DOTS = ("aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm", "aten::matmul", "aten::linear",
         "aten::convolution_backward", "aten::mkldnn_convolution", "aten::_convolution")
_ATTENTION = ("scaled_dot_product", "flash_attention", "aten::bmm", "aten::baddbmm")
_COPIES = ("aten::copy_", "aten::clone", "aten::contiguous", "aten::cat", "aten::_to_copy",
           "aten::transpose", "aten::permute", "aten::t")


def _category(event, mlp_dim: int, qkv_dim: int, width: int) -> str:
  """One of step_profile.CATEGORIES for a profiler event (from its name, its input shapes and
  whether it ran inside the optimizer's step)."""
  parent = event
  while parent is not None:
    if parent.name.startswith("Optimizer."):
      return "optimizer"
    parent = parent.cpu_parent
  name = event.name
  dims = {d for shape in (event.input_shapes or []) for d in (shape or [])}
  if any(k in name for k in _ATTENTION):
    return "attention QK^T / PV"
  if "conv" in name:
    return "other dots"
  if name in _DOTS:
    if mlp_dim in dims:
      return "MLP dots"
    if qkv_dim in dims:
      return "attention q/k/v/out projections"
    if dims and max(dims) <= width:  # [B, width] @ [width, embed], the loss's [B, B]
      return "other dots"
    return "attention q/k/v/out projections"  # the [tokens, width] @ [width, width] out-projection
  if name in _COPIES:
    return "transposes / copies"
  if any(k in name for k in ("norm", "gelu", "softmax", "add", "mul", "sub", "div", "sum", "mean",
                             "exp", "log", "where", "masked_fill", "pow", "sqrt", "neg", "fill_")):
    return "layernorm / GELU / softmax / elementwise"
  return "other"


def profile(step, steps: int, args) -> dict:
  """Self CPU seconds per category over `steps` steps, and their wall time."""
  from torch import profiler
  with profiler.profile(activities=[profiler.ProfilerActivity.CPU], record_shapes=True) as prof:
    t0 = time.perf_counter()
    for _ in range(steps):
      step()
    wall = time.perf_counter() - t0
  out = {}
  for e in prof.events():
    c = _category(e, int(args.image_width * 4), 3 * args.image_width, args.image_width)
    out[c] = out.get(c, 0.0) + e.self_cpu_time_total / 1e6
  return {"profile": out, "wall_s": wall, "steps": steps}


def main():
  p = argparse.ArgumentParser()
  p.add_argument("--threads", type=int, required=True)
  p.add_argument("--batch", type=int, default=32)
  p.add_argument("--image-width", type=int, default=192)
  p.add_argument("--image-depth", type=int, default=6)
  p.add_argument("--text-width", type=int, default=192)
  p.add_argument("--text-depth", type=int, default=4)
  p.add_argument("--heads", type=int, default=3)
  p.add_argument("--context", type=int, default=128)
  p.add_argument("--vocab", type=int, default=8000)
  p.add_argument("--embed", type=int, default=128)
  args = p.parse_args()

  import torch
  torch.set_num_threads(args.threads)
  torch.set_num_interop_threads(1)
  open_clip = _import_open_clip()
  torch.manual_seed(0)
  model = open_clip.CLIP(
      embed_dim=args.embed,
      vision_cfg=dict(image_size=256, patch_size=16, width=args.image_width, layers=args.image_depth,
                      head_width=args.image_width // args.heads, mlp_ratio=4.0),
      text_cfg=dict(context_length=args.context, vocab_size=args.vocab, width=args.text_width,
                    heads=args.heads, layers=args.text_depth))
  model.train()
  loss_fn = open_clip.ClipLoss()
  opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)
  images = torch.randn(args.batch, 3, 256, 256)
  text = torch.randint(1, args.vocab, (args.batch, args.context))

  def step():
    t0 = time.perf_counter()
    img, txt, scale = model(images, text)
    loss = loss_fn(img, txt, scale)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    with torch.no_grad():
      model.logit_scale.clamp_(0, 4.6052)
    return time.perf_counter() - t0

  step(), step()
  print(json.dumps({"ready": True, "torch": torch.__version__, "open_clip": open_clip.__version__,
                    "threads": torch.get_num_threads(),
                    "params": sum(p.numel() for p in model.parameters())}), flush=True)
  for line in sys.stdin:
    if line.startswith("profile"):
      print(json.dumps(profile(step, int(line.split()[1]), args)), flush=True)
    else:
      print(json.dumps({"step_s": [step() for _ in range(int(line))]}), flush=True)


if __name__ == "__main__":
  main()
