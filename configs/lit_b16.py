"""LiT (Zhai et al. 2022, "locked-image tuning") for CMR: the ImageNet ViT-B/16's weights stay
fixed; the Bio_ClinicalBERT text tower learns to read the locked image features.

What is locked is what the 2-D ViT brought (patch kernel, position embedding, space attention,
MLPs, norms); what a 2-D ViT has no counterpart for (time attention, view and time
embeddings) and the projection still train, so the tower can learn to use the cine's motion.
Set `freeze = "^img/"` instead to lock everything, projection included.

  cmr-clip train --config configs/lit_b16.py --workdir runs/b16_lit --config.data_dir=out/data
"""

import ml_collections

from configs import pretrained_b16


def get_config() -> ml_collections.ConfigDict:
  c = pretrained_b16.get_config()
  c.freeze = r"^img/(?!proj/|view_embed|time_embed|blocks/(time_attn|ln_time)/)"
  c.pretrained_lr_factor = 1.0  # the text tower fine-tunes at the full rate (LiT)
  c.learning_rate = 3e-5
  return c
