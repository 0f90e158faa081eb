import { sql } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { DirectoryTables } from '../directory/index.js';
import type { SubjectTables } from '../subjects/index.js';
import type { ExchangeTables } from './exchange.tables.js';

const t = (db: Db | Tx) => tablesOf<ExchangeTables>(db);

// ---------------------------------------------------------------- subjects (read only)

/** An enterprise's profile row by its credit code (the synthetic demo population is never exchanged). */
export const enterpriseByCreditCode = (db: Db | Tx, creditCode: string) =>
  tablesOf<SubjectTables>(db)
    .selectFrom('subjects')
    .select(['id', 'name', 'credit_code', 'region_code', 'organisation_id'])
    .where('credit_code', '=', creditCode)
    .where('kind', '=', 'enterprise')
    .where('demo', '=', false)
    .executeTakeFirst();

export const enterpriseById = (db: Db | Tx, id: string) =>
  tablesOf<SubjectTables>(db)
    .selectFrom('subjects')
    .select(['id', 'name', 'kind', 'credit_code', 'region_code', 'organisation_id'])
    .where('id', '=', id)
    .executeTakeFirst();

/** What the public directory shows of an organisation (null: not listed). */
export async function directoryListing(db: Db | Tx, organisationId: string): Promise<{ introduction: string; products: string[] } | null> {
  const d = tablesOf<DirectoryTables>(db);
  const listing = await d.selectFrom('directory_enterprises').select(['introduction']).where('organisation_id', '=', organisationId).executeTakeFirst();
  if (!listing) return null;
  const products = await d.selectFrom('directory_products').select(['name']).where('organisation_id', '=', organisationId).orderBy('position').execute();
  return { introduction: listing.introduction, products: products.map((p) => p.name) };
}

// ---------------------------------------------------------------- consent and reads

export const consentEvents = (db: Db | Tx, subjectId: string) =>
  t(db).selectFrom('exchange_consent_events').selectAll().where('subject_id', '=', subjectId).orderBy('id', 'desc').execute();

/** The latest consent event of a subject for a client (locked in a transaction). */
export async function latestConsent(db: Db | Tx, subjectId: string, clientId: string, lock = false) {
  let q = t(db).selectFrom('exchange_consent_events').selectAll().where('subject_id', '=', subjectId).where('client_id', '=', clientId).orderBy('id', 'desc').limit(1);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Serialises the consent changes of one subject (the subject row is the lock). */
export async function lockSubject(trx: Tx, subjectId: string): Promise<void> {
  await sql`SELECT id FROM subjects WHERE id = ${subjectId} FOR UPDATE`.execute(trx);
}

export async function insertConsentEvent(
  trx: Tx,
  row: { subject_id: string; client_id: string; platform_name: string; organisation_name: string; action: 'granted' | 'revoked'; scope: string; by_user_id: string; by_name: string; at: Date },
): Promise<void> {
  await t(trx).insertInto('exchange_consent_events').values(row).execute();
}

export async function insertRead(db: Db | Tx, row: { subject_id: string; client_id: string; platform_name: string; organisation_name: string; with_consent: boolean; at: Date }): Promise<void> {
  await t(db).insertInto('exchange_profile_reads').values(row).execute();
}

export const reads = (db: Db | Tx, subjectId: string, limit: number) =>
  t(db).selectFrom('exchange_profile_reads').selectAll().where('subject_id', '=', subjectId).orderBy('id', 'desc').limit(limit).execute();

// ---------------------------------------------------------------- indicator reports (city side)

export type ReportRow = Awaited<ReturnType<typeof reportVersions>>[number];

/** Every version a client sent for a period, highest first (locked in a transaction). */
export async function reportVersions(db: Db | Tx, clientId: string, period: string, lock = false) {
  let q = t(db).selectFrom('exchange_indicator_reports').selectAll().where('client_id', '=', clientId).where('period', '=', period).orderBy('version', 'desc');
  if (lock) q = q.forUpdate();
  return q.execute();
}

export async function insertReport(
  trx: Tx,
  row: { client_id: string; platform_name: string; organisation_id: string; region_code: string; period: string; period_from: string; period_to: string; version: number; indicators: { name: string; value: number; unit: string }[]; digest: string; late: boolean; received_at: Date },
): Promise<ReportRow> {
  return t(trx)
    .insertInto('exchange_indicator_reports')
    .values({ ...row, indicators: JSON.stringify(row.indicators) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The latest version of each client's report for each period lying within [from, to], in the region
 * subtree (LIKE prefix). A range ending inside a month (e.g. up to today) counts that month's reports.
 */
export async function latestReportsWithin(db: Db | Tx, from: string, to: string, regionPrefix: string | null) {
  const rows = await sql<{ client_id: string; region_code: string; period: string; period_from: string; period_to: string; version: number; indicators: { name: string; value: number; unit: string }[] }>`
    SELECT DISTINCT ON (client_id, period) client_id, region_code, period, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, version, indicators
    FROM exchange_indicator_reports
    WHERE period_from >= ${from}::date AND period_from <= ${to}::date AND period_to <= (date_trunc('month', ${to}::date) + interval '1 month - 1 day')::date ${regionPrefix === null ? sql`` : sql`AND region_code LIKE ${`${regionPrefix}%`}`}
    ORDER BY client_id, period, version DESC`.execute(db);
  return rows.rows;
}

/** Per client, for one period: the first receipt and the latest version. */
export async function periodSummary(db: Db | Tx, period: string) {
  const rows = await sql<{ client_id: string; first_at: Date; last_at: Date; version: number; late: boolean }>`
    SELECT client_id, min(received_at) AS first_at, max(received_at) AS last_at, max(version) AS version, bool_or(late) AS late
    FROM exchange_indicator_reports WHERE period = ${period} GROUP BY client_id`.execute(db);
  return rows.rows;
}

// ---------------------------------------------------------------- pushes (district side)

export async function lastPushedVersion(db: Db | Tx, upstreamId: string, period: string): Promise<number> {
  const row = await t(db)
    .selectFrom('exchange_indicator_pushes')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('upstream_id', '=', upstreamId)
    .where('period', '=', period)
    .where('status', '>=', 200)
    .where('status', '<', 300)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertPush(trx: Db | Tx, row: { upstream_id: string; period: string; version: number; indicators: { name: string; value: number; unit: string }[]; status: number; pushed_by: string; at: Date }): Promise<void> {
  await t(trx).insertInto('exchange_indicator_pushes').values({ ...row, indicators: JSON.stringify(row.indicators) }).execute();
}

/** Serialises one client's reports (a transaction-scoped advisory lock on the client id). */
export async function lockClientReports(trx: Tx, clientId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`exchange:${clientId}`}))`.execute(trx);
}
