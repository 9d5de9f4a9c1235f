"""Multi-controller start-up: `jax.distributed.initialize` from flags or the cluster environment.

Explicit flags (--coordinator, --num-processes, --process-id) win; otherwise JAX's own cluster
detection (SLURM, Cloud TPU pods, Open MPI, Kubernetes) is used when it recognises the
environment; otherwise the run is a single process. Call before anything touches a device.
"""

import argparse
import os

from data_prep.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
  g = parser.add_argument_group("multi-host (jax.distributed)")
  g.add_argument("--coordinator", default=os.environ.get("JAX_COORDINATOR_ADDRESS"),
                 help="HOST:PORT of process 0 (default: $JAX_COORDINATOR_ADDRESS, else cluster detection)")
  g.add_argument("--num-processes", type=int, default=_env_int("JAX_NUM_PROCESSES"),
                 help="total processes (default: $JAX_NUM_PROCESSES)")
  g.add_argument("--process-id", type=int, default=_env_int("JAX_PROCESS_ID"),
                 help="this process's index (default: $JAX_PROCESS_ID)")
  g.add_argument("--cluster", choices=("auto", "none"), default="auto",
                 help="auto: let JAX detect SLURM / TPU pod / MPI when no coordinator is given; "
                      "none: single process unless --coordinator is given (default auto)")


def _env_int(name):
  value = os.environ.get(name)
  return int(value) if value else None


def detected_cluster() -> str | None:
  """Name of the cluster environment JAX's auto-detection would use, or None."""
  from jax._src import clusters  # JAX's own detectors; no public listing exists
  for env in clusters.ClusterEnv._cluster_types:
    if not env.opt_in_only_method and env.is_env_present():
      return env.__name__
  return None


def initialize(args) -> str:
  """Starts jax.distributed as the flags / environment ask; returns how ("explicit", a cluster
  name, or "single")."""
  import jax
  explicit = (args.coordinator, args.num_processes, args.process_id)
  if any(v is not None for v in explicit):
    if any(v is None for v in explicit):
      raise UserError("--coordinator, --num-processes and --process-id go together")
    if not 0 <= args.process_id < args.num_processes:
      raise UserError(f"--process-id {args.process_id} not in [0, {args.num_processes})")
    jax.distributed.initialize(coordinator_address=args.coordinator,
                               num_processes=args.num_processes, process_id=args.process_id)
    return "explicit"
  cluster = detected_cluster() if args.cluster == "auto" else None
  if cluster is None:
    return "single"
  jax.distributed.initialize()
  return cluster
