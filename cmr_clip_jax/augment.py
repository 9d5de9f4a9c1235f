"""Study-level image operations on the host: a record's views -> the model's input, and augmentation.

Pure numpy, no JAX (grain worker processes run this). A study arrives as {slot name: [T0, H, W]}
(uint8, or uint16 physical values for map slots) and leaves as uint8 [V, T, S, S] over the
model's slot names, following the slot table (data_prep/slots.py): cine slots are sampled over
the cycle, the others by position or time point; map slots go through their slot's fixed
physical window (`input_range`), never a per-image one. One spatial transform per study
(random resized crop + small rotation, a single affine sampled bilinearly) applied to every
present view and frame; intensity jitter per windowed view (never on maps: their values are
the finding); one cyclic frame offset shared by the cine views, so their cardiac phases stay
aligned with each other.

Site augmentation (`site_augment`) imitates what differs between scanners and sites, per view,
in acquisition order: lower resolution (k-space truncation), coil shading (a smooth positive
multiplicative field), Rician noise, then a display gamma. It runs here, on the host, with the
rest of the augmentation: at the demo's 48 px it costs a few ms a study, and grain threads keep
the pipeline ahead of the step (benchmarks/input_pipeline.py). Evaluation never calls it; map slots never get it (their values are physical).
"""

import dataclasses

import numpy as np

from data_prep import slots as slots_lib


@dataclasses.dataclass(frozen=True)
class AugmentSpec:
  """Ranges of the training augmentation (defaults suit crops already centred on the heart)."""
  crop_area: tuple = (0.65, 1.0)  # fraction of the stored field of view kept
  crop_aspect: tuple = (3 / 4, 4 / 3)
  max_rotation_deg: float = 10.0
  contrast: tuple = (0.8, 1.25)  # multiplicative, log-uniform, per view
  brightness: float = 0.08  # additive, fraction of 255, per view
  view_dropout: float = 0.1  # probability of hiding each present view
  gamma: tuple = (1.0, 1.0)  # display gamma exponent, log-uniform, per view
  bias_field: float = 0.0  # max |log| of the smooth multiplicative coil field, per view
  noise: float = 0.0  # max Rician noise sigma, fraction of 255, per view
  kspace_keep: float = 1.0  # smallest fraction of k-space kept along each axis, per view


def time_indices(stored_t: int, t: int, offset: int = 0) -> np.ndarray:
  """int [t]: nearest stored frames for t evenly spaced phases, cyclically shifted by `offset`."""
  return (np.floor(np.arange(t) * (stored_t / t)).astype(np.int64) + offset) % stored_t


def _grid(h: int, w: int, size: int, crop_hw=None, center=None, angle: float = 0.0):
  """Source (row, col) float32 [size*size] for each output pixel of a rotated crop of an h x w image.

  crop_hw and center are in pixels (edge coordinates; the full image is crop (h, w) at (h/2, w/2)).
  """
  ch, cw = crop_hw or (h, w)
  cy, cx = center or (h / 2, w / 2)
  u = (np.arange(size, dtype=np.float32) + 0.5) / size - 0.5
  y, x = np.meshgrid(u * ch, u * cw, indexing="ij")
  cos, sin = np.cos(angle), np.sin(angle)
  rows = cy + sin * x + cos * y - 0.5
  cols = cx + cos * x - sin * y - 0.5
  return rows.ravel(), cols.ravel()


def _sample(images: np.ndarray, rows: np.ndarray, cols: np.ndarray, size: int) -> np.ndarray:
  """Bilinear sampling with edge clamping: images [N, H, W] -> float32 [N, size, size]."""
  n, h, w = images.shape
  rows = np.clip(rows, 0, h - 1)
  cols = np.clip(cols, 0, w - 1)
  r0 = np.minimum(np.floor(rows).astype(np.int64), h - 2) if h > 1 else np.zeros_like(rows, np.int64)
  c0 = np.minimum(np.floor(cols).astype(np.int64), w - 2) if w > 1 else np.zeros_like(cols, np.int64)
  fr = (rows - r0).astype(np.float32)
  fc = (cols - c0).astype(np.float32)
  flat = images.reshape(n, h * w)
  r1 = np.minimum(r0 + 1, h - 1)
  c1 = np.minimum(c0 + 1, w - 1)
  top = flat[:, r0 * w + c0] * (1 - fc) + flat[:, r0 * w + c1] * fc
  bottom = flat[:, r1 * w + c0] * (1 - fc) + flat[:, r1 * w + c1] * fc
  return (top * (1 - fr) + bottom * fr).reshape(n, size, size)


