"""Builds small DICOM CMR studies with pydicom for the convert tests (independent of synth).

A study is a 3-D phantom in patient coordinates: a bright LV cavity (ellipsoid) whose radius
beats over the cycle, centred at a known point with a known long axis. Every plane (SAX stack,
4CH/2CH/3CH, LGE) is rendered by sampling the phantom on the plane's own pixel grid, so the
geometry in the headers is the ground truth the converter must recover. With `extras`, an RV
(right-anterior, beating) and two static bright markers make every plane asymmetric, so a
mirrored or rotated output shows; `storage` stores each series' pixels rotated or mirrored
(the headers say so, as a real site's do); `bias` multiplies in a coil sensitivity profile.
"""

import os

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage, generate_uid

APEX = np.array([1.0, -1.0, -1.0]) / np.sqrt(3.0)


def heart_frame(apex=APEX):
  """Orthonormal (u: base->apex, w: 4CH normal (near superior), v: 2CH normal)."""
  u = np.asarray(apex, float) / np.linalg.norm(apex)
  w = np.array([0.0, 0.0, 1.0]) - u[2] * u
  w /= np.linalg.norm(w)
  return u, w, np.cross(u, w)


def render(centre, plane_row, plane_col, ipp, shape, spacing, t_frac, rng=None, noise=5.0, lv_radius=22.0,
           lv_motion=8.0, extras=False, bias=None):
  """Phantom sampled on a plane: float [H, W]. Mid-cavity radius `lv_radius` (22 mm) at
  end-diastole (t=0), `lv_motion` (8 mm) less at end-systole (t=0.4), tapering from base to apex; long
  semi-axis 45 mm along u. Myocardium: the shell out to sqrt(1.6) x the cavity's radius.
  extras: RV cavity beside the septum along +v (right-anterior), markers at +30 mm along w and
  along (w - v) / sqrt(2) (one in each of the 2CH and 3CH planes). bias(points [..., 3]) -> gain."""
  u, w, v = heart_frame()
  rows, cols = np.indices(shape, dtype=float)
  pts = ipp + cols[..., None] * spacing[1] * plane_row + rows[..., None] * spacing[0] * plane_col
  d = pts - centre
  beat = np.sin(np.pi * min(t_frac / 0.8, 1.0)) ** 2
  r = lv_radius - lv_motion * beat
  du = d @ u
  r = r * (1.0 - 0.3 * np.clip(du / 45.0, -1, 1))  # wider at the base than at the apex
  q = (du / 45.0) ** 2 + (d @ w / r) ** 2 + (d @ v / r) ** 2
  img = 80.0 + 320.0 * (q < 1.0) + 60.0 * ((q >= 1.0) & (q < 1.6))
  if extras:
    rv = d - (1.265 * lv_radius + 14.0) * v + 10.0 * u  # RV centre: beyond the septum, towards the base
    q_rv = (rv @ u / 40.0) ** 2 + (rv @ v / (14.0 - 5.0 * beat)) ** 2 + (rv @ w / 30.0) ** 2
    img = np.where(q < 1.6, img, np.where(q_rv < 1.0, 400.0, img))
    for m in (32.0 * w, 32.0 * (w - v) / np.sqrt(2)):
      img = np.where(np.linalg.norm(d - m, axis=-1) < 9.0, 300.0, img)
  if bias is not None:
    img = img * bias(pts)
  if rng is not None:
    img = img + rng.normal(0, noise, shape)
  return img


