import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import * as repo from './audit.repository.js';
import type { AuditRow } from './audit.repository.js';

/** Who did it and through which request: every audited change carries this. */
export interface AuditContext {
  actorUserId: string | null;
  actor: string | null;
  requestId: string | null;
  ip: string | null;
}

export const systemActor = (what: string): AuditContext => ({ actorUserId: null, actor: `system:${what}`, requestId: null, ip: null });

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so a record hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashRecord(row: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actor_user_id: row.actor_user_id,
    actor: row.actor,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    data: row.data,
    request_id: row.request_id,
    ip: row.ip,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
}

/**
 * Appends one record to the chain inside the caller's transaction, so the audit entry and the
 * change it describes commit or roll back together.
 */
export async function record(trx: Tx, clock: Clock, ctx: AuditContext, event: AuditEvent): Promise<number> {
  const head = await repo.lockChain(trx);
  const row: Omit<AuditRow, 'hash'> = {
    id: (head?.id ?? 0) + 1,
    at: clock.now(),
    actor_user_id: ctx.actorUserId,
    actor: ctx.actor,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId ?? null,
    data: event.data ?? {},
    request_id: ctx.requestId,
    ip: ctx.ip,
    prev_hash: head?.hash ?? GENESIS,
  };
  await repo.insertRow(trx, { ...row, hash: hashRecord(row) });
  return row.id;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

/** A point of the chain: a record's id and hash (id 0 and the genesis hash before the first record). */
export interface ChainPoint {
  id: number;
  hash: string;
}

export const GENESIS_POINT: ChainPoint = { id: 0, hash: GENESIS };

export interface ChainWalkOptions {
  /** Start after this point (default: the genesis); the first record must link to its hash. */
  from?: ChainPoint;
  /** Called for each record that verified; a returned text breaks the chain there with that reason. */
  visit?: (row: AuditRow) => string | undefined;
}

/**
 * Walks the chain (all of it, or what follows `from`) and names the first record whose hash,
 * link or position is wrong. `head` is the last record that verified.
 */
export async function verifyChain(db: Db, options: ChainWalkOptions = {}): Promise<ChainVerification & { head: ChainPoint }> {
  let { id: prevId, hash: prevHash } = options.from ?? GENESIS_POINT;
  let checked = 0;
  const broken = (id: number, reason: string) => ({ ok: false, checked, firstBroken: { id, reason }, head: { id: prevId, hash: prevHash } });
  for (;;) {
    const rows = await repo.rowsAfter(db, prevId, 2000);
    if (rows.length === 0) return { ok: true, checked, head: { id: prevId, hash: prevHash } };
    for (const row of rows) {
      const expectedId = prevId + 1;
      if (row.id !== expectedId) return broken(expectedId, `record ${expectedId} is missing (next is ${row.id})`);
      if (row.prev_hash !== prevHash) return broken(row.id, 'prev_hash does not match the previous record');
      const { hash, ...rest } = row;
      if (hashRecord(rest) !== hash) return broken(row.id, 'content does not match its hash (altered)');
      const refused = options.visit?.(row);
      if (refused !== undefined) return broken(row.id, refused);
      prevId = row.id;
      prevHash = hash;
      checked++;
    }
  }
}

export const list = repo.list;
