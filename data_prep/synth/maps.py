"""Parametric maps, T2-weighted and rest perfusion series of a synthetic study.

The patient's tissue truth (`draw_tissue`) comes from its own random stream, so adding these
series leaves the anatomy and cine draws alone. Values follow published normal ranges in
spirit, not in detail: native myocardial T1 ~1000 ms at 1.5 T and ~1200 ms at 3 T, blood
~1550 / 1900 ms; myocardial T2 ~48 / 44 ms; ECV ~25%. Diffuse fibrosis (in some DCM and HCM)
raises native T1 and ECV; an infarct core has long native T1 and ECV ~60%; an oedema finding
(a myocarditis-like process, drawn independently of the diagnosis) raises T2 and native T1.
Post-contrast T1 follows from ECV: dR1_myo = ECV / (1 - haematocrit) * dR1_blood.

Each vendor writes its maps its own way (descriptions, ImageType, scaling): Siemens stores
milliseconds, GE T2 maps tenths of a millisecond with a rescale slope of 0.1, Philips a Real
World Value Mapping to milliseconds with a display rescale on top; the converter must honour
all three. These series are written as classic MR Image files.
"""

import numpy as np
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from data_prep.synth import report as synth_report

T1_NATIVE = {1.5: (1000.0, 1550.0), 3.0: (1200.0, 1900.0)}  # myocardium, blood (ms)
T2_NORMAL = {1.5: 48.0, 3.0: 44.0}
T1_UPPER_MS = 50.0  # native T1 above normal + this reads "raised"
T2_UPPER_MS = 7.0  # myocardial T2 above normal + this reads "oedema"
ECV_UPPER = 0.30
DYNAMICS = 12  # rest perfusion time points written (a real one has ~40-60)
_MAX_STORED = 4095  # 12 bits stored

# vendor -> series type -> (descriptions, ImageType, SequenceName)
NAMING = {
    "siemens": {
        "t1map": (["MOLLI_SAX_T1MAP", "MOLLI 5(3)3 SAX_T1MAP", "ShMOLLI_192i_SAX_T1MAP"],
                  ["DERIVED", "PRIMARY", "M", "ND", "MOCO", "T1 MAP"], "*tfi2d1_192"),
        "t1map_post": (["MOLLI_SAX_post_T1MAP", "MOLLI 4(1)3(1)2 SAX_T1MAP"],
                       ["DERIVED", "PRIMARY", "M", "ND", "MOCO", "T1 MAP"], "*tfi2d1_192"),
        "t2map": (["T2map_FLASH_SAX_MOCO_T2", "T2_MAP_SAX"], ["DERIVED", "PRIMARY", "M", "ND", "MOCO", "T2 MAP"],
                  "*tfl2d1_16"),
        "t2w": (["tse_tir_dark-blood_SAX", "T2_TIRM_SAX"], ["ORIGINAL", "PRIMARY", "M", "ND"], "*tir2d1_15"),
        "perfusion": (["tfl_perf_rest_SAX", "Perfusion_rest_MOCO"], ["ORIGINAL", "PRIMARY", "M", "ND", "MOCO"],
                      "*tfl2d1_10"),
    },
    "ge": {
        "t1map": (["T1 MAP SA", "MOLLI T1 Map SAX"], ["DERIVED", "SECONDARY", "MAP", "T1"], "MOLLI"),
        "t1map_post": (["T1 MAP SA POST", "MOLLI T1 Map SAX"], ["DERIVED", "SECONDARY", "MAP", "T1"], "MOLLI"),
        "t2map": (["T2 MAP SA", "T2Map SAX"], ["DERIVED", "SECONDARY", "MAP", "T2"], "T2PREP"),
        "t2w": (["DB FSE T2 SA", "STIR SA"], ["ORIGINAL", "PRIMARY", "OTHER"], "fse-xl"),
        "perfusion": (["FGRE-ET PERFUSION REST", "FastCMR perf rest SA"], ["ORIGINAL", "PRIMARY", "PERFUSION"],
                      "fgre-et"),
    },
    "philips": {
        "t1map": (["T1map_MOLLI_SA", "T1 MAP native SA"], ["DERIVED", "PRIMARY", "T1 MAP", "T1", "UNSPECIFIED"], ""),
        "t1map_post": (["T1map_MOLLI_SA_post", "T1 MAP post SA"], ["DERIVED", "PRIMARY", "T1 MAP", "T1", "UNSPECIFIED"],
                       ""),
        "t2map": (["T2map_GraSE_SA", "T2 MAP SA"], ["DERIVED", "PRIMARY", "T2 MAP", "T2", "UNSPECIFIED"], ""),
        "t2w": (["BB_T2_SPIR_SA", "T2W_TSE_BB_SA"], ["ORIGINAL", "PRIMARY", "M_SE", "M", "SE"], ""),
        "perfusion": (["Perfusion_rest_SA", "FFE_perf_rest"], ["ORIGINAL", "PRIMARY", "M_FFE", "M", "FFE"], ""),
    },
}
AGENTS = ("Gadovist", "Dotarem", "MultiHance", "Clariscan")


