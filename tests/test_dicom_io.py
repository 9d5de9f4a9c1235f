"""dicom_io: pixel decoding against the arrays written, per-frame geometry, file rejects."""

import os

import numpy as np
import pydicom
import pydicom.data
import pytest
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import JPEG2000Lossless, JPEGLSLossless, RLELossless

from data_prep import dicom_io
from dicom_factory import mr_image, read_back, write_file


def _smooth_u12(shape, seed=0):
  rng = np.random.default_rng(seed)
  y, x = np.indices(shape[-2:])
  base = 2000 + 1500 * np.sin(x / 5.0) * np.cos(y / 7.0)
  return np.clip(base + rng.integers(-50, 50, shape), 0, 4095).astype(np.uint16)


@pytest.mark.parametrize("syntax", [RLELossless, JPEGLSLossless, JPEG2000Lossless])
@pytest.mark.parametrize("frames", [1, 3])
def test_lossless_syntaxes_decode_to_the_array_before_compression(tmp_path, syntax, frames):
  arr = _smooth_u12((frames, 40, 48) if frames > 1 else (40, 48), seed=frames)
  ds = mr_image(arr, BitsStored=12, HighBit=11)
  ds.compress(syntax, generate_instance_uid=False)
  back = read_back(ds, tmp_path)
  assert back.file_meta.TransferSyntaxUID == syntax
  np.testing.assert_array_equal(dicom_io.decode(back), arr.reshape(frames, 40, 48).astype(np.float32))


def _syntax(path: str):
  try:
    return pydicom.dcmread(path, stop_before_pixels=True).file_meta.get("TransferSyntaxUID")
  except Exception:  # not a Part 10 file
    return None


def test_fast_lossless_decoders_give_pydicoms_pixels(tmp_path):
  """stored_pixels picks a faster decoder for lossless-only syntaxes: the same arrays as pydicom's
  default choice, on every such file of pydicom's corpus and on 12- and 16-bit, signed images."""
  assert {"pylibjpeg", "pyjpegls"} <= set(dicom_io._installed_plugins(JPEG2000Lossless)
                                          + dicom_io._installed_plugins(JPEGLSLossless))  # the fast path runs
  files = [f for f in pydicom.data.get_testdata_files("*.dcm") if _syntax(f) in dicom_io._FAST_LOSSLESS]
  signed = np.random.default_rng(3).integers(-2000, 2000, (2, 40, 48)).astype(np.int16)
  for i, (arr, attrs) in enumerate([(_smooth_u12((40, 48)), {"BitsStored": 12, "HighBit": 11}), (signed, {}),
                                    (_smooth_u12((2, 40, 48)) * 16, {})]):
    for syntax in dicom_io._FAST_LOSSLESS:
      ds = mr_image(arr, **attrs)
      ds.compress(syntax, generate_instance_uid=False)
      read_back(ds, tmp_path, f"{i}_{syntax}.dcm")
      files.append(os.path.join(str(tmp_path), f"{i}_{syntax}.dcm"))
  assert len(files) >= 10  # 6 written here, the rest from the corpus
  for f in files:
    np.testing.assert_array_equal(dicom_io.stored_pixels(pydicom.dcmread(f)), pydicom.dcmread(f).pixel_array, f)


def test_rescale_signed_and_high_bits(tmp_path):
  arr = np.random.default_rng(1).integers(-2048, 2047, (2, 16, 16)).astype(np.int16)
  ds = mr_image(arr, RescaleSlope=2.5, RescaleIntercept=-100.0)
  got = dicom_io.decode(read_back(ds, tmp_path))
  np.testing.assert_allclose(got, arr.astype(np.float32) * 2.5 - 100.0)
  # 12 stored bits in 16 allocated: bits above HighBit (e.g. old overlays) are not signal.
  raw = np.random.default_rng(2).integers(0, 4096, (16, 16)).astype(np.uint16)
  ds = mr_image(raw | np.uint16(0xF000), BitsStored=12, HighBit=11)
  np.testing.assert_array_equal(dicom_io.decode(read_back(ds, tmp_path, "b.dcm"))[0], raw.astype(np.float32))


