"""Pretrained towers: imports reproduce the libraries' own outputs (tests/data/golden: the
outputs torch + transformers computed in tests/data/make_golden.py; the weights, never in git,
written by the `golden` fixture from a seed with numpy, tests/golden_weights.py), the tokenizer
gives the library's ids, and a LiT run from an imported text tower learns with the image
tower frozen bitwise."""

import dataclasses
import json
import io
import os
import pickle
import zipfile

import flax.linen as nn
import jax
import numpy as np
import pytest

import cmr_clip_jax
from cmr_clip_jax import bert, config_lib, input_pipeline, model as model_lib, optimizer, pretrained
from cmr_clip_jax import sharding, train_step, zero_shot
from data_prep import records, text as text_lib
from data_prep.errors import UserError
from test_model import tiny_config
from tests import golden_weights

pytestmark = pytest.mark.xdist_group("pretrained")

@pytest.fixture(scope="session")
def golden(tmp_path_factory) -> str:
  """tests/data/golden with the checkpoints' weight files written beside its configs."""
  return golden_weights.write_golden(str(tmp_path_factory.mktemp("golden")))


@pytest.fixture(scope="session")
def ref():
  with np.load(os.path.join(golden_weights.GOLDEN, "reference.npz")) as z:
    return dict(z)


@pytest.mark.parametrize("folder,key", [
    ("bert", "bert_hidden"),  # BertModel, model.safetensors, erf GELU
    ("bert_mlm", "mlm_hidden"),  # BertForMaskedLM ("bert." keys), pytorch_model.bin, tanh GELU, eps 1e-5
])
def test_text_tower_reproduces_transformers(golden, ref, folder, key):
  hidden = np.asarray(cmr_clip_jax.load_text_tower(os.path.join(golden, folder))(ref["tok_ids"], ref["tok_mask"]))
  assert hidden.shape == ref[key].shape
  real = ref["tok_mask"].astype(bool)  # padded positions too: HF computes them the same way
  assert np.abs(hidden - ref[key]).max() < 1e-4
  assert np.abs(hidden[real] - ref[key][real]).max() < 1e-4


def test_the_comparison_sees_the_activation(golden, ref):
  """The same weights with the tanh GELU miss the erf reference: the golden check is sharp
  enough to catch the approximation the issue warns about."""
  folder = os.path.join(golden, "bert")
  cfg = dataclasses.replace(pretrained.bert_config(folder), hidden_act="gelu_new")
  params = pretrained.bert_params(pretrained.read_state_dict(folder), cfg)
  hidden = bert.BertEncoder(cfg).apply({"params": params}, ref["tok_ids"], ref["tok_mask"])
  assert np.abs(np.asarray(hidden) - ref["bert_hidden"]).max() > 1e-4


@pytest.mark.parametrize("folder,key", [("bert", "tok_ids"), ("bert_mlm", "vocab_ids")])
def test_wordpiece_ids_equal_the_library(ref, folder, key):
  """tokenizer.json and a bare vocab.txt (as older BERT folders ship) both give transformers'
  ids, with [CLS] / [SEP], truncation that keeps [SEP], and [PAD] = 0."""
  tok = text_lib.WordPiece(os.path.join(golden_weights.GOLDEN, folder), ref[key].shape[1])
  ids = np.stack([tok(s) for s in ref["sentences"]])
  np.testing.assert_array_equal(ids, ref[key])
  restored = pickle.loads(pickle.dumps(tok))  # what a grain worker receives
  np.testing.assert_array_equal(restored(ref["sentences"][1]), ref[key][1])


