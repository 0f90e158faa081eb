import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { UpstreamCheck, UpstreamCreateBody, UpstreamList, UpstreamView } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { decryptText, encryptText } from '../../platform/protect.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import type { InterconnectTables } from './interconnect.tables.js';

/**
 * Upstreams: the platforms this one calls (a district's Seedbed registers the city's), each with
 * the client credentials the other platform issued; the secret is kept encrypted with the data key.
 * `callUpstream` fetches a token by client credentials, keeps it until shortly before it expires,
 * and fetches again once when a call is refused with 401.
 */
const t = (db: Db | Tx) => tablesOf<InterconnectTables>(db);
const CALL_TIMEOUT_MS = 10_000;

export interface Upstream {
  id: string;
  organisationId: string;
  name: string;
  baseUrl: string;
  clientId: string;
}

/** The upstream platform could not be reached (network, timeout) or refused our credentials. */
export class UpstreamUnavailable extends Error {
  constructor(
    readonly upstream: string,
    readonly reason: string,
  ) {
    super(`upstream ${upstream} unavailable: ${reason}`);
    this.name = 'UpstreamUnavailable';
  }
}

function normaliseBaseUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

export async function listUpstreams(db: Db, organisationId?: string): Promise<Upstream[]> {
  let q = t(db).selectFrom('interconnect_upstreams').select(['id', 'organisation_id', 'name', 'base_url', 'client_id']).where('removed_at', 'is', null);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, name: r.name, baseUrl: r.base_url, clientId: r.client_id }));
}

const managed = (principal: Principal): string[] => membershipsGranting(principal, 'interconnect.manage').map((m) => m.organisationId);

export async function upstreamViews(deps: Pick<AppDeps, 'db'>, principal: Principal): Promise<UpstreamList> {
  const orgs = managed(principal);
  if (!orgs.length) return { items: [] };
  const rows = await t(deps.db)
    .selectFrom('interconnect_upstreams as u')
    .innerJoin(sql<{ id: string; name: string }>`identity_organisations`.as('o'), 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.base_url', 'u.client_id', 'u.created_at', 'o.name as organisation_name'])
    .where('u.organisation_id', 'in', orgs)
    .where('u.removed_at', 'is', null)
    .orderBy('u.created_at')
    .execute();
  return { items: rows.map(view) };
}

const view = (r: { id: string; name: string; base_url: string; client_id: string; created_at: Date; organisation_name: string }): UpstreamView => ({
  id: r.id,
  name: r.name,
  baseUrl: r.base_url,
  clientId: r.client_id,
  organisationName: r.organisation_name,
  createdAt: instantOut(r.created_at),
});

export async function registerUpstream(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey'>, principal: Principal, ctx: AuditContext, body: UpstreamCreateBody): Promise<UpstreamView> {
  const organisationId = managed(principal)[0];
  if (!organisationId) throw forbidden('您所在单位无权管理平台对接', 'Your organisation may not manage interconnection');
  const baseUrl = normaliseBaseUrl(body.baseUrl);
  if (!baseUrl) throw invalid([fieldError('baseUrl', 'url', '平台地址须为 http(s):// 开头的网址，不含账号、查询或锚点', 'the address must be an http(s):// URL without credentials, query or fragment')]);
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await t(trx)
      .insertInto('interconnect_upstreams')
      .values({ id, organisation_id: organisationId, name: body.name.trim(), base_url: baseUrl, client_id: body.clientId.trim(), client_secret: encryptText(deps.dataKey, body.clientSecret), created_by: principal.userId, created_at: deps.clock.now() })
      .execute();
    await record(trx, deps.clock, ctx, { action: 'interconnect.upstream_registered', entityType: 'interconnect_upstream', entityId: id, data: { name: body.name, baseUrl } });
  });
  const list = await upstreamViews(deps, principal);
  return list.items.find((u) => u.id === id)!;
}

