"""Synthetic heart: per-patient parameters and a label function over 3D points and time.

The heart lives in its own frame (u, v, z): z runs along the LV long axis from the base
(z = 0 at end-diastole) to the apex, u points from the LV centre towards the RV, v = w x u.
Every image (any plane, any phase) is a sampling of `heart_labels`, so short- and long-axis
views, masks and volumes all come from one model and agree with each other by construction.
"""

import dataclasses
import math

import numpy as np

from data_prep.records import DIAGNOSES  # noqa: F401  (re-exported: the diagnoses drawn here)

# Label values of `heart_labels` (0 = not heart).
LV_BLOOD, LV_MYO, RV_BLOOD, RV_MYO, ATRIUM, AORTA, FAT = 1, 2, 3, 4, 5, 6, 7
BLOOD_LABELS = (LV_BLOOD, RV_BLOOD, ATRIUM, AORTA)
MYO_LABELS = (LV_MYO, RV_MYO)


EPI_FAT_MM = 3.0

# Finding thresholds, applied to the drawn anatomy (what a reader would measure).
LV_DILATION_EDV_ML = 200.0
LV_HYPERTROPHY_MM = 13.0
LV_DYSFUNCTION_EF = 50.0
RV_DILATION_EDV_ML = 240.0

# Coronary territories as angles in the (u, v) plane: 0 = septum (towards the RV).
TERRITORIES = {"anterior": 0.5 * math.pi, "inferior": -0.5 * math.pi,
               "lateral": math.pi, "anteroseptal": 0.25 * math.pi}


@dataclasses.dataclass(frozen=True)
class Heart:
  """Drawn anatomy of one patient (lengths in mm, angles in radians)."""
  diagnosis: str
  r_endo: float  # LV endocardial radius at the base, end-diastole
  length: float  # LV cavity length base -> apex, end-diastole
  wall: float  # LV wall thickness, end-diastole (remote myocardium)
  septal_extra: float  # extra septal thickness (asymmetric hypertrophy), mm
  c_radial: float  # fraction of endocardial radius lost at end-systole
  c_long: float  # fraction of cavity length lost at end-systole (base descent)
  t_es: float  # end-systole as a fraction of the RR interval
  infarct: tuple  # () or (theta, half_width, s0, transmurality, thinning, hypokinesis)
  patchy: tuple  # () or (theta, half_width, s0, s1, depth0, depth1): mid-wall LGE
  rv_width: float  # septum -> RV free wall distance, end-diastole
  rv_a: float  # RV ellipsoid semi-axis along u
  rv_c: float  # RV ellipsoid semi-axis along z
  c_rv: float  # RV contraction fraction
  aorta_theta: float  # direction of the LVOT/aortic root from the LV axis
  papillary: tuple = ()  # () or (radius mm, s from, s to): two muscles in the LV cavity
  trabeculation: float = 0.0  # depth (mm) of the trabecular layer lining the LV cavity
  rv_b_scale: float = 1.0  # RV crescent width across the septum (v), relative to the drawn one

  def to_dict(self) -> dict:
    return dataclasses.asdict(self)


def contraction(t, t_es):
  t = np.mod(t, 1.0)
  rapid = t_es + 0.25
  sys = 0.5 * (1 - np.cos(np.pi * t / t_es))
  fill = 1 - 0.8 * 0.5 * (1 - np.cos(np.pi * np.clip((t - t_es) / 0.25, 0, 1)))
  dias = 0.2 - 0.05 * np.clip((t - rapid) / (0.8 - rapid), 0, 1)
  kick = 0.15 * 0.5 * (1 + np.cos(np.pi * np.clip((t - 0.8) / 0.2, 0, 1)))
  return np.where(t < t_es, sys, np.where(t < rapid, fill, np.where(t < 0.8, dias, kick)))


BORDERLINE = 0.15  # fraction of patients drawn near the boundary of their class


