"""Pixels -> fixed-geometry uint8 frames: heart-centred crop at one spacing, T frames per cycle.

Everything is a small linear map: in-plane resampling is `Ry @ image @ Rx.T` with
triangle-filter matrices (anti-aliased when shrinking), time resampling a [T, P] matrix over
the cycle. The heart centre is one point in patient coordinates (LPS, mm), found from the
temporal variance of a cine and projected onto every other plane through its DICOM
geometry, so all views crop around the same anatomy.
"""

import numpy as np


def pixel_to_patient(geom, row: float, col: float) -> np.ndarray:
  """geom: dicom_io.Frame. Patient point [3] (mm) of fractional pixel (row, col)."""
  ipp = np.asarray(geom.position, float)
  rdir, cdir = np.asarray(geom.orientation[:3], float), np.asarray(geom.orientation[3:], float)
  return ipp + col * geom.spacing[1] * rdir + row * geom.spacing[0] * cdir


def patient_to_pixel(geom, point) -> tuple:
  """Orthogonal projection of a patient point [3] onto the plane: fractional (row, col)."""
  d = np.asarray(point, float) - np.asarray(geom.position, float)
  rdir, cdir = np.asarray(geom.orientation[:3], float), np.asarray(geom.orientation[3:], float)
  return float(d @ cdir) / geom.spacing[0], float(d @ rdir) / geom.spacing[1]


def heart_centre(cine: np.ndarray, geom) -> np.ndarray:
  """cine: float32 [P, H, W] one plane over the cycle. Patient point [3] of the moving heart.

  Temporal std, smoothed over ~20 mm so noise does not win, weighted centroid of its top 5%.
  """
  from scipy import ndimage  # ~1 s to import on a busy machine: workers preload it, the main process never needs it
  if cine.shape[0] < 2:
    return pixel_to_patient(geom, (cine.shape[1] - 1) / 2, (cine.shape[2] - 1) / 2)
  std = cine.std(axis=0)
  size = max(3, int(round(20.0 / max(min(geom.spacing), 1e-3))))
  smooth = ndimage.uniform_filter(std, size=size, mode="constant")
  thr = np.quantile(smooth, 0.95)
  w = np.where(smooth >= thr, smooth, 0.0)
  if w.sum() <= 0:
    return pixel_to_patient(geom, (cine.shape[1] - 1) / 2, (cine.shape[2] - 1) / 2)
  rows, cols = np.indices(w.shape)
  return pixel_to_patient(geom, float((rows * w).sum() / w.sum()), float((cols * w).sum() / w.sum()))


def interp_matrix(n_src: int, centre: float, n_out: int, step: float) -> np.ndarray:
  """[n_out, n_src] triangle-filter weights sampling `n_out` points `step` source pixels apart
  around `centre`; source samples outside the image count as zero (dark border)."""
  src = centre + (np.arange(n_out) - (n_out - 1) / 2.0) * step
  width = max(1.0, step)  # widen the kernel when shrinking so it averages instead of aliasing
  pad = int(np.ceil(width)) + 1
  taps = np.arange(-pad, n_src + pad)
  w = np.maximum(0.0, 1.0 - np.abs(taps[None, :] - src[:, None]) / width)
  # Normalise over all taps, in the image or not, so the border darkens instead of brightening.
  w /= np.maximum(w.sum(axis=1, keepdims=True), 1e-12)
  return w[:, pad:pad + n_src].astype(np.float32)


def resample_plane(images: np.ndarray, geom, centre, size: int, spacing_mm: float) -> np.ndarray:
  """images: float32 [F, H, W] in one plane -> [F, size, size] at `spacing_mm`, centred on the
  projection of patient point `centre` [3]."""
  row, col = patient_to_pixel(geom, centre)
  ry = interp_matrix(images.shape[1], row, size, spacing_mm / geom.spacing[0])
  rx = interp_matrix(images.shape[2], col, size, spacing_mm / geom.spacing[1])
  return np.matmul(np.matmul(ry, images), rx.T)


def time_matrix(times, frames: int, cycle_ms: float = float("nan")) -> np.ndarray:
  """[frames, P] linear weights taking P phases at trigger `times` (ms) to `frames` evenly
  spaced points over one cycle, wrapping from the last phase to the first."""
  t = np.asarray(times, float)
  p = len(t)
  if p == 1:
    return np.ones((frames, 1), np.float32)
  if not np.all(np.isfinite(t)) or np.ptp(t) <= 0:
    t = np.arange(p, dtype=float)
  step = float(np.median(np.diff(t)))
  cycle = cycle_ms if np.isfinite(cycle_ms) and cycle_ms > t[-1] - t[0] else (t[-1] - t[0]) + step
  target = t[0] + np.arange(frames) * cycle / frames
  knots = np.append(t, t[0] + cycle)
  m = np.zeros((frames, p), np.float32)
  for k, tau in enumerate(target):
    j = min(int(np.searchsorted(knots, tau, side="right")) - 1, p - 1)
    a = (tau - knots[j]) / (knots[j + 1] - knots[j])
    m[k, j] += 1.0 - a
    m[k, (j + 1) % p] += a
  return m


def window_uint8(x: np.ndarray, low_pct: float = 1.0, high_pct: float = 99.5) -> np.ndarray:
  """Percentile window of any float array to uint8 [0, 255]."""
  lo, hi = np.percentile(x, [low_pct, high_pct])
  if hi <= lo:
    return np.zeros(x.shape, np.uint8)
  return np.clip((x - lo) * (255.0 / (hi - lo)) + 0.5, 0, 255).astype(np.uint8)


def positions(n_src: int, frames: int) -> np.ndarray:
  """Indices of `frames` slices evenly spread over a stack of `n_src` (base -> apex)."""
  return np.round(np.linspace(0, n_src - 1, frames)).astype(int)
