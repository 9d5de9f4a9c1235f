"""cmr-clip-jax: CLIP-style pretraining on cardiac MRI studies and their reports."""

__version__ = "0.1.0"


def load_bundle(path, use_stablehlo=False):
  """Loads an exported inference bundle (see `cmr_clip_jax.bundle`)."""
  from cmr_clip_jax import bundle
  return bundle.load_bundle(path, use_stablehlo=use_stablehlo)
