#!/usr/bin/env bash
# The whole test suite: the README's test command and what CI runs.
#   1. typecheck and lint (including the module-boundary rule)
#   2. every unit and database test on embedded PGlite
#   3. the database tests again on a PostgreSQL server, when one is reachable
#      (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
#   4. build the web app and run the browser tests in Chromium
# Steps 1-3 need nothing but the npm packages (printable PDFs use the font of an npm package);
# only step 4 needs system packages, Chromium and a Chinese font for it, installed right before.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf test-results && mkdir -p test-results

step() { printf '\n=== %s ===\n' "$*"; }

step "typecheck"
npm run -s typecheck

step "lint"
npm run -s lint

step "unit and database tests (PGlite)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-pglite.json

PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node scripts/pg-ready.mjs "$PG_URL"; then
  step "database tests (PostgreSQL server, with a streaming replica for the public reads)"
  # A local replica (pg_basebackup) when this machine can run one (root, Debian's PostgreSQL on
  # 5432); CI must: the read-replica test runs against it. Stopped when the tests end.
  READ_URL="${TEST_DATABASE_READ_URL:-}"
  if [ -z "$READ_URL" ] && [ "$(id -u)" = "0" ] && [ -d /etc/postgresql ] && [ "$PG_URL" = "postgres://postgres@127.0.0.1:5432/postgres" ]; then
    if bash scripts/pg-replica.sh start; then
      READ_URL="postgres://postgres@127.0.0.1:5433/postgres"
      trap 'bash scripts/pg-replica.sh stop' EXIT
    elif [ "${CI:-}" = "true" ]; then
      echo "could not start the PostgreSQL replica" >&2; exit 1
    fi
  fi
  DATABASE_URL="$PG_URL" SEEDBED_PG_TESTS=1 TEST_DATABASE_READ_URL="$READ_URL" npx vitest run --reporter=default --reporter=json \
    --outputFile.json=test-results/vitest-postgres.json '.db.test.ts'
else
  if [ "${CI:-}" = "true" ]; then echo "PostgreSQL server not reachable at $PG_URL" >&2; exit 1; fi
  echo "(PostgreSQL server not reachable at $PG_URL: server database tests skipped)"
fi

if [ -d e2e ] && ls e2e/*.e2e.ts >/dev/null 2>&1; then
  # Debian's Chromium drives the browser tests; a Chinese font lets it render the pages' Chinese.
  if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
    if [ "$(id -u)" = "0" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
      echo "Browser tests need Debian's Chromium and a Chinese font: sudo apt-get install -y chromium fonts-noto-cjk" >&2
      exit 1
    fi
  fi
  step "build web"
  npm run -s build:web
  step "browser tests (Chromium)"
  npx vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest-e2e.json
fi

node scripts/summarise-tests.mjs test-results
