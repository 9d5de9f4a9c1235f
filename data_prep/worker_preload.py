"""Imported once by convert's worker server (data_prep/convert_server.py), never by the main process.

The report de-identifier's spaCy model, named by $CMR_CLIP_PRELOAD_NER, is loaded here and run
once (presidio compiles its patterns on first use): every worker forked from the server starts
with it, its pages shared copy-on-write, instead of each loading its own (~1.2 s of CPU each).
"""

import os

from data_prep import convert, convert_server, deid, phi_rules  # noqa: F401  (convert, phi_rules: for the workers)

_WARM_UP = "Seen by Dr Jane Smith at St Mary's Hospital, Galway on 01/02/2020. LVEF 55%."

if os.environ.get(convert_server.NER_ENV):
  try:
    deid.scrub(_WARM_UP, {}, os.environ[convert_server.NER_ENV])
  except Exception:  # noqa: BLE001  (a model that does not load: each worker meets it again and says why)
    pass
