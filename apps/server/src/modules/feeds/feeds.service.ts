import { randomUUID } from 'node:crypto';
import type { ItemSpec } from '@seedbed/rules';
import type { FeedPullResult, FeedSubscription, FeedSubscriptionBody, FeedSubscriptionPatch, PolicyFeed, PolicyFeedEntry, PolicyFeedQuery, UpstreamPolicy, UpstreamPolicyList, UpstreamPolicyQuery } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { callUpstream, listUpstreams, type Upstream } from '../interconnect/index.js';
import { compileProblem, invalidateFinderRules, type ExtraPolicyItem, type ItemOrigin, type RulesExtension } from '../policies/index.js';
import * as repo from './feeds.repository.js';
import type { FeedsSubscriptionsTable, OriginLevel } from './feeds.tables.js';

export const FEED_VERSION = 1 as const;
const PAGE = 200;
/** A pull reads at most this many pages; the rest comes at the next pull. */
const MAX_PAGES = 50;

// ---------------------------------------------------------------- the feed this platform publishes

const text = (x: { zh: string; en: string } | null | undefined) => ({ zh: x?.zh ?? '', en: x?.en ?? '' });

function entryOf(r: repo.FeedRow): PolicyFeedEntry {
  const spec = r.spec as ItemSpec;
  return {
    cursor: r.seq,
    itemId: r.item_id,
    version: r.version,
    current: r.current_version === r.version,
    withdrawn: r.current_version === null,
    publishedAt: nullableInstantOut(r.published_at),
    title: text(spec.title),
    entity: spec.entity,
    benefit: spec.benefit,
    mode: spec.mode,
    regionCode: spec.region ?? null,
    effective: { from: spec.effective.from, to: spec.effective.to ?? null },
    document: { key: r.document_key, title: text(r.doc_title), issuer: text(r.doc_issuer), number: r.doc_number, region: r.doc_region, issuedOn: r.doc_issued_on },
    citation: { clause: r.meta?.clause ?? null, quote: r.meta?.quote ?? '' },
    leadUnit: r.meta?.leadUnit ?? null,
    rule: spec,
    parameters: r.parameters ?? {},
  };
}

/**
 * The policy feed: every published item version in the order it was published here (the cursor),
 * with its document and citation, rule, region and effective dates. A reader keeps the last cursor
 * and asks for what came after it.
 */
export async function policyFeed(db: Db, query: PolicyFeedQuery): Promise<PolicyFeed> {
  await repo.logPublishedVersions(db);
  const limit = query.limit ?? PAGE;
  const rows = await repo.feedPage(db, query.after ?? '0', limit + 1);
  const items = rows.slice(0, limit).map(entryOf);
  return { feedVersion: FEED_VERSION, items, nextCursor: items.length > 0 ? items[items.length - 1]!.cursor : (query.after ?? null), hasMore: rows.length > limit };
}

// ---------------------------------------------------------------- subscriptions (the subscriber's side)

/** The organisations whose interconnection the person manages. */
function managed(principal: Principal): string[] {
  return membershipsGranting(principal, 'interconnect.manage').map((m) => m.organisationId);
}

function upstreamOf(upstreams: readonly Upstream[], id: string): Upstream | undefined {
  return upstreams.find((u) => u.id === id);
}

async function view(db: Db | Tx, s: FeedsSubscriptionsTable, upstreams: readonly Upstream[]): Promise<FeedSubscription> {
  const pulls = await repo.recentPulls(db, s.id, 5);
  return {
    id: s.id,
    upstreamId: s.upstream_id,
    upstreamName: upstreamOf(upstreams, s.upstream_id)?.name ?? '',
    originLevel: s.origin_level,
    intervalMinutes: s.interval_minutes,
    active: s.active,
    lastPullAt: nullableInstantOut(s.last_pull_at),
    lastSuccessAt: nullableInstantOut(s.last_success_at),
    lastError: s.last_error,
    lastErrorAt: nullableInstantOut(s.last_error_at),
    itemsReceived: s.items_received,
    itemsHeld: await repo.countHeld(db, s.id),
    recentPulls: pulls.map((p) => ({ at: instantOut(p.at), status: p.status, received: p.received, error: p.error, durationMs: p.duration_ms })),
  };
}

