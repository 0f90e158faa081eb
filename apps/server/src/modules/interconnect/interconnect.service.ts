import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { ApiCallList, ApiClientCreateBody, ApiClientList, ApiClientSecret, ApiClientView, ClientScope } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, forbidden, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import type { InterconnectTables } from './interconnect.tables.js';
import { hashSecret, newClientId, newSecret, ROTATION_GRACE_MS, verifyToken } from './interconnect.tokens.js';

const t = (db: Db | Tx) => tablesOf<InterconnectTables>(db);

/** The calling platform of a machine request, set by the auth plugin on routes with a `clientScope`. */
export interface ApiClient {
  id: string;
  clientId: string;
  name: string;
  organisationId: string;
  regionCode: string;
  scopes: ClientScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    apiClient: ApiClient | null;
    /** The client a refused machine call named, for the call log. */
    apiClientAttempt: string | null;
  }
  interface FastifyContextConfig {
    /** A machine route (`permission: 'interconnect.client'`): the scope its bearer token must carry. */
    clientScope?: ClientScope;
  }
}

/** The organisations a principal manages interconnection for. */
function managedOrganisations(principal: Principal): string[] {
  return membershipsGranting(principal, 'interconnect.manage').map((m) => m.organisationId);
}

function organisationFor(principal: Principal): string {
  const orgs = managedOrganisations(principal);
  if (!orgs[0]) throw forbidden('您所在单位无权管理平台对接', 'Your organisation may not manage interconnection');
  return orgs[0];
}

async function clientViews(deps: Pick<AppDeps, 'db' | 'clock'>, where: { organisations: string[] } | { id: string }): Promise<ApiClientView[]> {
  const since = new Date(deps.clock.now().getTime() - 24 * 3600_000);
  let q = t(deps.db)
    .selectFrom('interconnect_clients as c')
    .innerJoin(sql<{ id: string; name: string }>`identity_organisations`.as('o'), 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.client_id',
      'c.name',
      'c.scopes',
      'c.rate_per_minute',
      'c.created_at',
      'c.last_used_at',
      'c.previous_valid_until',
      'c.revoked_at',
      'o.name as organisation_name',
      sql<number>`(SELECT count(*)::int FROM interconnect_calls k WHERE k.client_id = c.id AND k.at >= ${since})`.as('calls'),
    ]);
  q = 'id' in where ? q.where('c.id', '=', where.id) : q.where('c.organisation_id', 'in', where.organisations.length ? where.organisations : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('c.revoked_at', (o) => o.desc().nullsFirst()).orderBy('c.created_at', 'desc').execute();
  const now = deps.clock.now();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    name: r.name,
    organisationName: r.organisation_name,
    scopes: r.scopes as ClientScope[],
    ratePerMinute: r.rate_per_minute,
    createdAt: instantOut(r.created_at),
    lastUsedAt: r.last_used_at ? instantOut(r.last_used_at) : null,
    previousSecretValidUntil: r.previous_valid_until && r.previous_valid_until > now ? instantOut(r.previous_valid_until) : null,
    revokedAt: r.revoked_at ? instantOut(r.revoked_at) : null,
    callsLast24h: r.calls,
  }));
}

export async function listClients(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal): Promise<ApiClientList> {
  return { items: await clientViews(deps, { organisations: managedOrganisations(principal) }) };
}

async function ownClient(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, id: string) {
  const row = await t(deps.db).selectFrom('interconnect_clients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !managedOrganisations(principal).includes(row.organisation_id)) throw notFound({ zh: '该对接客户端', en: 'The client' });
  return row;
}

export async function registerClient(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, ctx: AuditContext, body: ApiClientCreateBody): Promise<ApiClientSecret> {
  const organisationId = organisationFor(principal);
  const id = randomUUID();
  const clientId = newClientId();
  const secret = newSecret();
  await deps.db.transaction().execute(async (trx) => {
    await t(trx)
      .insertInto('interconnect_clients')
      .values({ id, client_id: clientId, organisation_id: organisationId, name: body.name.trim(), scopes: body.scopes, secret_hash: hashSecret(secret), rate_per_minute: body.ratePerMinute ?? 120, created_by: principal.userId, created_at: deps.clock.now() })
      .execute();
    await record(trx, deps.clock, ctx, { action: 'interconnect.client_registered', entityType: 'interconnect_client', entityId: id, data: { name: body.name, scopes: body.scopes } });
  });
  const [client] = await clientViews(deps, { id });
  return { client: client!, clientSecret: secret };
}

export async function rotateClientSecret(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, ctx: AuditContext, id: string): Promise<ApiClientSecret> {
  const row = await ownClient(deps, principal, id);
  if (row.revoked_at) throw new AppError(409, 'CLIENT_REVOKED', { zh: '该客户端已被吊销，不能更换密钥', en: 'This client is revoked; its secret cannot be rotated' });
  const secret = newSecret();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await t(trx)
      .updateTable('interconnect_clients')
      .set({ secret_hash: hashSecret(secret), previous_secret_hash: row.secret_hash, previous_valid_until: new Date(now.getTime() + ROTATION_GRACE_MS) })
      .where('id', '=', id)
      .execute();
    await record(trx, deps.clock, ctx, { action: 'interconnect.client_rotated', entityType: 'interconnect_client', entityId: id, data: { name: row.name } });
  });
  const [client] = await clientViews(deps, { id });
  return { client: client!, clientSecret: secret };
}

