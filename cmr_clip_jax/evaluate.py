"""`cmr-clip eval --workdir DIR [--data DIR] [--split test]`: what a trained run can do.

Embeds one split with the run's latest (or `--step`) checkpoint, then reports:
  - zero-shot findings: per-finding AUC of the prompt score (mean cosine to positive prompts
    minus to negative ones), macro-AUC, bootstrap 95% intervals over studies, and a
    shuffled-label control (same scores, permuted labels) that must sit at 0.5;
  - zero-shot diagnosis: argmax over per-class prompt sets; accuracy, macro-F1, confusion;
  - retrieval study->report and report->study over the split: R@1/5/10, median rank;
  - few-shot prototypes (1/4/16 shots per class from the fit split, several seeded draws) and a
    logistic linear probe fitted on the fit split's frozen embeddings, for comparison;
  - report-text prototypes: the fit split's labelled reports, embedded, in place of the
    prompts (not zero-shot: it shows how much of a zero-shot gap is the prompts' wording).
External, eval-only data (`cmr-clip convert-nifti`: no reports, one split 'all') gets no
retrieval; its few-shot prototypes and linear probe are cross-validated over the evaluated
studies (CV_FOLDS folds, stratified by diagnosis; the probe is supervised and says so), and
every metadata field in GROUP_FIELDS with two or more values (M&Ms vendor, centre) gets its
own zero-shot and probe figures with bootstrap intervals.
Writes DIR/eval/{split}.json (external data: {layout}_{split}.json; aggregates only, no study ids)
and PNG plots next to it.
"""

import json
import os
import sys

import numpy as np

from cmr_clip_jax import distributed, run_info, zero_shot
from cmr_clip_jax import eval_metrics as em
from data_prep import fileio, records
from data_prep.errors import UserError
from data_prep import text as text_lib

SHOTS = (1, 4, 16)
FEW_SHOT_SEEDS = (0, 1, 2, 3, 4)
SHUFFLES = 20  # permutations averaged in the shuffled-label control
CV_FOLDS = 5  # folds of the cross-validated probe and few-shot on data without a fit split
GROUP_FIELDS = ("vendor", "centre")  # record meta fields broken down on external data


def add_arguments(parser):
  parser.add_argument("--workdir", required=True, help="training run folder (config.json, checkpoints/)")
  parser.add_argument("--data", default=None, help="data folder (default: the run's config data_dir)")
  parser.add_argument("--split", default="test", help="split to evaluate (default: test)")
  parser.add_argument("--step", type=int, default=None, help="checkpoint step (default: latest)")
  parser.add_argument("--prompts", default=None, help="prompt file (default: the set shipped in cmr_clip_jax/prompts.py)")
  parser.add_argument("--fit-split", default="train",
                      help="split the few-shot support and the linear probe are drawn from (default: train)")
  parser.add_argument("--max-fit", type=int, default=2048,
                      help="at most this many fit-split studies are embedded (default: 2048)")
  parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default: 1000)")
  parser.add_argument("--batch-size", type=int, default=64, help="studies per embedding call")
  parser.add_argument("--seed", type=int, default=0, help="bootstrap, shuffles and few-shot draws")
  parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
  parser.add_argument("--name", default=None,
                      help="file name under WORKDIR/eval (default: the split; external data: LAYOUT_SPLIT), "
                           "e.g. heldout_philips for another data folder's test split")
  parser.add_argument("--hide-views", default="",
                      help="comma-separated view slots treated as absent in the evaluated split (an ablation, e.g. "
                           "the map slots: what the model reads without them); default name {split}_hide")
  distributed.add_arguments(parser)  # so that a multi-process start is recognised and refused