def test_monochrome1_is_inverted(tmp_path):
  arr = _smooth_u12((20, 20))
  ds = mr_image(arr, PhotometricInterpretation="MONOCHROME1")
  np.testing.assert_array_equal(dicom_io.decode(read_back(ds, tmp_path))[0], -arr.astype(np.float32))


def test_enhanced_multiframe_geometry_and_rescale(tmp_path):
  arr = _smooth_u12((4, 12, 12))
  ds = mr_image(arr)
  for k in ("ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing"):
    delattr(ds, k)
  shared = Dataset()
  shared.PlaneOrientationSequence = Sequence([Dataset()])
  shared.PlaneOrientationSequence[0].ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
  shared.PixelMeasuresSequence = Sequence([Dataset()])
  shared.PixelMeasuresSequence[0].PixelSpacing = [1.25, 1.5]
  ds.SharedFunctionalGroupsSequence = Sequence([shared])
  per = []
  for i in range(4):
    g = Dataset()
    g.PlanePositionSequence = Sequence([Dataset()])
    g.PlanePositionSequence[0].ImagePositionPatient = [float(i // 2) * 8, 0, 0]
    g.CardiacSynchronizationSequence = Sequence([Dataset()])
    g.CardiacSynchronizationSequence[0].NominalCardiacTriggerDelayTime = 100.0 * (i % 2)
    g.PixelValueTransformationSequence = Sequence([Dataset()])
    g.PixelValueTransformationSequence[0].RescaleSlope = 1.0 + i
    g.PixelValueTransformationSequence[0].RescaleIntercept = 0.0
    per.append(g)
  ds.PerFrameFunctionalGroupsSequence = Sequence(per)
  back = read_back(ds, tmp_path)
  frames = dicom_io.frames_of(back)
  assert [f.position[0] for f in frames] == [0, 0, 8, 8]
  assert [f.trigger_time for f in frames] == [0, 100, 0, 100]
  assert frames[0].spacing == (1.25, 1.5) and frames[3].orientation == (0, 1, 0, 0, 0, -1)
  np.testing.assert_array_equal(dicom_io.decode(back), arr * np.arange(1, 5, dtype=np.float32)[:, None, None])


def test_bad_files_are_rejected_with_reasons(tmp_path):
  good = mr_image(_smooth_u12((32, 32)))
  good.save_as(os.path.join(str(tmp_path), "good.dcm"), enforce_file_format=True)
  data = open(os.path.join(str(tmp_path), "good.dcm"), "rb").read()
  write_file(tmp_path, "trunc.dcm", data[:len(data) - 700])
  write_file(tmp_path, "notes.txt", b"not a dicom file at all")
  write_file(tmp_path, "cut_header.dcm", data[:200])
  nopix = mr_image(_smooth_u12((8, 8)))
  del nopix.PixelData
  nopix.save_as(os.path.join(str(tmp_path), "nopix.dcm"), enforce_file_format=True)
  sc = mr_image(_smooth_u12((8, 8)), SOPClassUID="1.2.840.10008.5.1.4.1.1.7")
  sc.save_as(os.path.join(str(tmp_path), "sc.dcm"), enforce_file_format=True)
  burned = mr_image(_smooth_u12((8, 8)), BurnedInAnnotation="YES")
  burned.save_as(os.path.join(str(tmp_path), "burned.dcm"), enforce_file_format=True)
  garbage = mr_image(_smooth_u12((8, 8)))
  garbage.compress(RLELossless, generate_instance_uid=False)
  garbage.file_meta.TransferSyntaxUID = JPEGLSLossless  # header says JPEG-LS, bytes are RLE
  garbage.save_as(os.path.join(str(tmp_path), "garbage.dcm"), enforce_file_format=True)
  weird = mr_image(_smooth_u12((8, 8)))
  weird.file_meta.TransferSyntaxUID = "1.2.3.4.5.6.7"
  weird.save_as(os.path.join(str(tmp_path), "weird.dcm"), implicit_vr=False, little_endian=True,
                enforce_file_format=True)

  def reason(name):
    try:
      dicom_io.decode(dicom_io.read(os.path.join(str(tmp_path), name)))
    except dicom_io.FileReject as e:
      return str(e)
    return None

  assert reason("good.dcm") is None
  assert "truncated" in reason("trunc.dcm") or "unreadable" in reason("trunc.dcm")
  assert reason("notes.txt") == "not a DICOM file"
  assert dicom_io.scan_file(str(tmp_path), "notes.txt")["reject"] == "not a DICOM file"
  assert "reject" in dicom_io.scan_file(str(tmp_path), "cut_header.dcm") or reason("cut_header.dcm")
  assert reason("nopix.dcm") == "no pixel data"
  assert "secondary capture" in reason("sc.dcm")
  assert reason("burned.dcm") == "burned-in annotation"
  assert "not decodable" in reason("garbage.dcm")
  assert "transfer syntax" in reason("weird.dcm")
  assert dicom_io.walk(str(tmp_path)) == sorted(os.listdir(str(tmp_path)))


def test_pixel_hash_ignores_header_differences(tmp_path):
  arr = _smooth_u12((16, 16))
  a, b = mr_image(arr), mr_image(arr, PatientName="Other^Name")
  c = mr_image(arr + 1)
  ha, hb, hc = (dicom_io.pixel_hash(read_back(x, tmp_path, f"{i}.dcm")) for i, x in enumerate((a, b, c)))
  assert ha == hb != hc
  assert pydicom.dcmread(os.path.join(str(tmp_path), "1.dcm")).PatientName == "Other^Name"


def test_quick_scan_agrees_with_pydicom_on_the_corpus():
  files = []
  for f in pydicom.data.get_testdata_files():
    files += [os.path.join(d, n) for d, _, ns in os.walk(f) for n in ns] if os.path.isdir(f) else [f]
  quick = 0
  for f in files:
    keys = dicom_io._quick_keys(f)
    if keys is not None:
      quick += 1
      assert (keys, False) == dicom_io._pydicom_keys(f), f
  assert quick > len(files) // 2


def _same_as_pydicom(fast, ref) -> str:
  """'' when two FileDatasets hold the same raw elements (value, VR, length, offset, encoding
  flags), preamble, file meta and character sets; else what differs."""
  if fast.preamble != ref.preamble or fast.filename != ref.filename:
    return "preamble or filename"
  for a, b, what in ((fast.file_meta, ref.file_meta, "file meta"), (fast, ref, "data set")):
    if list(a._dict) != list(b._dict):
      return f"{what}: tags"
    for tag, ea in a._dict.items():
      eb = b._dict[tag]
      if type(ea) is type(eb) is RawDataElement:  # noqa: E721  (both still raw: compare every field)
        if tuple(ea) != tuple(eb) or type(ea.VR) is not type(eb.VR):
          return f"{what}: {tag}"
      elif a[tag] != b[tag] or a[tag].VR != b[tag].VR:  # one was converted by reading it: compare values
        return f"{what}: {tag} value"
    for attr in ("original_encoding", "original_character_set", "_character_set"):
      if getattr(a, attr) != getattr(b, attr):
        return f"{what}: {attr}"
  return ""


def test_plain_reader_equals_pydicom(tmp_path, monkeypatch):
  """dicom_io._read_plain against pydicom.dcmread: the corpus bundled with pydicom and files of
  each syntax and layout convert meets (compressed, implicit VR, enhanced, another character set)."""
  files = [f for f in pydicom.data.get_testdata_files() if os.path.isfile(f)]
  arr = _smooth_u12((3, 40, 48))
  made = {"explicit": mr_image(arr[0], PatientName="Müller^Jürgen", SpecificCharacterSet="ISO_IR 100"),
          "implicit": mr_image(arr[0], SeriesDescription=""), "frames": mr_image(arr)}
  for syntax in (RLELossless, JPEGLSLossless, JPEG2000Lossless):
    made[syntax.name] = mr_image(arr, BitsStored=12, HighBit=11)
    made[syntax.name].compress(syntax, generate_instance_uid=False)
  made["implicit"].file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
  for name, ds in made.items():
    read_back(ds, tmp_path, name + ".dcm")
    files.append(os.path.join(str(tmp_path), name + ".dcm"))
  plain = []
  for f in files:
    fast = dicom_io._read_plain(f)
    if fast is not None:
      plain.append(os.path.basename(f))
      assert _same_as_pydicom(fast, pydicom.dcmread(f)) == "", f
      if "PixelData" in fast and f.startswith(str(tmp_path)):
        np.testing.assert_array_equal(dicom_io.decode(fast), dicom_io.decode(pydicom.dcmread(f)))
  assert {n + ".dcm" for n in made} <= set(plain)  # every layout convert meets takes the fast path
  assert len(plain) > len(files) // 2
  big = os.path.join(str(tmp_path), "frames.dcm")
  monkeypatch.setattr(dicom_io, "_PLAIN_MAX_BYTES", os.path.getsize(big) - 1)  # a large file: pydicom reads it
  assert dicom_io._read_plain(big) is None and _same_as_pydicom(dicom_io.read(big), pydicom.dcmread(big)) == ""


def test_raw_functional_group_walker_equals_pydicom(tmp_path):
  arr = _smooth_u12((3, 8, 8))
  ds = mr_image(arr)
  shared, per = Dataset(), []
  shared.PixelMeasuresSequence = Sequence([Dataset()])
  shared.PixelMeasuresSequence[0].PixelSpacing = [0.5, 0.75]
  ds.SharedFunctionalGroupsSequence = Sequence([shared])
  for i in range(3):
    g = Dataset()
    g.PlanePositionSequence = Sequence([Dataset()])
    g.PlanePositionSequence[0].ImagePositionPatient = [1.5, -2.0, 3.25 * i]
    g.PlaneOrientationSequence = Sequence([Dataset()])
    g.PlaneOrientationSequence[0].ImageOrientationPatient = [1, 0, 0, 0, 0.6, 0.8]
    g.MRModifierSequence = Sequence([Dataset()])
    g.MRModifierSequence[0].InversionTimes = [250.0 + i]
    per.append(g)
  ds.PerFrameFunctionalGroupsSequence = Sequence(per)
  for syntax in (pydicom.uid.ExplicitVRLittleEndian, pydicom.uid.ImplicitVRLittleEndian):
    path = os.path.join(str(tmp_path), f"{syntax.name}.dcm")
    ds.file_meta.TransferSyntaxUID = syntax
    ds.save_as(path, enforce_file_format=True)
    fast = pydicom.dcmread(path)
    assert dicom_io.functional_groups(fast) is not None
    got = dicom_io.frames_of(fast)
    ref = dicom_io._enhanced_frames_pydicom(pydicom.dcmread(path), 3)
    assert repr(got) == repr(ref)
    assert [f.inversion_time for f in got] == [250.0, 251.0, 252.0] and got[2].position[2] == 6.5


@pytest.mark.parametrize("attrs,reason", [
    ({"ImageType": ["ORIGINAL", "PRIMARY", "M", "MOSAIC"]}, "mosaic image"),
    ({"DiffusionBValue": 1000.0}, "diffusion series"),
    ({"SeriesDescription": "ep2d_diff_3scan_trace"}, "diffusion series"),
    ({"ImageType": ["ORIGINAL", "PRIMARY", "LOCALIZER"]}, "localiser series"),
    ({"SeriesDescription": "TrueFISP_loc_3plane"}, "localiser series"),
    # Maps and perfusion pass the file check: views.py types them (tests/test_slots.py).
    ({"SeriesDescription": "MOLLI 5(3)3 SAX"}, ""),
    ({"ImageType": ["DERIVED", "PRIMARY", "T1 MAP"]}, ""),
    ({"SeriesDescription": "Perfusion stress SR"}, ""),
    ({"SeriesDescription": "cine_retro_SAX", "ImageType": ["ORIGINAL", "PRIMARY", "M"]}, ""),
    ({"SeriesDescription": "LGE PSIR 4ch"}, ""),
])
def test_series_types_with_their_own_reason(attrs, reason):
  ds = mr_image(_smooth_u12((8, 8)), **attrs)
  got = dicom_io.series_problem(ds)
  assert got.startswith(reason) and bool(got) == bool(reason), got


def test_only_mr_image_classes_pass():
  mr, enhanced = "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1"
  assert dicom_io.sop_problem(mr, "MR") == dicom_io.sop_problem(enhanced, "MR") == ""
  assert dicom_io.sop_problem("1.2.840.10008.5.1.4.1.1.4.4", "MR") == ""  # legacy converted enhanced
  assert dicom_io.sop_problem("1.2.840.10008.5.1.4.1.1.2", "CT") == "modality CT (CT Image Storage)"
  assert dicom_io.sop_problem("1.2.840.10008.5.1.4.1.1.481.2", "RTDOSE") == "modality RTDOSE (RT Dose Storage)"
  assert dicom_io.sop_problem("1.2.840.10008.5.1.4.1.1.11.1", "MR") == (
      "Grayscale Softcopy Presentation State Storage, not an MR image")
  assert dicom_io.sop_problem("1.2.840.10008.5.1.4.1.1.88.59", "") == "Key Object Selection Document Storage, not an MR image"


def test_truncated_jpeg2000_stream_is_named(tmp_path):
  ds = pydicom.dcmread(pydicom.data.get_testdata_file("MR_small_jp2klossless.dcm"))
  frame = next(pydicom.encaps.generate_frames(ds.PixelData, number_of_frames=1))
  ds.PixelData = pydicom.encaps.encapsulate([frame[:-8]])
  ds.save_as(os.path.join(str(tmp_path), "cut.dcm"))
  with pytest.raises(dicom_io.FileReject, match="truncated JPEG 2000 stream"):
    dicom_io.read(os.path.join(str(tmp_path), "cut.dcm"))
  full = pydicom.dcmread(pydicom.data.get_testdata_file("MR_small_jp2klossless.dcm"))
  full.save_as(os.path.join(str(tmp_path), "whole.dcm"))
  dicom_io.read(os.path.join(str(tmp_path), "whole.dcm"))  # the intact stream passes


def test_part10_less_file_is_named_not_called_non_dicom(tmp_path):
  ds = mr_image(_smooth_u12((8, 8)))
  path = os.path.join(str(tmp_path), "raw.dcm")
  ds.file_meta = pydicom.dataset.FileMetaDataset()
  ds.preamble = None
  ds.save_as(path, enforce_file_format=False, implicit_vr=True, little_endian=True)
  with open(path, "rb") as f:
    assert f.read(132)[128:132] != b"DICM"
  assert dicom_io.scan_file(str(tmp_path), "raw.dcm")["reject"].startswith(
      "raw DICOM data set without a Part 10 file header")


def test_symlinks_followed_once_and_loops_stop(tmp_path):
  root = tmp_path / "dicom"
  (root / "a").mkdir(parents=True)
  (root / "a" / "x.dcm").write_bytes(b"x")
  other = tmp_path / "elsewhere"
  other.mkdir()
  (other / "y.dcm").write_bytes(b"y")
  os.symlink(other, root / "linked")  # a symlinked folder: its files count
  os.symlink(root / "a", root / "a" / "loop")  # a loop back to its own folder
  os.symlink(root / "a" / "x.dcm", root / "same_file.dcm")  # a second path to one file
  bad = os.fsdecode(b"caf\xe9_\xff.dcm")  # not UTF-8
  with open(os.path.join(str(root), bad), "wb") as f:
    f.write(b"z")
  got = dicom_io.walk(str(root))
  # x.dcm is listed once, under the first of its two paths the walk meets (root files come first).
  assert got == sorted(["same_file.dcm", "linked/y.dcm", bad])


def test_exam_level_protocol_name_does_not_condemn_a_cine():
  ds = mr_image(_smooth_u12((8, 8)), SeriesDescription="FIESTA CINE SAX", ProtocolName="CARDIAC FUNCTION + PERFUSION")
  assert dicom_io.series_problem(ds) == ""
