import { sql } from 'kysely';
import { rowFacts, type Catalog, type Column, type DictionaryColumn } from '@seedbed/rules';
import type { Db, Tx } from '../../platform/database.js';
import { decodeColumns, encodeColumn, formatOf, gather, rowsOf, SIZE_CLASS_COLUMN, SIZE_INPUTS } from './finder.blocks.js';
import { blockCache } from './finder.cache.js';

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
 * One chunk of registered subjects as the evaluator's columns: position i of every column is the
 * subject ids[i].
 */
export interface SubjectColumns {
  /** How many subjects the chunk holds. */
  size: number;
  /** Their ids (empty when the reader did not ask for them: a simulation only counts). */
  ids: string[];
  /** Each subject's own region (GB/T 2260), code -1 when it has none. */
  regions: DictionaryColumn;
  /** The columns read, by name: a variable, or SIZE_CLASS_COLUMN (computed from its inputs). */
  columns: Record<string, Column>;
  /** The greatest id of the chunk (where the next chunk starts), null when the chunk is empty. */
  last: string | null;
}

/** How many column blocks the subjects of a kind are cut into (by the first three hex digits of the id). */
export const BLOCKS = 4096;

/** The block an id falls in; an id bound of a slice (`…0000000-0000-…`) is the first id of its block. */
export const blockOf = (id: string): number => parseInt(id.slice(0, 3), 16);

const fromBase64 = (data: string | null): Uint8Array => (data === null ? new Uint8Array(0) : Buffer.from(data, 'base64'));

/**
 * The subjects of a kind in the column blocks [lo, hi), in id order, with the current facts of
 * the given columns (variables, or SIZE_CLASS_COLUMN), read from the blocks' stored binary
 * columns (`finder_block_columns`, finder.blocks.ts): a few rows per block whatever its size,
 * copied rather than parsed. Columns missing, older than their block (a subject of it changed
 * since) or of another format are rebuilt first; every column of a block read together carries
 * the block's revision of the same statement, so position i is one subject throughout.
 *
 * The chunk read is kept in this process (finder.cache.ts) with its blocks' revisions: asked for
 * again, the same columns of the same blocks are taken from there when no block's revision moved
 * (one short query). The chunk returned may thus be shared: callers never change it.
 */
export async function blockColumns(db: Db, kind: string, catalog: Catalog, variables: readonly string[], lo: number, hi: number, options: { withDemo?: boolean; withIds?: boolean; revisions?: string } = {}): Promise<SubjectColumns> {
  const withDemo = options.withDemo ?? true;
  const withIds = options.withIds ?? true;
  const names = [...new Set([...(withIds ? ['#ids'] : []), '#regions', ...(withDemo ? [] : ['#demo']), ...variables])];
  const formats = names.map((n) => formatOf(catalog, n));
  const formatByName = new Map(names.map((n, i) => [n, formats[i]!]));
  const cache = blockCache(db);
  const key = JSON.stringify([kind, lo, hi, withDemo, names, formats]);
  if (cache.has(key)) {
    const held = cache.get(key, options.revisions ?? (await blockRevisions(db, kind, [{ lo, hi }]))[0]!);
    if (held) return held;
  }
  for (let attempt = 0; ; attempt++) {
    // Two range scans of primary keys in one statement (one snapshot): the blocks' revisions and
    // their stored columns, compared here. (A join planned before the table's first statistics,
    // right after it filled, was a nested loop rescanning the range: 25× slower.) The bytes come as
    // base64: pg sends bytea as hex text, which decodes four times slower.
    const { rows } = await sql<{ block: number; variable: string | null; revision: string; format: string | null; data: string | null }>`
      SELECT c.block, c.variable, c.revision::text AS revision, c.format, encode(c.data, 'base64') AS data
        FROM finder_block_columns c
       WHERE c.kind = ${kind} AND c.block >= ${lo} AND c.block < ${hi} AND c.variable = ANY(${names}::text[])
      UNION ALL
      SELECT b.block, NULL, b.revision::text, NULL, NULL
        FROM finder_subject_blocks b
       WHERE b.kind = ${kind} AND b.block >= ${lo} AND b.block < ${hi}`.execute(db);
    const revisions = new Map<number, string>();
    for (const row of rows) if (row.variable === null) revisions.set(row.block, row.revision);
    const stored = rows.filter((row) => row.variable !== null);
    // Current when every block has every column (one per name: the key), each of the block's revision and the format asked for.
    if (stored.length === revisions.size * names.length && stored.every((row) => revisions.get(row.block) === row.revision && formatByName.get(row.variable!) === row.format)) {
      const chunk = columnsOf(stored.sort((a, b) => a.block - b.block), formatByName, variables, withDemo, withIds);
      cache.set(key, revisionsDigest(revisions.values()), chunk);
      return chunk;
    }
    // Another writer may change a block between the rebuild and the read: rebuild again (rarely more than once).
    if (attempt >= 5) throw new Error(`finder: the column blocks ${lo}–${hi} of ${kind} keep changing while being read`);
    await buildBlockColumns(db, kind, names, formats, lo, hi);
  }
}

