import { sql, type Insertable } from 'kysely';
import type { ListKind } from '@seedbed/contract';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { ListsComplaintsTable, ListTables } from './lists.tables.js';

const t = (db: Db | Tx) => tablesOf<ListTables>(db);

export interface CatalogueRow {
  id: string;
  kind: ListKind;
  organisation_id: string;
  title: string;
  department: string;
  region_code: string;
}
export interface RevisionRow {
  catalogue_id: string;
  number: number;
  legal_basis: string;
  change_note: string;
  rows: Record<string, string>[];
  published_at: Date;
  published_by_name: string;
}

export const catalogues = (db: Db | Tx, f: { id?: string; kind?: string | null; organisationIds?: readonly string[] }) =>
  sql<CatalogueRow>`
    SELECT c.id, c.kind, c.organisation_id, c.title, o.name AS department, o.region_code FROM lists_catalogues c JOIN identity_organisations o ON o.id = c.organisation_id
     WHERE (${f.id ?? null}::uuid IS NULL OR c.id = ${f.id ?? null}::uuid)
       AND (${f.kind ?? null}::text IS NULL OR c.kind = ${f.kind ?? ''})
       AND (${f.organisationIds ? sql`c.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
     ORDER BY c.kind, o.name`
    .execute(db)
    .then((r) => r.rows);

export const revisionsOf = (db: Db | Tx, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([] as RevisionRow[])
    : sql<RevisionRow>`
        SELECT r.catalogue_id, r.number, r.legal_basis, r.change_note, r.rows, r.published_at, u.display_name AS published_by_name
          FROM lists_revisions r JOIN identity_users u ON u.id = r.published_by
         WHERE r.catalogue_id = ANY(${[...ids]}::uuid[]) ORDER BY r.catalogue_id, r.number DESC`
        .execute(db)
        .then((r) => r.rows);

export async function insertCatalogue(trx: Tx, row: { kind: ListKind; organisation_id: string; title: string; created_by: string; created_at: Date }): Promise<string> {
  return (await t(trx).insertInto('lists_catalogues').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const lockCatalogue = (trx: Tx, id: string) => t(trx).selectFrom('lists_catalogues').select(['id', 'organisation_id', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst();

export const lastRevision = (trx: Tx, id: string) =>
  sql<{ number: number; rows: Record<string, string>[] }>`SELECT number, rows FROM lists_revisions WHERE catalogue_id = ${id} ORDER BY number DESC LIMIT 1`.execute(trx).then((r) => r.rows[0]);

export async function insertRevision(trx: Tx, row: { catalogue_id: string; number: number; legal_basis: string; change_note: string; rows: Record<string, string>[]; published_by: string; published_at: Date }): Promise<void> {
  await t(trx)
    .insertInto('lists_revisions')
    .values({ ...row, rows: JSON.stringify(row.rows) })
    .execute();
}

export interface ComplaintRow {
  id: string;
  list_title: string;
  department: string;
  organisation_id: string;
  region_code: string;
  charged_by: string;
  what: string;
  amount_fen: string;
  charged_on: string;
  filed_at: Date;
  due_on: string;
  answer: string | null;
  answered_at: Date | null;
  contact_name: string | null;
  contact_phone: string | null;
  complainant: string | null;
}

export const complaints = (db: Db | Tx, f: { id?: string; answeredOnly?: boolean; organisationIds?: readonly string[] }) =>
  sql<ComplaintRow>`
    SELECT x.id, c.title AS list_title, o.name AS department, x.organisation_id, o.region_code, x.charged_by, x.what, x.amount_fen, x.charged_on::text AS charged_on,
           x.filed_at, x.due_on::text AS due_on, x.answer, x.answered_at, x.contact_name, x.contact_phone, u.display_name AS complainant
      FROM lists_complaints x JOIN lists_catalogues c ON c.id = x.catalogue_id JOIN identity_organisations o ON o.id = x.organisation_id
      LEFT JOIN identity_users u ON u.id = x.complainant_user_id
     WHERE (${f.id ?? null}::uuid IS NULL OR x.id = ${f.id ?? null}::uuid)
       AND (${f.answeredOnly ? sql`x.answer IS NOT NULL` : sql`true`})
       AND (${f.organisationIds ? sql`x.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
     ORDER BY x.answered_at IS NOT NULL, x.due_on, x.filed_at DESC`
    .execute(db)
    .then((r) => r.rows);

export async function insertComplaint(trx: Tx, row: Insertable<ListsComplaintsTable>): Promise<string> {
  return (await t(trx).insertInto('lists_complaints').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const lockComplaint = (trx: Tx, id: string) => t(trx).selectFrom('lists_complaints').select(['id', 'organisation_id', 'answer']).where('id', '=', id).forUpdate().executeTakeFirst();

export async function answerComplaint(trx: Tx, id: string, answer: string, by: string, at: Date): Promise<void> {
  await t(trx).updateTable('lists_complaints').set({ answer, answered_by: by, answered_at: at }).where('id', '=', id).execute();
}
