"""Reports: CSV, JSONL or DICOM SR -> {StudyInstanceUID: text}, keeping findings + impression.

Bad rows (not UTF-8, no study id, duplicates, unreadable lines) come back as reject
records with the row number, never the text: a report may hold PHI.
"""

import csv
import io
import json
import re

# Sections kept for training; everything else (history, indication, technique...) is dropped
# because it is mostly not about the images and is where identifiers tend to sit.
_KEEP = {"findings": "Findings", "finding": "Findings", "impression": "Impression", "impressions": "Impression",
         "conclusion": "Impression", "conclusions": "Impression", "summary": "Impression", "opinion": "Impression"}
_OTHER = ("history", "clinical history", "indication", "indications", "technique", "comparison", "procedure",
          "clinical information", "clinical details", "reason for exam", "reason for study", "reason for referral",
          "addendum", "protocol", "contrast", "signature", "signed", "patient", "exam", "examination")
_HEADER = re.compile(r"(?i)(?:^|(?<=[\n.;]))\s*(" + "|".join(sorted(map(re.escape, list(_KEEP) + list(_OTHER)),
                                                                   key=len, reverse=True)) + r")\s*:")
_UID_KEYS = ("study_uid", "StudyInstanceUID", "study_instance_uid")
_TEXT_KEYS = ("report", "text", "report_text")


def keep_sections(text: str) -> str:
  """Findings and impression sections, in that order; the whole text if it has no headers."""
  marks = list(_HEADER.finditer(text))
  if not marks:
    return " ".join(text.split())
  parts = {"Findings": [], "Impression": []}
  for m, nxt in zip(marks, marks[1:] + [None]):
    name = _KEEP.get(m.group(1).lower())
    body = " ".join(text[m.end():nxt.start() if nxt else len(text)].split())
    if name and body:
      parts[name].append(body)
  return "\n".join(f"{k}: {' '.join(v)}" for k, v in parts.items() if v)


def valid_text(s) -> bool:
  return isinstance(s, str) and not any("\udc80" <= c <= "\udcff" or c == "\ufffd" for c in s)


def load_table(path: str) -> tuple:
  """CSV (columns study_uid, report) or JSONL ({"study_uid", "report"} per line).

  Returns ({study_uid: {'row', 'text'}}, rejects [{'kind': 'report', 'row', 'reason'}], rows read).
  """
  with open(path, "rb") as f:
    data = f.read().decode("utf-8", errors="surrogateescape")
  if path.lower().endswith((".jsonl", ".json", ".ndjson")):
    rows = _jsonl_rows(data)
  else:
    rows = _csv_rows(data)
  out, rejects, n = {}, [], 0
  for row_no, row in rows:
    n += 1
    reason = None
    if isinstance(row, str):
      reason = row
    else:
      uid = next((str(row[k]).strip() for k in _UID_KEYS if row.get(k)), "")
      text = next((row[k] for k in _TEXT_KEYS if row.get(k) is not None), None)
      if not uid:
        reason = "no study_uid"
      elif not valid_text(uid) or not valid_text(text or ""):
        reason = "report text is not valid UTF-8"
      elif uid in out:
        reason = "duplicate report for a study (first one kept)"
      else:
        out[uid] = {"row": row_no, "text": text or ""}
    if reason:
      rejects.append({"kind": "report", "row": row_no, "reason": reason})
  return out, rejects, n


def _csv_rows(data):
  reader = csv.DictReader(io.StringIO(data, newline=""))
  for i, row in enumerate(reader):
    yield i + 2, row  # row 1 is the header


def _jsonl_rows(data):
  for i, line in enumerate(data.splitlines()):
    if not line.strip():
      continue
    try:
      row = json.loads(line)
      yield i + 1, row if isinstance(row, dict) else "JSON line is not an object"
    except ValueError:
      yield i + 1, "unreadable JSON line (or not UTF-8)"


def sr_text(ds) -> str:
  """Text of a DICOM Structured Report: TEXT items under their concept names ('Findings: ...')."""
  lines = []

  def walk(items):
    for item in items or []:
      name = item.get("ConceptNameCodeSequence")
      label = str(name[0].get("CodeMeaning", "")) if name else ""
      if item.get("ValueType") == "TEXT" and item.get("TextValue"):
        lines.append(f"{label}: {item.TextValue}" if label else str(item.TextValue))
      elif item.get("ValueType") == "CONTAINER" and label and _KEEP.get(label.lower()):
        lines.append(f"{label}:")
      walk(item.get("ContentSequence"))
  walk(ds.get("ContentSequence"))
  return "\n".join(lines)
