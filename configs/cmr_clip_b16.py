"""The published CMR-CLIP recipe's scale, for accelerators (TPU v4+/v5, A100/H100 nodes).

ViT-B/16 divided space-time video tower over 8 view slots x 64 frames at 224 px, a
BERT-base-sized text tower over 512 report tokens, both projected to 512-d, symmetric InfoNCE
with the temperature fixed at 0.05, AdamW at 3e-5 with warm-up then cosine, global batch 16 as
published. Convert the data at this size first (`cmr-clip convert ... --frames 64 --size 224`).

  TPU=my-v5p-64 ZONE=us-east5-a launch/tpu_pod.sh train configs/cmr_clip_b16.py /mnt/shared/runs/b16 \
      --config.data_dir=/mnt/shared/data     # or: sbatch launch/slurm_gpu.sbatch ... (same args)

Batch-size ablations keep this file and move one axis (gradient caching keeps device memory
at one microbatch, the learning rate follows lr_scaling from lr_reference_batch):

  cmr-clip sweep --config configs/cmr_clip_b16.py --workdir runs/b16_sweep --batch-sizes 256,1024,4096

Cost (XLA cost analysis of the forward pass, 206M params): 1.4e13 FLOP per study forward,
4.2e13 trained (50k space-time tokens a study: 8 views x 32 tubelets x 196 patches).
Batch 16 x 20k steps = 1.4e19 FLOP, about 2.6 h on 8 v5p chips at 40% MFU; every doubling of
batch_size doubles that.
"""

import ml_collections

from configs import demo


def get_config() -> ml_collections.ConfigDict:
  c = demo.get_config()
  c.data_dir = "out/data"
  c.seed = 0

  c.total_steps = 20_000
  c.batch_size = 16  # as published; sweeps raise it (thousands to tens of thousands)
  c.microbatch_size = 16  # per-step device memory; lower it when raising batch_size
  c.learning_rate = 3e-5
  c.lr_scaling = "sqrt"  # Adam-style: sqrt(batch_size / lr_reference_batch)
  c.lr_reference_batch = 16
  c.warmup_steps = 1_000
  c.weight_decay = 0.05
  c.adam_b1 = 0.9
  c.adam_b2 = 0.999
  c.grad_clip_norm = 1.0

  c.loss.kind = "infonce"
  c.loss.chunk_size = 0  # set e.g. 1024 once batch_size x batch_size logits get large
  c.loss.multi_positive = True  # many "normal study" reports are identical (changes sigmoid; moot for infonce, losses.py)

  c.input.frames = 64
  c.input.size = 224
  c.input.view_dropout = 0.1
  c.input.sentence_sample = 0.0  # chance a training report is cut to a random subset of its sentences (ConVIRT)
  c.input.sentence_max = 0  # most sentences a cut report keeps (1: ConVIRT's one sentence; 0: all)
  c.input.views = ""  # slot names the image tower takes, comma-separated ("": every slot of data_prep/slots.py)
  c.input.num_threads = 16
  c.input.num_workers = 8  # accelerator hosts have the cores for decode workers
  c.input.prefetch = 4

  c.model.embed_dim = 512
  c.model.dtype = "bfloat16"  # compute; params, loss and optimizer stay f32 (tested against f32)
  c.model.remat_policy = "full"  # memory: 50k tokens a study
  c.model.temperature_init = 0.05
  c.model.learn_temperature = False  # published: fixed at 0.05
  c.model.image.width = 768  # ViT-B
  c.model.image.depth = 12
  c.model.image.heads = 12
  c.model.image.mlp_dim = 3072
  c.model.image.patch = 16
  c.model.image.tubelet = 2
  c.model.image.attention = "divided"
  c.model.image.pool = "cls"
  c.model.text.width = 768  # BERT-base
  c.model.text.depth = 12
  c.model.text.heads = 12
  c.model.text.mlp_dim = 3072
  c.model.text.max_len = 512
  c.model.text.pool = "mean"  # the published text tower mean-pools

  c.mesh_shape = (1, -1, 1)  # FSDP over all chips: ViT-B + BERT-B fit sharded, batch splits too

  c.log_every_steps = 50
  c.eval_every_steps = 1_000
  c.checkpoint_every_steps = 1_000
  c.keep_checkpoints = 3
  c.profile_steps = ""
  return c
