"""The device mesh, the logical -> mesh axis rules, and batch / parameter shardings.

Declared here only (MaxText style): the model names its axes logically ('embed', 'mlp',
'heads', ...) and these rules decide where they live. FSDP shards every kernel and embedding
along its model width over 'fsdp'; 'tensor' splits attention heads and the MLP hidden layer;
the batch is split over ('data', 'fsdp'). Biases, norms and scalars carry no names and are
replicated. A dimension that does not divide its mesh axes falls back to replicated.
"""

import contextlib
import math

import flax.linen as nn
import jax
import numpy as np
from jax.sharding import NamedSharding, PartitionSpec as P

from data_prep.errors import UserError

AXES = ("data", "fsdp", "tensor")
BATCH_AXES = ("data", "fsdp")  # the global batch is split over these

LOGICAL_RULES = (
    ("batch", BATCH_AXES),
    ("embed", "fsdp"),
    ("heads", "tensor"),
    ("mlp", "tensor"),
    ("kv", None),
    ("vocab", None),
    ("patch", None),
    ("proj", None),
    ("length", None),
    ("act_embed", None),
    ("layers", None),  # the stacked-depth axis of scanned blocks: every device holds all layers
)


def make_mesh(mesh_shape, devices=None) -> jax.sharding.Mesh:
  """A ('data', 'fsdp', 'tensor') mesh with Auto axes; one -1 in mesh_shape takes the rest.

  devices: defaults to all of `jax.devices()` (tests pass subsets).
  """
  devices = list(jax.devices() if devices is None else devices)
  # The topology the job really has, so a wrong launch (1 task per node, a missing cluster) shows.
  have = (f"{len(devices)} devices ({jax.process_count()} processes x "
          f"{jax.local_device_count()} local {jax.default_backend()} devices)")
  shape = [int(s) for s in mesh_shape]
  known = math.prod(s for s in shape if s != -1)
  if -1 in shape:
    if len(devices) % known:
      raise UserError(f"mesh_shape {tuple(mesh_shape)} does not divide the {have}")
    shape[shape.index(-1)] = len(devices) // known
  if math.prod(shape) != len(devices):
    raise UserError(f"mesh_shape {tuple(shape)} needs {math.prod(shape)} devices, the job has {have}")
  return jax.make_mesh(tuple(shape), AXES, devices=devices,
                       axis_types=(jax.sharding.AxisType.Auto,) * len(AXES))


def batch_shards(mesh) -> int:
  """How many ways the batch dimension is split."""
  return math.prod(mesh.shape[a] for a in BATCH_AXES)


def batch_sharding(mesh, ndim: int = 2) -> NamedSharding:
  """Rows over ('data', 'fsdp'), everything else whole: for [B, ...] arrays of rank ndim."""
  return NamedSharding(mesh, P(BATCH_AXES, *([None] * (ndim - 1))))


def replicated(mesh) -> NamedSharding:
  return NamedSharding(mesh, P())


def _fit(spec: P, shape, mesh) -> P:
  """Replicates the dimensions whose size does not divide their mesh axes."""
  out = []
  for dim, axes in zip(shape, tuple(spec) + (None,) * (len(shape) - len(spec))):
    names = (axes,) if isinstance(axes, str) else (axes or ())
    out.append(axes if dim % math.prod(mesh.shape[a] for a in names) == 0 else None)
  return P(*out)


def logical_shardings(abstract_boxed, mesh):
  """eval_shape output with logical metadata -> matching tree of NamedShardings (unboxed)."""
  specs = nn.get_partition_spec(abstract_boxed)  # logical names per leaf
  shapes = nn.unbox(abstract_boxed)
  mesh_specs = nn.logical_to_mesh(specs, LOGICAL_RULES)
  return jax.tree.map(lambda s, x: NamedSharding(mesh, _fit(s, x.shape, mesh)), mesh_specs, shapes,
                      is_leaf=lambda s: isinstance(s, P))


@contextlib.contextmanager
def rules_context(mesh):
  """Trace model code under this to turn its activation hints into sharding constraints."""
  with jax.set_mesh(mesh), nn.logical_axis_rules(LOGICAL_RULES):
    yield


def global_batch(local: np.ndarray, mesh) -> jax.Array:
  """This process's contiguous rows [b, ...] -> the global array [b * processes, ...], rows sharded."""
  sharding = batch_sharding(mesh, local.ndim)
  shape = (local.shape[0] * jax.process_count(),) + local.shape[1:]
  return jax.make_array_from_process_local_data(sharding, local, shape)
