"""The view slot table: the one declaration every stage follows (docs/design.md, "View slots").

A slot is one input position of the image tower. Each entry says what fills it and how:

  name     record key, model view index (table order), bundle input name
  kind     cine (cardiac phases over one cycle) | static (positions base -> apex, or one image) |
           map (a parametric map: physical values, positions base -> apex) | dynamic (one plane
           over time points, e.g. first-pass perfusion)
  series   the series type `views.py` recognises from DICOM semantics (SERIES_TYPES)
  place    where it lies: sax_base | sax_mid | sax_apex | 4ch | 2ch | 3ch (one plane), sax_stack
           (the stack of that series type, base -> apex), lax (its long-axis image)
  frames   stored frames: 0 = convert's --frames (T), n > 0 = at most n (maps: 3 positions)
  dtype    stored dtype: uint8 (windowed per image at convert) | uint16 (physical values, `unit`)
  unit     '' for windowed slots; 'ms' for relaxation-time maps
  input_range  (lo, hi) in `unit`: the fixed physical normalisation the input pipeline maps to
           the model's uint8 scale [0, 255] (None: the stored uint8 is the input)

Why maps are stored as uint16 milliseconds: what a reader looks at in a T1 or T2 map is the
absolute value (native T1 ~1000 ms at 1.5 T, raised by ~50 ms in diffuse fibrosis or oedema;
T2 ~50 ms, raised by ~10 ms in oedema). A per-image uint8 window would both destroy the absolute
scale (every map would span 0-255) and quantise a 0-2000 ms range into ~8 ms steps that differ
per image. uint16 ms keeps 1 ms resolution (the rounding error is at most 0.5 ms) up to 65 s;
the model then sees each map through one fixed window per slot, the same for every study, so
"brighter" means "longer T1" everywhere. The windows are the myocardial ranges a reader's fixed
colour scale shows (blood and fat may clip at the top): native T1 400-1675 ms (5 ms a step),
post-contrast T1 0-765 ms (3 ms), T2 20-100 ms (0.31 ms): finer than the shifts that matter.
A first demo with full-range windows (0-2550 / 0-1275 / 0-255 ms: 10 / 5 / 1 ms a step) did not
learn the oedema finding at all (README, "View slots in the demo"). T1
depends on field strength (~1000 ms at 1.5 T, ~1200 ms at 3 T), so the record's meta keeps
`field_strength_t`. The post-contrast T1 slot exists so that ECV can be computed from a record:
ECV = (1 - haematocrit) * (1/T1post_myo - 1/T1native_myo) / (1/T1post_blood - 1/T1native_blood).

Adding a slot: one `Slot` entry here (appended: slot order is model order, and appending keeps
old records and bundles readable) plus, for a new series type, its recognition rule in
`views.py` (`_SERIES_RULES`). Nothing else names slots.
"""

import dataclasses

SERIES_TYPES = ("cine", "lge", "t1map", "t1map_post", "t2map", "t2w", "perfusion")
KINDS = ("cine", "static", "map", "dynamic")


@dataclasses.dataclass(frozen=True)
class Slot:
  name: str
  kind: str
  series: str
  place: str
  frames: int = 0
  dtype: str = "uint8"
  unit: str = ""
  input_range: tuple | None = None


SLOTS = (
    Slot("cine_sax_base", "cine", "cine", "sax_base"),
    Slot("cine_sax_mid", "cine", "cine", "sax_mid"),
    Slot("cine_sax_apex", "cine", "cine", "sax_apex"),
    Slot("cine_4ch", "cine", "cine", "4ch"),
    Slot("cine_2ch", "cine", "cine", "2ch"),
    Slot("cine_3ch", "cine", "cine", "3ch"),
    Slot("lge_sax", "static", "lge", "sax_stack"),
    Slot("lge_lax", "static", "lge", "lax", frames=1),
    # Schema version 2 added the slots below.
    Slot("t1_native_sax", "map", "t1map", "sax_stack", frames=3, dtype="uint16", unit="ms",
         input_range=(400.0, 1675.0)),
    Slot("t1_post_sax", "map", "t1map_post", "sax_stack", frames=3, dtype="uint16", unit="ms", input_range=(0.0, 765.0)),
    Slot("t2_map_sax", "map", "t2map", "sax_stack", frames=3, dtype="uint16", unit="ms", input_range=(20.0, 100.0)),
    Slot("t2w_sax", "static", "t2w", "sax_stack", frames=3),
    Slot("perfusion_sax", "dynamic", "perfusion", "sax_mid"),
)

BY_NAME = {s.name: s for s in SLOTS}
NAMES = tuple(s.name for s in SLOTS)
# The slots of schema version 1 (records and bundles made before the table): their order is fixed.
V1_NAMES = NAMES[:8]


def check_table(slots=SLOTS) -> None:
  """Raises ValueError on an inconsistent table (tests run it; a new entry is checked here)."""
  names = [s.name for s in slots]
  if len(set(names)) != len(names):
    raise ValueError(f"duplicate slot names in {names}")
  for s in slots:
    if s.kind not in KINDS or s.series not in SERIES_TYPES or s.dtype not in ("uint8", "uint16"):
      raise ValueError(f"slot {s.name}: bad kind / series / dtype")
    if (s.dtype == "uint8") != (s.input_range is None):
      raise ValueError(f"slot {s.name}: uint8 slots are windowed (no input_range); others need one")
    if s.place not in ("sax_base", "sax_mid", "sax_apex", "4ch", "2ch", "3ch", "sax_stack", "lax"):
      raise ValueError(f"slot {s.name}: bad place {s.place!r}")


def stored_frames(slot: Slot, t: int) -> int:
  """How many frames convert stores for `slot` when asked for T = t."""
  return min(slot.frames, t) if slot.frames else t