def draw_heart(rng: np.random.Generator, diagnosis: str) -> Heart:
  """Anatomy for a diagnosis; findings follow from these numbers through `findings`.

  A BORDERLINE fraction of each class is drawn near where it meets another (a large normal LV,
  a mildly dilated DCM, borderline wall thickness, a small infarct, a mildly dilated RV), so
  the diagnosis is not always one measurement away from its neighbours.
  """
  u = rng.uniform
  border = rng.random() < BORDERLINE
  r_endo, length = u(23, 27), u(80, 95)
  wall, septal_extra = u(7, 9.5), 0.0
  target_ef = u(56, 70)
  c_long = u(0.10, 0.15)
  infarct, patchy = (), ()
  rv_width, rv_a, rv_c, c_rv = u(19, 25), u(38, 46), u(0.5, 0.58), u(0.26, 0.32)
  if diagnosis == "NOR" and border:
    r_endo, length, target_ef = u(27, 29.5), u(92, 100), u(52, 58)
  if diagnosis == "DCM":
    r_endo, length, wall = u(31, 37), u(98, 112), u(5, 6.8)
    target_ef, c_long = u(18, 38), u(0.03, 0.07)
    if border:
      r_endo, length, wall, target_ef = u(28.5, 31), u(94, 102), u(6, 7.5), u(36, 47)
    c_rv *= 0.75  # the RV shares the cardiomyopathy, mildly
    if rng.random() < 0.25:  # mid-wall septal stripe, as in a quarter of DCM
      patchy = (0.0, u(0.35, 0.6), u(0.1, 0.3), u(0.6, 0.85), 0.35, 0.65)
  elif diagnosis == "HCM":
    r_endo, length, wall = u(17, 21), u(72, 85), u(14, 18)
    septal_extra = u(3, 9) if rng.random() < 0.7 else 0.0
    target_ef, c_long = u(66, 80), u(0.08, 0.12)
    if border:
      r_endo, wall, septal_extra = u(20, 23), u(11.5, 13.5), 0.0
    if rng.random() < 0.45:  # patchy fibrosis at the RV insertion points
      theta = rng.choice([0.45, -0.45]) * math.pi
      patchy = (theta, u(0.2, 0.35), u(0.15, 0.35), u(0.5, 0.8), 0.3, 0.7)
  elif diagnosis == "MINF":
    r_endo, length, wall = u(26, 33), u(88, 104), u(7.5, 9.5)
    target_ef, c_long = u(28, 47), u(0.05, 0.1)
    theta = TERRITORIES[rng.choice(sorted(TERRITORIES))] + u(-0.2, 0.2)
    # (theta, half width, s0, transmurality, thinning, wall motion loss: < 1 hypo-, 1 a-, > 1 dyskinetic)
    infarct = (theta, u(0.6, 1.0), u(0.0, 0.3), u(0.6, 1.0), u(0.2, 0.4), u(0.7, 1.2))
    if border:
      r_endo, target_ef = u(25, 28), u(45, 55)
      infarct = (theta, u(0.35, 0.55), u(0.3, 0.5), u(0.25, 0.5), u(0.05, 0.2), u(0.5, 0.9))
  elif diagnosis == "ARV":
    rv_width, rv_a, c_rv = u(44, 52), u(44, 52), u(0.12, 0.25)
    if border:
      rv_width, rv_a, c_rv = u(37, 43), u(42, 47), u(0.18, 0.27)
  elif diagnosis != "NOR":
    raise ValueError(diagnosis)
  rv_width *= min(1.0, (25.0 / r_endo) ** 1.5)  # a big LV squeezes the RV crescent
  return Heart(
      diagnosis=diagnosis, r_endo=r_endo, length=length, wall=wall, septal_extra=septal_extra,
      c_radial=_radial_for_ef(target_ef, c_long), c_long=c_long, t_es=u(0.32, 0.38),
      infarct=infarct, patchy=patchy, rv_width=rv_width, rv_a=rv_a, rv_c=rv_c * length,
      c_rv=c_rv, aorta_theta=u(0.3, 0.45) * math.pi,
      papillary=(u(3.0, 5.0), u(0.25, 0.4), u(0.6, 0.75)) if rng.random() < 0.8 else (),
      trabeculation=u(1.0, 3.5) if rng.random() < 0.5 else 0.0, rv_b_scale=u(0.85, 1.15))


