"""The README picture: one synthetic study per diagnosis, a few views and frames each.

  python -m data_prep.synth.figure --out docs/synthetic_studies.png [--seed 0]

Rows: NOR, DCM, HCM, MINF, ARV (the first study of each in the seed's sequence). Columns:
mid short-axis cine at end-diastole and end-systole, basal short-axis, 4-chamber and
2-chamber cine at end-diastole, mid short-axis LGE, 4-chamber LGE.
"""

import argparse
import json
import os

import numpy as np

from data_prep.synth import anatomy as synth_anatomy, generate as synth

COLUMNS = ("SAX mid ED", "SAX mid ES", "SAX base ED", "4CH ED", "2CH ED", "LGE SAX mid", "LGE 4CH")


def first_study_per_diagnosis(seed: int, size_options: dict) -> dict:
  """diagnosis -> study index: the first study of each diagnosis, in index order."""
  found, i = {}, 0
  while len(found) < len(synth_anatomy.DIAGNOSES):
    found.setdefault(synth.study_truth(seed, i, render=False, **size_options)["diagnosis"], i)
    i += 1
  return found


def panels(truth: dict) -> list:
  """The images of one row: float [H, W] each, None where the study lacks the view."""
  by_view = {}
  for s in truth["series"]:
    by_view.setdefault(s["view"], []).append(s)
  sax = np.concatenate([s["pixels"] for s in by_view["sax"]])  # [S, T, H, W], base -> apex
  mid = sax.shape[0] // 2
  es = int(round(truth["heart"].t_es * sax.shape[1])) % sax.shape[1]
  first = lambda v: by_view[v][0]["pixels"][0, 0] if v in by_view else None
  lge_sax = by_view["lge_sax"][0]["pixels"][mid, 0] if "lge_sax" in by_view else None
  return [sax[mid, 0], sax[mid, es], sax[0, 0], first("4ch"), first("2ch"), lge_sax, first("lge_4ch")]


def make_figure(out: str, seed: int = 0, size_options=None) -> dict:
  import matplotlib
  matplotlib.use("Agg")
  import matplotlib.pyplot as plt
  size_options = size_options or {"matrix": 128}
  chosen = first_study_per_diagnosis(seed, size_options)
  fig, axes = plt.subplots(len(chosen), len(COLUMNS), figsize=(2.1 * len(COLUMNS), 2.25 * len(chosen)))
  for r, dx in enumerate(synth_anatomy.DIAGNOSES):
    truth = synth.study_truth(seed, chosen[dx], **size_options)
    lab = truth["labels"]
    for c, img in enumerate(panels(truth)):
      ax = axes[r, c]
      ax.set_xticks([]), ax.set_yticks([])
      if img is None:
        ax.text(0.5, 0.5, "not acquired", ha="center", va="center", fontsize=8, transform=ax.transAxes)
      else:
        ax.imshow(img, cmap="gray", vmin=0, vmax=np.percentile(img, 99.5))
      if r == 0:
        ax.set_title(COLUMNS[c], fontsize=9)
    axes[r, 0].set_ylabel(f"{dx}\nLVEF {lab['lvef']:.0f}%\n{truth['protocol']['vendor']}", fontsize=9)
  fig.suptitle(f"cmr-clip synth --seed {seed}: one study per diagnosis", fontsize=11)
  fig.tight_layout()
  os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
  tmp = out + ".tmp.png"
  fig.savefig(tmp, dpi=80)
  os.replace(tmp, out)
  return {"out": out, "seed": seed, "studies": {dx: int(i) for dx, i in chosen.items()}}


def main(argv=None):
  p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  p.add_argument("--out", default="docs/synthetic_studies.png", help="PNG to write")
  p.add_argument("--seed", type=int, default=0, help="synth seed (default 0, as `make demo`)")
  args = p.parse_args(argv)
  summary = make_figure(args.out, args.seed)
  print(f"figure: {args.out}")
  print(json.dumps(summary))


if __name__ == "__main__":
  main()
