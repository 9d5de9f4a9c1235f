"""`cmr-clip export --workdir DIR --out BUNDLE`: a trained run -> an inference bundle.

Layout in `cmr_clip_jax.bundle`. Weights are gathered to the host whatever the checkpoint's
sharding, written unsharded in f32; the StableHLO encoders take the weights as arguments (so
the bundle holds them once, and a large model is not limited by the 2 GB flatbuffer) and a
symbolic batch dimension. The bundle is written to a temporary folder and renamed into place.
"""

import datetime
import json
import os
import shutil
import sys
import tempfile

import numpy as np

from cmr_clip_jax import __version__, bundle, config_lib, distributed, run_info, zero_shot
from data_prep import provenance, records, text as text_lib
from data_prep.errors import UserError

DEFAULT_PLATFORMS = "cpu,cuda,tpu"
# Keys of the resolved config that describe this machine or paths, not the model.
_LOCAL_KEYS = ("data_dir", "profile_steps")


def add_arguments(parser):
  parser.add_argument("--workdir", required=True, help="training run folder (config.json, checkpoints/)")
  parser.add_argument("--out", required=True, help="bundle folder to write (replaced if it is a bundle)")
  parser.add_argument("--step", type=int, default=None, help="checkpoint step (default: latest)")
  parser.add_argument("--data", default=None,
                      help="data folder with manifest.json and tokenizer.model (default: the run's data_dir)")
  parser.add_argument("--prompts", default=None, help="prompt file to ship (default: the set shipped in cmr_clip_jax/prompts.py)")
  parser.add_argument("--platforms", default=DEFAULT_PLATFORMS,
                      help=f"StableHLO lowering platforms, comma-separated (default {DEFAULT_PLATFORMS})")
  distributed.add_arguments(parser)  # so that a multi-process start is recognised and refused


# ------------------------------------------------------------------------- weights
def host_params(params) -> dict:
  """Any params pytree (numpy, or jax Arrays sharded over one or many processes) -> nested numpy f32."""
  import jax
  from jax.experimental import multihost_utils

  def to_host(x):
    if isinstance(x, jax.Array) and not x.is_fully_addressable:
      x = multihost_utils.process_allgather(x, tiled=True)
    return np.asarray(jax.device_get(x), np.float32)
  return jax.tree.map(to_host, params)


def save_weights(params: dict, path: str) -> None:
  from safetensors.numpy import save_file
  flat = {k: np.asarray(v, np.float32, order="C") for k, v in bundle.flatten_params(params).items()}
  save_file(flat, path, metadata={"format": bundle.BUNDLE_FORMAT, "dtype": "float32"})


# ------------------------------------------------------------------------- StableHLO
def export_encoders(model, params: dict, frames_shape, max_len: int, platforms) -> tuple[bytes, bytes]:
  """Serialized jax.export of encode_image(params, frames, view_mask) and encode_text(params, tokens).

  params: per-layer (`block_{i}`, the bundle's key layout); the exported programs stack them
  for the scanned model themselves, so their calling convention is the safetensors tree, as in
  bundles written before the layer scan. frames_shape (V, T, S, S); batch is the symbolic 'b'.
  """
  import jax
  import jax.numpy as jnp
  from cmr_clip_jax import model as model_lib
  p_spec = jax.tree.map(lambda a: jax.ShapeDtypeStruct(a.shape, a.dtype), params)
  b, = jax.export.symbolic_shape("b")

  def image_fn(p, frames, view_mask):
    return model.apply({"params": model_lib.stack_layers(p)}, frames, view_mask,
                       method="encode_image").astype(jnp.float32)

  def text_fn(p, tokens):
    return model.apply({"params": model_lib.stack_layers(p)}, tokens, method="encode_text").astype(jnp.float32)

  image = jax.export.export(jax.jit(image_fn), platforms=platforms)(
      p_spec, jax.ShapeDtypeStruct((b, *frames_shape), jnp.uint8),
      jax.ShapeDtypeStruct((b, frames_shape[0]), jnp.bool_))
  text = jax.export.export(jax.jit(text_fn), platforms=platforms)(
      p_spec, jax.ShapeDtypeStruct((b, max_len), jnp.int32))
  return bytes(image.serialize()), bytes(text.serialize())


# ------------------------------------------------------------------------- model card
def _fmt(x):
  return "n/a" if x is None else f"{x:.3f}"


def _provenance_text(p: dict | None) -> str:
  """'code 0.1.0 @ <commit>, converter v1, de-identifier v1, key <fingerprint>' from whatever is known."""
  if not p:
    return "not recorded"
  parts = [f"code {p.get('package_version') or '?'} @ {p.get('git_commit') or 'no git commit'}"]
  parts += [f"{name} v{p[k]}" for k, name in (("converter_version", "converter"), ("schema_version", "record schema"),
                                               ("deid_version", "de-identifier")) if p.get(k) is not None]
  if p.get("key_fingerprint"):
    parts.append(f"key fingerprint {p['key_fingerprint']}")
  return ", ".join(parts)


