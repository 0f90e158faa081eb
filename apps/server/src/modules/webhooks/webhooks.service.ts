import { lookup } from 'node:dns/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { WEBHOOK_TOPICS, type WebhookDelivery, type WebhookDeliveryList, type WebhookReplayResult, type WebhookSubscription, type WebhookSubscriptionBody, type WebhookTopic } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { enqueueJob } from '../../platform/jobs.js';
import { fieldError, invalid, notFound } from '../../platform/problems.js';
import { decryptText, encryptText } from '../../platform/protect.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import type { ApiClient } from '../interconnect/index.js';
import * as repo from './webhooks.repository.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhooks.signature.js';
import type { SubscriptionRow } from './webhooks.tables.js';

/** Waits before the 2nd, 3rd, … attempt; after the last, the delivery is given up (a replay re-sends it). */
export const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
const TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------- events

/**
 * Records an event of `topic` and queues its delivery to every active subscription to the topic,
 * inside the caller's transaction (nothing is sent unless the change commits). Other modules call
 * it (e.g. indicators: `indicator.updated`). Returns the event's id, which every delivery and
 * replay of it carries (receivers de-duplicate by it).
 */
export async function enqueueWebhookEvent(tx: Db | Tx, topic: WebhookTopic, data: unknown, occurredAt: Date = new Date()): Promise<string> {
  const id = randomUUID();
  const subscribers = await repo.subscribersOf(tx, topic);
  await repo.insertEvent(tx, { id, topic, occurred_at: occurredAt, data: data ?? null });
  for (const s of subscribers) await newDelivery(tx, s.id, id, null, occurredAt);
  return id;
}

async function newDelivery(tx: Db | Tx, subscriptionId: string, eventId: string, replayOf: string | null, at: Date): Promise<string> {
  const id = randomUUID();
  await repo.insertDelivery(tx, { id, subscription_id: subscriptionId, event_id: eventId, replay_of: replayOf, created_at: at });
  await enqueueJob(tx, 'webhooks.deliver', { deliveryId: id });
  return id;
}

// ---------------------------------------------------------------- subscriptions (machine clients)

function parsedUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Loopback, private, link-local and unique-local addresses: a subscriber must not point the platform at its own network. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (a === 'localhost' || a.endsWith('.localhost') || a === '::1' || a === '::' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80:')) return true;
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (!v4) return false;
  const [x, y] = [Number(v4[1]), Number(v4[2])];
  return x === 0 || x === 10 || x === 127 || (x === 169 && y === 254) || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 100 && y >= 64 && y <= 127);
}

