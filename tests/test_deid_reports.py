"""`cmr-clip deid-reports`: the audit copy of the reports table, de-identified as convert does."""

import csv
import json

import numpy as np

from cmr_clip_jax import cli
from data_prep import deid, reports
from dicom_factory import mr_image

REPORTS = [
    ("1.2.3.1", "Exam 5 March 2024. FINDINGS: Moderate MR with a central jet. IMPRESSION: DCM. Signed: José Muñoz, MD", "a"),
    ("1.2.3.2", "HISTORY: Mrs Zoë Adams, 92-year-old.\nFINDINGS: Severe MS. LVEF 31% by Simpson's method.", "b"),
    ("1.2.3.3", "Findings: normal. adams z. tolerated the scan well (zoe adams).", "c"),
]


def _write_csv(path, rows, extra_bytes=b""):
  with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["study_uid", "report", "site"])
    w.writerows(rows)
  with open(path, "ab") as f:
    f.write(extra_bytes)


def _read_csv(path):
  with open(path, newline="", encoding="utf-8") as f:
    return list(csv.reader(f))


def test_one_row_out_per_row_in_same_columns_same_scrub(tmp_path):
  src, out = str(tmp_path / "reports.csv"), str(tmp_path / "reports.deid.csv")
  _write_csv(src, REPORTS, b'1.2.3.4,"caf\xe9 \xff bytes",d\n')
  assert cli.main(["deid-reports", "--reports", src, "--out", out]) == 0
  rows = _read_csv(out)
  assert rows[0] == ["study_uid", "report", "site"] and len(rows) == 1 + 4
  assert [r[0] for r in rows[1:]] == ["1.2.3.1", "1.2.3.2", "1.2.3.3", "1.2.3.4"]
  assert [r[2] for r in rows[1:3]] == ["a", "b"]
  for (_, text, _), row in zip(REPORTS, rows[1:]):
    assert row[1] == deid.scrub(text, {})  # the function convert calls, no header given
  assert "Moderate MR with a central jet" in rows[1][1] and "Muñoz" not in rows[1][1] and "[DATE]" in rows[1][1]
  assert "Severe MS. LVEF 31% by Simpson's method." in rows[2][1] and "[AGE>89]" in rows[2][1]
  assert rows[4][1] == ""  # an unreadable report is never copied through
  with open(out + ".rejects.jsonl") as f:
    assert [json.loads(line) for line in f] == [{"row": 5, "reason": "not valid utf-8"}]


def test_header_values_and_sections_as_convert(tmp_path):
  dicom = tmp_path / "dicom"
  dicom.mkdir()
  ds = mr_image(np.zeros((4, 4), np.uint16), StudyInstanceUID="1.2.3.3", PatientName="ADAMS^ZOË",
                PatientID="MRN123")
  ds.save_as(str(dicom / "a.dcm"), enforce_file_format=True)
  src, out = str(tmp_path / "r.jsonl"), str(tmp_path / "r.deid.jsonl")
  with open(src, "w", encoding="utf-8") as f:
    for uid, text, site in REPORTS:
      f.write(json.dumps({"study_uid": uid, "report": text, "site": site}) + "\n")
  assert cli.main(["deid-reports", "--reports", src, "--out", out, "--dicom", str(dicom), "--sections"]) == 0
  with open(out, encoding="utf-8") as f:
    rows = [json.loads(line) for line in f]
  assert [r["site"] for r in rows] == ["a", "b", "c"]
  third = rows[2]["report"]
  assert third == deid.scrub(reports.keep_sections(REPORTS[2][1]), deid.header_phi(ds))
  assert "adams" not in third.lower() and "zoe" not in third.lower() and third.startswith("Findings: normal.")
  assert "HISTORY" not in rows[1]["report"] and rows[1]["report"].startswith("Findings: Severe MS.")


def test_reads_the_table_as_convert_does(tmp_path):
  """convert's table flags: named columns, ';' and latin-1, header values matched by accession."""
  dicom = tmp_path / "dicom"
  dicom.mkdir()
  ds = mr_image(np.zeros((4, 4), np.uint16), StudyInstanceUID="1.2.9", AccessionNumber="ACC55", PatientName="LEFEVRE^ZOE")
  ds.save_as(str(dicom / "a.dcm"), enforce_file_format=True)
  src, out = str(tmp_path / "r.csv"), str(tmp_path / "r.deid.csv")
  with open(src, "wb") as f:
    f.write("acc;Befund;note\nACC55;Mme Lefèvre: LVEF 55 %, Zoe va bien;x\n".encode("latin-1"))
  assert cli.main(["deid-reports", "--reports", src, "--out", out, "--dicom", str(dicom), "--match", "accession",
                   "--study-column", "acc", "--report-column", "Befund", "--reports-encoding", "latin-1"]) == 0
  rows = _read_csv(out)
  assert rows[0] == ["acc", "Befund", "note"] and rows[1][0] == "ACC55" and rows[1][2] == "x"
  assert "Lefèvre" not in rows[1][1] and "Zoe" not in rows[1][1] and "LVEF 55 %" in rows[1][1]


def test_bad_command_is_one_line_and_exit_2(tmp_path, capsys):
  assert cli.main(["deid-reports", "--reports", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.csv")]) == 2
  src = str(tmp_path / "r.csv")
  _write_csv(src, REPORTS[:1])
  assert cli.main(["deid-reports", "--reports", src, "--out", src]) == 2
  assert cli.main(["deid-reports", "--reports", src, "--out", str(tmp_path / "o.csv"), "--deid-ner", "spacy:nope"]) == 2
  err = capsys.readouterr().err.strip().splitlines()
  assert len(err) == 3 and all(line.startswith("cmr-clip deid-reports: error:") for line in err)