def test_torch_zip_reader_rebuilds_strided_tensors_and_refuses_code(golden, tmp_path):
  """The .bin reader gives back the arrays written (a tied decoder rebuilt from the word
  embedding's storage), and a pickle that names any other callable (here os.system) is
  refused before it runs."""
  state = pretrained.read_state_dict(os.path.join(golden, "bert_mlm", "pytorch_model.bin"))
  written = golden_weights.state_dicts(golden_weights.description())["bert_mlm"]
  assert state.keys() == written.keys() and all(np.array_equal(state[k], written[k]) for k in written)
  word = state["bert.embeddings.word_embeddings.weight"]
  assert word.dtype == np.float32 and word.shape[1] == 32
  # Tied decoder: the MLM head shares the word embedding's storage; both rebuilt equal.
  np.testing.assert_array_equal(state["cls.predictions.decoder.weight"], word)

  class Evil:
    def __reduce__(self):
      return (os.system, ("echo pwned",))
  buf = io.BytesIO()
  with zipfile.ZipFile(buf, "w") as zf:
    zf.writestr("archive/data.pkl", pickle.dumps({"w": Evil()}, protocol=2))
  path = tmp_path / "pytorch_model.bin"
  path.write_bytes(buf.getvalue())
  with pytest.raises(UserError, match="refused"):
    pretrained.read_state_dict(str(path))


def test_legacy_torch_save_stream_is_read_with_its_views(golden):
  """The pre-zip torch.save format (files saved before torch 1.6): tensors
  that are views of one storage (offset slice, transpose) rebuilt equal to the safetensors."""
  legacy = pretrained.read_state_dict(os.path.join(golden, "legacy.bin"))
  safe = pretrained.read_state_dict(os.path.join(golden, "bert"))
  word = safe["embeddings.word_embeddings.weight"]
  np.testing.assert_array_equal(legacy["word"], word)
  np.testing.assert_array_equal(legacy["rows"], word[5:9])
  np.testing.assert_array_equal(legacy["transposed"], word.T)
  np.testing.assert_array_equal(legacy["layer0_query"], safe["encoder.layer.0.attention.self.query.weight"])


def test_bad_checkpoint_folders_are_one_line_errors(golden, tmp_path):
  with pytest.raises(UserError, match="config.json"):
    pretrained.bert_config(str(tmp_path))
  (tmp_path / "config.json").write_text('{"hidden_size": 32, "hidden_act": "swish"}')
  with pytest.raises(UserError, match="hidden_act"):
    pretrained.bert_config(str(tmp_path))
  bert_dir = os.path.join(golden, "bert")
  cfg = dataclasses.replace(pretrained.bert_config(bert_dir), num_hidden_layers=3)
  with pytest.raises(UserError, match="layer.2"):
    pretrained.bert_params(pretrained.read_state_dict(bert_dir), cfg)


def _lit_config(golden, **kw):
  c = tiny_config()
  c.model.text.arch, c.model.text.init, c.model.text.max_len = "bert", os.path.join(golden, "bert"), 24
  pretrained.resolve_text_config(c)
  c.freeze = "^img/"
  c.warmup_steps, c.total_steps, c.learning_rate = 0, 100, 3e-3
  c.update(kw)
  config_lib.validate(c)
  return c


def test_config_json_from_before_the_pretrained_towers_still_reads():
  """A workdir / bundle config written before these keys existed validates and builds the
  same model (from scratch, flax's GELU and LayerNorm epsilon)."""
  d = json.loads(config_lib.to_json(tiny_config()))
  del d["pretrained_lr_factor"]
  for tower, key in config_lib._ADDED_MODEL_KEYS:
    del d["model"][tower][key]
  old = config_lib.from_dict(d)
  config_lib.validate(old)
  assert old.to_dict() == config_lib.from_dict(json.loads(config_lib.to_json(tiny_config()))).to_dict()


def test_resolved_config_describes_the_checkpoint(golden):
  c = _lit_config(golden)
  assert (c.model.text.width, c.model.text.depth, c.model.text.heads, c.model.text.mlp_dim) == (32, 2, 4, 64)
  assert c.model.text.bert.hidden_act == "gelu" and c.model.text.bert.max_position_embeddings == 40
  c.model.text.max_len = 41
  with pytest.raises(UserError, match="max_position_embeddings"):
    config_lib.validate(c)
  c.model.text.max_len, c.model.text.init = 24, ""
  with pytest.raises(UserError, match="needs model.text.init"):
    config_lib.validate(c)


