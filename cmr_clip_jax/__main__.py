import sys

from cmr_clip_jax.cli import main

sys.exit(main())
