"""The scanner side of a synthetic study: protocol, plane geometry and image rendering.

A protocol (vendor, sizes, contrast, storage) is drawn from its own random stream, never
from the patient's, so nothing about the acquisition predicts the diagnosis.
"""

import math

import numpy as np
from scipy import ndimage

from data_prep.synth import anatomy as anat

# vendor -> (Manufacturer, [(model, field strength T)], cine SAX/4CH/2CH/3CH names, LGE SAX/LAX names)
VENDORS = {
    "siemens": ("SIEMENS", [("Avanto", 1.5), ("Aera", 1.5), ("Skyra", 3.0), ("Prisma", 3.0), ("MAGNETOM Vida", 3.0)],
                {"sax": ["cine_tf2d_sax", "CINE_segmented_SAX", "trufi_cine_sa"],
                 "4ch": ["cine_tf2d_4ch", "CINE_4CH"], "2ch": ["cine_tf2d_2ch", "CINE_2CH_VLA"],
                 "3ch": ["cine_tf2d_3ch", "cine_LVOT"],
                 "lge_sax": ["PSIR_SAX", "tfl_LGE_PSIR_SAX", "tfl_LGE_sa"],
                 "lge_lax": ["PSIR_4CH", "tfl_LGE_4ch", "tfl_LGE_lax"]}),
    "ge": ("GE MEDICAL SYSTEMS", [("Signa HDxt", 1.5), ("Optima MR450w", 1.5), ("DISCOVERY MR750", 3.0),
                                  ("SIGNA Artist", 1.5)],
           {"sax": ["FIESTA CINE SA", "FIESTA CINE SAX", "fiesta cine short axis"],
            "4ch": ["FIESTA CINE 4CH", "FIESTA CINE 4 CH"], "2ch": ["FIESTA CINE 2CH", "FIESTA CINE VLA"],
            "3ch": ["FIESTA CINE 3CH", "FIESTA CINE LVOT"],
            "lge_sax": ["MDE SA", "PSMDE SAX", "MDE short axis"],
            "lge_lax": ["MDE 4CH", "PSMDE 4CH", "MDE LAX"]}),
    "philips": ("Philips Medical Systems", [("Achieva", 1.5), ("Ingenia", 3.0), ("Intera", 1.5), ("Ingenia Elition X", 3.0)],
                {"sax": ["sBTFE_CINE_SA", "BTFE_CINE_SAX", "sBTFE_BH_SA"],
                 "4ch": ["sBTFE_CINE_4CH", "BTFE_4CH"], "2ch": ["sBTFE_CINE_2CH", "BTFE_2CH"],
                 "3ch": ["sBTFE_CINE_3CH", "BTFE_LVOT"],
                 "lge_sax": ["LGE_PSIR_SA", "IR_TFE_LGE_SA", "LGE_PSIR_SAX"],
                 "lge_lax": ["LGE_PSIR_4CH", "IR_TFE_LGE_4CH", "LGE_LAX"]}),
}
LAX_VIEWS = ("4ch", "2ch", "3ch")
# How each vendor tends to acquire and store a study, so that no two sites share one drawing
# style: cine phases, pixel spacing (mm) and matrix choices (demo sizes), how the SAX stack is
# split into series (one, one per slice, two or three chunks), how often LGE is phase-sensitive
# (PSIR: signed values) and how those are stored (signed int16 | unsigned with a rescale
# intercept | unsigned with slope and intercept), how long-axis views are stored (apex down,
# apex up = rotated 180 degrees, mirrored, rows and columns transposed), Rician noise and coil
# shading strength, and series-level tags.
STYLES = {
    "siemens": {"frames": (20, 25, 30), "frames_p": (0.35, 0.5, 0.15), "spacing": (1.8, 2.6),
                "matrix": (96, 112, 128), "matrix_p": (0.35, 0.4, 0.25), "rect": 0.6,
                "sax_split": ("one", "per_slice", "chunks"), "sax_split_p": (0.4, 0.45, 0.15),
                "psir": 0.7, "psir_store": "intercept",
                "lax_store": ("apex_down", "apex_up", "transposed"), "lax_store_p": (0.6, 0.25, 0.15),
                "noise": (0.015, 0.05), "bias": (0.1, 0.5),
                "image_type": ["ORIGINAL", "PRIMARY", "M", "NORM", "DIS2D"], "sequence": "*tfi2d1_{n}",
                "psir_type": ["DERIVED", "PRIMARY", "M", "PSIR", "NORM"]},
    "ge": {"frames": (20, 24, 30), "frames_p": (0.5, 0.3, 0.2), "spacing": (2.2, 3.0),
           "matrix": (80, 96, 128), "matrix_p": (0.3, 0.4, 0.3), "rect": 0.2,
           "sax_split": ("one", "chunks", "per_slice"), "sax_split_p": (0.5, 0.35, 0.15),
           "psir": 0.4, "psir_store": "signed",
           "lax_store": ("apex_down", "mirrored", "apex_up"), "lax_store_p": (0.5, 0.3, 0.2),
           "noise": (0.03, 0.09), "bias": (0.2, 0.7),
           "image_type": ["ORIGINAL", "PRIMARY", "OTHER"], "sequence": "fiesta2d",
           "psir_type": ["ORIGINAL", "PRIMARY", "OTHER", "PSIR"]},
    "philips": {"frames": (25, 30), "frames_p": (0.5, 0.5), "spacing": (1.6, 2.3),
                "matrix": (112, 128, 144), "matrix_p": (0.35, 0.4, 0.25), "rect": 0.3,
                "sax_split": ("one", "chunks"), "sax_split_p": (0.6, 0.4),
                "psir": 0.6, "psir_store": "slope",
                "lax_store": ("apex_down", "transposed", "apex_up", "mirrored"),
                "lax_store_p": (0.4, 0.25, 0.2, 0.15),
                "noise": (0.01, 0.06), "bias": (0.15, 0.6),
                "image_type": ["ORIGINAL", "PRIMARY", "M_FFE", "M", "FFE"], "sequence": "B-TFE",
                "psir_type": ["ORIGINAL", "PRIMARY", "R_IR", "R", "IR"]},
}
# PSIR LGE: the real (signed) part after phase correction: nulled myocardium sits just below
# zero, tissue with a longer T1 than it (lung, fluid) below that, blood and scar above.
PSIR = {"air": 0.0, "lung": -0.15, "tissue": 0.1, "fat": 0.45, "spine": 0.15,
        "blood": 0.4, "myo": -0.06, "scar": 1.0}