export async function listSubscriptions(deps: Pick<AppDeps, 'db'>, principal: Principal): Promise<{ items: FeedSubscription[] }> {
  const orgs = managed(principal);
  const [rows, upstreams] = await Promise.all([repo.subscriptions(deps.db, orgs), listUpstreams(deps.db)]);
  return { items: await Promise.all(rows.map((s) => view(deps.db, s, upstreams))) };
}

async function ownSubscription(deps: Pick<AppDeps, 'db'>, principal: Principal, id: string): Promise<FeedsSubscriptionsTable> {
  const s = await repo.subscription(deps.db, id);
  if (!s || !managed(principal).includes(s.organisation_id)) throw notFound({ zh: '订阅', en: 'Feed subscription' });
  return s;
}

export async function getSubscription(deps: Pick<AppDeps, 'db'>, principal: Principal, id: string): Promise<FeedSubscription> {
  const s = await ownSubscription(deps, principal, id);
  return view(deps.db, s, await listUpstreams(deps.db));
}

/** Subscribes the policy feed of an upstream the person's organisation registered (one subscription per upstream). */
export async function subscribe(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, body: FeedSubscriptionBody): Promise<FeedSubscription> {
  const orgs = managed(principal);
  if (orgs.length === 0) throw forbidden();
  const upstreams = await listUpstreams(deps.db);
  const upstream = upstreamOf(upstreams, body.upstreamId);
  if (!upstream || !orgs.includes(upstream.organisationId))
    throw invalid([fieldError('upstreamId', 'exists', '不是本单位登记的上级平台', 'is not an upstream platform your organisation registered')]);
  if (await repo.subscriptionOfUpstream(deps.db, upstream.id))
    throw conflict('ALREADY_SUBSCRIBED', '已订阅该平台的政策', "This platform's policies are already subscribed", [fieldError('upstreamId', 'unique', '已订阅该平台的政策', 'is already subscribed')]);
  const id = randomUUID();
  await repo.insertSubscription(deps.db, {
    id,
    organisation_id: upstream.organisationId,
    upstream_id: upstream.id,
    origin_level: body.originLevel ?? 'upstream',
    interval_minutes: body.intervalMinutes ?? 5,
    active: true,
    created_by: principal.userId,
    created_at: deps.clock.now(),
  });
  invalidateFinderRules(deps.db);
  return view(deps.db, (await repo.subscription(deps.db, id))!, upstreams);
}

export async function patchSubscription(deps: Pick<AppDeps, 'db'>, principal: Principal, id: string, body: FeedSubscriptionPatch): Promise<FeedSubscription> {
  await ownSubscription(deps, principal, id);
  const patch: Partial<FeedsSubscriptionsTable> = {};
  if (body.active !== undefined) patch.active = body.active;
  if (body.intervalMinutes !== undefined) patch.interval_minutes = body.intervalMinutes;
  if (body.originLevel !== undefined) patch.origin_level = body.originLevel;
  if (Object.keys(patch).length > 0) await repo.updateSubscription(deps.db, id, patch);
  // Whether the subscription is active and how its items are marked is part of the finder's catalogue.
  invalidateFinderRules(deps.db);
  return getSubscription(deps, principal, id);
}

export async function pullNow(deps: AppDeps, principal: Principal, id: string): Promise<FeedPullResult> {
  await ownSubscription(deps, principal, id);
  return pullFeed(deps, id);
}

// ---------------------------------------------------------------- pulling