def _radial_for_ef(ef_percent, c_long):
  """Radial shortening giving about this EF for volume ~ r^2 L (the exact EF is measured)."""
  return 1 - math.sqrt((1 - ef_percent / 100) / (1 - c_long))


def _sector(theta, centre, half_width):
  """Smooth weight in [0, 1]: 1 inside +-half_width of centre, 0 beyond 1.4x."""
  d = np.abs(np.remainder(theta - centre + math.pi, 2 * math.pi) - math.pi)
  return np.clip((1.4 * half_width - d) / (0.4 * half_width), 0, 1)


def _lv_radii(h: Heart, theta, z, t):
  """Endo/epicardial radii of the LV at angle theta, level z, time t (all broadcastable).

  Returns (r_endo, r_epi, s, g_inf): s is the normalised level (0 base, 1 apex; outside
  [0, 1] there is no cavity) and g_inf the infarct-territory weight.
  """
  f = contraction(t, h.t_es)
  z_base = h.c_long * h.length * f
  s = (z - z_base) / (h.length - z_base)
  sc = np.clip(s, 0, 1)
  r_endo_ed = h.r_endo * np.sqrt(np.clip(1 - sc ** 2.2, 0, 1))
  wall = h.wall * (1 - 0.25 * sc) + h.septal_extra * _sector(theta, 0.0, 0.6) * (1 - sc)
  c = h.c_radial * (1 + 0.08 * np.cos(theta - math.pi))  # lateral wall moves a little more
  g_inf = np.zeros_like(wall)
  if h.infarct:
    g_inf = _sector(theta, h.infarct[0], h.infarct[1]) * (s >= h.infarct[2])
    wall = wall * (1 - h.infarct[4] * g_inf)
    c = c * (1 - h.infarct[5] * g_inf)
  r_endo = r_endo_ed * (1 - c * f)
  r_epi = np.sqrt(r_endo ** 2 + (r_endo_ed + wall) ** 2 - r_endo_ed ** 2)
  return r_endo, r_epi, s, g_inf


def _rv_geometry(h: Heart):
  """RV ellipsoid: (centre offset d along u, semi-axis b along v, centre z, cut plane u)."""
  r_epi_base = h.r_endo + h.wall
  d = r_epi_base + h.rv_width - h.rv_a
  u_cut = -0.15 * r_epi_base
  b = h.rv_b_scale * min(1.08 * r_epi_base / math.sqrt(max(1 - ((u_cut - d) / h.rv_a) ** 2, 0.05)), 62.0)
  return d, b, 0.38 * h.length, u_cut


def _scar_depths(h: Heart, theta, s, g_inf):
  """Transmural depth range [lo, hi] of scar at (theta, s); lo > hi where there is none."""
  lo = np.full(np.shape(g_inf), 2.0)
  hi = np.full(np.shape(g_inf), -1.0)
  if h.infarct:
    on = g_inf > 0.5
    lo, hi = np.where(on, 0.0, lo), np.where(on, h.infarct[3], hi)
  if h.patchy:
    th, hw, s0, s1, d0, d1 = h.patchy
    on = (_sector(theta, th, hw) > 0.5) & (s >= s0) & (s <= s1)
    lo, hi = np.where(on, np.minimum(lo, d0), lo), np.where(on, np.maximum(hi, d1), hi)
  return lo, hi


