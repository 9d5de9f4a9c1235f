"""`convert` keeps going whatever one input does, and refuses bad commands in one line.

Small pydicom-built studies (tests/dicom_factory.py) are arranged the ways real archives
break things: names that are not UTF-8, symlinked folders and loops, one StudyInstanceUID
under two patients, reports exported by Excel with accession numbers and several rows per
study, output folders that are not ours, a worker killed mid-decode, and the main process
killed under its workers.
"""

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import grain
import pytest

from cmr_clip_jax import cli
from data_prep import convert, convert_server, deid, records, workers
from dicom_factory import write_study

pytestmark = pytest.mark.xdist_group("test_convert_robust")

KEY = b"robust-key-0123456789abcdef012345"
SMALL = dict(n_sax=3, phases=6, shape=(24, 24), spacing=(4.0, 4.0), lax=("4ch",), lge=False)
P = {k: {"name": f"Pat^{k}", "id": f"ID-{k}-0001", "accession": f"ACC{k}1"} for k in "ABCD"}
UID = {k: f"1.2.826.0.1.3680043.10.777.{i + 1}" for i, k in enumerate("ABCD")}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
  """Four small studies written once; tests copy or link them into their own archives."""
  root = str(tmp_path_factory.mktemp("base"))
  for i, k in enumerate("ABC"):
    write_study(os.path.join(root, k), UID[k], P[k], seed=i, **SMALL)
  write_study(os.path.join(root, "D"), UID["A"], P["D"], seed=9, **SMALL)  # A's study UID, another patient
  key = os.path.join(root, "k.key")
  with open(key, "wb") as f:
    f.write(KEY)
  return {"root": root, "key": key}