def test_lit_from_imported_text_tower_learns_with_frozen_image_tower(golden, ref):
  """LiT: init on a (2, 2, 2) mesh, the BERT import placed with its param shardings, 25 Adam
  steps on one batch of real WordPiece ids: loss falls, the image tower is bitwise unchanged,
  and the text tower started from the checkpoint (its first forward == transformers')."""
  config = _lit_config(golden)
  bert_dir = config.model.text.init
  mesh = sharding.make_mesh((2, 2, 2))
  model = model_lib.build_model(config.model, vocab_size=7)  # the sentencepiece vocab is unused
  tx, _ = optimizer.make_optimizer(config)
  state, shardings = train_step.init_train_state(config, model, tx, mesh, 0)
  state["params"] = pretrained.init_params(config, state["params"], shardings["params"])
  word = state["params"]["txt"]["bert"]["word_embed"]
  assert word.sharding == shardings["params"]["txt"]["bert"]["word_embed"]
  imported = pretrained.bert_params(pretrained.read_state_dict(bert_dir), pretrained.bert_config(bert_dir))
  np.testing.assert_array_equal(np.asarray(word), imported["word_embed"])
  hidden = bert.BertEncoder(pretrained.bert_config(bert_dir)).apply(
      {"params": jax.device_get(state["params"]["txt"]["bert"])}, ref["tok_ids"], ref["tok_mask"])
  assert np.abs(np.asarray(hidden) - ref["bert_hidden"]).max() < 1e-4

  rng = np.random.default_rng(0)
  n = config.batch_size
  tokens = np.stack([ref["tok_ids"][i % len(ref["tok_ids"])] for i in range(n)])
  frames = rng.integers(0, 256, (n, records.NUM_VIEWS, config.input.frames, config.input.size,
                                 config.input.size), dtype=np.uint8)
  batch = {"frames": frames, "view_mask": np.ones((n, records.NUM_VIEWS), bool), "tokens": tokens,
           "report_hash": (np.arange(n) % len(ref["tok_ids"])).astype(np.uint32)}
  config.loss.multi_positive = True  # the six sentences repeat within the batch
  config.loss.sentence_weight = 0.0  # each text is one sentence already
  step = train_step.make_train_step(config, model, tx, mesh, shardings)
  before = jax.device_get(state["params"])
  losses = []
  for _ in range(25):
    state, metrics = step(state, batch)
    losses.append(float(metrics["loss"]))
  after = jax.device_get(state["params"])
  for x, y in zip(jax.tree.leaves(before["img"]), jax.tree.leaves(after["img"])):
    np.testing.assert_array_equal(x, y)
  assert np.abs(after["txt"]["bert"]["blocks"]["query"]["kernel"]
                - before["txt"]["bert"]["blocks"]["query"]["kernel"]).max() > 0
  assert losses[-1] < 0.5 * losses[0], losses


def test_pretrained_lr_factor_scales_the_imported_towers_first_step(golden):
  """Adam's first step moves each param by about lr (g / |g|): the imported tower's by
  pretrained_lr_factor x lr, the rest by lr."""
  config = _lit_config(golden, freeze="", pretrained_lr_factor=0.1, weight_decay=0.0, grad_clip_norm=0.0)
  params = {"txt": {"bert": {"w": np.ones((3,), np.float32)}, "proj": {"kernel": np.ones((3,), np.float32)}}}
  tx, _ = optimizer.make_optimizer(config)
  grads = jax.tree.map(lambda p: np.full_like(p, 0.5), params)
  updates, _ = tx.update(grads, tx.init(params), params)
  np.testing.assert_allclose(updates["txt"]["proj"]["kernel"], -config.learning_rate, rtol=1e-4)
  np.testing.assert_allclose(updates["txt"]["bert"]["w"], -0.1 * config.learning_rate, rtol=1e-4)


