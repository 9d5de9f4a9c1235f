"""Multi-controller start-up: `jax.distributed.initialize` from flags or the cluster environment.

Explicit flags (--coordinator, --num-processes, --process-id) win; otherwise JAX's own cluster
detection (`jax.distributed.initialize()` with no arguments: SLURM, Cloud TPU pods, Open MPI,
Kubernetes) forms the cluster when it recognises the environment; otherwise the run is one
process. Call before anything touches a device.

One case JAX cannot report: a Cloud TPU VM without libtpu (a plain `pip install jax`) sees no TPU
and no cluster, so every worker of a pod would train alone on its CPU into the same workdir. The
TPU chips are visible on the PCI bus whatever is installed; finding them without libtpu is refused.
"""

import argparse
import glob
import importlib.util
import os
import sys

from data_prep.errors import UserError

# Google's PCI vendor id: TPU chips show up under it on a TPU VM (JAX's hardware_utils reads the same).
_GOOGLE_PCI_VENDOR = "0x1ae0"
# What jax.distributed.initialize() raises when no cluster environment was recognised.
_NOT_DETECTED = "coordinator_address should be defined"


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


def tpu_chips(pci_devices: str = "/sys/bus/pci/devices") -> int:
  """Number of Google PCI devices (TPU chips) on this machine; 0 off a TPU VM."""
  count = 0
  for vendor in glob.glob(os.path.join(pci_devices, "*", "vendor")):
    with open(vendor) as f:
      count += f.read().strip() == _GOOGLE_PCI_VENDOR
  return count


def has_libtpu() -> bool:
  return importlib.util.find_spec("libtpu") is not None or os.path.isfile(
      os.environ.get("TPU_LIBRARY_PATH", ""))


def plan(args, chips: int, libtpu: bool) -> str:
  """How to start, from the flags and the machine alone: "explicit", "auto" or "single".
  Raises UserError for incomplete flags and for a TPU VM without libtpu."""
  explicit = (args.coordinator, args.num_processes, args.process_id)
  if any(v is not None for v in explicit):
    if any(v is None for v in explicit):
      raise UserError("--coordinator, --num-processes and --process-id go together")
    if not 0 <= args.process_id < args.num_processes:
      raise UserError(f"--process-id {args.process_id} not in [0, {args.num_processes})")
    return "explicit"
  if chips and not libtpu:
    raise UserError(f"this machine has {chips} TPU chips but libtpu is not installed, so JAX would "
                    "train on the CPU, one separate process per worker: install the TPU build with "
                    "`pip install -e '.[tpu]'`")
  return "auto" if args.cluster == "auto" else "single"


def initialize(args) -> str:
  """Starts jax.distributed as the flags / environment ask; returns how ("explicit",
  "detected", "single", or "in-process" when JAX was already running)."""
  import jax
  how = plan(args, tpu_chips(), has_libtpu())
  if how == "explicit":
    jax.distributed.initialize(coordinator_address=args.coordinator,
                               num_processes=args.num_processes, process_id=args.process_id)
  elif how == "auto":
    try:
      jax.distributed.initialize()
    except ValueError as e:
      if _NOT_DETECTED not in str(e):
        raise UserError(f"cluster start-up failed: {e}") from None
      return "single"  # JAX recognised no cluster environment
    except RuntimeError:
      # JAX already runs in this process (a library call such as `cli.main` from Python, not
      # the console script): its setup stays as it is; jax.process_count() tells what it is.
      return "in-process"
    return "detected"
  return how


def require_single_process(command: str) -> None:
  """Refuses a multi-process start of a command that runs on one host only (eval, export)."""
  import jax
  if jax.process_count() > 1:
    raise UserError(f"`cmr-clip {command}` runs as one process, but this job started "
                    f"{jax.process_count()}: start it once (e.g. `srun --ntasks=1 cmr-clip "
                    f"{command} ...`), not in every task")


def startup_line(how: str, mesh) -> str:
  """One line per host: who it is, what it sees, and the mesh the run uses."""
  import jax
  local = jax.local_devices()
  kinds = sorted({d.device_kind for d in local})
  axes = " ".join(f"{name}={size}" for name, size in mesh.shape.items())
  return (f"cmr-clip: process {jax.process_index()}/{jax.process_count()} ({how}), "
          f"{len(local)} local / {jax.device_count()} global {jax.default_backend()} devices "
          f"[{', '.join(kinds)}], mesh {axes}")


def print_startup(how: str, mesh) -> None:
  print(startup_line(how, mesh), file=sys.stderr, flush=True)
