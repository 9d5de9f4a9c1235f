"""Free-text CMR reports for synthetic studies, with planted PHI for the de-identifier to remove.

The text is written from the measured anatomy (`anatomy.volumes` / `findings`), so
the impression states the diagnosis and every finding (present or, often, explicitly absent)
in varied words. Header and sign-off carry the patient's name, MRN, dates and doctors' names.
"""

import math

import numpy as np

FIRST_F = ("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Aisha",
           "Priya", "Olga", "Fatima", "Ingrid", "Chloe", "Mei", "Amara", "Sofia")
FIRST_M = ("James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Carlos",
           "Wei", "Hiroshi", "Pierre", "Mateo", "Kwame", "Ahmed", "Lars", "Ravi")
FIRST = FIRST_F + FIRST_M
LAST = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Nguyen", "Patel", "Kowalski", "Okafor", "Schmidt", "Rossi", "Yamamoto", "O'Brien", "Fischer", "Novak")
INSTITUTIONS = ("St. Mary's Heart Centre", "City General Hospital", "Royal Infirmary", "University Medical Center",
                "Northside Cardiac Imaging", "Mercy Regional Hospital", "Lakeside Clinic")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
INDICATIONS = ("Shortness of breath on exertion.", "Palpitations.", "Abnormal ECG.", "Atypical chest pain.",
               "Family history of sudden cardiac death.", "Assessment of ventricular function.",
               "Syncope under investigation.", "Murmur on examination.", "Breathlessness, ? cardiomyopathy.",
               "Raised troponin.", "Pre-operative assessment.")
SEGMENTS = {"anterior": ("anterior", "LAD"), "inferior": ("inferior", "RCA"), "lateral": ("lateral", "circumflex"),
            "anteroseptal": ("anteroseptal", "LAD")}


def pick(rng, options):
  return options[int(rng.integers(len(options)))]


def fmt_date(ymd: str, style: int) -> str:
  """'YYYYMMDD' in one of several spellings a report might use."""
  y, m, d = int(ymd[:4]), int(ymd[4:6]), int(ymd[6:])
  return [f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1][:3]} {y}",
          f"{MONTHS[m - 1]} {d}, {y}", f"{d:02d}.{m:02d}.{y}", f"{d}/{m}/{y % 100:02d}", ymd][style]


def territory(theta: float) -> str:
  from data_prep.synth.anatomy import TERRITORIES
  return min(TERRITORIES, key=lambda k: abs(math.remainder(theta - TERRITORIES[k], 2 * math.pi)))


def _lv_sentences(rng, vol, fx, bsa, h):
  edv, esv, ef, wall = vol["lv_edv"], vol["lv_esv"], vol["lvef"], vol["max_wall"]
  size = pick(rng, ["dilated", "enlarged", "severely dilated" if edv > 260 else "moderately dilated"]) \
      if fx["lv_dilation"] else pick(rng, ["normal in size", "of normal size", "not dilated"])
  out = [pick(rng, [
      f"The left ventricle is {size} (LVEDV {edv:.0f} mL, {edv / bsa:.0f} mL/m2; LVESV {esv:.0f} mL).",
      f"LV end-diastolic volume {edv:.0f} ml ({edv / bsa:.0f} ml/m2), end-systolic volume {esv:.0f} ml; the LV is {size}.",
      f"Left ventricle {size}, EDV {edv:.0f} mL and ESV {esv:.0f} mL.",
  ])]
  if fx["lv_hypertrophy"]:
    where = "asymmetric septal" if h.septal_extra > 2 else "concentric"
    out.append(pick(rng, [
        f"There is {where} left ventricular hypertrophy with a maximal wall thickness of {wall:.0f} mm.",
        f"Increased LV wall thickness ({where}), maximum {wall:.0f} mm in the basal segments.",
        f"Marked {where} hypertrophy, max wall thickness {wall:.0f}mm.",
    ]))
  else:
    thin = " with a thin-walled myocardium" if wall < 7 else ""
    out.append(pick(rng, [
        f"Normal wall thickness (maximum {wall:.0f} mm){thin}.",
        f"No left ventricular hypertrophy; maximal wall thickness {wall:.0f} mm.",
        f"LV wall thickness is not increased (max {wall:.0f} mm).",
    ]))
  if fx["lv_dysfunction"]:
    grade = "severely" if ef < 30 else "moderately" if ef < 40 else "mildly"
    out.append(pick(rng, [
        f"Systolic function is {grade} impaired with an LVEF of {ef:.0f}%.",
        f"LVEF {ef:.0f}% ({grade} reduced systolic function).",
        f"The ejection fraction is {grade} reduced at {ef:.0f}%.",
    ]))
  else:
    word = "hyperdynamic" if ef > 72 else "normal"
    out.append(pick(rng, [
        f"Left ventricular systolic function is {word} (LVEF {ef:.0f}%).",
        f"LVEF {ef:.0f}%, {word} systolic function.",
        f"Preserved global systolic function with an ejection fraction of {ef:.0f}%.",
    ]))
  if h.infarct:
    terr = territory(h.infarct[0])
    out.append(pick(rng, [
        f"There is regional wall thinning and akinesis of the {terr} wall.",
        f"Regional wall motion abnormality: {terr} hypokinesis to akinesis with wall thinning.",
        f"The {terr} segments are thinned and akinetic.",
    ]))
  elif rng.random() < 0.6:
    out.append(pick(rng, ["No regional wall motion abnormality.", "No regional wall motion abnormalities.",
                          "Global hypokinesis without a regional pattern." if fx["lv_dysfunction"] else
                          "Regional wall motion is normal."]))
  return out


