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

/** Walks the whole chain and names the first record whose hash, link or position is wrong. */
export async function verifyChain(db: Db): Promise<ChainVerification> {
  let prevHash = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await repo.rowsAfter(db, expectedId - 1, 2000);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.id !== expectedId) {
        return { ok: false, checked, firstBroken: { id: expectedId, reason: `record ${expectedId} is missing (next is ${row.id})` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: { id: row.id, reason: 'prev_hash does not match the previous record' } };
      }
      const { hash, ...rest } = row;
      if (hashRecord(rest) !== hash) {
        return { ok: false, checked, firstBroken: { id: row.id, reason: 'content does not match its hash (altered)' } };
      }
      prevHash = hash;
      expectedId++;
      checked++;
    }
  }
}

export const list = repo.list;