/**
 * What the revisions of some blocks are compared by: their count and their sum. A block's
 * revision is drawn from one sequence once its row is locked, after the previous writer of the
 * block committed, so every change of a block raises its revision, and blocks are never deleted:
 * the sum of a range's revisions rises with every change in it and with every new block, and
 * stays only while none of them changed. (Smaller to send and compare than every revision.)
 */
const revisionsDigest = (revisions: Iterable<string>): string => {
  let count = 0;
  let sum = 0n;
  for (const r of revisions) {
    count++;
    sum += BigInt(r);
  }
  return `${count}:${sum}`;
};

/**
 * The revisions of the blocks of each range, as `blockColumns` compares them with a chunk this
 * process keeps (`options.revisions`): one statement for all the ranges, which a caller about to
 * read them in turn passes on, so that the chunks kept cost no query each.
 */
export async function blockRevisions(db: Db, kind: string, ranges: readonly { lo: number; hi: number }[]): Promise<string[]> {
  if (ranges.length === 0) return [];
  // The ranges' bounds in order: with disjoint ranges, range k is the bucket starting at its lo
  // (blocks between two ranges fall in a bucket no range starts, and are left out). One scan of
  // the blocks, grouped by bucket (a join of ranges and blocks was planned as a nested loop).
  const bounds = [...new Set(ranges.flatMap((r) => [r.lo, r.hi]))].sort((a, b) => a - b);
  const bucketOf = ranges.map((r) => bounds.indexOf(r.lo) + 1);
  if (ranges.some((r) => r.hi <= r.lo || bounds[bounds.indexOf(r.lo) + 1] !== r.hi)) throw new Error('finder: block ranges must be disjoint and not empty');
  const { rows } = await sql<{ bucket: number; digest: string }>`
    SELECT width_bucket(block, ${bounds}::int[]) AS bucket, count(*)::text || ':' || sum(revision)::text AS digest
      FROM finder_subject_blocks
     WHERE kind = ${kind} AND block >= ${bounds[0]!} AND block < ${bounds.at(-1)!}
     GROUP BY 1`.execute(db);
  const digests = new Map(rows.map((r) => [Number(r.bucket), r.digest]));
  // A range without blocks has no row: its digest is that of no revisions.
  return bucketOf.map((b) => digests.get(b) ?? revisionsDigest([]));
}

/** Blocks rebuilt together by `refreshBlocks` (as many as a population job reads at once). */
const REFRESH_GROUP = 128;

/**
 * Rebuilds every stored column older than its block (a subject of the block changed since it was
 * written), in the format it has, so that the next population job reads current blocks rather
 * than rebuilding them on its way: the background refresh ('finder.refresh_blocks'). Consecutive
 * stale blocks with the same stale columns are rebuilt together. Answers how many blocks it
 * rebuilt; `progress` hears of each group rebuilt.
 */
export async function refreshBlocks(db: Db, progress?: (done: number, of: number) => Promise<void>): Promise<number> {
  const { rows } = await sql<{ kind: string; block: number; names: string[]; formats: string[] }>`
    SELECT c.kind, c.block, array_agg(c.variable ORDER BY c.variable) AS names, array_agg(c.format ORDER BY c.variable) AS formats
      FROM finder_block_columns c
      JOIN finder_subject_blocks b ON b.kind = c.kind AND b.block = c.block
     WHERE c.revision < b.revision
     GROUP BY c.kind, c.block
     ORDER BY c.kind, c.block`.execute(db);
  let k = 0;
  while (k < rows.length) {
    const first = rows[k]!;
    const same = JSON.stringify([first.kind, first.names, first.formats]);
    let end = k + 1;
    while (end < rows.length && end - k < REFRESH_GROUP && rows[end]!.block === rows[end - 1]!.block + 1 && JSON.stringify([rows[end]!.kind, rows[end]!.names, rows[end]!.formats]) === same) end++;
    await buildBlockColumns(db, first.kind, first.names, first.formats, first.block, rows[end - 1]!.block + 1);
    k = end;
    // (A job's heartbeat: a long refresh is not taken for a dead one.)
    await progress?.(k, rows.length);
  }
  return rows.length;
}

