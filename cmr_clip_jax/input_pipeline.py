"""grain input pipeline over `convert`'s ArrayRecord shards (docs/design.md, "Data flow" 2).

Data order is a function of (seed, step) alone, never of the number of processes:
  - epoch e visits the records in one seeded permutation, perm(seed, e);
  - global batch k is the (k mod steps_per_epoch)-th slice of batch_size records of the
    permutation of epoch k // steps_per_epoch (the tail of each epoch that does not fill a
    batch is skipped, so a batch never holds one study twice: duplicates are false negatives);
  - process p of P reads rows [p*b, (p+1)*b) of every global batch, b = batch_size / P.
Augmentation randomness comes from (seed, epoch, record index) only. The data position is
therefore the step: a restarted run builds the iterator at its restored step, on any number
of processes, and sees exactly the batches it would have seen.

This module never imports JAX: grain worker processes import it (and must not start JAX).
"""

import dataclasses
import functools
import hashlib
import json
import os
import re
from typing import Any

import grain
from absl import flags
import numpy as np

from cmr_clip_jax import augment as augment_lib
from cmr_clip_jax import config_lib
from data_prep import records
from data_prep.errors import UserError
from data_prep import text as text_lib

# Salts that keep the permutation and augmentation random streams apart.
_PERMUTATION, _AUGMENT = 0, 1


def load_manifest(data_dir: str) -> dict:
  """`DATA_DIR/manifest.json` (contract 2), or UserError when the folder is not a convert output."""
  path = os.path.join(data_dir, "manifest.json")
  if not os.path.isfile(path):
    raise UserError(f"no manifest.json in {data_dir!r}: is it a `cmr-clip convert` output folder?")
  with open(path) as f:
    return json.load(f)


def split_source(data_dir: str, split: str) -> grain.sources.ArrayRecordDataSource:
  """Random-access source of encoded records (bytes) over one split's shards, in manifest order."""
  splits = load_manifest(data_dir).get("splits", {})
  if split not in splits or not splits[split].get("shards"):
    raise UserError(f"split {split!r} has no shards in {data_dir}/manifest.json "
                    f"(splits: {', '.join(sorted(splits)) or 'none'})")
  paths = [os.path.join(data_dir, s["file"]) for s in splits[split]["shards"]]
  missing = [p for p in paths if not os.path.isfile(p)]
  if missing:
    raise UserError(f"shard listed in manifest.json is missing: {missing[0]}")
  return grain.sources.ArrayRecordDataSource(paths)


def report_hash(text: str) -> np.uint32:
  """Stable (cross-process, cross-run) uint32 hash of the normalised report."""
  digest = hashlib.blake2b(text_lib.normalize(text).encode("utf-8"), digest_size=4).digest()
  return np.uint32(int.from_bytes(digest, "little"))


@functools.lru_cache(maxsize=4)
def epoch_permutation(seed: int, epoch: int, num_records: int) -> np.ndarray:
  """int64 [num_records]: the order in which epoch `epoch` visits the records."""
  return np.random.default_rng([seed, _PERMUTATION, epoch]).permutation(num_records)


def global_record(position: int, seed: int, batch_size: int, num_records: int):
  """Global example position (step * batch_size + row) -> (epoch, record index)."""
  steps_per_epoch = num_records // batch_size
  if steps_per_epoch < 1:
    raise UserError(f"batch_size={batch_size} is larger than the {num_records} training records")
  step, row = divmod(position, batch_size)
  epoch, k = divmod(step, steps_per_epoch)
  return epoch, int(epoch_permutation(seed, epoch, num_records)[k * batch_size + row])


def local_batch_size(batch_size: int, process_count: int) -> int:
  if batch_size % process_count:
    raise UserError(f"batch_size={batch_size} is not divisible by the {process_count} processes")
  return batch_size // process_count


def truncate_tokens(tokens: np.ndarray, max_len: int) -> np.ndarray:
  """int32 [L] -> [max_len]: zero-padded, or cut with EOS kept as the last token of a cut report."""
  out = np.zeros(max_len, np.int32)
  n = min(max_len, tokens.shape[0])
  out[:n] = tokens[:n]
  if tokens.shape[0] > max_len and tokens[max_len] != records.PAD_ID:
    out[-1] = records.EOS_ID
  return out


def wordpiece(config):
  """The run's WordPiece tokenizer when the text tower brings one (model.text.arch = "bert"),
  else None: then the ids `convert` stored (sentencepiece) are used."""
  t = config.model.text
  return _wordpiece(t.init, t.max_len) if t.arch == "bert" else None


@functools.lru_cache(maxsize=2)
def _wordpiece(folder: str, max_len: int) -> text_lib.WordPiece:
  return text_lib.WordPiece(folder, max_len)


def record_tokens(record: dict, max_len: int, tokenizer=None) -> np.ndarray:
  """int32 [max_len]: the record's report through `tokenizer`, or its stored ids cut to max_len."""
  return tokenizer(record["report"]) if tokenizer is not None else truncate_tokens(record["tokens"], max_len)


