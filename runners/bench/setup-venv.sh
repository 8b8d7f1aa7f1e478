#!/usr/bin/env bash
# Creates the bench's Python environment (.venv-bench/ at the project root) with pinned numpy and scipy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv-bench"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/runners/bench/requirements.txt"
