"""Report text before the tokenizer: negation marking (text.mark_negation) and the vocabulary."""

import os
import re

import numpy as np
import pytest

from data_prep import text

# Clinician-style lines (not the synthetic generator's templates), each with the words a reader
# takes as negated. Lists after "no" run on through "or"; a number-bearing clause after a comma,
# a contrast word and the end of a clause close the negation.
NEGATIONS = [
    ("No myocardial oedema.", {"myocardial", "oedema"}),
    ("Myocardial T2 normal (46 ms); no oedema.", {"oedema"}),
    ("No LGE, oedema or pericardial effusion.", {"lge", "oedema", "or", "pericardial", "effusion"}),
    ("LV not dilated, EF 58%.", {"dilated"}),
    ("No evidence of infarction but patchy mid-wall LGE in the septum.", {"evidence", "of", "infarction"}),
    ("Absence of a perfusion defect at rest.", {"of", "a", "perfusion", "defect", "at", "rest"}),
    ("Without significant valve disease. Moderate MR.", {"significant", "valve", "disease"}),
    ("Normal biventricular size and function.", set()),
    ("Small pericardial effusion, no tamponade physiology.", {"tamponade", "physiology"}),
    ("There is no late gadolinium enhancement to suggest scar, fibrosis or infiltration.",
     {"late", "gadolinium", "enhancement", "to", "suggest", "scar"}),  # the 6-word window ends it
    ("RV is neither dilated nor impaired.", {"dilated", "nor", "impaired"}),
    ("Impression: no LGE\nFindings: LV dilated", {"lge"}),  # a line break ends it
    ("Small apical LV thrombus (no LGE in the apex). Mild MR.", {"lge", "in", "the", "apex"}),  # a bracket opens one
]


@pytest.mark.parametrize("line,negated", NEGATIONS)
def test_negated_words_are_marked_and_only_they(line, negated):
  marked = text.normalize(line, negation=True).split(" ")
  got = {re.sub(r"[^a-z'-]", "", w) for w in marked if w.startswith(text.NEGATED)}
  assert got == negated
  assert " ".join(w.removeprefix(text.NEGATED) for w in marked) == " ".join(line.lower().split())  # nothing else changes


# Findings in clinician-style sentences, for the reference below: negspacy (NegEx for spaCy,
# its en_clinical termset) says which are negated. Sentences where the two are meant to differ
# (a scope past six words; a comma before a new clause) are in NEGATIONS above, not here.
FINDINGS = ["lge", "late gadolinium enhancement", "oedema", "myocardial oedema", "scar", "effusion", "thrombus",
            "dilated", "dilatation", "perfusion defect", "hypertrophy", "infarction", "fibrosis", "regurgitation",
            "wall motion abnormality", "myocarditis", "change"]
REFERENCE_SENTENCES = [
    "No late gadolinium enhancement.", "There is no myocardial oedema.", "LGE in the basal inferior wall.",
    "No evidence of scar or thrombus.", "Without pericardial effusion.", "Small pericardial effusion.",
    "The left ventricle is not dilated.", "Mild LV dilatation.", "No rest perfusion defect.",
    "Absence of hypertrophy.", "No infarction but diffuse fibrosis.", "Trace mitral regurgitation.",
    "No regional wall motion abnormality.", "Myocarditis cannot be excluded.", "No significant change.",
    "Negative for thrombus.", "Free of effusion.", "Patchy LGE, no oedema.", "Oedema without scar.",
]


def test_negation_agrees_with_negspacy():
  spacy = pytest.importorskip("spacy")
  import negspacy.negation  # noqa: F401 (registers the "negex" pipe)
  from negspacy.termsets import termset
  nlp = spacy.blank("en")
  nlp.add_pipe("sentencizer")
  nlp.add_pipe("entity_ruler").add_patterns(
      [{"label": "FINDING", "pattern": [{"LOWER": w} for w in f.split()]} for f in FINDINGS])
  nlp.add_pipe("negex", config={"neg_termset": termset("en_clinical").get_patterns(), "ent_types": ["FINDING"]})
  checked = 0
  for sentence in REFERENCE_SENTENCES:
    marked = text.normalize(sentence, negation=True)
    for ent in nlp(sentence).ents:
      ours = re.search(r"(?<![a-z¬])" + " ".join(text.NEGATED + w for w in ent.text.lower().split()), marked) is not None
      assert ours == ent._.negex, (sentence, ent.text, marked)
      checked += 1
  assert checked >= len(REFERENCE_SENTENCES)

