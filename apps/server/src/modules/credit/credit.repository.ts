/** The only SQL on the credit tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CreditRecordsTable, CreditRepairsTable, CreditTables } from './credit.tables.js';

const t = (db: Db | Tx) => tablesOf<CreditTables>(db);

export type RecordRow = Selectable<CreditRecordsTable> & { source_name: string; source_region: string };
export type RepairRow = Selectable<CreditRepairsTable> & { evidence_name: string };

export async function records(db: Db | Tx, f: { ids?: readonly string[]; subjectIds?: readonly string[]; sourceOrgIds?: readonly string[]; severity?: string }): Promise<RecordRow[]> {
  const r = await sql<RecordRow>`
    SELECT c.*, c.decided_on::text AS decided_on, c.repaired_on::text AS repaired_on, o.name AS source_name, o.region_code AS source_region
      FROM credit_records c JOIN identity_organisations o ON o.id = c.source_org_id
     WHERE (${f.ids ? sql`c.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
       AND (${f.subjectIds ? sql`c.subject_id = ANY(${[...f.subjectIds]}::uuid[])` : sql`true`})
       AND (${f.sourceOrgIds ? sql`c.source_org_id = ANY(${[...f.sourceOrgIds]}::uuid[])` : sql`true`})
       AND (${f.severity ? sql`c.severity = ${f.severity}` : sql`true`})
     ORDER BY c.decided_on DESC, c.recorded_at DESC`.execute(db);
  return r.rows;
}

export async function recordByDecision(db: Db | Tx, sourceOrgId: string, decisionNumber: string): Promise<RecordRow | undefined> {
  const r = await sql<RecordRow>`
    SELECT c.*, c.decided_on::text AS decided_on, c.repaired_on::text AS repaired_on, o.name AS source_name, o.region_code AS source_region
      FROM credit_records c JOIN identity_organisations o ON o.id = c.source_org_id
     WHERE c.source_org_id = ${sourceOrgId} AND c.decision_number = ${decisionNumber}`.execute(db);
  return r.rows[0];
}

export async function insertRecord(trx: Tx, row: Insertable<CreditRecordsTable>): Promise<string> {
  return (await t(trx).insertInto('credit_records').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const lockRecord = (trx: Tx, id: string) => sql`SELECT id FROM credit_records WHERE id = ${id} FOR UPDATE`.execute(trx);

export async function setRepairedOn(trx: Tx, id: string, day: string): Promise<void> {
  await t(trx).updateTable('credit_records').set({ repaired_on: day }).where('id', '=', id).execute();
}

/** Subjects with any record (or a rating on their profile from the registry): the ones whose list status and rating the daily job looks at. */
export async function subjectsWithRecords(db: Db | Tx): Promise<string[]> {
  const r = await sql<{ subject_id: string }>`
    SELECT subject_id FROM credit_records WHERE subject_id IS NOT NULL
    UNION SELECT subject_id FROM subject_facts WHERE variable = 'credit_rating' AND source = 'registry:credit' AND superseded_at IS NULL`.execute(db);
  return r.rows.map((x) => x.subject_id);
}

export async function repairsOf(db: Db | Tx, recordIds: readonly string[]): Promise<RepairRow[]> {
  if (recordIds.length === 0) return [];
  const r = await sql<RepairRow>`
    SELECT p.*, f.original_name AS evidence_name FROM credit_repairs p JOIN files f ON f.id = p.evidence_file_id
     WHERE p.record_id = ANY(${[...recordIds]}::uuid[]) ORDER BY p.applied_at DESC`.execute(db);
  return r.rows;
}

export async function repairById(db: Db | Tx, id: string): Promise<RepairRow | undefined> {
  const r = await sql<RepairRow>`SELECT p.*, f.original_name AS evidence_name FROM credit_repairs p JOIN files f ON f.id = p.evidence_file_id WHERE p.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function insertRepair(trx: Tx, row: Insertable<CreditRepairsTable>): Promise<string> {
  return (await t(trx).insertInto('credit_repairs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function decideRepair(trx: Tx, id: string, set: { status: 'approved' | 'refused'; decided_by: string; decided_at: Date; decision_reason: string }): Promise<number> {
  const r = await t(trx).updateTable('credit_repairs').set(set).where('id', '=', id).where('status', '=', 'applied').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function enterpriseByCreditCode(db: Db | Tx, creditCode: string): Promise<{ id: string; name: string } | undefined> {
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE kind = 'enterprise' AND credit_code = ${creditCode} AND NOT demo`.execute(db);
  return r.rows[0];
}

