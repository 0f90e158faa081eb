import { sql } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { FeedsPullsTable, FeedsSubscriptionsTable, FeedsTables, FeedsUpstreamItemsTable } from './feeds.tables.js';

const t = (db: Db | Tx) => tablesOf<FeedsTables>(db);

// ---------------------------------------------------------------- the feed this platform publishes

/**
 * Gives every published version (current or since superseded) its place in the feed, in the
 * order it was published: versions published since the last read get the next cursors.
 */
export async function logPublishedVersions(db: Db | Tx): Promise<void> {
  await sql`INSERT INTO feeds_policy_log (item_id, version)
            SELECT v.item_id, v.version FROM policy_versions v
             WHERE v.status IN ('published', 'superseded') AND v.published_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM feeds_policy_log l WHERE l.item_id = v.item_id AND l.version = v.version)
             ORDER BY v.published_at, v.item_id, v.version
            ON CONFLICT (item_id, version) DO NOTHING`.execute(db);
}

export interface FeedRow {
  seq: string;
  item_id: string;
  version: number;
  spec: unknown;
  parameters: Record<string, unknown>;
  meta: { clause: string | null; quote: string; leadUnit: string | null };
  published_at: Date | null;
  current_version: number | null;
  document_key: string;
  doc_title: { zh: string; en: string } | null;
  doc_issuer: { zh: string; en: string } | null;
  doc_number: string | null;
  doc_region: string | null;
  doc_issued_on: string | null;
}

export async function feedPage(db: Db | Tx, after: string, limit: number): Promise<FeedRow[]> {
  const r = await sql<FeedRow>`
    SELECT l.seq::text AS seq, l.item_id, l.version, v.spec, v.parameters, v.meta, v.published_at, i.current_version, i.document_key,
           d.title AS doc_title, d.issuer AS doc_issuer, d.number AS doc_number, d.region AS doc_region, d.issued_on::text AS doc_issued_on
      FROM feeds_policy_log l
      JOIN policy_versions v ON v.item_id = l.item_id AND v.version = l.version
      JOIN policy_items i ON i.id = l.item_id
      LEFT JOIN policy_documents d ON d.key = i.document_key
     WHERE l.seq > ${after}::bigint
     ORDER BY l.seq
     LIMIT ${limit}`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- subscriptions to other platforms' feeds

export async function insertSubscription(db: Db | Tx, row: Omit<FeedsSubscriptionsTable, 'cursor' | 'last_pull_at' | 'last_success_at' | 'last_error' | 'last_error_at' | 'items_received'>): Promise<void> {
  await t(db).insertInto('feeds_subscriptions').values({ ...row, cursor: null, last_pull_at: null, last_success_at: null, last_error: null, last_error_at: null, items_received: 0 }).execute();
}

export async function subscription(db: Db | Tx, id: string): Promise<FeedsSubscriptionsTable | undefined> {
  return t(db).selectFrom('feeds_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function subscriptionOfUpstream(db: Db | Tx, upstreamId: string): Promise<FeedsSubscriptionsTable | undefined> {
  return t(db).selectFrom('feeds_subscriptions').selectAll().where('upstream_id', '=', upstreamId).executeTakeFirst();
}

export async function subscriptions(db: Db | Tx, organisationIds?: readonly string[]): Promise<FeedsSubscriptionsTable[]> {
  let q = t(db).selectFrom('feeds_subscriptions').selectAll().orderBy('created_at');
  if (organisationIds) {
    if (organisationIds.length === 0) return [];
    q = q.where('organisation_id', 'in', organisationIds);
  }
  return q.execute();
}

export async function updateSubscription(db: Db | Tx, id: string, patch: Partial<FeedsSubscriptionsTable>): Promise<void> {
  await t(db).updateTable('feeds_subscriptions').set(patch).where('id', '=', id).execute();
}

/** Active subscriptions whose next pull is due at `now`. */
export async function dueSubscriptions(db: Db | Tx, now: Date): Promise<FeedsSubscriptionsTable[]> {
  const r = await sql<FeedsSubscriptionsTable>`SELECT * FROM feeds_subscriptions
     WHERE active AND (last_pull_at IS NULL OR last_pull_at + make_interval(mins => interval_minutes) <= ${now})
     ORDER BY last_pull_at NULLS FIRST`.execute(db);
  return r.rows;
}

export async function heldItem(db: Db | Tx, subscriptionId: string, itemId: string): Promise<{ version: number } | undefined> {
  return t(db).selectFrom('feeds_upstream_items').select('version').where('subscription_id', '=', subscriptionId).where('item_id', '=', itemId).executeTakeFirst();
}

export async function upsertItem(db: Db | Tx, row: Omit<FeedsUpstreamItemsTable, 'payload'> & { payload: unknown }): Promise<void> {
  const values = { ...row, payload: JSON.stringify(row.payload) };
  await t(db)
    .insertInto('feeds_upstream_items')
    .values(values)
    .onConflict((oc) => oc.columns(['subscription_id', 'item_id']).doUpdateSet({ version: values.version, cursor: values.cursor, payload: values.payload, compile_error: values.compile_error, received_at: values.received_at }))
    .execute();
}

export interface HeldRow {
  subscription_id: string;
  upstream_id: string;
  origin_level: 'upstream' | 'district';
  item_id: string;
  version: number;
  payload: unknown;
  compile_error: string | null;
  received_at: Date;
}

/** Every upstream item held for the active subscriptions. */
export async function heldItems(db: Db | Tx): Promise<HeldRow[]> {
  const r = await sql<HeldRow>`SELECT i.subscription_id, s.upstream_id, s.origin_level, i.item_id, i.version, i.payload, i.compile_error, i.received_at
      FROM feeds_upstream_items i JOIN feeds_subscriptions s ON s.id = i.subscription_id
     WHERE s.active ORDER BY s.created_at, i.item_id`.execute(db);
  return r.rows;
}

/** Changes whenever an upstream item or a subscription's state that shows it changes. */
export async function heldRevision(db: Db | Tx): Promise<string> {
  const r = await sql<{ r: string }>`SELECT concat_ws(':', count(*), coalesce(max(extract(epoch FROM i.received_at))::text, '0'), coalesce(sum(i.version), 0),
                                            (SELECT count(*) FROM feeds_subscriptions WHERE active), (SELECT string_agg(origin_level, ',' ORDER BY id) FROM feeds_subscriptions)) AS r
                                       FROM feeds_upstream_items i`.execute(db);
  return r.rows[0]?.r ?? '';
}

export async function countHeld(db: Db | Tx, subscriptionId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM feeds_upstream_items WHERE subscription_id = ${subscriptionId} AND NOT coalesce((payload->>'withdrawn')::boolean, false)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertPull(db: Db | Tx, row: FeedsPullsTable): Promise<void> {
  await t(db).insertInto('feeds_pulls').values(row).execute();
}

export async function recentPulls(db: Db | Tx, subscriptionId: string, limit: number): Promise<FeedsPullsTable[]> {
  return t(db).selectFrom('feeds_pulls').selectAll().where('subscription_id', '=', subscriptionId).orderBy('at', 'desc').limit(limit).execute();
}
