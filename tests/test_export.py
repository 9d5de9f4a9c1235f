"""Export and bundles from a tiny checkpoint saved FSDP-sharded over 8 devices; the eval command on it.

One module fixture builds data (real ArrayRecord shards with labels, a real sentencepiece
model), a sharded train state saved with the trainer's Orbax helpers, and one bundle. The
bundle's two encoder paths must reproduce the training params' embeddings to 1e-5.
"""

import json
import os
import subprocess
import sys

import jax
import numpy as np
import pytest
from array_record.python.array_record_module import ArrayRecordWriter
from sklearn import metrics

from cmr_clip_jax import augment, checkpointing, cli, config_lib, input_pipeline, optimizer, sharding
from data_prep import records
from cmr_clip_jax import bundle as bundle_lib
from cmr_clip_jax import model as model_lib
from cmr_clip_jax import evaluate, run_info, train_step, zero_shot
from data_prep import text as text_lib
from tests import fake_data

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEP = 3
REPORTS = ["Dilated left ventricle with poor function.", "Normal study.", "Thick septum, small cavity.",
           "Scar in the inferior wall.", "Large right ventricle."]


def _tiny_config(data_dir):
  c = config_lib.load_config(os.path.join(ROOT, "configs", "demo.py"))
  c.data_dir = data_dir
  c.input.frames, c.input.size = 4, 32
  c.batch_size = c.microbatch_size = 8
  c.mesh_shape = (1, 8, 1)  # FSDP over all 8 devices: every kernel is split on the host side
  c.model.embed_dim = 16
  for tower in (c.model.image, c.model.text):
    tower.width, tower.depth, tower.heads, tower.mlp_dim = 32, 1, 2, 64
  c.model.text.max_len = 12  # < the stored 16: exercises the eval truncation
  return c


def _add_labels(data_dir, rng):
  """Rewrites every shard with random ground-truth labels (fake_data leaves them empty)."""
  with open(os.path.join(data_dir, "manifest.json")) as f:
    manifest = json.load(f)
  for split in manifest["splits"].values():
    for shard in split["shards"]:
      path = os.path.join(data_dir, shard["file"])
      src = input_pipeline.grain.sources.ArrayRecordDataSource([path])
      recs = [records.decode(src[i]) for i in range(len(src))]
      w = ArrayRecordWriter(path + ".tmp", "group_size:1")
      for r in recs:
        labels = {f: int(rng.integers(0, 2)) for f in records.FINDINGS}
        labels.update(diagnosis=records.DIAGNOSES[int(rng.integers(0, 5))], lvef=55.0)
        w.write(records.encode(dict(r, labels=labels)))
      w.close()
      os.replace(path + ".tmp", path)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
  root = tmp_path_factory.mktemp("export")
  data = str(root / "data")
  os.makedirs(data)
  vocab = text_lib.train_tokenizer(REPORTS * 4, os.path.join(data, "tokenizer.model"), 48)
  fake_data.write_dataset(data, splits={"train": 24, "test": 12}, frames_shape=(8, 4, 32, 32),
                          max_tokens=16, vocab_size=max(vocab, 48))
  _add_labels(data, np.random.default_rng(0))
  manifest = input_pipeline.load_manifest(data)
  config = _tiny_config(data)
  workdir = str(root / "run")
  run_info.write(workdir, config, data, manifest)
  model = model_lib.build_model(config.model, manifest["vocab_size"])
  mesh = sharding.make_mesh(config.mesh_shape)
  tx, _ = optimizer.make_optimizer(config)
  state, _ = train_step.init_train_state(config, model, tx, mesh, 0)
  assert any(len(x.sharding.device_set) == 8 and not x.sharding.is_fully_replicated
             for x in jax.tree.leaves(state["params"])), "fixture meant a sharded state"
  manager = checkpointing.make_manager(workdir, keep=1)
  checkpointing.save(manager, STEP, state, {"step": STEP})
  manager.wait_until_finished()
  manager.close()
  out = str(root / "bundle")
  assert cli.main(["export", "--workdir", workdir, "--out", out, "--platforms", "cpu"]) == 0
  params = jax.tree.map(np.asarray, jax.device_get(state["params"]))
  return dict(root=root, data=data, workdir=workdir, bundle=out, config=config, model=model,
              params=params, manifest=manifest, mesh=mesh)


