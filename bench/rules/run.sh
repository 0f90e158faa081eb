#!/usr/bin/env bash
# Rules engine benchmarks (see bench/README.md). BENCH_ROWS=100000 for a quick run;
# BENCH_SECTION=catalog for only "one profile × 100 vs × 5,000 items" (bench/rules/catalog.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_SECTION:-}" = catalog ]; then exec node --expose-gc --import tsx bench/rules/catalog.ts; fi
exec node --expose-gc --max-old-space-size=4096 --import tsx bench/rules/bench.ts
