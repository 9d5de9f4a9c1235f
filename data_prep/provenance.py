"""Where an output came from: the code that made it and, for data, the de-identification key.

One helper for every writer (convert's manifest.json, a run's config.json, a bundle's model
card), so "which code made this?" has one answer. The git commit is read only when the package
runs from a checkout (`pip install -e`); an installed wheel says its version and no commit.
"""

import functools
import importlib.metadata
import os
import subprocess

from data_prep import deid, records

PACKAGE = "cmr-clip-jax"
# Bump when what `convert` writes for the same input changes (crop, resampling, view rules);
# the record layout has its own records.SCHEMA_VERSION.
CONVERTER_VERSION = 1


@functools.cache
def git_commit() -> str | None:
  """HEAD of the checkout this code runs from, "+dirty" when it has uncommitted changes; None
  outside a git checkout or without git."""
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  if not os.path.exists(os.path.join(root, ".git")):
    return None
  try:
    head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True,
                          timeout=10, check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, timeout=10, check=True).stdout.strip()
  except (OSError, subprocess.SubprocessError):
    return None
  return head + ("+dirty" if dirty else "")


def package_version() -> str | None:
  try:
    return importlib.metadata.version(PACKAGE)
  except importlib.metadata.PackageNotFoundError:
    return None


def code() -> dict:
  """{package_version, git_commit}: the code of this process."""
  return {"package_version": package_version(), "git_commit": git_commit()}


def data(key: bytes) -> dict:
  """What made a converted data folder: the code, the converter's, record schema's and
  de-identifier's versions, and the key's fingerprint (an HMAC of a constant: names the key,
  reveals nothing of it)."""
  return {**code(), "converter_version": CONVERTER_VERSION, "schema_version": records.SCHEMA_VERSION,
          "deid_version": deid.DEID_VERSION, "key_fingerprint": deid.hmac_id(key, "fingerprint", "cmr-clip")}
