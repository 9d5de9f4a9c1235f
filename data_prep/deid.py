"""De-identification: keyed ids and report-text scrubbing (docs/design.md, "De-identification").

Ids are HMAC-SHA256 of a UID under an operator key that never reaches the output. Report
text loses every span that presidio's NER and pattern recognisers (data_prep/phi_ner.py), the
header's own values or the Safe Harbor rules (data_prep/phi_rules.py) mark as PHI, each replaced
by its placeholder (`PLACEHOLDERS`).
"""

import hashlib
import hmac
import os
import secrets

from pydicom.multival import MultiValue

from data_prep import phi_ner
from data_prep.errors import UserError
from data_prep.phi_ner import DEFAULT_NER
from data_prep.text import PLACEHOLDERS

KEY_ENV = "CMR_CLIP_DEID_KEY"
# Bump when the scrubbing rules below change what reaches a record (manifest provenance says which ran).
DEID_VERSION = 8
_NAMED = ("[NAME]", "[LOCATION]", "[HOSPITAL]")
_NAME_JOINS = ("s/o", "d/o", "w/o")  # 'Kavitha d/o Selvam' is one name

_NAME_FIELDS = ("PatientName", "OtherPatientNames", "PatientMotherBirthName", "ReferringPhysicianName",
                "PerformingPhysicianName", "OperatorsName", "NameOfPhysiciansReadingStudy", "PhysiciansOfRecord",
                "RequestingPhysician", "ScheduledPerformingPhysicianName")
_ID_FIELDS = ("PatientID", "OtherPatientIDs", "AccessionNumber", "StudyID", "MedicalRecordLocator",
              "IssuerOfPatientID")
_DATE_FIELDS = ("PatientBirthDate", "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate")
_PLACE_FIELDS = ("InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName", "PatientAddress",
                 "ReferringPhysicianAddress", "StationName")
_PHONE_FIELDS = ("PatientTelephoneNumbers", "ReferringPhysicianTelephoneNumbers")


def resolve_key(key_file, out_dir: str) -> tuple:
  """The HMAC key: from `key_file`, else $CMR_CLIP_DEID_KEY, else a new random key saved
  next to (never inside) `out_dir`. Returns (key bytes, where it came from)."""
  out_abs = os.path.abspath(out_dir)
  path = key_path(key_file, out_dir)
  if path is None:
    return os.environ[KEY_ENV].encode(), f"${KEY_ENV}"
  if path == out_abs or path.startswith(out_abs + os.sep):
    raise UserError(f"--key-file {key_file} is inside --out: the key must never be shared with the data")
  if os.path.exists(path):
    with open(path, "rb") as f:
      key = f.read().strip()
    if len(key) < 16:
      raise UserError(f"key file {path} holds fewer than 16 bytes")
    return key, path
  os.makedirs(os.path.dirname(path), exist_ok=True)
  key = secrets.token_hex(32).encode()
  fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
  with os.fdopen(fd, "wb") as f:
    f.write(key + b"\n")
  os.replace(path + ".tmp", path)
  return key, f"{path} (new random key: keep it to reproduce ids and splits)"


def key_path(key_file, out_dir: str):
  """The key file `resolve_key` reads or creates (absolute), or None when the key is $CMR_CLIP_DEID_KEY."""
  if key_file is None and os.environ.get(KEY_ENV):
    return None
  return os.path.abspath(key_file) if key_file else os.path.abspath(out_dir).rstrip(os.sep) + ".deid.key"


def hmac_id(key: bytes, kind: str, value: str) -> str:
  """Keyed pseudonym of a UID: 32 hex chars, stable for a fixed key."""
  return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def unit_interval(key: bytes, kind: str, value: str) -> float:
  """Keyed uniform number in [0, 1) (split assignment)."""
  return int(hmac_id(key, kind, value)[:13], 16) / float(16 ** 13)


