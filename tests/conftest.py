"""Test-wide settings: 8 simulated CPU devices, set before anything imports JAX."""

import os

# Tests need exactly 8 devices whatever the caller's XLA_FLAGS say.
_flags = [f for f in os.environ.get("XLA_FLAGS", "").split()
          if not f.startswith("--xla_force_host_platform_device_count")]
os.environ["XLA_FLAGS"] = " ".join(_flags + ["--xla_force_host_platform_device_count=8"])
os.environ.setdefault("JAX_PLATFORMS", "cpu")
