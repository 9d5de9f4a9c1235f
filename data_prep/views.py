"""Series -> view slots, from DICOM semantics only (no folder or file names).

A `Slice` is every frame of one series that lies in one plane. Each slice is typed by
`_kind` as one of the series types of the slot table (data_prep/slots.py) or 'other': first
the mapping / T2-weighted / perfusion rules (`_semantic_kind`: ImageType values such as
T1 MAP, T2 MAP, MOCO, PERFUSION, the sequence name, SeriesDescription words across Siemens, GE
and Philips, the number of distinct inversion times, the contrast agent tags), then cine or
LGE from SeriesDescription keywords across vendors, the number of cardiac phases
and the inversion time. A cine needs evidence of cardiac gating (>= 4 distinct trigger times)
and a cardiac plane (oblique, or named as a cardiac view); an LGE needs an inversion-recovery
signature (an inversion time or IR in the scanning sequence). Every slice that is not typed
cine or LGE carries the reason. Planes are placed by geometry: cine slices with parallel normals and
several positions form the short-axis stack, ordered base -> apex along the normal (never
by file name); the rest are long-axis views, named by keyword or, failing that, by how their
normal points in the patient.
"""

import dataclasses
import re

import numpy as np

from data_prep import slots as slots_lib

# The LV long axis points from base to apex roughly left, anterior, inferior (LPS axes).
_APEX_DIR = np.array([1.0, -1.0, -1.0]) / np.sqrt(3.0)
_PARALLEL_COS = 0.97  # normals within ~14 degrees count as one stack
_MIN_CINE_PHASES = 4
_AXIS_COS = 0.9995  # a plane whose normal is within ~1.8 degrees of a patient axis is axial/sagittal/coronal
SAX_FRACTIONS = {"cine_sax_base": 0.2, "cine_sax_mid": 0.5, "cine_sax_apex": 0.8}


def _kw(*words):
  return re.compile(r"\b(" + "|".join(words) + r")\b")


_EXCLUDE = _kw(r"loc\w*", "locali[sz]er", "scout", "survey", "tiscout", r"ti\s?scout", "look\\s?locker", r"t1\s?map\w*",
               r"t2\s?map\w*", "map", "maps", "molli", "shmolli", "sasha", r"perf\w*", "first\\s?pass", "flow", "pc",
               "venc", "tag", "tagging", "grid", "t2star", "t2", "stir", "haste", "dark\\s?blood", "angio", "mra")
_LGE = _kw("lge", "de", "psir", r"mag\s?ir", "delayed", "late", "mde", "viability", r"enh\w*", "ir", "gad",
           "pssf", "hyperenhancement", r"phase\s?sensitive")
_CINE = _kw("cine", "ssfp", "bssfp", "trufi", "fiesta", "bffe", "balanced", "retro", r"tf2d\w*")
# Parametric maps, T2-weighted and perfusion series (`_semantic_kind`). Map types come from ImageType
# (Siemens MyoMaps 'T1 MAP' / 'T2 MAP', Philips and GE 'MAP' plus a 'T1' / 'T2' value) or the description.
_MAP_TYPES = {"MAP", "T1 MAP", "T2 MAP", "T1MAP", "T2MAP", "T2* MAP", "T2STAR MAP", "ECV", "ECV MAP"}
_MAP_WORDS = _kw(r"t1\s?maps?", r"t2\s?maps?", r"t1\s?mapping", r"t2\s?mapping", "map", "maps", "mapping", r"t1map\w*",
                 r"t2map\w*", "ecv", r"t2\*?\s?star\w*", r"t2\*\s?maps?")
