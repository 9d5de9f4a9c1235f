"""De-identification (keys, ids, scrubbing), report sections and the tokenizer contract."""

import os
import re

import numpy as np
import pytest

from data_prep.errors import UserError
from data_prep.records import BOS_ID, EOS_ID, PAD_ID
from data_prep import deid, reports, text
from dicom_factory import mr_image

PHI = {"names": ["Kowalski^Anna^Maria"], "ids": ["MRN-004417"], "dates": ["19580307"],
       "places": ["Saint Elsewhere Clinic"], "phones": ["+1 (617) 555-0199"]}

# Each line plants PHI in a form a scrubber might not expect; the clinical facts must survive.
PLANTED = """CLINICAL HISTORY: anna kowalski, KOWALSKI, ANNA, Anna M. Kowalski, A.M.K., AK (dob 07/03/1958).
FINDINGS: LVEF 55%, EDV 150 ml, T1 1050 ms, wall 8 mm, 3.5-4.0 cm. Born 1958-03-07, March 7, 1958,
7th March 1958, 03/07/58, 7.3.1958. MRN 004417, mrn: 004-417, id mrn004417. Seen at saint elsewhere clinic.
Call 617-555-0199 or (617) 555 0199 or +44 20 7946 0958. Discussed with dr. smith and Dr Jones; Prof. Lee.
IMPRESSION: Normal study 12/05/2023. Hospital number 88812345. Electronically signed: Paul Ortega, MD
"""
LEAKS = ["kowalski", "anna", "maria", "a.m.k", " ak ", "1958", "03/07", "7.3", "004417", "004-417",
         "elsewhere", "555", "7946", "smith", "jones", "lee", "12/05/2023", "88812345", "ortega", "paul"]


def test_scrub_removes_planted_phi_and_keeps_findings():
  out = deid.scrub(PLANTED, PHI)
  low = " " + out.lower().replace("\n", " ") + " "
  for leak in LEAKS:
    assert leak not in low, (leak, out)
  for keep in ["lvef 55%", "edv 150 ml", "t1 1050 ms", "8 mm", "3.5-4.0 cm", "normal study"]:
    assert keep in low, (keep, out)
  assert {"[NAME]", "[DATE]", "[ID]", "[PHONE]"} <= set(re.findall(r"\[[A-Z]+\]", out))


def test_header_phi_reads_names_ids_dates():
  ds = mr_image(np.zeros((4, 4), np.uint16), PatientName="Doe^John", PatientID="X123",
                PatientBirthDate="19800101", AccessionNumber="A9", OtherPatientIDs=["Y1", "Y2"])
  phi = deid.header_phi(ds)
  assert "Doe^John" in phi["names"] and {"X123", "A9", "Y1", "Y2"} <= set(phi["ids"])
  assert "19800101" in phi["dates"]


def test_hmac_ids_are_keyed_and_stable():
  a = deid.hmac_id(b"k" * 32, "study", "1.2.3")
  assert a == deid.hmac_id(b"k" * 32, "study", "1.2.3") != deid.hmac_id(b"j" * 32, "study", "1.2.3")
  assert a != deid.hmac_id(b"k" * 32, "patient", "1.2.3") and re.fullmatch(r"[0-9a-f]{32}", a)
  u = [deid.unit_interval(b"k" * 32, "split", str(i)) for i in range(2000)]
  assert 0 <= min(u) and max(u) < 1 and abs(np.mean(u) - 0.5) < 0.03


def test_resolve_key(tmp_path, monkeypatch):
  out = os.path.join(str(tmp_path), "data")
  monkeypatch.delenv(deid.KEY_ENV, raising=False)
  key, where = deid.resolve_key(None, out)  # new random key next to, not inside, the output
  assert where.startswith(out + ".deid.key") and not where.startswith(out + os.sep)
  assert deid.resolve_key(None, out)[0] == key  # reused on re-runs
  with pytest.raises(UserError):
    deid.resolve_key(os.path.join(out, "k.key"), out)
  monkeypatch.setenv(deid.KEY_ENV, "from-the-environment-0123456789")
  assert deid.resolve_key(None, out) == (b"from-the-environment-0123456789", f"${deid.KEY_ENV}")
  kf = os.path.join(str(tmp_path), "given.key")
  k2, _ = deid.resolve_key(kf, out)  # a named key file that does not exist yet is created
  assert deid.resolve_key(kf, out)[0] == k2 != key and oct(os.stat(kf).st_mode)[-3:] == "600"


def test_sections():
  txt = "HISTORY: chest pain.\nFindings: LV dilated.\nTECHNIQUE: cine.\nIMPRESSION: DCM.\nSigned: X"
  assert reports.keep_sections(txt) == "Impression: DCM.\nFindings: LV dilated."  # signature dropped
  assert reports.keep_sections("No headers here.") == "No headers here."
  # Reports tables: tests/test_reports.py.

def test_tokenizer_contract(tmp_path):
  path = os.path.join(str(tmp_path), "tok.model")
  corpus = [f"Findings: LV EF {i}% with [NAME] seen. Impression: normal {i % 7}." for i in range(30)]
  vocab = text.train_tokenizer(corpus, path, vocab_size=8000)  # far more than 30 reports support
  tok = text.load_tokenizer(path)
  assert vocab == tok.get_piece_size() < 8000
  assert (tok.pad_id(), tok.unk_id(), tok.bos_id(), tok.eos_id()) == (0, 1, 2, 3)
  ids = text.encode(tok, "  FINDINGS:  LV   EF 40% [NAME] ", 48)
  assert ids.dtype == np.int32 and ids.shape == (48,) and ids[0] == BOS_ID
  assert tok.piece_to_id("[name]") in ids.tolist()  # tags stay single pieces
  for placeholder in deid.PLACEHOLDERS:  # every one the scrubber writes
    assert tok.encode(text.normalize(placeholder), out_type=str) in ([placeholder.lower()], ["▁" + placeholder.lower()],
                                                                      ["▁", placeholder.lower()])
  n = int((ids != PAD_ID).sum())
  assert ids[n - 1] == EOS_ID and (ids[n:] == PAD_ID).all()
  np.testing.assert_array_equal(ids, text.encode(tok, "findings: lv ef 40% [name]", 48))  # one normalisation
  short = text.encode(tok, " ".join(["word"] * 100), 8)
  assert short[0] == BOS_ID and short[-1] == EOS_ID and (short != PAD_ID).all()
  assert tok.decode(ids[1:n - 1].tolist()) == "findings: lv ef 40% [name]"


def test_initials_do_not_eat_clinical_words():
  # A patient 'Tom O'Neill' has initials T.O.; the word 'to' in findings is not PHI.
  phi = {"names": ["ONeill^Tom"], "ids": [], "dates": [], "places": [], "phones": []}
  out = deid.scrub("Hypokinesis to akinesis. TO BE NOTED. Seen by T.O. and T. O. (Tom ONeill).", phi)
  assert "Hypokinesis to akinesis. TO BE NOTED." in out
  assert "Tom" not in out and "ONeill" not in out and "T.O." not in out and "T. O." not in out