/** An upstream item's id here: namespaced by its upstream, so it never collides with a local one. */
export function namespacedId(upstreamId: string, itemId: string): string {
  return `upstream.${upstreamId.replace(/-/g, '').slice(0, 12).toLowerCase()}.${itemId}`;
}

/** The upstream rule as this platform evaluates it: its id and the ids it excludes namespaced. */
function localSpec(upstreamId: string, rule: ItemSpec): ItemSpec {
  return { ...rule, id: namespacedId(upstreamId, rule.id), ...(rule.excludes ? { excludes: rule.excludes.map((x) => namespacedId(upstreamId, x)) } : {}) };
}

function problemText(json: unknown): string {
  const p = json as { title?: unknown; detail?: unknown } | null;
  return typeof p?.title === 'string' ? p.title : typeof p?.detail === 'string' ? p.detail : '';
}

const isFeed = (json: unknown): json is PolicyFeed => {
  const f = json as Partial<PolicyFeed> | null;
  return !!f && typeof f === 'object' && Array.isArray(f.items) && (f.nextCursor === null || typeof f.nextCursor === 'string') && typeof f.hasMore === 'boolean';
};

/**
 * Pulls what an upstream published since the subscription's cursor: each entry replaces the held
 * version of its item when it is as new or newer (a withdrawn item ends); the cursor moves on
 * after each page. A refusal (a revoked client: 401) or a network failure is recorded on the
 * subscription; nothing held is lost.
 */
export async function pullFeed(deps: AppDeps, subscriptionId: string): Promise<FeedPullResult> {
  const s = await repo.subscription(deps.db, subscriptionId);
  if (!s) throw notFound({ zh: '订阅', en: 'Feed subscription' });
  const started = deps.clock.now();
  const t0 = Date.now();
  let cursor = s.cursor;
  let received = 0;
  let status: number | null = null;
  let error: string | null = null;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await callUpstream(deps, s.upstream_id, { method: 'GET', path: `/api/v1/feed/policies?limit=${PAGE}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}` });
      status = res.status;
      if (res.status !== 200) {
        error = `HTTP ${res.status}${problemText(res.json) ? `: ${problemText(res.json)}` : ''}`;
        break;
      }
      const feed = res.json;
      if (!isFeed(feed) || (feed as { feedVersion?: unknown }).feedVersion !== FEED_VERSION) {
        error = `不支持的订阅格式 / Unsupported feed format (feedVersion ${String((feed as { feedVersion?: unknown } | null)?.feedVersion)})`;
        break;
      }
      await deps.db.transaction().execute(async (trx) => {
        for (const entry of feed.items) {
          const held = await repo.heldItem(trx, s.id, entry.itemId);
          if (!held || entry.version >= held.version) {
            const problem = entry.rule && typeof entry.rule === 'object' ? compileProblem(localSpec(s.upstream_id, entry.rule as ItemSpec)) : 'no rule';
            await repo.upsertItem(trx, { subscription_id: s.id, item_id: entry.itemId, version: entry.version, cursor: entry.cursor, payload: entry, compile_error: problem, received_at: deps.clock.now() });
          }
          received++;
        }
        cursor = feed.nextCursor ?? cursor;
        await repo.updateSubscription(trx, s.id, { cursor, items_received: s.items_received + received });
      });
      // The held items changed: the finder reads them afresh (another process within RECHECK_MS).
      invalidateFinderRules(deps.db);
      if (!feed.hasMore) break;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const now = deps.clock.now();
  await repo.updateSubscription(deps.db, s.id, {
    last_pull_at: started,
    ...(error === null ? { last_success_at: now, last_error: null, last_error_at: null } : { last_error: error.slice(0, 1000), last_error_at: now }),
  });
  await repo.insertPull(deps.db, { id: randomUUID(), subscription_id: s.id, at: started, status, received, error: error?.slice(0, 1000) ?? null, duration_ms: Date.now() - t0 });
  return { received, status, error };
}