def heart_labels(h: Heart, u, v, z, t):
  """Label map and scar mask at points (u, v, z) [...] mm, time t (fraction of RR).

  Returns (labels uint8 [...], scar bool [...]).
  """
  r = np.hypot(u, v)
  theta = np.arctan2(v, u)
  r_endo, r_epi, s, g_inf = _lv_radii(h, theta, z, t)
  f = contraction(t, h.t_es)
  z_base = h.c_long * h.length * f
  inside = (s >= 0) & (s <= 1)
  cap = h.wall * 0.75
  in_cap = (s > 1) & (z - h.length < cap * np.sqrt(np.clip(1 - (r / cap) ** 2, 0, 1)))
  lv_blood = inside & (r < r_endo)
  lv_myo = (inside & ~lv_blood & (r < r_epi)) | in_cap

  shape = np.broadcast_shapes(np.shape(u), np.shape(v), np.shape(z), np.shape(t))
  labels = np.zeros(shape, np.uint8)
  # RV: an ellipsoid wrapped on the septum, cut so it ends at the insertion points.
  d, b, zc, u_cut = _rv_geometry(h)
  k = 1 - h.c_rv * f
  rv_q = ((u - d) / (h.rv_a * k)) ** 2 + (v / (b * k)) ** 2 + ((z - zc) / h.rv_c) ** 2
  rv_zone = (u > u_cut) & (z > z_base - 8)
  # Epicardial fat: the bright rim that outlines the heart on bSSFP.
  lv_fat = (s >= -0.05) & (s <= 1) & (r < r_epi + EPI_FAT_MM) | (s > 1) & (z - h.length < cap + EPI_FAT_MM) & (r < cap + EPI_FAT_MM)
  labels[lv_fat | rv_zone & (rv_q < (1 + (3.0 + EPI_FAT_MM) / (h.rv_a * k)) ** 2)] = FAT
  labels[rv_zone & (rv_q < (1 + 3.0 / (h.rv_a * k)) ** 2)] = RV_MYO
  labels[rv_zone & (rv_q < 1)] = RV_BLOOD
  # Atria above the base, filling while the ventricles empty; aortic root on the LVOT.
  ka = 1 + 0.15 * f
  dz = ((z - z_base + 27) / 25) ** 2
  la = ((u + 0.2 * h.r_endo) / (26 * ka)) ** 2 + (v / (24 * ka)) ** 2 + dz
  ra = ((u - d - 0.5 * h.rv_a) / (24 * ka)) ** 2 + (v / (24 * ka)) ** 2 + dz
  labels[(la < 1) | (ra < 1)] = ATRIUM
  ao_u, ao_v = 0.45 * h.r_endo * math.cos(h.aorta_theta), 0.45 * h.r_endo * math.sin(h.aorta_theta)
  labels[(np.hypot(u - ao_u, v - ao_v) < 12) & (z < z_base + 2) & (z > z_base - 55)] = AORTA
  labels[lv_myo] = LV_MYO
  labels[lv_blood] = LV_BLOOD
  labels[lv_blood & _cavity_muscle(h, r, theta, s, r_endo)] = LV_MYO

  depth = np.clip((r - r_endo) / np.maximum(r_epi - r_endo, 1e-3), 0, 1)
  lo, hi = _scar_depths(h, theta, s, g_inf)
  scar = lv_myo & inside & (depth >= lo) & (depth <= hi)
  return labels, scar


PAPILLARY_THETA = (0.7 * math.pi, -0.6 * math.pi)  # anterolateral, posteromedial (0 = septum)


def _cavity_muscle(h: Heart, r, theta, s, r_endo):
  """bool [...]: muscle inside the LV cavity: two papillary muscles (round, two thirds of the
  way out to the endocardium, through the mid-ventricle) and a trabecular fringe (a band of
  h.trabeculation mm inside the endocardium, broken up by angle and level, apical half)."""
  out = np.zeros(np.broadcast(r, s, r_endo).shape, bool)
  if h.papillary:
    rad, s0, s1 = h.papillary
    for th in PAPILLARY_THETA:
      x = r * np.cos(theta - th) - 0.65 * r_endo
      y = r * np.sin(theta - th)
      out |= (np.hypot(x, y) < rad) & (s >= s0) & (s <= s1)
  if h.trabeculation:
    band = (r > r_endo - h.trabeculation) & (s > 0.4) & (s <= 1)
    out |= band & (np.sin(9 * theta + 2.0) * np.sin(25 * s) > 0.3)
  return out


