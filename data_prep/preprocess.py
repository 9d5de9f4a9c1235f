"""Pixels -> site-independent uint8 frames: canonical planes, a heart-extent crop in mm, T frames
per cycle, intensities normalised the same way for every vendor (docs/design.md, "What a record
holds").

Geometry. Every plane is resampled onto an output grid defined in patient coordinates (LPS, mm,
from ImagePositionPatient / ImageOrientationPatient / PixelSpacing), never on how the site stored
its pixels (flipped, transposed, rotated, any matrix or pixel size gives the same output):
- short axis: anterior up (the patient's anterior direction projected onto the plane), seen from
  the apex towards the base, so the patient's left (LV lateral wall) is on the image right and the
  RV and septum on the left;
- long axis (2CH / 3CH / 4CH, LGE LAX): the apex points down (the LV long axis projected onto the
  plane); the image right is the in-plane direction perpendicular to it that points into the lower
  right half of the short-axis image (lateral or inferior wall), which keeps every standard view
  >= 45 degrees from the one place where this choice must flip.
The LV long axis is the short-axis stack's normal when there is one (else two LAX planes'
intersection, else the prior left-anterior-inferior: `views.long_axis`).

Crop. One fixed output spacing (mm per pixel) and size, so the field of view is S x spacing mm for
every study: LV dilation is a size finding, and scaling each heart to fill its crop would hide it.
The crop is centred on the heart's extent (`heart_extent`: both ventricles, from the blood pool
borders that move over the cycle and the chambers they bound; along the long axis convert takes
the middle of the short-axis stack), not on the centroid of motion, which sat between LV and RV
and cut the lateral wall of dilated hearts. The extent is measured along the canonical axes, so
it does not depend on storage either. The field of view must hold the largest heart of the
archive (>= 160 mm for real dilated hearts; docs/design.md).

Resampling is one bilinear pass per plane stack (four gathers for all frames at once), after a
separable Gaussian anti-alias when the output is coarser than the source; time is a [T, P] matrix
over the cycle.
"""

import numpy as np

_ANTERIOR = np.array([0.0, -1.0, 0.0])  # LPS: y runs to the patient's posterior
_SUPERIOR = np.array([0.0, 0.0, 1.0])
HEART_RADIUS_MM = 40.0  # intensity statistics come from this disc at the crop centre (the ventricles)


def _unit(v) -> np.ndarray:
  v = np.asarray(v, float)
  return v / max(float(np.linalg.norm(v)), 1e-12)


def plane_axes(geom) -> tuple:
  """(row direction [3], column direction [3], normal [3]) of a dicom_io.Frame: along a row
  (increasing column index), down a column (increasing row index), row x column."""
  rdir, cdir = np.asarray(geom.orientation[:3], float), np.asarray(geom.orientation[3:], float)
  return rdir, cdir, _unit(np.cross(rdir, cdir))


def pixel_to_patient(geom, row: float, col: float) -> np.ndarray:
  """geom: dicom_io.Frame. Patient point [3] (mm) of fractional pixel (row, col)."""
  rdir, cdir, _ = plane_axes(geom)
  return np.asarray(geom.position, float) + col * geom.spacing[1] * rdir + row * geom.spacing[0] * cdir


def _in_plane(v, normal, fallback) -> np.ndarray:
  """Unit projection of v onto the plane of `normal`; of `fallback` where v is nearly normal to it."""
  p = np.asarray(v, float) - np.dot(v, normal) * normal
  if np.linalg.norm(p) < 0.3:
    p = np.asarray(fallback, float) - np.dot(fallback, normal) * normal
  return _unit(p)


def sax_axes(normal, apex) -> tuple:
  """(right [3], down [3]) of a short-axis plane: anterior up, seen from the apex (the viewing
  normal right x down points apex -> base)."""
  n = _unit(normal)
  n = n if np.dot(n, apex) <= 0 else -n  # towards the base
  down = -_in_plane(_ANTERIOR, n, _SUPERIOR)
  return np.cross(down, n), down


