"""Report text -> token ids: the one normalisation and sentencepiece model used everywhere.

Contract (team contract 2): `load_tokenizer(path)`, `encode(tokenizer, text, max_len) ->
int32 [max_len]` with PAD=0, UNK=1, BOS=2, EOS=3 (data_prep.records).

How text is read is a property of the tokenizer file, so every copy of it (data folders,
`--tokenizer`, bundles) reads text the same way: its model type (unigram or BPE) is in the
file, and a model trained on negation-marked text (`convert --negation-marks`) has NEGATED in
its vocabulary, which `encode` checks (`marks_negation`).

A pretrained BERT text tower brings its own WordPiece vocabulary instead (`WordPiece`): the
records keep the report text, so the input pipeline tokenizes it at load time. Its [PAD] must
be id 0 (true of BERT vocabularies), so `tokens != 0` stays the attention mask everywhere.
"""

import io
import json
import os
import re
import unicodedata

import numpy as np
import sentencepiece as spm

from data_prep import fileio
from data_prep.errors import UserError
from data_prep.records import BOS_ID, EOS_ID, PAD_ID, UNK_ID

# Every placeholder report de-identification writes (data_prep/deid.py), most specific first:
# where two finders mark the same span, the earlier one here names it. Each stays one
# sentencepiece piece (TAGS, after `normalize`) so the model sees it as one symbol.
PLACEHOLDERS = ("[EMAIL]", "[URL]", "[IP]", "[DATE]", "[AGE>89]", "[ID]", "[PHONE]", "[ADDRESS]", "[HOSPITAL]", "[NAME]",
                "[LOCATION]", "[OTHER]")
TAGS = tuple(p.lower() for p in PLACEHOLDERS)


# Negation marks (NegEx's triggers and scope, Chapman et al. 2001, marked on the words as in
# Pang et al. 2002): each word in a negation's scope carries NEGATED in front, so "no myocardial
# oedema" shares no token with "myocardial oedema". Why: a text tower trained from scratch on a
# few thousand reports reads a report much as a bag of its words; a normal report's "no oedema"
# then counts as one more "oedema" (on the demo's val split the text "no late gadolinium
# enhancement" pointed toward the studies WITH LGE, AUC 0.607; with the marks 0.330). Opt-in
# (`convert --negation-marks`): README, "View slots in the demo", has what it did to the demo.
NEGATED = "¬"
_TRIGGERS = {"no", "not", "without", "nor", "neither", "never", "cannot"}
_TRIGGER_PAIRS = {("absence", "of"), ("negative", "for"), ("free", "of")}
_TERMINATORS = {"but", "however", "although", "though", "except", "apart", "aside", "whereas", "while", "which", "yet"}
# A trigger that opens one of these negates nothing ("no change", "cannot be excluded" = possible).
_PSEUDO = [p.split() for p in ("no change", "no significant change", "no interval change", "no increase", "no further",
                               "not only", "not necessarily", "not excluded", "not ruled out", "cannot be excluded",
                               "cannot be ruled out", "without difficulty", "without further")]
_SCOPE_CHARS = ".;:!?()"  # clause punctuation: a scope ends at it (a comma only when no "or" list follows)
_SCOPE_END = re.compile(f"[{re.escape(_SCOPE_CHARS)}]")
_PUNCTUATION = _SCOPE_CHARS + ","
_WORD = re.compile(r"^([^a-z]*)([a-z][a-z'-]*)(.*)$")
SCOPE_WORDS = 6  # NegEx's window: a trigger negates at most this many words after it


def mark_negation(text: str) -> str:
  """Lower-case, single-spaced text -> the same text with NEGATED before each negated word.

  A scope opens after a trigger ("no", "not", "without", "absence of"...; not a pseudo-negation
  such as "no change" or "cannot be excluded") and closes at sentence or clause punctuation, a
  contrast word ("but", "however", "except"...), after SCOPE_WORDS words, or at a comma unless
  a list ending in "or" follows ("no LGE, oedema or effusion" negates all three; "not dilated,
  EDV 82 mL" negates only "dilated")."""
  words = text.split(" ")
  bare = [w.strip(_PUNCTUATION) for w in words]  # each word without the punctuation around it
  out, left = [], 0
  for i, token in enumerate(words):
    m = _WORD.match(token)
    lead, word, trail = m.groups() if m else ("", "", token)
    if word in _TERMINATORS or _SCOPE_END.search(lead):  # "(no LGE)": the bracket ends the old scope, not the new one
      left = 0
    if left and word and not lead:
      token = NEGATED + token
    if left and any(c.isalnum() for c in token):
      left -= 1
    if (word in _TRIGGERS or tuple(bare[i:i + 2]) in _TRIGGER_PAIRS) and not _pseudo_at(bare, i):
      left = SCOPE_WORDS
    out.append(token)
    if _SCOPE_END.search(trail) or (token.endswith(",") and not _or_list_follows(words, bare, i + 1)):
      left = 0
  return " ".join(out)


