/** The only SQL on the pre-IPO pool's tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { IpoEntriesTable, IpoStageRecordsTable, IpoTables } from './ipo.tables.js';

const t = (db: Db | Tx) => tablesOf<IpoTables>(db);

export type EntryRow = Selectable<IpoEntriesTable> & { enterprise_name: string };
export type RecordRow = Selectable<IpoStageRecordsTable> & { evidence_name: string | null };

const entrySelect = sql`
  SELECT e.id, e.subject_id, e.region_code, e.board, e.stage, e.status, e.note, e.enrolled_by_office, e.applied_by, e.applied_at,
         e.refusal_reason, e.refusal_note, e.decided_by, e.decided_at, e.admitted_on::text AS admitted_on, s.name AS enterprise_name
    FROM ipo_entries e JOIN subjects s ON s.id = e.subject_id`;

export async function entryById(db: Db | Tx, id: string, lock = false): Promise<EntryRow | undefined> {
  if (lock) await sql`SELECT id FROM ipo_entries WHERE id = ${id} FOR UPDATE`.execute(db);
  return (await sql<EntryRow>`${entrySelect} WHERE e.id = ${id}`.execute(db)).rows[0];
}

export async function entriesOf(db: Db | Tx, subjectIds: readonly string[]): Promise<EntryRow[]> {
  if (subjectIds.length === 0) return [];
  return (await sql<EntryRow>`${entrySelect} WHERE e.subject_id = ANY(${[...subjectIds]}::uuid[]) ORDER BY e.applied_at DESC`.execute(db)).rows;
}

export async function poolEntries(db: Db | Tx, f: { regionPrefix: string | null; stage: string | null; board: string | null; status: string | null }): Promise<EntryRow[]> {
  return (
    await sql<EntryRow>`${entrySelect}
      WHERE (${f.regionPrefix}::text IS NULL OR e.region_code LIKE ${(f.regionPrefix ?? '') + '%'})
        AND (${f.stage}::text IS NULL OR e.stage = ${f.stage ?? ''})
        AND (${f.board}::text IS NULL OR e.board = ${f.board ?? ''})
        AND (${f.status}::text IS NULL OR e.status = ${f.status ?? ''})
      ORDER BY e.status = 'applied' DESC, e.applied_at DESC`.execute(db)
  ).rows;
}

export async function insertEntry(trx: Tx, row: Insertable<IpoEntriesTable>): Promise<string> {
  return (await t(trx).insertInto('ipo_entries').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setEntry(trx: Tx, id: string, set: Partial<Omit<Selectable<IpoEntriesTable>, 'id' | 'subject_id'>>): Promise<void> {
  await t(trx).updateTable('ipo_entries').set(set).where('id', '=', id).execute();
}

const recordSelect = sql`
  SELECT r.id, r.entry_id, r.stage, r.reached_on::text AS reached_on, r.evidence_file_id, r.note, r.status, r.recorded_by, r.recorded_at,
         r.return_note, r.verified_by, r.verified_at, r.verified_on::text AS verified_on, f.original_name AS evidence_name
    FROM ipo_stage_records r LEFT JOIN files f ON f.id = r.evidence_file_id`;

export async function recordById(db: Db | Tx, id: string, lock = false): Promise<RecordRow | undefined> {
  if (lock) await sql`SELECT id FROM ipo_stage_records WHERE id = ${id} FOR UPDATE`.execute(db);
  return (await sql<RecordRow>`${recordSelect} WHERE r.id = ${id}`.execute(db)).rows[0];
}

export async function recordsOf(db: Db | Tx, entryIds: readonly string[]): Promise<RecordRow[]> {
  if (entryIds.length === 0) return [];
  return (await sql<RecordRow>`${recordSelect} WHERE r.entry_id = ANY(${[...entryIds]}::uuid[]) ORDER BY r.reached_on, r.recorded_at`.execute(db)).rows;
}

export async function recordsAwaiting(db: Db | Tx): Promise<RecordRow[]> {
  return (await sql<RecordRow>`${recordSelect} WHERE r.status = 'recorded' ORDER BY r.recorded_at`.execute(db)).rows;
}

export async function insertRecord(trx: Tx, row: Insertable<IpoStageRecordsTable>): Promise<string> {
  return (await t(trx).insertInto('ipo_stage_records').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setRecord(trx: Tx, id: string, set: Partial<Omit<Selectable<IpoStageRecordsTable>, 'id' | 'entry_id'>>): Promise<void> {
  await t(trx).updateTable('ipo_stage_records').set(set).where('id', '=', id).execute();
}

export async function verdictsOf(db: Db | Tx, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return t(db).selectFrom('ipo_reward_verdicts').selectAll().where('entry_id', 'in', [...entryIds]).orderBy('evaluated_on').orderBy('item_id').execute();
}

/** The items already handed to fulfilment for the enterprise, with the product keys. */
export async function handedFor(trx: Tx, subjectId: string): Promise<{ item_id: string; product_key: string; amount_fen: number | null }[]> {
  const rows = await t(trx).selectFrom('ipo_reward_verdicts').select(['item_id', 'product_key', 'amount_fen']).where('subject_id', '=', subjectId).where('handed', '=', true).execute();
  return rows.map((r) => ({ item_id: r.item_id, product_key: r.product_key, amount_fen: r.amount_fen === null ? null : Number(r.amount_fen) }));
}

export async function putVerdict(trx: Tx, row: { entry_id: string; subject_id: string; stage: string; item_id: string; product_key: string; item_title: unknown; status: string; amount_fen: number | null; up_to: boolean; reasons: unknown; handed: boolean; evaluated_on: string }): Promise<void> {
  const set = { item_title: JSON.stringify(row.item_title), status: row.status, amount_fen: row.amount_fen, up_to: row.up_to, reasons: JSON.stringify(row.reasons), handed: row.handed, evaluated_on: row.evaluated_on, product_key: row.product_key };
  await t(trx)
    .insertInto('ipo_reward_verdicts')
    .values({ entry_id: row.entry_id, subject_id: row.subject_id, stage: row.stage as never, item_id: row.item_id, ...set })
    .onConflict((oc) => oc.columns(['entry_id', 'stage', 'item_id']).doUpdateSet(set))
    .execute();
}

/** An enterprise profile by its credit code (the office enrols by it). */
export async function enterpriseByCreditCode(db: Db | Tx, creditCode: string) {
  return (await sql<{ id: string; name: string; region_code: string }>`SELECT id, name, region_code FROM subjects WHERE kind = 'enterprise' AND credit_code = ${creditCode}`.execute(db)).rows[0];
}

/** The enterprise's profile region (the pool is kept where the firm is registered). */
export async function subjectRegion(db: Db | Tx, subjectId: string): Promise<string | null> {
  return (await sql<{ region_code: string | null }>`SELECT region_code FROM subjects WHERE id = ${subjectId}`.execute(db)).rows[0]?.region_code ?? null;
}