export async function removeUpstream(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, ctx: AuditContext, id: string): Promise<void> {
  const row = await t(deps.db).selectFrom('interconnect_upstreams').select(['organisation_id']).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  if (!row || !managed(principal).includes(row.organisation_id)) throw notFound({ zh: '该上级平台', en: 'The upstream platform' });
  await deps.db.transaction().execute(async (trx) => {
    await t(trx).updateTable('interconnect_upstreams').set({ removed_at: deps.clock.now() }).where('id', '=', id).execute();
    await record(trx, deps.clock, ctx, { action: 'interconnect.upstream_removed', entityType: 'interconnect_upstream', entityId: id, data: {} });
  });
}

interface CachedToken {
  token: string;
  scopes: string[];
  until: number;
}
const tokens = new WeakMap<object, Map<string, CachedToken>>();

async function timedFetch(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
}

async function fetchToken(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey'>, upstreamId: string, fresh: boolean): Promise<{ upstream: Upstream; token: CachedToken }> {
  const row = await t(deps.db).selectFrom('interconnect_upstreams').selectAll().where('id', '=', upstreamId).where('removed_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound({ zh: '该上级平台', en: 'The upstream platform' });
  const upstream: Upstream = { id: row.id, organisationId: row.organisation_id, name: row.name, baseUrl: row.base_url, clientId: row.client_id };
  let cache = tokens.get(deps.db);
  if (!cache) tokens.set(deps.db, (cache = new Map()));
  const now = deps.clock.now().getTime();
  const cached = cache.get(upstreamId);
  if (!fresh && cached && cached.until > now) return { upstream, token: cached };
  let response: Response;
  try {
    response = await timedFetch(`${row.base_url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: row.client_id, client_secret: decryptText(deps.dataKey, row.client_secret) }).toString(),
    });
  } catch (error) {
    throw new UpstreamUnavailable(row.name, (error as Error).message);
  }
  const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; scope?: string; message?: { en?: string } } | null;
  if (!response.ok || !body?.access_token) throw new UpstreamUnavailable(row.name, `token refused (${response.status}): ${body?.message?.en ?? ''}`.trim());
  const token = { token: body.access_token, scopes: (body.scope ?? '').split(' ').filter(Boolean), until: now + Math.max(0, (body.expires_in ?? 60) - 30) * 1000 };
  cache.set(upstreamId, token);
  return { upstream, token };
}

export interface UpstreamCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the upstream's base URL, e.g. `/api/v1/feed/policies?after=0`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface UpstreamAnswer {
  status: number;
  json: unknown;
  headers: Headers;
}

/** A machine call to an upstream platform with its client credentials. Throws `UpstreamUnavailable` when it cannot be reached or refuses the credentials. */
export async function callUpstream(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey'>, upstreamId: string, call: UpstreamCall): Promise<UpstreamAnswer> {
  for (const fresh of [false, true]) {
    const { upstream, token } = await fetchToken(deps, upstreamId, fresh);
    let response: Response;
    try {
      response = await timedFetch(`${upstream.baseUrl}${call.path}`, {
        method: call.method,
        headers: { accept: 'application/json', authorization: `Bearer ${token.token}`, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
        ...(call.body !== undefined ? { body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) } : {}),
      });
    } catch (error) {
      throw new UpstreamUnavailable(upstream.name, (error as Error).message);
    }
    if (response.status === 401 && !fresh) continue;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, headers: response.headers };
  }
  throw new UpstreamUnavailable(upstreamId, 'unreachable');
}

/** Checks an upstream's credentials by fetching a token: the scopes granted, or why not. */
export async function checkUpstream(deps: Pick<AppDeps, 'db' | 'clock' | 'dataKey'>, principal: Principal, id: string): Promise<UpstreamCheck> {
  const row = await t(deps.db).selectFrom('interconnect_upstreams').select(['organisation_id']).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  if (!row || !managed(principal).includes(row.organisation_id)) throw notFound({ zh: '该上级平台', en: 'The upstream platform' });
  try {
    const { token } = await fetchToken(deps, id, true);
    return { ok: true, scopes: token.scopes, message: { zh: '连接正常，已取得访问令牌', en: 'Connected: an access token was issued' } };
  } catch (error) {
    const reason = error instanceof UpstreamUnavailable ? error.reason : (error as Error).message;
    return { ok: false, scopes: [], message: { zh: `连接失败：${reason}`, en: `Could not connect: ${reason}` } };
  }
}
