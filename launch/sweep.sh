#!/bin/bash
# Batch-size sweep on this machine: one training run + eval per global batch size, in turn.
#
#   launch/sweep.sh configs/demo.py out/sweep 16,32,64 [--config.KEY=VALUE ...]
#
# `cmr-clip sweep` keeps the example budget fixed (fewer steps for larger batches), applies the
# config's lr_scaling rule, streams batches larger than the microbatch cap through gradient
# caching, and refuses batches above half the training split. Finished runs are skipped, so
# re-running resumes the sweep. Results: OUT/sweep.{csv,md,png}. Expects the repo's .venv
# (VENV=... for another). On a cluster, use launch/sweep_slurm.sh (one job per batch size).
set -euo pipefail
CONFIG=${1:?config file}; OUT=${2:?sweep folder}; SIZES=${3:?batch sizes, e.g. 16,32,64}; shift 3
VENV=${VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}
exec "$VENV/bin/cmr-clip" sweep --config "$CONFIG" --workdir "$OUT" --batch-sizes "$SIZES" "$@"