# ------------------------------------------------------------------------- embedding
class Embedder:
  """The run's towers on its mesh: studies of a split and texts -> L2-normalised embeddings."""

  def __init__(self, params, config, vocab_size: int, batch_size: int):
    import jax
    from cmr_clip_jax import model as model_lib, sharding, train_step
    self.config = config
    self.model = model_lib.build_model(config.model, vocab_size)
    try:
      self.mesh = sharding.make_mesh(config.mesh_shape)
    except UserError:  # trained on another device count: eval needs no particular layout
      print(f"eval: mesh_shape {tuple(config.mesh_shape)} does not fit the {jax.device_count()} devices "
            "here; using (-1, 1, 1)", file=sys.stderr)
      self.mesh = sharding.make_mesh((-1, 1, 1))
    shards = sharding.batch_shards(self.mesh)
    self.batch_size = -(-batch_size // shards) * shards  # a multiple of the batch shards
    # Placed once on the mesh (FSDP layout), not re-sent from the host every batch.
    self.params = jax.device_put(params, train_step.param_shardings(config, self.model, self.mesh))
    self._embed = train_step.make_embed_fn(config, self.model, self.mesh)
    self._text = jax.jit(lambda p, t: self.model.apply({"params": p}, t, method="encode_text"))

  def split(self, data_dir: str, split: str, limit: int | None = None, desc: str = "embed", hide=()):
    """-> (zimg f32 [N, D], ztxt f32 [N, D], labels list of dicts, number of distinct normalised
    reports, meta list of dicts) for the split's first N records. Records without a report
    (eval-only) embed an empty text: their ztxt means nothing."""
    from tqdm import tqdm
    from cmr_clip_jax import input_pipeline
    source = input_pipeline.split_source(data_dir, split)
    n = len(source) if limit is None else min(limit, len(source))
    if n == 0:
      raise UserError(f"split {split!r} in {data_dir} is empty")
    zi, zt = [], []
    batches = input_pipeline.eval_batches(_Head(source, n), self.config, self.batch_size, hide=hide)
    for batch in tqdm(batches, total=-(-n // self.batch_size), desc=f"{desc} {split}", unit="batch",
                      file=sys.stderr):
      a, b = self._embed(self.params, batch)
      zi.append(np.asarray(a))
      zt.append(np.asarray(b))
    recs = [records.decode(source[i]) for i in range(n)]
    unique = len({text_lib.normalize(r["report"]) for r in recs})
    return (np.concatenate(zi)[:n].astype(np.float32), np.concatenate(zt)[:n].astype(np.float32),
            [r["labels"] for r in recs], unique, [r["meta"] for r in recs])

  def texts(self, tokens: np.ndarray) -> np.ndarray:
    """int32 [n, L'] -> f32 [n, D]."""
    return np.asarray(self._text(self.params, tokens), np.float32)


class _Head:
  """The first n records of a random-access source (grain reads len() and [i])."""

  def __init__(self, source, n):
    self.source, self.n = source, n

  def __len__(self):
    return self.n

  def __getitem__(self, i):
    return self.source[i]


def text_tokenizer(data_dir: str, manifest: dict, config):
  """-> fn(list[str]) -> int32 [n, L']: convert's tokenizer and normalisation, then eval truncation
  (or the BERT tower's own WordPiece, as in training).

  `data_dir` holds the run's vocabulary: the data's own tokenizer, or for eval-only data without
  one (convert-nifti without --tokenizer), the run's training data folder (the caller picks)."""
  from cmr_clip_jax import input_pipeline
  wordpiece = input_pipeline.wordpiece(config)
  if wordpiece is not None:
    return lambda texts: np.stack([wordpiece(t) for t in texts])
  path = os.path.join(data_dir, manifest.get("tokenizer") or "tokenizer.model")
  max_tokens = manifest.get("max_tokens", config.model.text.max_len)
  if not os.path.isfile(path):
    raise UserError(f"no tokenizer for the prompts at {path}: pass the run's tokenizer.model to "
                    "`cmr-clip convert-nifti --tokenizer`")
  tok = text_lib.load_tokenizer(path)
  return lambda texts: np.stack([
      input_pipeline.truncate_tokens(text_lib.encode(tok, t, max_tokens), config.model.text.max_len)
      for t in texts])


# ------------------------------------------------------------------------- labels
def label_arrays(labels: list[dict]):
  """-> (findings int [N, F] with -1 where unknown, diagnosis int [N] with -1 where unknown)."""
  f = np.array([[int(l[k]) if l.get(k) not in (None, "") else -1 for k in records.FINDINGS] for l in labels],
               np.int64).reshape(len(labels), len(records.FINDINGS))
  d = np.array([records.DIAGNOSES.index(l["diagnosis"]) if l.get("diagnosis") in records.DIAGNOSES else -1
                for l in labels], np.int64)
  return f, d


def _macro_auc(y: np.ndarray, s: np.ndarray) -> float:
  """Mean over columns of AUC(y[:, j], s[:, j]) (columns with one class skipped)."""
  aucs = [em.roc_auc(y[:, j], s[:, j]) for j in range(y.shape[1])]
  aucs = [a for a in aucs if np.isfinite(a)]
  return float(np.mean(aucs)) if aucs else float("nan")


def _ci(metric, arrays, args):
  return list(em.bootstrap_ci(metric, arrays, num_samples=args.bootstrap, seed=args.seed))


# ------------------------------------------------------------------------- metric blocks
def zero_shot_metrics(zimg, prompt_emb, yf, yd, args) -> tuple[dict, dict]:
  """-> (json block, plot inputs). yf int [N, F] / yd int [N] with -1 = unknown."""
  scores = zero_shot.finding_scores(zimg, prompt_emb)
  out, curves = {"findings_auc": {}, "findings_auc_ci95": {}, "findings_prevalence": {},
                 "findings_support": {}}, {}
  names = [f for f in records.FINDINGS if f in scores and (yf[:, records.FINDINGS.index(f)] >= 0).any()]
  known = np.all(yf[:, [records.FINDINGS.index(f) for f in names]] >= 0, axis=1)
  y_mat = yf[known][:, [records.FINDINGS.index(f) for f in names]]
  s_mat = np.stack([scores[f][known] for f in names], 1)
  for j, f in enumerate(names):
    auc = em.roc_auc(y_mat[:, j], s_mat[:, j])
    out["findings_auc"][f] = auc
    out["findings_auc_ci95"][f] = _ci(em.roc_auc, (y_mat[:, j], s_mat[:, j]), args)
    out["findings_prevalence"][f] = float(y_mat[:, j].mean()) if len(y_mat) else float("nan")
    out["findings_support"][f] = int(len(y_mat))
    curves[f] = (*em.roc_curve(y_mat[:, j], s_mat[:, j]), auc)
  out["findings_macro_auc"] = _macro_auc(y_mat, s_mat)
  out["findings_macro_auc_ci95"] = _ci(_macro_auc, (y_mat, s_mat), args)
  cols = {g: [j for j, f in enumerate(names) if f in members] for g, members in records.FINDING_GROUPS.items()}
  out["findings_macro_auc_by_group"] = {g: _macro_auc(y_mat[:, c], s_mat[:, c]) for g, c in cols.items() if c}
  rng = np.random.default_rng(args.seed)
  shuffled = [_macro_auc(y_mat[rng.permutation(len(y_mat))], s_mat) for _ in range(SHUFFLES)]
  out["shuffled_control_macro_auc"] = float(np.mean(shuffled))
  out["shuffled_control_auc"] = {f: float(np.mean([em.roc_auc(y_mat[rng.permutation(len(y_mat)), j], s_mat[:, j])
                                                   for _ in range(SHUFFLES)])) for j, f in enumerate(names)}
  out["shuffled_control_macro_auc_range95"] = [float(q) for q in np.quantile(shuffled, [0.025, 0.975])]

  has_d = yd >= 0
  if not has_d.any():
    return out, {"curves": curves, "cm": None}
  logits = zero_shot.diagnosis_logits(zimg[has_d], prompt_emb)
  pred, y = logits.argmax(1), yd[has_d]
  c = len(records.DIAGNOSES)
  cm = em.confusion_matrix(y, pred, c)
  out.update({
      "diagnosis_classes": list(records.DIAGNOSES),
      "diagnosis_accuracy": em.accuracy(y, pred),
      "diagnosis_accuracy_ci95": _ci(em.accuracy, (y, pred), args),
      "diagnosis_macro_f1": em.macro_f1(y, pred, c),
      "diagnosis_confusion_matrix": cm.tolist(),
      "diagnosis_chance_accuracy": float(np.bincount(y, minlength=c).max() / max(len(y), 1)),
      "shuffled_control_diagnosis_accuracy": float(np.mean(
          [em.accuracy(y[rng.permutation(len(y))], pred) for _ in range(SHUFFLES)])),
  })
  return out, {"curves": curves, "cm": cm}


def retrieval_metrics(zimg, ztxt, unique_reports: int) -> dict:
  """Over the whole split; ties count for the query, so a study whose report text occurs twice
  is right with either copy (`unique_reports` says how often that can happen)."""
  sim = zimg.astype(np.float64) @ ztxt.astype(np.float64).T
  return {"num_candidates": int(len(zimg)), "unique_reports": int(unique_reports),
          "study_to_report": em.retrieval_metrics(sim),
          "report_to_study": em.retrieval_metrics(sim.T)}


def few_shot_metrics(fit_z, fit_yf, fit_yd, zimg, yf, yd) -> dict:
  """Nearest-prototype diagnosis and per-finding (positive vs negative prototype) results."""
  out = {"shots_per_class": list(SHOTS), "draws": len(FEW_SHOT_SEEDS), "diagnosis": {}, "findings_macro_auc": {}}
  fd, qd = fit_yd >= 0, yd >= 0
  for k in SHOTS:
    if fd.any() and qd.any():
      out["diagnosis"][str(k)] = em.few_shot(fit_z[fd], fit_yd[fd], zimg[qd], yd[qd], len(records.DIAGNOSES),
                                             k, FEW_SHOT_SEEDS)
    aucs = []
    for j in range(len(records.FINDINGS)):
      fj, qj = fit_yf[:, j] >= 0, yf[:, j] >= 0
      if len(np.unique(fit_yf[fj, j])) == 2 and len(np.unique(yf[qj, j])) == 2:
        aucs.append(em.few_shot(fit_z[fj], fit_yf[fj, j], zimg[qj], yf[qj, j], 2, k, FEW_SHOT_SEEDS)["auc"])
    out["findings_macro_auc"][str(k)] = float(np.mean(aucs)) if aucs else float("nan")
  return out


def prompts_on_reports_metrics(ztxt, prompt_emb, yf, yd) -> dict:
  """The prompts scored on the split's own report embeddings instead of its images. Where this
  is as low as zero-shot, the prompts and the text tower disagree about the finding, and no
  image tower can fix it; where it is high and zero-shot is not, the images are what fails."""
  scores = zero_shot.finding_scores(ztxt, prompt_emb)
  out = {"findings_auc": {}}
  for j, f in enumerate(records.FINDINGS):
    q = yf[:, j] >= 0
    if f in scores and len(np.unique(yf[q, j])) == 2:
      out["findings_auc"][f] = em.roc_auc(yf[q, j], scores[f][q])
  qd = yd >= 0
  if qd.any():
    out["diagnosis_accuracy"] = em.accuracy(yd[qd], zero_shot.diagnosis_logits(ztxt[qd], prompt_emb).argmax(1))
  return out


def report_prototype_metrics(fit_t, fit_yf, fit_yd, zimg, yf, yd) -> dict:
  """Zero-shot with the fit split's own report embeddings as the prompts: each label's prompt
  is the mean text embedding of the fit-split reports carrying it. Uses labels, so it is not
  zero-shot; it bounds what better-worded prompts could reach with this text tower."""
  out = {"findings_auc": {}}
  for j, f in enumerate(records.FINDINGS):
    fj, qj = fit_yf[:, j] >= 0, yf[:, j] >= 0
    if len(np.unique(fit_yf[fj, j])) == 2 and qj.any():
      p = em.class_prototypes(fit_t[fj], fit_yf[fj, j], 2)
      out["findings_auc"][f] = em.roc_auc(yf[qj, j], zimg[qj] @ (p[1] - p[0]))
  vals = [v for v in out["findings_auc"].values() if np.isfinite(v)]
  out["findings_macro_auc"] = float(np.mean(vals)) if vals else float("nan")
  fd, qd = fit_yd >= 0, yd >= 0
  if fd.any() and qd.any():
    protos = em.class_prototypes(fit_t[fd], fit_yd[fd], len(records.DIAGNOSES))
    out["diagnosis_accuracy"] = em.accuracy(yd[qd], (zimg[qd] @ protos.T).argmax(1))
  return out


def linear_probe_metrics(fit_z, fit_yf, fit_yd, zimg, yf, yd) -> dict:
  out = {"findings_auc": {}}
  fd, qd = fit_yd >= 0, yd >= 0
  if fd.any() and qd.any():
    c = len(records.DIAGNOSES)
    probs, best_c = em.linear_probe(fit_z[fd], fit_yd[fd], zimg[qd], c)
    out.update({"diagnosis_accuracy": em.accuracy(yd[qd], probs.argmax(1)),
                "diagnosis_macro_f1": em.macro_f1(yd[qd], probs.argmax(1), c), "diagnosis_C": best_c})
  for j, f in enumerate(records.FINDINGS):
    fj, qj = fit_yf[:, j] >= 0, yf[:, j] >= 0
    if len(np.unique(fit_yf[fj, j])) == 2 and qj.any():
      probs, _ = em.linear_probe(fit_z[fj], fit_yf[fj, j], zimg[qj], 2)
      out["findings_auc"][f] = em.roc_auc(yf[qj, j], probs[:, 1])
  vals = [v for v in out["findings_auc"].values() if np.isfinite(v)]
  out["findings_macro_auc"] = float(np.mean(vals)) if vals else float("nan")
  return out


def cross_validated_metrics(z, yf, yd, args) -> tuple[dict, dict]:
  """Few-shot prototypes and the linear probe on data with no separate fit split: CV_FOLDS folds
  over the evaluated studies (stratified by diagnosis), each fold predicted from the others only.
  -> (json block, {'diagnosis': out-of-fold probe prediction int [N], -1 where unlabelled})."""
  c = len(records.DIAGNOSES)
  folds = em.stratified_folds(yd, CV_FOLDS, args.seed)
  probe = {"protocol": f"supervised: logistic probe on frozen image embeddings, {CV_FOLDS}-fold cross-validated "
                       "over the evaluated studies (C chosen inside each training fold)", "findings_auc": {},
           "findings_auc_ci95": {}}
  shots = {"protocol": f"{CV_FOLDS}-fold cross-validated: support drawn from the other folds",
           "shots_per_class": list(SHOTS), "draws": len(FEW_SHOT_SEEDS), "diagnosis": {}}
  pred = np.full(len(z), -1)
  qd = yd >= 0
  if len(np.unique(yd[qd])) >= 2:
    probs = em.cross_val_probe(z[qd], yd[qd], c, folds[qd])
    pred[qd] = probs.argmax(1)
    shuffled = np.random.default_rng(args.seed).permutation(yd[qd])
    probe.update({
        "diagnosis_studies": int(qd.sum()), "diagnosis_accuracy": em.accuracy(yd[qd], pred[qd]),
        "diagnosis_accuracy_ci95": _ci(em.accuracy, (yd[qd], pred[qd]), args),
        "diagnosis_macro_f1": em.macro_f1(yd[qd], pred[qd], c),
        "diagnosis_confusion_matrix": em.confusion_matrix(yd[qd], pred[qd], c).tolist(),
        "shuffled_control_diagnosis_accuracy": em.accuracy(
            shuffled, em.cross_val_probe(z[qd], shuffled, c, folds[qd]).argmax(1))})
    for k in SHOTS:
      shots["diagnosis"][str(k)] = _cv_few_shot(z[qd], yd[qd], folds[qd], k)
  for j, name in enumerate(records.FINDINGS):
    qj = yf[:, j] >= 0
    if len(np.unique(yf[qj, j])) == 2:
      p = em.cross_val_probe(z[qj], yf[qj, j], 2, em.stratified_folds(yf[qj, j], CV_FOLDS, args.seed))[:, 1]
      probe["findings_auc"][name] = em.roc_auc(yf[qj, j], p)
      probe["findings_auc_ci95"][name] = _ci(em.roc_auc, (yf[qj, j], p), args)
  vals = [v for v in probe["findings_auc"].values() if np.isfinite(v)]
  probe["findings_macro_auc"] = float(np.mean(vals)) if vals else float("nan")
  return {"few_shot": shots, "linear_probe": probe}, {"diagnosis": pred}


def _cv_few_shot(z, y, folds, shots: int) -> dict:
  """Nearest-prototype diagnosis of each fold with support from the other folds; the per-fold
  metrics averaged, weighted by fold size."""
  runs, sizes = [], []
  for f in np.unique(folds):
    held = folds == f
    runs.append(em.few_shot(z[~held], y[~held], z[held], y[held], len(records.DIAGNOSES), shots, FEW_SHOT_SEEDS))
    sizes.append(int(held.sum()))
  return {k: float(np.average([r[k] for r in runs], weights=sizes)) for k in runs[0]}


def group_metrics(metas: list[dict], zimg, prompt_emb, yf, yd, probe_pred, args) -> dict:
  """{field: {value: zero-shot (and cross-validated probe) figures of that group's studies}} for each
  GROUP_FIELDS field with two or more values (M&Ms: vendor, centre)."""
  out = {}
  for field in GROUP_FIELDS:
    values = np.array([str(m.get(field, "")) for m in metas])
    if len(set(values) - {""}) < 2:
      continue
    out[field] = {}
    for v in sorted(set(values) - {""}):
      sel = values == v
      zs, _ = zero_shot_metrics(zimg[sel], prompt_emb, yf[sel], yd[sel], args)
      row = {"studies": int(sel.sum()), **{k: zs[k] for k in (
          "findings_macro_auc", "findings_macro_auc_ci95", "shuffled_control_macro_auc", "diagnosis_accuracy",
          "diagnosis_accuracy_ci95", "shuffled_control_diagnosis_accuracy") if k in zs}}
      labelled = sel & (probe_pred >= 0)
      if labelled.any():
        row["linear_probe_diagnosis_accuracy"] = em.accuracy(yd[labelled], probe_pred[labelled])
        row["linear_probe_diagnosis_accuracy_ci95"] = _ci(em.accuracy, (yd[labelled], probe_pred[labelled]), args)
      out[field][v] = row
  return out


# ------------------------------------------------------------------------- command
def _finite_or_none(obj):
  """NaN (an undefined metric, e.g. AUC with one class) -> None, so the file is strict JSON."""
  if isinstance(obj, dict):
    return {k: _finite_or_none(v) for k, v in obj.items()}
  if isinstance(obj, (list, tuple)):
    return [_finite_or_none(v) for v in obj]
  if isinstance(obj, (float, np.floating)):
    return float(obj) if np.isfinite(obj) else None
  if isinstance(obj, np.integer):
    return int(obj)
  return obj


def _write_json(obj, path):
  fileio.write_json(path, _finite_or_none(obj), allow_nan=False)


def evaluate(args) -> dict:
  from cmr_clip_jax import checkpointing, input_pipeline
  if not os.path.isdir(args.workdir):
    raise UserError(f"workdir not found: {args.workdir}")
  config = checkpointing.read_config(args.workdir)
  data_dir = args.data or config.data_dir
  manifest = input_pipeline.load_manifest(data_dir)
  info = run_info.read(args.workdir)
  run_info.check_data(info, data_dir, manifest, args.workdir)
  eval_only = bool(manifest.get("eval_only"))  # external data: no reports, no vocabulary of its own
  # Prompts use the run's vocabulary: the data's tokenizer (checked above), else, for eval-only
  # data without reports, the one in the run's own data folder.
  tok_dir = data_dir if run_info.tokenizer_sha256(data_dir, manifest) else config.data_dir
  tok_manifest = manifest if tok_dir == data_dir else input_pipeline.load_manifest(tok_dir)
  params, config, step = checkpointing.load_params(args.workdir, step=args.step)
  prompts = zero_shot.load_prompts(args.prompts)
  emb = Embedder(params, config, info.get("vocab_size") or manifest["vocab_size"], args.batch_size)

  hide = tuple(v.strip() for v in getattr(args, "hide_views", "").split(",") if v.strip())
  unknown = [v for v in hide if v not in records.VIEWS]
  if unknown:
    raise UserError(f"--hide-views: unknown view slots {unknown} (known: {', '.join(records.VIEWS)})")
  zimg, ztxt, labels, unique_reports, metas = emb.split(data_dir, args.split, hide=hide)
  yf, yd = label_arrays(labels)
  tokenize = text_tokenizer(tok_dir, tok_manifest, config)
  prompt_emb = zero_shot.encode_prompts(lambda t: emb.texts(tokenize(t)), prompts)
  result = {"step": int(step), "data_dir": data_dir, "split": args.split, "num_studies": int(len(zimg))}
  if hide:
    result["hidden_views"] = list(hide)
  if eval_only:
    result["data"] = {"eval_only": True, "layout": manifest.get("layout")}
  else:
    result["retrieval"] = retrieval_metrics(zimg, ztxt, unique_reports)
  if not (yf >= 0).any() and not (yd >= 0).any():
    print(f"eval: the {args.split} records carry no labels (convert --labels): zero-shot, few-shot and "
          "probe skipped", file=sys.stderr)
    return result, None
  result["zero_shot"], plot_data = zero_shot_metrics(zimg, prompt_emb, yf, yd, args)
  if not eval_only:
    result["prompts_on_reports"] = prompts_on_reports_metrics(ztxt, prompt_emb, yf, yd)

  has_fit = bool(manifest.get("splits", {}).get(args.fit_split, {}).get("shards"))
  if eval_only or args.fit_split == args.split or not has_fit:
    cv, oof = cross_validated_metrics(zimg, yf, yd, args)
    result.update(cv)
    groups = group_metrics(metas, zimg, prompt_emb, yf, yd, oof["diagnosis"], args)
    if groups:
      result["by_group"] = groups
  else:
    fit_z, fit_t, fit_labels, _, _ = emb.split(data_dir, args.fit_split, limit=args.max_fit, desc="embed fit")
    fit_yf, fit_yd = label_arrays(fit_labels)
    result["few_shot"] = {"support_split": args.fit_split, "support_studies": int(len(fit_z)),
                          **few_shot_metrics(fit_z, fit_yf, fit_yd, zimg, yf, yd)}
    result["report_prototypes"] = {"support_split": args.fit_split,
                                   **report_prototype_metrics(fit_t, fit_yf, fit_yd, zimg, yf, yd)}
    result["linear_probe"] = {"fit_split": args.fit_split, "fit_studies": int(len(fit_z)),
                              **linear_probe_metrics(fit_z, fit_yf, fit_yd, zimg, yf, yd)}
    # The same probe on the report embeddings says which side loses a finding: one the text side
    # holds (high here) but the prompts miss (prompts_on_reports near 0.5) is lost to the wording
    # or the text tower's reading of one sentence; one low here too never reached the joint space.
    result["report_probe"] = {"fit_split": args.fit_split, "fit_studies": int(len(fit_t)),
                              **linear_probe_metrics(fit_t, fit_yf, fit_yd, ztxt, yf, yd)}
  return result, plot_data


def run(args) -> int:
  distributed.initialize(args)
  distributed.require_single_process("eval")
  result, plot_data = evaluate(args)
  out_dir = os.path.join(args.workdir, "eval")
  # External data is named for its dataset: eval/acdc_all.json and eval/mnms_all.json live side by side.
  name = args.name or (f"{result['data']['layout']}_{args.split}" if result.get("data", {}).get("layout")
                       else args.split) + ("_hide" if result.get("hidden_views") else "")
  os.makedirs(out_dir, exist_ok=True)
  path = os.path.join(out_dir, f"{name}.json")
  # How many times this run has been evaluated on this data: test and held-out figures are honest
  # only when read once, after every choice was made on val (README, "Evaluation hygiene").
  result["reads"] = previous_reads(path) + 1
  if plot_data is not None and not args.no_plots:
    from cmr_clip_jax import plots
    zs = result["zero_shot"]
    result["plots"] = [
        os.path.basename(plots.roc_curves(plot_data["curves"], os.path.join(out_dir, f"{name}_roc.png"),
                                          f"zero-shot findings, {args.split} (step {result['step']})"))]
    if plot_data["cm"] is not None:
      result["plots"].append(os.path.basename(plots.confusion(
          plot_data["cm"], zs["diagnosis_classes"], os.path.join(out_dir, f"{name}_confusion.png"),
          f"zero-shot diagnosis, {args.split} (acc {zs['diagnosis_accuracy']:.3f})")))
  _write_json(result, path)
  print(summary_text(result), file=sys.stderr)
  line = {"eval": path, "step": result["step"], "split": args.split,
          "findings_macro_auc": result.get("zero_shot", {}).get("findings_macro_auc"),
          "diagnosis_accuracy": result.get("zero_shot", {}).get("diagnosis_accuracy"),
          "linear_probe_diagnosis_accuracy": result.get("linear_probe", {}).get("diagnosis_accuracy")}
  if "retrieval" in result:
    line.update({"study_to_report_R@1": result["retrieval"]["study_to_report"]["R@1"],
                 "report_to_study_R@1": result["retrieval"]["report_to_study"]["R@1"]})
  print(json.dumps(_finite_or_none(line)))
  return 0


def previous_reads(path: str) -> int:
  """Reads recorded in an earlier eval JSON at `path` (one per earlier file without a count)."""
  if not os.path.isfile(path):
    return 0
  with open(path) as f:
    return int(json.load(f).get("reads", 1))


def summary_text(r: dict) -> str:
  """A few lines for people; the JSON file has everything."""
  nan = float("nan")
  lines = [f"eval {r['split']} @ step {r['step']}: {r['num_studies']} studies (read {r.get('reads', 1)} time(s))"]
  if "retrieval" in r:
    rt = r["retrieval"]
    lines.append(f"  retrieval R@1/5/10 study->report {rt['study_to_report']['R@1']:.3f}/"
                 f"{rt['study_to_report']['R@5']:.3f}/{rt['study_to_report']['R@10']:.3f}, report->study "
                 f"{rt['report_to_study']['R@1']:.3f}/{rt['report_to_study']['R@5']:.3f}/"
                 f"{rt['report_to_study']['R@10']:.3f}")
  zs = r.get("zero_shot")
  if zs:
    lo, hi = zs["findings_macro_auc_ci95"]
    lines.append(f"  zero-shot findings macro-AUC {zs['findings_macro_auc']:.3f} [{lo:.3f}, {hi:.3f}] "
                 f"(shuffled control {zs['shuffled_control_macro_auc']:.3f}): " +
                 ", ".join(f"{f} {a:.3f}" for f, a in zs["findings_auc"].items()))
    if "diagnosis_accuracy" in zs:
      lines.append(f"  zero-shot diagnosis accuracy {zs['diagnosis_accuracy']:.3f} macro-F1 "
                   f"{zs['diagnosis_macro_f1']:.3f} (shuffled {zs['shuffled_control_diagnosis_accuracy']:.3f})")
  if "prompts_on_reports" in r:
    pr = r["prompts_on_reports"]
    lines.append("  prompts on the reports' own text (not the images): " +
                 ", ".join(f"{f} {a:.3f}" for f, a in pr["findings_auc"].items()) +
                 f"; diagnosis accuracy {pr.get('diagnosis_accuracy', nan):.3f}")
  if "report_prototypes" in r:
    rp = r["report_prototypes"]
    lines.append(f"  report-text prototypes (labelled {rp['support_split']} reports as prompts): findings "
                 f"macro-AUC {rp['findings_macro_auc']:.3f}, diagnosis accuracy "
                 f"{rp.get('diagnosis_accuracy', nan):.3f}")
  if "linear_probe" in r:
    lp, fs = r["linear_probe"], r["few_shot"]
    kind = " (supervised, cross-validated)" if "protocol" in lp else ""
    lines.append(f"  linear probe{kind}: diagnosis accuracy {lp.get('diagnosis_accuracy', nan):.3f}, "
                 f"findings macro-AUC {lp['findings_macro_auc']:.3f}; few-shot diagnosis accuracy " +
                 ", ".join(f"{k}-shot {v['accuracy']:.3f}" for k, v in fs["diagnosis"].items()))
  if "report_probe" in r:
    rp = r["report_probe"]
    lines.append("  linear probe on the report embeddings: " +
                 ", ".join(f"{f} {a:.3f}" for f, a in rp["findings_auc"].items()) +
                 f"; diagnosis accuracy {rp.get('diagnosis_accuracy', nan):.3f}")
  for field, groups in r.get("by_group", {}).items():
    lines.append(f"  by {field}: " + "; ".join(
        f"{v} (n={g['studies']}) zero-shot acc {g.get('diagnosis_accuracy', nan):.3f}, "
        f"findings AUC {g['findings_macro_auc']:.3f}, probe acc {g.get('linear_probe_diagnosis_accuracy', nan):.3f}"
        for v, g in groups.items()))
  return "\n".join(lines)