def input_scale(slot: slots_lib.Slot, x: np.ndarray) -> np.ndarray:
  """Stored values -> the model's uint8 scale (float32, not yet clipped): windowed slots as they
  are, maps through their fixed physical window (e.g. native T1: 400-1675 ms -> 0-255, 5 ms a step)."""
  if slot.input_range is None:
    return x.astype(np.float32, copy=False)
  lo, hi = slot.input_range
  return (x.astype(np.float32) - np.float32(lo)) * np.float32(255.0 / (hi - lo))


def prepare(views: dict, names, t: int, size: int, rng: np.random.Generator | None = None,
            spec: "AugmentSpec | None" = None):
  """A study's views {slot name: [T0, H, W]} -> (uint8 [V, t, size, size], bool [V]) over `names`
  (the model's slots, in its order). rng None: the deterministic eval view; else the training
  augmentation, all its randomness from `rng`. Slots the study lacks are zero and masked."""
  mask = np.array([n in views for n in names], bool)
  out = np.zeros((len(names), t, size, size), np.uint8)
  if not mask.any():
    return out, mask
  h, w = views[names[int(np.flatnonzero(mask)[0])]].shape[1:]
  grid, offset = _grid(h, w, size), 0
  contrast, brightness = np.ones(len(names), np.float32), np.zeros(len(names), np.float32)
  if rng is not None:
    spec = spec or AugmentSpec()
    offset = int(rng.integers(1 << 16))
    area = rng.uniform(*spec.crop_area)
    aspect = np.exp(rng.uniform(*np.log(spec.crop_aspect)))
    ch, cw = min(h, h * np.sqrt(area / aspect)), min(w, w * np.sqrt(area * aspect))
    center = (rng.uniform(ch / 2, h - ch / 2), rng.uniform(cw / 2, w - cw / 2))
    angle = np.deg2rad(rng.uniform(-spec.max_rotation_deg, spec.max_rotation_deg))
    grid = _grid(h, w, size, (ch, cw), center, angle)
    contrast = np.exp(rng.uniform(*np.log(spec.contrast), size=len(names))).astype(np.float32)
    brightness = (255 * rng.uniform(-spec.brightness, spec.brightness, size=len(names))).astype(np.float32)
    mask = _drop_views(mask, spec.view_dropout, rng)
  for i in np.flatnonzero(mask):
    slot, x = slots_lib.BY_NAME[names[i]], views[names[i]]
    if x.shape[1:] != (h, w):
      raise ValueError(f"view {names[i]} is {x.shape[1:]}, the study's others {(h, w)}")
    x = x[time_indices(x.shape[0], t, offset if slot.kind == "cine" else 0)]
    y = input_scale(slot, x) if (h, w) == (size, size) and rng is None else input_scale(
        slot, _sample(x, *grid, size))
    if slot.input_range is None:  # site augmentation and jitter on windowed views only: a map's value is physical
      if rng is not None:
        y = site_augment(y[None], rng, spec)[0]
      y = y * contrast[i] + brightness[i]
    out[i] = _to_uint8(y)
  return out, mask


def resize(frames: np.ndarray, t: int, size: int) -> np.ndarray:
  """Deterministic load-time resampling: uint8 [V, T0, H, W] -> uint8 [V, t, size, size]."""
  v, t0, h, w = frames.shape
  frames = frames[:, time_indices(t0, t)]
  if (h, w) == (size, size):
    return np.ascontiguousarray(frames)
  out = _sample(frames.reshape(v * t, h, w), *_grid(h, w, size), size)
  return _to_uint8(out).reshape(v, t, size, size)