def _reports(path, rows, header=("study_uid", "report"), delimiter=",", encoding="utf-8", bom=False):
  with open(path, "w", newline="", encoding=encoding) as f:
    if bom:
      f.write("\ufeff")
    w = csv.writer(f, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
  return path


def _convert(base, dicom, reports, out, *extra):
  return cli.main(["convert", "--dicom", dicom, "--reports", reports, "--out", out, "--key-file", base["key"],
                   "--frames", "4", "--size", "16", "--spacing", "6", "--max-tokens", "16", "--split", "1,0,0",
                   "--no-tfds", *extra])


def _load(out):
  with open(os.path.join(out, "manifest.json")) as f:
    manifest = json.load(f)
  with open(os.path.join(out, "rejects.jsonl")) as f:
    rejects = [json.loads(line) for line in f]
  recs = {}
  for info in manifest["splits"].values():
    files = [os.path.join(out, s["file"]) for s in info["shards"]]
    if files:
      src = grain.sources.ArrayRecordDataSource(files)
      recs.update((r["study_id"], r) for r in map(records.decode, (src[i] for i in range(len(src)))))
  return manifest, rejects, recs


def _text(k):
  return f"FINDINGS: Study {k}. LV mildly dilated, EF 45%.\nIMPRESSION: Mild LV dilatation."


def test_odd_names_symlinks_and_loops_lose_nothing(base, tmp_path):
  dicom = str(tmp_path / "dicom")
  shutil.copytree(os.path.join(base["root"], "A"), os.path.join(dicom, "a"))
  os.symlink(os.path.join(base["root"], "B"), os.path.join(dicom, "b_link"))  # a symlinked study folder
  os.symlink(dicom, os.path.join(dicom, "a", "loop"))  # a loop back to the top
  sax = os.path.join(dicom, "a", "sax")
  first = sorted(os.listdir(sax))[0]
  odd = os.fsdecode(b"\xff\xfeIM_" + first.encode())  # a name that is not UTF-8, for a used file
  os.rename(os.path.join(sax, first), os.path.join(sax, odd))
  bad = os.fsdecode(b"notes_caf\xe9.txt")
  with open(os.path.join(dicom, bad), "w") as f:
    f.write("not DICOM")
  reports = _reports(str(tmp_path / "r.csv"), [(UID["A"], _text("A")), (UID["B"], _text("B"))])
  out = str(tmp_path / "out")
  assert _convert(base, dicom, reports, out) == 0
  manifest, rejects, recs = _load(out)
  n_real = sum(len(fs) for k in "AB" for _, _, fs in os.walk(os.path.join(base["root"], k))) + 1
  assert manifest["inputs"]["files"] == n_real  # each real file once: loop not followed twice
  assert manifest["written"]["studies"] == 2 == len(recs)
  [line] = [r for r in rejects if r["kind"] == "file"]
  assert line["reason"] == "not a DICOM file" and bytes.fromhex(line["file_hex"]) == b"notes_caf\xe9.txt"
  for r in recs.values():  # the odd name's bytes never reach a record
    assert b"\xff\xfeIM" not in records.encode(r)


def test_one_study_uid_two_patients(base, tmp_path):
  dicom = str(tmp_path / "dicom")
  for k in "ADC":
    shutil.copytree(os.path.join(base["root"], k), os.path.join(dicom, k))
  rows = [(UID["A"], _text("A")), (UID["C"], _text("C"))]
  out = str(tmp_path / "out")
  assert _convert(base, dicom, _reports(str(tmp_path / "r.csv"), rows), out) == 0
  _, rejects, recs = _load(out)
  sid = deid.hmac_id(KEY, "study", UID["A"])
  assert sid not in recs and len(recs) == 1  # never one record of two patients
  reasons = {r["study"]: r["reason"] for r in rejects if r["kind"] == "study"}
  assert reasons[sid].startswith("StudyInstanceUID shared by 2 PatientIDs")
  assert {r["reason"] for r in rejects if r["kind"] == "report"} == {f"study rejected: {reasons[sid]}"}
  # Matched by accession (Excel export: BOM, semicolons, its own column names, a preliminary and a
  # final report for one study), the two patients are two studies.
  rows = [(P["A"]["accession"], "preliminary", "FINDINGS: draft, not checked."),
          (P["A"]["accession"], "final", _text("A") + " Caf\u00e9-au-lait spots noted."),
          (P["D"]["accession"], "final", _text("D")), (P["C"]["accession"], "final", _text("C"))]
  table = _reports(str(tmp_path / "acc.csv"), rows, header=("AccessionNumber", "Status", "Befund"), delimiter=";",
                   encoding="cp1252")
  out2 = str(tmp_path / "out2")
  args = ["--match", "accession", "--report-column", "Befund", "--reports-encoding", "cp1252"]
  assert _convert(base, dicom, table, out2, *args) == 0
  _, rejects, recs = _load(out2)
  why = "2 report rows for one study (--report-policy reject; final or concat would use them)"
  assert len(recs) == 2 and deid.hmac_id(KEY, "study", f"{UID['A']}|{deid.hmac_id(KEY, 'accession', 'ACCA1')}") in [
      r["study"] for r in rejects if r["kind"] == "study" and r["reason"] == why]
  assert [(r["row"], r["reason"]) for r in rejects if r["kind"] == "report"] == [(2, why), (3, why)]
  assert _convert(base, dicom, table, str(tmp_path / "out3"), *args, "--report-policy", "final") == 0
  _, rejects, recs = _load(str(tmp_path / "out3"))
  assert len(recs) == 3 and len({r["patient_id"] for r in recs.values()}) == 3
  assert sum("café-au-lait" in r["report"].lower() for r in recs.values()) == 1
  assert [r["reason"] for r in rejects if r["kind"] == "report"] == ["superseded by the final report (row 3)"]


def test_bad_commands_get_one_line_before_any_work(base, tmp_path, capsys):
  dicom = os.path.join(base["root"], "C")
  good = _reports(str(tmp_path / "r.csv"), [(UID["C"], _text("C"))])
  wrong = _reports(str(tmp_path / "w.csv"), [(UID["C"], _text("C"))], header=("Study", "Text"))
  out = str(tmp_path / "never")
  assert _convert(base, dicom, wrong, out) == 2 and not os.path.exists(out)  # columns checked first
  other = tmp_path / "workdir"
  other.mkdir()
  (other / "config.json").write_text("{}")  # a training workdir, say
  assert _convert(base, dicom, good, str(other)) == 2 and os.listdir(other) == ["config.json"]
  mine = str(tmp_path / "mine")
  assert _convert(base, dicom, good, mine) == 0
  before = sorted(os.listdir(mine))
  assert _convert(base, dicom, good, mine) == 0  # the same inputs and key: a resume
  other_key = str(tmp_path / "other.key")
  with open(other_key, "wb") as f:
    f.write(b"another-key-0123456789abcdef")
  assert cli.main(["convert", "--dicom", dicom, "--reports", good, "--out", mine, "--key-file", other_key]) == 2
  assert _convert(base, os.path.join(base["root"], "B"), good, mine) == 2  # another --dicom
  assert sorted(os.listdir(mine)) == before
  os.symlink(dicom, str(tmp_path / "via_link"))
  assert _convert(base, dicom, good, str(tmp_path / "via_link" / "out")) == 2  # inside --dicom by real path
  blocker = tmp_path / "a_file"
  blocker.write_text("x")
  assert _convert(base, dicom, good, str(blocker / "out")) == 2  # not writable
  err = capsys.readouterr().err
  lines = [line for line in err.splitlines() if "error:" in line]
  assert len(lines) == 6 and "Traceback" not in err
  assert "found columns 'Study', 'Text'" in lines[0] and "not a convert output" in lines[1]
  assert "another de-identification key" in lines[2] and "other inputs" in lines[3]
  assert "inside --dicom" in lines[4] and "not writable" in lines[5]


def test_pool_survives_a_crashing_and_a_hanging_task():
  pool = workers.Pool(2, timeout_s=3.0, preload=["worker_tasks"])
  import worker_tasks
  try:
    tasks = [(3,), (-1,), (4,), (-2,), (-3,), (5,)]
    got = {i: (status, value) for i, status, value in pool.run(worker_tasks.square_or_break, tasks)}
  finally:
    pool.close()
  assert got[0] == ("ok", 9) and got[2] == ("ok", 16) and got[5] == ("ok", 25)
  assert got[1] == ("crashed", "worker process died (signal SIGSEGV)")
  assert got[3][0] == "timeout" and got[4] == ("error", "ValueError: bad input")


def test_workers_start_with_the_ner_model_of_their_server():
  """convert's worker server loads the spaCy NER model once: a worker holds it before any task
  asks for it; without the variable (or for --deid-ner none) it does not. A fresh process, so
  the forkserver is started by this test."""
  code = """if 1:
    import os, sys
    from data_prep import convert, convert_server, workers
    import worker_tasks
    workers.start_server(convert_server.PRELOAD + ["worker_tasks"], env=convert_server.ner_env(sys.argv[1]))
    assert convert_server.NER_ENV not in os.environ  # the main process's environment is as it was
    pool = workers.Pool(1, 120.0)
    print(list(pool.run(worker_tasks.ner_models_loaded, [()]))[0][2])
    pool.close()
  """
  tests = os.path.dirname(os.path.abspath(__file__))
  env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.dirname(tests), tests]))
  env.pop(convert_server.NER_ENV, None)
  got = {ner: subprocess.run([sys.executable, "-c", code, ner], env=env, capture_output=True, text=True, timeout=300)
         for ner in (deid.DEFAULT_NER, "none")}
  assert [g.returncode for g in got.values()] == [0, 0], [g.stderr[-500:] for g in got.values()]
  assert got[deid.DEFAULT_NER].stdout.split() == ["1"] and got["none"].stdout.split() == ["0"]


