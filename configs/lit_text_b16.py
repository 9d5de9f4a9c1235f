"""The mirror of LiT: Bio_ClinicalBERT stays fixed (its [CLS] features, through a learned
projection), the video tower (from the ImageNet ViT-B/16) learns to match them. Useful when
reports are few and the clinical language model should not drift.

  cmr-clip train --config configs/lit_text_b16.py --workdir runs/b16_lit_text --config.data_dir=out/data
"""

import ml_collections

from configs import pretrained_b16


def get_config() -> ml_collections.ConfigDict:
  c = pretrained_b16.get_config()
  c.freeze = "^txt/bert/"
  c.pretrained_lr_factor = 1.0
  return c