def _split(data, split):
  """Decoded records, each with `frames` uint8 [V, 4, 32, 32] / `view_mask` [V] over every slot of the
  table (the fixture model's views), as `embed_study` takes them."""
  src = input_pipeline.split_source(data, split)
  recs = [records.decode(src[i]) for i in range(len(src))]
  for r in recs:
    r["frames"], r["view_mask"] = augment.prepare(r["views"], records.VIEWS, 4, 32)
  return recs


def _reference_image(run, recs):
  ex = [input_pipeline.prepare_eval(r, run["config"]) for r in recs]
  fn = jax.jit(lambda p, f, m: run["model"].apply({"params": p}, f, m, method="encode_image"))
  return np.asarray(fn(run["params"], np.stack([e["frames"] for e in ex]), np.stack([e["view_mask"] for e in ex])))


def _reference_text(run, texts):
  tok = text_lib.load_tokenizer(os.path.join(run["data"], "tokenizer.model"))
  tokens = np.stack([input_pipeline.truncate_tokens(text_lib.encode(tok, t, 16), 12) for t in texts])
  fn = jax.jit(lambda p, t: run["model"].apply({"params": p}, t, method="encode_text"))
  return np.asarray(fn(run["params"], tokens))


def test_bundle_layout_and_weights(run):
  files = set(os.listdir(run["bundle"]))
  assert set(bundle_lib.FILES.values()) <= files
  assert not [f for f in os.listdir(run["root"]) if f.startswith(".bundle")], "temp folder left behind"
  from safetensors.numpy import load_file
  flat = load_file(os.path.join(run["bundle"], "model.safetensors"))
  ref = bundle_lib.flatten_params(model_lib.unstack_layers(run["params"]))  # per-layer keys for users
  assert set(flat) == set(ref) and "log_scale" in flat and "img/block_0/mlp/fc1/kernel" in flat
  assert not [k for k in flat if "/blocks/" in k]
  for k, v in ref.items():
    assert flat[k].dtype == np.float32 and flat[k].shape == v.shape
    np.testing.assert_array_equal(flat[k], v)
  cfg = json.load(open(os.path.join(run["bundle"], "config.json")))
  assert cfg["step"] == STEP and cfg["input"] == {"frames": 4, "size": 32, "max_len": 12,
                                                  "views": list(records.VIEWS)}
  card = open(os.path.join(run["bundle"], "README.md")).read()
  assert "Research use only" in card and "synthetic" in card and "| train | 24 |" in card


def test_bundle_has_no_ids_or_paths(run):
  blobs = b"".join(open(os.path.join(run["bundle"], f), "rb").read() for f in os.listdir(run["bundle"]))
  ids = {r["patient_id"] for s in ("train", "test") for r in _split(run["data"], s)}
  ids |= {r["study_id"] for r in _split(run["data"], "test")}
  assert not [i for i in ids if len(i) > 4 and i.encode() in blobs]
  assert str(run["root"]).encode() not in blobs  # no local paths (data_dir, workdir)


@pytest.mark.parametrize("use_stablehlo", [False, True])
def test_bundle_embeddings_equal_training_params(run, use_stablehlo):
  b = bundle_lib.load_bundle(run["bundle"], use_stablehlo=use_stablehlo)
  recs = _split(run["data"], "test")
  z = b.embed_study(np.stack([r["frames"] for r in recs]), np.stack([r["view_mask"] for r in recs]))
  ref = _reference_image(run, recs)
  assert z.shape == (12, 16)
  np.testing.assert_allclose(z, ref, atol=1e-5)
  np.testing.assert_allclose(b.embed_study(recs[0]["frames"], recs[0]["view_mask"]), ref[0], atol=1e-5)
  np.testing.assert_allclose(b.embed_text(REPORTS), _reference_text(run, REPORTS), atol=1e-5)


