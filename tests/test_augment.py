"""Site augmentation (cmr_clip_jax/augment.py): each transform does what it claims, checked
against references it does not share code with (a polynomial fit, a Fourier series, SciPy's
Rice distribution, the gamma formula); neutral settings and the eval path are the identity.
"""

import dataclasses

import numpy as np
import pytest
from scipy import stats

from cmr_clip_jax import augment, config_lib, input_pipeline
from data_prep import records
from data_prep.errors import UserError
from fake_data import write_dataset

NEUTRAL = augment.AugmentSpec(crop_area=(1, 1), crop_aspect=(1, 1), max_rotation_deg=0, contrast=(1, 1),
                              brightness=0, view_dropout=0)


def _images(p=3, t=2, s=32, seed=0):
  return np.random.default_rng(seed).uniform(40, 220, (p, t, s, s)).astype(np.float32)


def test_neutral_site_augmentation_is_the_identity():
  x = _images()
  np.testing.assert_array_equal(augment.site_augment(x, np.random.default_rng(0), NEUTRAL), x)


def test_bias_field_multiplies_by_a_smooth_positive_field():
  x = _images()
  spec = augment.AugmentSpec(bias_field=0.5)
  out = augment.site_augment(x, np.random.default_rng(1), spec)
  ratio = out / x
  assert (ratio > 0).all() and np.abs(np.log(ratio)).max() <= 0.5 + 1e-5
  # One field per view, shared by its frames, and fields differ between views.
  np.testing.assert_allclose(ratio[:, 0], ratio[:, 1], rtol=1e-5)
  assert not np.allclose(ratio[0, 0], ratio[1, 0], rtol=1e-3)
  # Smooth: the log field is a quadratic polynomial in (row, col), fitted here independently.
  yy, xx = np.meshgrid(np.linspace(-1, 1, 32), np.linspace(-1, 1, 32), indexing="ij")
  basis = np.polynomial.polynomial.polyvander2d(yy.ravel(), xx.ravel(), [2, 2])
  for v in range(3):
    log = np.log(ratio[v, 0]).ravel()
    coef, *_ = np.linalg.lstsq(basis, log, rcond=None)
    assert np.abs(basis @ coef - log).max() < 1e-4
    assert np.ptp(log) > 0.01  # it did something


def test_kspace_truncation_keeps_low_and_removes_high_frequencies():
  s = 48
  cols = np.arange(s)
  low = 30 * np.cos(2 * np.pi * 3 * cols / s)
  high = 30 * np.cos(2 * np.pi * 20 * cols / s)
  img = np.broadcast_to(100 + low + high, (s, s)).astype(np.float32)
  out = augment.kspace_truncate(img[None], 0.5)[0]  # keeps |k| < 12 cycles per field of view
  np.testing.assert_allclose(out, np.broadcast_to(100 + low, (s, s)), atol=1e-3)
  np.testing.assert_allclose(augment.kspace_truncate(img[None], 1.0)[0], img, atol=1e-3)


def test_rician_noise_matches_scipy_rice_distribution():
  rng = np.random.default_rng(0)
  for level, sigma in ((0.0, 10.0), (20.0, 10.0), (60.0, 10.0)):  # SciPy overflows beyond b ~ 30
    out = augment.rician(np.full((200, 200), level, np.float32), sigma, rng)
    ref = stats.rice(max(level / sigma, 1e-3), scale=sigma)  # b = 0 (Rayleigh) is NaN in SciPy
    assert abs(out.mean() - ref.mean()) < 0.02 * ref.std()  # 4 standard errors of 40,000 draws
    assert abs(out.std() - ref.std()) < 0.02 * ref.std()


def test_gamma_is_the_display_curve():
  x = np.linspace(0, 255, 256, dtype=np.float32)
  np.testing.assert_allclose(augment.gamma(x, 2.0), x * x / 255, rtol=1e-5, atol=1e-4)
  np.testing.assert_allclose(augment.gamma(x, 0.5), np.sqrt(255 * x), rtol=1e-5, atol=1e-3)


