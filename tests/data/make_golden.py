"""Writes tests/data/golden/: what torch + transformers compute on tiny towers, so
tests/test_pretrained.py can check our imports without them. No weight file is written or kept
in git: the weights are numpy arrays made from a seed by tests/golden_weights.py, loaded here
into the torch models (strict); the tests make the same arrays and write the weight files into
a temporary folder (tests/golden_weights.py, tests/torch_save.py).

Run once, in a virtualenv OUTSIDE the repo that has torch + transformers (never a test
dependency):

  python3 -m venv /work/goldenvenv
  /work/goldenvenv/bin/pip install torch==2.13.0 transformers tokenizers safetensors
  /work/goldenvenv/bin/python tests/data/make_golden.py

Writes (about 70 kB):
  bert/        BertModel config (hidden_act "gelu", erf) + WordPiece tokenizer files
  bert_mlm/    BertForMaskedLM config (keys "bert.*", hidden_act "gelu_new"), vocab.txt only
  vit/         ViTModel config (CLS token, 3 channels, 32 px, patch 8), ImageNet mean/std
  weights.json   per checkpoint: each tensor's key, dtype and shape as its file holds it, the
                 ties, the arrays' sha256 (vit_npz: a tanh-GELU ViT, HF keys, and its heads)
  reference.npz  inputs and the libraries' outputs (names in `main`)
and checks, once, that the files the tests write load in the libraries: torch.load of the zip
and legacy .bin gives the same tensors (strides, offsets, shared storages), and from_pretrained
of each folder gives the same outputs.
"""

import json
import os
import re
import shutil
import sys
import tempfile

import numpy as np
import safetensors.numpy
import torch
import transformers
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests import golden_weights  # noqa: E402  (numpy only; the repo root is not installed here)

OUT = golden_weights.GOLDEN

# Written the way clinicians write: abbreviations, units, numbers, de-identification tags.
SENTENCES = [
    "Normal LV size and systolic function. LVEF 62%. No LGE.",
    "Severely dilated LV (LVEDVi 148 ml/m2) with global hypokinesis, EF 24%; mid-wall septal LGE c/w DCM.",
    "Asymmetric septal hypertrophy, max wall thickness 19 mm, SAM of the anterior MV leaflet.",
    "Subendocardial LGE in the LAD territory (>50% transmurality) consistent with prior MI.",
    "RV dilated, RVEF 38%, regional RV free wall dyskinesia; ?ARVC. Seen by [name] on [date].",
    "Small pericardial effusion. Otherwise unremarkable study.",
]


def tokenizer_dir(path):
  """A tiny uncased WordPiece vocab trained on SENTENCES, saved as BertTokenizerFast does."""
  tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
  tok.normalizer = normalizers.BertNormalizer(lowercase=True)
  tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
  specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
  tok.train_from_iterator(SENTENCES * 4, trainers.WordPieceTrainer(vocab_size=160, special_tokens=specials))
  tok.post_processor = processors.BertProcessing(("[SEP]", tok.token_to_id("[SEP]")),
                                                 ("[CLS]", tok.token_to_id("[CLS]")))
  fast = transformers.BertTokenizerFast(tokenizer_object=tok, do_lower_case=True)
  fast.save_pretrained(path)
  return transformers.AutoTokenizer.from_pretrained(path)


def saved_names(model) -> dict:
  """{state_dict key: the key save_pretrained writes}: transformers 5 renames some (ViT's
  layers.0.attention.q_proj is encoder.layer.0.attention.attention.query on the hub). Found by
  saving the model with each tensor filled with its index."""
  state = model.state_dict()
  with torch.no_grad():
    for i, t in enumerate(state.values()):
      t.fill_(i)
  with tempfile.TemporaryDirectory() as tmp:
    model.save_pretrained(tmp)
    saved = safetensors.numpy.load_file(os.path.join(tmp, "model.safetensors"))
  keys = list(state)
  names = {keys[int(v.flat[0])]: k for k, v in saved.items()}
  assert len(names) == len(keys) and all(tuple(state[m].shape) == saved[k].shape for m, k in names.items())
  return names


def load_seeded(model, name: str, as_saved: bool = True) -> dict:
  """Loads golden_weights' arrays for checkpoint `name` into `model` (strict); -> its
  weights.json entry, keyed as save_pretrained's file (as_saved) or torch.save(state_dict())."""
  state = model.state_dict()
  names = saved_names(model) if as_saved else {k: k for k in state}
  first, ties = {}, {}
  for k, t in state.items():  # one storage under two names: the MLM head's tied decoder
    owner = first.setdefault(t.untyped_storage().data_ptr(), k)
    if owner != k:
      ties[names[k]] = names[owner]
  entry = {"tensors": {names[k]: [str(t.numpy().dtype), list(t.shape)] for k, t in state.items()}, "ties": ties}
  arrays = golden_weights.state_dicts({name: entry})[name]
  entry["sha256"] = golden_weights.digest(arrays)
  model.load_state_dict({k: torch.from_numpy(arrays[names[k]]) for k in state}, strict=True)
  return entry