def _rv_sentence(rng, vol, fx):
  edv, ef = vol["rv_edv"], vol["rvef"]
  if fx["rv_dilation"]:
    func = "impaired" if ef < 45 else "preserved"
    return pick(rng, [
        f"The right ventricle is dilated (RVEDV {edv:.0f} mL) with {func} systolic function (RVEF {ef:.0f}%).",
        f"RV dilatation, RVEDV {edv:.0f} ml, RVEF {ef:.0f}%.",
        f"Enlarged right ventricle: end-diastolic volume {edv:.0f} mL, ejection fraction {ef:.0f}%.",
    ])
  return pick(rng, [
      f"The right ventricle is normal in size and function (RVEDV {edv:.0f} mL, RVEF {ef:.0f}%).",
      f"Normal RV volume ({edv:.0f} ml) and systolic function (RVEF {ef:.0f}%).",
      f"RV not dilated, RVEDV {edv:.0f} mL; RVEF {ef:.0f}%.",
  ])


def _lge_sentence(rng, h, fx, has_lge):
  if not has_lge:
    return pick(rng, ["Gadolinium was not administered.", "No contrast was given (patient declined).",
                      "Post-contrast imaging was not performed."])
  if not fx["lge"]:
    return pick(rng, ["No late gadolinium enhancement.", "There is no myocardial late gadolinium enhancement.",
                      "No LGE to suggest scar or fibrosis.", "Late enhancement imaging shows no focal fibrosis."])
  out = []
  if h.infarct:
    terr, tm = territory(h.infarct[0]), h.infarct[3]
    depth = "transmural" if tm > 0.75 else "subendocardial"
    out.append(pick(rng, [
        f"There is {depth} late gadolinium enhancement in the {terr} wall ({tm * 100:.0f}% wall thickness).",
        f"{depth.capitalize()} LGE of the {terr} segments in a coronary distribution.",
        f"Late enhancement: {depth} scar in the {terr} territory.",
    ]))
  if h.patchy:
    where = "at the RV insertion points" if abs(h.patchy[0]) > 0.5 else "in the septum"
    out.append(pick(rng, [f"Patchy mid-wall late gadolinium enhancement {where}.",
                          f"Mid-myocardial LGE {where}, non-ischaemic pattern.",
                          f"There is non-ischaemic mid-wall fibrosis {where}."]))
  return " ".join(out)


OTHER = (("Both atria are normal in size.", "The atria are not dilated.", "Atrial sizes are normal."),
         ("No significant valvular abnormality.", "Valves appear normal.", "No significant valve disease on cine imaging."),
         ("No pericardial effusion.", "The pericardium is normal.", "No pericardial thickening or effusion."))