def test_input_pipeline_tokenizes_reports_with_the_towers_wordpiece(golden):
  config = _lit_config(golden)
  report = "Severely dilated LV, EF 24%; mid-wall septal LGE."
  record = {"views": {v: np.zeros((4, 16, 16), np.uint8) for v in records.VIEWS}, "report": report,
            "tokens": np.array([2, 9, 9, 3], np.int32)}
  tokens = input_pipeline.prepare_eval(record, config)["tokens"]
  np.testing.assert_array_equal(tokens, text_lib.WordPiece(config.model.text.init, 24)(report))
  assert tokens[0] == 2 and tokens[(tokens != 0).sum() - 1] == 3  # [CLS] ... [SEP] in this vocab
  config = tiny_config()  # the default tower keeps convert's ids
  np.testing.assert_array_equal(input_pipeline.prepare_eval(record, config)["tokens"][:4], [2, 9, 9, 3])


@pytest.mark.parametrize("path,key", [
    ("vit", "vit_cls"),  # HF ViTModel, safetensors, erf GELU
    ("vit_npz.npz", "npz_cls"),  # vision_transformer .npz layout, tanh GELU
])
def test_image_tower_reproduces_the_2d_vit_on_a_still_image(golden, ref, path, key):
  """The video tower (divided attention, one view, the image over one tubelet) == the ViT's
  last_hidden_state[:, 0]."""
  cls = np.asarray(cmr_clip_jax.load_image_tower(os.path.join(golden, path))(ref["vit_images"]))
  assert cls.shape == ref[key].shape
  assert np.abs(cls - ref[key]).max() < 1e-4


def _image_features(config, params, frames, view_mask):
  module = model_lib.ImageEncoder(config.model.image, config.model.embed_dim, np.float32)
  _, state = module.apply({"params": params}, frames, view_mask, mutable=["intermediates"],
                          capture_intermediates=lambda mdl, _: mdl.name == "ln_final")
  return np.asarray(state["intermediates"]["ln_final"]["__call__"][0])


def test_imported_video_tower_on_uint8_frames_folds_the_checkpoint_normalisation(golden, ref):
  """Training form: uint8 frames (the tower maps them to [-1, 1]), ImageNet per-channel
  mean/std folded into the grayscale tubelet kernel, 2 time steps, the other views absent but
  holding other pixels: == HF on (u/255 - mean_c) / std_c of the image replicated to RGB."""
  c = tiny_config()
  c.model.image.init, c.input.size, c.input.frames = os.path.join(golden, "vit"), 32, 4
  c.model.image.pool = "cls"  # the pooled vector is then the CLS token HF returns
  pretrained.resolve_image_config(c)
  assert (c.model.image.width, c.model.image.patch, c.model.image.exact_gelu) == (32, 8, True)
  params = pretrained.vit_tower_params(pretrained.read_vit(c.model.image.init), c.model.image, records.NUM_VIEWS, 4, 32)
  params["proj"] = {"kernel": np.zeros((32, c.model.embed_dim), np.float32)}
  n = len(ref["vit_uint8"])
  frames = np.random.default_rng(1).integers(0, 256, (n, records.NUM_VIEWS, 4, 32, 32), dtype=np.uint8)
  frames[:, 0] = ref["vit_uint8"][:, None]
  mask = np.zeros((n, records.NUM_VIEWS), bool)
  mask[:, 0] = True
  assert np.abs(_image_features(c, params, frames, mask) - ref["vit_uint8_cls"]).max() < 1e-4


def test_position_embedding_resampled_to_the_runs_grid():
  """A linear ramp over the 4x4 grid stays a ramp on 6x6 (linear resampling), corners kept."""
  ramp = np.arange(4, dtype=np.float32)
  pos = (ramp[:, None, None] + 10 * ramp[None, :, None] + np.zeros((1, 1, 3), np.float32)).reshape(16, 3)
  out = pretrained.resize_pos(pos, (6, 6)).reshape(6, 6, 3)
  np.testing.assert_allclose(out[:, 0, 0], np.linspace(0, 3, 6), atol=1e-5)
  np.testing.assert_allclose(out[0, :, 0], np.linspace(0, 30, 6), atol=1e-4)
  np.testing.assert_array_equal(pretrained.resize_pos(pos, (4, 4)), pos)


