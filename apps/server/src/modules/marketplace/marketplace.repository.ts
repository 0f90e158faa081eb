import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CertificationsTable, FlagsTable, ListingsTable, MarketplaceTables, OrdersTable } from './marketplace.tables.js';

const t = (db: Db | Tx) => tablesOf<MarketplaceTables>(db);

export type CertificationRow = Selectable<CertificationsTable>;
export type ListingRow = Omit<Selectable<ListingsTable>, 'search'>;
export type OrderRow = Selectable<OrdersTable>;
export type FlagRow = Selectable<FlagsTable>;

// ---------------------------------------------------------------- organisations (core, read only)

export interface OrganisationInfo {
  id: string;
  name: string;
  kind: string;
  region_code: string;
  credit_code: string | null;
}

export async function organisation(db: Db | Tx, id: string): Promise<OrganisationInfo | undefined> {
  const r = await sql<OrganisationInfo>`SELECT id, name, kind, region_code, credit_code FROM identity_organisations WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export async function organisationNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM identity_organisations WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

export async function subjectNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/** The accounts that act for a provider organisation (to notify them). */
export async function membersOf(db: Db | Tx, organisationId: string): Promise<string[]> {
  const r = await sql<{ user_id: string }>`SELECT user_id FROM identity_memberships WHERE organisation_id = ${organisationId} ORDER BY user_id`.execute(db);
  return r.rows.map((x) => x.user_id);
}

/**
 * What links an ordering subject to a provider (the same party on both sides): accounts that are
 * members of both organisations (or the person subject's own account), and owners with the same
 * name (a hint only: names are not unique).
 */
export async function relatedParties(db: Db | Tx, providerId: string, subjectId: string): Promise<{ sharedMembers: string[]; sameOwnerName: string[] }> {
  const shared = await sql<{ display_name: string }>`
    SELECT DISTINCT u.display_name FROM identity_memberships p
      JOIN subjects s ON s.id = ${subjectId}
      JOIN identity_users u ON u.id = p.user_id
     WHERE p.organisation_id = ${providerId}
       AND (p.user_id = s.user_id OR EXISTS (SELECT 1 FROM identity_memberships e WHERE e.organisation_id = s.organisation_id AND e.user_id = p.user_id))`.execute(db);
  const names = await sql<{ display_name: string }>`
    SELECT DISTINCT pu.display_name FROM identity_memberships p
      JOIN identity_users pu ON pu.id = p.user_id
      JOIN subjects s ON s.id = ${subjectId}
      JOIN identity_memberships e ON e.organisation_id = s.organisation_id AND 'owner' = ANY(e.roles)
      JOIN identity_users eu ON eu.id = e.user_id
     WHERE p.organisation_id = ${providerId} AND 'owner' = ANY(p.roles) AND eu.display_name = pu.display_name AND eu.id <> pu.id`.execute(db);
  return { sharedMembers: shared.rows.map((r) => r.display_name), sameOwnerName: names.rows.map((r) => r.display_name) };
}

// ---------------------------------------------------------------- certifications

export async function certificationsOf(db: Db | Tx, organisationId: string): Promise<CertificationRow[]> {
  return t(db).selectFrom('marketplace_certifications').selectAll().where('organisation_id', '=', organisationId).orderBy('applied_at', 'desc').execute();
}

/** The provider's live certification (pending, certified or suspended): at most one. */
export async function liveCertification(db: Db | Tx, organisationId: string): Promise<CertificationRow | undefined> {
  return t(db)
    .selectFrom('marketplace_certifications')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['pending', 'certified', 'suspended'])
    .executeTakeFirst();
}

/** The latest decided-or-live certification per provider (what the public list and grades read). */
export async function currentCertifications(db: Db | Tx, organisationIds?: readonly string[]): Promise<Map<string, CertificationRow>> {
  let q = t(db).selectFrom('marketplace_certifications').selectAll().orderBy('applied_at', 'asc');
  if (organisationIds) {
    if (organisationIds.length === 0) return new Map();
    q = q.where('organisation_id', 'in', [...organisationIds]);
  }
  const rows = await q.execute();
  const out = new Map<string, CertificationRow>();
  const live = (r: CertificationRow) => r.status === 'pending' || r.status === 'certified' || r.status === 'suspended';
  for (const r of rows) {
    const prior = out.get(r.organisation_id);
    if (!prior || live(r) || !live(prior)) out.set(r.organisation_id, r);
  }
  return out;
}

export async function insertCertification(trx: Tx, row: Insertable<CertificationsTable>): Promise<string> {
  const r = await t(trx).insertInto('marketplace_certifications').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findCertification(db: Db | Tx, id: string): Promise<CertificationRow | undefined> {
  return t(db).selectFrom('marketplace_certifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockCertification(trx: Tx, id: string): Promise<CertificationRow | undefined> {
  return t(trx).selectFrom('marketplace_certifications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateCertification(trx: Tx, id: string, patch: Updateable<CertificationsTable>): Promise<void> {
  await t(trx).updateTable('marketplace_certifications').set(patch).where('id', '=', id).execute();
}

/** Certifications of providers in any of the regions (GB/T 2260 prefixes), optionally of one status. */
export async function listCertifications(db: Db | Tx, filter: { status?: string | undefined; regionPrefixes: readonly string[] }): Promise<(CertificationRow & { region_code: string })[]> {
  if (filter.regionPrefixes.length === 0) return [];
  const r = await sql<CertificationRow & { region_code: string }>`
    SELECT c.*, o.region_code FROM marketplace_certifications c JOIN identity_organisations o ON o.id = c.organisation_id
     WHERE (${filter.status ?? null}::text IS NULL OR c.status = ${filter.status ?? null})
       AND EXISTS (SELECT 1 FROM unnest(${[...filter.regionPrefixes]}::text[]) p WHERE o.region_code LIKE p || '%')
     ORDER BY c.applied_at DESC LIMIT 500`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- listings

export async function insertListing(trx: Tx, row: Omit<Insertable<ListingsTable>, 'search'>, lexemes: readonly string[]): Promise<string> {
  const r = await t(trx)
    .insertInto('marketplace_listings')
    .values({ ...row, search: sql`array_to_tsvector(${[...lexemes]}::text[])` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const listingColumns = ['id', 'organisation_id', 'title', 'description', 'category', 'price_min_fen', 'price_max_fen', 'delivery_days', 'regions', 'voucher_payable', 'active', 'created_at'] as const;

export async function findListing(db: Db | Tx, id: string): Promise<ListingRow | undefined> {
  return t(db).selectFrom('marketplace_listings').select(listingColumns).where('id', '=', id).executeTakeFirst();
}

export async function listingsOf(db: Db | Tx, organisationId: string, activeOnly: boolean): Promise<ListingRow[]> {
  let q = t(db).selectFrom('marketplace_listings').select(listingColumns).where('organisation_id', '=', organisationId);
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('created_at', 'desc').execute();
}

export async function setListingActive(trx: Tx, id: string, active: boolean): Promise<void> {
  await t(trx).updateTable('marketplace_listings').set({ active }).where('id', '=', id).execute();
}

/**
 * Active listings of providers whose certification is in force today, matching the filters.
 * The category must be one the provider is certified for.
 */
export async function searchListings(
  db: Db | Tx,
  f: { tsquery: string | null; category?: string | undefined; region?: string | undefined; minPriceFen?: number | undefined; maxPriceFen?: number | undefined; voucherPayable?: boolean | undefined; today: string },
): Promise<ListingRow[]> {
  const r = await sql<ListingRow>`
    SELECT l.id, l.organisation_id, l.title, l.description, l.category, l.price_min_fen, l.price_max_fen, l.delivery_days, l.regions, l.voucher_payable, l.active, l.created_at
      FROM marketplace_listings l
      JOIN marketplace_certifications c ON c.organisation_id = l.organisation_id AND c.status = 'certified'
       AND c.valid_from <= ${f.today}::date AND c.valid_to >= ${f.today}::date AND l.category = ANY(c.categories)
     WHERE l.active
       AND (${f.tsquery}::text IS NULL OR l.search @@ ${f.tsquery ?? ''}::tsquery)
       AND (${f.category ?? null}::text IS NULL OR l.category = ${f.category ?? null})
       AND (${f.region ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM unnest(l.regions) rr WHERE ${f.region ?? ''} LIKE rtrim(rr, '0') || '%' OR rr LIKE rtrim(${f.region ?? ''}, '0') || '%'))
       AND (${f.minPriceFen ?? null}::int IS NULL OR l.price_max_fen >= ${f.minPriceFen ?? 0})
       AND (${f.maxPriceFen ?? null}::int IS NULL OR l.price_min_fen <= ${f.maxPriceFen ?? 0})
       AND (${f.voucherPayable ?? null}::boolean IS NULL OR l.voucher_payable = ${f.voucherPayable ?? false})
     ORDER BY ${f.tsquery ? sql`ts_rank(l.search, ${f.tsquery}::tsquery) DESC,` : sql``} l.created_at DESC
     LIMIT 200`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- orders

export async function insertOrder(trx: Tx, row: Insertable<OrdersTable>): Promise<string> {
  const r = await t(trx).insertInto('marketplace_orders').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findOrder(db: Db | Tx, id: string): Promise<OrderRow | undefined> {
  return t(db).selectFrom('marketplace_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks an order row: the first lock of every order action (then the voucher seam, the audit chain last). */
export async function lockOrder(trx: Tx, id: string): Promise<OrderRow | undefined> {
  return t(trx).selectFrom('marketplace_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateOrder(trx: Tx, id: string, patch: Updateable<OrdersTable>): Promise<void> {
  await t(trx).updateTable('marketplace_orders').set(patch).where('id', '=', id).execute();
}

export async function listOrders(
  db: Db | Tx,
  f: { providerId?: string; subjectIds?: readonly string[]; status?: string | undefined; regionPrefixes?: readonly string[] },
): Promise<OrderRow[]> {
  let q = t(db).selectFrom('marketplace_orders').selectAll();
  if (f.providerId) q = q.where('provider_organisation_id', '=', f.providerId);
  if (f.subjectIds) {
    if (f.subjectIds.length === 0) return [];
    q = q.where('subject_id', 'in', [...f.subjectIds]);
  }
  if (f.status) q = q.where('status', '=', f.status as OrderRow['status']);
  if (f.regionPrefixes) {
    if (f.regionPrefixes.length === 0) return [];
    const prefixes = [...f.regionPrefixes];
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM identity_organisations o, unnest(${prefixes}::text[]) p WHERE o.id = provider_organisation_id AND o.region_code LIKE p || '%')`);
  }
  return q.orderBy('updated_at', 'desc').limit(500).execute();
}