def _impression(rng, h, vol, fx, has_lge, extra_bits=()):
  """Diagnosis and findings in varied words; normal studies get near-identical short lines."""
  dx, ef = h.diagnosis, vol["lvef"]
  bits = []
  if dx == "NOR" and not any(fx.values()):
    return pick(rng, ["Normal cardiac MRI.", "Normal study.", "Normal cardiac MRI.",
                      "Normal biventricular size and function. No late gadolinium enhancement.",
                      "Structurally and functionally normal heart."])
  if dx == "DCM":
    bits.append(pick(rng, ["Dilated cardiomyopathy", "Findings consistent with dilated cardiomyopathy",
                           "Appearances in keeping with a non-ischaemic dilated cardiomyopathy",
                           "Dilated, globally hypokinetic left ventricle consistent with DCM"]))
  elif dx == "HCM":
    bits.append(pick(rng, ["Hypertrophic cardiomyopathy", "Features of hypertrophic cardiomyopathy",
                           f"Left ventricular hypertrophy (max {vol['max_wall']:.0f} mm) consistent with HCM",
                           "Phenotype of hypertrophic cardiomyopathy"]))
  elif dx == "MINF":
    terr = territory(h.infarct[0])
    bits.append(pick(rng, [f"Prior myocardial infarction in the {SEGMENTS[terr][1]} territory",
                           f"Chronic {terr} myocardial infarction",
                           f"Ischaemic heart disease with an old {terr} infarct",
                           f"Previous {SEGMENTS[terr][1]} territory infarction with regional akinesis"]))
  elif dx == "ARV":
    bits.append(pick(rng, ["Abnormal right ventricle", "Dilated right ventricle, consider ARVC or RV volume load",
                           "Isolated right ventricular dilatation and dysfunction",
                           "Right ventricular cardiomyopathy"]))
  else:
    bits.append(pick(rng, ["Normal left ventricle", "No cardiomyopathy"]))
  if fx["lv_dilation"] and dx not in ("DCM",):
    bits.append(pick(rng, ["LV dilatation", "dilated left ventricle", "enlarged LV"]))
  if fx["lv_hypertrophy"] and dx != "HCM":
    bits.append(pick(rng, ["LV hypertrophy", "increased wall thickness"]))
  if fx["lv_dysfunction"]:
    bits.append(pick(rng, [f"impaired LV systolic function (LVEF {ef:.0f}%)", f"reduced LVEF of {ef:.0f}%",
                           f"LV systolic dysfunction, EF {ef:.0f}%"]))
  elif rng.random() < 0.6:
    bits.append(pick(rng, [f"preserved LVEF ({ef:.0f}%)", f"normal LV systolic function (EF {ef:.0f}%)"]))
  if fx["rv_dilation"] and dx != "ARV":
    bits.append(pick(rng, ["RV dilatation", "dilated right ventricle", "enlarged RV"]))
  if has_lge:
    if fx["lge"]:
      bits.append(pick(rng, ["with late gadolinium enhancement", "LGE present", "myocardial scar on LGE imaging",
                             "late enhancement indicating fibrosis"]))
    elif rng.random() < 0.7:
      bits.append(pick(rng, ["no late gadolinium enhancement", "no LGE", "no myocardial scar"]))
  bits += list(extra_bits)
  style = rng.integers(3)
  if style == 0:
    return bits[0] + (", " + ", ".join(bits[1:]) if bits[1:] else "") + "."
  if style == 1:
    return "\n".join(f"{i + 1}. {b[0].upper() + b[1:]}." for i, b in enumerate(bits))
  return " ".join(b[0].upper() + b[1:] + "." for b in bits)


def _header(rng, patient, study, name, dob, exam) -> list:
  """Identity lines most report systems print above the text (PHI for the scrubber)."""
  if rng.random() >= 0.85:
    return []
  lines = [pick(rng, [
      f"Patient: {name}   MRN: {patient['mrn']}   DOB: {dob}",
      f"Name: {name} (MRN {patient['mrn']}), born {dob}",
      f"{name} / ID {patient['mrn']} / Acc# {study['accession']}",
  ])]
  if rng.random() < 0.6:
    lines.append(f"Accession: {study['accession']}   Exam date: {exam}")
  if rng.random() < 0.5:
    lines.append(f"Referring physician: Dr. {study['referring_last']}")
  return lines + [""]


