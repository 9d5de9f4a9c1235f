#!/bin/bash
# Batch-size sweep on a SLURM cluster: one job per batch size, then aggregation.
#
#   launch/sweep_slurm.sh configs/cmr_clip_b16.py /shared/sweeps/b16 1024,4096,16384 [--config.KEY=VALUE ...]
#
# `cmr-clip sweep --launch-only` plans the runs (lr scaling rule, fixed example budget,
# microbatch cap, the half-train-split limit) and writes WORKDIR/launch/bs_B.sh; each is
# submitted here as its own job (edit SBATCH_ARGS for your partition and GPUs; training starts
# under srun, one process per task, which jax.distributed picks up from SLURM). A last
# job, run after all of them succeed, writes WORKDIR/sweep.{csv,md,png}.
set -euo pipefail
CONFIG=${1:?config file}; WORKDIR=${2:?sweep folder}; SIZES=${3:?batch sizes, e.g. 1024,4096}; shift 3
SBATCH_ARGS=${SBATCH_ARGS:-"--nodes=1 --gpus-per-node=8 --time=24:00:00"}

plan=$(cmr-clip sweep --config "$CONFIG" --workdir "$WORKDIR" --batch-sizes "$SIZES" --launch-only "$@")
jobs=()
for script in $(python3 -c 'import json,sys; print(" ".join(json.loads(sys.stdin.read())["run_scripts"]))' <<<"$plan"); do
  name=$(basename "$script" .sh)
  # shellcheck disable=SC2086
  jobs+=("$(sbatch --parsable $SBATCH_ARGS --job-name="sweep-$name" --output="$WORKDIR/$name.slurm.log" \
            --wrap="CMR_CLIP_LAUNCHER=srun bash $script")")
done
deps=$(IFS=:; echo "${jobs[*]}")
sbatch --parsable --dependency="afterok:$deps" --job-name=sweep-aggregate --output="$WORKDIR/aggregate.log" \
  --wrap="cmr-clip sweep --config '$CONFIG' --workdir '$WORKDIR' --batch-sizes '$SIZES' --aggregate-only $*"
