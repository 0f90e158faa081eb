/**
 * Expert reviews moved from fulfilment's own table into the review module's: a database that
 * held reviews before the move holds the same reviews after it, conflicts and scores alike.
 */
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/database.js';
import { discoverMigrations, migrationFolders } from '../src/platform/migrator.js';
import { testDatabase } from './test-app.js';

const MOVE = discoverMigrations(migrationFolders()).find((m) => m.name.endsWith('_review.sql'))!.name;

let database: Database;
const rows = async <T>(query: RawBuilder<T>): Promise<T[]> => (await query.execute(database.db)).rows;

beforeAll(async () => {
  database = await testDatabase({ migrateBefore: MOVE });
});
afterAll(async () => database?.close());

describe('moving expert reviews into the review module', () => {
  it('carries every review over as it was and drops the old table', async () => {
    const users = (
      await rows(
        sql<{
          id: string;
        }>`INSERT INTO identity_users (username, display_name, password_hash) VALUES ('a', '专家甲', 'x'), ('b', '专家乙', 'x') RETURNING id`,
      )
    ).map((r) => r.id);
    // The old table points at an application; the fixture does not need one.
    await rows(
      sql`ALTER TABLE fulfilment_assessments DROP CONSTRAINT fulfilment_assessments_application_id_fkey`,
    );
    const app = '7d0f1c52-3b1e-4c55-9a51-0c9f3f3c2a10';
    await rows(
      sql`INSERT INTO fulfilment_assessments (application_id, round, assessor_user_id, conflict, conflict_note, scores, total, comment, submitted_at) VALUES
        (${app}, 1, ${users[0]}, false, null, '{"merit":35,"impact":25}', 60, '材料扎实', '2026-11-20T02:00:00Z'),
        (${app}, 1, ${users[1]}, true, '曾为该企业提供咨询', '{}', null, null, '2026-11-20T03:00:00Z'),
        (${app}, 2, ${users[0]}, false, null, '{"merit":20,"impact":20}', 40, null, '2026-11-25T02:00:00Z')`,
    );
    expect((await database.migrate())[0]).toBe(MOVE);
    const moved = await rows(
      sql`SELECT owner, case_id, round, assessor_user_id, conflict, conflict_note, scores, total, comment, submitted_at FROM review_scores ORDER BY round, submitted_at`,
    );
    expect(moved).toEqual([
      {
        owner: 'fulfilment.application',
        case_id: app,
        round: 1,
        assessor_user_id: users[0],
        conflict: false,
        conflict_note: null,
        scores: { merit: 35, impact: 25 },
        total: 60,
        comment: '材料扎实',
        submitted_at: new Date('2026-11-20T02:00:00Z'),
      },
      {
        owner: 'fulfilment.application',
        case_id: app,
        round: 1,
        assessor_user_id: users[1],
        conflict: true,
        conflict_note: '曾为该企业提供咨询',
        scores: {},
        total: null,
        comment: null,
        submitted_at: new Date('2026-11-20T03:00:00Z'),
      },
      {
        owner: 'fulfilment.application',
        case_id: app,
        round: 2,
        assessor_user_id: users[0],
        conflict: false,
        conflict_note: null,
        scores: { merit: 20, impact: 20 },
        total: 40,
        comment: null,
        submitted_at: new Date('2026-11-25T02:00:00Z'),
      },
    ]);
    expect(await rows(sql`SELECT to_regclass('fulfilment_assessments') AS t`)).toEqual([{ t: null }]);
  });

  it('keeps reviews append-only and consistent in the database itself', async () => {
    await expect(rows(sql`UPDATE review_scores SET total = 99 WHERE total = 60`)).rejects.toThrow(
      /append-only/,
    );
    const user = (await rows(sql<{ id: string }>`SELECT id FROM identity_users LIMIT 1`))[0]!.id;
    // A conflict without its note, and a score without a total, are refused.
    await expect(
      rows(
        sql`INSERT INTO review_scores (owner, case_id, round, assessor_user_id, conflict, total, submitted_at) VALUES ('fulfilment.application', gen_random_uuid(), 1, ${user}, true, null, now())`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      rows(
        sql`INSERT INTO review_scores (owner, case_id, round, assessor_user_id, conflict, total, submitted_at) VALUES ('fulfilment.application', gen_random_uuid(), 1, ${user}, false, null, now())`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