/** Whether a population job has stored columns of the kind (so that a change of one of its subjects leaves a block to refresh). */
export async function hasStoredColumns(db: Db | Tx, kind: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM finder_block_columns WHERE kind = ${kind} LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** Rows of finder_block_columns written by one statement (six parameters each). */
const WRITE_BATCH = 500;

/**
 * (Re)builds the columns `names` of the blocks [lo, hi) of a kind that miss one of them or hold
 * one older than the block or of another format: one statement reads those blocks' revisions and
 * their subjects' facts (so the two agree), the columns are encoded here, and written with that
 * revision; a write never replaces a column of a later revision.
 */
async function buildBlockColumns(db: Db, kind: string, names: readonly string[], formats: readonly string[], lo: number, hi: number): Promise<void> {
  const facts = [...new Set(names.flatMap((n) => (n === SIZE_CLASS_COLUMN ? [...SIZE_INPUTS] : n.startsWith('#') ? [] : [n])))];
  const r = await sql<{ block: number; revision: string; id: string | null; region: string | null; demo: boolean | null } & Record<string, unknown>>`
    WITH stale AS (
      SELECT b.block, b.revision FROM finder_subject_blocks b
       WHERE b.kind = ${kind} AND b.block >= ${lo} AND b.block < ${hi}
         AND (SELECT count(*) FROM finder_block_columns c
               WHERE c.kind = b.kind AND c.block = b.block AND c.variable = ANY(${names}::text[]) AND c.revision = b.revision
                 AND c.format = (${formats}::text[])[array_position(${names}::text[], c.variable)]) < ${names.length})
    SELECT s.block, s.revision::text AS revision, r.subject_id::text AS id, r.region_code AS region, r.demo
           ${sql.join(facts.map((f, i) => sql`, r.facts -> ${f}::text AS ${sql.ref(`f${i}`)}`), sql``)}
      FROM stale s
      LEFT JOIN finder_subject_rows r
        ON r.kind = ${kind} AND r.subject_id >= finder_block_first(s.block) AND r.subject_id <= finder_block_last(s.block)
     ORDER BY s.block, r.subject_id`.execute(db);
  const writes: { block: number; revision: string; name: string; format: string; data: Uint8Array }[] = [];
  let k = 0;
  while (k < r.rows.length) {
    const { block, revision } = r.rows[k]!;
    let end = k;
    while (end < r.rows.length && r.rows[end]!.block === block) end++;
    // An empty block is one row without a subject.
    const rows = r.rows.slice(k, end).filter((x) => x.id !== null);
    k = end;
    const factColumn = (f: string) => {
      const key = `f${facts.indexOf(f)}`;
      return rows.map((x) => (x[key] ?? null) as unknown);
    };
    names.forEach((name, i) => {
      const values: unknown[] =
        name === '#ids' ? rows.map((x) => x.id)
        : name === '#regions' ? rows.map((x) => x.region)
        : name === '#demo' ? rows.map((x) => x.demo === true)
        : name === SIZE_CLASS_COLUMN ? rows.map(() => null)
        : factColumn(name);
      const inputs = name === SIZE_CLASS_COLUMN ? { industry: factColumn('industry'), employees: factColumn('employees'), revenue: factColumn('revenue'), total_assets: factColumn('total_assets') } : undefined;
      writes.push({ block, revision, name, format: formats[i]!, data: encodeColumn(formats[i]!, values, inputs) });
    });
  }
  // In key order, so that two rebuilds of overlapping columns lock rows in the same order.
  writes.sort((a, b) => a.block - b.block || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let at = 0; at < writes.length; at += WRITE_BATCH) {
    const batch = writes.slice(at, at + WRITE_BATCH);
    await sql`
      INSERT INTO finder_block_columns (kind, block, variable, revision, format, data)
      VALUES ${sql.join(batch.map((w) => sql`(${kind}, ${w.block}, ${w.name}, ${w.revision}::bigint, ${w.format}, ${Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)})`))}
      ON CONFLICT (kind, block, variable) DO UPDATE SET revision = excluded.revision, format = excluded.format, data = excluded.data
       WHERE finder_block_columns.revision <= excluded.revision`.execute(db);
  }
}

/** The stored columns (in block order) decoded; `formatOfName` has every column read, by name. */
function columnsOf(rows: readonly { block: number; variable: string | null; data: string | null }[], formatOfName: ReadonlyMap<string, string>, variables: readonly string[], withDemo: boolean, withIds: boolean): SubjectColumns {
  const parts = new Map<string, Uint8Array[]>([...formatOfName.keys()].map((n) => [n, []]));
  for (const row of rows) if (row.variable) parts.get(row.variable)!.push(fromBase64(row.data));
  // The blocks' sizes, from their regions.
  const sizes = parts.get('#regions')!.map((p) => rowsOf('codes', p));
  const decode = <T>(name: string) => decodeColumns(formatOfName.get(name)!, parts.get(name)!, sizes) as T;
  let size = sizes.reduce((a, b) => a + b, 0);
  let ids = withIds ? decode<string[]>('#ids') : [];
  let regions = decode<DictionaryColumn>('#regions');
  const columns: Record<string, Column> = {};
  for (const v of variables) columns[v] = decode<Column>(v);
  if (!withDemo && size > 0) {
    const demo = decode<Uint8Array>('#demo');
    if (demo.includes(1)) {
      const keep: number[] = [];
      for (let i = 0; i < size; i++) if (demo[i] !== 1) keep.push(i);
      if (withIds) ids = gather(ids, keep);
      regions = gather(regions, keep);
      for (const v of variables) columns[v] = gather(columns[v]!, keep);
      size = keep.length;
    }
  }
  return { size, ids, regions, columns, last: ids.at(-1) ?? null };
}

/** The facts of the subject at position `i` of a chunk (those it has; a date as YYYY-MM-DD; not the stored size class). */
export function factsAt(catalog: Catalog, chunk: SubjectColumns, i: number): Record<string, unknown> {
  return rowFacts(catalog, { size: chunk.size, columns: chunk.columns }, i);
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
