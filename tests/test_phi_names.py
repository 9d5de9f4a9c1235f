"""The name gazetteer's folding (data_prep/phi_names.py)."""

import importlib
import pkgutil
import unicodedata

import faker.providers.person

from data_prep import phi_names


def _unicode_fold(word: str) -> str:
  """The fold written out the long way for every word: NFKD, marks dropped, case folded."""
  table = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ß": "ss",
                         "’": "'"})
  return "".join(c for c in unicodedata.normalize("NFKD", word.casefold().translate(table))
                 if not unicodedata.combining(c)).translate(table)


def test_ascii_shortcut_folds_as_the_unicode_fold():
  """fold skips the Unicode work for ASCII words (most of the ~100k names the lexicon folds at
  start-up): the same result for every name of Faker's lists, ASCII or not, and for hand-picked ones."""
  words = ["O'NEILL", "McDonald", "Zoë", "MUÑOZ", "O’Neill", "Strauß", "Łukasz", "Ørsted", "İlker", "x-ray", "A.B."]
  for module in pkgutil.iter_modules(faker.providers.person.__path__):
    provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
    for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
      names = getattr(provider, attr, ())
      words += [n for n in names if isinstance(n, str)] if isinstance(names, (list, tuple, dict, set)) else []
  assert sum(w.isascii() for w in words) > 10_000
  assert [phi_names.fold(w) for w in words] == [_unicode_fold(w) for w in words]
