"""Writes tests/data/golden/: tiny random-initialised towers made by the real libraries, with
their inputs and outputs, so tests/test_pretrained.py can check our imports without torch.

Run once, in a virtualenv OUTSIDE the repo that has torch + transformers (never a test
dependency):

  python3 -m venv /work/goldenvenv
  /work/goldenvenv/bin/pip install torch==2.13.0 transformers tokenizers
  /work/goldenvenv/bin/python tests/data/make_golden.py

Writes (a few hundred kB in all):
  bert/        BertModel (hidden_act "gelu", erf) + WordPiece tokenizer, safetensors
  bert_mlm/    BertForMaskedLM (keys "bert.*", hidden_act "gelu_new"), pytorch_model.bin, vocab.txt only
  vit/         ViTModel (CLS token, 3 channels, 32 px, patch 8), safetensors, ImageNet mean/std
  vit_npz.npz  a tanh-GELU ViT in the vision_transformer .npz layout
  legacy.bin   a few of bert/'s tensors in the legacy (pre-zip) torch.save format
  reference.npz  inputs and the libraries' outputs (names in `main`)
"""

import json
import os
import tempfile

import numpy as np
import safetensors.numpy
import torch
import transformers
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")

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


def vision_transformer_npz(common_vit, images, path):
  """A ViT with flax's conventions (tanh GELU, LayerNorm eps 1e-6, inputs in [-1, 1]) saved in
  the google-research/vision_transformer .npz layout (the ImageNet-21k ViT-B/16 files'); the
  layout is written from its published naming, and the reference is transformers' output."""
  vit = transformers.ViTModel(transformers.ViTConfig(hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6,
                                                     **common_vit), add_pooling_layer=False).eval()
  with tempfile.TemporaryDirectory() as tmp:  # the saved (hub) key names, not transformers' in-memory ones
    vit.save_pretrained(tmp)
    sd = safetensors.numpy.load_file(os.path.join(tmp, "model.safetensors"))
  d, h = common_vit["hidden_size"], common_vit["num_attention_heads"]
  out = {"cls": sd["embeddings.cls_token"],
         "embedding/kernel": sd["embeddings.patch_embeddings.projection.weight"].transpose(2, 3, 1, 0),
         "embedding/bias": sd["embeddings.patch_embeddings.projection.bias"],
         "Transformer/posembed_input/pos_embedding": sd["embeddings.position_embeddings"],
         "Transformer/encoder_norm/scale": sd["layernorm.weight"], "Transformer/encoder_norm/bias": sd["layernorm.bias"]}
  for i in range(common_vit["num_hidden_layers"]):
    p, q = f"encoder.layer.{i}.", f"Transformer/encoderblock_{i}/"
    for ln, name in (("layernorm_before", "LayerNorm_0"), ("layernorm_after", "LayerNorm_2")):
      out[q + name + "/scale"], out[q + name + "/bias"] = sd[p + ln + ".weight"], sd[p + ln + ".bias"]
    for n in ("query", "key", "value"):
      out[q + f"MultiHeadDotProductAttention_1/{n}/kernel"] = sd[p + f"attention.attention.{n}.weight"].T.reshape(d, h, d // h)
      out[q + f"MultiHeadDotProductAttention_1/{n}/bias"] = sd[p + f"attention.attention.{n}.bias"].reshape(h, d // h)
    out[q + "MultiHeadDotProductAttention_1/out/kernel"] = sd[p + "attention.output.dense.weight"].T.reshape(h, d // h, d)
    out[q + "MultiHeadDotProductAttention_1/out/bias"] = sd[p + "attention.output.dense.bias"]
    for dense, name in (("intermediate.dense", "Dense_0"), ("output.dense", "Dense_1")):
      out[q + f"MlpBlock_3/{name}/kernel"], out[q + f"MlpBlock_3/{name}/bias"] = sd[p + dense + ".weight"].T, sd[p + dense + ".bias"]
  np.savez(path, **out)
  with torch.no_grad():
    return vit(pixel_values=torch.tensor(np.repeat(images[:, None], 3, axis=1))).last_hidden_state[:, 0].numpy()


def main():
  torch.manual_seed(0)
  ref = {}
  tok = tokenizer_dir(os.path.join(OUT, "bert"))
  enc = tok(SENTENCES, padding="max_length", truncation=True, max_length=24, return_tensors="np")
  ref["tok_ids"], ref["tok_mask"] = enc["input_ids"].astype(np.int32), enc["attention_mask"].astype(np.int32)
  assert tok.pad_token_id == 0

  # initializer_range 0.3, not 0.02: with O(1) pre-activations the erf and tanh GELUs differ
  # by more than the 1e-4 tolerance, so the fixtures can tell them apart (as trained weights do).
  common = dict(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                intermediate_size=64, max_position_embeddings=40, type_vocab_size=2, layer_norm_eps=1e-12,
                initializer_range=0.3)
  ids = torch.tensor(ref["tok_ids"], dtype=torch.long)
  mask = torch.tensor(ref["tok_mask"], dtype=torch.long)

  bert = transformers.BertModel(transformers.BertConfig(hidden_act="gelu", **common)).eval()
  bert.save_pretrained(os.path.join(OUT, "bert"))
  with torch.no_grad():
    ref["bert_hidden"] = bert(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()

  mlm = transformers.BertForMaskedLM(transformers.BertConfig(
      hidden_act="gelu_new", **{**common, "layer_norm_eps": 1e-5})).eval()
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
  # A .bin as save_pretrained(safe_serialization=False) wrote it: torch.save of the state dict (zip).
  torch.save(mlm.state_dict(), os.path.join(mlm_dir, "pytorch_model.bin"))
  with torch.no_grad():
    ref["mlm_hidden"] = mlm.bert(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()

  common_vit = dict(image_size=32, patch_size=8, num_channels=3, hidden_size=32, num_hidden_layers=2,
                    num_attention_heads=4, intermediate_size=64, qkv_bias=True, initializer_range=0.3)
  vit = transformers.ViTModel(transformers.ViTConfig(hidden_act="gelu", layer_norm_eps=1e-12, **common_vit),
                              add_pooling_layer=False).eval()
  vit.save_pretrained(os.path.join(OUT, "vit"))
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
  # The legacy (pre-zip) torch.save stream older hub uploads use; views that share one storage
  # (an offset slice, a transpose) test the strided rebuild.
  word = bert.embeddings.word_embeddings.weight.detach()
  torch.save({"word": word, "rows": word[5:9], "transposed": word.t(), "layer0_query": bert.state_dict()[
      "encoder.layer.0.attention.self.query.weight"]}, os.path.join(OUT, "legacy.bin"), _use_new_zipfile_serialization=False)
  ref["npz_cls"] = vision_transformer_npz(common_vit, images, os.path.join(OUT, "vit_npz.npz"))
  np.savez_compressed(os.path.join(OUT, "reference.npz"), sentences=np.array(SENTENCES), **ref)
  print({k: v.shape for k, v in ref.items()}, "torch", torch.__version__, "transformers", transformers.__version__)


if __name__ == "__main__":
  main()
