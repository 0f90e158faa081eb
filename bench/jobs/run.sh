#!/usr/bin/env bash
# Job chunks benchmark (see bench/README.md): one population job (100 items × BENCH_SUBJECTS
# synthetic enterprises, default 10,000,000) split into parts through the persisted queue on the
# PostgreSQL server at DATABASE_URL, run by 1 and then 2 runner processes; prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if pg_isready -d "$DATABASE_URL" -q 2>/dev/null; then
  node --import tsx bench/jobs/population.ts
else
  echo "job chunks skipped: no PostgreSQL server at $DATABASE_URL"
fi