def volumes(h: Heart) -> dict:
  """Ground-truth measurements: LV/RV volumes (mL) at ED and ES, EFs, LV mass (g),
  maximal ED wall thickness (mm), scar volume (mL).

  The LV is integrated in polar form (exact for the model); the RV on a 2 mm grid.
  """
  theta = np.linspace(-math.pi, math.pi, 240, endpoint=False)[:, None]
  dth = 2 * math.pi / 240
  out = {}
  for name, t in (("ed", 0.0), ("es", h.t_es)):
    dz = 0.5
    z = np.arange(dz / 2, h.length, dz)[None, :]
    r_endo, r_epi, s, g_inf = _lv_radii(h, theta, z, t)
    ok = (s >= 0) & (s <= 1)
    out[f"lv_{name}v"] = float((0.5 * r_endo ** 2 * ok).sum() * dth * dz / 1000)
    if name == "ed":
      out["lv_mass"] = float((0.5 * (r_epi ** 2 - r_endo ** 2) * ok).sum() * dth * dz / 1000 * 1.05)
      lo, hi = _scar_depths(h, theta, s, g_inf)
      ra = r_endo + np.clip(lo, 0, 1) * (r_epi - r_endo)
      rb = r_endo + np.clip(hi, 0, 1) * (r_epi - r_endo)
      out["scar_ml"] = float((0.5 * np.clip(rb ** 2 - ra ** 2, 0, None) * ok * (hi >= lo)).sum() * dth * dz / 1000)
      near = ok & (s <= 0.6)
      out["max_wall"] = float(((r_epi - r_endo) * near).max())
  d, b, zc, u_cut = _rv_geometry(h)
  step = 2.0
  U, V, Z = np.meshgrid(np.arange(u_cut, d + h.rv_a + 4, step), np.arange(-b - 4, b + 4, step),
                        np.arange(-8, zc + h.rv_c + 2, step), indexing="ij")
  for name, t in (("ed", 0.0), ("es", h.t_es)):
    lab, _ = heart_labels(h, U + step / 2, V + step / 2, Z + step / 2, t)
    out[f"rv_{name}v"] = float((lab == RV_BLOOD).sum() * step ** 3 / 1000)
  out["lvef"] = 100 * (out["lv_edv"] - out["lv_esv"]) / out["lv_edv"]
  out["rvef"] = 100 * (out["rv_edv"] - out["rv_esv"]) / out["rv_edv"]
  return out


def simpson_lv(h: Heart, z_slices, gap: float) -> dict:
  """LV volumes (mL) and EF as a reader measures them: cavity areas on the short-axis slices
  at levels z_slices (mm), summed times the slice spacing, at end-diastole and end-systole.

  Differs from the exact `volumes` where the stack is coarse or the base descends past the
  first slice; reports and labels use this, so they agree with the images.
  """
  theta = np.linspace(-math.pi, math.pi, 360, endpoint=False)[:, None]
  z = np.asarray(z_slices, np.float64)[None, :]
  out = {}
  for name, t in (("ed", 0.0), ("es", h.t_es)):
    r_endo, _, s, _ = _lv_radii(h, theta, z, t)
    area = (0.5 * r_endo ** 2 * ((s >= 0) & (s <= 1))).sum(0) * (2 * math.pi / 360)
    out[f"lv_{name}v"] = float(area.sum() * gap / 1000)
  out["lvef"] = 100 * (out["lv_edv"] - out["lv_esv"]) / out["lv_edv"]
  return out


def findings(vol: dict) -> dict:
  """0/1 findings from measured anatomy (the labels and the report both use these)."""
  return {
      "lv_dilation": int(vol["lv_edv"] > LV_DILATION_EDV_ML),
      "lv_hypertrophy": int(vol["max_wall"] >= LV_HYPERTROPHY_MM),
      "lv_dysfunction": int(vol["lvef"] < LV_DYSFUNCTION_EF),
      "rv_dilation": int(vol["rv_edv"] > RV_DILATION_EDV_ML),
      "lge": int(vol["scar_ml"] > 0.2),
  }
