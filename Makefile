# Two entry points for a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# pip extras: test (the suite), cuda12 (NVIDIA GPUs), tpu (Cloud TPU VMs), tensorboard; e.g.
# `make install EXTRAS=cuda12` on a GPU node, `make install EXTRAS=tpu` on every TPU worker.
EXTRAS ?= test
comma  := ,
STAMP  := $(VENV)/.installed-$(subst $(comma),-,$(EXTRAS))
DEMO   ?= out/demo
# The demo runs on 2 simulated devices, which keeps it honest about sharding without slowing a
# 2-core machine; the tests set their own device count (tests/conftest.py).
DEMO_ENV := XLA_FLAGS=--xla_force_host_platform_device_count=2

# The Beam environment (convert --runner beam): Apache Beam pins protobuf < 7 and pyarrow < 26,
# which the core environment outgrew, so it gets its own venv, as a Dataflow worker would: the
# package without its dependencies, then data_prep's floor (the core requirements less the JAX
# stack, which data_prep never imports) plus the [beam] and [test] extras.
BEAM_VENV  ?= .venv-beam
BEAM_BIN   := $(BEAM_VENV)/bin
BEAM_STAMP := $(BEAM_VENV)/.installed-stamp
BEAM_SKIP  := jax flax optax orbax-checkpoint grain tensorboardX safetensors
BEAM_REQS  := $(BEAM_VENV)/requirements.txt

.PHONY: install beam-env beam-reqs demo crosssite test test-fast figure bench clean

$(STAMP): setup.cfg pyproject.toml requirements-deid-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-deid-model.txt
	touch $(STAMP)

install: $(STAMP)

$(BEAM_STAMP): setup.cfg pyproject.toml requirements-deid-model.txt
	$(PYTHON) -m venv $(BEAM_VENV)
	$(BEAM_BIN)/pip install -q --upgrade pip
	$(BEAM_BIN)/pip install -q --no-deps -e .
	$(MAKE) -s beam-reqs > $(BEAM_REQS)
	$(BEAM_BIN)/pip install -q -r $(BEAM_REQS)
	$(BEAM_BIN)/pip install -q --no-deps --require-hashes -r requirements-deid-model.txt
	touch $(BEAM_STAMP)

beam-env: $(BEAM_STAMP)

# The Beam environment's requirements, one a line (also what launch/beam.Dockerfile installs).
beam-reqs:
	@$(PYTHON) -c "import configparser, re; c = configparser.ConfigParser(); c.read('setup.cfg'); \
	  x = c['options.extras_require']; reqs = (c['options']['install_requires'] + x['beam'] + x['test']).split(); \
	  print('\n'.join(r for r in reqs if re.split('[<>=~!\\[]', r)[0] not in '$(BEAM_SKIP)'.split()))"

# synth -> convert -> train -> eval -> export on the built-in synthetic data, everything under $(DEMO)/.
demo: $(STAMP)
	$(BIN)/cmr-clip synth --out $(DEMO)/dicom --studies 1000 --seed 0
	$(BIN)/cmr-clip convert --dicom $(DEMO)/dicom --reports $(DEMO)/dicom/reports.csv \
	    --labels $(DEMO)/dicom/labels.csv --out $(DEMO)/data --workers 2 \
	    --frames 8 --size 64 --spacing 2.0 --key-file $(DEMO)/deid.key
	$(DEMO_ENV) $(BIN)/cmr-clip train --config configs/demo.py --workdir $(DEMO)/run --config.data_dir=$(DEMO)/data
	$(DEMO_ENV) $(BIN)/cmr-clip eval --workdir $(DEMO)/run --split test
	$(DEMO_ENV) $(BIN)/cmr-clip export --workdir $(DEMO)/run --out $(DEMO)/bundle
	@echo "demo done: bundle in $(DEMO)/bundle, eval in $(DEMO)/run/eval/test.json"

# Held-out vendor: train on two vendors' synthetic studies, evaluate zero-shot on the in-distribution
# test split and on a third vendor never seen in training (other patients: another seed), whose
# studies are converted into their own folder with the training tokenizer (configs/crosssite.py).
CROSS         ?= out/crosssite
TRAIN_VENDORS ?= siemens,ge
HELDOUT       ?= philips
CONVERT_DEMO  := --workers 2 --frames 8 --size 64 --spacing 2.0 --key-file $(CROSS)/deid.key
crosssite: $(STAMP)
	$(BIN)/cmr-clip synth --out $(CROSS)/dicom --studies 1000 --seed 0 --vendors $(TRAIN_VENDORS)
	$(BIN)/cmr-clip synth --out $(CROSS)/dicom_$(HELDOUT) --studies 300 --seed 1 --vendors $(HELDOUT)
	$(BIN)/cmr-clip convert --dicom $(CROSS)/dicom --reports $(CROSS)/dicom/reports.csv \
	    --labels $(CROSS)/dicom/labels.csv --out $(CROSS)/data $(CONVERT_DEMO)
	$(BIN)/cmr-clip convert --dicom $(CROSS)/dicom_$(HELDOUT) --reports $(CROSS)/dicom_$(HELDOUT)/reports.csv \
	    --labels $(CROSS)/dicom_$(HELDOUT)/labels.csv --out $(CROSS)/$(HELDOUT) $(CONVERT_DEMO) \
	    --tokenizer $(CROSS)/data/tokenizer.model --split 0,0,1
	$(DEMO_ENV) $(BIN)/cmr-clip train --config configs/crosssite.py --workdir $(CROSS)/run --config.data_dir=$(CROSS)/data
	$(DEMO_ENV) $(BIN)/cmr-clip eval --workdir $(CROSS)/run --split test
	$(DEMO_ENV) $(BIN)/cmr-clip eval --workdir $(CROSS)/run --data $(CROSS)/$(HELDOUT) --split test --name heldout_$(HELDOUT)
	@echo "crosssite done: $(CROSS)/run/eval/test.json (in-distribution) and heldout_$(HELDOUT).json"

# The whole suite, slow end-to-end and multi-process tests included (what CI runs); then the
# Beam runner's tests in the Beam environment (skipped in the core one).
test: $(STAMP) $(BEAM_STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup
	$(BEAM_BIN)/python -m pytest -q tests/test_beam.py

# Inner loop: skips tests marked slow.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not slow"

# The README picture: one synthetic study per diagnosis.
figure: $(STAMP)
	$(BIN)/python -m data_prep.synth.figure --out docs/synthetic_studies.png

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf out .pytest_cache
