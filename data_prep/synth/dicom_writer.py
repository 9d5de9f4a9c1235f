"""DICOM encoding of synthetic series: classic MR Image (one file per image), Enhanced MR
Image (one multi-frame file per series) or a Secondary Capture screen save, in native and
lossless-compressed transfer syntaxes.
"""

import io
import os

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_data_element, write_file_meta_info
from pydicom.pixels.encoders import JPEG2000LosslessEncoder, JPEGLSLosslessEncoder, RLELosslessEncoder
from pydicom.sequence import Sequence
from pydicom.uid import (ExplicitVRLittleEndian, ImplicitVRLittleEndian, JPEG2000Lossless,
                         JPEGLSLossless, MRImageStorage, EnhancedMRImageStorage, RLELossless,
                         PYDICOM_IMPLEMENTATION_UID, SecondaryCaptureImageStorage)

from data_prep import fileio
from data_prep.synth import scan

SYNTAXES = {"explicit": ExplicitVRLittleEndian, "implicit": ImplicitVRLittleEndian,
            "rle": RLELossless, "jpegls": JPEGLSLossless, "j2k": JPEG2000Lossless}
ENCODER_PLUGIN = {"rle": "pylibjpeg", "jpegls": "pyjpegls", "j2k": "pylibjpeg"}
ENCODERS = {"rle": RLELosslessEncoder, "jpegls": JPEGLSLosslessEncoder, "j2k": JPEG2000LosslessEncoder}
BITS_STORED = 12


def _ds(values: dict) -> Dataset:
  ds = Dataset()
  for k, v in values.items():
    setattr(ds, k, v)
  return ds


def _fmt(x) -> list:
  """Decimal strings DICOM accepts (DS: at most 16 characters)."""
  return [float(f"{float(a):.6g}") for a in np.atleast_1d(x)]


def storage(proto, psir: bool = False) -> dict:
  """How a series stores its values: {'signed', 'bits' (BitsStored), 'slope', 'intercept'}.

  Magnitude series: 12-bit unsigned, or 16-bit signed (a 12-bit signed field would read 2048+
  as negative), with the protocol's rescale slope. PSIR series hold signed values, stored the
  vendor's way (scan.STYLES psir_store): signed int16 (no intercept), 12-bit unsigned with
  slope 2 and intercept -4096, or 16-bit unsigned with the rescale slope and an intercept.
  """
  if not psir:
    return {"signed": proto["signed"], "bits": 16 if proto["signed"] else BITS_STORED,
            "slope": proto["rescale"], "intercept": 0.0}
  return {"signed": {"signed": True, "bits": 16, "slope": proto["rescale"], "intercept": 0.0},
          "intercept": {"signed": False, "bits": BITS_STORED, "slope": 2.0, "intercept": -4096.0},
          "slope": {"signed": False, "bits": 16, "slope": proto["rescale"], "intercept": -4096.0 * proto["rescale"]},
          }[proto["psir_store"]]


def stored_pixels(pixels, proto, psir: bool = False) -> np.ndarray:
  """Signal float [...] -> stored integers (uint16, or int16 for signed storage), rescale undone."""
  st = storage(proto, psir)
  q = np.rint((pixels - st["intercept"]) / st["slope"])
  lo, hi = (-2 ** (st["bits"] - 1), 2 ** (st["bits"] - 1) - 1) if st["signed"] else (0, 2 ** st["bits"] - 1)
  return np.clip(q, lo, hi).astype(np.int16 if st["signed"] else np.uint16)


def _identity(study: dict, proto: dict, series: dict) -> dict:
  """Patient, study, series and equipment attributes (the PHI lives here)."""
  p = study["patient"]
  return {
      "SpecificCharacterSet": "ISO_IR 100",
      "PatientName": p["dicom_name"], "PatientID": p["mrn"], "PatientBirthDate": p["birth_date"],
      "PatientSex": p["sex"], "PatientAge": p["age"], "PatientWeight": _fmt(p["weight"])[0],
      "PatientSize": _fmt(p["height"] / 100)[0],
      "StudyInstanceUID": study["study_uid"], "StudyDate": study["date"], "StudyTime": study["time"],
      "AccessionNumber": study["accession"], "ReferringPhysicianName": study["referring_dicom"],
      "StudyID": study["study_id"], "StudyDescription": study["description"],
      "InstitutionName": study["institution"], "StationName": study["station"],
      "Modality": "MR", "SeriesInstanceUID": series["uid"], "SeriesNumber": series["number"],
      "SeriesDescription": series["description"], "ProtocolName": series["description"],
      "SeriesDate": study["date"], "SeriesTime": series["time"],
      "BodyPartExamined": "HEART", "PatientPosition": "HFS",
      "Manufacturer": proto["manufacturer"], "ManufacturerModelName": proto["model"],
      "SoftwareVersions": proto["software"], "DeviceSerialNumber": study["device_serial"],
  }