/** The job the scheduler queues every minute: pulls each subscription whose interval has passed. */
export async function pullDue(deps: AppDeps): Promise<{ pulled: number }> {
  const due = await repo.dueSubscriptions(deps.db, deps.clock.now());
  for (const s of due) await pullFeed(deps, s.id);
  return { pulled: due.length };
}

// ---------------------------------------------------------------- what the library and the finder read

interface Held {
  row: repo.HeldRow;
  entry: PolicyFeedEntry;
  id: string;
  origin: ItemOrigin;
}

async function held(db: Db): Promise<Held[]> {
  const [rows, upstreams] = await Promise.all([repo.heldItems(db), listUpstreams(db)]);
  const out: Held[] = [];
  for (const row of rows) {
    const entry = row.payload as PolicyFeedEntry;
    if (entry.withdrawn) continue;
    const upstream = upstreamOf(upstreams, row.upstream_id);
    if (!upstream) continue;
    const base = upstream.baseUrl.replace(/\/+$/, '');
    out.push({
      row,
      entry,
      id: namespacedId(row.upstream_id, row.item_id),
      origin: { kind: row.origin_level as OriginLevel, platform: upstream.name, itemId: row.item_id, url: `${base}/policies/${encodeURIComponent(row.item_id)}` },
    });
  }
  return out;
}

/** What the library's list and the finder's view of a held item both show: one place for the fields they share. */
function entryView({ entry, id, origin }: Held) {
  return {
    id,
    version: entry.version,
    title: entry.title,
    entity: entry.entity,
    benefit: entry.benefit,
    mode: entry.mode,
    regionCode: entry.regionCode,
    leadUnit: entry.leadUnit,
    effective: entry.effective,
    origin,
  };
}

const isOpen = (from: string, to: string | null, today: string) => from <= today && (to === null || to >= today);

/** The library's upstream items (上级政策 / 区级政策), filtered as the library filters. */
export async function upstreamPolicies(deps: Pick<AppDeps, 'db' | 'clock'>, query: UpstreamPolicyQuery): Promise<UpstreamPolicyList> {
  const today = deps.clock.today();
  const q = query.q?.trim().toLowerCase() ?? '';
  const items: UpstreamPolicy[] = (await held(deps.db))
    .filter(({ entry }) => !query.entity || entry.entity === query.entity)
    .filter(({ entry }) => !query.benefit || entry.benefit === query.benefit)
    .filter(({ entry }) => query.open === undefined || isOpen(entry.effective.from, entry.effective.to, today) === query.open)
    .filter(({ entry }) => !q || [entry.title.zh, entry.title.en, entry.document.title.zh, entry.document.number ?? ''].some((x) => x.toLowerCase().includes(q)))
    .map((h) => ({
      ...entryView(h),
      open: isOpen(h.entry.effective.from, h.entry.effective.to, today),
      document: { title: h.entry.document.title, number: h.entry.document.number, issuer: h.entry.document.issuer },
      receivedAt: instantOut(h.row.received_at),
    }));
  return { total: items.length, items };
}

/** The subscribed items as the finder evaluates them (policies' `finderSnapshot`): those that compile here. */
export const upstreamRules: RulesExtension = {
  revision: (db) => repo.heldRevision(db),
  async items(db): Promise<ExtraPolicyItem[]> {
    return (await held(db))
      .filter((h) => h.row.compile_error === null)
      .map((h) => {
        const { row, entry } = h;
        const spec = localSpec(row.upstream_id, entry.rule as ItemSpec);
        return {
          spec,
          version: entry.version,
          documentRegion: entry.document.region,
          view: {
            ...entryView(h),
            supportingUnits: [],
            requiresMaterials: (spec.requires_materials ?? []).map((m) => ({ id: m.id, label: m.label })),
            document: { key: entry.document.key, title: entry.document.title, number: entry.document.number, issuer: entry.document.issuer },
            clause: entry.citation.clause,
            quote: entry.citation.quote,
          },
        };
      });
  },
};
