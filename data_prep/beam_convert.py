"""`cmr-clip convert --runner beam`: the same conversion as Apache Beam transforms.

  cmr-clip convert --dicom DIR --reports reports.csv --out DATA --key-file KEY --runner beam \
      [--beam-options="--runner=DataflowRunner --project=P --region=R ..."]

Every stage calls the local converter's own steps (data_prep/convert.py); Beam only moves the
data between them:

  list input files -> read headers (chunks of files) -> group by study -> join the reports table
  -> build studies (cached under OUT/.work/studies, so a re-run after a failure resumes) ->
  one global step over the small study summaries (content duplicates, patient split,
  tokenizer, shard plan) -> encode and write shards -> manifest.json, rejects.jsonl, TFDS.

The output equals the local converter's byte for byte (same records, splits, order and shard
boundaries). Privacy: the job graph holds only the OUT/.work path; the input folder, table
paths and the key's location travel in OUT/.work/job.json, and the key itself is read by the
workers from its file (or from $CMR_CLIP_DEID_KEY, which a cluster sets from a secret), never
from a pipeline option. Paths may be anything Beam's FileSystems reads (gs://...); worker
stages copy remote DICOM files to a local scratch folder before reading them.
"""

import contextlib
import json
import os
import resource
import shlex
import shutil
import tempfile
import time

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import PipelineOptions

from data_prep import convert, convert_server, deid, reports, shards, text, workers
from data_prep.errors import UserError

# Every local core, each worker its own process (like `--workers`): Python work needs processes.
DEFAULT_OPTIONS = "--runner=DirectRunner --direct_num_workers=0 --direct_running_mode=multi_processing"
JOB = "job.json"


# ----------------------------------------------------------------------------------------------
# File access through Beam's FileSystems (local paths, gs://, s3://, hdfs://, ...).


def _is_remote(path: str) -> bool:
  return "://" in path


def _join(*parts: str) -> str:
  return FileSystems.join(*parts)


def _read(path: str) -> bytes:
  with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as f:
    return f.read()


def _put(path: str, data: bytes) -> None:
  """Writes a file whole under a temp name, then renames it: never half a file under `path`."""
  tmp = _join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
  with FileSystems.create(tmp, compression_type=CompressionTypes.UNCOMPRESSED) as f:
    f.write(data)
  FileSystems.rename([tmp], [path])


def _upload(local: str, path: str) -> None:
  """Moves a finished local file to `path` (any filesystem) in 64 MiB pieces, temp name first."""
  tmp = _join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
  with open(local, "rb") as src, FileSystems.create(tmp, compression_type=CompressionTypes.UNCOMPRESSED) as dst:
    for block in iter(lambda: src.read(64 << 20), b""):
      dst.write(block)
  FileSystems.rename([tmp], [path])
  os.remove(local)


@contextlib.contextmanager
def _local_files(root: str, rels: list):
  """A local folder holding `rels` of `root`: root itself, or a scratch copy of remote files."""
  if not _is_remote(root):
    yield root
    return
  scratch = tempfile.mkdtemp(prefix="cmr_clip_beam_")
  try:
    for rel in rels:
      os.makedirs(os.path.dirname(os.path.join(scratch, rel)), exist_ok=True)
      with open(os.path.join(scratch, rel), "wb") as f:
        f.write(_read(_join(root, rel)))
    yield scratch
  finally:
    shutil.rmtree(scratch, ignore_errors=True)


def _local_copy(path, scratch: str):
  """A local path for a small input file (tables, tokenizer): itself, or a copy in `scratch`."""
  if not path or not _is_remote(path):
    return path
  local = os.path.join(scratch, os.path.basename(path))
  with open(local, "wb") as f:
    f.write(_read(path))
  return local