def _common(study: dict, proto: dict, series: dict) -> Dataset:
  """Identity, frame-of-reference and MR acquisition attributes of an MR image."""
  lge = series["lge"]
  st = storage(proto, series.get("psir", False))
  style = scan.STYLES[proto["vendor"]]
  ds = _ds({
      **_identity(study, proto, series),
      "FrameOfReferenceUID": study["for_uid"], "PositionReferenceIndicator": "",
      "MagneticFieldStrength": proto["field_strength"],
      "ImagingFrequency": _fmt(42.577 * proto["field_strength"])[0],
      "MRAcquisitionType": "2D", "RepetitionTime": _fmt(8.0 if lge else 3.1)[0],
      "EchoTime": _fmt(3.2 if lge else 1.4)[0], "FlipAngle": 25 if lge else 55,
      "EchoTrainLength": 1, "NumberOfAverages": 1,
      "ScanningSequence": ["GR", "IR"] if lge else ["GR"],
      "SequenceVariant": ["SP", "MP"] if lge else ["SS", "SP"], "ScanOptions": "",
      "HeartRate": proto["heart_rate"], "NominalInterval": int(round(60000 / proto["heart_rate"])),
      "SliceThickness": proto["slice_thickness"],
      "SpacingBetweenSlices": _fmt(series["slice_gap"])[0],
      "SamplesPerPixel": 1, "PhotometricInterpretation": "MONOCHROME2",
      "BitsAllocated": 16, "BitsStored": st["bits"], "HighBit": st["bits"] - 1,
      "PixelRepresentation": int(st["signed"]),
      "SequenceName": "tfl2d1_psir" if lge else style["sequence"].format(n=len(series["times"])),
  })
  if lge:
    ds.InversionTime = proto["inversion_time"]
  return ds


def image_type(proto, series) -> list:
  """ImageType as the vendor writes it: magnitude cine / LGE, or its PSIR flavour."""
  style = scan.STYLES[proto["vendor"]]
  return list(style["psir_type"] if series.get("psir") else style["image_type"])


def _pixel_module(ds: Dataset, arr: np.ndarray, proto: dict, window, psir: bool = False):
  ds.Rows, ds.Columns = int(arr.shape[-2]), int(arr.shape[-1])
  ds.WindowCenter, ds.WindowWidth = _fmt(window[0])[0], _fmt(window[1])[0]
  st = storage(proto, psir)
  if st["slope"] != 1.0 or st["intercept"] != 0.0:
    ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = _fmt(st["slope"])[0], _fmt(st["intercept"])[0], "US"


def classic_files(study, proto, series, stored, window, uid_fn, syntax):
  """MR Image Storage files, one per (slice, frame) of stored int [S, T, H, W]: yields bytes.

  Building and writing ~60 elements per file with pydicom dominated the run time, so the
  elements common to a series are encoded once and merged, in tag order, with the few that
  change per image (UIDs, position, trigger time, pixels). `tests/test_synth.py` checks the
  result equals pydicom's own `save_as` of the full dataset.
  """
  planes, times = series["planes"], series["trigger_ms"]
  n_t = stored.shape[1]
  ds = _common(study, proto, series)
  ds.SOPClassUID = MRImageStorage
  ds.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] if series.get("localizer") else image_type(proto, series)
  ds.AcquisitionNumber = 1
  ds.ContentDate, ds.ContentTime = study["date"], series["time"]
  ds.PixelSpacing = _fmt([planes[0]["spacing"], planes[0]["spacing"]])
  if not series["lge"] and not series.get("localizer"):
    ds.CardiacNumberOfImages = n_t
  _pixel_module(ds, stored[0, 0], proto, window, series.get("psir", False))
  for key, value in series.get("tags", {}).items():  # a map's or other series type's own attributes (synth/maps.py)
    setattr(ds, key, value)
  tsuid = SYNTAXES[syntax]
  const = _element_bytes(ds, tsuid)
  placeholder = uid_fn("placeholder", series["number"], 0).encode()  # same length as every SOP UID
  meta_template = _file_meta(ds.SOPClassUID, placeholder.decode(), tsuid)
  for k, pl in enumerate(planes):
    normal = np.cross(pl["row"], pl["col"])
    for j in range(n_t):
      inst = k * n_t + j + 1
      var = _ds({
          "SOPInstanceUID": uid_fn("sop", series["number"], inst), "InstanceNumber": inst,
          "ImagePositionPatient": _fmt(pl["ipp"]),
          "ImageOrientationPatient": _fmt(np.concatenate([pl["row"], pl["col"]])),
          "SliceLocation": _fmt(pl["ipp"] @ normal)[0], "TriggerTime": _fmt(times[j])[0]})
      _set_pixel_data(var, stored[k, j], ds, syntax)
      uid = var.SOPInstanceUID.encode()
      meta = meta_template.replace(placeholder, uid) if len(uid) == len(placeholder) else \
          _file_meta(ds.SOPClassUID, var.SOPInstanceUID, tsuid)
      body = b"".join(b for _, b in sorted(const + _element_bytes(var, tsuid), key=lambda e: e[0]))
      yield meta + body


