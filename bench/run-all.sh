#!/usr/bin/env bash
# Runs every benchmark: each bench/<name>/run.sh, in name order. Add a folder with a run.sh to be included.
set -uo pipefail
cd "$(dirname "$0")"
status=0
for script in */run.sh; do
  [ -f "$script" ] || continue
  echo "=== bench/${script%/run.sh} ==="
  bash "$script" || { echo "bench/${script} failed" >&2; status=1; }
  echo
done
exit $status