def model_card(cfg: dict) -> str:
  """README.md of the bundle from its config.json contents (no per-study information)."""
  data, m = cfg["data"], cfg["model"]
  splits = "\n".join(f"| {s} | {v.get('studies', '?')} | {v.get('patients', '?')} |"
                     for s, v in sorted(data.get("splits", {}).items()))
  lines = [
      "# cmr-clip-jax dual encoder (cardiac MRI study <-> report)",
      "",
      f"Exported {cfg['exported']} by cmr-clip-jax {cfg['package_version']} from training step "
      f"{cfg['step']}. Bundle format {bundle.BUNDLE_FORMAT} v{bundle.BUNDLE_VERSION}.",
      "",
      "## Intended use and limits",
      "",
      "- **Research use only.** Not a medical device; not validated for diagnosis, triage or any "
      "clinical decision.",
      "- Zero-shot scores are cosine-similarity differences against the prompt sets in "
      "`prompts.json`, not calibrated probabilities; thresholds must be chosen on local data.",
      "- The model has only seen the training data summarised below. If that data is the "
      "built-in synthetic generator (`cmr-clip synth`), its reports follow a small set of "
      "templates and its images are simulated: numbers below say nothing about real scanners, "
      "real reports or real patients.",
      "- Inputs must be prepared as in training: the DICOM path of `embed_dicom` / "
      "`cmr-clip embed --dicom` does this (view classification, spacing, cropping, frames).",
      "",
      "## Training data",
      "",
      f"Studies per split (patient-disjoint):\n\n| split | studies | patients |\n|---|---|---|\n{splits}",
      "",
      f"- Stored frames [V, T, H, W]: {data.get('frames_shape')}, in-plane spacing "
      f"{data.get('spacing_mm')} mm, views: {', '.join(data.get('views', records.VIEWS))}.",
      f"- Report tokens: {data.get('max_tokens')} stored, {cfg['input']['max_len']} read by the model; "
      f"sentencepiece vocabulary {cfg['vocab_size']}.",
      "",
      "## Provenance",
      "",
      *[f"- {what}: {_provenance_text(cfg.get('provenance', {}).get(what))}" for what in ("data", "training", "export")],
      "",
      "## Model",
      "",
      f"- Image tower: video ViT width {m['image']['width']}, depth {m['image']['depth']}, "
      f"{m['image']['attention']} space-time attention, patch {m['image']['patch']}, tubelet "
      f"{m['image']['tubelet']}; input uint8 {list(cfg['input_shapes']['frames'])}.",
      f"- Text tower: {'BERT (Hugging Face BertModel)' if m['text'].get('arch') == 'bert' else 'transformer'} "
      f"width {m['text']['width']}, depth {m['text']['depth']}, "
      f"{m['text']['pool']} pooling; input int32 {list(cfg['input_shapes']['tokens'])} (0 = pad).",
      _init_line(cfg.get("init", {})),
      f"- Embedding: {m['embed_dim']}-d, L2-normalised; logit scale {_fmt(cfg.get('logit_scale'))}.",
      f"- Training: loss {cfg['train'].get('loss', {}).get('kind')}, global batch "
      f"{cfg['train'].get('batch_size')}, {cfg['train'].get('total_steps')} steps, peak lr "
      f"{cfg['train'].get('learning_rate')} ({cfg['train'].get('lr_scaling')} scaling). Full "
      "resolved config in `config.json` under `train`.",
      "",
      "## Evaluation",
      "",
  ]
  if not cfg.get("eval"):
    lines.append("No `cmr-clip eval` results were found in the run folder at export time.")
  for split, e in sorted(cfg.get("eval", {}).items()):
    zs, rt = e.get("zero_shot", {}), e.get("retrieval", {})
    lines += [f"### {split} split (step {e.get('step')}, {e.get('num_studies')} studies)", "",
              "| metric | value |", "|---|---|",
              f"| zero-shot findings macro-AUC | {_fmt(zs.get('findings_macro_auc'))} |"]
    lines += [f"| zero-shot AUC {f} | {_fmt(v)} |" for f, v in zs.get("findings_auc", {}).items()]
    lines += [f"| zero-shot diagnosis accuracy | {_fmt(zs.get('diagnosis_accuracy'))} |",
              f"| zero-shot diagnosis macro-F1 | {_fmt(zs.get('diagnosis_macro_f1'))} |",
              f"| shuffled-label control macro-AUC | {_fmt(zs.get('shuffled_control_macro_auc'))} |",
              f"| study->report R@1 | {_fmt(rt.get('study_to_report', {}).get('R@1'))} |",
              f"| report->study R@1 | {_fmt(rt.get('report_to_study', {}).get('R@1'))} |", ""]
  lines += [
      "## Files and use",
      "",
      "```python",
      "import cmr_clip_jax",
      "b = cmr_clip_jax.load_bundle('BUNDLE')            # use_stablehlo=True: no model code needed",
      "z = b.embed_dicom('path/to/study')                # f32 [D]",
      "t = b.embed_text('The left ventricle is dilated.')",
      "print(b.zero_shot(z))",
      "```",
      "",
      "`model.safetensors` (f32, keys '/'-joined Flax param paths), `image_encoder.stablehlo` / "
      "`text_encoder.stablehlo` (`jax.export.deserialize(...).call(params, ...)`, symbolic batch), "
      "`tokenizer.model`, `prompts.json`, `config.json`.",
      "",
  ]
  return "\n".join(lines)