def test_vit_without_cls_token_is_refused(golden, tmp_path):
  from safetensors.numpy import save_file
  vit = os.path.join(golden, "vit")
  state = pretrained.read_state_dict(vit)
  save_file({k: v for k, v in state.items() if "cls_token" not in k}, str(tmp_path / "model.safetensors"))
  (tmp_path / "config.json").write_text(open(os.path.join(vit, "config.json")).read())
  with pytest.raises(UserError, match="no CLS token"):
    pretrained.read_vit(str(tmp_path))


def test_bundle_of_a_run_from_both_checkpoints(golden, tmp_path, ref):
  """A run from the BERT and ViT checkpoints, exported: the bundle tokenizes with the tower's
  WordPiece (tokenizer.json written even from a vocab.txt-only folder), its text embeddings
  equal the model's, the image tower holds the imported ViT, and config + card name both
  checkpoints with the sha256 of their weights."""
  from cmr_clip_jax import export  # grain, Orbax: only this test needs them
  c = _lit_config(golden, freeze="")
  c.model.text.init = os.path.join(golden, "bert_mlm")  # vocab.txt only
  pretrained.resolve_text_config(c)
  c.model.image.init, c.input.size = os.path.join(golden, "vit_npz.npz"), 32
  pretrained.resolve_image_config(c)
  config_lib.validate(c)
  mesh = sharding.make_mesh((1, 1, 1), jax.devices()[:1])
  model = model_lib.build_model(c.model, vocab_size=7)
  tx, _ = optimizer.make_optimizer(c)
  state, shardings = train_step.init_train_state(c, model, tx, mesh, 0)
  params = jax.device_get(pretrained.init_params(c, state["params"], shardings["params"]))
  spm = tmp_path / "tokenizer.model"
  spm.write_bytes(b"unused by a BERT tower")
  manifest = {"frames_shape": [records.NUM_VIEWS, 4, 32, 32], "spacing_mm": 2.0, "max_tokens": 16,
              "vocab_size": 7, "splits": {"train": {"studies": 1, "patients": 1}}}
  init = pretrained.provenance(c)
  out = str(tmp_path / "bundle")
  export.write_bundle(out, params, c.to_dict(), manifest, str(spm), zero_shot.load_prompts(),
                      0, init=init)
  b = cmr_clip_jax.load_bundle(out)
  sentences = [str(s) for s in ref["sentences"]]
  expected = model.apply({"params": params}, ref["vocab_ids"], method="encode_text")
  np.testing.assert_allclose(b.embed_text(sentences), np.asarray(expected), atol=1e-5)
  assert b.config["init"] == {"text": {"name": "bert_mlm", "sha256": init["text"]["sha256"]},
                              "image": {"name": "vit_npz.npz", "sha256": init["image"]["sha256"]}}
  assert len(init["text"]["sha256"]) == 16 and os.path.isfile(os.path.join(out, "tokenizer.json"))
  blobs = b"".join(open(os.path.join(out, f), "rb").read() for f in os.listdir(out))
  assert golden.encode() not in blobs and golden_weights.GOLDEN.encode() not in blobs  # no local paths
  card = open(os.path.join(out, "README.md")).read()
  assert init["text"]["sha256"] in card and init["image"]["sha256"] in card and "BERT" in card
  vit = pretrained.read_vit(c.model.image.init)
  np.testing.assert_array_equal(b._params["img"]["block_1"]["space_attn"]["out"]["kernel"],  # per layer in bundles
                                vit.params["layers"][1]["o"][0].reshape(4, 8, 32))