def test_negated_and_affirmed_mentions_share_no_token(tmp_path):
  corpus = [f"Impression: {a}. Findings: LVEF {50 + i % 20}%. {b}" for i in range(40)
            for a, b in [("myocardial oedema", "No LGE."), ("normal study", "No myocardial oedema. Patchy LGE.")]]
  path = os.path.join(str(tmp_path), "tok.model")
  text.train_tokenizer(corpus, path, vocab_size=8000, model_type="bpe", negation=True)
  tok = text.load_tokenizer(path)
  affirmed, negated = (set(text.encode(tok, s, 16)[1:-1]) - {0, 3} for s in ("myocardial oedema", "no myocardial oedema"))
  assert not (affirmed & negated)


def test_tokenizer_keeps_template_words_whole(tmp_path):
  # Structured reporting: each finding has a fixed sentence with a status or a value in a slot.
  # The fixed words then always run on into the same next word: unigram cuts 28 of these 33 into
  # pieces (text.train_tokenizer says why); BPE keeps them whole.
  templates = ["The left ventricle is {s} in size with an ejection fraction of {n}%.",
               "Right ventricular systolic function is {s}.", "There is {q} late gadolinium enhancement.",
               "Native myocardial T1 is {r} ({n}0 ms).", "Myocardial T2 is {r}; {q} oedema.", "The pericardium is {s}.",
               "Mitral regurgitation is {g}."]
  rng = np.random.default_rng(0)
  pick = lambda options: options[rng.integers(len(options))]
  corpus = [" ".join(pick(templates).format(
      s=pick(["normal", "dilated", "reduced"]), n=rng.integers(20, 80), q=pick(["trace", "subendocardial", "patchy midwall"]),
      r=pick(["raised", "normal", "elevated"]), g=pick(["trivial", "mild", "moderate", "severe"])) for _ in range(6))
            for _ in range(200)]
  path = os.path.join(str(tmp_path), "tok.model")
  vocab = text.train_tokenizer(corpus, path, vocab_size=8000, model_type="bpe")
  tok = text.load_tokenizer(path)
  words = {w for line in corpus for w in re.findall(r"[a-z]{4,}", text.normalize(line))}
  split = sorted(w for w in words if len(tok.encode(w)) > 1)
  assert not split, f"{len(split)} of {len(words)} words cut into pieces: {split}"
  assert vocab > len(words)


def test_the_tokenizer_says_whether_text_is_marked(tmp_path):
  path = os.path.join(str(tmp_path), "plain.model")  # the default, and every tokenizer made before the marks
  text.train_tokenizer([f"No myocardial oedema, LVEF {i}%. Normal RV." for i in range(40)] + ["¬ stray mark."], path,
                       vocab_size=8000)
  plain = text.load_tokenizer(path)
  assert not text.marks_negation(plain)
  ids = text.encode(plain, "No myocardial oedema.", 32)
  assert plain.unk_id() not in ids.tolist()
  assert plain.decode([int(i) for i in ids if i > 3]) == "no myocardial oedema."
  path = os.path.join(str(tmp_path), "marked.model")
  text.train_tokenizer([f"Myocardial oedema, LVEF {i}%. Normal RV." for i in range(40)], path, vocab_size=8000,
                       negation=True)  # no negation in its training text: still a marking tokenizer
  marked = text.load_tokenizer(path)
  assert text.marks_negation(marked)
  ids = text.encode(marked, "No myocardial oedema.", 32)
  assert marked.decode([int(i) for i in ids if i > 3]) == f"no {text.NEGATED}myocardial {text.NEGATED}oedema."