SCAR = 8  # mask value of scar pixels (on top of anatomy's labels)
HEART_REACH_MM = 100.0  # no chamber lies farther than this from the LV long axis

# Tissue signal (fraction of the scale) for bSSFP cine and for LGE (myocardium nulled).
CINE = {"air": 0.0, "lung": 0.05, "tissue": 0.32, "fat": 0.8, "spine": 0.45,
        "blood": 1.0, "myo": 0.2, "scar": 0.2}
LGE = {"air": 0.0, "lung": 0.04, "tissue": 0.25, "fat": 0.55, "spine": 0.3,
       "blood": 0.42, "myo": 0.03, "scar": 1.0}

SIZES_DEMO = {"slices": (6, 10)}  # matrix, spacing and frames: the vendor's STYLES
SIZES_REALISTIC = {"matrix": (192, 224, 256), "matrix_p": (0.35, 0.35, 0.3), "spacing": (1.25, 1.6),
                   "frames": (25, 30), "frames_p": (0.6, 0.4), "slices": (10, 12)}


def draw_protocol(rng: np.random.Generator, matrix=None, frames=None, slices=None, realistic=False,
                  vendors=None) -> dict:
  """Acquisition choices for one study; explicit sizes override the drawn ones; `vendors`
  (names of VENDORS) restricts the vendor draw (a held-out-vendor protocol)."""
  vendor = str(rng.choice(sorted(vendors or VENDORS)))
  style = STYLES[vendor]
  sz = SIZES_REALISTIC if realistic else {**style, **SIZES_DEMO}
  manufacturer, models, names = VENDORS[vendor]
  model, field = models[rng.integers(len(models))]
  cols = int(matrix or rng.choice(sz["matrix"], p=sz["matrix_p"]))
  rows = cols if rng.random() >= style["rect"] else int(round(cols * rng.choice([0.75, 0.8, 0.875]) / 8) * 8)
  missing = set()
  if rng.random() < 0.1:
    missing |= {"lge_sax", "lge_lax"}  # no contrast given
  elif rng.random() < 0.06:
    missing.add("lge_lax")
  if rng.random() < 0.12:
    missing.add(str(rng.choice(["3ch", "2ch"], p=[0.67, 0.33])))  # the 3CH is the one most often skipped
  return {
      "vendor": vendor, "manufacturer": manufacturer, "model": model, "field_strength": field,
      "software": {"siemens": "syngo MR E11", "ge": "DV26.0_R03", "philips": "5.6.1"}[vendor],
      "rows": rows, "cols": cols,
      "spacing": round(float(rng.uniform(*sz["spacing"])), 2),
      "frames": int(frames or rng.choice(sz["frames"], p=sz["frames_p"])),
      "slices": int(slices or rng.integers(sz["slices"][0], sz["slices"][1] + 1)),
      "slice_thickness": float(rng.choice([6.0, 7.0, 8.0])),
      "heart_rate": int(rng.integers(55, 96)),
      "scale": float(rng.uniform(*{"siemens": (300, 900), "ge": (800, 3000), "philips": (150, 2500)}[vendor])),
      "noise": float(rng.uniform(*style["noise"]) * (0.7 if field >= 3 else 1.0)),
      "bias": float(rng.uniform(*style["bias"])),
      "coil": _coil(rng),
      "names": {k: str(rng.choice(v)) for k, v in names.items()},
      "missing": sorted(missing),
      "inversion_time": float(rng.integers(240, 360)),
      "signed": bool(vendor == "ge" and rng.random() < 0.3),
      "rescale": float(rng.choice([1.0, 1.0, 1.5, 2.2])) if vendor == "philips" else 1.0,
      "enhanced": bool(rng.random() < (0.45 if vendor == "philips" else 0.08)),
      "sax_split": str(rng.choice(style["sax_split"], p=style["sax_split_p"])),
      "psir": bool(rng.random() < style["psir"]), "psir_store": style["psir_store"],
      "lax_store": str(rng.choice(style["lax_store"], p=style["lax_store_p"])),
      "sax_rotation": float(rng.uniform(-math.pi, math.pi) if rng.random() < 0.3 else 0.0),
      "syntax": str(rng.choice(["explicit", "implicit", "rle", "jpegls", "j2k"], p=[0.66, 0.1, 0.1, 0.07, 0.07])),
      "localizer": bool(rng.random() < 0.5),
      "layout": str(rng.choice(["patient_series", "flat", "dicomdir", "chunked"])),
      "screen_capture": bool(rng.random() < 0.05),
  }