_T1_MAP_WORDS = _kw(r"t1\w*", "molli", "shmolli", "sasha", "savor", "scmolli")
_T2_MAP_WORDS = _kw(r"t2\s?maps?", r"t2map\w*", r"t2\s?mapping", r"t2\s?prep\w*", "gradse", "t2")
_T2STAR = _kw(r"t2\*\w*", r"t2\s?star\w*", "iron", r"t2s\s?map\w*")
_T1_SOURCE = _kw("molli", "shmolli", "sasha", r"look\s?locker", r"ti\s?scout", "tiscout", "scout", "lltfl")
_POST = _kw("post", r"post\s?contrast", r"post\s?gd", "postcon", "pc", "gd", "gad", "enh", "contrast", "c")
_NATIVE = _kw("pre", "native", "precontrast", "non")
_T2W = _kw("stir", "t2w", r"t2\s?tse", r"tse\s?t2", r"t2\s?fse", r"fse\s?t2", "tirm", "tir", r"tir2d\w*", "spair",
           r"t2\s?spir", r"spir\s?t2", r"bb\s?t2", r"db\s?t2", r"t2\s?db", r"t2\s?bb", r"t2\s?black\s?blood",
           r"black\s?blood\s?t2", r"dark\s?blood\s?t2", r"t2\s?dark\s?blood", r"triple\s?ir", r"t2\s?weighted")
_PERFUSION = _kw(r"perf\w*", r"first\s?pass", "fpp")
_STRESS = _kw("stress", "adenosine", "regadenoson", "dipyridamole", "dobutamine", "str")
_MIN_DYNAMICS = 8  # a first-pass series has tens of time points; fewer is not one
_SAX = _kw("sax", "sa", "short", "sht", r"short\s?axis", "sa\\s?stack", "shortaxis")
_LAX_SLOTS = {
    "4ch": _kw(r"4\s?ch\w*", r"4\s?c", "hla", r"four\s?chamber\w*", r"4\s?chamber\w*"),
    "2ch": _kw(r"2\s?ch\w*", r"2\s?c", "vla", r"two\s?chamber\w*", r"2\s?chamber\w*"),
    "3ch": _kw(r"3\s?ch\w*", r"3\s?c", "lvot", r"three\s?chamber\w*", r"3\s?chamber\w*"),
}


def normalise_description(text: str) -> str:
  """'Cine_SAX-4CH' -> 'cine sax 4ch': lower case, punctuation and underscores as spaces."""
  return " ".join(re.sub(r"[^a-z0-9*]+", " ", str(text or "").lower()).split())


@dataclasses.dataclass
class Slice:
  """All frames of one series in one plane.

  normal [3]: unit plane normal; offset: position along it (mm); frames: list of
  (file_id, dicom_io.Frame) sorted by trigger time.
  """
  series: str
  series_number: int
  description: str
  normal: np.ndarray
  offset: float
  frames: list
  kind: str = "other"  # cine | lge | other, or another of slots.SERIES_TYPES
  lax: str = ""  # 4ch | 2ch | 3ch when the description says so
  inversion_recovery: bool = False  # the header names an IR sequence
  reason: str = ""  # why kind is 'other'
  header: dict = dataclasses.field(default_factory=dict)  # SeriesHeader fields (dicom_io.series_header)

  @property
  def num_phases(self) -> int:
    """Distinct trigger times: the evidence of cardiac gating (0 when the frames have none)."""
    return len({round(f.trigger_time, 1) for _, f in self.frames if np.isfinite(f.trigger_time)})

  @property
  def num_inversions(self) -> int:
    """Distinct inversion times: several mean T1-mapping source images or a TI scout."""
    return len({round(f.inversion_time) for _, f in self.frames if np.isfinite(f.inversion_time)})


def plane_normal(orientation) -> np.ndarray:
  row, col = np.asarray(orientation[:3], float), np.asarray(orientation[3:], float)
  n = np.cross(row, col)
  return n / max(np.linalg.norm(n), 1e-9)