/** Orders of the pair at a round amount (a whole multiple of `unitFen`) placed since `since`. */
export async function roundOrdersOfPair(db: Db | Tx, providerId: string, subjectId: string, unitFen: number, since: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM marketplace_orders
     WHERE provider_organisation_id = ${providerId} AND subject_id = ${subjectId} AND status <> 'cancelled'
       AND price_fen IS NOT NULL AND price_fen > 0 AND price_fen % ${unitFen} = 0 AND created_at >= ${since}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------- ratings

export async function insertRatings(trx: Tx, rows: { order_id: string; dimension: 'quality' | 'timeliness' | 'price'; score: number; provider_organisation_id: string; rated_by: string; comment: string; created_at: Date }[]): Promise<boolean> {
  const r = await t(trx)
    .insertInto('marketplace_ratings')
    .values(rows)
    .onConflict((oc) => oc.columns(['order_id', 'dimension']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === rows.length;
}

export interface RatingRow {
  order_id: string;
  dimension: string;
  score: number;
  comment: string;
  created_at: Date;
}

export async function ratingsOfOrders(db: Db | Tx, orderIds: readonly string[]): Promise<RatingRow[]> {
  if (orderIds.length === 0) return [];
  return t(db).selectFrom('marketplace_ratings').select(['order_id', 'dimension', 'score', 'comment', 'created_at']).where('order_id', 'in', [...orderIds]).execute();
}

export async function ratedOrdersOf(db: Db | Tx, providerId: string): Promise<{ order_id: string; title: string }[]> {
  const r = await sql<{ order_id: string; title: string }>`
    SELECT DISTINCT r.order_id, o.title, max(r.created_at) OVER (PARTITION BY r.order_id) AS at
      FROM marketplace_ratings r JOIN marketplace_orders o ON o.id = r.order_id
     WHERE r.provider_organisation_id = ${providerId} ORDER BY at DESC LIMIT 100`.execute(db);
  return r.rows;
}

export async function repliesOf(db: Db | Tx, orderIds: readonly string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await t(db).selectFrom('marketplace_rating_replies').select(['order_id', 'text']).where('order_id', 'in', [...orderIds]).execute();
  return new Map(rows.map((r) => [r.order_id, r.text]));
}

export async function insertReply(trx: Tx, row: { order_id: string; text: string; replied_by: string; replied_at: Date }): Promise<boolean> {
  const r = await t(trx).insertInto('marketplace_rating_replies').values(row).onConflict((oc) => oc.column('order_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A provider's record over a period (dates included): ratings, settled orders, disputes decided for the enterprise. */
export async function providerRecord(db: Db | Tx, providerId: string, from: Date, to: Date): Promise<{ average: number | null; ratings: number; settled: number; upheld: number }> {
  const r = await sql<{ average: string | number | null; ratings: number; settled: number; upheld: number }>`
    SELECT (SELECT avg(r.score) FROM marketplace_ratings r JOIN marketplace_orders o ON o.id = r.order_id
             WHERE r.provider_organisation_id = ${providerId} AND o.accepted_at >= ${from} AND o.accepted_at < ${to}) AS average,
           (SELECT count(*)::int FROM marketplace_ratings r JOIN marketplace_orders o ON o.id = r.order_id
             WHERE r.provider_organisation_id = ${providerId} AND o.accepted_at >= ${from} AND o.accepted_at < ${to}) AS ratings,
           (SELECT count(*)::int FROM marketplace_orders WHERE provider_organisation_id = ${providerId} AND status = 'accepted'
               AND accepted_at >= ${from} AND accepted_at < ${to}) AS settled,
           (SELECT count(*)::int FROM marketplace_orders WHERE provider_organisation_id = ${providerId} AND dispute_decision = 'enterprise'
               AND updated_at >= ${from} AND updated_at < ${to}) AS upheld`.execute(db);
  const row = r.rows[0]!;
  return { average: row.average === null ? null : Number(row.average), ratings: row.ratings, settled: row.settled, upheld: row.upheld };
}

// ---------------------------------------------------------------- flags

export async function insertFlag(trx: Tx, row: Insertable<FlagsTable>): Promise<boolean> {
  const r = await sql`INSERT INTO marketplace_flags (kind, provider_organisation_id, subject_id, order_id, detail, created_at)
                      VALUES (${row.kind}, ${row.provider_organisation_id}, ${row.subject_id ?? null}, ${row.order_id ?? null}, ${row.detail}, ${row.created_at})
                      ON CONFLICT DO NOTHING`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function listFlags(db: Db | Tx, regionPrefixes: readonly string[]): Promise<FlagRow[]> {
  if (regionPrefixes.length === 0) return [];
  return t(db)
    .selectFrom('marketplace_flags')
    .selectAll()
    .where(sql<boolean>`EXISTS (SELECT 1 FROM identity_organisations o, unnest(${[...regionPrefixes]}::text[]) p WHERE o.id = provider_organisation_id AND o.region_code LIKE p || '%')`)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export async function lockFlag(trx: Tx, id: string): Promise<FlagRow | undefined> {
  return t(trx).selectFrom('marketplace_flags').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function resolveFlag(trx: Tx, id: string, patch: { status: 'dismissed' | 'acted'; resolution: string; resolved_by: string; resolved_at: Date }): Promise<void> {
  await t(trx).updateTable('marketplace_flags').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- grades

export async function upsertGrade(trx: Tx, row: { organisation_id: string; year: number; stars: number; points: number; terms: unknown; computed_by: string; computed_at: Date }): Promise<void> {
  const terms = JSON.stringify(row.terms);
  await t(trx)
    .insertInto('marketplace_grades')
    .values({ ...row, points: Math.round(row.points), terms })
    .onConflict((oc) => oc.columns(['organisation_id', 'year']).doUpdateSet({ stars: row.stars, points: Math.round(row.points), terms, computed_by: row.computed_by, computed_at: row.computed_at }))
    .execute();
}

export async function gradesOf(db: Db | Tx, organisationId: string): Promise<{ year: number; stars: number; points: number; terms: unknown }[]> {
  return t(db).selectFrom('marketplace_grades').select(['year', 'stars', 'points', 'terms']).where('organisation_id', '=', organisationId).orderBy('year', 'desc').execute();
}