def _list_inputs(job: dict) -> list:
  """Input files as sorted paths relative to --dicom, exactly as the local converter lists them."""
  root = job["root"]
  if not _is_remote(root):
    return convert.walk_inputs(root, (job["reports"], job["labels"]), job["out"])
  skip = {p for p in (job["reports"], job["labels"]) if p}
  out_prefix = job["out"].rstrip("/") + "/"
  found = FileSystems.match([root.rstrip("/") + "/**"])[0].metadata_list
  return sorted(m.path[len(root.rstrip("/")) + 1:] for m in found
                if m.path not in skip and not m.path.startswith(out_prefix))


# ----------------------------------------------------------------------------------------------
# Worker state: the job spec and the key, read once per worker from files (never options).


class _JobFn(beam.DoFn):
  """A DoFn that knows the job: OUT/.work/job.json, and the key from its file or secret.
  `timed(stage)` adds the time a block took to the stage's counters (where the time goes)."""

  def __init__(self, work: str):
    self._work = work

  def setup(self):
    self.job = json.loads(_read(_join(self._work, JOB)))
    self.key = _key(self.job)
    self.opts = self.job["opts"]
    self.scratch = tempfile.mkdtemp(prefix="cmr_clip_beam_")

  def teardown(self):
    shutil.rmtree(getattr(self, "scratch", ""), ignore_errors=True)

  @contextlib.contextmanager
  def timed(self, stage: str):
    """Adds the block's wall and CPU milliseconds (this process's, plus its study process's)."""
    wall, cpu, pool_cpu = time.perf_counter(), time.process_time(), self._pool_cpu()
    yield
    Metrics.counter("convert", f"{stage}_ms").inc(int((time.perf_counter() - wall) * 1000))
    cpu = time.process_time() - cpu + self._pool_cpu() - pool_cpu
    Metrics.counter("convert", f"{stage}_cpu_ms").inc(int(cpu * 1000))

  def _pool_cpu(self) -> float:
    return self.pool.cpu_s if hasattr(self, "pool") else 0.0


def _key(job: dict) -> bytes:
  if job["key_file"] is None:  # a cluster sets it on its workers from a secret store
    if not os.environ.get(deid.KEY_ENV):
      raise RuntimeError(f"no de-identification key on this worker (${deid.KEY_ENV} is unset)")
    return os.environ[deid.KEY_ENV].encode()
  return _read(job["key_file"]).strip()


class _ListFiles(_JobFn):
  """-> (index of the first file, [relative paths]) chunks of the sorted input list."""

  def process(self, _):
    rels = _list_inputs(self.job)
    for i in range(0, len(rels), convert.SCAN_CHUNK):
      yield i, rels[i:i + convert.SCAN_CHUNK]


class _ReadHeaders(_JobFn):
  """(first index, rels) -> (study key or None, (walk index, scan entry)) per file."""

  def process(self, chunk):
    start, rels = chunk
    with self.timed("read_headers"), _local_files(self.job["root"], rels) as root:
      entries = convert.scan_files(root, rels, self.key)
    for i, e in enumerate(entries):
      yield convert.study_key(e, self.job["match"]), (start + i, e)


def _one_study(keyed, match: str):
  """(study key, [(walk index, entry)]) -> (reports-table key, (study key, study)), or the reject
  lines of files of no study. Walk order decides which copy of an instance is the duplicate."""
  skey, indexed = keyed
  studies, no_study = convert.group_files([e for _, e in sorted(indexed, key=lambda x: x[0])], match)
  for line in no_study:
    yield beam.pvalue.TaggedOutput("rejects", line)
  for k, st in studies.items():
    yield convert.match_key(st, match), (k, st)


class _ReadTable(_JobFn):
  """-> (reports-table key, entry) per study in the table; rows not used go to 'rejects'."""

  def process(self, _):
    if not self.job["reports"]:
      return
    table, rejects, _ = reports.load_table(_local_copy(self.job["reports"], self.scratch), **self.job["table"])
    for line in rejects:
      yield beam.pvalue.TaggedOutput("rejects", line)
    for k, entry in table.items():
      yield (deid.hmac_id(self.key, "accession", k) if self.job["match"] == "accession" else k), entry