def save_config(model, folder: str) -> None:
  """config.json as save_pretrained writes it beside the weights (which stay out of the tree)."""
  os.makedirs(folder, exist_ok=True)
  with tempfile.TemporaryDirectory() as tmp:
    model.save_pretrained(tmp)
    shutil.copy(os.path.join(tmp, "config.json"), folder)


def check_written_files(ref: dict, bert, mlm) -> None:
  """The weight files golden_weights writes, read back by the libraries: torch.load gives
  torch's tensors (zip: values, strides, the tied storage, also memory-mapped; legacy: the
  views' offsets and strides on one storage), from_pretrained gives the references."""
  with tempfile.TemporaryDirectory() as tmp:
    out = golden_weights.write_golden(os.path.join(tmp, "golden"))
    path = os.path.join(out, "bert_mlm", "pytorch_model.bin")
    expected = mlm.state_dict()
    for loaded in (torch.load(path, weights_only=True), torch.load(path, weights_only=True, mmap=True)):
      assert list(loaded) == list(expected)
      for k, t in expected.items():
        assert torch.equal(loaded[k], t) and loaded[k].stride() == t.stride() and loaded[k].dtype == t.dtype, k
      ptr = lambda k: loaded[k].untyped_storage().data_ptr()
      assert ptr("cls.predictions.decoder.weight") == ptr("bert.embeddings.word_embeddings.weight")
      assert ptr("cls.predictions.decoder.bias") == ptr("cls.predictions.bias")
    word = bert.embeddings.word_embeddings.weight.detach()
    views = {"word": word, "rows": word[5:9], "transposed": word.t(),
             "layer0_query": bert.state_dict()["encoder.layer.0.attention.self.query.weight"]}
    legacy = torch.load(os.path.join(out, "legacy.bin"), weights_only=True)
    assert list(legacy) == list(views)
    for k, t in views.items():
      got = legacy[k]
      assert torch.equal(got, t) and (got.stride(), got.storage_offset()) == (t.stride(), t.storage_offset()), k
      assert (got.untyped_storage().data_ptr() == legacy["word"].untyped_storage().data_ptr()) == (k != "layer0_query")

    ids, mask = torch.tensor(ref["tok_ids"], dtype=torch.long), torch.tensor(ref["tok_mask"], dtype=torch.long)
    pixels = torch.tensor(np.repeat(ref["vit_images"][:, None], 3, axis=1))
    with torch.no_grad():
      got = {"bert_hidden": transformers.BertModel.from_pretrained(os.path.join(out, "bert")).eval()(
                 input_ids=ids, attention_mask=mask).last_hidden_state,
             "mlm_hidden": transformers.BertForMaskedLM.from_pretrained(os.path.join(out, "bert_mlm")).eval().bert(
                 input_ids=ids, attention_mask=mask).last_hidden_state,
             "vit_cls": transformers.ViTModel.from_pretrained(os.path.join(out, "vit"), add_pooling_layer=False).eval()(
                 pixel_values=pixels).last_hidden_state[:, 0]}
    for k, v in got.items():
      np.testing.assert_allclose(v.numpy(), ref[k], rtol=0, atol=1e-6, err_msg=k)


def one_tensor_a_line(text: str) -> str:
  """Indented JSON with each [dtype, shape] pair on one line: ["float32", [160, 32]]."""
  return re.sub(r'\[\s*("\w+"),\s*\[([\d,\s]*)\]\s*\]',
                lambda m: f"[{m[1]}, {json.dumps(json.loads(f'[{m[2]}]'))}]", text)