def _element_bytes(ds: Dataset, tsuid) -> list:
  """[(tag, encoded bytes)] of each top-level element in a transfer syntax."""
  out = []
  for elem in ds:
    fp = DicomBytesIO()
    fp.is_little_endian, fp.is_implicit_VR = True, tsuid == ImplicitVRLittleEndian
    write_data_element(fp, elem, ds._character_set)
    out.append((elem.tag, fp.getvalue()))
  return out


def _file_meta(sop_class, sop_uid, tsuid) -> bytes:
  meta = FileMetaDataset()
  meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = sop_class, sop_uid
  meta.TransferSyntaxUID = tsuid
  meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
  meta.ImplementationVersionName = f"PYDICOM {pydicom.__version__}"
  fp = DicomBytesIO()
  fp.write(b"\0" * 128 + b"DICM")
  write_file_meta_info(fp, meta, enforce_standard=True)
  return fp.getvalue()


def _set_pixel_data(var: Dataset, frame, template: Dataset, syntax: str):
  """PixelData of one frame: native, or encapsulated after lossless encoding."""
  if syntax not in ENCODER_PLUGIN:
    var.PixelData = np.ascontiguousarray(frame).tobytes()
    var["PixelData"].VR = "OW"
    return
  encoded = ENCODERS[syntax].encode(
      np.ascontiguousarray(frame), encoding_plugin=ENCODER_PLUGIN[syntax], rows=template.Rows,
      columns=template.Columns, samples_per_pixel=1, bits_allocated=16, bits_stored=template.BitsStored,
      pixel_representation=template.PixelRepresentation, photometric_interpretation="MONOCHROME2",
      number_of_frames=1)
  var.PixelData = encapsulate([encoded])
  var["PixelData"].VR = "OB"
  var["PixelData"].is_undefined_length = True


