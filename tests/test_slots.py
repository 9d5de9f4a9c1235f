"""The view slot table and the series it adds: recognition of maps, T2-weighted and perfusion
series from vendor-style headers written with pydicom (not the synthetic generator), and map
values kept in physical units through each vendor's scaling."""

import os

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid

from cmr_clip_jax import config_lib
from data_prep import convert, dicom_io, records, slots, views
from dicom_factory import _plane_axes, base_dataset, heart_frame, mr_image, read_back, write_study

_OBLIQUE = (0.8, 0.6, 0.0, -0.36, 0.48, 0.8)


def test_one_table_gives_the_record_slots_and_the_model_views():
  slots.check_table()
  assert records.VIEWS == slots.NAMES and records.VIEWS[:8] == slots.V1_NAMES
  assert {"t1_native_sax", "t1_post_sax", "t2_map_sax", "t2w_sax", "perfusion_sax"} <= set(records.VIEWS)
  assert [s.dtype for s in slots.SLOTS if s.kind == "map"] == ["uint16"] * 3
  c = config_lib.load_config("configs/demo.py")
  assert config_lib.views(c) == slots.NAMES  # "" = the whole table
  # A run config written before the table (no input.views) keeps the 8 slots its model has.
  old = c.to_dict()
  del old["input"]["views"]
  assert config_lib.views(config_lib.from_dict(old)) == slots.V1_NAMES
  with pytest.raises(Exception, match="input.views"):
    config_lib.validate(config_lib.from_dict({**c.to_dict(), "input": {**c.to_dict()["input"], "views": "cine_5ch"}}))
  with pytest.raises(ValueError, match="input_range"):
    slots.check_table(slots.SLOTS + (slots.Slot("x_map", "map", "t1map", "sax_stack", dtype="uint16"),))


def _series(tmp_path, n=1, ti=None, temporal=None, trigger=None, **attrs) -> views.Slice:
  """One series of n images in one plane, written and read back with pydicom, typed by views."""
  entries = []
  for i in range(n):
    ds = mr_image(np.zeros((8, 8), np.uint16), ImageOrientationPatient=list(_OBLIQUE), **attrs)
    ds.SeriesInstanceUID, ds.InstanceNumber = "1.2.3", i + 1
    if ti is not None:
      ds.InversionTime = ti[i] if isinstance(ti, list) else ti
    if temporal is not None:
      ds.TemporalPositionIdentifier = temporal[i]
    if trigger is not None:
      ds.TriggerTime = trigger[i] if isinstance(trigger, list) else trigger
    ds = read_back(ds, tmp_path, f"f{i:02d}.dcm")
    assert dicom_io.series_problem(ds) == ""
    header = dicom_io.series_header(ds)
    entries += [(f"f{i:02d}", "1.2.3", 7, str(ds.SeriesDescription), False, f, header) for f in dicom_io.frames_of(ds)]
  [s] = views.build_slices(entries)
  return s


MAP_CASES = [
    # Siemens MyoMaps: the map type in ImageType, MOCO, the sequence name; post-contrast by the agent tag.
    ("siemens native", dict(SeriesDescription="MOLLI_5(3)3_SAX_MOCO_T1", SequenceName="*tfi2d1_192",
                            ImageType=["DERIVED", "PRIMARY", "T1 MAP", "ND", "MOCO"]), "t1map"),
    ("siemens post", dict(SeriesDescription="MOLLI_4(1)3(1)2_SAX_MOCO_T1", SequenceName="*tfi2d1_192",
                          ImageType=["DERIVED", "PRIMARY", "T1 MAP", "ND", "MOCO"], ContrastBolusAgent="Gadovist"),
     "t1map_post"),
    ("siemens T2", dict(SeriesDescription="T2map_FLASH_SAX_MOCO_T2",
                        ImageType=["DERIVED", "PRIMARY", "T2 MAP", "ND", "MOCO"]), "t2map"),
    # GE: a generic MAP value, or nothing but the description.
    ("ge native", dict(SeriesDescription="T1 Map SAX", ImageType=["DERIVED", "SECONDARY", "MAP", "T1"]), "t1map"),
    ("ge post by name", dict(SeriesDescription="T1 MAP SAX POST", ImageType=["DERIVED", "SECONDARY"]), "t1map_post"),
    ("ge T2 by name", dict(SeriesDescription="T2Map SA", ImageType=["DERIVED", "SECONDARY"]), "t2map"),
    # Philips: the agent tag is often filled for the whole exam: 'pre' / 'native' in the name wins.
    ("philips native", dict(SeriesDescription="T1map_MOLLI_SA", ImageType=["DERIVED", "PRIMARY", "T1 MAP", "T1"]),
     "t1map"),
    ("philips pre with agent", dict(SeriesDescription="T1 map pre SA", ContrastBolusAgent="Dotarem",
                                    ImageType=["DERIVED", "PRIMARY", "T1 MAP", "T1"]), "t1map"),
    ("philips T2", dict(SeriesDescription="T2map_GraSE", ImageType=["DERIVED", "PRIMARY", "T2 MAP", "T2"]), "t2map"),
    # The protocol name speaks only when the description is empty.
    ("protocol only", dict(SeriesDescription="", ProtocolName="ShMOLLI T1 mapping"), "t1map"),
]


