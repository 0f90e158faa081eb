import { sql, type Insertable } from 'kysely';
import type { ProductKind, ProductStatus, RefusalReason, RequestOrigin, RequestStatus } from '@seedbed/contract';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { FinanceNeedsTable, FinanceProductsTable, FinanceRequestsTable, FinanceTables } from './finance.tables.js';

const t = (db: Db | Tx) => tablesOf<FinanceTables>(db);

export interface ProductRow {
  id: string;
  organisation_id: string;
  institution: string;
  name: string;
  kind: ProductKind;
  status: ProductStatus;
  region_code: string;
  amount_min_fen: string;
  amount_max_fen: string;
  rate_min_bp: number;
  rate_max_bp: number;
  term_min_months: number;
  term_max_months: number;
  collateral: string;
  description: string;
  eligibility: unknown[];
  updated_at: Date;
}

export const products = (
  db: Db | Tx,
  f: { id?: string; organisationIds?: readonly string[]; activeOnly?: boolean; kind?: string | undefined; amountFen?: number | undefined; tsquery?: string | null },
) =>
  sql<ProductRow>`
    SELECT p.id, p.organisation_id, o.name AS institution, p.name, p.kind, p.status, p.region_code, p.amount_min_fen, p.amount_max_fen,
           p.rate_min_bp, p.rate_max_bp, p.term_min_months, p.term_max_months, p.collateral, p.description, p.eligibility, p.updated_at
      FROM finance_products p JOIN identity_organisations o ON o.id = p.organisation_id
     WHERE (${f.id ?? null}::uuid IS NULL OR p.id = ${f.id ?? null}::uuid)
       AND (${f.organisationIds ? sql`p.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
       AND (${f.activeOnly ? sql`p.status = 'active'` : sql`true`})
       AND (${f.kind ?? null}::text IS NULL OR p.kind = ${f.kind ?? ''})
       AND (${f.amountFen ?? null}::bigint IS NULL OR ${f.amountFen ?? 0}::bigint BETWEEN p.amount_min_fen AND p.amount_max_fen)
       AND (${f.tsquery ?? null}::text IS NULL OR p.search @@ ${f.tsquery ?? ''}::tsquery)
     ORDER BY ${f.tsquery ? sql`ts_rank(p.search, ${f.tsquery}::tsquery) DESC,` : sql``} p.status, p.created_at DESC`
    .execute(db)
    .then((r) => r.rows);

export async function insertProduct(trx: Tx, row: Omit<Insertable<FinanceProductsTable>, 'search' | 'eligibility'> & { eligibility: unknown[] }, lexemes: readonly string[]): Promise<string> {
  return (
    await t(trx)
      .insertInto('finance_products')
      .values({ ...row, eligibility: JSON.stringify(row.eligibility), search: sql`array_to_tsvector(${[...lexemes]}::text[])` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateProduct(trx: Tx, id: string, row: Omit<Insertable<FinanceProductsTable>, 'id' | 'status' | 'search' | 'eligibility' | 'organisation_id' | 'created_by' | 'created_at' | 'region_code'> & { eligibility: unknown[] }, lexemes: readonly string[]): Promise<void> {
  await t(trx)
    .updateTable('finance_products')
    .set({ ...row, eligibility: JSON.stringify(row.eligibility), search: sql`array_to_tsvector(${[...lexemes]}::text[])` })
    .where('id', '=', id)
    .execute();
}

export const lockProduct = (trx: Tx, id: string) => t(trx).selectFrom('finance_products').select(['id', 'organisation_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();

export const setProductStatus = (trx: Tx, id: string, status: ProductStatus, at: Date) => t(trx).updateTable('finance_products').set({ status, updated_at: at }).where('id', '=', id).execute();

export async function insertNeed(trx: Tx, row: Insertable<FinanceNeedsTable>): Promise<string> {
  return (await t(trx).insertInto('finance_needs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const lockNeed = (trx: Tx, id: string) => t(trx).selectFrom('finance_needs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const setConsent = (trx: Tx, id: string, consent: boolean) => t(trx).updateTable('finance_needs').set({ consent_to_share: consent }).where('id', '=', id).execute();

export async function insertRequest(trx: Tx, row: Insertable<FinanceRequestsTable>): Promise<string> {
  return (await t(trx).insertInto('finance_requests').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export interface NeedRow {
  id: string;
  subject_id: string;
  subject_name: string;
  region_code: string;
  amount_fen: string;
  term_months: number;
  purpose: string;
  collateral: string;
  consent_to_share: boolean;
  posted_at: Date;
}

export const needs = (db: Db | Tx, f: { id?: string; subjectIds?: readonly string[] }) =>
  sql<NeedRow>`
    SELECT n.id, n.subject_id, s.name AS subject_name, n.region_code, n.amount_fen, n.term_months, n.purpose, n.collateral, n.consent_to_share, n.posted_at
      FROM finance_needs n JOIN subjects s ON s.id = n.subject_id
     WHERE (${f.id ?? null}::uuid IS NULL OR n.id = ${f.id ?? null}::uuid)
       AND (${f.subjectIds ? sql`n.subject_id = ANY(${[...f.subjectIds]}::uuid[])` : sql`true`})
     ORDER BY n.posted_at DESC`
    .execute(db)
    .then((r) => r.rows);

export interface RequestRow {
  id: string;
  need_id: string;
  product_id: string;
  product_name: string;
  product_kind: ProductKind;
  organisation_id: string;
  institution: string;
  origin: RequestOrigin;
  sent_at: Date;
  due_on: string;
  status: RequestStatus;
  offer_amount_fen: string | null;
  offer_rate_bp: number | null;
  offer_term_months: number | null;
  refusal_reason: RefusalReason | null;
  note: string;
  answered_at: Date | null;
  answered_on: string | null;
  escalated_on: string | null;
  // the need
  subject_id: string;
  subject_name: string;
  region_code: string;
  amount_fen: string;
  term_months: number;
  purpose: string;
  collateral: string;
}

export const requests = (
  db: Db | Tx,
  f: { id?: string; needIds?: readonly string[]; organisationIds?: readonly string[]; regionPrefixes?: readonly string[]; overdueOn?: string; unescalated?: boolean },
) =>
  sql<RequestRow>`
    SELECT r.id, r.need_id, r.product_id, p.name AS product_name, p.kind AS product_kind, r.organisation_id, o.name AS institution, r.origin, r.sent_at,
           r.due_on::text AS due_on, r.status, r.offer_amount_fen, r.offer_rate_bp, r.offer_term_months, r.refusal_reason, r.note, r.answered_at,
           r.answered_on::text AS answered_on, r.escalated_on::text AS escalated_on,
           n.subject_id, s.name AS subject_name, n.region_code, n.amount_fen, n.term_months, n.purpose, n.collateral
      FROM finance_requests r JOIN finance_products p ON p.id = r.product_id JOIN identity_organisations o ON o.id = r.organisation_id
      JOIN finance_needs n ON n.id = r.need_id JOIN subjects s ON s.id = n.subject_id
     WHERE (${f.id ?? null}::uuid IS NULL OR r.id = ${f.id ?? null}::uuid)
       AND (${f.needIds ? sql`r.need_id = ANY(${[...f.needIds]}::uuid[])` : sql`true`})
       AND (${f.organisationIds ? sql`r.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
       AND (${f.regionPrefixes ? sql`EXISTS (SELECT 1 FROM unnest(${[...f.regionPrefixes]}::text[]) x WHERE n.region_code LIKE x || '%')` : sql`true`})
       AND (${f.overdueOn ?? null}::date IS NULL OR (r.status = 'pending' AND r.due_on < ${f.overdueOn ?? null}::date))
       AND (${f.unescalated ? sql`r.escalated_on IS NULL` : sql`true`})
     ORDER BY r.status <> 'pending', r.due_on, r.sent_at DESC`
    .execute(db)
    .then((r) => r.rows);

export const lockRequest = (trx: Tx, id: string) => t(trx).selectFrom('finance_requests').select(['id', 'status', 'organisation_id', 'need_id', 'escalated_on']).where('id', '=', id).forUpdate().executeTakeFirst();

export async function answerRequest(
  trx: Tx,
  id: string,
  a: { status: 'accepted' | 'refused'; offer_amount_fen: number | null; offer_rate_bp: number | null; offer_term_months: number | null; refusal_reason: RefusalReason | null; note: string; answered_by: string; answered_at: Date; answered_on: string },
): Promise<void> {
  await t(trx).updateTable('finance_requests').set(a).where('id', '=', id).execute();
}

export const markEscalated = (trx: Tx, id: string, day: string) =>
  t(trx).updateTable('finance_requests').set({ escalated_on: day }).where('id', '=', id).where('escalated_on', 'is', null).executeTakeFirst().then((r) => Number(r.numUpdatedRows) === 1);

export { governmentMembersWithAnyRole, membersOfOrganisations as membersOf } from '../identity/index.js';

export const organisationOf = (db: Db | Tx, id: string) =>
  sql<{ id: string; name: string; kind: string; region_code: string }>`SELECT id, name, kind, region_code FROM identity_organisations WHERE id = ${id}`.execute(db).then((r) => r.rows[0]);
