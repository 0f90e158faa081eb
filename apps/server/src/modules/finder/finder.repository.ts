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

/**
 * One chunk of registered subjects as columns: position i of every array is the subject ids[i].
 * `values[v][i]` is the current fact `v` as stored (the parsed jsonb), null when there is none.
 */
export interface SubjectColumns {
  ids: string[];
  regions: (string | null)[];
  values: Record<string, unknown[]>;
  /** The greatest id of the chunk (where the next chunk starts), null when the chunk is empty. */
  last: string | null;
}

/**
 * One chunk of registered subjects of a kind, in id order after `after` (and `from` ≤ id <
 * `before`), with the current facts of the given variables, read as one row of columns from the
 * finder's read model (`finder_subject_rows`, kept current by triggers on the core subject
 * tables): the ids and regions as one text each, every variable as one JSON array, so that the
 * driver parses a handful of values per chunk rather than one object per subject.
 */
export async function subjectColumns(db: Db, kind: string, variables: readonly string[], after: string | null, limit: number, before: string | null = null, from: string | null = null, withDemo = true): Promise<SubjectColumns> {
  // JIT compilation costs more than it saves on this simple, index-driven query.
  const row = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx).catch(() => undefined);
    const columns = variables.map((v, i) => sql`'[' || string_agg(coalesce(c.facts -> ${v}::text, 'null'::jsonb)::text, ',') || ']' AS ${sql.ref(`v${i}`)}`);
    // Every aggregate reads the same rows in the same order, so position i is one subject throughout.
    const r = await sql<Record<string, string | null>>`
      SELECT string_agg(c.subject_id::text, ',') AS ids, string_agg(coalesce(c.region_code, ''), ',') AS regions
             ${columns.length > 0 ? sql`, ${sql.join(columns)}` : sql``}
        FROM (SELECT subject_id, region_code, facts FROM finder_subject_rows
               WHERE kind = ${kind} ${withDemo ? sql`` : sql`AND NOT demo`} ${after ? sql`AND subject_id > ${after}::uuid` : sql``}
                 ${before ? sql`AND subject_id < ${before}::uuid` : sql``} ${from ? sql`AND subject_id >= ${from}::uuid` : sql``}
               ORDER BY subject_id
               LIMIT ${limit}) c`.execute(trx);
    return r.rows[0];
  });
  if (!row?.ids) return { ids: [], regions: [], values: Object.fromEntries(variables.map((v) => [v, []])), last: null };
  const ids = row.ids.split(',');
  let last = ids[0]!;
  for (const id of ids) if (id > last) last = id;
  const values: Record<string, unknown[]> = {};
  variables.forEach((v, i) => (values[v] = JSON.parse(row[`v${i}`]!) as unknown[]));
  return { ids, regions: row.regions!.split(',').map((r) => r || null), values, last };
}

/** The facts of the subject at position `i` of a chunk (those it has). */
export function factsAt(chunk: SubjectColumns, i: number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [v, column] of Object.entries(chunk.values)) if (column[i] !== null && column[i] !== undefined) facts[v] = column[i];
  return facts;
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
