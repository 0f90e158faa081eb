/**
 * The legal transitions live once: `TRANSITIONS` in workflow.ts is what the service offers and
 * checks, and the database trigger enforces the rows of fulfilment_transitions. They must be the
 * same rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsFrom, TRANSITIONS } from '../src/modules/fulfilment/workflow.js';
import type { Database } from '../src/platform/database.js';
import { testDatabase } from './test-app.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database?.close());

describe('the transitions table', () => {
  it('is the same in the service and in the database', async () => {
    const rows = (
      await sql<{
        from_status: string;
        action: string;
        to_status: string;
      }>`SELECT from_status, action, to_status FROM fulfilment_transitions`.execute(database.db)
    ).rows;
    const key = (r: readonly [string, string, string]) => r.join(' ');
    expect(rows.map((r) => key([r.from_status, r.action, r.to_status])).sort()).toEqual(
      TRANSITIONS.map(key).sort(),
    );
  });

  it('offers each action of a status once, in order', () => {
    expect(actionsFrom('acceptance')).toEqual(['accept', 'return', 'reject', 'withdraw']);
    expect(actionsFrom('returned')).toEqual(['withdraw', 'resubmit']);
    expect(actionsFrom('publicity')).toEqual(['conclude', 'revoke']);
    expect(actionsFrom('closed')).toEqual([]);
  });
});
