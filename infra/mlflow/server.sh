#!/usr/bin/env bash
# Local MLflow tracking server for movierec: install | start | stop | status | uri
#   MLFLOW_PORT            port on 127.0.0.1 (default 5000)
#   MLFLOW_DATA_DIR        SQLite db, artifacts, pid file and log (default infra/mlflow/data)
#   MLFLOW_START_TIMEOUT   seconds to wait for /health (default 180: the first start migrates the db)
#   PYTHON                 interpreter that creates the venv (default python3, needs >= 3.10)
set -euo pipefail

MLFLOW_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$MLFLOW_HOME/.venv"
REQUIREMENTS="$MLFLOW_HOME/requirements.txt"
# A copy of the requirements the venv was built from: a changed pin triggers a reinstall.
INSTALLED_STAMP="$VENV/installed-requirements.txt"
PORT="${MLFLOW_PORT:-5000}"
DATA_DIR="${MLFLOW_DATA_DIR:-$MLFLOW_HOME/data}"
PID_FILE="$DATA_DIR/server-$PORT.pid"
LOG_FILE="$DATA_DIR/server-$PORT.log"
URI="http://127.0.0.1:$PORT"
START_TIMEOUT="${MLFLOW_START_TIMEOUT:-180}"
STOP_GRACE_SECONDS=15

die() { echo "server.sh: $*" >&2; exit 1; }

healthy() { curl -fsS --max-time 2 "$URI/health" >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# Pid of the server this script started on PORT, if it is still alive.
started_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_install() {
  if [[ -x "$VENV/bin/mlflow" ]] && cmp -s "$REQUIREMENTS" "$INSTALLED_STAMP"; then
    echo "mlflow $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("mlflow"))') already installed in $VENV"
    return
  fi
  echo "installing $(grep -v '^#' "$REQUIREMENTS" | xargs) into $VENV" >&2
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >&2
  cp "$REQUIREMENTS" "$INSTALLED_STAMP"
}

cmd_start() {
  if healthy; then
    started_pid >/dev/null || echo "server.sh: reusing a server this script did not start on port $PORT" >&2
    echo "$URI"
    return
  fi
  port_in_use && die "port $PORT is taken by something that is not an MLflow server (set MLFLOW_PORT)"
  cmd_install >&2
  mkdir -p "$DATA_DIR/artifacts"
  local data_dir
  data_dir="$(cd "$DATA_DIR" && pwd)"
  # The job runner (GenAI scorers, trace rollups; ~500 MB in 8 processes) serves nothing movierec uses.
  export MLFLOW_SERVER_ENABLE_JOB_EXECUTION="${MLFLOW_SERVER_ENABLE_JOB_EXECUTION:-false}"
  # setsid: the server leads its own process group, so stop reaches the uvicorn/gunicorn workers too.
  setsid "$VENV/bin/mlflow" server \
    --host 127.0.0.1 --port "$PORT" --workers 1 \
    --backend-store-uri "sqlite:///$data_dir/mlflow.db" \
    --artifacts-destination "$data_dir/artifacts" --serve-artifacts \
    >>"$LOG_FILE" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local waited=0
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG_FILE" >&2
      die "mlflow server exited during startup (log: $LOG_FILE)"
    fi
    if (( waited >= START_TIMEOUT )); then
      tail -n 30 "$LOG_FILE" >&2
      cmd_stop >&2
      die "mlflow server gave no answer on $URI/health within ${START_TIMEOUT}s (log: $LOG_FILE)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "$URI"
}

cmd_stop() {
  local pid
  if ! pid="$(started_pid)"; then
    rm -f "$PID_FILE"
    echo "no server started by server.sh is running on port $PORT"
    return
  fi
  kill -TERM -- "-$pid" 2>/dev/null || true
  local waited=0
  while kill -0 -- "-$pid" 2>/dev/null && (( waited < STOP_GRACE_SECONDS )); do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    echo "server.sh: server did not stop within ${STOP_GRACE_SECONDS}s, killing it" >&2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "stopped mlflow server (pid $pid) on port $PORT"
}

cmd_status() {
  local pid=""
  pid="$(started_pid)" || true
  if healthy; then
    if [[ -n "$pid" ]]; then echo "running on $URI (pid $pid)"; else echo "running on $URI (not started by server.sh)"; fi
  else
    echo "not answering on $URI${pid:+ (pid $pid alive, see $LOG_FILE)}"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  uri) echo "$URI" ;;
  *) die "usage: server.sh install|start|stop|status|uri" ;;
esac
