#!/usr/bin/env bash
# Runs the tests. Test tiers are JUnit tags: untagged tests are the fast tier (about a minute, for the
# edit loop); `slow`, `mlflow` (the real MLflow server), `cluster` (PostgreSQL job store) and `browser`
# (Debian's chromium and chromedriver from /usr/bin, headless; .ci/run installs them) are the rest.
#   ./test.sh            every tier: starts the project's MLflow server (infra/mlflow/server.sh) unless
#                        MLFLOW_TRACKING_URI names one, and sets up PostgreSQL (infra/scheduler/postgres.sh)
#   ./test.sh --fast     the fast tier only, no services
# Extra arguments go to Maven (e.g. -pl runners -Dtest=SweepConfigTest). Under CI (CI=true) a test whose
# service is missing fails instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${1:-}" == "--fast" ]]; then
  shift
  exec mvn -B test -Dtest.excludedGroups=slow,mlflow,cluster,browser "$@"
fi
uri="${MLFLOW_TRACKING_URI:-$(bash infra/mlflow/server.sh start | tail -n 1)}"
cluster=()
if bash infra/scheduler/postgres.sh setup >/dev/null; then
  cluster=(-Dquartz.test.cluster="$PWD/infra/scheduler/quartz-cluster.properties")
elif [[ "${CI:-}" == "true" ]]; then
  echo "test.sh: PostgreSQL for the clustered job store could not be set up (CI=true: that is a failure)" >&2
  exit 1
else
  echo "test.sh: no PostgreSQL for the clustered job store: the cluster tests are skipped" >&2
fi
exec mvn -B test -Dmlflow.test.uri="$uri" "${cluster[@]}" "$@"