def training_tokenizer(config):
  """What the training loader tokenizes with: the BERT tower's WordPiece; else, when reports
  are sampled (input.sentence_sample > 0), the data's own sentencepiece model (the ids it gives
  a whole report are the stored ones); else None: the stored ids."""
  if config.model.text.arch == "bert":
    return wordpiece(config)
  if config.input.sentence_sample > 0:
    return _data_sentencepiece(config, config.model.text.max_len, "input.sentence_sample > 0")
  return None


def sentence_tokenizer(config):
  """What the loader tokenizes single sentences with for the sentence loss (loss.sentence_weight
  > 0; `config_lib.sentence_len` tokens), else None: the text tower's own tokenizer, cut shorter."""
  t, n = config.model.text, config_lib.sentence_len(config)
  if config.loss.sentence_weight <= 0:
    return None
  if t.arch == "bert":
    return _wordpiece(t.init, n)
  return _data_sentencepiece(config, n, "loss.sentence_weight > 0")


def _data_sentencepiece(config, max_len: int, why: str) -> text_lib.SentencePiece:
  path = os.path.join(config.data_dir, "tokenizer.model")
  if not os.path.isfile(path):
    raise UserError(f"{path} is missing: {why} tokenizes sentences with the data's sentencepiece "
                    "model (set it to 0 to read the stored ids)")
  return text_lib.SentencePiece(path, max_len)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")
# A break after these is not a sentence's end: a piece that is only list numbers ("Impression:
# 1.", "2. 3.") and a title or abbreviation ("Dr.", "e.g."). "LVEF 45." does end its sentence.
_NO_BREAK_AFTER = re.compile(r"^(?:[^\W\d_][\w ]*:)?(?:\s*\d{1,2}[.)])+$|\b(?:dr|mr|mrs|ms|prof|approx|e\.g|i\.e|vs|cf)\.$",
                             re.I)


def sentences(report: str) -> list:
  """A report's sentences (and lines), in order."""
  out = []
  for part in _SENTENCE_BREAK.split(report):
    if not part.strip():
      continue
    if out and _NO_BREAK_AFTER.search(out[-1]):
      out[-1] += " " + part
    else:
      out.append(part)
  return out


def sample_sentences(report: str, rng: np.random.Generator, max_sentences: int = 0) -> str:
  """k of a report's n sentences, k uniform in 1..min(n, max_sentences) (0: 1..n), chosen at
  random and kept in their order.

  Why (ConVIRT samples one sentence of the report as its text augmentation): a zero-shot prompt
  is one sentence, but a tower trained on whole reports only ever embeds a dozen findings at
  once, so a one-sentence text lies off what it learned. Trained also on subsets, each sentence
  has to stand for what it says about the image on its own. max_sentences = 1 is ConVIRT's own
  setting: the text is one sentence, so a rare finding's sentence is, now and then, all there is
  to match, and the numbers of the measurements (which pick a study out of a batch on their own)
  are absent from most sampled texts.
  """
  parts = sentences(report)
  if len(parts) < 2:
    return report
  most = len(parts) if max_sentences <= 0 else min(max_sentences, len(parts))
  keep = np.sort(rng.choice(len(parts), int(rng.integers(1, most + 1)), replace=False))
  return " ".join(parts[i] for i in keep)


def sentence_batch(report: str, most: int, tokenize, rng=None) -> tuple:
  """A report's sentences, each alone, for `losses.sentence_loss`: (tokens int32 [most, L_s],
  hashes uint32 [most]); rows past the report's sentences are zeros (hash 0 = none). A report
  with more than `most` sentences gives a random `most` of them (with rng; else the first)."""
  parts = sentences(report)
  if len(parts) > most:
    keep = np.sort(rng.choice(len(parts), most, replace=False)) if rng is not None else range(most)
    parts = [parts[i] for i in keep]
  tokens = np.zeros((most, tokenize.max_len), np.int32)
  hashes = np.zeros(most, np.uint32)
  for i, part in enumerate(parts):
    tokens[i] = tokenize(part)
    hashes[i] = max(report_hash(part), 1)  # 0 marks an empty row
  return tokens, hashes


def prepare_eval(record: dict, config, hide=()) -> dict:
  """Deterministic view of a decoded record (validation, eval, embedding): frames uint8
  [V, T, S, S] at config.input.frames / size, view_mask bool [V], tokens int32 [L'].
  hide: slot names treated as absent (an ablation: what the model reads without them)."""
  views = {k: v for k, v in record["views"].items() if k not in hide}
  frames, mask = augment_lib.prepare(views, config_lib.views(config), config.input.frames, config.input.size)
  return {"frames": frames, "view_mask": mask,
          "tokens": record_tokens(record, config.model.text.max_len, wordpiece(config))}