@pytest.mark.parametrize("name,attrs,kind", MAP_CASES, ids=[c[0] for c in MAP_CASES])
def test_maps_are_typed_from_image_type_description_and_contrast_tags(tmp_path, name, attrs, kind):
  s = _series(tmp_path, **attrs)
  assert (s.kind, s.reason) == (kind, "")


OTHER_CASES = [
    ("T2* map", dict(SeriesDescription="T2star_map_SA", ImageType=["DERIVED", "PRIMARY", "MAP"]), "T2* map"),
    ("ECV map", dict(SeriesDescription="MOLLI_SAX_ECV", ImageType=["DERIVED", "PRIMARY", "ECV"]), "ECV map"),
    ("unknown map", dict(SeriesDescription="map SAX", ImageType=["DERIVED", "PRIMARY", "MAP"]), "unknown type"),
    ("stress perfusion", dict(SeriesDescription="Perfusion_stress_SA", n=12, trigger=100.0), "stress perfusion"),
    ("short perfusion", dict(SeriesDescription="tfl_perf_rest_SAX", n=3, trigger=100.0), "3 time points"),
]


@pytest.mark.parametrize("name,attrs,reason", OTHER_CASES, ids=[c[0] for c in OTHER_CASES])
def test_series_without_a_slot_say_why(tmp_path, name, attrs, reason):
  s = _series(tmp_path, **attrs)
  assert s.kind == "other" and reason in s.reason, s.reason


def test_t1_mapping_source_images_are_not_the_map(tmp_path):
  """MOLLI source images: one plane, eight inversion times, no map in the name or type."""
  s = _series(tmp_path, n=8, ti=[100.0, 180.0, 260.0, 1100.0, 1180.0, 2100.0, 3100.0, 4100.0],
              SeriesDescription="MOLLI 5(3)3 SAX", ImageType=["ORIGINAL", "PRIMARY", "M", "ND"])
  assert s.kind == "other" and "source images" in s.reason
  # The same undescribed, by the inversion times alone (not an 8-image LGE).
  s = _series(tmp_path, n=8, ti=[100.0, 180.0, 260.0, 1100.0, 1180.0, 2100.0, 3100.0, 4100.0], SeriesDescription="")
  assert s.kind == "other" and "source images" in s.reason


@pytest.mark.parametrize("attrs", [
    dict(SeriesDescription="tse_tir_dark-blood_SAX", SequenceName="*tir2d1_15"),  # Siemens
    dict(SeriesDescription="SAX dark blood", SequenceName="*tir2d1_15"),  # Siemens, by the sequence alone
    dict(SeriesDescription="DB FSE T2 SA"),  # GE
    dict(SeriesDescription="BB_T2_SPIR_SA"),  # Philips
    dict(SeriesDescription="STIR SA", ti=160.0),  # a short-tau inversion time is not LGE
])
def test_t2_weighted_series(tmp_path, attrs):
  assert _series(tmp_path, **attrs).kind == "t2w"


def test_rest_perfusion_needs_dynamics_ordered_by_temporal_position(tmp_path):
  # GE-style: PERFUSION in ImageType, every dynamic at one trigger delay, order by TemporalPositionIdentifier
  # (written here in reverse file order).
  temporal = list(range(20, 0, -1))
  s = _series(tmp_path, n=20, temporal=temporal, trigger=180.0, SeriesDescription="FGRE-ET SA",
              ImageType=["ORIGINAL", "PRIMARY", "PERFUSION"])
  assert s.kind == "perfusion"
  assert [f.temporal for _, f in s.frames] == sorted(temporal)
  assert _series(tmp_path, n=12, trigger=100.0, SeriesDescription="tfl_perf_rest_SAX").kind == "perfusion"  # Siemens
  # Cine and LGE still go their way.
  assert _series(tmp_path, n=12, trigger=[k * 60.0 for k in range(12)], SeriesDescription="cine_tf2d_sax").kind == "cine"
  assert _series(tmp_path, ti=300.0, SeriesDescription="PSIR_SAX").kind == "lge"


# ----------------------------------------------------------------------------------------------
# Map values through convert: each vendor's scaling, uint16 ms in the record.

CAVITY_MS, WALL_MS = 1550.0, 1010.0  # the phantom's cavity (blood) and surroundings


def _map_values(img):
  """dicom_factory's phantom image (cavity 400, rim 140, background 80) -> a T1 map (ms)."""
  return np.where(img > 300, CAVITY_MS, WALL_MS)


