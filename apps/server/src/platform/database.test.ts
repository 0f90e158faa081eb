import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

describe('embedded database (PGlite)', () => {
  it('fails a root-connection query inside a transaction with a clear message instead of hanging, and recovers', async () => {
    const database = await openDatabase({ dataDir: 'memory://', connectionWaitMs: 300 });
    try {
      await expect(
        database.db.transaction().execute(async () => {
          await sql`select 1`.execute(database.db); // should have used the transaction
        }),
      ).rejects.toThrow(/deadlocks on the embedded database: pass the transaction/);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('applies the migrations once, in order', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const first = await database.migrate();
      expect(first[0]).toBe('20261101000100_core.sql');
      expect([...first].sort()).toEqual(first);
      expect(await database.migrate()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
