#!/usr/bin/env bash
# Policy finder benchmarks (see bench/README.md): the anonymous check against a bare Fastify route
# (autocannon, loopback, same run), then a what-if simulation over 1,000,000 registered
# enterprises on the PostgreSQL server at DATABASE_URL (skipped when no server answers) and over
# 100,000 on in-memory PGlite, each with its ratio to the engine pass over the same rows.
# Sizes: BENCH_SUBJECTS (PostgreSQL), BENCH_PGLITE_SUBJECTS (PGlite).
set -euo pipefail
cd "$(dirname "$0")/../.."
node --import tsx bench/finder/check.ts
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if pg_isready -d "$DATABASE_URL" -q 2>/dev/null; then
  node --max-old-space-size=2048 --import tsx bench/finder/simulation.ts
else
  echo "simulation skipped: no PostgreSQL server at $DATABASE_URL"
fi
BENCH_DB=pglite BENCH_SUBJECTS="${BENCH_PGLITE_SUBJECTS:-100000}" node --max-old-space-size=2048 --import tsx bench/finder/simulation.ts