def _init_line(init: dict) -> str:
  """The model card's line on where the towers started (pretrained checkpoints or random)."""
  if not init:
    return "- Initialisation: both towers from random weights."
  parts = [f"{tower} tower from `{v['name']}` (weights sha256 {v['sha256']}...)" for tower, v in sorted(init.items())]
  return "- Initialisation: " + "; ".join(parts) + "; the other parameters random."


def _without_local_paths(train_config: dict) -> dict:
  """The config with model.*.init cut to the checkpoint's folder or file name (a bundle holds no
  local paths; the name and the weights' sha256 identify the checkpoint)."""
  model = {**train_config["model"]}
  for tower in ("image", "text"):
    if model[tower].get("init"):
      model[tower] = {**model[tower], "init": os.path.basename(os.path.normpath(model[tower]["init"]))}
  return {**train_config, "model": model}


# ------------------------------------------------------------------------- bundle
def _eval_summaries(workdir: str) -> dict:
  """{split: eval json} for every DIR/eval/{split}.json, without per-study arrays."""
  out = {}
  eval_dir = os.path.join(workdir, "eval")
  if os.path.isdir(eval_dir):
    for name in sorted(os.listdir(eval_dir)):
      if name.endswith(".json"):
        with open(os.path.join(eval_dir, name)) as f:
          out[name[:-5]] = json.load(f)
  return out


def _data_summary(manifest: dict) -> dict:
  """The manifest's shape and count fields (no shard names, hashes or paths)."""
  return {
      "schema_version": manifest.get("schema_version"),
      "frames_shape": list(manifest["frames_shape"]),
      "views": list(manifest.get("views", records.VIEWS)),
      "spacing_mm": manifest["spacing_mm"],
      "max_tokens": manifest["max_tokens"],
      "vocab_size": manifest["vocab_size"],
      "splits": {s: {k: v.get(k) for k in ("studies", "patients")} for s, v in manifest["splits"].items()},
  }


