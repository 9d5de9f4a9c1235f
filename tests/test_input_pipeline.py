"""Input pipeline: data order is a function of (seed, step) only, augmentation of
(seed, epoch, record) only, and the resampling matches independent numpy references."""


import os

import numpy as np
import pytest

from cmr_clip_jax import augment, config_lib, input_pipeline
from data_prep import records, slots, text as text_lib
from data_prep.errors import UserError
from fake_data import write_dataset

N_TRAIN = 40
BATCH = 8


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
  return write_dataset(str(tmp_path_factory.mktemp("data")), {"train": N_TRAIN, "val": 6},
                       frames_shape=(8, 4, 32, 32), max_tokens=16)


@pytest.fixture(scope="module")
def source(data_dir):
  return input_pipeline.split_source(data_dir, "train")


def tiny_config(**overrides):
  c = config_lib.load_config("configs/demo.py")
  c.batch_size, c.total_steps, c.seed = BATCH, 12, 3
  c.input.frames, c.input.size, c.model.text.max_len = 4, 32, 16
  c.input.num_threads, c.input.prefetch = 2, 2
  c.input.sentence_sample = 0.0  # rows are told apart by their stored (random, unique) token ids
  c.loss.sentence_weight = 0.0  # no tokenizer needed; its own test turns the sentence loss on
  for k, v in overrides.items():
    config_lib.set_value(c, k, str(v))
  return c


def batches(source, config, start=0, pi=0, pc=1, n=None):
  it = iter(input_pipeline.train_dataset(source, config, start, pi, pc))
  return [next(it) for _ in range(n or config.total_steps - start)]


def stacked(rec, t=4, size=32):
  """uint8 [V, t, size, size] of a decoded record's views over every slot (absent: zeros)."""
  return np.stack([rec["views"][n] if n in rec["views"] else np.zeros((t, size, size), np.uint8)
                   for n in records.VIEWS])


def record_ids(source, batch):
  """Which stored record each row is, identified by its (unique) token row."""
  table = {records.decode(source[i])["tokens"].tobytes(): i for i in range(len(source))}
  return [table[t.tobytes()] for t in batch["tokens"]]


def test_union_of_process_rows_is_the_single_process_batch(source):
  config = tiny_config()
  single = batches(source, config)
  for pc in (2, 4):
    per_process = [batches(source, config, pi=pi, pc=pc) for pi in range(pc)]
    for step, want in enumerate(single):
      for key in want:
        got = np.concatenate([per_process[pi][step][key] for pi in range(pc)])
        np.testing.assert_array_equal(got, want[key], err_msg=f"{pc} processes, step {step}, {key}")


def test_epochs_are_permutations_without_duplicates(source):
  config = tiny_config()
  ids = [record_ids(source, b) for b in batches(source, config)]
  steps_per_epoch = N_TRAIN // BATCH
  for e in range(2):
    epoch = sum(ids[e * steps_per_epoch:(e + 1) * steps_per_epoch], [])
    assert len(set(epoch)) == len(epoch) == steps_per_epoch * BATCH
  assert ids[:steps_per_epoch] != ids[steps_per_epoch:2 * steps_per_epoch]  # reshuffled
  other_seed = [record_ids(source, b) for b in batches(source, tiny_config(seed=4), n=2)]
  assert other_seed != ids[:2]


def test_iterator_built_at_a_step_resumes_exactly(source):
  config = tiny_config()
  full = batches(source, config)
  resumed = batches(source, config, start=7)
  for got, want in zip(resumed, full[7:]):
    for key in want:
      np.testing.assert_array_equal(got[key], want[key])


