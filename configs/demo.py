"""Demo recipe: learns the built-in synthetic studies on a 2-core CPU in 5-10 minutes.

  cmr-clip train --config configs/demo.py --workdir out/demo/run --config.data_dir=out/demo/data

(`make demo` runs synth and convert first.)

FLOP budget (measured with benchmarks/input_pipeline.py on convert output of synthetic studies,
2 simulated devices on 2 cores): 2.4e10 model FLOPs per step (XLA cost analysis of the forward
pass, x3 for training, batch 64) x 400 steps = 1e13 FLOP of training. The step ran at 7.8e9
FLOP/s (3.1 s a step) while other jobs held ~3/4 of the cores. Alone on 2 idle cores a step
took 0.62 s and the whole run 4.5 minutes (clean-clone `make demo`); on a busier laptop,
about 10. The input
pipeline delivered 10x what the step consumes (211 vs 21 studies/s), so the step never waits.
The knobs that set the budget are the image tower (width 64, 2 blocks, 48 px -> 3x3 patches x
4 tubelets x 13 view slots = 468 tokens a study), the text tower (width 64, 256 tokens: the
impression and most of the findings; at 128 every report was cut before its LGE, map and
impression sentences) and total_steps. The figures above are of the 8 slots before the slot table (288 tokens); the 13
slots cost 1.55x the step's FLOPs and 1.59x its time (benchmarks/train_step.py --slots, both in
one run at load 11; input.views picks fewer slots). The sentence loss (loss.sentence_weight)
costs 1.83x the step's FLOPs and 1.91x its time (benchmarks/train_step.py --sentences). Test split of a run on today's harder
synthetic data (13 slots, per-view pooling, sentence sampling; README, "What the demo gives"):
five cine / LGE findings macro-AUC 0.924, diagnosis accuracy 0.784.
"""

import ml_collections