def test_convert_starts_its_worker_server_before_its_own_imports(tmp_path):
  """`cmr-clip convert` starts the worker server from its raw arguments, before it imports
  data_prep.convert (numpy, pydicom: ~0.3 s), with the NER model the command line names; not for
  --help, nor for a Beam run (no local workers). A fresh process per command line: the server is
  per process. The bad --dicom is still refused in one line once the arguments are parsed."""
  code = """if 1:
    import multiprocessing.forkserver as fs, sys
    seen = []
    class Watch:  # at the first import of data_prep.convert: is a server up?
      def find_spec(self, name, path=None, target=None):
        if name == "data_prep.convert" and not seen:
          seen.append(fs._forkserver._forkserver_pid)
    sys.meta_path.insert(0, Watch())
    from cmr_clip_jax import cli
    try:
      code = cli.main(sys.argv[1:])
    except SystemExit as e:
      code = e.code
    if seen[0] is None:
      print("no server", code)
    else:  # its environment (read now: until its exec, /proc shows ours)
      env = open(f"/proc/{seen[0]}/environ", "rb").read().split(bytes(1))
      ner = [v.split(b"=", 1)[1].decode() for v in env if v.startswith(b"CMR_CLIP_PRELOAD_NER=")]
      print("server " + (ner[0] if ner else "without NER"), code)
  """
  tests = os.path.dirname(os.path.abspath(__file__))
  env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.dirname(tests), tests]))
  env.pop(convert_server.NER_ENV, None)
  base = ["convert", "--dicom", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]
  cases = {"default": base, "none": base + ["--deid-ner", "none"], "spelled=": base + ["--deid-ner=spacy:other"],
           "help": ["convert", "--help"], "beam": base + ["--runner", "beam"]}
  got = {k: subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, timeout=300)
         for k, argv in cases.items()}
  out = {k: g.stdout.strip().splitlines()[-1] for k, g in got.items()}
  assert out == {"default": f"server {deid.DEFAULT_NER} 2",
                 "none": "server without NER 2", "spelled=": "server spacy:other 2", "help": "no server 0",
                 "beam": "no server 2"}, {k: g.stderr[-800:] for k, g in got.items()}
  assert got["default"].stderr.strip().splitlines() == [f"cmr-clip convert: error: --dicom {tmp_path / 'missing'} "
                                                        "is not a folder"]


