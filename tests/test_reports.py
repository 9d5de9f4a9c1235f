"""reports: tables as hospitals export them (BOM, encodings, delimiters, column names, several
rows per study), written byte by byte here the way Excel and PACS exports write them."""

import json

import pytest

from data_prep import reports
from data_prep.errors import UserError
from dicom_factory import write_file


def test_excel_utf8_bom_semicolons_and_other_column_names(tmp_path):
  text = "StudyInstanceUID;ReportText\r\n1.2.3;\"Findings: dilated LV; EF 30%.\"\r\n"
  path = write_file(tmp_path, "excel.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
  table, rejects, n = reports.load_table(path)
  assert n == 1 and not rejects and table["1.2.3"]["text"] == "Findings: dilated LV; EF 30%."


def test_latin1_needs_its_declared_encoding(tmp_path):
  path = write_file(tmp_path, "latin1.csv", "study_uid,report\n1.2,\"Fraction d'éjection réduite\"\n".encode("latin-1"))
  table, rejects, _ = reports.load_table(path)  # as UTF-8: the row is refused, never mangled
  assert table == {} and [r["reason"] for r in rejects] == ["report text is not valid utf-8"]
  table, rejects, _ = reports.load_table(path, encoding="latin-1")
  assert table["1.2"]["text"] == "Fraction d'éjection réduite" and not rejects


def test_tab_delimited_and_forced_delimiter(tmp_path):
  path = write_file(tmp_path, "t.tsv", b"study_uid\treport\n9.8\tLV normal, RV normal.\n")
  assert reports.load_table(path)[0]["9.8"]["text"] == "LV normal, RV normal."
  with pytest.raises(UserError):  # forced to commas, the header is one column named 'study_uid\treport'
    reports.load_table(path, delimiter=",")


def test_missing_columns_say_found_and_needed(tmp_path):
  path = write_file(tmp_path, "bad.csv", b"Accession,Befund\nA1,text\n")
  with pytest.raises(UserError) as e:
    reports.load_table(path)
  msg = str(e.value)
  assert "found columns 'Accession', 'Befund'" in msg and "study_uid" in msg and "report" in msg
  assert "\n" not in msg
  table, _, _ = reports.load_table(path, study_column="Accession", report_column="Befund")
  assert table["A1"]["text"] == "text"


def test_accession_matching_uses_accession_columns(tmp_path):
  path = write_file(tmp_path, "acc.csv", b"AccessionNumber,study_uid,report\nACC9,1.1,x\n")
  assert list(reports.load_table(path, match="accession")[0]) == ["ACC9"]
  assert list(reports.load_table(path)[0]) == ["1.1"]


def test_several_rows_per_study_follow_the_policy(tmp_path):
  path = write_file(tmp_path, "multi.csv", b"study_uid,status,report\n1.5,preliminary,draft\n1.5,final,signed text\n"
                                       b"1.5,addendum,late note\n1.6,final,only one\n")
  table, rejects, n = reports.load_table(path)  # default: reject, with the reason, every row of 1.5
  assert n == 4 and table["1.5"]["text"] is None and "3 report rows for one study" in table["1.5"]["reason"]
  assert sorted(r["row"] for r in rejects) == [2, 3, 4] and table["1.6"]["text"] == "only one"
  table, rejects, _ = reports.load_table(path, policy="final")
  assert table["1.5"] == {"rows": [3], "text": "signed text", "reason": ""}
  assert {r["row"]: r["reason"] for r in rejects} == {2: "superseded by the final report (row 3)",
                                                      4: "superseded by the final report (row 3)"}
  table, rejects, _ = reports.load_table(path, policy="concat")
  assert table["1.5"]["text"] == "draft\nsigned text\nlate note" and not rejects


def test_bad_rows_are_rejected_with_row_numbers(tmp_path):
  path = write_file(tmp_path, "r.csv", b'study_uid,report\n1.2,"ok text"\n1.3,"bad \xff\xfe bytes"\n,"no id"\n1.4,\n')
  table, rejects, n = reports.load_table(path)
  assert n == 4 and list(table) == ["1.2"]
  assert [(r["row"], r["reason"]) for r in rejects] == [(3, "report text is not valid utf-8"),
                                                        (4, "no study_uid"), (5, "empty report text")]
  jl = write_file(tmp_path, "r.jsonl", b'\xef\xbb\xbf{"StudyInstanceUID": "9", "text": "a"}\nnot json\n')
  table, rejects, n = reports.load_table(jl)
  assert n == 2 and table["9"]["text"] == "a" and rejects[0]["row"] == 2
  assert json.dumps(rejects).count("not json") == 0  # the row's text never reaches a reject line
