"""convert's worker server: what it preloads, and starting it before the command's own imports.

The server (data_prep/workers.py) imports convert's modules and loads the report de-identifier's
spaCy model (data_prep/worker_preload.py): ~1.7 s of CPU before the first worker can fork from
it, the longest step of convert's start-up. `cmr-clip convert` starts it first thing (cli.py,
`start_early`), so that it overlaps the main process's own imports (~0.3 s) as well as its checks,
walk and header scan. This module stays light (no numpy, no pydicom) for that reason.
"""

from data_prep import workers
from data_prep.phi_ner import DEFAULT_NER

PRELOAD = ["data_prep.convert", "scipy.ndimage", "data_prep.worker_preload"]  # imported once, in the server
NER_ENV = "CMR_CLIP_PRELOAD_NER"  # the spaCy NER model data_prep/worker_preload.py loads


def ner_env(ner: str) -> dict:
  """The server's environment for `ner`: a spaCy model is loaded there once for all workers.
  Others load in each worker: a Hugging Face model starts torch threads, which a fork must not copy."""
  return {NER_ENV: ner} if ner.startswith("spacy:") else {}


def start(ner: str) -> None:
  """Starts the server for `ner` without waiting for it; a server already running is kept (the
  model it preloaded is only a head start: a worker loads the one its tasks name)."""
  workers.start_server(preload=PRELOAD, env=ner_env(ner))


def start_early(argv: list) -> None:
  """Starts the server from convert's arguments before they are parsed (their full check comes
  later and may still refuse them). Not for help or a Beam run; --deid-ner read only when spelled
  out in full (else the default model is preloaded: a guess that costs time, never correctness)."""
  if "-h" in argv or "--help" in argv or _flag(argv, "--runner", "local") != "local":
    return
  start(_flag(argv, "--deid-ner", DEFAULT_NER))


def _flag(argv: list, name: str, default: str) -> str:
  for i, arg in enumerate(argv):
    if arg == name and i + 1 < len(argv):
      return argv[i + 1]
    if arg.startswith(name + "="):
      return arg[len(name) + 1:]
  return default
