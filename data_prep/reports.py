"""Reports as hospitals export them: CSV (BOM or not, any declared encoding, , ; or tab),
JSONL or DICOM SR -> {study key: text}, keeping findings + impression.

Columns are found by name (flags or common aliases); rows match studies by StudyInstanceUID
or AccessionNumber. Rows not used (undecodable, no key, several for one study, unknown
study) come back as reject records with the row number, never the text: a report may hold PHI.
"""

import csv
import io
import json
import re

from data_prep.errors import UserError

# Sections kept for training; everything else (history, indication, technique...) is dropped
# because it is mostly not about the images and is where identifiers tend to sit.
_KEEP = {"findings": "Findings", "finding": "Findings", "impression": "Impression", "impressions": "Impression",
         "conclusion": "Impression", "conclusions": "Impression", "summary": "Impression", "opinion": "Impression"}
_OTHER = ("history", "clinical history", "indication", "indications", "technique", "comparison", "procedure",
          "clinical information", "clinical details", "reason for exam", "reason for study", "reason for referral",
          "addendum", "protocol", "contrast", "signature", "signed", "patient", "exam", "examination")
_HEADER = re.compile(r"(?i)(?:^|(?<=[\n.;]))\s*(" + "|".join(sorted(map(re.escape, list(_KEEP) + list(_OTHER)),
                                                                   key=len, reverse=True)) + r")\s*:")
_STUDY_COLUMNS = ("study_uid", "StudyInstanceUID", "study_instance_uid")
_ACCESSION_COLUMNS = ("accession", "AccessionNumber", "accession_number")
_REPORT_COLUMNS = ("report", "text", "report_text", "ReportText")
_STATUS_COLUMNS = ("status", "report_status", "ReportStatus", "result_status")
_FINAL = ("final", "f", "signed", "verified", "approved")
POLICIES = ("reject", "final", "concat")


def keep_sections(text: str) -> str:
  """Impression and findings sections, in that order; the whole text if it has no headers.

  The impression comes first because a report longer than the stored token budget (convert
  --max-tokens, the text tower's max_len) is cut at its end: what goes is then the tail of
  the findings, not the reader's conclusion (in the synthetic reports the impression starts
  ~215 tokens in, past the 128 tokens an early recipe read, so no record carried it)."""
  marks = list(_HEADER.finditer(text))
  if not marks:
    return " ".join(text.split())
  parts = {"Impression": [], "Findings": []}
  for m, nxt in zip(marks, marks[1:] + [None]):
    name = _KEEP.get(m.group(1).lower())
    body = " ".join(text[m.end():nxt.start() if nxt else len(text)].split())
    if name and body:
      parts[name].append(body)
  return "\n".join(f"{k}: {' '.join(v)}" for k, v in parts.items() if v)


def valid_text(s) -> bool:
  return isinstance(s, str) and not any("\udc80" <= c <= "\udcff" or c == "\ufffd" for c in s)


def add_table_arguments(p) -> None:
  """The flags that say how to read a reports table (shared by every command that reads one)."""
  p.add_argument("--reports-encoding", default="utf-8",
                 help="text encoding of the reports table (default %(default)s; a UTF-8 BOM is always skipped), "
                      "e.g. latin-1, cp1252")
  p.add_argument("--reports-delimiter", choices=(",", ";", "tab"),
                 help="CSV delimiter (default: detected from the header line)")
  p.add_argument("--study-column", help="column holding the study key (default: the first of "
                                        f"{', '.join(_STUDY_COLUMNS)}; with --match accession: "
                                        f"{', '.join(_ACCESSION_COLUMNS)})")
  p.add_argument("--report-column", help=f"column holding the report text (default: the first of "
                                         f"{', '.join(_REPORT_COLUMNS)})")
  p.add_argument("--match", choices=("study_uid", "accession"), default="study_uid",
                 help="match report rows to studies by StudyInstanceUID or by AccessionNumber (default %(default)s)")
  p.add_argument("--report-policy", choices=POLICIES, default="reject",
                 help="several rows for one study: reject them all, keep the final one (status column "
                      f"{'/'.join(_STATUS_COLUMNS)}, else the last row), or concat them in row order "
                      "(default %(default)s)")


def table_options(args) -> dict:
  """The keyword arguments of `load_table` from parsed `add_table_arguments` flags."""
  return {"encoding": args.reports_encoding, "delimiter": {"tab": "\t"}.get(args.reports_delimiter,
                                                                           args.reports_delimiter),
          "study_column": args.study_column, "report_column": args.report_column, "match": args.match,
          "policy": args.report_policy}