def lax_axes(normal, apex) -> tuple:
  """(right [3], down [3]) of a long-axis plane: apex down, right into the short-axis image's lower
  right half (towards the lateral / inferior wall)."""
  n = _unit(normal)
  down = _in_plane(apex, n, -_ANTERIOR)
  right = np.cross(down, n)
  sax_right, sax_down = sax_axes(apex, apex)
  return (right if np.dot(right, sax_right + sax_down) >= 0 else -right), down


def canonical_axes(geom, apex, short_axis: bool) -> tuple:
  """(right [3], down [3]) of the output grid in this plane (module docstring)."""
  _, _, n = plane_axes(geom)
  return sax_axes(n, apex) if short_axis else lax_axes(n, apex)


def heart_extent(cine: np.ndarray, geom, axes, chambers: bool = True) -> tuple:
  """cine: float32 [P, H, W] one plane over the cycle; axes: (right, down) of its output grid.

  -> (centre [3] patient point, extent [2] mm along (right, down)) of the ventricles:
  - moving: pixels whose temporal std (smoothed ~3 mm) stands above the static tissue's (its 30th
    percentile) by a quarter of the peak's margin, in connected regions holding >= 20% of the
    largest one's excess (the LV and RV blood pool borders, not a lone flickering vessel);
  - with `chambers` (short axis): the bright regions of the maximum over the cycle (brighter than
    halfway from the median to the moving pixels' 99th percentile) that touch a moving region,
    within 15 mm of it: a chamber's ends move little (the RV's tips) but are still chamber, while
    bright fat or chest wall touching the heart stays out. Long-axis planes count moving pixels
    only: the ventricles from the valve plane to the apex, not the atria beyond.
  The extent is the 1st..99th percentile span of those pixels along each axis (the canonical
  axes, so it does not depend on storage); the centre its middle. The wall lies outside it by
  its thickness on every side, so it does not move the centre.
  """
  from scipy import ndimage  # ~1 s to import on a busy machine: workers preload it, the main process never needs it
  h, w = cine.shape[1:]
  if cine.shape[0] < 2:
    return pixel_to_patient(geom, (h - 1) / 2, (w - 1) / 2), np.zeros(2)
  sigma = [3.0 / max(s, 1e-3) for s in geom.spacing]
  std = ndimage.gaussian_filter(cine.std(axis=0), sigma)
  floor, peak = np.percentile(std, [30.0, 99.5])
  labels, n = ndimage.label(std > floor + 0.25 * (peak - floor))
  if peak <= floor or n == 0:
    return pixel_to_patient(geom, (h - 1) / 2, (w - 1) / 2), np.zeros(2)
  excess = ndimage.sum(std - floor, labels, np.arange(1, n + 1))
  heart = np.isin(labels, np.flatnonzero(excess >= 0.2 * excess.max()) + 1)
  if chambers:
    top = ndimage.gaussian_filter(cine.max(axis=0), sigma)
    median = np.median(top)
    bright, _ = ndimage.label(top > median + 0.5 * (np.percentile(top[heart], 99.0) - median))
    near = ndimage.distance_transform_edt(~heart, sampling=geom.spacing) <= 15.0
    heart = heart | (np.isin(bright, np.unique(bright[heart & (bright > 0)])) & near)
  rows, cols = np.nonzero(heart)
  rdir, cdir, _ = plane_axes(geom)
  pts = np.asarray(geom.position, float) + np.outer(cols * geom.spacing[1], rdir) + np.outer(rows * geom.spacing[0], cdir)
  lo, hi = np.percentile(pts @ np.stack(axes, 1), [1.0, 99.0], axis=0)  # [2] each: mm along (right, down)
  mid = (lo + hi) / 2
  p0 = pts[0] - (pts[0] @ axes[0]) * axes[0] - (pts[0] @ axes[1]) * axes[1]  # the plane's point at (0, 0)
  return p0 + mid[0] * axes[0] + mid[1] * axes[1], hi - lo


