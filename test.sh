#!/usr/bin/env bash
# Runs every test. Integration tests use real services: the MLflow server at MLFLOW_TRACKING_URI, or
# the project's local one (infra/mlflow/server.sh installs and starts it on first use), and, where
# PostgreSQL can be set up (infra/scheduler/postgres.sh; needs root to install it), the clustered
# Quartz job store.
set -euo pipefail
cd "$(dirname "$0")"
uri="${MLFLOW_TRACKING_URI:-$(bash infra/mlflow/server.sh start | tail -n 1)}"
cluster=()
if bash infra/scheduler/postgres.sh setup >/dev/null; then
  cluster=(-Dquartz.test.cluster="$PWD/infra/scheduler/quartz-cluster.properties")
else
  echo "test.sh: no PostgreSQL for the clustered job store: its test is skipped" >&2
fi
exec mvn -B test -Dmlflow.test.uri="$uri" "${cluster[@]}" "$@"
