"""`cmr-clip deid-reports`: the reports table with every report de-identified, for a data steward
to audit what the de-identifier does before anything is trained.

  cmr-clip deid-reports --reports reports.csv --out reports.deid.csv [--dicom DIR] [--sections]
                        [the reports-table flags of convert: --study-column, --report-column, --match...]

One row out per row in, same columns, in the same format (CSV or JSONL, by the --out name); the
report cell becomes what `convert` would store: the same `deid.scrub`, with each study's DICOM
header values when --dicom is given, and with --sections cut first to the sections convert keeps.
A row whose report cannot be read gets an empty report cell; its number and reason (never its
text) go to OUT.rejects.jsonl.
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import sys

import pydicom

from data_prep import deid, dicom_io, fileio, phi_ner, reports
from data_prep.errors import UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
  p.add_argument("--reports", required=True, help="reports table: CSV or JSONL, read as convert reads it")
  p.add_argument("--out", required=True, help="de-identified table to write (.csv or .jsonl)")
  p.add_argument("--dicom", help="folder of the studies' DICOM files: their header names, ids, dates and places "
                                 "are removed from their reports too, as convert does")
  p.add_argument("--sections", action="store_true", help="cut each report to the sections convert keeps "
                                                          "(findings, impression) before de-identifying")
  deid.add_ner_argument(p)
  reports.add_table_arguments(p)  # --report-policy is accepted but moot: every row is written


def run(args) -> int:
  _check_args(args)
  opts = reports.table_options(args)
  columns, rows = reports.read_rows(args.reports, opts["encoding"], opts["delimiter"])
  key_col, text_col = reports.find_columns(columns, opts["study_column"], opts["report_column"], opts["match"],
                                           args.reports)
  header_phi = _header_phi_by_study(args.dicom, opts["match"]) if args.dicom else {}
  out_rows, rejects, tags = [], [], collections.Counter()
  for row_no, row in rows:
    if isinstance(row, str):
      out_rows.append(dict.fromkeys(columns, ""))
      rejects.append({"row": row_no, "reason": row})
      continue
    row = {c: row.get(c, "") for c in columns}
    text = row.get(text_col) or ""
    if not reports.valid_text(text) or not all(reports.valid_text(str(v)) for v in row.values()):
      row = {c: ("" if not reports.valid_text(str(v)) or c == text_col else v) for c, v in row.items()}
      rejects.append({"row": row_no, "reason": f"not valid {opts['encoding']}"})
    else:
      if args.sections:
        text = reports.keep_sections(text)
      phi = header_phi.get(str(row.get(key_col) or "").strip(), {})
      row[text_col] = deid.scrub(text, phi, args.deid_ner)
      tags.update(re.findall(r"\[[A-Z>0-9]+\]", row[text_col]))
    out_rows.append(row)
  _write_table(args.out, columns, out_rows)
  fileio.write_atomic(args.out + ".rejects.jsonl", "".join(json.dumps(r) + "\n" for r in rejects))
  summary = {"rows": len(rows), "rejected": len(rejects), "placeholders": dict(sorted(tags.items())),
             "header_studies": len(header_phi), "deid_ner": args.deid_ner, "out": args.out}
  print(f"deid-reports: {len(rows)} rows written to {args.out} ({len(rejects)} with an unreadable report, see "
        f"{args.out}.rejects.jsonl)", file=sys.stderr)
  print(json.dumps(summary))
  return 0


def _check_args(args) -> None:
  if not os.path.isfile(args.reports):
    raise UserError(f"--reports {args.reports} is not a file")
  if args.dicom and not os.path.isdir(args.dicom):
    raise UserError(f"--dicom {args.dicom} is not a folder")
  if os.path.abspath(args.out) == os.path.abspath(args.reports):
    raise UserError("--out must not overwrite --reports")
  if not os.path.isdir(os.path.dirname(os.path.abspath(args.out))):
    raise UserError(f"--out {args.out}: its folder does not exist")
  phi_ner.check_ner(args.deid_ner)


def _header_phi_by_study(root: str, match: str) -> dict:
  """{StudyInstanceUID, or AccessionNumber with match='accession': header PHI of all the study's
  files} (unreadable files are skipped: they hold no header values to remove)."""
  out = {}
  for rel in dicom_io.walk(root):
    keys = dicom_io.scan_file(root, rel)
    if "study" not in keys:
      continue
    try:
      ds = pydicom.dcmread(os.path.join(root, rel), stop_before_pixels=True)
    except Exception:  # scan_file found a study UID, but the full header does not parse
      continue
    key = str(ds.get("AccessionNumber", "") or "").strip() if match == "accession" else keys["study"]
    out[key] = deid.merge_phi(out.get(key, {}), deid.header_phi(ds))
  return out


def _write_table(path: str, columns: list, rows: list) -> None:
  if path.lower().endswith((".jsonl", ".json", ".ndjson")):
    fileio.write_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return
  buf = io.StringIO(newline="")
  writer = csv.DictWriter(buf, fieldnames=columns)
  writer.writeheader()
  writer.writerows(rows)
  fileio.write_atomic(path, buf.getvalue())
