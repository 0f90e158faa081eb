#!/usr/bin/env bash
# Web first-load benchmark (see bench/README.md): builds the web app when there is no build with a
# manifest, then loads the home page and the calculator on a throttled phone in Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${BENCH_WEB_DIST:-}" ] && [ ! -f apps/web/dist/.vite/manifest.json ]; then
  npm run -s build:web
fi
node --import tsx bench/web/load.ts