def build_slices(entries) -> list:
  """entries: iterable of (file_id, series_uid, series_number, description, inversion_recovery,
  dicom_io.Frame[, header dict]) (header: dicom_io.series_header, for the mapping / T2w /
  perfusion rules)."""
  groups, normals = {}, {}
  for file_id, series, number, desc, ir, frame, *header in entries:
    n = normals.get(frame.orientation)
    if n is None:
      n = normals[frame.orientation] = tuple(float(x) for x in plane_normal(frame.orientation))
    p = frame.position
    offset = p[0] * n[0] + p[1] * n[1] + p[2] * n[2]  # plain floats: numpy per frame costs more
    key = (series, tuple(round(x, 2) for x in n), round(offset, 1))
    if key not in groups:
      groups[key] = Slice(series, number, normalise_description(desc), np.asarray(n), offset, [],
                          inversion_recovery=ir, header=header[0] if header else {})
    groups[key].frames.append((file_id, frame))
  slices = list(groups.values())
  for s in slices:
    # Dynamics (perfusion) share one trigger time: their temporal position orders them.
    s.frames.sort(key=lambda item: (_sort_time(item[1].trigger_time), _sort_time(item[1].temporal), item[0],
                                    item[1].frame_index))
    s.lax = next((name for name, pat in _LAX_SLOTS.items() if pat.search(s.description)), "")
    s.kind, s.reason = _kind(s)
  return sorted(slices, key=lambda s: (s.series_number, s.series, s.offset))


def _sort_time(t):
  return t if np.isfinite(t) else 0.0


def _kind(s: Slice) -> tuple:
  """(series type or other, reason when other)."""
  semantic = _semantic_kind(s)
  if semantic is not None:
    return semantic
  d = s.description
  m = _EXCLUDE.search(d)
  if m:
    return "other", f"not a cine or LGE series (description says '{m.group(0)}')"
  ti = s.frames[0][1].inversion_time
  inversion = s.inversion_recovery or (np.isfinite(ti) and ti > 0)
  if _LGE.search(d) and not _CINE.search(d) or (s.num_phases <= 1 and inversion):
    if not inversion:
      return "other", "LGE-like description but no inversion-recovery signature (no inversion time, no IR sequence)"
    return "lge", ""
  if s.num_phases < _MIN_CINE_PHASES:
    return "other", (f"no cardiac gating evidence ({s.num_phases} distinct trigger times, need "
                     f">= {_MIN_CINE_PHASES})")
  if not _cardiac_plane(s):
    return "other", "cine in a patient-axis plane (axial, sagittal or coronal) not named as a cardiac view"
  return "cine", ""


def _semantic_kind(s: Slice):
  """(t1map | t1map_post | t2map | t2w | perfusion | other, reason) for the mapping, T2-weighted
  and perfusion series; None for a slice these rules do not claim (then cine / LGE rules apply).

  A map is named by ImageType (MAP, T1 MAP, T2 MAP, ...) or by the description; its type by
  the T1 / T2 value of ImageType, else the description or sequence. A T1 map is post-contrast
  when the contrast agent tags say an agent was given (ContrastBolusAgent, or its sequence)
  or the description says post / Gd, unless the description says native / pre. The source
  images of a T1 map (several inversion times in one plane, MOLLI / ShMOLLI / SASHA named)
  are not the map: the map is what a reader reads. Perfusion needs dynamics in one plane.
  """
  h = s.header
  image_type = set(h.get("image_type", ()))
  d = s.description
  text = " ".join(x for x in (d, normalise_description(h.get("sequence", ""))) if x)
  is_map = bool(image_type & _MAP_TYPES) or bool(_MAP_WORDS.search(d))
  if not d and not is_map and _MAP_WORDS.search(normalise_description(h.get("protocol", ""))):
    is_map, text = True, normalise_description(h.get("protocol", ""))  # ProtocolName only when undescribed
  if is_map:
    if image_type & {"T2* MAP", "T2STAR MAP"} or "T2*" in image_type or _T2STAR.search(text):
      return "other", "T2* map (iron): no view slot for it yet"
    if image_type & {"ECV", "ECV MAP"} or re.search(r"\becv\b", text):
      return "other", "ECV map: derived from the native and post-contrast T1 maps, which have slots"
    if image_type & {"T2 MAP", "T2MAP", "T2"} or _T2_MAP_WORDS.search(text) and not _T1_MAP_WORDS.search(text):
      return "t2map", ""
    if image_type & {"T1 MAP", "T1MAP", "T1"} or _T1_MAP_WORDS.search(text):
      post = (h.get("contrast", False) or bool(_POST.search(d))) and not _NATIVE.search(d)
      return ("t1map_post" if post else "t1map"), ""
    return "other", "parametric map of unknown type (neither T1 nor T2 in ImageType or description)"
  if s.num_inversions >= 3 or _T1_SOURCE.search(text):
    return "other", ("T1-mapping source images or TI scout (several inversion times): the map is used, "
                     "not its source images")
  if "PERFUSION" in image_type or _PERFUSION.search(d):
    if _STRESS.search(d):
      return "other", "stress perfusion: no view slot for it yet (rest perfusion has one)"
    dynamics = len({(round(f.trigger_time, 1) if np.isfinite(f.trigger_time) else None,
                     f.temporal if np.isfinite(f.temporal) else i) for i, (_, f) in enumerate(s.frames)})
    if dynamics < _MIN_DYNAMICS:
      return "other", f"perfusion series with {dynamics} time points in this plane (need >= {_MIN_DYNAMICS})"
    return "perfusion", ""
  if _T2W.search(text) and not _CINE.search(d):
    return "t2w", ""
  return None


