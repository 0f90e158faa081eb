#!/usr/bin/env bash
# Rules engine benchmarks (see bench/README.md). BENCH_ROWS=100000 for a quick run.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --expose-gc --max-old-space-size=4096 --import tsx bench/rules/bench.ts
