"""Between the demo and the published scale: one GPU or a small TPU slice, hours not days.

ViT-S-like video tower (width 384, 6 layers) over 16 frames at 112 px, a 4-layer text tower
over 256 tokens, 256-d embeddings, global batch 1024 streamed in microbatches of 128.
Cost: 9.9e10 FLOP per study forward (25M params), 3.0e14 per step, 1.5e18 for 5k steps:
about 3 h on one A100 at 40% MFU.

  cmr-clip train --config configs/small.py --workdir runs/small --config.data_dir=out/data
"""

import ml_collections

from configs import demo


def get_config() -> ml_collections.ConfigDict:
  c = demo.get_config()
  c.data_dir = "out/data"

  c.total_steps = 5_000
  c.batch_size = 1024
  c.microbatch_size = 128
  c.learning_rate = 3e-4
  c.lr_scaling = "sqrt"
  c.lr_reference_batch = 1024
  c.warmup_steps = 250

  c.loss.multi_positive = True

  c.input.frames = 16
  c.input.size = 112
  c.input.num_threads = 8
  c.input.num_workers = 2
  c.input.prefetch = 4

  c.model.embed_dim = 256
  c.model.dtype = "bfloat16"
  c.model.remat_policy = "full"  # 4k tokens a study x microbatch 128: keep block inputs only
  c.model.image.width = 384
  c.model.image.depth = 6
  c.model.image.heads = 6
  c.model.image.mlp_dim = 1536
  c.model.image.patch = 16
  c.model.image.tubelet = 2
  c.model.text.width = 384
  c.model.text.depth = 4
  c.model.text.heads = 6
  c.model.text.mlp_dim = 1536
  c.model.text.max_len = 256

  c.mesh_shape = (-1, 1, 1)

  c.log_every_steps = 20
  c.eval_every_steps = 500
  c.checkpoint_every_steps = 500
  c.keep_checkpoints = 3
  return c