def header_phi(ds) -> dict:
  """The study's own PHI strings from a DICOM header: {'names', 'ids', 'dates', 'places', 'phones'}."""
  def values(fields):
    out = []
    for f in fields:
      v = ds.get(f)
      items = list(v) if isinstance(v, MultiValue) else [] if v is None else [v]
      out.extend(str(x).strip() for x in items if str(x).strip())
    return out
  return {"names": values(_NAME_FIELDS), "ids": values(_ID_FIELDS), "dates": values(_DATE_FIELDS),
          "places": values(_PLACE_FIELDS), "phones": values(_PHONE_FIELDS)}


def merge_phi(a: dict, b: dict) -> dict:
  return {k: sorted(set(a.get(k, [])) | set(b.get(k, []))) for k in set(a) | set(b)}


def add_ner_argument(p) -> None:
  p.add_argument("--deid-ner", default=DEFAULT_NER,
                 help="NER model of the report de-identifier: spacy:PACKAGE_OR_DIR, hf:LOCAL_DIR (a token-"
                      "classification model) or none (default %(default)s; README, 'De-identification')")


def find_phi(text: str, phi: dict = None, ner: str = DEFAULT_NER) -> list:
  """Sorted, non-overlapping [(start, end, placeholder)] of the PHI in `text`: presidio's finds
  (less the clinical words it takes for people and places), the rules and the header's own values."""
  # Imported here: compiling the rules takes ~0.15 s, and convert's main process (ids only) never scrubs.
  from data_prep import phi_rules
  found = []
  for start, end, tag in phi_ner.ner_spans(text, ner):
    if tag not in _NAMED + ("[OTHER]",):  # presidio's patterns (phone, e-mail, URL, IP...) stand as found,
      if not phi_rules.is_measurement(text, start, end):  # unless they are numbers with a unit: '3.4 / 3.6 cm'
        found.append((start, end, tag))
      continue
    found_by = "org" if tag == "[OTHER]" else "ner"
    found += [(s, e, tag) for s, e in phi_rules.trim(text, start, end, found_by)
              if not phi_rules.is_clinical(text, s, e, found_by)]
  found += [(s, phi_rules.cut_at_acronym(text, s, e) if tag == "[NAME]" else e, tag) for s, e, tag in phi_rules.pattern_spans(text)
            if tag not in _NAMED or not (phi_rules.is_clinical(text, s, e, "rule") or tag == "[NAME]" and phi_rules.plain_words(text, s, e))]
  found += phi_rules.ocr_spans(text)
  phi = phi or {}
  spans = _merge(text, found + phi_rules.header_spans(text, phi))
  for _ in range(4):  # 'Main Street, Oughterard, Co. Galway': each place may be followed by another
    spans = _merge(text, spans + phi_rules.following_spans(text, spans))
  spans = _merge(text, spans + phi_rules.repeated_spans(text, spans))
  spans = _merge(text, spans + phi_rules.around_names(text, spans))
  spans = _merge(text, spans + phi_rules.table_spans(text, spans))
  spans = _merge(text, spans + phi_rules.initials_of_names(text, spans))
  return _merge(text, spans + phi_rules.initials_after_names(text, spans, phi))


def scrub(text: str, phi: dict = None, ner: str = DEFAULT_NER) -> str:
  """`text` with each PHI span replaced by its placeholder ('[NAME]', '[DATE]', ...)."""
  out, at = [], 0
  for start, end, tag in find_phi(text, phi, ner):
    out += [text[at:start], tag]
    at = end
  return "".join(out + [text[at:]])


def _merge(text: str, spans: list) -> list:
  """Overlapping spans become one, named by the longest (or the more specific); same-tag spans with only spaces or
  commas between them too ('[NAME], [NAME]' reads as one name), and names joined by 's/o', 'd/o' ('son of')."""
  out = []
  for start, end, tag in sorted(spans, key=lambda s: (s[0], -s[1])):
    gap = text[out[-1][1]:start].strip(" ,") if out else ""
    if out and (start < out[-1][1] or (tag == out[-1][2] and (not gap or tag == "[NAME]" and gap.lower() in _NAME_JOINS))):
      s0, e0, t0 = out[-1]
      longer = min((tag, t0), key=lambda t: PLACEHOLDERS.index(t)) if end - start == e0 - s0 else \
          tag if end - start > e0 - s0 else t0
      out[-1] = (s0, max(e0, end), longer)
    else:
      out.append((start, end, tag))
  return out
