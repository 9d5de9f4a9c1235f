"""Writes the external de-identification set: presidio-evaluator's generated sentences.

Run once (needs `pip install presidio-evaluator==0.3.2`, which is not a project dependency):
  python tests/data/deid/make_presidio_evaluator_set.py --out tests/data/deid/presidio_evaluator_sentences.jsonl

presidio-evaluator fills its shipped templates (raw_data/templates.txt, general-domain English:
"My name is {{person}}", "I live at {{address}}") with Faker values and records their spans. We
did not write those templates or values, so they test the de-identifier on text it was not tuned
on. The lines use the format of tests/data/deid/*.jsonl with an empty "keep" list.
"""

import argparse
import json
import random
import socket


def main():
  p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  p.add_argument("--out", required=True)
  p.add_argument("--n", type=int, default=300)
  p.add_argument("--seed", type=int, default=42)
  args = p.parse_args()

  def no_network(*a, **k):  # the generator tries a hospital list download; its shipped fallback is used
    raise OSError("network blocked")
  socket.socket.connect = no_network
  from presidio_evaluator.data_generator import PresidioSentenceFaker
  random.seed(args.seed)
  faker = PresidioSentenceFaker(locale="en_US", lower_case_ratio=0.05, random_seed=args.seed)
  with open(args.out, "w", encoding="utf-8") as f:
    for i, s in enumerate(faker.generate_new_fake_sentences(args.n)):
      phi = [{"start": sp.start_position, "end": sp.end_position, "type": sp.entity_type,
              "text": s.full_text[sp.start_position:sp.end_position]} for sp in s.spans]
      f.write(json.dumps({"id": f"pe{i:03d}", "text": s.full_text, "phi": phi, "keep": []},
                         ensure_ascii=False) + "\n")


if __name__ == "__main__":
  main()