def _pseudo_at(bare: list, i: int) -> bool:
  return any(bare[i:i + len(p)] == p for p in _PSEUDO)


def _or_list_follows(words: list, bare: list, start: int) -> bool:
  """Whether the clause from words[start] (up to its punctuation) goes on a list with "or" / "nor"."""
  for token, word in zip(words[start:], bare[start:]):
    if word in ("or", "nor"):
      return True
    if _SCOPE_END.search(token):
      return False
  return False


def normalize(text: str, negation: bool = False) -> str:
  """NFKC, lower case, one space between words: reports equal after this are the same report.
  negation=True also marks negated words (`mark_negation`; a line break ends a negation as a
  full stop does)."""
  flat = unicodedata.normalize("NFKC", str(text)).lower()
  if not negation:
    return " ".join(flat.split())
  return " ".join(mark_negation(" ".join(line.split())) for line in flat.splitlines() if line.strip())


def marks_negation(tokenizer) -> bool:
  """Whether this sentencepiece model was trained on negation-marked text: then NEGATED is in
  its vocabulary (every character of the training text is), and text is marked before it."""
  return tokenizer.piece_to_id(NEGATED) != tokenizer.unk_id()


MODEL_TYPES = ("unigram", "bpe")


def train_tokenizer(texts, path: str, vocab_size: int, model_type: str = "unigram", negation: bool = False) -> int:
  """Trains a sentencepiece model on `texts` and writes it atomically to `path`.

  model_type: unigram (sentencepiece's default) or bpe. On templated report text (structured
  reporting, dictation macros) unigram reaches few pieces: it seeds its vocabulary with
  repeated substrings where what follows them differs, and drops a seed that runs into the
  next word, so a template's fixed words, always followed by the same next word, never become
  pieces. Asked for 8000 on the demo's 806 training reports it stopped at 303 and cut "native"
  into n-ati-ve, "raised" into ra-is-ed; BPE, which merges the most frequent adjacent pair,
  reached 1461 with the words whole (tests/test_text.py). The default stays unigram: BPE did
  not carry the demo's zero-shot figures past the bar set for a change (README, "View slots").
  negation: train on (and so, through `encode`, always read) negation-marked text.

  On a small corpus sentencepiece cannot reach `vocab_size`; hard_vocab_limit=False lets it
  stop at what the corpus supports. Returns the vocabulary size it reached.
  """
  if model_type not in MODEL_TYPES:
    raise ValueError(f"tokenizer model type {model_type!r} is not one of {MODEL_TYPES}")
  # sorted: the same model for the same set. Without marks, a stray NEGATED in a report stays
  # out of the vocabulary, so that `marks_negation` never mistakes this model for a marking one.
  sentences = sorted(normalize(t, negation) if negation else normalize(t).replace(NEGATED, " ")
                     for t in texts if t and t.strip())
  if not sentences:
    raise ValueError("no text to train a tokenizer on")
  chars = {c for s in sentences for c in s if not c.isspace()}
  floor = len(chars) + len(TAGS) + 4 + 1  # every character, tags and special ids must fit
  buf = io.BytesIO()
  spm.SentencePieceTrainer.train(
      sentence_iterator=iter(sentences), model_writer=buf, vocab_size=max(int(vocab_size), floor),
      model_type=model_type, hard_vocab_limit=False, character_coverage=1.0, normalization_rule_name="identity",
      pad_id=PAD_ID, unk_id=UNK_ID, bos_id=BOS_ID, eos_id=EOS_ID, user_defined_symbols=list(TAGS),
      num_threads=1, shuffle_input_sentence=False, input_sentence_size=0, minloglevel=2,
      split_digits=True, byte_fallback=False, required_chars=NEGATED if negation else "")
  fileio.write_atomic(path, buf.getvalue())
  return load_tokenizer(path).get_piece_size()


