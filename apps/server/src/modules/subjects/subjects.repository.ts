import { sql, type Insertable, type Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { StoredValue, SubjectTables, SubjectsTable } from './subjects.tables.js';

const t = tablesOf<SubjectTables>;

export async function insertSubject(trx: Tx, row: Insertable<SubjectsTable>): Promise<string> {
  const { id } = await t(trx).insertInto('subjects').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSubject(trx: Tx, id: string, patch: Updateable<SubjectsTable>): Promise<void> {
  await t(trx).updateTable('subjects').set(patch).where('id', '=', id).execute();
}

export const findById = (db: Db | Tx, id: string) =>
  t(db).selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();

/** The subject row, locked for the rest of the transaction. */
export const lockById = (trx: Tx, id: string) =>
  t(trx).selectFrom('subjects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findByCarrier = (db: Db | Tx, carrierId: string) =>
  t(db).selectFrom('subjects').select(['id']).where('carrier_id', '=', carrierId).executeTakeFirst();

/** An organisation's name (the core identity table, read for a carrier's operator). */
export const organisationName = async (db: Db | Tx, organisationId: string): Promise<string | null> =>
  (await sql<{ name: string }>`SELECT name FROM identity_organisations WHERE id = ${organisationId}`.execute(db)).rows[0]?.name ?? null;

export const findByCreditCode = (db: Db | Tx, code: string) =>
  t(db).selectFrom('subjects').select(['id']).where('credit_code', '=', code).executeTakeFirst();

export const findByIdNumberHash = (db: Db | Tx, hash: string) =>
  t(db).selectFrom('subjects').select(['id']).where('id_number_hash', '=', hash).executeTakeFirst();

export async function listFor(db: Db | Tx, userId: string, organisationIds: string[]) {
  return t(db)
    .selectFrom('subjects')
    .select(['id', 'kind', 'name', 'region_code'])
    .where((eb) =>
      organisationIds.length > 0
        ? eb.or([eb('user_id', '=', userId), eb('organisation_id', 'in', organisationIds)])
        : eb('user_id', '=', userId),
    )
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function currentFacts(db: Db | Tx, subjectId: string) {
  return t(db)
    .selectFrom('subject_facts')
    .select(['variable', 'value', 'source', 'verified', 'as_of', 'recorded_at'])
    .where('subject_id', '=', subjectId)
    .where('superseded_at', 'is', null)
    .orderBy('variable')
    .execute();
}

/** Current facts of many subjects at once (for population evaluation). */
export async function currentFactsOf(db: Db, subjectIds: string[]) {
  if (subjectIds.length === 0) return [];
  return t(db)
    .selectFrom('subject_facts')
    .select(['subject_id', 'variable', 'value'])
    .where('subject_id', 'in', subjectIds)
    .where('superseded_at', 'is', null)
    .execute();
}

export async function lockCurrentFacts(trx: Tx, subjectId: string, variables: string[]) {
  return t(trx)
    .selectFrom('subject_facts')
    .select(['id', 'variable', 'value', 'verified'])
    .where('subject_id', '=', subjectId)
    .where('variable', 'in', variables)
    .where('superseded_at', 'is', null)
    .forUpdate()
    .execute();
}

export async function supersede(trx: Tx, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await t(trx).updateTable('subject_facts').set({ superseded_at: at }).where('id', 'in', ids).execute();
}

export async function insertFacts(
  trx: Tx,
  rows: {
    subject_id: string;
    variable: string;
    value: StoredValue;
    source: string;
    verified: boolean;
    as_of: string | null;
    recorded_at: Date;
    recorded_by: string | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await t(trx)
    .insertInto('subject_facts')
    .values(rows.map((r) => ({ ...r, value: JSON.stringify(r.value) })))
    .execute();
}