@dataclasses.dataclass(frozen=True)
class _Loader:
  """Picklable map: local example index -> training example (runs in grain threads/workers)."""
  source: grain.sources.ArrayRecordDataSource
  seed: int
  batch_size: int
  local_batch: int
  row_offset: int  # this process's first row in each global batch
  first_step: int
  frames: int
  size: int
  max_len: int
  views: tuple  # the model's slot names
  augment: bool
  spec: augment_lib.AugmentSpec
  sentence_sample: float = 0.0  # probability that a report is replaced by some of its sentences
  sentence_max: int = 0  # most sentences kept (0: all)
  tokenizer: Any = None  # text_lib.WordPiece / SentencePiece, or None: the stored ids
  sentences: int = 0  # most single sentences of the report given to losses.sentence_loss
  sentence_tokenizer: Any = None  # what tokenizes them (`sentence_tokenizer`); None: no sentence loss

  def __call__(self, j: int) -> dict:
    step, row = divmod(j, self.local_batch)
    position = (self.first_step + step) * self.batch_size + self.row_offset + row
    epoch, index = global_record(position, self.seed, self.batch_size, len(self.source))
    rec = records.decode(self.source[index])
    rng = np.random.default_rng([self.seed, _AUGMENT, epoch, index]) if self.augment else None
    frames, mask = augment_lib.prepare(rec["views"], self.views, self.frames, self.size, rng, self.spec)
    example = {"frames": frames, "view_mask": mask}
    if self.sentence_tokenizer is not None:  # of the whole report, before any sampling below
      example["sentences"], example["sentence_hash"] = sentence_batch(
          rec["report"], self.sentences, self.sentence_tokenizer, rng)
    if rng is not None and rng.random() < self.sentence_sample:
      rec["report"] = sample_sentences(rec["report"], rng, self.sentence_max)
    example["tokens"] = record_tokens(rec, self.max_len, self.tokenizer)
    example["report_hash"] = report_hash(rec["report"])  # of the text the tower reads: equal ones are positives
    return example


def train_dataset(source, config, start_step: int, process_index: int = 0,
                  process_count: int = 1) -> grain.IterDataset:
  """Batches for steps [start_step, config.total_steps): dicts of this process's rows,
  frames uint8 [b, V, T, S, S], view_mask bool [b, V], tokens int32 [b, L'], report_hash uint32 [b];
  with loss.sentence_weight > 0 also sentences int32 [b, K, L_s] and sentence_hash uint32 [b, K]."""
  b = local_batch_size(config.batch_size, process_count)
  global_record(0, config.seed, config.batch_size, len(source))  # fails early on a too-large batch
  loader = _Loader(
      source=source, seed=config.seed, batch_size=config.batch_size, local_batch=b,
      row_offset=process_index * b, first_step=start_step, frames=config.input.frames,
      size=config.input.size, max_len=config.model.text.max_len, views=config_lib.views(config),
      augment=config.input.augment, spec=augment_lib.spec_from_config(config.input),
      sentence_sample=config.input.sentence_sample, sentence_max=config.input.sentence_max,
      tokenizer=training_tokenizer(config), sentence_tokenizer=sentence_tokenizer(config),
      sentences=config.loss.sentences)
  num_steps = max(config.total_steps - start_step, 0)
  # Batch before leaving MapDataset: each element is then a whole batch, so threads (and
  # worker processes, which slice the elements round-robin) each build whole batches in order.
  ds = grain.MapDataset.range(num_steps * b).map(loader).batch(b, drop_remainder=True)
  ds = ds.to_iter_dataset(grain.ReadOptions(num_threads=config.input.num_threads,
                                            prefetch_buffer_size=config.input.prefetch))
  if config.input.num_workers > 0:
    if not flags.FLAGS.is_parsed():  # grain workers read absl flags; our CLI is argparse
      flags.FLAGS.mark_as_parsed()
    ds = ds.mp_prefetch(grain.MultiprocessingOptions(num_workers=config.input.num_workers))
  return ds


def eval_batches(source, config, global_batch: int, process_index: int = 0, process_count: int = 1, hide=()):
  """Yields this process's rows of each global eval batch over the whole split, in record order,
  as dicts of frames / view_mask / tokens / report_hash. The last batch is padded by repeating
  the final record: the first len(source) rows of the gathered outputs are the split. hide: see
  `prepare_eval`."""
  b = local_batch_size(global_batch, process_count)
  n = len(source)
  steps = -(-n // global_batch)

  def load(j):
    step, row = divmod(j, b)
    index = min(step * global_batch + process_index * b + row, n - 1)
    rec = records.decode(source[index])
    ex = prepare_eval(rec, config, hide)
    ex["report_hash"] = report_hash(rec["report"])
    return ex

  ds = grain.MapDataset.range(steps * b).map(load).batch(b, drop_remainder=True)
  return ds.to_iter_dataset(grain.ReadOptions(num_threads=config.input.num_threads,
                                              prefetch_buffer_size=config.input.prefetch))
