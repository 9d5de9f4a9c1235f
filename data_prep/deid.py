"""De-identification: keyed ids and report-text scrubbing (docs/design.md, "De-identification").

Ids are HMAC-SHA256 of a UID under an operator key that never reaches the output. Report
text loses the header's own PHI values in their common spellings, then anything that looks
like a date, a record number, a phone number or a titled name, replaced by `[NAME]`,
`[DATE]`, `[ID]`, `[PHONE]`.
"""

import hashlib
import hmac
import os
import re
import secrets

from pydicom.multival import MultiValue

from data_prep.errors import UserError

KEY_ENV = "CMR_CLIP_DEID_KEY"
# Bump when the scrubbing rules below change what reaches a record (manifest provenance says which ran).
DEID_VERSION = 1

_NAME_FIELDS = ("PatientName", "OtherPatientNames", "PatientMotherBirthName", "ReferringPhysicianName",
                "PerformingPhysicianName", "OperatorsName", "NameOfPhysiciansReadingStudy", "PhysiciansOfRecord",
                "RequestingPhysician", "ScheduledPerformingPhysicianName")
_ID_FIELDS = ("PatientID", "OtherPatientIDs", "AccessionNumber", "StudyID", "MedicalRecordLocator",
              "IssuerOfPatientID")
_DATE_FIELDS = ("PatientBirthDate", "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate")
_PLACE_FIELDS = ("InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName", "PatientAddress",
                 "ReferringPhysicianAddress", "StationName")
_PHONE_FIELDS = ("PatientTelephoneNumbers", "ReferringPhysicianTelephoneNumbers")

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS = [  # order matters: phones before long digit runs, dates before ids
    ("[PHONE]", r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\b\d{3,5}[\s.-])\d{3,4}[\s.-]\d{3,4}\b"),
    ("[PHONE]", r"\+\d{1,3}(?:[\s.-]\d{2,5}){2,4}\b"),
    ("[DATE]", r"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b"),
    ("[DATE]", r"\b\d{1,4}([./-])\d{1,2}\1\d{2,4}\b"),
    ("[DATE]", rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}\b"),
    ("[DATE]", rf"\b{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{2,4}}\b"),
    ("[DATE]", rf"\b{_MONTH}\s+(?:19|20)\d{{2}}\b"),
    ("[NAME]", r"(?i:\b(?:dr|doctor|prof|professor|mr|mrs|ms|miss|mx|sister|nurse)\b)\.?\s+(?:[A-Za-z]\.\s*)*"
               r"[A-Za-z][A-Za-z'\-]+(?:\s+[A-Z][a-z'\-]+)?"),
    ("[NAME]", r"(?i:\b(?:(?:electronically\s+)?signed(?:\s+by)?|(?:reported|dictated|verified|reviewed|approved|read|"
               r"transcribed|signed|authori[sz]ed)\s+by|radiologist|reporter|consultant|physician)\s*:?)\s*"
               r"(?:[A-Za-z]\.\s*)*[A-Za-z][A-Za-z'\-]+(?:,?\s+(?:[A-Za-z]\.\s*)*[A-Za-z][A-Za-z'\-]+)?"),
    ("[NAME]", r"(?i:\b(?:patient|pt|name)(?:\s+name)?\s*:)\s*[A-Za-z][A-Za-z'\-]+(?:,?\s+[A-Za-z][A-Za-z'\-.]+){0,2}"),
    ("[ID]", r"(?i:\b(?:mrn|mr\s?#|mr\s?no|hospital\s+(?:no|number)|nhs\s+(?:no|number)|accession(?:\s+(?:no|number))?|"
             r"acc\s?#|patient\s+id|id)\b)\s*[:#.]?\s*[A-Za-z0-9][A-Za-z0-9\-/]{2,}"),
    ("[ID]", r"\b[A-Za-z]{0,3}\d{6,}\b"),
]
_COMPILED = [(tag, re.compile(p)) for tag, p in _PATTERNS]
_REPEATS = re.compile(r"\[(NAME|ID|DATE|PHONE)\](?:[\s,]*\[\1\])+")


def resolve_key(key_file, out_dir: str) -> tuple:
  """The HMAC key: from `key_file`, else $CMR_CLIP_DEID_KEY, else a new random key saved
  next to (never inside) `out_dir`. Returns (key bytes, where it came from)."""
  out_abs = os.path.abspath(out_dir)
  if key_file is None and os.environ.get(KEY_ENV):
    return os.environ[KEY_ENV].encode(), f"${KEY_ENV}"
  path = os.path.abspath(key_file) if key_file else out_abs.rstrip(os.sep) + ".deid.key"
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