def test_each_site_augmentation_changes_the_training_view():
  frames = _images(p=8, t=4, s=32).astype(np.uint8)
  views = records.stack_views(frames, np.ones(8, bool), records.VIEWS[:8])
  base, _ = augment.prepare(views, records.VIEWS[:8], 4, 32, np.random.default_rng(3), NEUTRAL)
  for field, value in (("gamma", (0.5, 2.0)), ("bias_field", 0.5), ("noise", 0.05), ("kspace_keep", 0.3)):
    spec = dataclasses.replace(NEUTRAL, **{field: value})
    got, _ = augment.prepare(views, records.VIEWS[:8], 4, 32, np.random.default_rng(3), spec)
    assert np.abs(got.astype(int) - base).mean() > 1.0, field
  # A map's values are physical: site augmentation leaves its slot as the neutral view has it.
  t1 = {**views, "t1_native_sax": np.full((3, 32, 32), 1000, np.uint16)}
  i = records.VIEWS.index("t1_native_sax")
  plain, _ = augment.prepare(t1, records.VIEWS, 4, 32, np.random.default_rng(3), NEUTRAL)
  noisy, _ = augment.prepare(t1, records.VIEWS, 4, 32, np.random.default_rng(3),
                             dataclasses.replace(NEUTRAL, noise=0.05, bias_field=0.5, gamma=(0.5, 2.0)))
  np.testing.assert_array_equal(noisy[i], plain[i])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
  return write_dataset(str(tmp_path_factory.mktemp("data")), {"train": 16, "val": 5},
                       frames_shape=(8, 4, 32, 32), max_tokens=16)


def _config(**overrides):
  c = config_lib.load_config("configs/demo.py")
  c.batch_size, c.microbatch_size, c.total_steps, c.warmup_steps = 4, 4, 4, 1
  c.input.frames, c.input.size, c.model.text.max_len = 4, 32, 16
  for k, v in overrides.items():
    config_lib.set_value(c, k, str(v))
  return c


def test_eval_path_is_untouched_by_augmentation_settings(data_dir):
  config = _config(**{"input.augment": True, "input.bias_field": 1.0, "input.noise": 0.2,
                      "input.kspace_keep": 0.2, "input.gamma": "(0.5, 2.0)", "input.max_rotation_deg": 30})
  source = input_pipeline.split_source(data_dir, "val")
  got = np.concatenate([b["frames"] for b in input_pipeline.eval_batches(source, config, 5)])
  want = np.stack([augment.prepare(records.decode(source[i])["views"], records.VIEWS, 4, 32)[0]
                   for i in range(len(source))])
  np.testing.assert_array_equal(got, want)
  # ...while training with the same config does augment.
  config.data_dir = data_dir
  train = next(iter(input_pipeline.train_dataset(input_pipeline.split_source(data_dir, "train"), config, 0)))
  assert train["frames"].shape == (4, records.NUM_VIEWS, 4, 32, 32)


def test_config_ranges_are_checked():
  for key, bad in (("input.kspace_keep", "0"), ("input.noise", "1.5"), ("input.bias_field", "-1"),
                   ("input.gamma", "(2.0, 1.0)"), ("input.max_rotation_deg", "270"), ("input.sentence_sample", "1.5"),
                   ("input.sentence_max", "-1"), ("input.sentence_max", "1.5")):
    with pytest.raises(UserError, match=key.split(".")[1]):
      config_lib.validate(_config(**{key: bad}))
  old = config_lib.from_dict({"model": {}, "input": {"augment": True}})  # a run from before these keys
  assert old.input.kspace_keep == 1.0 and old.input.bias_field == 0.0 and tuple(old.input.gamma) == (1.0, 1.0)
  assert old.input.sentence_sample == 0.0 and old.input.sentence_max == 0
