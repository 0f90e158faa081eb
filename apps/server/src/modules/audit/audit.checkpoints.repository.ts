import { sql } from 'kysely';
import type { Tx } from '../../platform/database.js';

/**
 * Serialises checkpoint writers (several app processes on one PostgreSQL server may share a
 * checkpoint folder) until the transaction ends. A key of its own: it never waits for the chain.
 */
export async function lockCheckpoints(trx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7412)`.execute(trx);
}
