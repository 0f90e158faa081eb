#!/usr/bin/env bash
# Installs the npm packages from the lockfile when they are missing or older than it,
# so `npm start` and `npm test` work on a fresh clone with nothing else to run first.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (npm ci) …"
  npm ci --no-fund --no-audit
fi