def _cardiac_plane(s: Slice) -> bool:
  """Cardiac views are planned double-oblique to the heart; a plane exactly along a patient axis
  counts only when its description names a cardiac view."""
  return float(np.max(np.abs(s.normal))) < _AXIS_COS or bool(s.lax) or bool(_SAX.search(s.description))


def _oriented(normal):
  return normal if np.dot(normal, _APEX_DIR) >= 0 else -normal


def _stack(slices, axis) -> list:
  """One slice per position along `axis`, ordered base -> apex."""
  by_pos = {}
  for s in slices:
    pos = round(float(np.dot(s.frames[0][1].position, axis)), 1)
    by_pos.setdefault(pos, s)  # slices arrive sorted by series number: keep the first per position
  return [by_pos[p] for p in sorted(by_pos)]


def _clusters(slices) -> list:
  """Groups of slices with parallel planes."""
  out = []
  for s in slices:
    for c in out:
      if abs(float(np.dot(c[0].normal, s.normal))) >= _PARALLEL_COS:
        c.append(s)
        break
    else:
      out.append([s])
  return out


def _sax_cluster(cine):
  candidates = [c for c in _clusters([s for s in cine if not s.lax])
                if _num_positions(c) >= 2 or any(_SAX.search(s.description) for s in c)]
  if not candidates:
    return []
  keyword = [c for c in candidates if any(_SAX.search(s.description) for s in c)]
  pool = keyword or candidates
  return max(pool, key=_num_positions)


def _num_positions(cluster) -> int:
  return len({round(float(np.dot(s.frames[0][1].position, cluster[0].normal)), 1) for s in cluster})


def classify(slices) -> dict:
  """Slices -> {'sax_axis': [3] or None, 'sax_stack': [Slice] base->apex, slot: Slice or [Slice]}.

  Cine slots hold one Slice; 'lge_sax' holds the LGE stack base -> apex; 'lge_lax' one Slice.
  """
  cine = [s for s in slices if s.kind == "cine"]
  lge = [s for s in slices if s.kind == "lge"]
  sax = _sax_cluster(cine)
  out = {"sax_axis": None, "sax_stack": []}
  if sax:
    axis = _oriented(sax[0].normal)
    stack = _stack(sax, axis)
    out.update(sax_axis=axis, sax_stack=stack)
    for slot, i in sax_indices(len(stack)).items():
      out[slot] = stack[i]
  in_sax = {id(s) for s in sax}
  _assign_lax(out, [s for s in cine if id(s) not in in_sax], "cine_")
  _assign_lge(out, lge)
  for slot in slots_lib.SLOTS:
    if slot.series not in ("cine", "lge"):
      _assign_series(out, slot, [s for s in slices if s.kind == slot.series])
  return out


