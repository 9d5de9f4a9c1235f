#!/bin/bash
# One machine, one process: a laptop/CPU box (simulated devices) or a single GPU/TPU host.
#
#   launch/local.sh configs/demo.py out/demo/run --config.data_dir=out/demo/data [--config.KEY=VALUE ...]
#
# Expects the repo's .venv (`make install`; EXTRAS=cuda12 or tpu on an accelerator host;
# VENV=/path/to/venv to use another). DEVICES=N (CPU only) splits the host into N simulated
# devices, so sharding code paths run as on a pod (the Makefile uses 2). Running the same
# command again resumes from the newest checkpoint in the workdir; Ctrl-C (SIGINT) saves the
# current step before exiting.
set -euo pipefail
CONFIG=${1:?config file, e.g. configs/demo.py}; WORKDIR=${2:?workdir}; shift 2
VENV=${VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}
if [[ -n "${DEVICES:-}" ]]; then
  export XLA_FLAGS="${XLA_FLAGS:-} --xla_force_host_platform_device_count=${DEVICES}"
fi
exec "$VENV/bin/cmr-clip" train --config "$CONFIG" --workdir "$WORKDIR" --cluster none "$@"