def resample_plane(images: np.ndarray, geom, centre, axes, size: int, spacing_mm: float) -> np.ndarray:
  """images: float32 [F, H, W] in one plane -> [F, size, size] on the canonical grid: output pixel
  (i, j) is patient point centre' + (j - c) s right + (i - c) s down, c = (size - 1) / 2, s =
  spacing_mm, centre' the projection of `centre` [3] onto the plane. Bilinear, in one pass for
  the stack: the four source neighbours of every output pixel are gathered for all frames at
  once (4-8x faster than ndimage.affine_transform, which interpolates the frame axis too), after
  a separable Gaussian anti-alias (sigma (k - 1) / 2 source pixels for a k-fold coarser output).
  Samples outside the acquired image are NaN (`normalise_uint8` leaves them out of its
  statistics and writes them as 0)."""
  from scipy import ndimage
  rdir, cdir, _ = plane_axes(geom)
  right, down = axes
  sp = np.asarray(geom.spacing, float)
  d = np.asarray(centre, float) - np.asarray(geom.position, float)
  steps = np.arange(size) - (size - 1) / 2.0
  # Source (row, col) of output pixel (i, j): linear in (i, j).
  row = (d @ cdir + spacing_mm * (steps[:, None] * (down @ cdir) + steps[None, :] * (right @ cdir))) / sp[0]
  col = (d @ rdir + spacing_mm * (steps[:, None] * (down @ rdir) + steps[None, :] * (right @ rdir))) / sp[1]
  f, h, w = images.shape
  inside = (row >= 0) & (row <= h - 1) & (col >= 0) & (col <= w - 1)
  r0 = np.clip(np.floor(row), 0, max(h - 2, 0)).astype(np.intp)
  c0 = np.clip(np.floor(col), 0, max(w - 2, 0)).astype(np.intp)
  fr, fc = (row - r0).astype(np.float32), (col - c0).astype(np.float32)
  sigma = np.maximum(0.0, (spacing_mm / sp - 1.0) / 2.0)
  src = images.astype(np.float32, copy=False)
  if sigma.max() > 0.1:
    src = ndimage.gaussian_filter(src, (0.0, *sigma), truncate=3.0)
  flat, k = src.reshape(f, h * w), r0 * w + c0
  r1, c1 = min(1, h - 1) * w, min(1, w - 1)
  out = ((flat[:, k] * (1 - fc) + flat[:, k + c1] * fc) * (1 - fr)
         + (flat[:, k + r1] * (1 - fc) + flat[:, k + r1 + c1] * fc) * fr)
  return np.where(inside, out, np.float32(np.nan))


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


def _log_surface(image: np.ndarray, fit: np.ndarray, degree: int) -> np.ndarray:
  """exp of the polynomial surface (degree 1 or 2 in the pixel coordinates) fitted by least
  squares to log(image) over the pixels `fit` [S, S] bool; mean 1 and clamped to its range over
  them, so that it is not extrapolated into corners it never saw. Fitted on every other row and
  column: a smooth surface needs no more, at a quarter of the cost."""
  y, x = np.meshgrid(np.linspace(-1, 1, image.shape[0]), np.linspace(-1, 1, image.shape[1]), indexing="ij")
  terms = [np.ones_like(x), x, y] + ([x * x, x * y, y * y] if degree == 2 else [])
  basis = np.stack(terms, -1)  # [S, S, 3 or 6]
  sub = np.zeros_like(fit)
  sub[::2, ::2] = fit[::2, ::2]
  if sub.sum() < 4 * len(terms):
    return np.ones_like(image)
  coef, *_ = np.linalg.lstsq(basis[sub], np.log(np.maximum(image[sub], 1e-6)), rcond=None)
  log_gain = basis @ coef
  on = log_gain[fit]
  return np.exp(np.clip(log_gain, on.min(), on.max()) - on.mean())