def scrub(text: str, phi: dict) -> str:
  """Report text with the header's PHI values and PHI-like patterns replaced by tags."""
  for pattern, tag in _value_patterns(phi):
    text = pattern.sub(tag, text)
  for tag, pattern in _COMPILED:
    text = pattern.sub(_keep_label(tag), text)
  return _REPEATS.sub(lambda m: f"[{m.group(1)}]", text)


def _keep_label(tag):
  """Replacement that keeps an 'MRN:' style label before an [ID] tag (it is not PHI)."""
  def sub(m):
    s = m.group(0)
    label = re.match(r"(?i)(mrn|accession|patient id|hospital number|nhs number|id)\b\s*[:#.]?\s*", s)
    return (label.group(0) if label and tag == "[ID]" else "") + tag
  return sub


def _value_patterns(phi: dict) -> list:
  out = []
  for value in phi.get("places", []):  # before names: 'St Mary Hospital' must go as a whole
    if len(value.strip()) >= 3:
      out.append((re.compile(_loose(value.strip()), re.I), "[NAME]"))
  for value in phi.get("ids", []):
    alnum = re.sub(r"[^A-Za-z0-9]", "", value)
    if len(alnum) >= 3:
      spaced = r"[\s\-./]?".join(map(re.escape, alnum))  # with or without separators
      out.append((re.compile(r"(?<![A-Za-z0-9])" + spaced + r"(?![A-Za-z0-9])", re.I), "[ID]"))
  for value in phi.get("phones", []):
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6:
      out.append((re.compile(r"[\s\-./()]*".join(digits)), "[PHONE]"))
  for value in phi.get("dates", []):
    out.extend((p, "[DATE]") for p in _date_patterns(value))
  for value in phi.get("names", []):
    out.extend((p, "[NAME]") for p in _name_patterns(value))
  return out


def _loose(value: str) -> str:
  """Regex for a phrase with any run of spaces/punctuation between its words."""
  words = re.findall(r"[A-Za-z0-9']+", value)
  return r"\b" + r"[\s,.\-^]+".join(map(re.escape, words)) + r"\b"


def _name_patterns(value: str) -> list:
  """A DICOM person name 'Family^Given^Middle^Prefix^Suffix' in its common spellings: each
  name word on its own (covers 'Last, First' and 'First Last'), and the initials."""
  parts = [re.findall(r"[A-Za-z][A-Za-z'\-]*", p) for p in re.split(r"[\^=]", value)[:3]]
  words = [w for p in parts for w in p]
  pats = [re.compile(r"\b" + re.escape(w) + r"\b", re.I) for w in words if len(w) >= 2]
  family, given, middle = [(p[0][0] if p else "") for p in parts + [[]] * (3 - len(parts))]
  sequences = ((given, middle, family), (family, given, middle), (given, family), (family, given))
  sequences = [[c.upper() for c in seq if c] for seq in sequences]
  sequences = [seq for seq in sequences if len(seq) >= 2]
  # Upper-case initials with their dots ('J.S.', 'J. S.'), longest first: bare 'to' or 'TO'
  # in clinical text must survive a patient named Tom O'Neill.
  pats += [re.compile(r"\b" + r"\.\s?".join(seq) + r"\.?(?![A-Za-z])") for seq in sequences]
  # Bare initials ('AK') only right after a scrubbed name ('[NAME], AK').
  pats += [re.compile(r"(?:(?<=\[NAME\], )|(?<=\[NAME\] ))" + "".join(seq) + r"\b") for seq in sequences]
  # An initial next to a scrubbed name ('J. [NAME]') is part of it.
  pats.append(re.compile(r"\b[A-Za-z]\.\s*(?=\[NAME\])"))
  return pats


def _date_patterns(value: str) -> list:
  """A DICOM DA 'YYYYMMDD' in numeric and written-out forms, with and without zero padding."""
  m = re.fullmatch(r"\s*(\d{4})-?(\d{2})-?(\d{2})\s*", value)
  if not m:
    return []
  y, mo, d = m.groups()
  mi, di = int(mo), int(d)
  if not (1 <= mi <= 12 and 1 <= di <= 31):
    return []
  days, months, years = {d, str(di)}, {mo, str(mi)}, {y, y[2:]}
  alts, num = [], []
  for dd in days:
    for mm in months:
      for yy in years:
        num += [rf"{dd}[./\-\s]{mm}[./\-\s]{yy}", rf"{mm}[./\-\s]{dd}[./\-\s]{yy}"]
      num += [rf"{y}[./\-\s]?{mm}[./\-\s]?{dd}"]
  month_name = _MONTHS[mi - 1]
  mon = rf"(?:{month_name}|{month_name[:3]}\.?)"
  for dd in days:
    alts += [rf"{dd}{_ORD}\s+(?:of\s+)?{mon},?\s+{y}", rf"{mon}\s+{dd}{_ORD},?\s+{y}"]
  return [re.compile(r"(?<!\d)(?:" + "|".join(num + alts) + r")(?!\d)", re.I)]
