"""views: what makes a series cine or LGE (gating, inversion, plane), with the reason when not."""

from data_prep import dicom_io, views

_OBLIQUE = (0.8, 0.6, 0.0, -0.36, 0.48, 0.8)  # a double-oblique plane
_AXIAL = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)


def _slice(desc, times, ori=_OBLIQUE, ti=None, ir=False):
  """One series in one plane with these trigger times (None: no TriggerTime)."""
  entries = [(f"f{i}", "1.2.3", 1, desc, ir, dicom_io.Frame(0, (0.0, 0.0, 0.0), ori, (1.5, 1.5),
                                                             float("nan") if t is None else t,
                                                             float("nan") if ti is None else ti))
             for i, t in enumerate(times)]
  [s] = views.build_slices(entries)
  return s


def test_cine_needs_distinct_trigger_times():
  assert _slice("cine sax", [0, 40, 80, 120, 160]).kind == "cine"
  copies = _slice("cine sax", [None] * 9)  # nine frames without gating are not nine phases
  assert copies.kind == "other" and copies.reason.startswith("no cardiac gating evidence (0 distinct")
  same_time = _slice("", [100.0] * 6)
  assert same_time.kind == "other" and "1 distinct trigger times" in same_time.reason


def test_cine_needs_a_cardiac_plane():
  axial = _slice("", [0, 40, 80, 120, 160], ori=_AXIAL)
  assert axial.kind == "other" and "patient-axis plane" in axial.reason
  assert _slice("cine 4ch", [0, 40, 80, 120, 160], ori=_AXIAL).kind == "cine"  # named as a cardiac view


def test_lge_needs_an_inversion_recovery_signature():
  assert _slice("LGE PSIR", [None], ti=300.0).kind == "lge"
  assert _slice("delayed enhancement", [None], ir=True).kind == "lge"  # IR in ScanningSequence
  no_ir = _slice("LGE PSIR", [None])
  assert no_ir.kind == "other" and "no inversion-recovery signature" in no_ir.reason
  assert _slice("", [None], ti=280.0).kind == "lge"  # an undescribed single-phase IR image


def test_excluded_descriptions_say_which_word():
  s = _slice("tagging grid SAX", [0, 40, 80, 120])
  assert s.kind == "other" and s.reason.startswith("not a cine or LGE series (description says 'tag")
  assert _slice("T2 STIR dark blood", [0, 40, 80, 120]).kind == "t2w"  # has its own slot now