// ---------------------------------------------------------------- rating inputs and the public inquiry

/** The enterprises' credit codes and founding dates (the founded_on fact), by subject. */
export async function enterpriseProfiles(db: Db | Tx, subjectIds: readonly string[]): Promise<{ id: string; name: string; credit_code: string | null; founded_on: string | null }[]> {
  if (subjectIds.length === 0) return [];
  const r = await sql<{ id: string; name: string; credit_code: string | null; founded_on: string | null }>`
    SELECT s.id, s.name, s.credit_code,
           (SELECT f.value #>> '{}' FROM subject_facts f WHERE f.subject_id = s.id AND f.variable = 'founded_on' AND f.superseded_at IS NULL LIMIT 1) AS founded_on
      FROM subjects s WHERE s.id = ANY(${[...subjectIds]}::uuid[])`.execute(db);
  return r.rows;
}

/** Every real enterprise subject with its founding date and its records (for the by-grade statistic). */
export async function allEnterprisesForRating(db: Db | Tx, regionLike: string): Promise<{ id: string; founded_on: string | null; records: { kind: string; severity: string | null; decided_on: string; repaired_on: string | null; content: string }[] }[]> {
  const r = await sql<{ id: string; founded_on: string | null; records: { kind: string; severity: string | null; decided_on: string; repaired_on: string | null; content: string }[] | null }>`
    SELECT s.id,
           (SELECT f.value #>> '{}' FROM subject_facts f WHERE f.subject_id = s.id AND f.variable = 'founded_on' AND f.superseded_at IS NULL LIMIT 1) AS founded_on,
           (SELECT jsonb_agg(jsonb_build_object('kind', c.kind, 'severity', c.severity, 'decided_on', c.decided_on::text, 'repaired_on', c.repaired_on::text, 'content', c.content))
              FROM credit_records c WHERE c.subject_id = s.id) AS records
      FROM subjects s
     WHERE s.kind = 'enterprise' AND NOT s.demo AND coalesce(s.region_code, '') LIKE ${regionLike}`.execute(db);
  return r.rows.map((x) => ({ ...x, records: x.records ?? [] }));
}

/**
 * The public inquiry: subjects whose credit code is `code` or whose name contains `name`, from the
 * records and the registered enterprises, a page of them by name.
 */
export async function inquirySubjects(db: Db | Tx, f: { code?: string; name?: string; limit: number; offset: number }): Promise<{ credit_code: string; name: string }[]> {
  const like = f.name ? `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const r = await sql<{ credit_code: string; name: string }>`
    WITH found AS (
      SELECT credit_code, subject_name AS name, 1 AS pref FROM credit_records
       WHERE ${f.code ? sql`credit_code = ${f.code}` : sql`subject_name ILIKE ${like}`}
      UNION ALL
      SELECT credit_code, name, 0 AS pref FROM subjects
       WHERE kind = 'enterprise' AND NOT demo AND credit_code IS NOT NULL AND ${f.code ? sql`credit_code = ${f.code}` : sql`name ILIKE ${like}`}
    )
    SELECT * FROM (SELECT DISTINCT ON (credit_code) credit_code, name FROM found ORDER BY credit_code, pref) d
     ORDER BY name, credit_code LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  return r.rows;
}

export async function recordsByCodes(db: Db | Tx, codes: readonly string[]): Promise<RecordRow[]> {
  if (codes.length === 0) return [];
  const r = await sql<RecordRow>`
    SELECT c.*, c.decided_on::text AS decided_on, c.repaired_on::text AS repaired_on, o.name AS source_name, o.region_code AS source_region
      FROM credit_records c JOIN identity_organisations o ON o.id = c.source_org_id
     WHERE c.credit_code = ANY(${[...codes]}::text[]) ORDER BY c.decided_on DESC, c.recorded_at DESC`.execute(db);
  return r.rows;
}

export async function insertInquiries(trx: Tx, rows: Insertable<CreditTables['credit_inquiries']>[]): Promise<void> {
  if (rows.length > 0) await t(trx).insertInto('credit_inquiries').values(rows).execute();
}

export async function inquiriesOf(db: Db | Tx, creditCode: string, limit = 50): Promise<{ organisation_name: string; at: Date }[]> {
  const r = await sql<{ organisation_name: string; at: Date }>`
    SELECT o.name AS organisation_name, q.at FROM credit_inquiries q JOIN identity_organisations o ON o.id = q.organisation_id
     WHERE q.credit_code = ${creditCode} ORDER BY q.at DESC LIMIT ${limit}`.execute(db);
  return r.rows;
}