def draw_tissue(rng: np.random.Generator, diagnosis: str, field: float) -> dict:
  """The patient's relaxation truth and its findings (what a reader measures on the maps)."""
  t1_myo, t1_blood = T1_NATIVE[1.5 if field < 2 else 3.0]
  t2 = T2_NORMAL[1.5 if field < 2 else 3.0]
  diffuse = diagnosis in ("DCM", "HCM") and rng.random() < 0.6
  oedema = rng.random() < 0.22
  out = {
      "t1_normal": t1_myo, "t2_normal": t2, "diffuse": bool(diffuse), "oedema_present": bool(oedema),
      "t1_myo": float(rng.normal(t1_myo, 18) + (rng.uniform(70, 120) if diffuse else 0)
                      + (rng.uniform(70, 110) if oedema else 0)),
      "t1_blood": float(rng.normal(t1_blood, 40)), "t1_scar": float(t1_myo + rng.uniform(300, 420)),
      "t2_myo": float(rng.normal(t2, 1.5) + (rng.uniform(12, 20) if oedema else 0)),
      "ecv": float(np.clip(rng.normal(0.25, 0.015) + (rng.uniform(0.06, 0.1) if diffuse else 0)
                           + (0.04 if oedema else 0), 0.18, 0.5)),
      "ecv_scar": float(rng.uniform(0.5, 0.65)), "hct": float(rng.uniform(0.38, 0.46)),
      "t1_blood_post": float(rng.uniform(300, 450)),
  }
  out["raised_native_t1"] = bool(out["t1_myo"] > t1_myo + T1_UPPER_MS)
  out["oedema"] = bool(out["t2_myo"] > t2 + T2_UPPER_MS)
  return out


def post_t1(t1_native: float, ecv: float, tissue: dict) -> float:
  """Post-contrast T1 (ms) of tissue with this native T1 and ECV (fast-exchange model)."""
  d_blood = 1.0 / tissue["t1_blood_post"] - 1.0 / tissue["t1_blood"]
  return 1.0 / (1.0 / t1_native + ecv / (1.0 - tissue["hct"]) * d_blood)


def ecv_of(tissue: dict) -> float:
  """ECV recomputed from the four T1 values and haematocrit, as a reader does."""
  t1p = post_t1(tissue["t1_myo"], tissue["ecv"], tissue)
  return (1 - tissue["hct"]) * (1 / t1p - 1 / tissue["t1_myo"]) / (1 / tissue["t1_blood_post"] - 1 / tissue["t1_blood"])


def draw_protocol(rng: np.random.Generator, has_contrast: bool) -> dict:
  """Which of these series the study has (a protocol often skips some)."""
  mapping = rng.random() < 0.85
  return {"t1map": mapping, "t1map_post": mapping and has_contrast and rng.random() < 0.8,
          "t2map": mapping and rng.random() < 0.75, "t2w": rng.random() < 0.5,
          "perfusion": has_contrast and rng.random() < 0.4}


