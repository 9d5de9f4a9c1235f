"""cmr-clip-jax: CLIP-style pretraining on cardiac MRI studies and their reports."""

__version__ = "0.1.0"


def load_bundle(path, use_stablehlo=False):
  """Loads an exported inference bundle (see `cmr_clip_jax.bundle`)."""
  from cmr_clip_jax import bundle
  return bundle.load_bundle(path, use_stablehlo=use_stablehlo)


def load_text_tower(path):
  """A local Hugging Face BERT folder -> fn(input_ids int32 [N, L], attention_mask [N, L]) ->
  last hidden states f32 [N, L, D], as the imported tower computes them (`cmr_clip_jax.pretrained`)."""
  from cmr_clip_jax import pretrained
  return pretrained.load_text_tower(path)


def load_image_tower(path):
  """A ViT checkpoint (Hugging Face folder, big_vision / vision_transformer .npz) -> fn(images f32 [N, H, W],
  grayscale, in the checkpoint's own normalisation) -> CLS features f32 [N, D] of the imported
  video tower on the still image (`cmr_clip_jax.pretrained`)."""
  from cmr_clip_jax import pretrained
  return pretrained.load_image_tower(path)
