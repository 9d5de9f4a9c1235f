#!/bin/bash
# Cloud TPU VM pod slice (e.g. v5p-64): the same command on every worker, from your machine.
#
#   export TPU=my-v5p-64 ZONE=us-east5-a
#   launch/tpu_pod.sh install     # once per slice: the repo's .venv with jax[tpu] (libtpu) on every worker
#   launch/tpu_pod.sh train configs/cmr_clip_b16.py /mnt/shared/runs/b16 \
#       --config.data_dir=/mnt/shared/data [--config.KEY=VALUE ...]
#   launch/tpu_pod.sh logs /mnt/shared/runs/b16    # follow worker 0's log (WORKER=3 for another)
#
# Expects the repo at REPO (default ~/cmr-clip-jax) on every worker, and WORKDIR and data_dir on
# one filesystem all workers share (Filestore / NFS / a gcsfuse mount): process 0 writes
# config.json and metrics, all write their checkpoint shards. Training starts detached (nohup),
# so it survives the ssh session; each worker logs to WORKDIR/logs/train-<hostname>.log, which
# ends with the exit code. JAX's TPU detection (libtpu + the metadata server) gives every
# worker its process index: no flags. A preempted slice (SIGTERM to every worker) saves the step
# all workers agree on; `train` again, on the same or another slice size, resumes there.
set -euo pipefail
: "${TPU:?set TPU=<tpu name>}" "${ZONE:?set ZONE=<zone>}"
REPO=${REPO:-'~/cmr-clip-jax'}  # a path on the workers: ~ expands there
MODE=${1:?usage: tpu_pod.sh install | train CONFIG WORKDIR [--config.KEY=VALUE ...] | logs WORKDIR}; shift

on_workers() {  # runs one shell command line on every worker (or WORKER=N)
  gcloud compute tpus tpu-vm ssh "$TPU" --zone "$ZONE" --worker="${WORKER:-all}" --command "$1"
}

case "$MODE" in
  install)
    on_workers "cd $REPO && make install EXTRAS=tpu"
    ;;
  train)
    CONFIG=${1:?config file}; WORKDIR=${2:?workdir on shared storage}; shift 2
    logs=$(printf %q "$WORKDIR/logs")
    train=$(printf '%q ' .venv/bin/cmr-clip train --config "$CONFIG" --workdir "$WORKDIR" "$@")
    # On each worker: a detached shell runs training, then appends its exit code to the log.
    job="cd $REPO && $train; echo \"cmr-clip train exited with \$?\""
    # Only the nohup line goes to the background (`a && b &` would background the list, whose
    # output would hold the ssh session open).
    on_workers "log=$logs/train-\$(hostname).log; mkdir -p $logs || exit 1
      nohup bash -c $(printf %q "$job") >> \"\$log\" 2>&1 < /dev/null &
      echo \"\$(hostname): started, log \$log\""
    ;;
  logs)
    WORKDIR=${1:?workdir}
    WORKER=${WORKER:-0} on_workers "tail -n 50 -F $(printf %q "$WORKDIR/logs")/train-\$(hostname).log"
    ;;
  *)
    echo "tpu_pod.sh: unknown mode $MODE (install | train | logs)" >&2
    exit 2
    ;;
esac
