import { sql } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { SubscriptionRow, WebhooksAttemptsTable, WebhooksDeliveriesTable, WebhooksTables } from './webhooks.tables.js';

const t = (db: Db | Tx) => tablesOf<WebhooksTables>(db);

export async function insertSubscription(db: Db | Tx, row: SubscriptionRow): Promise<void> {
  await t(db).insertInto('webhooks_subscriptions').values({ ...row, topics: JSON.stringify(row.topics) }).execute();
}

export async function subscription(db: Db | Tx, id: string): Promise<SubscriptionRow | undefined> {
  return t(db).selectFrom('webhooks_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function subscriptionsWhere(db: Db | Tx, by: { clientId?: string; organisationIds?: readonly string[] }): Promise<SubscriptionRow[]> {
  let q = t(db).selectFrom('webhooks_subscriptions').selectAll().orderBy('created_at');
  if (by.clientId !== undefined) q = q.where('client_id', '=', by.clientId);
  if (by.organisationIds !== undefined) {
    if (by.organisationIds.length === 0) return [];
    q = q.where('organisation_id', 'in', by.organisationIds);
  }
  return q.execute();
}

export async function deactivate(db: Db | Tx, id: string): Promise<void> {
  await t(db).updateTable('webhooks_subscriptions').set({ active: false }).where('id', '=', id).execute();
}

/** Active subscriptions to a topic. */
export async function subscribersOf(db: Db | Tx, topic: string): Promise<{ id: string }[]> {
  const r = await sql<{ id: string }>`SELECT id FROM webhooks_subscriptions WHERE active AND topics ? ${topic}`.execute(db);
  return r.rows;
}

export async function insertEvent(db: Db | Tx, row: { id: string; topic: string; occurred_at: Date; data: unknown }): Promise<void> {
  await t(db).insertInto('webhooks_events').values({ ...row, data: JSON.stringify(row.data) }).execute();
}

export async function insertDelivery(db: Db | Tx, row: Pick<WebhooksDeliveriesTable, 'id' | 'subscription_id' | 'event_id' | 'replay_of' | 'created_at'>): Promise<void> {
  await t(db).insertInto('webhooks_deliveries').values({ ...row, status: 'pending', attempts: 0, next_attempt_at: null, last_status: null, last_error: null, delivered_at: null }).execute();
}

export interface DeliveryRow extends WebhooksDeliveriesTable {
  topic: string;
  occurred_at: Date;
  data: unknown;
}

export async function delivery(db: Db | Tx, id: string): Promise<DeliveryRow | undefined> {
  const r = await sql<DeliveryRow>`SELECT d.*, e.topic, e.occurred_at, e.data FROM webhooks_deliveries d JOIN webhooks_events e ON e.id = d.event_id WHERE d.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function deliveriesOf(db: Db | Tx, subscriptionId: string, limit: number): Promise<DeliveryRow[]> {
  const r = await sql<DeliveryRow>`SELECT d.*, e.topic, e.occurred_at, e.data FROM webhooks_deliveries d JOIN webhooks_events e ON e.id = d.event_id
                                    WHERE d.subscription_id = ${subscriptionId} ORDER BY d.created_at DESC, d.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** The events delivered to a subscription since `since` (one per event: the first delivery of each). */
export async function eventsSince(db: Db | Tx, subscriptionId: string, since: Date): Promise<{ id: string; event_id: string }[]> {
  const r = await sql<{ id: string; event_id: string }>`SELECT DISTINCT ON (d.event_id) d.id, d.event_id FROM webhooks_deliveries d JOIN webhooks_events e ON e.id = d.event_id
                                    WHERE d.subscription_id = ${subscriptionId} AND e.occurred_at >= ${since} ORDER BY d.event_id, d.created_at`.execute(db);
  return r.rows;
}

export async function attemptsOf(db: Db | Tx, deliveryIds: readonly string[]): Promise<WebhooksAttemptsTable[]> {
  if (deliveryIds.length === 0) return [];
  return t(db).selectFrom('webhooks_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('attempt').execute();
}

export async function insertAttempt(db: Db | Tx, row: WebhooksAttemptsTable): Promise<void> {
  await t(db).insertInto('webhooks_attempts').values(row).execute();
}

export async function updateDelivery(db: Db | Tx, id: string, patch: Partial<WebhooksDeliveriesTable>): Promise<void> {
  await t(db).updateTable('webhooks_deliveries').set(patch).where('id', '=', id).execute();
}

/** Deliveries whose retry is due: set pending again (each gets one delivery job). */
export async function claimDue(db: Db | Tx, now: Date): Promise<string[]> {
  const r = await sql<{ id: string }>`UPDATE webhooks_deliveries SET status = 'pending', next_attempt_at = NULL
                                       WHERE status = 'retrying' AND next_attempt_at <= ${now} RETURNING id`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function counts(db: Db | Tx, subscriptionIds: readonly string[]): Promise<Map<string, { delivered: number; failing: number }>> {
  if (subscriptionIds.length === 0) return new Map();
  const r = await sql<{ subscription_id: string; delivered: number; failing: number }>`
    SELECT subscription_id, count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status IN ('retrying', 'failed'))::int AS failing
      FROM webhooks_deliveries WHERE subscription_id = ANY(${subscriptionIds as string[]}::uuid[]) GROUP BY subscription_id`.execute(db);
  return new Map(r.rows.map((x) => [x.subscription_id, { delivered: x.delivered, failing: x.failing }]));
}
