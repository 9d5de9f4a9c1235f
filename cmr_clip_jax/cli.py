"""The `cmr-clip` console script: one subcommand per step of the pipeline.

Each subcommand lives in the module that does the work; that module exposes
`add_arguments(parser)` and `run(args) -> int`. Modules are imported only when their
subcommand runs, so `cmr-clip --help` answers without importing JAX.
"""

import argparse
import importlib
import sys

from data_prep.errors import UserError

# name -> (module, one-line help)
SUBCOMMANDS = {
    "synth": ("data_prep.synth.generate", "write synthetic DICOM CMR studies, reports.csv and labels.csv"),
    "convert": ("data_prep.convert", "DICOM studies + reports -> de-identified, patient-split ArrayRecord shards"),
    "convert-nifti": ("data_prep.nifti", "public cine SAX datasets (ACDC, M&Ms) as downloaded -> eval-only records"),
    "deid-reports": ("data_prep.deid_reports", "the reports table with each report de-identified as convert does, "
                                               "for audit"),
    "train": ("cmr_clip_jax.train", "train the dual encoder from a config file"),
    "eval": ("cmr_clip_jax.evaluate", "zero-shot, retrieval, few-shot and linear-probe evaluation of a run"),
    "export": ("cmr_clip_jax.export", "export an inference bundle (safetensors, StableHLO, tokenizer, model card)"),
    "embed": ("cmr_clip_jax.bundle", "embed a DICOM study or a report with an exported bundle"),
    "sweep": ("cmr_clip_jax.sweep", "batch-size ablation: one run per batch size, aggregated"),
}


def _build_parser(argv):
  parser = argparse.ArgumentParser(
      prog="cmr-clip", description="CLIP-style pretraining on cardiac MRI studies and their reports.")
  sub = parser.add_subparsers(dest="command", metavar="COMMAND")
  chosen = _chosen(argv)
  for name, (module, help_text) in SUBCOMMANDS.items():
    p = sub.add_parser(name, help=help_text, description=help_text)
    if name == chosen:
      importlib.import_module(module).add_arguments(p)
  return parser


def _chosen(argv):
  """The subcommand named on the command line (the first word that is not an option), or None."""
  return next((a for a in argv if not a.startswith("-")), None)


def _glue_option_lists(argv: list) -> list:
  """`--flag "--a=1 --b"` -> `--flag=--a=1 --b`: a value that is itself a list of options
  (`convert --beam-options`) would otherwise be read by argparse as one of our options."""
  out = []
  for arg in argv:
    if out and out[-1].startswith("--") and "=" not in out[-1] and arg.startswith("--") and " " in arg:
      out[-1] = f"{out[-1]}={arg}"
    else:
      out.append(arg)
  return out


def main(argv=None) -> int:
  argv = _glue_option_lists(sys.argv[1:] if argv is None else list(argv))
  if _chosen(argv) == "convert":  # its worker server (~1.7 s of CPU to start) overlaps the imports below
    from data_prep import convert_server
    convert_server.start_early(argv)
  parser = _build_parser(argv)
  args, unknown = parser.parse_known_args(argv)
  if args.command is None:
    parser.print_help()
    return 2
  if unknown and not getattr(args, "accepts_unknown", False):
    parser.error(f"unrecognized arguments: {' '.join(unknown)}")
  args.unknown = unknown
  module = importlib.import_module(SUBCOMMANDS[args.command][0])
  try:
    return int(module.run(args) or 0)
  except UserError as e:
    print(f"cmr-clip {args.command}: error: {e}", file=sys.stderr)
    return 2
  except KeyboardInterrupt:
    print(f"cmr-clip {args.command}: interrupted", file=sys.stderr)
    return 130