def _study_tasks(joined):
  """(table key, {'study': [(key, study)], 'report': [entry]}) -> (study key, study, entry);
  table rows of no study go to 'rejects' (as the local converter words them)."""
  mkey, parts = joined
  entry = parts["report"][0] if parts["report"] else None
  if not parts["study"] and entry is not None:
    for line in convert.unknown_report_lines({mkey: entry}, ()):
      yield beam.pvalue.TaggedOutput("rejects", line)
  for skey, st in parts["study"]:
    yield skey, st, entry


class _BuildStudy(_JobFn):
  """One study through convert_study (or its cache of an earlier, killed run). convert_study
  runs in an isolated process, as on one machine: a codec that crashes or hangs
  (--study-timeout) costs that study alone, never the Beam worker and its bundle. Emits a small
  summary (no pixels, no file lists); reject lines go to 'rejects'."""

  def setup(self):
    super().setup()
    self.labels = convert.read_labels(_local_copy(self.job["labels"], self.scratch))
    self.pool = workers.Pool(1, self.job["study_timeout"], preload=convert_server.PRELOAD)

  def teardown(self):
    if hasattr(self, "pool"):
      self.pool.close()
    super().teardown()

  def process(self, item):
    skey, st, entry = item
    with self.timed("build_studies"), _local_files(self.job["root"], st["images"] + st["srs"]) as root:
      task = convert.study_task(root, skey, st, entry, self.key, self.opts, self.job["work"])
      summary = convert.refused_summary(task, st, self.job["match"]) or self._cached(task)
      if summary is None:
        [(_, status, value)] = self.pool.run(convert.convert_study, [(task, self.key)])
        summary, frames = value if status == "ok" else (
            convert.rejected_summary(task, convert.failure_reason(status, value)), None)
        _put(task["cache"], convert.cache_blob(task, summary, frames))
    for line in convert.reject_lines(summary) + convert.rejected_report_lines(task, summary):
      yield beam.pvalue.TaggedOutput("rejects", line)
    keep = ("study_id", "status", "patient_id", "content_hash", "report", "view_mask", "meta")
    yield {**{k: summary[k] for k in keep if k in summary}, "n_used": len(summary["used"]),
           "labels": self.labels.get(st["uid"])}

  @staticmethod
  def _cached(task: dict):
    if not FileSystems.exists(task["cache"]):
      return None
    return convert.cached_summary(task, _read(task["cache"]))


class _PlanShards(_JobFn):
  """The global step over all summaries: content duplicates and patient split, the tokenizer
  (written to OUT), and the shard plan -> (split, shard index, shard count, [summaries])."""

  def process(self, summaries):
    with self.timed("split_and_tokenizer"):
      oks = [s for s in summaries if s["status"] == "ok"]
      members = convert.split_members(oks, convert.assign_splits(oks, self.key, self.opts["fractions"]))
      local = os.path.join(self.scratch, "tokenizer.model")
      convert.make_tokenizer(_local_copy(self.job["tokenizer"], self.scratch), members, local,
                             self.job["vocab_size"], len(summaries), self.job["tokenizer_type"],
                             self.job["negation_marks"])
      _upload(local, _join(self.job["out"], "tokenizer.model"))
    for split, studies in members.items():
      sizes = convert.shard_sizes(len(studies), self.job["shards"])
      for i, size in enumerate(sizes):
        start = sum(sizes[:i])
        yield split, i, len(sizes), studies[start:start + size]