def load_tokenizer(path: str) -> spm.SentencePieceProcessor:
  return spm.SentencePieceProcessor(model_file=str(path))


def token_count(tokenizer, text: str) -> int:
  """Length of text's token sequence with no limit, BOS and EOS included (encode cuts at max_len)."""
  return len(tokenizer.encode(normalize(text, marks_negation(tokenizer)))) + 2


def encode(tokenizer, text: str, max_len: int) -> np.ndarray:
  """int32 [max_len]: BOS, ids of normalize(text), EOS, then PAD; long texts keep their EOS."""
  ids = tokenizer.encode(normalize(text, marks_negation(tokenizer)))[:max(0, max_len - 2)]
  out = np.full(max_len, PAD_ID, np.int32)
  seq = [BOS_ID] + ids + [EOS_ID]
  out[:len(seq)] = seq[:max_len]
  return out


class SentencePiece:
  """A sentencepiece model file -> fn(text) -> int32 [max_len], the ids `convert` stores (`encode`).
  Picklable: grain workers load the model on first use."""

  def __init__(self, path: str, max_len: int):
    self.path, self.max_len, self._tok = str(path), int(max_len), None

  def __getstate__(self):
    return {"path": self.path, "max_len": self.max_len, "_tok": None}

  def __call__(self, text: str) -> np.ndarray:
    if self._tok is None:
      self._tok = load_tokenizer(self.path)
    return encode(self._tok, text, self.max_len)


class WordPiece:
  """A Hugging Face BERT tokenizer folder -> fn(text) -> int32 [max_len]: [CLS] ids [SEP], then
  [PAD] = 0; a long text is cut and keeps its [SEP] (as transformers truncates).

  Reads `tokenizer.json` through the `tokenizers` library, else `vocab.txt` with
  `tokenizer_config.json`'s do_lower_case (default True, as transformers' BertTokenizer). The
  text goes in raw: the tokenizer's own normaliser decides case and accents (a cased vocabulary
  must see capitals). Picklable: grain workers load it on first use.
  """

  def __init__(self, folder: str, max_len: int):
    self.folder, self.max_len, self._tok = str(folder), int(max_len), None

  def __getstate__(self):
    return {"folder": self.folder, "max_len": self.max_len, "_tok": None}

  def tokenizer(self):
    if self._tok is None:
      self._tok = load_wordpiece(self.folder)
      self._tok.enable_truncation(self.max_len)
    return self._tok

  def __call__(self, text: str) -> np.ndarray:
    ids = self.tokenizer().encode(str(text)).ids
    out = np.full(self.max_len, PAD_ID, np.int32)
    out[:len(ids)] = ids
    return out

  @property
  def vocab_size(self) -> int:
    return self.tokenizer().get_vocab_size()


def load_wordpiece(folder: str):
  """-> tokenizers.Tokenizer of a BERT folder (tokenizer.json, else vocab.txt); UserError when
  there is neither or [PAD] is not id 0."""
  from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
  if os.path.isfile(os.path.join(folder, "tokenizer.json")):
    tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
  elif os.path.isfile(os.path.join(folder, "vocab.txt")):  # what transformers' BertTokenizer builds
    config = os.path.join(folder, "tokenizer_config.json")
    lower = True
    if os.path.isfile(config):
      with open(config) as f:
        lower = json.load(f).get("do_lower_case", True)
    tok = Tokenizer(models.WordPiece.from_file(os.path.join(folder, "vocab.txt"), unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=lower)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.BertProcessing(("[SEP]", tok.token_to_id("[SEP]")),
                                                   ("[CLS]", tok.token_to_id("[CLS]")))
  else:
    raise UserError(f"no tokenizer.json or vocab.txt in {folder!r}")
  tok.no_padding()
  if tok.token_to_id("[PAD]") != PAD_ID:
    raise UserError(f"tokenizer in {folder!r} has [PAD] = {tok.token_to_id('[PAD]')}, expected {PAD_ID}")
  return tok