def get_config() -> ml_collections.ConfigDict:
  c = ml_collections.ConfigDict()
  c.data_dir = "out/demo/data"  # a `cmr-clip convert` output folder
  c.seed = 0  # params init, data order and augmentation all derive from it

  # Schedule and batch.
  c.total_steps = 400  # optimizer steps
  c.batch_size = 64  # global batch: every other example in it is a negative
  c.microbatch_size = 64  # < batch_size streams the batch through gradient caching
  c.learning_rate = 1e-3  # peak, at lr_reference_batch
  c.lr_scaling = "none"  # none | linear | sqrt: how the peak scales with batch_size
  c.lr_reference_batch = 64  # batch size at which learning_rate is the peak
  c.warmup_steps = 40
  c.weight_decay = 0.05  # AdamW; not applied to biases, norms, embeddings, temperature
  c.adam_b1 = 0.9
  c.adam_b2 = 0.98
  c.grad_clip_norm = 1.0  # global-norm clipping after accumulation; 0 = off
  c.freeze = ""  # regex over param paths held fixed (LiT: "^img/")
  c.pretrained_lr_factor = 1.0  # lr multiplier for params imported by model.*.init (fine-tune: 0.1)

  # Loss.
  c.loss = ml_collections.ConfigDict()
  c.loss.kind = "infonce"  # infonce | sigmoid
  c.loss.chunk_size = 0  # > 0: blockwise loss, memory B x chunk instead of B x B
  c.loss.multi_positive = False  # identical normalised reports count as positives (sigmoid only: moot for infonce, losses.py)
  c.loss.sentence_weight = 1.0  # > 0: each report sentence alone must also find its study (losses.sentence_loss); 0 = off
  c.loss.sentences = 20  # most sentences a study gives that term (more: a random 20); the demo's reports: median 15
  c.loss.sentence_len = 48  # tokens per sentence (at most model.text.max_len); the demo's: 99th percentile 48

  # Input (the stored records may hold more views, frames or pixels than this).
  c.input = ml_collections.ConfigDict()
  c.input.frames = 8  # T at load time
  c.input.size = 48  # H = W at load time (stored at 64: crops are resampled)
  c.input.augment = True  # random resized crop, rotation, intensity jitter, frame offset, view dropout
  c.input.view_dropout = 0.1  # probability of hiding each present view (training only)
  # What differs between sites (training only; each view draws its own amount up to these).
  c.input.max_rotation_deg = 10.0  # in-plane rotation, uniform in +-this, one per study
  c.input.contrast = (0.8, 1.25)  # multiplicative intensity range, log-uniform
  c.input.gamma = (0.7, 1.4)  # display gamma range, log-uniform; (1, 1) = off
  c.input.bias_field = 0.3  # max |log| of a smooth multiplicative coil field; 0 = off
  c.input.noise = 0.03  # max Rician noise sigma, fraction of full scale; 0 = off
  c.input.kspace_keep = 0.5  # smallest fraction of k-space kept per axis (lower resolution); 1 = off
  c.input.sentence_sample = 0.5  # chance a training report is cut to a random subset of its sentences (ConVIRT)
  c.input.sentence_max = 0  # most sentences a cut report keeps (1: ConVIRT's one sentence; 0: all)
  c.input.views = ""  # slot names the image tower takes, comma-separated ("": every slot of data_prep/slots.py)
  c.input.num_threads = 2  # grain read/decode threads
  c.input.num_workers = 0  # grain worker processes (0 = threads only; IPC costs on 2 cores)
  c.input.prefetch = 4  # batches decoded ahead of the step

  # Model.
  c.model = ml_collections.ConfigDict()
  c.model.embed_dim = 64  # shared projection dimension
  c.model.dtype = "float32"  # compute dtype (bfloat16 on accelerators); params stay f32
  # What the backward keeps of each block: none (everything) | full (recompute the block) |
  # dots_saveable | dots_with_no_batch_dims_saveable (keep matmul outputs, recompute the rest).
  c.model.remat_policy = "none"
  c.model.temperature_init = 0.07  # logits = (1 / temperature) * cosine
  c.model.learn_temperature = True  # False holds it fixed (the published model: 0.05)
  c.model.bias_init = -10.0  # sigmoid loss only
  c.model.image = ml_collections.ConfigDict()
  c.model.image.width = 64
  c.model.image.depth = 2
  c.model.image.heads = 4
  c.model.image.mlp_dim = 256
  c.model.image.patch = 16  # spatial patch side, pixels
  c.model.image.tubelet = 2  # frames per patch
  c.model.image.attention = "divided"  # divided (time, then space) | joint
  c.model.image.pool = "views"  # cls | map (attention pooling) | views (CLS + each view's mean token)
  c.model.image.dropout = 0.0
  c.model.image.init = ""  # ViT checkpoint to start from: Hugging Face folder or big_vision .npz (README)
  c.model.image.exact_gelu = False  # erf GELU (HF ViTs; set from image.init) | tanh (flax, big_vision)
  c.model.image.layer_norm_eps = 1e-6  # set from image.init (HF ViTs: 1e-12)
  c.model.text = ml_collections.ConfigDict()
  c.model.text.arch = "transformer"  # transformer (pre-LN, ours) | bert (Hugging Face BertModel)
  c.model.text.init = ""  # arch=bert: local Hugging Face BERT folder (weights, config, tokenizer)
  c.model.text.width = 64
  c.model.text.depth = 2
  c.model.text.heads = 4
  c.model.text.mlp_dim = 256
  c.model.text.max_len = 256  # tokens read from each record (<= stored L); the demo's reports: median 234 (BPE 157)
  c.model.text.pool = "mean"  # mean | eos | cls
  c.model.text.dropout = 0.0
  # vocab_size comes from the data's manifest.json, never from the config; for arch=bert the
  # width/depth/heads/mlp_dim above and these come from text.init's config.json at load time.
  c.model.text.bert = ml_collections.ConfigDict(dict(
      vocab_size=0, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12, hidden_act="gelu"))

  # Mesh: (data, fsdp, tensor); -1 takes the remaining devices.
  c.mesh_shape = (-1, 1, 1)

  # Logging, eval, checkpoints.
  c.log_every_steps = 10
  c.eval_every_steps = 100  # val loss and study<->report R@1
  c.checkpoint_every_steps = 100
  c.keep_checkpoints = 2
  c.profile_steps = ""  # e.g. "20,25": write a JAX profiler trace for these steps
  c.allow_resume_changes = ""  # e.g. "total_steps": keys a resumed run may change (others are refused)
  return c