def _plane_axes(normal):
  """Row and column directions of a plane with this normal (row x col = normal)."""
  normal = normal / np.linalg.norm(normal)
  helper = np.array([0.0, 0.0, 1.0]) if abs(normal[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
  row = np.cross(helper, normal)
  row /= np.linalg.norm(row)
  col = np.cross(normal, row)
  return row, col


def base_dataset(study_uid, series_uid, patient, description, number):
  ds = Dataset()
  ds.file_meta = FileMetaDataset()
  ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
  ds.file_meta.MediaStorageSOPClassUID = MRImageStorage
  ds.SOPClassUID = MRImageStorage
  ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
  ds.PatientName = patient.get("name", "Doe^Jane")
  ds.PatientID = patient.get("id", "PID000001")
  ds.PatientBirthDate = patient.get("dob", "19700101")
  ds.AccessionNumber = patient.get("accession", "ACC0001")
  ds.ReferringPhysicianName = patient.get("referrer", "House^Gregory")
  ds.InstitutionName = patient.get("institution", "General Hospital")
  ds.StudyDate = patient.get("study_date", "20240102")
  ds.Modality, ds.Manufacturer, ds.ManufacturerModelName = "MR", "ACME", "Heart 3000"
  ds.MagneticFieldStrength = 1.5
  ds.SeriesDescription, ds.SeriesNumber = description, number
  return ds


def _pixels(ds, img):
  ds.Rows, ds.Columns = img.shape
  ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
  ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
  ds.PixelData = np.clip(np.round(img), 0, 4095).astype("<u2").tobytes()


def _lge_pixels(ds, signal, how):
  """Signed LGE signal stored as a site would (write_study's lge_storage)."""
  if how == "magnitude":
    return _pixels(ds, np.abs(signal))
  ds.Rows, ds.Columns = signal.shape
  ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
  ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
  if how == "intercept":
    ds.PixelRepresentation, ds.RescaleIntercept, ds.RescaleSlope = 0, -2048, 1
    ds.PixelData = np.clip(np.round(signal) + 2048, 0, 65535).astype("<u2").tobytes()
  else:
    ds.PixelRepresentation = 1
    ds.PixelData = np.round(signal).astype("<i2").tobytes()


def write_study(out_dir, study_uid, patient, *, centre=(10.0, -20.0, 30.0), n_sax=7, phases=12, shape=(96, 96),
                spacing=(2.0, 2.0), descriptions=None, seed=0, lge=True, lax=("4ch", "2ch", "3ch"),
                name_fn=None, storage=None, lge_storage=None, noise=5.0, **phantom):
  """Writes one study as single-frame files; returns the ground truth.

  descriptions: {'sax', '4ch', '2ch', '3ch', 'lge_sax'} -> SeriesDescription ('' = none).
  name_fn(kind, slice_index, phase) -> relative file path (default: tidy names).
  storage(kind) -> (angle_deg, mirrored): pixel axes rotated in the plane by the angle, then the
  rows stored bottom-up when mirrored; the orientation and position headers follow.
  lge_storage: None (LGE = the cine phantom at end-diastole) or the LGE signal S = phantom - 150
  (air and tissue below zero, as PSIR shows what the inversion has not recovered) stored as
  'magnitude' |S|, 'intercept' (S + 2048 unsigned, RescaleIntercept -2048) or 'signed' (int16).
  phantom: lv_radius, lv_motion, extras, bias (see `render`).
  """
  rng = np.random.default_rng(seed)
  desc = {"sax": "cine SAX", "4ch": "cine 4CH", "2ch": "cine 2CH", "3ch": "cine 3CH", "lge_sax": "LGE PSIR SAX",
          "loc": "localizer"}
  desc.update(descriptions or {})
  centre = np.asarray(centre, float)
  u, w, v = heart_frame()
  truth = {"centre": centre, "sax_offsets": [], "files": []}
  num = [0]

  def emit(kind, plane_normal, plane_centre, n_phases, index, series_uid, number, inversion=None):
    row, col = _plane_axes(plane_normal)
    angle, mirrored = storage(kind) if storage else (0.0, False)
    a = np.deg2rad(angle)
    row, col = np.cos(a) * row + np.sin(a) * col, -np.sin(a) * row + np.cos(a) * col
    col = -col if mirrored else col
    ipp = plane_centre - ((shape[1] - 1) / 2) * spacing[1] * row - ((shape[0] - 1) / 2) * spacing[0] * col
    for p in range(n_phases):
      ds = base_dataset(study_uid, series_uid, patient, desc[kind], number)
      ds.SOPInstanceUID = generate_uid()
      ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
      ds.ImageOrientationPatient = [float(x) for x in np.concatenate([row, col])]
      ds.ImagePositionPatient = [float(x) for x in ipp]
      ds.PixelSpacing = [float(spacing[0]), float(spacing[1])]
      ds.SliceThickness = 8.0
      ds.InstanceNumber = p + 1
      if n_phases > 1:
        ds.TriggerTime = float(p * 800.0 / n_phases)
        ds.NominalInterval = 800
      if inversion:
        ds.InversionTime = inversion
      img = render(centre, row, col, ipp, shape, spacing, p / n_phases, rng, noise, **phantom)
      if inversion and lge_storage:
        _lge_pixels(ds, img - 150.0, lge_storage)
      else:
        _pixels(ds, img)
      num[0] += 1
      rel = name_fn(kind, index, p) if name_fn else f"{kind}/s{index:02d}_p{p:02d}.dcm"
      path = os.path.join(out_dir, rel)
      os.makedirs(os.path.dirname(path), exist_ok=True)
      ds.save_as(path, enforce_file_format=True)
      truth["files"].append(rel)

  sax_uid = generate_uid()
  for k in range(n_sax):
    off = (k - (n_sax - 1) / 2) * 8.0
    emit("sax", u, centre + off * u, phases, k, sax_uid, 5)
    truth["sax_offsets"].append(off)
  for i, name in enumerate(lax):
    normal = {"4ch": w, "2ch": v, "3ch": (w + v) / np.sqrt(2)}[name]
    emit(name, normal, centre, phases, 0, generate_uid(), 2 + i)
  if lge:
    lge_uid = generate_uid()
    for k in range(n_sax):
      emit("lge_sax", u, centre + (k - (n_sax - 1) / 2) * 8.0 * u, 1, k, lge_uid, 20, inversion=300.0)
  return truth


def mr_image(arr, **attrs) -> Dataset:
  """A minimal MR image dataset holding `arr` ([H, W] or [F, H, W]) uncompressed."""
  ds = base_dataset(generate_uid(), generate_uid(), {}, "test", 1)
  ds.SOPInstanceUID = generate_uid()
  ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
  arr = np.asarray(arr)
  if arr.ndim == 3:
    ds.NumberOfFrames = arr.shape[0]
  ds.Rows, ds.Columns = arr.shape[-2:]
  ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
  ds.BitsAllocated = arr.dtype.itemsize * 8
  ds.BitsStored, ds.HighBit = ds.BitsAllocated, ds.BitsAllocated - 1
  ds.PixelRepresentation = 1 if arr.dtype.kind == "i" else 0
  ds.ImageOrientationPatient, ds.ImagePositionPatient, ds.PixelSpacing = [1, 0, 0, 0, 1, 0], [0, 0, 0], [1, 1]
  for k, val in attrs.items():
    setattr(ds, k, val)
  ds.PixelData = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
  return ds


def read_back(ds, tmp_path, name="x.dcm") -> pydicom.Dataset:
  path = os.path.join(str(tmp_path), name)
  ds.save_as(path, enforce_file_format=True)
  return pydicom.dcmread(path)


def write_file(folder, name: str, data: bytes) -> str:
  """Raw bytes as FOLDER/NAME (a hand-made file: a truncated stream, an Excel CSV); -> its path."""
  path = os.path.join(str(folder), name)
  with open(path, "wb") as f:
    f.write(data)
  return path