@pytest.mark.parametrize("recipe", ["pretrained_b16", "lit_b16", "lit_text_b16"])
def test_recipes_label_the_imported_towers(golden, recipe):
  """The recipes, pointed at the golden checkpoints: what each locks, slows and trains."""
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  c = config_lib.load_config(os.path.join(root, "configs", f"{recipe}.py"), [
      f"--config.model.text.init={golden}/bert", f"--config.model.image.init={golden}/vit", "--config.input.size=32",
      "--config.input.frames=4", "--config.model.text.max_len=24"])
  assert c.model.image.width == 32 and c.model.text.width == 32 and c.model.image.exact_gelu
  model = model_lib.build_model(c.model, vocab_size=7)
  params = jax.eval_shape(lambda: nn.unbox(model.init(jax.random.key(0), *train_step._dummy_inputs(c))["params"]))
  label = lambda frozen, slow: "frozen" if frozen else "pretrained" if slow and c.pretrained_lr_factor != 1 else "train"
  labels = dict(zip(jax.tree.leaves(optimizer.param_paths(params)),
                    jax.tree.leaves(jax.tree.map(label, optimizer.frozen_mask(c, params),
                                                 optimizer.pretrained_mask(c, params)))))
  expect = {
      "pretrained_b16": {"img/blocks/space_attn/qkv/kernel": "pretrained", "img/blocks/time_attn/qkv/kernel": "pretrained",
                         "txt/bert/blocks/ffn_up/kernel": "pretrained", "img/proj/kernel": "train",
                         "txt/proj/kernel": "train"},
      "lit_b16": {"img/blocks/space_attn/qkv/kernel": "frozen", "img/tubelet/kernel": "frozen",
                  "img/blocks/mlp/fc1/kernel": "frozen", "img/blocks/time_attn/out/kernel": "train",
                  "img/time_embed": "train", "img/proj/kernel": "train", "txt/bert/word_embed": "train"},
      "lit_text_b16": {"txt/bert/word_embed": "frozen", "txt/bert/blocks/query/kernel": "frozen",
                       "txt/proj/kernel": "train", "img/blocks/space_attn/qkv/kernel": "train"},
  }[recipe]
  assert {k: labels[k] for k in expect} == expect


@pytest.mark.slow
def test_lit_recipe_through_the_train_command(golden, tmp_path):
  """`cmr-clip train` with configs/lit_b16.py pointed at the golden checkpoints, on convert-shaped
  shards: the run imports both towers, tokenizes the reports with the WordPiece in grain, records
  the checkpoints' sha256 in config.json, and its checkpoint still holds the locked ViT weights
  bitwise while the text tower moved."""
  from cmr_clip_jax import checkpointing, cli
  from tests import fake_data
  data = fake_data.write_dataset(str(tmp_path / "data"), {"train": 16}, frames_shape=(8, 4, 32, 32), max_tokens=16)
  workdir = str(tmp_path / "run")
  bert_dir, vit_dir = os.path.join(golden, "bert"), os.path.join(golden, "vit")
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  overrides = {"data_dir": data, "total_steps": 3, "warmup_steps": 1, "batch_size": 8, "microbatch_size": 8,
               "input.frames": 4, "input.size": 32, "input.num_workers": 0, "input.num_threads": 1,
               "model.text.max_len": 24, "model.dtype": "float32", "model.remat_policy": "none", "model.embed_dim": 16,
               "log_every_steps": 1, "eval_every_steps": 1000, "checkpoint_every_steps": 3,
               "model.text.init": bert_dir, "model.image.init": vit_dir}
  argv = ["train", "--config", os.path.join(root, "configs", "lit_b16.py"), "--workdir", workdir]
  assert cli.main(argv + [f"--config.{k}={v}" for k, v in overrides.items()]) == 0
  with open(os.path.join(workdir, "config.json")) as f:
    info = json.load(f)
  assert info["init"]["text"] == {"path": bert_dir, "sha256": pretrained.file_digest(bert_dir)}
  assert info["init"]["image"]["sha256"] == pretrained.file_digest(vit_dir)
  params, config, step = checkpointing.load_params(workdir)
  assert step == 3
  imported = pretrained.imported_params(config)
  np.testing.assert_array_equal(params["img"]["blocks"]["space_attn"]["qkv"]["kernel"],
                                imported["img"]["blocks"]["space_attn"]["qkv"]["kernel"])
  np.testing.assert_array_equal(params["img"]["tubelet"]["kernel"], imported["img"]["tubelet"]["kernel"])
  assert np.abs(params["txt"]["bert"]["blocks"]["query"]["kernel"]
                - imported["txt"]["bert"]["blocks"]["query"]["kernel"]).max() > 0
