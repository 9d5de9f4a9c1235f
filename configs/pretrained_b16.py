"""The published recipe's towers: text from Bio_ClinicalBERT, video from an ImageNet ViT-B/16,
both trained, the imported weights at a tenth of the learning rate.

Download both once on a connected machine (README, "Starting from pretrained towers"); nothing
is fetched at run time. The shapes of both towers come from the checkpoints' config.json /
arrays (width 768, depth 12, 12 heads, MLP 3072, patch 16); the ViT's 14x14 position grid
is resampled to input.size / 16 and the 2-D patch kernel spread over the tubelet, with time
attention and view/time embeddings starting at zero (TimeSformer's recipe; exact on a still
video: `cmr_clip_jax.load_image_tower`). Reports are tokenized at load time with Bio_ClinicalBERT's
WordPiece (records keep the text), [CLS]-pooled as BERT's sentence embedding is.

  cmr-clip train --config configs/pretrained_b16.py --workdir runs/b16_pre --config.data_dir=out/data

Variants: configs/lit_b16.py (image tower locked) and configs/lit_text_b16.py (text tower locked).
"""

import ml_collections

from configs import cmr_clip_b16


def get_config() -> ml_collections.ConfigDict:
  c = cmr_clip_b16.get_config()
  c.model.text.arch = "bert"
  c.model.text.init = "pretrained/Bio_ClinicalBERT"  # config.json, pytorch_model.bin, vocab.txt
  c.model.text.pool = "cls"
  c.model.image.init = "pretrained/vit-base-patch16-224"  # config.json, model.safetensors
  c.pretrained_lr_factor = 0.1  # imported towers move at lr / 10; time attention, embeddings, projections at lr
  c.learning_rate = 1e-4  # new params (projections, time attention) need more than the published 3e-5
  return c
