#!/bin/bash
# `cmr-clip convert` on an existing Apache Flink cluster (Beam's portable FlinkRunner).
#
#   FLINK=flink-jobmanager:8081 IMAGE=registry.example.org/cmr/convert-beam:1 PARALLELISM=64 \
#     launch/flink.sh s3://archive/dicom s3://archive/reports.csv s3://data/cmr s3://keys/deid.key \
#       --frames 64 --size 224 --shards 2500
#
# Change: FLINK (the JobManager's REST address), IMAGE (built and pushed as in launch/dataflow.sh,
# pulled by every TaskManager host, which needs docker), PARALLELISM (about the cluster's total
# task slots). Paths must be readable by every TaskManager: s3:// (install
# 'apache-beam[aws]==2.77.0' in .venv-beam and the image), hdfs://, or one shared mount. The
# first run downloads Beam's Flink job server jar (give --flink_job_server_jar=JAR if this host
# is offline); --flink_version must match the cluster's (1.19 here).
set -euo pipefail
cd "$(dirname "$0")/.."
BEAM_VENV=${BEAM_VENV:-.venv-beam}
: "${FLINK:?set FLINK=host:port}" "${IMAGE:?set IMAGE}"
DICOM=${1:?folder of DICOM}; REPORTS=${2:?reports table}; OUT=${3:?output}; KEY=${4:?key file}; shift 4
exec "$BEAM_VENV/bin/cmr-clip" convert --runner beam --dicom "$DICOM" --reports "$REPORTS" --out "$OUT" \
  --key-file "$KEY" "$@" --beam-options="--runner=FlinkRunner --flink_master=$FLINK --flink_version=1.19 \
  --environment_type=DOCKER --environment_config=$IMAGE --parallelism=${PARALLELISM:-64}"
