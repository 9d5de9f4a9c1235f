"""The generator's vendor storage variants are valid DICOM that pydicom reads with the stated
geometry and values: long-axis planes stored apex up, mirrored or transposed show the same
anatomy at the same patient coordinates (positions computed from the read header with the
PS3.3 C.7.6.2.1.1 formula, values through pydicom's own modality LUT), and PSIR series keep
their signed values whichever way the vendor stores them.
"""

import io

import numpy as np
import pydicom
import pytest
from pydicom.pixels import apply_rescale

from data_prep.synth import anatomy as anat, dicom_writer as synth_dicom, generate as synth, scan
from test_synth import conformance_problems

SEED = 11
TRANSFORMS = {"apex_down": lambda a: a, "apex_up": lambda a: a[..., ::-1, ::-1],
              "mirrored": lambda a: a[..., :, ::-1], "transposed": lambda a: np.swapaxes(a, -1, -2)}


@pytest.fixture(scope="module")
def truth():
  t = synth.study_truth(SEED, 0, render=False, matrix=48, frames=4, slices=4)
  t["protocol"] = dict(t["protocol"], noise=0.0, signed=False, rescale=1.0)  # noise-free: exact comparisons
  return t


def _pixel_positions(ds) -> np.ndarray:
  """[rows, cols, 3] patient coordinates of each pixel centre, from the header alone."""
  iop = np.asarray(ds.ImageOrientationPatient, float)
  ipp = np.asarray(ds.ImagePositionPatient, float)
  dr, dc = (float(v) for v in ds.PixelSpacing)  # row spacing, column spacing
  i, j = np.meshgrid(np.arange(ds.Rows), np.arange(ds.Columns), indexing="ij")
  return ipp + j[..., None] * dc * iop[:3] + i[..., None] * dr * iop[3:]


def _write_read(t, plane, pixels, view="4ch", psir=False):
  proto = t["protocol"]
  series = dict(next(s for s in t["series"] if s["view"] == "4ch"), planes=[plane], psir=psir,
                lge=psir, view=view, times=[0.0], trigger_ms=[0.0])
  stored = synth_dicom.stored_pixels(pixels[None, None], proto, psir)
  data = next(synth_dicom.classic_files(t["study"], proto, series, stored, (100, 200),
                                        lambda *k: synth._uid(SEED, "t", *k), "explicit"))
  return pydicom.dcmread(io.BytesIO(data))


@pytest.mark.parametrize("how", ["apex_up", "mirrored", "transposed"])
def test_long_axis_storage_variants_show_the_same_anatomy_at_the_same_place(truth, how):
  t = truth
  h, pose, proto = t["heart"], t["pose"], t["protocol"]
  body = scan.draw_body(np.random.default_rng(0))
  down = scan.lax_plane(np.random.default_rng(1), h, dict(pose), dict(proto, lax_store="apex_down"), "4ch")
  other = scan.store_plane(down, how)
  render = lambda p: scan.render(h, pose, body, p, [0.0], scan.CINE, proto, np.random.default_rng(2))
  (px_down, lab_down), (px_other, lab_other) = render(down), render(other)
  ds_down, ds_other = _write_read(t, down, px_down[0]), _write_read(t, other, px_other[0])
  for ds in (ds_down, ds_other):
    assert not conformance_problems(ds)
  # Same patient point under each stored pixel, as the header states it ...
  np.testing.assert_allclose(
      _pixel_positions(ds_other),
      TRANSFORMS[how](_pixel_positions(ds_down).transpose(2, 0, 1)).transpose(1, 2, 0), atol=1e-3)
  # ... the same anatomy and the same values there.
  np.testing.assert_array_equal(lab_other[0], TRANSFORMS[how](lab_down[0]))
  assert (lab_down[0] == anat.LV_BLOOD).sum() > 20
  np.testing.assert_allclose(apply_rescale(ds_other.pixel_array, ds_other),
                             TRANSFORMS[how](apply_rescale(ds_down.pixel_array, ds_down)), atol=1.0)


@pytest.mark.parametrize("store", ["signed", "intercept", "slope"])
def test_psir_values_survive_each_vendor_storage(truth, store):
  proto = dict(truth["protocol"], psir_store=store, rescale=2.2 if store == "slope" else 1.0)
  t = dict(truth, protocol=proto)
  rng = np.random.default_rng(3)
  signal = rng.uniform(-600, 2400, (48, 48)).astype(np.float32)  # PSIR: negative and positive
  plane = truth["series"][1]["planes"][0]
  ds = _write_read(t, plane, signal, view="lge_4ch", psir=True)
  assert not conformance_problems(ds)
  st = synth_dicom.storage(proto, psir=True)
  assert ds.PixelRepresentation == int(st["signed"]) and ds.BitsStored == st["bits"]
  if store != "signed":
    assert float(ds.RescaleIntercept) < 0 and ds.pixel_array.min() >= 0  # unsigned, shifted
  values = apply_rescale(ds.pixel_array, ds)  # pydicom's modality LUT, not ours
  np.testing.assert_allclose(values, signal, atol=st["slope"] / 2 + 1e-3)
  assert values.min() < -500
