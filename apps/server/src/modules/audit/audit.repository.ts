import { sql } from 'kysely';
import { escapeLike, tablesOf, type Db, type Tx } from '../../platform/database.js';
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
  /** Part of the actor's name or account name. */
  who?: string | undefined;
  /** Action prefixes (a kind of action): any of them. */
  actionPrefixes?: readonly string[] | undefined;
  /** Calendar days in Asia/Shanghai, both included. */
  from?: string | undefined;
  to?: string | undefined;
}


export async function list(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  let q = tablesOf<AuditTables>(db).selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actionPrefixes) {
    const prefixes = filter.actionPrefixes;
    q = q.where((eb) => eb.or(prefixes.map((p) => eb('action', 'like', `${escapeLike(p)}%`))));
  }
  if (filter.from) q = q.where(sql<boolean>`(at AT TIME ZONE 'Asia/Shanghai')::date >= ${filter.from}::date`);
  if (filter.to) q = q.where(sql<boolean>`(at AT TIME ZONE 'Asia/Shanghai')::date <= ${filter.to}::date`);
  if (filter.who?.trim()) {
    const pattern = `%${escapeLike(filter.who.trim())}%`;
    q = q.where(
      sql<boolean>`(actor ILIKE ${pattern} OR actor_user_id IN (SELECT u.id FROM identity_users u WHERE u.display_name ILIKE ${pattern} OR u.username ILIKE ${pattern}))`,
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let page = q.selectAll();
  if (filter.before) page = page.where('id', '<', filter.before);
  const rows = (await page.orderBy('id', 'desc').limit(filter.limit).execute()) as AuditRow[];
  return { rows, total };
}

/** Names from the core tables: people, organisations, profiles (subjects), uploaded files. */
export async function coreNames(db: Db, wanted: { users: string[]; organisations: string[]; subjects: string[]; files: string[] }) {
  const t = tablesOf<AuditTables>(db);
  const uuids = (ids: string[]) => [...new Set(ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)))];
  const users = uuids(wanted.users);
  const organisations = uuids(wanted.organisations);
  const subjects = uuids(wanted.subjects);
  const files = uuids(wanted.files);
  return {
    users: users.length ? await t.selectFrom('identity_users').select(['id', 'display_name as name']).where('id', 'in', users).execute() : [],
    organisations: organisations.length ? await t.selectFrom('identity_organisations').select(['id', 'name']).where('id', 'in', organisations).execute() : [],
    subjects: subjects.length ? await t.selectFrom('subjects').select(['id', 'name']).where('id', 'in', subjects).execute() : [],
    files: files.length ? await t.selectFrom('files').select(['id', 'original_name as name']).where('id', 'in', files).execute() : [],
  };
}