def load_table(path: str, encoding: str = "utf-8", delimiter=None, study_column=None, report_column=None,
               match: str = "study_uid", policy: str = "reject") -> tuple:
  """A reports table: CSV (any of , ; tab) or JSONL, one row per report.

  Returns ({key: {'rows': [row numbers], 'text': str or None, 'reason': why None}}, rejects
  [{'kind': 'report', 'row', 'reason'}] of rows not used, rows read). key is the study's
  StudyInstanceUID, or its AccessionNumber with match='accession'. Raises UserError (before
  any other work) when the table cannot be read or lacks the needed columns.
  """
  columns, rows = read_rows(path, encoding, delimiter)
  key_col, text_col = find_columns(columns, study_column, report_column, match, path)
  status_col = None if _is_jsonl(path) else next((c for c in _STATUS_COLUMNS if c in columns), None)
  by_key, rejects, n = {}, [], 0
  for row_no, row in rows:
    n += 1
    reason = row if isinstance(row, str) else None
    if reason is None:
      key, text = str(row.get(key_col) or "").strip(), row.get(text_col)
      if not key:
        reason = f"no {key_col}"
      elif not valid_text(key) or not valid_text(text or ""):
        reason = f"report text is not valid {encoding}"
      elif not str(text or "").strip():
        reason = "empty report text"
      else:
        status = str(row.get(status_col) or "").strip().lower() if status_col else ""
        by_key.setdefault(key, []).append((row_no, str(text), status))
    if reason:
      rejects.append({"kind": "report", "row": row_no, "reason": reason})
  out = {}
  for key, entries in by_key.items():
    out[key], unused = _one_report(entries, policy, status_col is not None)
    rejects.extend({"kind": "report", "row": r, "reason": why} for r, why in unused)
  return out, rejects, n


def read_rows(path: str, encoding: str = "utf-8", delimiter=None) -> tuple:
  """Every row of a reports table as it is: (column names, [(row number, row dict, or the reason
  the row cannot be read)]). Undecodable bytes stay as surrogates (`valid_text` tells)."""
  try:
    with open(path, "rb") as f:
      data = f.read().decode(encoding, errors="surrogateescape")
  except LookupError:
    raise UserError(f"--reports-encoding {encoding}: unknown encoding") from None
  data = data.lstrip("\ufeff")
  if _is_jsonl(path):
    rows = list(_jsonl_rows(data))
    return _json_keys(rows), rows
  rows, columns = _csv_rows(data, delimiter)
  return columns, rows


def _is_jsonl(path: str) -> bool:
  return path.lower().endswith((".jsonl", ".json", ".ndjson"))


def _one_report(entries, policy, has_status) -> tuple:
  """Several rows of one study -> ({'rows', 'text', 'reason'}, [(row, reason) not used])."""
  rows = [r for r, _, _ in entries]
  if len(entries) == 1:
    return {"rows": rows, "text": entries[0][1], "reason": ""}, []
  if policy == "concat":
    return {"rows": rows, "text": "\n".join(t for _, t, _ in entries), "reason": ""}, []
  if policy == "final":
    finals = [e for e in entries if e[2] in _FINAL] if has_status else entries
    if finals:
      keep = finals[-1]
      return ({"rows": [keep[0]], "text": keep[1], "reason": ""},
              [(r, f"superseded by the final report (row {keep[0]})") for r in rows if r != keep[0]])
    why = f"none of {len(entries)} report rows of this study has a final status"
  else:
    why = f"{len(entries)} report rows for one study (--report-policy reject; final or concat would use them)"
  return {"rows": rows, "text": None, "reason": why}, [(r, why) for r in rows]


def find_columns(found, study_column, report_column, match, path) -> tuple:
  """(key column, text column) present in the table, or UserError naming found vs needed."""
  found = list(found or [])
  key_names = [study_column] if study_column else list(_ACCESSION_COLUMNS if match == "accession" else _STUDY_COLUMNS)
  text_names = [report_column] if report_column else list(_REPORT_COLUMNS)
  key = next((c for c in key_names if c in found), None)
  text = next((c for c in text_names if c in found), None)
  if key is None or text is None:
    shown = ", ".join(repr(c) for c in found[:12]) or "none"
    raise UserError(f"--reports {path}: found columns {shown}; need a study key column (one of "
                    f"{' / '.join(key_names)}) and a report column (one of {' / '.join(text_names)}); name them with "
                    "--study-column / --report-column, --match accession for AccessionNumber, or fix "
                    "--reports-delimiter / --reports-encoding")
  return key, text


def _csv_rows(data, delimiter) -> tuple:
  """([(row number, row dict)], header columns). The delimiter, unless given, is the one of
  , ; tab that occurs most in the header line."""
  header = data.split("\n", 1)[0]
  if not delimiter:
    delimiter = max((",", ";", "\t"), key=header.count)
  reader = csv.DictReader(io.StringIO(data, newline=""), delimiter=delimiter)
  columns = [c.strip() for c in (reader.fieldnames or [])]
  reader.fieldnames = columns
  return [(i + 2, row) for i, row in enumerate(reader)], columns  # row 1 is the header


def _json_keys(rows) -> list:
  keys = []
  for _, row in rows:
    if isinstance(row, dict):
      keys.extend(k for k in row if k not in keys)
  return keys


def _jsonl_rows(data):
  for i, line in enumerate(data.splitlines()):
    if not line.strip():
      continue
    try:
      row = json.loads(line)
      yield i + 1, row if isinstance(row, dict) else "JSON line is not an object"
    except ValueError:
      yield i + 1, "unreadable JSON line (or not in the declared encoding)"


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