class _WriteShard(_JobFn):
  """Encodes a shard's records (frames from the study caches) into a local file with
  ArrayRecord, then moves it into place with FileSystems. -> the manifest's shard entry."""

  def setup(self):
    super().setup()
    local = os.path.join(self.scratch, "tokenizer.model")
    with open(local, "wb") as f:
      f.write(_read(_join(self.job["out"], "tokenizer.model")))
    self.tok = text.load_tokenizer(local)

  def process(self, plan):
    split, index, count, studies = plan
    name = shards.shard_name(split, index, count)
    local_out = not _is_remote(self.job["out"])
    path = os.path.join(self.job["out"] if local_out else self.scratch, name)
    payloads = (convert.encode_record(s, self._frames(s), self.opts, self.tok, self.job["max_tokens"], s["labels"])
                for s in studies)
    with self.timed("write_shards"):
      shards.write_shard(path, payloads)  # temp name beside it, then renamed
      entry = {"file": name, "records": len(studies), "sha256": shards.sha256_file(path)}
      if not local_out:
        _upload(path, _join(self.job["out"], name))
    yield split, index, entry

  def _frames(self, summary) -> bytes:
    return convert.unpack(_read(_join(self.job["work"], "studies", summary["study_id"] + ".msgpack")))["frames"]


class _Finish(_JobFn):
  """Last: stale shards removed, then TFDS metadata, rejects.jsonl and manifest.json."""

  def process(self, shard_entries, summaries, rejects, n_files):
    job, out = self.job, self.job["out"]
    oks = [s for s in summaries if s["status"] == "ok"]
    members = convert.split_members(oks, convert.assign_splits(oks, self.key, self.opts["fractions"]))
    manifest_splits = {split: {"studies": len(studies), "patients": len({s["patient_id"] for s in studies}),
                               "shards": [e for sp, _, e in sorted(shard_entries) if sp == split]}
                       for split, studies in members.items()}
    written = [e["file"] for _, _, e in shard_entries]
    _remove_stale(out, written)
    report_rejects = [r for r in rejects if r["kind"] == "report"]
    others = [r for r in rejects if r["kind"] != "report"]
    tok = text.load_tokenizer(_local_copy(_join(out, "tokenizer.model"), self.scratch)
                              if _is_remote(out) else os.path.join(out, "tokenizer.model"))
    manifest = convert.build_manifest(self.opts, job["max_tokens"], tok, manifest_splits, oks,
                                      len(summaries), sum(s["n_used"] for s in oks), others, report_rejects,
                                      n_files, job["report_rows"], job["stamp"])
    convert.finish(out, manifest, rejects, job["tfds"], lambda name, data: _put(_join(out, name), data))
    yield manifest["written"]["studies"]


def _remove_stale(out: str, written: list) -> None:
  if not _is_remote(out):
    shards.remove_stale(out, written)
    return
  found = FileSystems.match([_join(out, "*.array_record-*")])[0].metadata_list
  stale = [m.path for m in found if os.path.basename(m.path) not in set(written)]
  if stale:
    FileSystems.delete(stale)


# ----------------------------------------------------------------------------------------------
# The pipeline and the command.


def build(p: beam.Pipeline, work: str) -> None:
  """The conversion's transforms. `work` (OUT/.work, holding job.json) is the only value the
  graph carries: labels name stages, never inputs."""
  start = p | "start" >> beam.Create([work])
  chunks = start | "list input files" >> beam.ParDo(_ListFiles(work)) | "spread file chunks" >> beam.Reshuffle()
  n_files = chunks | "count files" >> beam.Map(lambda c: len(c[1])) | "sum files" >> beam.CombineGlobally(sum)
  scanned = chunks | "read headers" >> beam.ParDo(_ReadHeaders(work))
  grouped = (scanned | "group by study" >> beam.GroupByKey()
             | "one study" >> beam.FlatMap(_one_study, _match(work)).with_outputs("rejects", main="studies"))
  table = start | "read reports table" >> beam.ParDo(_ReadTable(work)).with_outputs("rejects", main="entries")
  tasks = ({"study": grouped.studies, "report": table.entries} | "join reports" >> beam.CoGroupByKey()
           | "study tasks" >> beam.FlatMap(_study_tasks).with_outputs("rejects", main="tasks"))
  built = (tasks.tasks | "spread studies" >> beam.Reshuffle()
           | "build studies" >> beam.ParDo(_BuildStudy(work)).with_outputs("rejects", main="summaries"))
  summaries = built.summaries | "collect summaries" >> beam.combiners.ToList()
  plans = summaries | "split, tokenizer, shard plan" >> beam.ParDo(_PlanShards(work))
  entries = (plans | "spread shards" >> beam.Reshuffle() | "write shards" >> beam.ParDo(_WriteShard(work))
             | "collect shards" >> beam.combiners.ToList())
  rejects = ((grouped.rejects, table.rejects, tasks.rejects, built.rejects) | "all rejects" >> beam.Flatten()
             | "collect rejects" >> beam.combiners.ToList())
  _ = entries | "manifest, rejects, TFDS" >> beam.ParDo(
      _Finish(work), beam.pvalue.AsSingleton(summaries), beam.pvalue.AsSingleton(rejects),
      beam.pvalue.AsSingleton(n_files))


