#!/bin/bash
# Cloud TPU VM pod slice (e.g. v5p-64): the same command on every worker, from your machine.
#
#   TPU=my-v5p-64 ZONE=us-east5-a launch/tpu_pod.sh configs/cmr_clip_b16.py /mnt/shared/runs/b16 \
#       --config.data_dir=/mnt/shared/data [--config.KEY=VALUE ...]
#
# Each worker runs one `cmr-clip train` process; JAX's cluster detection (Cloud TPU metadata)
# gives jax.distributed its coordinator, process count and index, so no flags are needed.
# WORKDIR and data_dir must be one shared filesystem on all workers (Filestore / NFS / a
# gcsfuse mount): process 0 writes config.json and metrics, all write their checkpoint shards.
# The repo is expected at ~/cmr-clip-jax on every worker with its .venv installed (`make install`
# via --command first). A preempted slice (SIGTERM to every worker) saves the step all workers
# agree on; re-running this script, on the same or a different slice size, resumes there.
set -euo pipefail
: "${TPU:?set TPU=<tpu name>}" "${ZONE:?set ZONE=<zone>}"
CONFIG=${1:?config file}; WORKDIR=${2:?workdir on shared storage}; shift 2
REPO=${REPO:-'~/cmr-clip-jax'}
ARGS=$(printf ' %q' "$@")
gcloud compute tpus tpu-vm ssh "$TPU" --zone "$ZONE" --worker=all --command \
  "cd $REPO && .venv/bin/cmr-clip train --config $(printf %q "$CONFIG") --workdir $(printf %q "$WORKDIR")$ARGS \
   2>&1 | tee -a /tmp/cmr-clip-train.log"
