"""Given names and surnames known by the word alone: a gazetteer for names with no title or label.

The lists are Faker's person providers (MIT licence, ~21k given names and ~21k surnames from 80+
locales: US census and SSA lists, UK, Irish, Indian, Nigerian, Kenyan, continental-European,
Latin-American, Middle-Eastern...), in Latin script, accent- and case-folded. Words that are also
common English words (Faker's English lorem list and spaCy's stop words: 'will', 'may', 'long',
'white', 'hope') are kept apart, so that a name needs more than one of them. `english` knows the
wider vocabulary (WordNet's ~83k lemmas, as the default spaCy pipeline's lemmatizer ships them), so
that a word standing where a name stands ('d/w okafor', 'cc: tbriggs') counts as one when no
dictionary holds it.
"""

import functools
import importlib
import pkgutil
import unicodedata

from data_prep.phi_ner import DEFAULT_NER

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ß": "ss",
                       "’": "'"})


def fold(word: str) -> str:
  """'Zoë' -> 'zoe', 'MUÑOZ' -> 'munoz', 'O’Neill' -> "o'neill"."""
  if word.isascii():  # nothing to decompose or translate (most of the ~100k names the lexicon folds)
    return word.lower()
  return "".join(c for c in unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
                 if not unicodedata.combining(c)).translate(_FOLD)


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple:
  """(given names, surnames, common English words), folded; loaded once per process (~0.2 s)."""
  import faker.providers.lorem.en_US
  import faker.providers.person
  from spacy.lang.en.stop_words import STOP_WORDS

  given, family = set(), set()
  for module in pkgutil.iter_modules(faker.providers.person.__path__):
    provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
    for attr, out in (("first_names", given), ("first_names_male", given), ("first_names_female", given),
                      ("last_names", family)):
      names = getattr(provider, attr, ())
      if isinstance(names, (list, tuple, dict, set, frozenset)):
        out.update(fold(n) for n in names if _latin(n))
  common = {fold(w) for w in faker.providers.lorem.en_US.Provider.word_list} | {fold(w) for w in STOP_WORDS}
  return frozenset(given), frozenset(family), frozenset(common)


def _latin(name) -> bool:
  return isinstance(name, str) and (name.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in name))


def given(word: str) -> bool:
  """A given name that is not also a common English word ('Priya', 'Oluwaseun'; not 'Will')."""
  g, _, common = _lexicon()
  w = fold(word)
  return w in g and w not in common


def surname(word: str) -> bool:
  """A surname that is not also a common English word ('Nguyen', 'Kowalski'; not 'White')."""
  _, f, common = _lexicon()
  w = fold(word)
  return w in f and w not in common


def known(word: str) -> bool:
  """Any given name or surname, common English word or not ('Will', 'White', 'Nguyen')."""
  g, f, _ = _lexicon()
  w = fold(word)
  return w in g or w in f


def common(word: str) -> bool:
  """A common English word ('type', 'main', 'will'): alone it names no person or place."""
  return fold(word) in _lexicon()[2]



@functools.lru_cache(maxsize=1)
def _english():
  """(lemmas, inflection endings) of the default spaCy pipeline's lemmatizer tables (WordNet's index),
  or None when that pipeline is not installed (~15 ms: the tables alone, no model)."""
  import spacy.util
  from spacy.lookups import Lookups

  try:
    package = spacy.util.get_package_path(DEFAULT_NER.partition(":")[2])
    tables = Lookups().from_disk(next(package.glob("*/lemmatizer/lookups")))
  except (OSError, ValueError, StopIteration):
    return None
  index, exc, rules = (tables.get_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules"))
  lemmas = frozenset(w for pos in index.keys() for w in index[pos]) | frozenset(w for pos in exc.keys() for w in exc[pos])
  return lemmas, tuple({(old, new) for pos in rules.keys() for old, new in rules[pos] if old})


@functools.lru_cache(maxsize=1 << 16)
def english(word: str) -> bool:
  """A word an English dictionary holds, inflected or not ('rebooked', 'surgeons', 'trace'; each part of
  'mid-wall'); every word counts as English when the dictionary is missing, so no rule reads a name
  into it."""
  vocab = _english()
  if vocab is None:
    return True
  lemmas, endings = vocab
  return all(w in lemmas or any(w.endswith(old) and w[:-len(old)] + new in lemmas and not _misspelt(w[:-len(old)], old, new)
                                for old, new in endings)
             for w in fold(word).strip("'").split("-") if w)


def _misspelt(stem: str, old: str, new: str) -> bool:
  """An inflection English spells otherwise: a stem ending in e drops it before -ed ('saved', never 'saveed'), so
  'naveed' is no form of 'nave'."""
  return old == "ed" and not new and stem.endswith("e")