def _coil(rng) -> dict:
  """Receive coil: anterior and posterior element groups (LPS mm, about the heart), their
  relative gains and the width of their sensitivity (mm)."""
  return {"ant": [float(rng.normal(0, 40)), float(rng.uniform(-150, -110)), float(rng.normal(20, 40))],
          "post": [float(rng.normal(0, 40)), float(rng.uniform(110, 150)), float(rng.normal(20, 40))],
          "gain": [float(rng.uniform(0.6, 1.0)), float(rng.uniform(0.3, 0.8))],
          "width": float(rng.uniform(70, 130))}


def coil_field(pts, proto) -> np.ndarray:
  """float32 [...]: receive sensitivity at patient points [..., 3]: 1 + bias x (sum of the two
  element groups' Gaussian sensitivities), so every plane of a study shares one smooth 3D field."""
  c = proto["coil"]
  g = sum(gain * np.exp(-np.sum((pts - np.asarray(centre)) ** 2, -1) / (2 * c["width"] ** 2))
          for centre, gain in ((c["ant"], c["gain"][0]), (c["post"], c["gain"][1])))
  return (1 + proto["bias"] * g / max(c["gain"])).astype(np.float32)


def store_plane(p: dict, how: str) -> dict:
  """The same plane stored another way (pixels differ, anatomy and geometry do not):
  apex_down (as drawn), apex_up (rotated 180 degrees), mirrored (columns reversed) or
  transposed (rows <-> columns). ImagePositionPatient and ImageOrientationPatient follow."""
  row, col, rows, cols = p["row"], p["col"], p["rows"], p["cols"]
  if how == "apex_up":
    row, col = -row, -col
  elif how == "mirrored":
    row = -row
  elif how == "transposed":
    row, col, rows, cols = col, row, cols, rows
  elif how != "apex_down":
    raise ValueError(how)
  return plane(plane_centre(p), row, col, rows, cols, p["spacing"])


