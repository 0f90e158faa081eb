/**
 * vitest's global set-up for the unit and database tests: a cache folder for this run's seeded
 * databases (apps/server/test/seeded-cache.ts), removed at the end with the template databases
 * the run made on a PostgreSQL server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { templatePrefix } from './seeded-cache.js';

export default function setup(): () => Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'seedbed-test-cache-'));
  // Test processes start after this and inherit the environment.
  process.env.SEEDBED_TEST_CACHE = dir;
  process.env.SEEDBED_TEST_RUN = runId;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) return;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${templatePrefix(runId)}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