def long_axis(layout) -> np.ndarray:
  """Unit LV long axis [3], base -> apex: the cine (else LGE) short-axis stack's normal; else the
  line where two long-axis cine planes meet (every long-axis view contains it); else the prior
  left-anterior-inferior direction."""
  if layout.get("sax_axis") is not None:
    return np.asarray(layout["sax_axis"], float)
  if layout.get("lge_sax"):
    return _oriented(layout["lge_sax"][0].normal)
  lax = [layout[v].normal for v in ("cine_4ch", "cine_2ch", "cine_3ch") if v in layout]
  for i, a in enumerate(lax):
    for b in lax[i + 1:]:
      axis = np.cross(a, b)
      if np.linalg.norm(axis) > 0.3:  # planes >= ~17 degrees apart: a well-defined intersection
        return _oriented(axis / np.linalg.norm(axis))
  return _APEX_DIR


def _assign_series(out, slot, found) -> None:
  """A mapping / T2w / perfusion slot: its series type's slices parallel to the SAX axis (the
  cine's, else their own), as a stack base -> apex (place sax_stack) or its middle plane."""
  if not found:
    return
  axis = out["sax_axis"] if out["sax_axis"] is not None else _oriented(found[0].normal)
  stack = [s for s in found if abs(float(np.dot(s.normal, axis))) >= _PARALLEL_COS]
  if not stack:
    return
  stack = _stack(stack, axis)
  out[slot.name] = stack if slot.place == "sax_stack" else stack[len(stack) // 2]


def sax_indices(n) -> dict:
  """Stack positions (0 = base) of the cine SAX slots in a stack of n slices."""
  if n >= 3:
    return {slot: int(q * (n - 1) + 0.5) for slot, q in SAX_FRACTIONS.items()}
  return {2: {"cine_sax_base": 0, "cine_sax_apex": 1}, 1: {"cine_sax_mid": 0}}.get(n, {})


def _assign_lax(out, lax, prefix):
  """Keyword-named views first; unnamed ones by the patient-frame direction of their normal."""
  unnamed = []
  for s in lax:
    if s.lax and prefix + s.lax not in out:
      out[prefix + s.lax] = s
    elif not s.lax:
      unnamed.append(s)
  # The four-chamber plane is the near-axial long-axis plane (normal mostly superior-inferior);
  # two-chamber is planned perpendicular to it; three-chamber lies between the two.
  planes = {}
  for s in sorted(unnamed, key=_four_chamber_score, reverse=True):
    planes.setdefault(tuple(np.round(np.abs(s.normal), 1)), s)
  rest = list(planes.values())
  ref = out.get(prefix + "4ch")
  if ref is None and rest and _four_chamber_score(rest[0]) >= 0:
    ref = out[prefix + "4ch"] = rest.pop(0)
  rest.sort(key=lambda s: abs(float(np.dot(s.normal, ref.normal))) if ref is not None else -_four_chamber_score(s))
  for s, v in zip(rest, [v for v in ("2ch", "3ch") if prefix + v not in out]):
    out[prefix + v] = s


def _four_chamber_score(s) -> float:
  return abs(float(s.normal[2])) - abs(float(s.normal[1]))


def _assign_lge(out, lge):
  axis = out["sax_axis"]
  if axis is None:
    sax = [s for s in lge if _SAX.search(s.description)]
    axis = _oriented(sax[0].normal) if sax else None
  stack = [s for s in lge if axis is not None and abs(float(np.dot(s.normal, axis))) >= _PARALLEL_COS]
  if stack:
    out["lge_sax"] = _stack(stack, axis)
  rest = [s for s in lge if all(s is not t for t in stack)]
  if rest:
    out["lge_lax"] = min(rest, key=lambda s: ({"4ch": 0, "2ch": 1, "3ch": 2}.get(s.lax, 3), s.series_number))