def write_bundle(out: str, params, train_config: dict, manifest: dict, tokenizer_path: str, prompts: dict,
                 step: int, evals: dict | None = None, platforms=("cpu",), trained_by: dict | None = None,
                 init: dict | None = None) -> dict:
  """Writes a bundle folder atomically and returns its config.json contents.

  params: the model's params pytree (numpy or jax Arrays, any sharding). train_config: the
  resolved training config as a dict. trained_by: the run's code provenance (its config.json).
  init: the checkpoints the towers started from (`pretrained.provenance`, in its config.json).
  Replaces `out` only if it is missing, empty or a bundle.
  """
  import jax
  from cmr_clip_jax import config_lib, model as model_lib
  if os.path.exists(out) and os.listdir(out) and not bundle.is_bundle(out):
    raise UserError(f"--out {out} exists and is not a cmr-clip bundle: refusing to replace it")
  params = model_lib.unstack_layers(host_params(params))  # bundle keys stay per layer for users
  text_init = train_config["model"]["text"].get("init", "")  # the BERT folder its tokenizer comes from
  train_config = _without_local_paths(train_config)
  mcfg = train_config["model"]
  model = model_lib.build_model(config_lib.from_dict(mcfg), manifest["vocab_size"])
  views = config_lib.views(config_lib.from_dict(train_config))
  frames_shape = (len(views), train_config["input"]["frames"], train_config["input"]["size"],
                  train_config["input"]["size"])
  bert = mcfg["text"].get("arch") == "bert"  # tokenizes the report text itself: no stored-length cap
  max_len = mcfg["text"]["max_len"] if bert else min(mcfg["text"]["max_len"], manifest["max_tokens"])
  image_blob, text_blob = export_encoders(model, params, frames_shape, max_len, list(platforms))
  cfg = {
      "format": bundle.BUNDLE_FORMAT,
      "format_version": bundle.BUNDLE_VERSION,
      "package_version": __version__,
      "exported": datetime.date.today().isoformat(),
      "step": int(step),
      "model": mcfg,
      "vocab_size": int(manifest["vocab_size"]),
      "input": {"frames": frames_shape[1], "size": frames_shape[2], "max_len": max_len,
                "views": list(views)},
      "input_shapes": {"frames": ["b", *frames_shape], "view_mask": ["b", frames_shape[0]],
                       "tokens": ["b", max_len]},
      "stablehlo": {"platforms": list(platforms), "jax_version": jax.__version__,
                    "calling_convention": "call(params, frames, view_mask) / call(params, tokens)"},
      "logit_scale": float(model_lib.logit_scale(params)),
      "init": {tower: {"name": os.path.basename(os.path.normpath(v["path"])), "sha256": v["sha256"]}
               for tower, v in (init or {}).items()},  # no local paths in a bundle
      "data": _data_summary(manifest),
      "train": {k: v for k, v in train_config.items() if k not in _LOCAL_KEYS},
      "eval": {s: {k: e.get(k) for k in ("step", "split", "num_studies", "zero_shot", "retrieval")}
               for s, e in (evals or {}).items()},
      "files": bundle.FILES,
      "provenance": {"data": manifest.get("provenance"), "training": trained_by, "export": provenance.code()},
  }
  parent = os.path.dirname(os.path.abspath(out))
  os.makedirs(parent, exist_ok=True)
  tmp = tempfile.mkdtemp(prefix=".bundle-", dir=parent)
  try:
    save_weights(params, os.path.join(tmp, bundle.FILES["weights"]))
    for name, blob in (("image_encoder", image_blob), ("text_encoder", text_blob)):
      with open(os.path.join(tmp, bundle.FILES[name]), "wb") as f:
        f.write(blob)
    shutil.copyfile(tokenizer_path, os.path.join(tmp, bundle.FILES["tokenizer"]))
    if bert:  # tokenizer.json even when the checkpoint shipped only vocab.txt
      text_lib.load_wordpiece(text_init).save(os.path.join(tmp, bundle.WORDPIECE))
    for name, obj in (("prompts", prompts), ("config", cfg)):
      with open(os.path.join(tmp, bundle.FILES[name]), "w") as f:
        json.dump(obj, f, indent=2, default=float)
    with open(os.path.join(tmp, bundle.FILES["card"]), "w") as f:
      f.write(model_card(cfg))
    os.chmod(tmp, 0o755)  # mkdtemp and safetensors create owner-only modes; a bundle is for sharing
    for name in os.listdir(tmp):
      os.chmod(os.path.join(tmp, name), 0o644)
    if os.path.exists(out):  # swap: the old bundle stays whole until the new one is in place
      old = tempfile.mkdtemp(prefix=".bundle-old-", dir=parent)
      os.rename(out, os.path.join(old, "b"))
      os.rename(tmp, out)
      shutil.rmtree(old)
    else:
      os.rename(tmp, out)
  except BaseException:
    shutil.rmtree(tmp, ignore_errors=True)
    raise
  return cfg


def run(args) -> int:
  from cmr_clip_jax import checkpointing, input_pipeline
  distributed.initialize(args)
  distributed.require_single_process("export")
  if not os.path.isdir(args.workdir):
    raise UserError(f"workdir not found: {args.workdir}")
  run_config = checkpointing.read_config(args.workdir)  # UserError when it is not a run folder
  data_dir = args.data or run_config.data_dir
  manifest = input_pipeline.load_manifest(data_dir)
  info = run_info.read(args.workdir)
  run_info.check_data(info, data_dir, manifest, args.workdir)
  if run_info.tokenizer_sha256(data_dir, manifest) is None:
    raise UserError(f"data folder {data_dir} has no tokenizer to ship: pass --data with the run's data folder")
  params, config, step = checkpointing.load_params(args.workdir, step=args.step)
  train_config = config.to_dict()
  tokenizer = os.path.join(data_dir, manifest.get("tokenizer", "tokenizer.model"))
  platforms = [p.strip() for p in args.platforms.split(",") if p.strip()]
  cfg = write_bundle(args.out, params, train_config, manifest, tokenizer, zero_shot.load_prompts(args.prompts),
                     step, _eval_summaries(args.workdir), platforms, trained_by=info.get("provenance"),
                     init=info.get("init", {}))
  sizes = {f: os.path.getsize(os.path.join(args.out, f)) for f in sorted(os.listdir(args.out))}
  print(f"exported step {step} to {args.out} ({sum(sizes.values()) / 2**20:.1f} MiB)", file=sys.stderr)
  json.dump({"bundle": args.out, "step": cfg["step"], "files": sizes, "platforms": platforms}, sys.stdout)
  sys.stdout.write("\n")
  return 0