def test_augmentation_depends_on_seed_epoch_record_only(source):
  config = tiny_config()
  first = batches(source, config, n=10)
  again = batches(source, config, n=10)
  np.testing.assert_array_equal(first[3]["frames"], again[3]["frames"])
  # Record r seen in epoch 0 and epoch 1 gets different augmentations.
  ids0, ids1 = record_ids(source, first[0]), sum((record_ids(source, b) for b in first[5:10]), [])
  r = ids0[0]
  j = ids1.index(r)
  assert not np.array_equal(first[0]["frames"][0], first[5 + j // BATCH]["frames"][j % BATCH])
  # Off for eval: the deterministic view equals the stored frames (same T and size here).
  plain = batches(source, tiny_config(**{"input.augment": False}), n=1)[0]
  rec = records.decode(source[record_ids(source, plain)[0]])
  np.testing.assert_array_equal(plain["frames"][0], stacked(rec))
  np.testing.assert_array_equal(plain["view_mask"][0], rec["view_mask"])


def test_identity_augmentation_is_a_cine_only_frame_roll(source):
  spec = augment.AugmentSpec(crop_area=(1, 1), crop_aspect=(1, 1), max_rotation_deg=0,
                             contrast=(1, 1), brightness=0, view_dropout=0)
  rec = records.decode(source[0])
  rng = np.random.default_rng(5)
  offset = int(np.random.default_rng(5).integers(1 << 16)) % 4
  out, mask = augment.prepare(rec["views"], records.VIEWS, 4, 32, rng, spec)
  np.testing.assert_array_equal(mask, rec["view_mask"])
  cine = slice(0, len(records.CINE_VIEWS))
  np.testing.assert_array_equal(out[cine], np.roll(stacked(rec)[cine], -offset, axis=1))
  np.testing.assert_array_equal(out[6:], stacked(rec)[6:])


def test_resize_and_rotation_match_numpy_references():
  rng = np.random.default_rng(0)
  frames = rng.integers(0, 256, (8, 6, 32, 32), dtype=np.uint8)
  # Halving with pixel-centre bilinear sampling = 2x2 block means; frames [0, 2, 4] of 6 -> 3.
  want = frames[:, ::2].reshape(8, 3, 16, 2, 16, 2).astype(np.float64).mean((3, 5))
  got = augment.resize(frames, 3, 16)
  assert np.abs(got.astype(np.float64) - want).max() <= 0.5 + 1e-6
  # A 90 degree rotation of the full field of view is np.rot90.
  img = frames[0, :1, :, :]
  rot = augment._sample(img, *augment._grid(32, 32, 32, angle=np.pi / 2), 32)[0]
  assert any(np.allclose(rot, np.rot90(img[0], k), atol=1e-3) for k in (1, -1))


def test_view_dropout_never_hides_every_view():
  rng = np.random.default_rng(0)
  for _ in range(200):
    mask = rng.random(8) < 0.5
    kept = augment._drop_views(mask, 0.95, rng)
    assert not (kept & ~mask).any()
    assert kept.any() == mask.any()


def test_report_hash_normalises_case_and_whitespace():
  h = input_pipeline.report_hash("Normal  LV size.\nNo LGE.")
  assert h.dtype == np.uint32
  assert h == input_pipeline.report_hash("normal lv size. no lge.")
  assert h != input_pipeline.report_hash("dilated lv. no lge.")


# Written the way clinicians dictate: a numbered impression, titles, "i.e.", a line per section.
CLINICAL = ("IMPRESSION: 1. Dilated LV with severely impaired function (LVEF 22%). 2. Mid-wall septal LGE, "
            "i.e. non-ischaemic. 3. 4. Reviewed with Dr. [NAME] on [DATE].\nFINDINGS: LVEF 22. RV normal. "
            "No effusion")


def test_sentences_keep_list_numbers_and_abbreviations_with_their_sentence():
  assert input_pipeline.sentences(CLINICAL) == [
      "IMPRESSION: 1. Dilated LV with severely impaired function (LVEF 22%).",
      "2. Mid-wall septal LGE, i.e. non-ischaemic.", "3. 4. Reviewed with Dr. [NAME] on [DATE].",
      "FINDINGS: LVEF 22.", "RV normal.", "No effusion"]


def _subset_indices(text, parts):
  """The increasing indices of `parts` that, joined by spaces, make `text` (None if none do)."""
  def walk(rest, start):
    if not rest:
      return []
    for i in range(start, len(parts)):
      if rest == parts[i] or rest.startswith(parts[i] + " "):
        tail = walk(rest[len(parts[i]) + 1:], i + 1)
        if tail is not None:
          return [i] + tail
    return None
  return walk(text, 0)


@pytest.mark.parametrize("max_sentences", [0, 1, 2])
def test_sampled_reports_are_ordered_subsets_of_every_allowed_size(max_sentences):
  """Sizes 1..n (max 0), 1..max otherwise; with max 1 every sentence gets its turn alone."""
  parts, rng = input_pipeline.sentences(CLINICAL), np.random.default_rng(0)
  sizes, singles = set(), set()
  for _ in range(300):
    idx = _subset_indices(input_pipeline.sample_sentences(CLINICAL, rng, max_sentences), parts)
    assert idx is not None and idx == sorted(set(idx))
    sizes.add(len(idx))
    singles.update(idx if len(idx) == 1 else ())
  assert sizes == set(range(1, (max_sentences or len(parts)) + 1))
  assert singles == set(range(len(parts)))
  assert input_pipeline.sample_sentences("No LGE", rng, max_sentences) == "No LGE"


def test_sentence_sampling_feeds_the_text_tower_parts_of_its_report(tmp_path):
  """input.sentence_sample = 1: every training row's tokens are a sentencepiece encoding of an
  ordered subset of its record's sentences (one sentence and the whole report both occur), and
  its report_hash is that text's, so equal texts can count as positives."""
  data = write_dataset(str(tmp_path / "d"), {"train": 16, "val": 4}, frames_shape=(8, 4, 16, 16), max_tokens=16)
  source = input_pipeline.split_source(data, "train")
  reports = [records.decode(source[i])["report"] for i in range(len(source))]
  tok_path = os.path.join(data, "tokenizer.model")
  tok = text_lib.load_tokenizer(tok_path)  # write_dataset's, trained on its reports
  allowed = {}
  for r in reports:
    parts = input_pipeline.sentences(r)
    for mask in range(1, 2 ** len(parts)):
      text = " ".join(p for i, p in enumerate(parts) if mask >> i & 1)
      allowed[text_lib.normalize(text)] = len(parts) == bin(mask).count("1")
  config = tiny_config(**{"input.sentence_sample": 1.0, "input.size": 16, "total_steps": 6, "model.text.max_len": 40})
  config.data_dir = data
  whole = set()
  for batch in batches(source, config):
    for ids, h in zip(batch["tokens"], batch["report_hash"]):
      text = tok.decode([int(i) for i in ids if i > records.EOS_ID])
      assert text in allowed, text
      assert h == input_pipeline.report_hash(text)
      whole.add(allowed[text])
  assert whole == {True, False}
  config.input.sentence_max = 1  # ConVIRT's setting: every row reads one sentence of its report
  one = {text_lib.normalize(p) for r in reports for p in input_pipeline.sentences(r)}
  for batch in batches(source, config):
    assert {tok.decode([int(i) for i in ids if i > records.EOS_ID]) for ids in batch["tokens"]} <= one
  os.remove(tok_path)
  with pytest.raises(UserError, match="tokenizer.model is missing"):
    batches(source, config)


def test_sentence_batch_of_a_clinicians_report(data_dir):
  """Each dictated sentence (list numbers and titles kept with it) is its own row, tokenized as
  alone; equal sentences hash alike whatever their case; places past the report stay empty."""
  tok = text_lib.SentencePiece(os.path.join(data_dir, "tokenizer.model"), 24)
  parts = input_pipeline.sentences(CLINICAL)
  tokens, hashes = input_pipeline.sentence_batch(CLINICAL, 8, tok)
  for i, part in enumerate(parts):
    np.testing.assert_array_equal(tokens[i], tok(part))
  assert list(hashes[:len(parts)]) == [input_pipeline.report_hash(p) for p in parts]
  assert not tokens[len(parts):].any() and not hashes[len(parts):].any()
  assert input_pipeline.sentence_batch("rv NORMAL.", 1, tok)[1][0] == hashes[parts.index("RV normal.")]
  first, _ = input_pipeline.sentence_batch(CLINICAL, 2, tok)  # no rng: the first two
  np.testing.assert_array_equal(first, tokens[:2])


def test_sentence_loss_rows_are_the_whole_reports_sentences_each_alone(tmp_path):
  """loss.sentence_weight > 0: each training row also carries its record's sentences, each
  tokenized alone, taken from the whole report even when the tower's text is a sampled part of
  it; hashes mark equal sentences across studies and 0 marks an empty row (all pad)."""
  data = write_dataset(str(tmp_path / "d"), {"train": 16, "val": 4}, frames_shape=(8, 4, 16, 16), max_tokens=16)
  source = input_pipeline.split_source(data, "train")
  reports = [records.decode(source[i])["report"] for i in range(len(source))]
  tok = text_lib.load_tokenizer(os.path.join(data, "tokenizer.model"))
  decode = lambda ids: tok.decode([int(i) for i in ids if i > records.EOS_ID])
  config = tiny_config(**{"input.sentence_sample": 1.0, "input.sentence_max": 1, "input.size": 16,
                          "total_steps": 4, "model.text.max_len": 40, "loss.sentence_weight": 1.0,
                          "loss.sentences": 3, "loss.sentence_len": 24})
  config.data_dir = data
  for batch in batches(source, config):
    assert batch["sentences"].shape == (BATCH, 3, 24) and batch["sentence_hash"].dtype == np.uint32
    for ids, rows, hashes in zip(batch["tokens"], batch["sentences"], batch["sentence_hash"]):
      # The first sentence ("Finding k.") names the report; "Normal LV." ends every one.
      report = next(r for r in reports if text_lib.normalize(r).startswith(decode(rows[0])))
      parts = input_pipeline.sentences(report)
      assert [decode(r) for r in rows[:2]] == [text_lib.normalize(p) for p in parts]
      assert decode(ids) in map(text_lib.normalize, parts)  # the tower's one sampled sentence, same record
      assert list(hashes[:2]) == [input_pipeline.report_hash(p) for p in parts]
      assert hashes[2] == 0 and not rows[2].any()
    assert len(set(batch["sentence_hash"][:, 1])) == 1  # the shared sentence: one hash
  config.loss.sentences = 1  # fewer places than sentences: a random one of them, both in turn
  seen = {int(h) for batch in batches(source, config) for h in batch["sentence_hash"][:, 0]}
  assert input_pipeline.report_hash("Normal LV.") in seen and len(seen) > 2


def test_prepare_eval_truncates_tokens_keeping_eos(source):
  config = tiny_config(**{"model.text.max_len": 4, "input.size": 16})
  rec = records.decode(source[0])
  ex = input_pipeline.prepare_eval(rec, config)
  assert ex["frames"].shape == (records.NUM_VIEWS, 4, 16, 16) and ex["frames"].dtype == np.uint8
  np.testing.assert_array_equal(ex["tokens"][:3], rec["tokens"][:3])
  assert ex["tokens"][3] == (records.EOS_ID if rec["tokens"][4] else rec["tokens"][3])


def test_eval_batches_cover_the_split_in_order(data_dir):
  source = input_pipeline.split_source(data_dir, "val")
  got = list(input_pipeline.eval_batches(source, tiny_config(), 4))
  tokens = np.concatenate([b["tokens"] for b in got])[:len(source)]
  want = np.stack([records.decode(source[i])["tokens"] for i in range(len(source))])
  np.testing.assert_array_equal(tokens, want)


def test_bad_data_dir_split_and_batch_are_user_errors(tmp_path, source, data_dir):
  with pytest.raises(UserError, match="manifest.json"):
    input_pipeline.split_source(str(tmp_path), "train")
  with pytest.raises(UserError, match="split 'nope'"):
    input_pipeline.split_source(data_dir, "nope")
  with pytest.raises(UserError, match="larger than"):
    input_pipeline.train_dataset(source, tiny_config(batch_size=64), 0)


def test_worker_processes_give_the_thread_batches(source):
  want = batches(source, tiny_config(), n=3)
  got = batches(source, tiny_config(**{"input.num_workers": 2}), n=3)
  for g, w in zip(got, want):
    for key in w:
      np.testing.assert_array_equal(g[key], w[key])


def test_maps_enter_the_model_through_their_fixed_physical_window():
  """A native T1 map of 1000 ms (myocardium) and 1100 ms (raised) is 120 and 140 on the model's
  scale (400-1675 ms -> 0-255) in every study, whatever else the image holds, and intensity
  jitter never touches it; positions (3 stored) repeat over T."""
  t1 = np.full((3, 16, 16), 1000, np.uint16)
  t1[:, 8:] = 1100
  t1[0, 0, 0] = 60000  # a hot pixel does not rescale the rest, as a per-image window would
  cine = np.random.default_rng(0).integers(0, 256, (4, 16, 16), dtype=np.uint8)
  views = {"cine_sax_mid": cine, "t1_native_sax": t1}
  frames, mask = augment.prepare(views, records.VIEWS, 6, 16)
  i = records.VIEWS.index("t1_native_sax")
  assert mask[i] and mask.sum() == 2
  lo, hi = slots.BY_NAME["t1_native_sax"].input_range
  want = [round((ms - lo) * 255 / (hi - lo)) for ms in (1000, 1100)]
  assert want == [120, 140]
  assert frames[i, :, 4, 4].tolist() == [want[0]] * 6 and frames[i, :, 12, 12].tolist() == [want[1]] * 6
  assert frames[i, 0, 0, 0] == 255  # clipped at the window's top
  spec = augment.AugmentSpec(crop_area=(1, 1), crop_aspect=(1, 1), max_rotation_deg=0, contrast=(0.5, 0.6),
                             brightness=0.2, view_dropout=0)
  jittered, _ = augment.prepare(views, records.VIEWS, 6, 16, np.random.default_rng(1), spec)
  np.testing.assert_array_equal(jittered[i, :, 1:], frames[i, :, 1:])
  c = records.VIEWS.index("cine_sax_mid")
  assert jittered[c].mean() < 0.8 * frames[c].mean()  # the cine's contrast was halved


def test_version_1_records_read_with_the_new_slots_absent(tmp_path):
  data = write_dataset(str(tmp_path / "v1"), {"train": 4}, frames_shape=(8, 4, 32, 32), schema_version=1)
  v1 = input_pipeline.split_source(data, "train")
  rec = records.decode(v1[0])
  assert rec["schema_version"] == 1 and rec["view_mask"].shape == (records.NUM_VIEWS,)
  assert not rec["view_mask"][8:].any() and set(rec["views"]) <= set(records.VIEWS[:8])
  ex = input_pipeline.prepare_eval(rec, tiny_config())
  assert ex["frames"].shape == (records.NUM_VIEWS, 4, 32, 32) and not ex["view_mask"][8:].any()