VENDOR_SCALINGS = {
    # stored value -> ms: Siemens stores ms; GE tenths with RescaleSlope 0.1; Philips a Real World
    # Value Mapping (slope 0.5) under a display rescale (1.7) that must NOT be used for the value.
    "siemens": (1.0, {}),
    "ge": (10.0, {"RescaleSlope": 0.1, "RescaleIntercept": 0}),
    "philips": (2.0, {"RescaleSlope": 1.7, "RescaleIntercept": 0, "rwv": 0.5}),
}


def _write_t1_map(folder, study_uid, truth, vendor, centre=(10.0, -20.0, 30.0), shape=(96, 96), spacing=(2.0, 2.0)):
  from dicom_factory import render
  u, _, _ = heart_frame()
  per_ms, extra = VENDOR_SCALINGS[vendor]
  series_uid = generate_uid()
  for k, off in enumerate((-16.0, 0.0, 16.0)):  # basal, mid, apical
    row, col = _plane_axes(u)
    ipp = np.asarray(centre) + off * u - ((shape[1] - 1) / 2) * spacing[1] * row - ((shape[0] - 1) / 2) * spacing[0] * col
    ms = _map_values(render(np.asarray(centre), row, col, ipp, shape, spacing, 0.6))
    ds = base_dataset(study_uid, series_uid, {}, "T1 MAP SAX", 40)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.ImageType = ["DERIVED", "PRIMARY", "T1 MAP", "T1"]
    ds.ImageOrientationPatient = [float(x) for x in np.concatenate([row, col])]
    ds.ImagePositionPatient = [float(x) for x in ipp]
    ds.PixelSpacing, ds.InstanceNumber = [float(spacing[0]), float(spacing[1])], k + 1
    ds.Rows, ds.Columns = shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.PixelData = np.round(ms * per_ms).astype("<u2").tobytes()
    for key, value in extra.items():
      if key != "rwv":
        setattr(ds, key, value)
    if "rwv" in extra:
      item, unit = Dataset(), Dataset()
      unit.CodeValue, unit.CodingSchemeDesignator, unit.CodeMeaning = "ms", "UCUM", "millisecond"
      item.RealWorldValueSlope, item.RealWorldValueIntercept = extra["rwv"], 0.0
      item.MeasurementUnitsCodeSequence = Sequence([unit])
      ds.RealWorldValueMappingSequence = Sequence([item])
    ds.save_as(os.path.join(folder, f"map{k}.dcm"), enforce_file_format=True)
  truth["map_offsets"] = (-16.0, 0.0, 16.0)


@pytest.fixture(scope="module")
def map_studies(tmp_path_factory):
  out = {}
  for vendor in VENDOR_SCALINGS:
    folder = str(tmp_path_factory.mktemp(vendor))
    uid = generate_uid()
    truth = write_study(folder, uid, {}, n_sax=5, phases=6, shape=(96, 96), lax=("4ch",), lge=False)
    _write_t1_map(folder, uid, truth, vendor)
    out[vendor] = convert.load_study(folder, frames=6, size=48, spacing_mm=2.0)
  return out


@pytest.mark.parametrize("vendor", sorted(VENDOR_SCALINGS))
def test_map_values_round_trip_in_milliseconds(map_studies, vendor):
  """Each vendor's stored values come back as ms within the documented precision (0.5 ms, the
  uint16 rounding) wherever the map is homogeneous; the field strength is in the record's meta."""
  views_, meta = map_studies[vendor]
  t1 = views_["t1_native_sax"]
  assert t1.dtype == np.uint16 and t1.shape == (3, 48, 48)
  mid = t1[1].astype(float)
  # The crop is centred on the heart: the cavity centre is blood, the crop's corners are remote wall.
  assert abs(mid[22:26, 22:26] - CAVITY_MS).max() <= 0.5
  assert abs(mid[:4, :4] - WALL_MS).max() <= 0.5 and abs(mid[-4:, -4:] - WALL_MS).max() <= 0.5
  assert meta["field_strength_t"] == 1.5
  # Round trip through the record keeps the exact values.
  rec = records.decode(records.encode({"study_id": "s", "patient_id": "p", "views": views_, "report": "",
                                       "tokens": np.zeros(2, np.int32)}))
  np.testing.assert_array_equal(rec["views"]["t1_native_sax"], t1)


def test_a_packed_view_is_written_as_it_was_cached():
  """convert writes each cached study's packed views straight into its record (no second copy of
  tens of MB): the record must be byte for byte the one built from the arrays."""
  rng = np.random.default_rng(0)
  views = {"cine_sax_mid": rng.integers(0, 256, (4, 8, 8), dtype=np.uint8),
           "t1_native_sax": rng.integers(0, 3000, (3, 8, 8), dtype=np.uint16)}
  record = {"study_id": "s", "patient_id": "p", "report": "r", "tokens": np.arange(5), "labels": {}, "meta": {}}
  from_arrays = records.encode({**record, "views": views})
  from_cache = records.encode({**record, "views": records.pack_views(views)})
  assert from_cache == from_arrays
  back = records.decode(from_cache)["views"]
  assert all(np.array_equal(back[k], v) and back[k].dtype == v.dtype for k, v in views.items())