def enhanced_image(study, proto, series, stored, window, uid_fn):
  """One Enhanced MR Image Storage dataset holding every (slice, frame) of the series."""
  planes, times = series["planes"], series["trigger_ms"]
  n_s, n_t = stored.shape[:2]
  ds = _common(study, proto, series)
  for k in ("SliceThickness", "SpacingBetweenSlices", "RepetitionTime", "EchoTime", "FlipAngle",
            "EchoTrainLength", "ScanningSequence", "SequenceVariant", "ScanOptions", "NumberOfAverages"):
    if k in ds:  # the enhanced IOD carries these in functional groups instead
      delattr(ds, k)
  ds.SOPClassUID = EnhancedMRImageStorage
  ds.SOPInstanceUID = uid_fn("sop", series["number"], 1)
  ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "NONE"]
  ds.InstanceNumber = 1
  ds.ContentDate, ds.ContentTime = study["date"], series["time"]
  ds.AcquisitionDateTime = study["date"] + series["time"]
  ds.NumberOfFrames = n_s * n_t
  ds.PixelPresentation, ds.VolumetricProperties = "MONOCHROME", "VOLUME"
  ds.VolumeBasedCalculationTechnique = "NONE"
  ds.ComplexImageComponent = "REAL" if series.get("psir") else "MAGNITUDE"
  ds.AcquisitionContrast = "T1" if series["lge"] else "MIXED"
  ds.ContentQualification, ds.BurnedInAnnotation = "PRODUCT", "NO"
  dim_uid = uid_fn("dim", series["number"], 0)
  ds.DimensionOrganizationSequence = Sequence([_ds({"DimensionOrganizationUID": dim_uid})])
  ds.DimensionIndexSequence = Sequence([
      _ds({"DimensionOrganizationUID": dim_uid, "DimensionIndexPointer": 0x00209057,
           "FunctionalGroupPointer": 0x00209111, "DimensionDescriptionLabel": "In-Stack Position"}),
      _ds({"DimensionOrganizationUID": dim_uid, "DimensionIndexPointer": 0x00209128,
           "FunctionalGroupPointer": 0x00209111, "DimensionDescriptionLabel": "Temporal Position"}),
  ])
  pl0 = planes[0]
  st = storage(proto, series.get("psir", False))
  shared = _ds({
      "MRImageFrameTypeSequence": Sequence([_ds({
          "FrameType": ["ORIGINAL", "PRIMARY", "M", "NONE"], "PixelPresentation": "MONOCHROME",
          "VolumetricProperties": "VOLUME", "VolumeBasedCalculationTechnique": "NONE",
          "ComplexImageComponent": ds.ComplexImageComponent, "AcquisitionContrast": ds.AcquisitionContrast})]),
      "PixelMeasuresSequence": Sequence([_ds({
          "PixelSpacing": _fmt([pl0["spacing"], pl0["spacing"]]), "SliceThickness": proto["slice_thickness"],
          "SpacingBetweenSlices": _fmt(series["slice_gap"])[0]})]),
      "PlaneOrientationSequence": Sequence([_ds({
          "ImageOrientationPatient": _fmt(np.concatenate([pl0["row"], pl0["col"]]))})]),
      "FrameVOILUTSequence": Sequence([_ds({"WindowCenter": _fmt(window[0])[0], "WindowWidth": _fmt(window[1])[0]})]),
      "PixelValueTransformationSequence": Sequence([_ds({
          "RescaleIntercept": _fmt(st["intercept"])[0], "RescaleSlope": _fmt(st["slope"])[0], "RescaleType": "US"})]),
      "MRTimingAndRelatedParametersSequence": Sequence([_ds({
          "RepetitionTime": 8.0 if series["lge"] else 3.1, "FlipAngle": 25 if series["lge"] else 55,
          "EchoTrainLength": 1})]),
      "MRModifierSequence": Sequence([_ds({"InversionRecovery": "YES" if series["lge"] else "NO",
                                           **({"InversionTimes": [proto["inversion_time"]]} if series["lge"] else {})})]),
  })
  ds.SharedFunctionalGroupsSequence = Sequence([shared])
  per = []
  for k, pl in enumerate(planes):
    for j in range(n_t):
      per.append(_ds({
          "FrameContentSequence": Sequence([_ds({
              "StackID": "1", "InStackPositionNumber": k + 1, "TemporalPositionIndex": j + 1,
              "DimensionIndexValues": [k + 1, j + 1]})]),
          "PlanePositionSequence": Sequence([_ds({"ImagePositionPatient": _fmt(pl["ipp"])})]),
          "CardiacSynchronizationSequence": Sequence([_ds({
              "NominalCardiacTriggerDelayTime": _fmt(times[j])[0],
              "RRIntervalTimeNominal": _fmt(60000 / proto["heart_rate"])[0]})]),
      }))
  ds.PerFrameFunctionalGroupsSequence = Sequence(per)
  flat = stored.reshape(n_s * n_t, *stored.shape[2:])
  _pixel_module(ds, flat, proto, window)
  del ds.WindowCenter, ds.WindowWidth
  if "RescaleSlope" in ds:
    del ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType
  ds.PixelData = np.ascontiguousarray(flat).tobytes()
  return ds


def screen_capture(study, proto, series, pixels, uid_fn) -> Dataset:
  """A Secondary Capture of a results screen, text burned into the pixels uint8 [H, W]: what a
  converter must recognise (BurnedInAnnotation YES) and refuse."""
  ds = _ds({
      **_identity(study, proto, series),
      "SOPClassUID": SecondaryCaptureImageStorage,
      "SOPInstanceUID": uid_fn("sop", series["number"], 1), "InstanceNumber": 1,
      "ImageType": ["DERIVED", "SECONDARY", "SCREEN SAVE"], "ConversionType": "WSD",
      "BurnedInAnnotation": "YES", "ContentDate": study["date"], "ContentTime": series["time"],
      "SamplesPerPixel": 1, "PhotometricInterpretation": "MONOCHROME2", "Rows": pixels.shape[0],
      "Columns": pixels.shape[1], "BitsAllocated": 8, "BitsStored": 8, "HighBit": 7,
      "PixelRepresentation": 0,
  })
  ds.PixelData = np.ascontiguousarray(pixels, np.uint8).tobytes()
  return ds


def encode(ds: Dataset, syntax: str) -> bytes:
  """File bytes (preamble, meta, dataset) in a transfer syntax; compression is lossless."""
  uid = SYNTAXES[syntax]
  ds.file_meta = FileMetaDataset()
  ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
  ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
  ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
  if syntax in ENCODER_PLUGIN:
    ds.compress(uid, encoding_plugin=ENCODER_PLUGIN[syntax], generate_instance_uid=False)
  else:
    ds.file_meta.TransferSyntaxUID = uid
  buf = io.BytesIO()
  ds.save_as(buf, enforce_file_format=True)
  return buf.getvalue()


def write_atomic(path: str, data: bytes):
  os.makedirs(os.path.dirname(path), exist_ok=True)
  fileio.write_atomic(path, data)