def test_bundle_written_before_the_layer_scan_loads(run, tmp_path):
  """Pre-scan bundles: per-layer safetensors keys, StableHLO called with that per-layer tree,
  config.json with a bool `remat`. Ours keep the first two, so only the config differs."""
  import shutil
  old = tmp_path / "old_bundle"
  shutil.copytree(run["bundle"], old)
  cfg = json.load(open(old / "config.json"))
  cfg["model"].pop("remat_policy")
  cfg["model"]["remat"] = False
  json.dump(cfg, open(old / "config.json", "w"))
  with open(old / "text_encoder.stablehlo", "rb") as f:
    assert "block_0" in str(jax.export.deserialize(bytearray(f.read())).in_tree)
  ref = _reference_text(run, REPORTS)
  for use_stablehlo in (False, True):
    np.testing.assert_allclose(bundle_lib.load_bundle(str(old), use_stablehlo).embed_text(REPORTS), ref, atol=1e-5)


def test_bundle_made_before_the_slot_table_loads(run, tmp_path):
  """A bundle from before the slot table: 8 slots (view_embed [8, ...]), no input.views in its
  config. It loads and embeds an 8-slot study as the same weights do in the table's model with
  the new slots masked (absent views are never attention keys, so they cannot matter)."""
  import shutil
  from safetensors.numpy import load_file, save_file
  old = tmp_path / "v1_bundle"
  shutil.copytree(run["bundle"], old)
  cfg = json.load(open(old / "config.json"))
  del cfg["input"]["views"]
  json.dump(cfg, open(old / "config.json", "w"))
  flat = load_file(str(old / "model.safetensors"))
  assert flat["img/view_embed"].shape[0] == records.NUM_VIEWS
  flat["img/view_embed"] = np.ascontiguousarray(flat["img/view_embed"][:8])
  if cfg["model"]["image"]["pool"] == "views":  # the projection's rows: CLS, then one block a slot
    width = flat["img/view_embed"].shape[-1]
    flat["img/proj/kernel"] = np.ascontiguousarray(flat["img/proj/kernel"][:9 * width])
  save_file(flat, str(old / "model.safetensors"))
  b = bundle_lib.load_bundle(str(old))
  assert b.views == records.VIEWS[:8] and b.frames_shape[0] == 8
  recs = [dict(r, views={k: v for k, v in r["views"].items() if k in records.VIEWS[:8]})
          for r in _split(run["data"], "test")]
  frames, mask = zip(*[augment.prepare(r["views"], b.views, 4, 32) for r in recs])
  np.testing.assert_allclose(b.embed_study(np.stack(frames), np.stack(mask)), _reference_image(run, recs), atol=1e-5)


@pytest.mark.slow
def test_stablehlo_bundle_in_fresh_process(run, tmp_path):
  recs = _split(run["data"], "test")[:3]
  np.save(tmp_path / "f.npy", np.stack([r["frames"] for r in recs]))
  np.save(tmp_path / "m.npy", np.stack([r["view_mask"] for r in recs]))
  code = f"""
import json, sys, numpy as np, cmr_clip_jax
def banned(prefixes, modules=('cmr_clip_jax.train', 'cmr_clip_jax.train_step', 'cmr_clip_jax.checkpointing',
                              'cmr_clip_jax.optimizer', 'cmr_clip_jax.input_pipeline')):
  return [m for m in sys.modules if m.split('.')[0] in prefixes or m in modules]
b = cmr_clip_jax.load_bundle({run['bundle']!r}, use_stablehlo=True)
z = b.embed_study(np.load({str(tmp_path / 'f.npy')!r}), np.load({str(tmp_path / 'm.npy')!r}))
t = b.embed_text("Normal study.")
zs = b.zero_shot(z)
hlo_banned = banned(('flax', 'optax', 'orbax', 'grain')) + banned((), ('cmr_clip_jax.model',))
z2 = cmr_clip_jax.load_bundle({run['bundle']!r}).embed_study(np.load({str(tmp_path / 'f.npy')!r}),
                                                              np.load({str(tmp_path / 'm.npy')!r}))
print(json.dumps({{"z": z.tolist(), "z2": z2.tolist(), "t": t.tolist(), "dx": zs[0]["diagnosis"],
                  "banned": hlo_banned + banned(('optax', 'orbax', 'grain'))}}))
"""
  env = dict(os.environ, XLA_FLAGS="", JAX_PLATFORMS="cpu")
  out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
  assert out.returncode == 0, out.stderr[-2000:]
  res = json.loads(out.stdout.strip().splitlines()[-1])
  assert res["banned"] == []
  np.testing.assert_allclose(res["z"], _reference_image(run, recs), atol=1e-5)
  np.testing.assert_allclose(res["z2"], _reference_image(run, recs), atol=1e-5)
  np.testing.assert_allclose(res["t"], _reference_text(run, ["Normal study."])[0], atol=1e-5)
  assert res["dx"] in records.DIAGNOSES