def bias_field(image: np.ndarray, covered: np.ndarray, heart: np.ndarray, blood_pool: bool) -> np.ndarray:
  """image: float [S, S] >= 0 (a slot's mean over T); covered, heart: bool [S, S] (inside the
  acquired image; the disc at the crop centre) -> smooth multiplicative gain [S, S].

  Surface-coil shading is a smooth gain; in log it is additive, so a surface fitted to log
  intensity over the same pixels is the clean image's surface plus the shading, and dividing by
  it removes the shading whatever the anatomy. The question is which pixels and which surface:
  1. A plane over all tissue (covered pixels above a tenth of the 99th percentile: not air or
     lung): to first order the shading is a falloff away from the coil, and a plane is the one
     shape the heart cannot feed (the crop is centred on the heart, a centred object has no
     first moment). A quadratic over all tissue followed the bright disc of a dilated LV and
     hollowed it out (tried).
  2. With `blood_pool` (cine): a quadratic over the blood pool, the brightest pixels of the
     heart disc after step 1 (above 80% of their 99th percentile). bSSFP blood is one tissue of
     near uniform signal, so its curvature is the coil's, and a strong profile bends the long
     axis views well beyond a plane. Not for LGE: its bright class holds scar, the finding.
  """
  tissue = covered & (image > 0.1 * np.percentile(image[covered], 99.0)) if covered.any() else covered
  gain = _log_surface(image, tissue, 1)
  if blood_pool:
    flat = image / gain
    pool = covered & heart
    if pool.any():
      pool &= flat > 0.8 * np.percentile(flat[pool], 99.0)
    gain = gain * _log_surface(flat, pool, 2)
  return gain


def normalise_uint8(x: np.ndarray, spacing_mm: float, cine: bool = True,
                    heart_radius_mm: float = HEART_RADIUS_MM) -> np.ndarray:
  """x: float [T, S, S] one slot's crop (cine, or LGE as magnitude; NaN outside the acquired
  image) -> uint8 [T, S, S], 0 outside the acquired image.

  The same intensity means the same at every site: divide out the coil shading (`bias_field`,
  with the blood-pool step for cine), then map [lo, hi] -> [0, 255] with lo the 1st percentile
  of the signal (3 x 3 smoothed, so it sits on the noise floor, not under it: the noise level of
  a site does not lift its background) and hi the 99th percentile inside the disc of
  `heart_radius_mm` at the crop centre (the blood pool: the crop's corners hold fat and chest
  wall, whose share changes with the field of view). Pixels outside the acquired image take no
  part, so a site's field of view does not move them.
  """
  from scipy import ndimage
  missing = np.isnan(x)
  covered = ~missing.any(axis=0)  # [S, S]: acquired in every frame
  stats = ndimage.binary_erosion(covered, np.ones((3, 3), bool))  # whole 3 x 3 neighbourhood acquired
  if not stats.any():
    return np.zeros(x.shape, np.uint8)
  x = np.maximum(np.nan_to_num(x, nan=0.0), 0.0).astype(np.float32, copy=False)
  r = np.hypot(*np.meshgrid(np.arange(x.shape[1]) - (x.shape[1] - 1) / 2, np.arange(x.shape[2]) - (x.shape[2] - 1) / 2,
                            indexing="ij")) * spacing_mm
  heart = r <= heart_radius_mm
  x /= bias_field(x.mean(axis=0), covered, heart, cine)
  smooth = ndimage.uniform_filter(x, (1, 3, 3))
  lo = np.percentile(smooth[:, stats], 1.0)
  hi = np.percentile(smooth[:, stats & heart], 99.0) if (stats & heart).any() else lo
  if hi <= lo:
    return np.zeros(x.shape, np.uint8)
  out = np.clip((x - lo) * (255.0 / (hi - lo)) + 0.5, 0, 255).astype(np.uint8)
  out[missing] = 0
  return out


def lge_magnitude(x: np.ndarray) -> np.ndarray:
  """LGE on one scale whatever the reconstruction: |signal|.

  A magnitude IR image is |M|; a PSIR image is the phase-corrected real part M (signed once its
  rescale intercept is applied, as dicom_io.decode does), so |PSIR| is the magnitude image of the
  same acquisition. Sites that only keep magnitude cannot give the sign back, so the common scale
  is the magnitude: nulled myocardium near zero, blood and scar bright, at every site.
  """
  return np.abs(x)


def positions(n_src: int, frames: int) -> np.ndarray:
  """Indices of `frames` slices evenly spread over a stack of `n_src` (base -> apex)."""
  return np.round(np.linspace(0, n_src - 1, frames)).astype(int)
