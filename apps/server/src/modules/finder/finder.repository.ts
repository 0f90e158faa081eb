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
  /** How many subjects the chunk holds. */
  size: number;
  /** Their ids (empty when the reader did not ask for them: a simulation only counts). */
  ids: string[];
  regions: (string | null)[];
  values: Record<string, unknown[]>;
  /** The greatest id of the chunk (where the next chunk starts), null when the chunk is empty. */
  last: string | null;
}

/** How many column blocks the subjects of a kind are cut into (by the first three hex digits of the id). */
export const BLOCKS = 4096;

/** The block an id falls in; an id bound of a slice (`…0000000-0000-…`) is the first id of its block. */
export const blockOf = (id: string): number => parseInt(id.slice(0, 3), 16);

/**
 * The subjects of a kind in the column blocks [lo, hi), in id order, with the current facts of
 * the given variables, read from the blocks' stored columns (`finder_block_columns`): a few rows
 * per block whatever its size. Columns missing or older than their block (a subject of it
 * changed since) are rebuilt first; every column of a block read together carries the block's
 * revision of the same statement, so position i is one subject throughout.
 */
export async function blockColumns(db: Db, kind: string, variables: readonly string[], lo: number, hi: number, options: { withDemo?: boolean; withIds?: boolean } = {}): Promise<SubjectColumns> {
  const withDemo = options.withDemo ?? true;
  const withIds = options.withIds ?? true;
  const names = [...(withIds ? ['#ids'] : []), '#regions', ...(withDemo ? [] : ['#demo']), ...variables];
  for (let attempt = 0; ; attempt++) {
    // Plain rows in block order, joined here: the database only looks them up by their key.
    const r = await sql<{ block: number; variable: string | null; fresh: boolean; data: string | null }>`
      SELECT b.block, c.variable, c.revision = b.revision AS fresh, c.data
        FROM finder_subject_blocks b
        LEFT JOIN finder_block_columns c
          ON c.kind = b.kind AND c.block = b.block AND c.variable = ANY(${names}::text[]) AND c.block >= ${lo} AND c.block < ${hi}
       WHERE b.kind = ${kind} AND b.block >= ${lo} AND b.block < ${hi}
       ORDER BY b.block`.execute(db);
    // Current when every block has every column, each of the block's revision.
    const blocks = new Set(r.rows.map((row) => row.block));
    if (r.rows.every((row) => row.fresh) && r.rows.length === blocks.size * names.length) return columnsOf(r.rows, variables, withDemo, withIds);
    // Another writer may change a block between the rebuild and the read: rebuild again (rarely more than once).
    if (attempt >= 5) throw new Error(`finder: the column blocks ${lo}–${hi} of ${kind} keep changing while being read`);
    await buildBlockColumns(db, kind, names, lo, hi);
  }
}

/**
 * (Re)builds the columns `names` of the blocks [lo, hi) of a kind that miss one of them or hold
 * one older than the block: one scan of those blocks' rows, every column aggregated at once in
 * id order, written with the block's revision read in the same statement.
 */
async function buildBlockColumns(db: Db, kind: string, names: readonly string[], lo: number, hi: number): Promise<void> {
  const valueOf = (name: string) =>
    name === '#ids' ? sql`r.subject_id::text`
    : name === '#regions' ? sql`coalesce(to_jsonb(r.region_code), 'null'::jsonb)::text`
    : name === '#demo' ? sql`CASE WHEN r.demo THEN 't' ELSE 'f' END`
    : sql`coalesce(r.facts -> ${name}::text, 'null'::jsonb)::text`;
  const columns = names.map((name, i) => sql`coalesce(string_agg(${valueOf(name)}, ',' ORDER BY r.subject_id) FILTER (WHERE r.subject_id IS NOT NULL), '') AS ${sql.ref(`c${i}`)}`);
  const unpivot = names.map((name, i) => sql`(${name}::text, a.${sql.ref(`c${i}`)})`);
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx).catch(() => undefined);
    await sql`
      WITH stale AS (
        SELECT b.block, b.revision FROM finder_subject_blocks b
         WHERE b.kind = ${kind} AND b.block >= ${lo} AND b.block < ${hi}
           AND (SELECT count(*) FROM finder_block_columns c
                 WHERE c.kind = b.kind AND c.block = b.block AND c.variable = ANY(${names}::text[]) AND c.revision = b.revision) < ${names.length}),
      agg AS (
        SELECT s.block, s.revision, ${sql.join(columns)}
          FROM stale s
          LEFT JOIN finder_subject_rows r
            ON r.kind = ${kind} AND r.subject_id >= finder_block_first(s.block) AND r.subject_id <= finder_block_last(s.block)
         GROUP BY s.block, s.revision)
      INSERT INTO finder_block_columns (kind, block, variable, revision, data)
      SELECT ${kind}, a.block, x.variable, a.revision, x.data
        FROM agg a CROSS JOIN LATERAL (VALUES ${sql.join(unpivot)}) AS x(variable, data)
       -- In key order, so that two rebuilds of overlapping columns lock rows in the same order.
       ORDER BY a.block, x.variable
      ON CONFLICT (kind, block, variable) DO UPDATE SET revision = excluded.revision, data = excluded.data`.execute(trx);
  });
}

function columnsOf(rows: readonly { variable: string | null; data: string | null }[], variables: readonly string[], withDemo: boolean, withIds: boolean): SubjectColumns {
  const parts = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.data || !row.variable) continue;
    let list = parts.get(row.variable);
    if (!list) parts.set(row.variable, (list = []));
    list.push(row.data);
  }
  const text = (name: string) => parts.get(name)?.join(',') ?? '';
  const regionsText = text('#regions');
  if (!regionsText) return { size: 0, ids: [], regions: [], values: Object.fromEntries(variables.map((v) => [v, []])), last: null };
  let ids = withIds ? text('#ids').split(',') : [];
  let regions = JSON.parse(`[${regionsText}]`) as (string | null)[];
  const values: Record<string, unknown[]> = {};
  for (const v of variables) values[v] = JSON.parse(`[${text(v)}]`) as unknown[];
  if (!withDemo) {
    const demo = text('#demo');
    if (demo.includes('t')) {
      const keep = demo.split(',').map((d) => d !== 't');
      if (withIds) ids = ids.filter((_, i) => keep[i]);
      regions = regions.filter((_, i) => keep[i]);
      for (const v of variables) values[v] = values[v]!.filter((_, i) => keep[i]);
    }
  }
  return { size: regions.length, ids, regions, values, last: ids.at(-1) ?? null };
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