def test_embed_cli_text_and_errors(run, capsys):
  assert cli.main(["embed", "--bundle", run["bundle"], "--text", REPORTS[0]]) == 0
  out = json.loads(capsys.readouterr().out)
  np.testing.assert_allclose(out["embedding"], _reference_text(run, REPORTS[:1])[0], atol=1e-5)
  assert out["dim"] == 16
  assert cli.main(["embed", "--bundle", str(run["root"] / "nope"), "--text", "x"]) == 2
  assert cli.main(["embed", "--bundle", run["bundle"], "--dicom", str(run["root"] / "nope")]) == 2
  assert "not found" in capsys.readouterr().err


def test_embed_cli_dicom_study(run, tmp_path, capsys):
  from data_prep import convert
  from data_prep.synth import generate as synth
  synth.generate(str(tmp_path), 1, seed=3)
  study = next(os.path.join(tmp_path, d) for d in os.listdir(tmp_path) if os.path.isdir(os.path.join(tmp_path, d)))
  assert cli.main(["embed", "--bundle", run["bundle"], "--dicom", study, "--stablehlo"]) == 0
  text = capsys.readouterr().out
  out = json.loads(text)
  views, _ = convert.load_study(study, frames=4, size=32, spacing_mm=2.0)  # the fixture data's shape
  frames, view_mask = augment.prepare(views, records.VIEWS, 4, 32)  # the eval pipeline's view of them
  ref = bundle_lib.load_bundle(run["bundle"]).embed_study(frames, view_mask)  # the Flax path
  np.testing.assert_allclose(out["embedding"], ref, atol=1e-5)
  assert out["views"] == [v for v, m in zip(records.VIEWS, view_mask) if m]
  assert "t1_native_sax" in out["views"]  # the synthetic study's maps reach the encoder
  assert set(out["zero_shot"]["findings"]) == set(records.FINDINGS)
  assert not [w for w in os.path.basename(study).split("_") if len(w) > 3 and w in text]  # no name/accession


def test_export_refuses_foreign_out_folder(run, tmp_path):
  (tmp_path / "precious.txt").write_text("keep me")
  assert cli.main(["export", "--workdir", run["workdir"], "--out", str(tmp_path)]) == 2
  assert (tmp_path / "precious.txt").read_text() == "keep me"
  assert cli.main(["export", "--workdir", str(tmp_path / "missing"), "--out", str(tmp_path / "b")]) == 2