def _match(work: str) -> str:
  return json.loads(_read(_join(work, JOB)))["match"]


def pipeline_options(beam_options: str) -> PipelineOptions:
  return PipelineOptions(shlex.split(beam_options or DEFAULT_OPTIONS))


def _remote(args) -> bool:
  return any(_is_remote(p) for p in (args.dicom, args.out, args.reports, args.labels, args.tokenizer, args.key_file)
             if p)


def _prepare_remote(args, scratch: str) -> tuple:
  """convert.prepare for paths that Beam's FileSystems reads (gs://...): the same checks and
  the same OUT/.work, through FileSystems. The key must come from --key-file or the secret."""
  opts = convert.check_options(args)
  local = {}
  for name in ("reports", "labels", "tokenizer"):
    path = getattr(args, name)
    if path and not FileSystems.exists(path):
      raise UserError(f"--{name} {path} is not a file")
    local[name] = _local_copy(path, scratch)
  if not FileSystems.match([_join(args.dicom, "*")])[0].metadata_list:
    raise UserError(f"--dicom {args.dicom} holds no files")
  table = ({}, [], 0)
  if args.reports:
    table = reports.load_table(local["reports"], **reports.table_options(args))
  if (args.out.rstrip("/") + "/").startswith(args.dicom.rstrip("/") + "/"):
    raise UserError("--out must not be inside --dicom")
  if not args.key_file and not os.environ.get(deid.KEY_ENV):
    raise UserError("a remote --out needs --key-file (or $CMR_CLIP_DEID_KEY): the key is never made beside the data")
  if args.key_file and not FileSystems.exists(args.key_file):
    raise UserError(f"--key-file {args.key_file} does not exist (a remote key is never created: make it first)")
  key = _key({"key_file": args.key_file})
  if len(key) < 16:
    raise UserError(f"the de-identification key ({args.key_file or '$' + deid.KEY_ENV}) holds fewer than 16 bytes")
  stamp = {"key_fingerprint": deid.hmac_id(key, "fingerprint", "cmr-clip"),
           "source": convert.source_id(key, args.dicom)}
  out = args.out.rstrip("/")
  names = [m.path for m in FileSystems.match([_join(out, "**")])[0].metadata_list]
  if names:
    earlier = next((_read(p) for p in (_join(out, "manifest.json"), _join(out, ".work", "options.json"))
                    if FileSystems.exists(p)), None)
    convert.check_earlier(args.out, [os.path.basename(n) for n in names], earlier, stamp)
  work = _join(out, ".work")
  fingerprint = convert.work_fingerprint(args, opts, stamp)
  options_json = _join(work, "options.json")
  if FileSystems.exists(options_json) and json.loads(_read(options_json)) != fingerprint:
    FileSystems.delete([work])
  if not FileSystems.exists(options_json):
    _put(options_json, shards.json_bytes(fingerprint))
  if FileSystems.exists(_join(out, "manifest.json")):  # written last: until then the folder never looks complete
    FileSystems.delete([_join(out, "manifest.json")])
  return opts, table, key, args.key_file or f"${deid.KEY_ENV}", stamp, work


