#!/bin/bash
# Batch-size sweep on a SLURM cluster: one job per batch size, then aggregation.
#
#   NODES=1 GPUS_PER_NODE=8 SBATCH_ARGS="--partition=gpu --time=24:00:00" \
#     launch/sweep_slurm.sh configs/cmr_clip_b16.py /shared/sweeps/b16 1024,4096,16384 [--config.KEY=VALUE ...]
#
# `cmr-clip sweep --launch-only` plans the runs (lr scaling rule, fixed example budget,
# microbatch cap, the half-train-split limit) and writes WORKDIR/launch/bs_B.sh; each is
# submitted here as its own job of NODES nodes x GPUS_PER_NODE tasks (one task per GPU:
# training starts under srun, one process per task, which JAX's SLURM detection picks up;
# eval runs once, in the batch shell). A last job, run after all of them succeed, writes
# WORKDIR/sweep.{csv,md,png}. Expects the repo's .venv on shared storage (`make install
# EXTRAS=cuda12`; VENV=... for another): jobs run `$VENV/bin/cmr-clip`, not whatever is on PATH.
set -euo pipefail
CONFIG=${1:?config file}; WORKDIR=${2:?sweep folder}; SIZES=${3:?batch sizes, e.g. 1024,4096}; shift 3
NODES=${NODES:-1}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
SBATCH_ARGS=${SBATCH_ARGS:-"--time=24:00:00"}  # partition, account, time limit: your cluster's
VENV=${VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}
CMR_CLIP="$VENV/bin/cmr-clip"
if [[ ! -x "$CMR_CLIP" ]]; then
  echo "sweep_slurm.sh: no $CMR_CLIP: run \`make install EXTRAS=cuda12\` first, or set VENV" >&2
  exit 2
fi

plan=$("$CMR_CLIP" sweep --config "$CONFIG" --workdir "$WORKDIR" --batch-sizes "$SIZES" --launch-only "$@")
scripts=$("$VENV/bin/python" -c 'import json, sys; print("\n".join(json.loads(sys.stdin.read())["run_scripts"]))' <<<"$plan")
jobs=()
while IFS= read -r script; do
  name=$(basename "$script" .sh)
  # shellcheck disable=SC2086  # SBATCH_ARGS is a list of options
  jobs+=("$(sbatch --parsable --nodes="$NODES" --ntasks-per-node="$GPUS_PER_NODE" \
            --gpus-per-node="$GPUS_PER_NODE" $SBATCH_ARGS --job-name="sweep-$name" \
            --output="$WORKDIR/$name.slurm.log" \
            --wrap="export PATH=$(printf %q "$VENV/bin"):\$PATH CMR_CLIP_LAUNCHER=srun; bash $(printf %q "$script")")")
done <<<"$scripts"
deps=$(IFS=:; echo "${jobs[*]}")
# shellcheck disable=SC2086
sbatch --parsable --nodes=1 --ntasks=1 $SBATCH_ARGS --dependency="afterok:$deps" --job-name=sweep-aggregate \
  --output="$WORKDIR/aggregate.log" \
  --wrap="$(printf '%q ' "$CMR_CLIP" sweep --config "$CONFIG" --workdir "$WORKDIR" --batch-sizes "$SIZES" --aggregate-only "$@")"