@pytest.mark.slow
def test_eval_cli_matches_independent_reference(run, capsys):
  assert cli.main(["eval", "--workdir", run["workdir"], "--split", "test", "--bootstrap", "200",
                   "--batch-size", "16"]) == 0
  res = json.load(open(os.path.join(run["workdir"], "eval", "test.json")))
  assert res["step"] == STEP and res["num_studies"] == 12
  for png in res["plots"]:
    assert os.path.getsize(os.path.join(run["workdir"], "eval", png)) > 1000
  # Reference: bundle embeddings (safetensors path) + scikit-learn, from the records' labels.
  recs = _split(run["data"], "test")
  b = bundle_lib.load_bundle(run["bundle"])
  zimg = b.embed_study(np.stack([r["frames"] for r in recs]), np.stack([r["view_mask"] for r in recs]))
  tokens = np.stack([input_pipeline.truncate_tokens(r["tokens"], 12) for r in recs])  # fake data: random ids
  ztxt = np.asarray(run["model"].apply({"params": run["params"]}, tokens, method="encode_text"))
  zs = res["zero_shot"]
  for i, f in enumerate(records.FINDINGS):
    y = [r["labels"][f] for r in recs]
    prompts = zero_shot.load_prompts()["findings"][f]
    score = zimg @ b.embed_text(prompts["positive"]).mean(0) - zimg @ b.embed_text(prompts["negative"]).mean(0)
    assert zs["findings_auc"][f] == pytest.approx(metrics.roc_auc_score(y, score), abs=1e-6)
    lo, hi = zs["findings_auc_ci95"][f]
    assert lo <= zs["findings_auc"][f] <= hi
  assert zs["findings_macro_auc"] == pytest.approx(np.mean(list(zs["findings_auc"].values())))
  for group, members in records.FINDING_GROUPS.items():
    assert zs["findings_macro_auc_by_group"][group] == pytest.approx(np.mean([zs["findings_auc"][f] for f in members]))
  y = [records.DIAGNOSES.index(r["labels"]["diagnosis"]) for r in recs]
  pred = np.argmax(np.stack([zimg @ b.embed_text(b.prompts["diagnoses"][c]).mean(0) for c in records.DIAGNOSES], 1), 1)
  assert zs["diagnosis_accuracy"] == pytest.approx(metrics.accuracy_score(y, pred))
  assert zs["diagnosis_macro_f1"] == pytest.approx(metrics.f1_score(y, pred, average="macro"))
  sim = zimg @ ztxt.T
  r1 = np.mean([(sim[i] > sim[i, i]).sum() == 0 for i in range(12)])
  assert res["retrieval"]["study_to_report"]["R@1"] == pytest.approx(r1)
  assert {"1", "4", "16"} == set(res["few_shot"]["diagnosis"])
  assert 0.0 <= res["linear_probe"]["diagnosis_accuracy"] <= 1.0
  assert set(res["report_prototypes"]["findings_auc"]) == set(records.FINDINGS)
  for f in records.FINDINGS:  # the same prompts, scored on the reports' own embeddings
    y = [r["labels"][f] for r in recs]
    prompts = zero_shot.load_prompts()["findings"][f]
    score = ztxt @ b.embed_text(prompts["positive"]).mean(0) - ztxt @ b.embed_text(prompts["negative"]).mean(0)
    assert res["prompts_on_reports"]["findings_auc"][f] == pytest.approx(metrics.roc_auc_score(y, score), abs=1e-6)
  y = [records.DIAGNOSES.index(r["labels"]["diagnosis"]) for r in recs]
  pred = np.argmax(np.stack([ztxt @ b.embed_text(b.prompts["diagnoses"][c]).mean(0) for c in records.DIAGNOSES], 1), 1)
  assert res["prompts_on_reports"]["diagnosis_accuracy"] == pytest.approx(metrics.accuracy_score(y, pred))
  # The report probe is fitted on the train split's report embeddings and read on the test split's.
  train = _split(run["data"], "train")
  fit_t = np.asarray(run["model"].apply({"params": run["params"]}, np.stack(
      [input_pipeline.truncate_tokens(r["tokens"], 12) for r in train]), method="encode_text"))
  fit_yf, fit_yd = evaluate.label_arrays([r["labels"] for r in train])
  yf, yd = evaluate.label_arrays([r["labels"] for r in recs])
  want = evaluate.linear_probe_metrics(fit_t, fit_yf, fit_yd, ztxt, yf, yd)
  assert res["report_probe"]["fit_studies"] == len(train)
  assert res["report_probe"]["diagnosis_accuracy"] == pytest.approx(want["diagnosis_accuracy"], abs=1e-6)
  for f, auc in want["findings_auc"].items():
    assert res["report_probe"]["findings_auc"][f] == pytest.approx(auc, abs=1e-6)
  assert res["report_probe"]["findings_auc"] != res["linear_probe"]["findings_auc"]  # not the image probe
  assert cli.main(["eval", "--workdir", str(run["root"] / "missing")]) == 2