export async function revokeClient(deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, ctx: AuditContext, id: string): Promise<ApiClientView> {
  const row = await ownClient(deps, principal, id);
  if (!row.revoked_at) {
    await deps.db.transaction().execute(async (trx) => {
      await t(trx).updateTable('interconnect_clients').set({ revoked_at: deps.clock.now(), revoked_by: principal.userId }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      await record(trx, deps.clock, ctx, { action: 'interconnect.client_revoked', entityType: 'interconnect_client', entityId: id, data: { name: row.name } });
    });
  }
  const [client] = await clientViews(deps, { id });
  return client!;
}

export async function recentCalls(deps: Pick<AppDeps, 'db'>, principal: Principal): Promise<ApiCallList> {
  const orgs = managedOrganisations(principal);
  if (!orgs.length) return { items: [] };
  const rows = await t(deps.db)
    .selectFrom('interconnect_calls as k')
    .innerJoin('interconnect_clients as c', 'c.id', 'k.client_id')
    .select(['k.at', 'k.method', 'k.path', 'k.status', 'c.name'])
    .where('c.organisation_id', 'in', orgs)
    .orderBy('k.at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(100)
    .execute();
  return { items: rows.map((r) => ({ at: instantOut(r.at), clientName: r.name, method: r.method, path: r.path, status: r.status })) };
}

/** Fixed one-minute windows per client and process (app processes behind a balancer each count their own share). */
const windows = new WeakMap<object, Map<string, { start: number; count: number }>>();

function overRate(deps: Pick<AppDeps, 'db' | 'clock'>, clientId: string, perMinute: number): number | null {
  let map = windows.get(deps.db);
  if (!map) windows.set(deps.db, (map = new Map()));
  const now = deps.clock.now().getTime();
  const start = now - (now % 60_000);
  const w = map.get(clientId);
  if (!w || w.start !== start) {
    map.set(clientId, { start, count: 1 });
    return null;
  }
  w.count += 1;
  return w.count > perMinute ? Math.ceil((start + 60_000 - now) / 1000) : null;
}

const bearerRefused = (zh: string, en: string): AppError => new AppError(401, 'INVALID_TOKEN', { zh, en });

/**
 * The auth plugin's check of a machine route: a bearer token of a live client carrying the
 * route's scope, within the client's rate. Sets `request.apiClient`.
 */
export async function authenticateApiClient(deps: Pick<AppDeps, 'db' | 'clock'>, request: FastifyRequest, scope: ClientScope): Promise<ApiClient> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw bearerRefused('缺少访问令牌：请以 OAuth 2.0 客户端凭证获取令牌，放在 Authorization: Bearer 中', 'A bearer token is required (OAuth 2.0 client credentials, POST /api/v1/oauth/token)');
  const claims = await verifyToken(deps, match[1]!);
  if (!claims) throw bearerRefused('访问令牌无效或已过期', 'The access token is invalid or has expired');
  const row = await t(deps.db)
    .selectFrom('interconnect_clients as c')
    .innerJoin(sql<{ id: string; region_code: string }>`identity_organisations`.as('o'), 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.client_id', 'c.name', 'c.organisation_id', 'c.scopes', 'c.rate_per_minute', 'c.revoked_at', 'o.region_code'])
    .where('c.client_id', '=', claims.clientId)
    .executeTakeFirst();
  if (!row) throw bearerRefused('访问令牌所属的客户端不存在', 'The token names no client');
  request.apiClientAttempt = row.id;
  if (row.revoked_at) throw bearerRefused('该客户端已被吊销', 'This client has been revoked');
  if (!claims.scopes.includes(scope) || !row.scopes.includes(scope)) {
    throw new AppError(403, 'INSUFFICIENT_SCOPE', { zh: `该客户端未获授权：${scope}`, en: `The client lacks the scope ${scope}` });
  }
  const retryAfter = overRate(deps, row.id, row.rate_per_minute);
  if (retryAfter !== null) {
    const error = new AppError(429, 'RATE_LIMITED', { zh: `调用过于频繁：每分钟最多 ${row.rate_per_minute} 次，请 ${retryAfter} 秒后再试`, en: `Too many calls: at most ${row.rate_per_minute} a minute; retry in ${retryAfter} s` });
    (error as AppError & { retryAfter?: number }).retryAfter = retryAfter;
    throw error;
  }
  const client: ApiClient = { id: row.id, clientId: row.client_id, name: row.name, organisationId: row.organisation_id, regionCode: row.region_code, scopes: row.scopes as ClientScope[] };
  request.apiClient = client;
  return client;
}

/** Every machine call, answered or refused, once its status is known. */
export async function recordCall(deps: Pick<AppDeps, 'db' | 'clock'>, clientRowId: string, method: string, path: string, status: number): Promise<void> {
  const at = deps.clock.now();
  await t(deps.db).insertInto('interconnect_calls').values({ client_id: clientRowId, at, method, path: path.slice(0, 500), status }).execute();
  await t(deps.db).updateTable('interconnect_clients').set({ last_used_at: at }).where('id', '=', clientRowId).execute();
}

/** A live (not revoked) machine client, with its organisation and that organisation's region. */
export interface LiveClient {
  clientId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  regionCode: string;
}

/** The live machine clients holding `scope` (e.g. the districts expected to push reports), by region then name. */
export async function liveClientsWithScope(db: Db | Tx, scope: ClientScope): Promise<LiveClient[]> {
  const rows = await t(db)
    .selectFrom('interconnect_clients as c')
    .innerJoin(sql<{ id: string; name: string; region_code: string }>`identity_organisations`.as('o'), 'o.id', 'c.organisation_id')
    .select(['c.client_id', 'c.name', 'c.organisation_id', 'o.name as organisation_name', 'o.region_code'])
    .where('c.revoked_at', 'is', null)
    .where(sql<boolean>`${scope} = ANY(c.scopes)`)
    .orderBy('o.region_code')
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ clientId: r.client_id, name: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name, regionCode: r.region_code }));
}
