"""Top-level task functions for the worker-pool tests (workers import them by name)."""

import os
import signal
import time


def square_or_break(x: int) -> int:
  """x * x, except -1 (the process dies the way a codec segfault kills it) and -2 (hangs)."""
  if x == -1:
    os.kill(os.getpid(), signal.SIGSEGV)
  if x == -2:
    time.sleep(3600)
  if x == -3:
    raise ValueError("bad input")
  return x * x


def ner_models_loaded() -> int:
  """How many NER analyzers this process holds before doing any work (data_prep.phi_ner's cache)."""
  from data_prep import phi_ner
  return phi_ner.analyzer.cache_info().currsize