/** In production a subscriber's address is https and public (no loopback or private network, also after resolving its name at delivery). */
function checkUrl(url: string, production: boolean): void {
  const u = parsedUrl(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:'))
    throw invalid([fieldError('url', 'format:url', '应为以 http:// 或 https:// 开头的网址', 'must be an http:// or https:// URL')]);
  if (production && u.protocol !== 'https:') throw invalid([fieldError('url', 'https', '生产环境须使用 https:// 地址', 'must be an https:// URL in production')]);
  if (production && isPrivateAddress(u.hostname)) throw invalid([fieldError('url', 'public_address', '不能指向本机或内网地址', 'must not point at a loopback or private address')]);
}

async function resolvesPrivate(hostname: string): Promise<boolean> {
  if (isPrivateAddress(hostname)) return true;
  try {
    const addresses = await lookup(hostname, { all: true });
    return addresses.some((r) => isPrivateAddress(r.address));
  } catch {
    return false;
  }
}

function subscriptionView(s: SubscriptionRow, counts?: { delivered: number; failing: number }): WebhookSubscription {
  return { id: s.id, clientId: s.client_id, url: s.url, topics: s.topics, active: s.active, createdAt: instantOut(s.created_at), delivered: counts?.delivered ?? 0, failing: counts?.failing ?? 0 };
}

/** Registers a subscription of the calling client; the secret (given or generated) is shown in this answer only. */
export async function registerSubscription(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'config'>, client: ApiClient, body: WebhookSubscriptionBody): Promise<WebhookSubscription> {
  checkUrl(body.url, deps.config.production);
  const topics = [...new Set(body.topics)].filter((t): t is WebhookTopic => (WEBHOOK_TOPICS as readonly string[]).includes(t));
  const secret = body.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  const row = { id: randomUUID(), client_id: client.clientId, organisation_id: client.organisationId, url: body.url, topics, secret: encryptText(deps.dataKey, secret), active: true, created_at: deps.clock.now() };
  await repo.insertSubscription(deps.db, row);
  return { ...subscriptionView({ ...row, topics }), secret };
}

export async function clientSubscriptions(deps: Pick<AppDeps, 'db'>, client: ApiClient): Promise<{ items: WebhookSubscription[] }> {
  const rows = await repo.subscriptionsWhere(deps.db, { clientId: client.clientId });
  const counts = await repo.counts(deps.db, rows.map((r) => r.id));
  return { items: rows.map((r) => subscriptionView(r, counts.get(r.id))) };
}

/** Who may see a subscription: the client that registered it, or whoever manages its organisation's interconnection. */
export type Viewer = { client: ApiClient } | { principal: Principal };

async function visible(deps: Pick<AppDeps, 'db'>, viewer: Viewer, id: string): Promise<SubscriptionRow> {
  const s = await repo.subscription(deps.db, id);
  const ok =
    !!s &&
    ('client' in viewer ? s.client_id === viewer.client.clientId : membershipsGranting(viewer.principal, 'interconnect.manage').some((m) => m.organisationId === s.organisation_id));
  if (!s || !ok) throw notFound({ zh: 'Webhook 订阅', en: 'Webhook subscription' });
  return s;
}

export async function cancelSubscription(deps: Pick<AppDeps, 'db'>, client: ApiClient, id: string): Promise<{ ok: true }> {
  await visible(deps, { client }, id);
  await repo.deactivate(deps.db, id);
  return { ok: true };
}

/** The webhook subscriptions of the organisations the person manages (the interconnection page). */
export async function organisationSubscriptions(deps: Pick<AppDeps, 'db'>, principal: Principal): Promise<{ items: WebhookSubscription[] }> {
  const rows = await repo.subscriptionsWhere(deps.db, { organisationIds: membershipsGranting(principal, 'interconnect.manage').map((m) => m.organisationId) });
  const counts = await repo.counts(deps.db, rows.map((r) => r.id));
  return { items: rows.map((r) => subscriptionView(r, counts.get(r.id))) };
}

function deliveryView(d: repo.DeliveryRow, attempts: Awaited<ReturnType<typeof repo.attemptsOf>>): WebhookDelivery {
  return {
    id: d.id,
    eventId: d.event_id,
    topic: d.topic,
    occurredAt: instantOut(d.occurred_at),
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: nullableInstantOut(d.next_attempt_at),
    lastStatus: d.last_status,
    lastError: d.last_error,
    deliveredAt: nullableInstantOut(d.delivered_at),
    replayOf: d.replay_of,
    createdAt: instantOut(d.created_at),
    attemptLog: attempts.filter((a) => a.delivery_id === d.id).map((a) => ({ attempt: a.attempt, at: instantOut(a.at), status: a.status, error: a.error, durationMs: a.duration_ms })),
  };
}

export async function deliveries(deps: Pick<AppDeps, 'db'>, viewer: Viewer, subscriptionId: string): Promise<WebhookDeliveryList> {
  await visible(deps, viewer, subscriptionId);
  const rows = await repo.deliveriesOf(deps.db, subscriptionId, 200);
  const attempts = await repo.attemptsOf(deps.db, rows.map((r) => r.id));
  return { items: rows.map((r) => deliveryView(r, attempts)) };
}

/** Sends a delivery's event again (a new delivery of the same event id). */
export async function replayDelivery(deps: Pick<AppDeps, 'db' | 'clock'>, viewer: Viewer, deliveryId: string): Promise<WebhookDelivery> {
  const d = await repo.delivery(deps.db, deliveryId);
  if (!d) throw notFound({ zh: '投递记录', en: 'Delivery' });
  await visible(deps, viewer, d.subscription_id).catch(() => {
    throw notFound({ zh: '投递记录', en: 'Delivery' });
  });
  const id = await deps.db.transaction().execute((trx) => newDelivery(trx, d.subscription_id, d.event_id, d.id, deps.clock.now()));
  const created = (await repo.delivery(deps.db, id))!;
  return deliveryView(created, []);
}

/** Sends every event of a subscription that occurred since `since` again. */
export async function replaySince(deps: Pick<AppDeps, 'db' | 'clock'>, viewer: Viewer, subscriptionId: string, since: Date): Promise<WebhookReplayResult> {
  await visible(deps, viewer, subscriptionId);
  const events = await repo.eventsSince(deps.db, subscriptionId, since);
  await deps.db.transaction().execute(async (trx) => {
    for (const e of events) await newDelivery(trx, subscriptionId, e.event_id, e.id, deps.clock.now());
  });
  return { replayed: events.length };
}

// ---------------------------------------------------------------- delivery (the jobs)

/** The body a receiver gets: the event's id, topic, when it occurred and its data. */
export function eventBody(d: Pick<repo.DeliveryRow, 'event_id' | 'topic' | 'occurred_at' | 'data'>): string {
  return JSON.stringify({ id: d.event_id, topic: d.topic, occurredAt: instantOut(d.occurred_at), data: d.data });
}

/**
 * Job 'webhooks.deliver': one attempt of a pending delivery, signed; every attempt recorded. A
 * 2xx answer delivers it; anything else (or no answer within 10 s) schedules the next attempt
 * after the backoff, until MAX_ATTEMPTS (then it is given up: `failed`).
 */
export async function deliver(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'config'>, deliveryId: string): Promise<{ status: string }> {
  const d = await repo.delivery(deps.db, deliveryId);
  if (!d || d.status !== 'pending') return { status: d?.status ?? 'missing' };
  const s = (await repo.subscription(deps.db, d.subscription_id))!;
  if (!s.active) {
    await repo.updateDelivery(deps.db, d.id, { status: 'failed', last_error: '订阅已取消 / subscription cancelled' });
    return { status: 'failed' };
  }
  const body = eventBody(d);
  const now = deps.clock.now();
  const t = Math.floor(now.getTime() / 1000);
  const attempt = d.attempts + 1;
  const t0 = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    // In production the name is resolved first: a public name that resolves to a private address is refused.
    if (deps.config.production && (await resolvesPrivate(new URL(s.url).hostname))) throw new Error('refused: the address resolves to a loopback or private network');
    const res = await fetch(s.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Seedbed-Webhooks/1',
        'seedbed-event-id': d.event_id,
        'seedbed-topic': d.topic,
        'seedbed-delivery-id': d.id,
        [SIGNATURE_HEADER]: signatureHeader(decryptText(deps.dataKey, s.secret), t, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    error = `${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause})` : ''}`.slice(0, 500);
  }
  const durationMs = Date.now() - t0;
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertAttempt(trx, { id: randomUUID(), delivery_id: d.id, attempt, at: now, status, error, duration_ms: durationMs });
    if (error === null) await repo.updateDelivery(trx, d.id, { status: 'delivered', attempts: attempt, last_status: status, last_error: null, delivered_at: now, next_attempt_at: null });
    else if (attempt >= MAX_ATTEMPTS) await repo.updateDelivery(trx, d.id, { status: 'failed', attempts: attempt, last_status: status, last_error: error, next_attempt_at: null });
    else await repo.updateDelivery(trx, d.id, { status: 'retrying', attempts: attempt, last_status: status, last_error: error, next_attempt_at: new Date(now.getTime() + BACKOFF_MS[attempt - 1]!) });
  });
  return { status: error === null ? 'delivered' : attempt >= MAX_ATTEMPTS ? 'failed' : 'retrying' };
}

/** Job 'webhooks.tick': queues an attempt of every delivery whose backoff has passed. */
export async function retryDue(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<{ queued: number }> {
  const ids = await deps.db.transaction().execute(async (trx) => {
    const due = await repo.claimDue(trx, deps.clock.now());
    for (const id of due) await enqueueJob(trx, 'webhooks.deliver', { deliveryId: id });
    return due;
  });
  return { queued: ids.length };
}