def _descendants(pid) -> set:
  children = {}
  for entry in os.listdir("/proc"):
    if entry.isdigit():
      try:
        with open(f"/proc/{entry}/stat") as f:
          ppid = int(f.read().rsplit(")", 1)[1].split()[1])
      except (OSError, IndexError, ValueError):
        continue
      children.setdefault(ppid, []).append(int(entry))
  out, todo = set(), [pid]
  while todo:
    for c in children.get(todo.pop(), []):
      out.add(c)
      todo.append(c)
  return out


def _alive(pid) -> bool:
  try:
    with open(f"/proc/{pid}/stat") as f:
      return f.read().rsplit(")", 1)[1].split()[0] != "Z"
  except OSError:
    return False


def test_workers_exit_when_the_main_process_is_killed(base, tmp_path):
  dicom = str(tmp_path / "dicom")
  for k in "ABC":
    shutil.copytree(os.path.join(base["root"], k), os.path.join(dicom, k))
  reports = _reports(str(tmp_path / "r.csv"), [(UID[k], _text(k)) for k in "ABC"])
  cmd = [sys.executable, "-m", "cmr_clip_jax", "convert", "--dicom", dicom, "--reports", reports, "--out",
         str(tmp_path / "out"), "--key-file", base["key"], "--workers", "2", "--size", "16", "--frames", "4"]
  proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
  deadline, kids = time.time() + 120, set()
  while time.time() < deadline and proc.poll() is None and len(kids) < 3:  # forkserver + 2 workers
    kids = _descendants(proc.pid)
    time.sleep(0.01)
  assert proc.poll() is None and len(kids) >= 3, "finished before it could be killed"
  proc.send_signal(signal.SIGKILL)
  proc.wait()
  deadline = time.time() + 15
  while time.time() < deadline and any(_alive(k) for k in kids):
    time.sleep(0.1)
  assert not [k for k in kids if _alive(k)]