def write_job(args, opts: dict, report_rows: int, stamp: dict, work: str) -> None:
  """OUT/.work/job.json: everything the workers need that must not ride in the job graph."""
  job = {"root": args.dicom, "reports": args.reports, "labels": args.labels, "tokenizer": args.tokenizer,
         "table": reports.table_options(args), "match": args.match, "opts": opts, "max_tokens": args.max_tokens,
         "vocab_size": args.vocab_size, "tokenizer_type": args.tokenizer_type, "negation_marks": args.negation_marks,
         "shards": args.shards, "tfds": not args.no_tfds, "stamp": stamp,
         "report_rows": report_rows, "out": args.out.rstrip("/"), "work": work, "study_timeout": args.study_timeout,
         "key_file": args.key_file if _is_remote(args.key_file or "") else deid.key_path(args.key_file, args.out)}
  for k in ("root", "reports", "labels", "tokenizer", "out", "work"):
    if job[k] and not _is_remote(job[k]):
      job[k] = os.path.abspath(job[k])
  _put(_join(work, JOB), shards.json_bytes(job))


def run(args) -> int:
  clock = convert.Laps()
  scratch = tempfile.mkdtemp(prefix="cmr_clip_beam_")
  try:
    prepared = _prepare_remote(args, scratch) if _remote(args) else convert.prepare(args)
  finally:
    shutil.rmtree(scratch, ignore_errors=True)
  opts, (_, _, report_rows), key, key_where, stamp, work = prepared
  work = work if _is_remote(work) else os.path.abspath(work)
  write_job(args, opts, report_rows, convert.manifest_stamp(stamp, key, opts), work)
  options = pipeline_options(args.beam_options)
  p = beam.Pipeline(options=options)
  build(p, work)
  clock.lap("start")  # imports, arguments, reports table, pipeline construction
  try:
    job = p.run()
    job.wait_until_finish()
  except Exception as e:  # a worker's error arrives wrapped; our own one-line errors stay one line
    cause = _user_error(e)
    if cause is None:
      raise
    raise cause from None
  clock.lap("pipeline")
  result = convert.result_of(args.out, json.loads(_read(_join(args.out, "manifest.json"))))
  FileSystems.delete([work])
  result.update(seconds=round(clock.total(), 1), key=key_where, stage_seconds=clock.laps,
                worker_stage_seconds=_stage_seconds(job), driver_cpu_seconds=_driver_cpu_seconds(), runner="beam",
                beam_options=options.get_all_options(drop_default=True))
  convert.report_done(result, key_where)
  return 0


def _driver_cpu_seconds() -> float:
  """CPU seconds of this process: the DirectRunner's own work (shuffles, bundles) runs here."""
  usage = resource.getrusage(resource.RUSAGE_SELF)
  return round(usage.ru_utime + usage.ru_stime, 1)


def _stage_seconds(job) -> dict:
  """Wall and CPU seconds the workers spent in each timed stage, summed over workers (Beam
  counters; '<stage>_cpu' includes the study processes)."""
  try:
    counters = job.metrics().query()["counters"]
  except Exception:  # a runner without metrics support
    return {}
  return {c.key.metric.name.removesuffix("_ms"): round((c.committed or c.attempted or 0) / 1000, 2) for c in counters
          if c.key.metric.namespace == "convert"}


def _user_error(e: BaseException):
  """A UserError raised on a worker (e.g. no study in the train split) comes back as text."""
  while e is not None:
    if isinstance(e, UserError):
      return e
    if "UserError: " in str(e):
      return UserError(str(e).split("UserError: ", 1)[1].splitlines()[0].split(" [while running")[0])
    e = e.__cause__ or e.__context__
  return None