def contrasts(kind: str, tissue: dict, field: float) -> tuple:
  """(render contrast dict in units of `scale`, scale): tissue values of one series type."""
  if kind in ("t1map", "t1map_post"):
    tissue_t1, fat_t1 = (900.0, 260.0) if field < 2 else (1100.0, 380.0)
    nat = {"blood": tissue["t1_blood"], "myo": tissue["t1_myo"], "scar": tissue["t1_scar"], "fat": fat_t1,
           "tissue": tissue_t1, "spine": 800.0, "lung": 0.0, "air": 0.0}
    if kind == "t1map_post":
      ecv = {"blood": 1.0 - tissue["hct"], "myo": tissue["ecv"], "scar": tissue["ecv_scar"], "fat": 0.05,
             "tissue": 0.15, "spine": 0.2}
      nat = {k: (post_t1(v, ecv[k], tissue) if k in ecv else v) for k, v in nat.items()}
      nat["blood"] = tissue["t1_blood_post"]
    return {k: v / 4000.0 for k, v in nat.items()}, 4000.0
  if kind == "t2map":
    vals = {"blood": 220.0, "myo": tissue["t2_myo"], "scar": tissue["t2_myo"] + 8, "fat": 75.0, "tissue": 35.0,
            "spine": 60.0, "lung": 0.0, "air": 0.0}
    return {k: v / 400.0 for k, v in vals.items()}, 400.0
  # T2-weighted black blood, fat suppressed: signal ~ exp(-TE / T2) at TE 60 ms
  myo = float(np.exp(-60.0 / tissue["t2_myo"]))
  return {"blood": 0.03, "myo": myo, "scar": myo * 1.1, "fat": 0.06, "tissue": 0.16, "spine": 0.35, "lung": 0.02,
          "air": 0.0}, 1.0


def perfusion_contrast(j: int, tissue: dict, infarct: bool) -> dict:
  """Signal of rest first-pass dynamic j: a gamma-variate bolus in blood, a smaller later one
  in myocardium, the infarct hypoperfused."""
  def bolus(t, peak):
    x = np.clip(t / peak, 0, None)
    return float(x ** 3 * np.exp(3 * (1 - x)))
  base = {"air": 0.0, "lung": 0.03, "tissue": 0.15, "fat": 0.2, "spine": 0.15}
  blood = 0.1 + 0.9 * bolus(j, 4.0)
  myo = 0.08 + 0.22 * bolus(j, 6.0)
  return {**base, "blood": blood, "myo": myo, "scar": 0.08 + (0.06 if infarct else 0.22) * bolus(j, 6.0)}


def tags(kind: str, vendor: str, rng: np.random.Generator, agent: str) -> dict:
  """DICOM attributes of one series type the way this vendor writes them."""
  descs, image_type, sequence = NAMING[vendor][kind]
  out = {"ImageType": list(image_type)}
  if sequence:
    out["SequenceName"] = sequence
  if kind == "t1map_post" or kind == "perfusion" or (kind in ("t2map", "t2w") and agent and rng.random() < 0.3):
    out["ContrastBolusAgent"] = agent
  return {"description": synth_report.pick(rng, descs), "tags": out}


def store(values: np.ndarray, kind: str, vendor: str, signed: bool = False) -> tuple:
  """Physical map values (ms) -> (stored int (int16 when the protocol stores signed), extra tags):
  each vendor's scaling."""
  if kind not in ("t1map", "t1map_post", "t2map"):
    return None, {}
  stored, tags = _scaled(values, kind, vendor)
  return stored.astype(np.int16 if signed else np.uint16), tags