def heart_pose(rng: np.random.Generator) -> dict:
  """Heart frame in patient (LPS) coordinates: columns u (LV->RV), v, w (base->apex), origin."""
  w = np.array([0.6, -0.45, -0.62]) + rng.normal(0, 0.08, 3)
  w /= np.linalg.norm(w)
  u = np.array([-0.55, -0.8, 0.05]) + rng.normal(0, 0.08, 3)
  u -= w * (u @ w)
  u /= np.linalg.norm(u)
  v = np.cross(w, u)
  origin = np.array([15.0, 5.0, 20.0]) + rng.normal(0, [8, 8, 25])
  return {"frame": np.stack([u, v, w], 1), "origin": origin}


def plane_basis(rng: np.random.Generator, axis, pose, view, rotation: float = 0.0):
  """Row and column directions of a view's image plane (unit, orthogonal, row x col = normal).

  Short axis: perpendicular to the LV long axis w, turned in plane by `rotation` (radians: some
  sites plan the stack at any angle). Long axis: spanned by w and `axis`.
  """
  frame = pose["frame"]
  w = frame[:, 2]
  if view == "sax":
    ref = np.array([1.0, 0.0, 0.0]) + rng.normal(0, 0.15, 3)
    row = ref - w * (ref @ w)
    row /= np.linalg.norm(row)
    col = np.cross(w, row)
    c, s = math.cos(rotation), math.sin(rotation)
    return c * row + s * col, -s * row + c * col
  a = axis
  psi = rng.uniform(-0.35, 0.35) + math.pi / 2  # long axis runs roughly down the image
  row = math.cos(psi) * a + math.sin(psi) * w
  col = -math.sin(psi) * a + math.cos(psi) * w
  if col @ np.array([0.0, 0.0, -1.0]) < 0:  # apex towards the bottom of the image
    row, col = -row, -col
  return row, col


def lax_axis(h: anat.Heart, pose, view):
  """In-plane direction (with w) that defines a long-axis view."""
  u, v = pose["frame"][:, 0], pose["frame"][:, 1]
  phi = {"4ch": 0.0, "2ch": 0.5 * math.pi, "3ch": h.aorta_theta}[view]
  return math.cos(phi) * u + math.sin(phi) * v


def plane(centre, row, col, rows, cols, spacing):
  """Image plane dict: ImagePositionPatient of pixel (0, 0) and the orientation."""
  ipp = centre - row * spacing * (cols - 1) / 2 - col * spacing * (rows - 1) / 2
  return {"ipp": ipp, "row": row, "col": col, "rows": rows, "cols": cols, "spacing": spacing}


def plane_centre(p: dict):
  """Patient coordinates of the centre of an image plane."""
  return p["ipp"] + p["spacing"] * (p["row"] * (p["cols"] - 1) + p["col"] * (p["rows"] - 1)) / 2


def plane_points(p: dict):
  """Patient coordinates [rows, cols, 3] of every pixel centre of a plane."""
  i = np.arange(p["rows"])[:, None, None]
  j = np.arange(p["cols"])[None, :, None]
  return p["ipp"] + j * p["spacing"] * p["row"] + i * p["spacing"] * p["col"]


def sax_planes(rng, h: anat.Heart, pose, proto) -> tuple:
  """(planes base -> apex, slice spacing mm): a short-axis stack evenly covering the LV cavity."""
  n = proto["slices"]
  gap = max(h.length / n, proto["slice_thickness"])
  z0 = gap / 2 + rng.uniform(-2, 2)
  row, col = plane_basis(rng, None, pose, "sax", proto.get("sax_rotation", 0.0))
  shift = rng.uniform(-0.08, 0.08, 2) * proto["cols"] * proto["spacing"]
  out = []
  for k in range(n):
    centre = pose["origin"] + pose["frame"][:, 2] * (z0 + k * gap) + row * shift[0] + col * shift[1]
    out.append(plane(centre, row, col, proto["rows"], proto["cols"], proto["spacing"]))
  return out, gap


def lax_plane(rng, h: anat.Heart, pose, proto, view) -> dict:
  """A long-axis plane ('4ch', '2ch', '3ch') through the LV axis, centred mid-ventricle, stored
  the protocol's way (`store_plane`)."""
  row, col = plane_basis(rng, lax_axis(h, pose, view), pose, view)
  centre = pose["origin"] + pose["frame"][:, 2] * (0.35 * h.length) + rng.normal(0, 4, 3)
  centre -= np.cross(row, col) * (np.cross(row, col) @ (centre - pose["origin"]))  # keep the LV axis in plane
  p = plane(centre, row, col, proto["rows"], proto["cols"], proto["spacing"])
  return store_plane(p, proto.get("lax_store", "apex_down"))