def test_bundle_records_provenance(run):
  cfg = json.load(open(os.path.join(run["bundle"], "config.json")))
  assert set(cfg["provenance"]) == {"data", "training", "export"}
  assert cfg["provenance"]["export"]["package_version"] == cfg["package_version"]
  card = open(os.path.join(run["bundle"], "README.md")).read()
  assert f"- export: code {cfg['package_version']} @ " in card
  assert "- data: not recorded" in card  # the fixture's manifest predates provenance


def test_reconverted_data_is_refused_by_eval_and_export(run, tmp_path, capsys):
  """The run's data folder deleted and converted again (a new tokenizer): one line, exit 2, no output."""
  import shutil
  data = str(tmp_path / "data")
  shutil.copytree(run["data"], data)
  size = text_lib.train_tokenizer([r.replace("ventricle", "LV") for r in REPORTS] * 4,
                                  os.path.join(data, "tokenizer.model"), 48)
  assert size == run["manifest"]["vocab_size"]  # same size, other pieces: only the hash tells
  capsys.readouterr()
  for argv in (["export", "--workdir", run["workdir"], "--data", data, "--out",
                str(tmp_path / "b")],
               ["eval", "--workdir", run["workdir"], "--data", data, "--split", "test"]):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not fit the run" in err[0] and "another tokenizer" in err[0], err
  assert not os.path.exists(tmp_path / "b")


def test_eval_on_external_mnms_layout(run, tmp_path):
  """Eval-only records (no report, no tokens, no tokenizer of their own) from `convert-nifti`:
  zero-shot overall and per vendor against the bundle's embeddings and scikit-learn; the
  probe is cross-validated and labelled supervised; no retrieval (there are no reports)."""
  from data_prep.synth import generate as synth
  src, data = str(tmp_path / "mnms"), str(tmp_path / "ext")
  synth.generate(src, 12, 0, layout="mnms", matrix=32, frames=6, slices=3)
  (tmp_path / "key").write_text("export-test-key-not-a-secret\n")
  assert cli.main(["convert-nifti", "--layout", "mnms", "--root", src, "--out", data, "--frames", "4",
                   "--size", "32", "--spacing", "4.0", "--key-file", str(tmp_path / "key")]) == 0
  assert cli.main(["eval", "--workdir", run["workdir"], "--data", data, "--split", "all", "--bootstrap", "100",
                   "--batch-size", "16"]) == 0
  res = json.load(open(os.path.join(run["workdir"], "eval", "mnms_all.json")))
  assert "retrieval" not in res and res["num_studies"] == 12
  recs = _split(data, "all")
  b = bundle_lib.load_bundle(run["bundle"])
  zimg = b.embed_study(np.stack([r["frames"] for r in recs]), np.stack([r["view_mask"] for r in recs]))
  y = np.array([records.DIAGNOSES.index(r["labels"]["diagnosis"]) for r in recs])
  pred = np.argmax(np.stack([zimg @ b.embed_text(b.prompts["diagnoses"][c]).mean(0) for c in records.DIAGNOSES], 1), 1)
  assert res["zero_shot"]["diagnosis_accuracy"] == pytest.approx(metrics.accuracy_score(y, pred))
  vendors = np.array([r["meta"]["vendor"] for r in recs])
  for v, row in res["by_group"]["vendor"].items():
    assert row["studies"] == int((vendors == v).sum())
    assert row["diagnosis_accuracy"] == pytest.approx(metrics.accuracy_score(y[vendors == v], pred[vendors == v]))
  assert set(res["by_group"]) == {"vendor", "centre"}
  assert res["linear_probe"]["protocol"].startswith("supervised")
  assert 0.0 <= res["linear_probe"]["diagnosis_accuracy"] <= 1.0
  assert set(res["few_shot"]["diagnosis"]) == {"1", "4", "16"}
  assert "lge" not in res["zero_shot"]["findings_auc"]  # cine-only data has no LGE labels