def _preamble(rng, patient, study, proto, has_lge) -> list:
  """Title, indication, technique and comparison lines."""
  lines = [pick(rng, ["CARDIAC MRI", "CMR REPORT", "MRI HEART WITH AND WITHOUT CONTRAST", "Cardiac MR"])]
  hist = pick(rng, INDICATIONS)
  if rng.random() < 0.3:
    title = pick(rng, ["Mr." if patient["sex"] == "M" else "Ms.", "Patient"])
    hist = f"{title} {patient['last']}, {patient['age_years']} years. " + hist
  lines.append(f"{pick(rng, ['INDICATION', 'CLINICAL HISTORY', 'History'])}: {hist}")
  lines.append(f"TECHNIQUE: Cine SSFP imaging in short-axis and long-axis planes at {proto['field_strength']:.1f}T"
               + (", followed by late gadolinium enhancement imaging." if has_lge else "."))
  if study.get("prior_cmr"):  # a follow-up: readers cite the earlier study by its date
    lines.append(f"COMPARISON: Cardiac MRI of {fmt_date(study['prior_cmr'], int(rng.integers(7)))}.")
  elif rng.random() < 0.25:
    echo = f"Echocardiogram dated {fmt_date(study['prior_date'], int(rng.integers(6)))}."
    lines.append(f"COMPARISON: {pick(rng, ['None.', echo])}")
  return lines + [""]


def write_report(rng, patient, study, h, vol, fx, proto, has_lge, extra=((), ())) -> tuple:
  """(report text, list of the PHI strings that appear in it). extra: (findings sentences,
  impression bits) of the mapping / T2w / perfusion series (synth/maps.py)."""
  first, last = patient["first"], patient["last"]
  name = pick(rng, [f"{last.upper()}, {first.upper()}", f"{first} {last}", f"{last}, {first}",
                    f"{first.lower()} {last.lower()}"])
  dob = fmt_date(patient["birth_date"], int(rng.integers(7)))
  exam = fmt_date(study["date"], int(rng.integers(7)))
  lines = _header(rng, patient, study, name, dob, exam) + _preamble(rng, patient, study, proto, has_lge)
  blocks = [_lv_sentences(rng, vol, fx, patient["bsa"], h), [_rv_sentence(rng, vol, fx)],
            [_lge_sentence(rng, h, fx, has_lge)]]
  blocks += [[pick(rng, o)] for o in OTHER if rng.random() < 0.6] + ([list(extra[0])] if extra[0] else [])
  order = rng.permutation(len(blocks) - 1) + 1  # LV first, as readers usually do
  sents = blocks[0] + [s for k in order for s in blocks[k]]
  lines += ["FINDINGS:", " ".join(sents) if rng.random() < 0.5 else "\n".join(sents), ""]
  lines += ["IMPRESSION:", _impression(rng, h, vol, fx, has_lge, extra[1]), ""]
  doc = f"{pick(rng, FIRST)} {pick(rng, LAST)}"
  lines.append(pick(rng, [f"Reported by Dr. {doc} on {exam}.", f"Electronically signed: {doc}, MD  {exam}",
                          f"Dictated by Dr. {doc.split()[1]}."]))
  text = "\n".join(lines).strip() + "\n"
  # What of the identity made it into this text (the options above use it unevenly).
  dates = [fmt_date(d, k) for d in (study["prior_date"], study.get("prior_cmr") or study["prior_date"])
           for k in range(7)]
  candidates = [name, patient["mrn"], dob, study["accession"], exam, study["referring_last"], last, doc,
                doc.split()[1]] + dates
  return text, sorted({c for c in candidates if c in text}, key=candidates.index)


def draw_patient(rng) -> dict:
  """Fake identity: name, MRN, birth date, sex, body size (all invented)."""
  sex = "F" if rng.random() < 0.45 else "M"
  first, last = pick(rng, FIRST_F if sex == "F" else FIRST_M), pick(rng, LAST)
  year = int(rng.integers(1940, 2002))
  birth = f"{year}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
  height = float(rng.normal(176 if sex == "M" else 163, 7))
  weight = float(np.clip(rng.normal(84 if sex == "M" else 70, 13), 45, 140))
  return {
      "first": first, "last": last, "dicom_name": f"{last.upper()}^{first.upper()}", "sex": sex,
      "mrn": pick(rng, [f"{int(rng.integers(10 ** 6, 10 ** 7))}", f"MRN{int(rng.integers(10 ** 7, 10 ** 8))}",
                        f"{int(rng.integers(10 ** 7, 10 ** 8))}"]),
      "birth_date": birth, "height": round(height, 1), "weight": round(weight, 1),
      "bsa": math.sqrt(height * weight / 3600),
  }
