#!/usr/bin/env bash
# Runs every test. Integration tests use the real MLflow server at MLFLOW_TRACKING_URI, or the
# project's local one (infra/mlflow/server.sh start installs and starts it on the first call).
set -euo pipefail
cd "$(dirname "$0")"
uri="${MLFLOW_TRACKING_URI:-$(bash infra/mlflow/server.sh start | tail -n 1)}"
exec mvn -B test -Dmlflow.test.uri="$uri" "$@"