def screen_capture(lines) -> np.ndarray:
  """A results screen: the given text lines burned into uint8 [256, 256] pixels."""
  from PIL import Image, ImageDraw
  img = Image.new("L", (256, 256), 0)
  draw = ImageDraw.Draw(img)
  for i, line in enumerate(lines):
    draw.text((8, 8 + 14 * i), line, fill=255)
  draw.rectangle((8, 150, 248, 248), outline=160)
  return np.asarray(img, np.uint8)


def body_tissue(pts, body: dict):
  """Background tissue names -> bool masks [...] from patient coordinates (axial ellipses)."""
  x, y, z = pts[..., 0], pts[..., 1], pts[..., 2]
  q = (x / body["ax"]) ** 2 + ((y - body["cy"]) / body["ay"]) ** 2
  inner = (x / (body["ax"] - body["fat"])) ** 2 + ((y - body["cy"]) / (body["ay"] - body["fat"])) ** 2
  lung = np.zeros(x.shape, bool)
  for side in (-1, 1):
    lung |= ((x - side * 85) / 62) ** 2 + ((y - 15) / 78) ** 2 + ((z - body["lz"]) / 140) ** 2 < 1
  spine = np.hypot(x - 5, y - body["cy"] - 0.55 * body["ay"]) < 20
  aorta = np.hypot(x - 28, y - body["cy"] - 0.3 * body["ay"]) < 11
  return {"fat": (q < 1) & (inner >= 1), "tissue": inner < 1, "lung": lung & (inner < 1),
          "spine": spine, "blood": aorta}


def draw_body(rng) -> dict:
  return {"ax": rng.uniform(150, 185), "ay": rng.uniform(100, 125), "cy": rng.uniform(5, 25),
          "fat": rng.uniform(8, 25), "lz": rng.uniform(-10, 30)}


def render(h: anat.Heart, pose, body, p: dict, times, contrast: dict, proto, rng, signed: bool = False):
  """One plane over time: pixels float32 [T, rows, cols] (signal units) and labels uint8
  [T, rows, cols] (anatomy labels, SCAR where there is scar). signed (PSIR): the real part with
  Gaussian noise; else the magnitude, whose noise is Rician."""
  pts = plane_points(p)
  heart = ((pts - pose["origin"]) @ pose["frame"]).reshape(-1, 3).astype(np.float32)
  # Only pixels near the heart need the (costly) heart model.
  near = np.flatnonzero((np.hypot(heart[:, 0], heart[:, 1]) < HEART_REACH_MM)
                        & (heart[:, 2] > -70) & (heart[:, 2] < h.length + 15))
  t = np.asarray(times, np.float32)[:, None]
  sub, scar_sub = anat.heart_labels(h, heart[near, 0], heart[near, 1], heart[near, 2], t)
  n_t, shape = len(times), (p["rows"], p["cols"])
  labels = np.zeros((n_t, heart.shape[0]), np.uint8)
  labels[:, near] = sub
  scar = np.zeros((n_t, heart.shape[0]), bool)
  scar[:, near] = scar_sub
  labels, scar = labels.reshape(n_t, *shape), scar.reshape(n_t, *shape)
  bg = np.zeros(shape, np.float32)
  for name, mask in body_tissue(pts, body).items():  # later entries win
    bg[mask] = contrast[name]
  labels[scar] = SCAR
  lut = np.zeros(SCAR + 1, np.float32)
  lut[list(anat.BLOOD_LABELS)], lut[list(anat.MYO_LABELS)] = contrast["blood"], contrast["myo"]
  lut[anat.FAT], lut[SCAR] = contrast["fat"], contrast["scar"]
  img = np.where(labels > 0, lut[labels], bg)
  img = ndimage.gaussian_filter(img, (0, 0.7, 0.7), truncate=2.0)
  img *= coil_field(pts, proto)  # coil shading
  sigma = np.float32(proto["noise"])
  re = img + sigma * rng.standard_normal(img.shape, dtype=np.float32)
  if signed:
    return re * np.float32(proto["scale"]), labels
  im = sigma * rng.standard_normal(img.shape, dtype=np.float32)
  return np.hypot(re, im) * np.float32(proto["scale"]), labels