def site_augment(x: np.ndarray, rng: np.random.Generator, spec: AugmentSpec) -> np.ndarray:
  """Per-view acquisition differences on float32 [P, T, S, S] in [0, 255] -> float32, same shape.

  Each view draws its own k-space fraction in [kspace_keep, 1], coil field amplitude in
  [0, bias_field], noise sigma in [0, noise] and gamma; an augmentation whose range is
  neutral draws nothing and leaves the images untouched (bit for bit).
  """
  p, _, h, w = x.shape
  if spec.kspace_keep < 1.0:
    keep = rng.uniform(spec.kspace_keep, 1.0, size=p)
    x = np.stack([kspace_truncate(x[i], keep[i]) for i in range(p)])
  if spec.bias_field > 0:
    amp = rng.uniform(0, spec.bias_field, size=p)
    coeffs = rng.uniform(-1, 1, size=(p, len(_BIAS_TERMS)))
    x = x * np.stack([bias_field(h, w, amp[i] * coeffs[i] / np.abs(coeffs[i]).sum()) for i in range(p)])[:, None]
  if spec.noise > 0:
    x = rician(x, 255 * rng.uniform(0, spec.noise, size=p)[:, None, None, None], rng)
  if spec.gamma != (1.0, 1.0):
    g = np.exp(rng.uniform(*np.log(spec.gamma), size=p)).astype(np.float32)
    x = gamma(x, g[:, None, None, None])
  return x.astype(np.float32, copy=False)


# Low-order terms of the log coil field over x, y in [-1, 1] (each within [-1, 1]).
_BIAS_TERMS = (lambda x, y: x, lambda x, y: y, lambda x, y: x * y,
               lambda x, y: 2 * x * x - 1, lambda x, y: 2 * y * y - 1)


def bias_field(h: int, w: int, coeffs: np.ndarray) -> np.ndarray:
  """float32 [h, w]: exp(sum_k coeffs[k] * term_k(x, y)), a smooth positive field within
  exp(+-sum |coeffs|) (the shading of a receive coil across the field of view)."""
  y, x = np.meshgrid(np.linspace(-1, 1, h), np.linspace(-1, 1, w), indexing="ij")
  return np.exp(sum(c * f(x, y) for c, f in zip(coeffs, _BIAS_TERMS))).astype(np.float32)


def kspace_truncate(images: np.ndarray, keep: float) -> np.ndarray:
  """float32 [..., H, W] -> same: the magnitude image after keeping only the central `keep`
  fraction of k-space along each axis (a lower-resolution acquisition, zero-filled back)."""
  h, w = images.shape[-2:]
  k = np.fft.fftshift(np.fft.fft2(images), axes=(-2, -1))
  kh, kw = max(1, int(round(keep * h / 2))), max(1, int(round(keep * w / 2)))
  mask = np.zeros((h, w), bool)
  mask[h // 2 - kh + 1:h // 2 + kh, w // 2 - kw + 1:w // 2 + kw] = True
  out = np.fft.ifft2(np.fft.ifftshift(k * mask, axes=(-2, -1)))
  return np.abs(out).astype(np.float32)


def rician(images: np.ndarray, sigma, rng: np.random.Generator) -> np.ndarray:
  """|images + sigma (n1 + i n2)|, n1, n2 standard normal: magnitude-image noise (float32)."""
  re = images + sigma * rng.standard_normal(images.shape, dtype=np.float32)
  im = sigma * rng.standard_normal(images.shape, dtype=np.float32)
  return np.hypot(re, im).astype(np.float32)


def gamma(images: np.ndarray, g) -> np.ndarray:
  """255 (x / 255)^g on [0, 255] (clipped first): another display curve."""
  return (255 * (np.clip(images, 0, 255) / 255) ** g).astype(np.float32)


def spec_from_config(input_config) -> AugmentSpec:
  """The training augmentation a config's `input` section asks for."""
  c = input_config
  return AugmentSpec(max_rotation_deg=c.max_rotation_deg, contrast=tuple(c.contrast),
                     view_dropout=c.view_dropout, gamma=tuple(c.gamma), bias_field=c.bias_field,
                     noise=c.noise, kspace_keep=c.kspace_keep)


def _drop_views(view_mask: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
  """Hides each present view with probability p, but never all of them."""
  mask = np.asarray(view_mask, bool)
  keep = mask & (rng.random(mask.shape[0]) >= p)
  if mask.any() and not keep.any():
    keep[rng.choice(np.flatnonzero(mask))] = True
  return keep


def _to_uint8(x: np.ndarray) -> np.ndarray:
  return np.clip(np.rint(x), 0, 255).astype(np.uint8)
