#!/bin/bash
# `cmr-clip convert` on Google Cloud Dataflow: the same conversion as on one machine, same output.
#
#   PROJECT=my-project REGION=europe-west4 TEMP=gs://my-scratch \
#   IMAGE=europe-west4-docker.pkg.dev/my-project/cmr/convert-beam:1 \
#     launch/dataflow.sh gs://my-archive/dicom gs://my-archive/reports.csv gs://my-data/cmr gs://my-keys/deid.key \
#       --frames 64 --size 224 --shards 2500
#
# Change: PROJECT, REGION, TEMP (a bucket for Dataflow's staging and temp files), IMAGE (a
# registry path you can push to), and MACHINE / MAX_WORKERS if you like. The key file lives in
# its own bucket that only the workers' service account reads (make it once: `head -c 32
# /dev/urandom | xxd -p -c 64 > deid.key; gsutil cp deid.key gs://my-keys/`); it never rides in
# a pipeline option. Choose --shards so a shard is ~1 GB (N / 40 at 25.7 MB a record): each
# shard is written whole on one worker's local disk first. Run from the repo with the Beam
# environment (`make beam-env`, then `.venv-beam/bin/pip install 'apache-beam[gcp]==2.77.0'`
# for gs:// paths), docker, and `gcloud auth application-default login`.
set -euo pipefail
cd "$(dirname "$0")/.."
BEAM_VENV=${BEAM_VENV:-.venv-beam}
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}" "${TEMP:?set TEMP=gs://bucket}" "${IMAGE:?set IMAGE}"
DICOM=${1:?gs:// folder of DICOM}; REPORTS=${2:?reports table}; OUT=${3:?gs:// output}; KEY=${4:?gs:// key file}
shift 4
make -s beam-reqs > launch/.beam-requirements.txt
docker build -f launch/beam.Dockerfile -t "$IMAGE" . && docker push "$IMAGE"
exec "$BEAM_VENV/bin/cmr-clip" convert --runner beam --dicom "$DICOM" --reports "$REPORTS" --out "$OUT" \
  --key-file "$KEY" "$@" --beam-options="--runner=DataflowRunner --project=$PROJECT --region=$REGION \
  --temp_location=$TEMP/tmp --staging_location=$TEMP/staging --sdk_container_image=$IMAGE \
  --sdk_location=container --machine_type=${MACHINE:-n2-standard-8} --disk_size_gb=100 \
  --max_num_workers=${MAX_WORKERS:-40} --job_name=cmr-clip-convert-$(date +%Y%m%d-%H%M%S)"