def _scaled(values, kind, vendor) -> tuple:
  if vendor == "ge" and kind == "t2map":
    return _clip(values * 10), {"RescaleSlope": 0.1, "RescaleIntercept": 0, "RescaleType": "MS"}
  if vendor == "philips":  # the real value is in the RWV mapping; the rescale is a display scale
    rwv = Dataset()
    rwv.RealWorldValueSlope, rwv.RealWorldValueIntercept = 0.5, 0.0
    rwv.RealWorldValueFirstValueMapped, rwv.RealWorldValueLastValueMapped = 0, _MAX_STORED
    rwv.LUTLabel, rwv.LUTExplanation = "T1" if kind != "t2map" else "T2", "ms"
    unit = Dataset()
    unit.CodeValue, unit.CodingSchemeDesignator, unit.CodeMeaning = "ms", "UCUM", "millisecond"
    rwv.MeasurementUnitsCodeSequence = Sequence([unit])
    return _clip(values * 2), {"RescaleSlope": 1.7, "RescaleIntercept": 0, "RescaleType": "normalized",
                               "RealWorldValueMappingSequence": Sequence([rwv])}
  return _clip(values), {"RescaleSlope": 1, "RescaleIntercept": 0, "RescaleType": "MS"}  # whatever the protocol's


def _clip(x) -> np.ndarray:
  return np.clip(np.rint(x), 0, _MAX_STORED).astype(np.uint16)


def report_sentences(rng, tissue: dict, present: dict, field: float, infarct_territory: str) -> tuple:
  """(findings sentences, impression bits) about the maps, T2w and perfusion series present."""
  sents, bits = [], []
  t1, t2, up1 = tissue["t1_myo"], tissue["t2_myo"], tissue["t1_normal"] + T1_UPPER_MS
  if present["t1map"]:
    if tissue["raised_native_t1"]:
      sents.append(synth_report.pick(rng, [
          f"Native myocardial T1 is raised at {t1:.0f} ms (normal < {up1:.0f} ms at {field:.1f}T).",
          f"Elevated native T1 of {t1:.0f} ms.", f"Global native T1 increased ({t1:.0f} ms)."]))
      bits.append(synth_report.pick(rng, ["raised native T1", "elevated native myocardial T1", "diffusely raised T1"]))
    else:
      sents.append(synth_report.pick(rng, [f"Native myocardial T1 is normal ({t1:.0f} ms at {field:.1f}T).",
                                           f"Normal native T1 ({t1:.0f} ms).", f"Native T1 {t1:.0f} ms, within normal limits."]))
    if infarct_territory:
      sents.append(f"Native T1 is prolonged within the {infarct_territory} infarct.")
  if present["t1map_post"]:
    ecv = 100 * ecv_of(tissue)
    if ecv > 100 * ECV_UPPER:
      sents.append(synth_report.pick(rng, [f"ECV is increased at {ecv:.0f}%.", f"Expanded extracellular volume (ECV {ecv:.0f}%)."]))
    else:
      sents.append(synth_report.pick(rng, [f"ECV {ecv:.0f}% (normal).", f"Normal extracellular volume fraction ({ecv:.0f}%)."]))
  if present["t2map"] or present["t2w"]:
    if tissue["oedema"]:
      sents.append(synth_report.pick(rng, [
          f"Myocardial T2 is raised ({t2:.0f} ms), consistent with myocardial oedema." if present["t2map"] else
          "High myocardial signal on T2-weighted imaging, consistent with oedema.",
          "T2 mapping and T2-weighted imaging show myocardial oedema." if present["t2map"] else
          "Increased T2 signal in the myocardium in keeping with oedema."]))
      bits.append(synth_report.pick(rng, ["myocardial oedema", "active myocardial inflammation with oedema",
                                          "oedema, ? acute myocarditis"]))
    else:
      sents.append(synth_report.pick(rng, [f"Normal myocardial T2 ({t2:.0f} ms); no oedema." if present["t2map"] else
                                           "No oedema on T2-weighted imaging.", "No myocardial oedema."]))
  if present["perfusion"]:
    sents.append(f"Rest perfusion: subendocardial defect in the {infarct_territory} territory." if infarct_territory
                 else synth_report.pick(rng, ["Rest perfusion is normal.", "No rest perfusion defect."]))
  return sents, bits
