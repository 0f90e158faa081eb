import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';

export interface MatchRow {
  subject_id: string;
  item_id: string;
  item_version: number;
  status: string;
  amount_fen: number | null;
  evaluated_on: string;
}

export async function matchesOf(db: Db | Tx, subjectId: string): Promise<Map<string, MatchRow>> {
  const r = await sql<MatchRow>`SELECT subject_id, item_id, item_version, status, amount_fen, evaluated_on FROM finder_matches WHERE subject_id = ${subjectId}`.execute(db);
  return new Map(r.rows.map((m) => [m.item_id, m]));
}

export async function matchOf(db: Db | Tx, subjectId: string, itemId: string): Promise<MatchRow | undefined> {
  const r = await sql<MatchRow>`SELECT subject_id, item_id, item_version, status, amount_fen, evaluated_on FROM finder_matches WHERE subject_id = ${subjectId} AND item_id = ${itemId}`.execute(db);
  return r.rows[0];
}

export async function upsertMatch(db: Db | Tx, m: MatchRow): Promise<void> {
  await sql`INSERT INTO finder_matches (subject_id, item_id, item_version, status, amount_fen, evaluated_on)
            VALUES (${m.subject_id}, ${m.item_id}, ${m.item_version}, ${m.status}, ${m.amount_fen}, ${m.evaluated_on})
            ON CONFLICT (subject_id, item_id) DO UPDATE SET item_version = EXCLUDED.item_version, status = EXCLUDED.status,
              amount_fen = EXCLUDED.amount_fen, evaluated_on = EXCLUDED.evaluated_on, updated_at = now()`.execute(db);
}

/** Forgets matches made against older versions of an item (the new version's matches were just written). */
export async function dropOlderMatches(db: Db | Tx, itemId: string, version: number): Promise<void> {
  await sql`DELETE FROM finder_matches WHERE item_id = ${itemId} AND item_version < ${version}`.execute(db);
}

// ---------------------------------------------------------------- registered subjects, in chunks

export interface SubjectChunkRow {
  id: string;
  region_code: string | null;
  /** Current facts of the requested variables, as stored (jsonb), or null when none. */
  facts: Record<string, unknown> | null;
}

/**
 * One chunk of registered subjects of a kind, in id order after `after`, with the current facts
 * of the given variables. Reads the core subject tables (shared core tables, DESIGN.md §3) in
 * one round trip; keyset pagination keeps every chunk an index range scan.
 */
export async function subjectChunk(db: Db, kind: string, variables: readonly string[], after: string | null, limit: number, before: string | null = null, from: string | null = null, withDemo = true): Promise<SubjectChunkRow[]> {
  // JIT compilation costs more than it saves on this simple, index-driven query.
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx).catch(() => undefined);
    return (await subjectChunkQuery(trx, kind, variables, after, limit, before, from, withDemo)).rows;
  });
}

function subjectChunkQuery(db: Db | Tx, kind: string, variables: readonly string[], after: string | null, limit: number, before: string | null, from: string | null, withDemo: boolean) {
  return sql<SubjectChunkRow>`
    SELECT s.id, s.region_code,
           (SELECT jsonb_object_agg(f.variable, f.value) FROM subject_facts f
             WHERE f.subject_id = s.id AND f.superseded_at IS NULL AND f.variable = ANY(${variables}::text[])) AS facts
      FROM subjects s
     WHERE s.kind = ${kind} ${withDemo ? sql`` : sql`AND NOT s.demo`} ${after ? sql`AND s.id > ${after}::uuid` : sql``} ${before ? sql`AND s.id < ${before}::uuid` : sql``} ${from ? sql`AND s.id >= ${from}::uuid` : sql``}
     ORDER BY s.id
     LIMIT ${limit}`.execute(db);
}

export async function countSubjects(db: Db, kind: string, withDemo = true): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE kind = ${kind} ${withDemo ? sql`` : sql`AND NOT demo`}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------- simulations

export interface SimulationRow {
  id: string;
  item_id: string;
  item_version: number;
  base_version: number | null;
  evaluated_on: string;
  job_id: string;
  created_by: string | null;
  created_at: Date;
}

export async function insertSimulation(trx: Tx, s: Omit<SimulationRow, 'created_at'>): Promise<void> {
  await sql`INSERT INTO finder_simulations (id, item_id, item_version, base_version, evaluated_on, job_id, created_by)
            VALUES (${s.id}, ${s.item_id}, ${s.item_version}, ${s.base_version}, ${s.evaluated_on}, ${s.job_id}, ${s.created_by})`.execute(trx);
}

export async function simulation(db: Db, id: string): Promise<SimulationRow | undefined> {
  const r = await sql<SimulationRow>`SELECT * FROM finder_simulations WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export async function simulationsOf(db: Db, itemId: string, limit: number): Promise<SimulationRow[]> {
  const r = await sql<SimulationRow>`SELECT * FROM finder_simulations WHERE item_id = ${itemId} ORDER BY created_at DESC LIMIT ${limit}`.execute(db);
  return r.rows;
}
