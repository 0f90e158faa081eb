import { sql } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { AuditTables } from './audit.tables.js';

export interface AuditRow {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** Serialises appends so the chain has one head; held until the transaction ends. */
export async function lockChain(trx: Tx): Promise<{ id: number; hash: string } | undefined> {
  await sql`SELECT pg_advisory_xact_lock(7411)`.execute(trx);
  return tablesOf<AuditTables>(trx)
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRow(trx: Tx, row: AuditRow): Promise<void> {
  await tablesOf<AuditTables>(trx)
    .insertInto('audit_log')
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export async function rowsAfter(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  return (await tablesOf<AuditTables>(db)
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()) as AuditRow[];
}

export interface AuditFilter {
  limit: number;
  before?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

export async function list(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  let q = tablesOf<AuditTables>(db).selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let page = q.selectAll();
  if (filter.before) page = page.where('id', '<', filter.before);
  const rows = (await page.orderBy('id', 'desc').limit(filter.limit).execute()) as AuditRow[];
  return { rows, total };
}