def main():
  ref, weights = {}, {}
  tok = tokenizer_dir(os.path.join(OUT, "bert"))
  enc = tok(SENTENCES, padding="max_length", truncation=True, max_length=24, return_tensors="np")
  ref["tok_ids"], ref["tok_mask"] = enc["input_ids"].astype(np.int32), enc["attention_mask"].astype(np.int32)
  assert tok.pad_token_id == 0

  # initializer_range: the scale golden_weights.init draws at (0.3: see there why).
  common = dict(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                intermediate_size=64, max_position_embeddings=40, type_vocab_size=2, layer_norm_eps=1e-12,
                initializer_range=0.3)
  ids = torch.tensor(ref["tok_ids"], dtype=torch.long)
  mask = torch.tensor(ref["tok_mask"], dtype=torch.long)

  bert = transformers.BertModel(transformers.BertConfig(hidden_act="gelu", **common)).eval()
  weights["bert"] = load_seeded(bert, "bert")
  save_config(bert, os.path.join(OUT, "bert"))
  with torch.no_grad():
    ref["bert_hidden"] = bert(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()

  mlm = transformers.BertForMaskedLM(transformers.BertConfig(
      hidden_act="gelu_new", **{**common, "layer_norm_eps": 1e-5})).eval()
  # A .bin as save_pretrained(safe_serialization=False) wrote it: torch.save of the state dict
  # (the zip), keyed and tied as state_dict() is.
  weights["bert_mlm"] = load_seeded(mlm, "bert_mlm", as_saved=False)
  mlm_dir = os.path.join(OUT, "bert_mlm")
  os.makedirs(mlm_dir, exist_ok=True)
  mlm.config.save_pretrained(mlm_dir)
  # The tokenizer as older hub folders (Bio_ClinicalBERT) ship it: vocab.txt only.
  vocab = sorted(tok.get_vocab().items(), key=lambda kv: kv[1])
  with open(os.path.join(mlm_dir, "vocab.txt"), "w") as f:
    f.write("".join(w + "\n" for w, _ in vocab))
  legacy = transformers.BertTokenizer(os.path.join(mlm_dir, "vocab.txt"), do_lower_case=True)
  enc = legacy(SENTENCES, padding="max_length", truncation=True, max_length=24, return_tensors="np")
  ref["vocab_ids"] = enc["input_ids"].astype(np.int32)
  with torch.no_grad():
    ref["mlm_hidden"] = mlm.bert(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()

  common_vit = dict(image_size=32, patch_size=8, num_channels=3, hidden_size=32, num_hidden_layers=2,
                    num_attention_heads=4, intermediate_size=64, qkv_bias=True, initializer_range=0.3)
  vit = transformers.ViTModel(transformers.ViTConfig(hidden_act="gelu", layer_norm_eps=1e-12, **common_vit),
                              add_pooling_layer=False).eval()
  weights["vit"] = load_seeded(vit, "vit")
  save_config(vit, os.path.join(OUT, "vit"))
  # ImageNet statistics, different per channel, so folding them into the kernel is tested.
  mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
  with open(os.path.join(OUT, "vit", "preprocessor_config.json"), "w") as f:  # as ViTImageProcessor writes it
    json.dump({"image_processor_type": "ViTImageProcessor", "do_rescale": True, "rescale_factor": 1 / 255,
               "do_normalize": True, "image_mean": mean, "image_std": std, "size": {"height": 32, "width": 32}}, f)
  rng = np.random.default_rng(0)
  images = rng.normal(size=(3, 32, 32)).astype(np.float32)  # already in the checkpoint's normalisation
  with torch.no_grad():
    out = vit(pixel_values=torch.tensor(np.repeat(images[:, None], 3, axis=1)))
  ref["vit_images"], ref["vit_cls"] = images, out.last_hidden_state[:, 0].numpy()
  # uint8 grayscale as the records hold it, normalised per channel as the checkpoint expects.
  gray = rng.integers(0, 256, (3, 32, 32), dtype=np.uint8)
  pixels = (gray[:, None] / 255.0 - np.array(mean)[:, None, None]) / np.array(std)[:, None, None]
  with torch.no_grad():
    out = vit(pixel_values=torch.tensor(pixels, dtype=torch.float32))
  ref["vit_uint8"], ref["vit_uint8_cls"] = gray, out.last_hidden_state[:, 0].numpy()

  # A ViT with flax's conventions (tanh GELU, LayerNorm eps 1e-6), which the tests read in the
  # vision_transformer .npz layout (golden_weights.vit_npz); the reference is transformers'.
  vit_tanh = transformers.ViTModel(transformers.ViTConfig(hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6,
                                                          **common_vit), add_pooling_layer=False).eval()
  weights["vit_npz"] = {**load_seeded(vit_tanh, "vit_npz"), "heads": common_vit["num_attention_heads"]}
  with torch.no_grad():
    out = vit_tanh(pixel_values=torch.tensor(np.repeat(images[:, None], 3, axis=1)))
  ref["npz_cls"] = out.last_hidden_state[:, 0].numpy()

  with open(os.path.join(OUT, golden_weights.DESCRIPTION), "w") as f:
    f.write(one_tensor_a_line(json.dumps(weights, indent=1)) + "\n")
  np.savez_compressed(os.path.join(OUT, "reference.npz"), sentences=np.array(SENTENCES), **ref)
  check_written_files(ref, bert, mlm)
  print({k: v.shape for k, v in ref.items()}, "torch", torch.__version__, "transformers", transformers.__version__)


if __name__ == "__main__":
  main()
