import { sql, type Selectable } from 'kysely';
import type { CrowdCategory, CrowdTaskStatus } from '@seedbed/contract';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CrowdBidsTable, CrowdPostsTable, CrowdTables, CrowdTasksTable, CrowdThreadsTable } from './crowd.tables.js';

const t = (db: Db | Tx) => tablesOf<CrowdTables>(db);

export type TaskRow = Selectable<CrowdTasksTable>;
export type BidRow = Selectable<CrowdBidsTable>;
export type PostRow = Selectable<CrowdPostsTable>;
export type ThreadRow = Selectable<CrowdThreadsTable>;

const lexemeVector = (lexemes: readonly string[]) => sql<string>`array_to_tsvector(${[...lexemes]}::text[])`;

// ---------------------------------------------------------------- names (core tables, read only)

/** Display names of parties: subjects (a person's name is never shown: 个人) and organisations. */
export async function partyNames(db: Db | Tx, subjectIds: readonly string[], organisationIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (subjectIds.length) {
    const rows = await sql<{ id: string; kind: string; name: string }>`SELECT id, kind, name FROM subjects WHERE id = ANY(${[...subjectIds]}::uuid[])`.execute(db);
    for (const r of rows.rows) names.set(r.id, r.kind === 'person' ? '个人 / Individual' : r.name);
  }
  if (organisationIds.length) {
    const rows = await sql<{ id: string; name: string }>`SELECT id, name FROM identity_organisations WHERE id = ANY(${[...organisationIds]}::uuid[])`.execute(db);
    for (const r of rows.rows) names.set(r.id, r.name);
  }
  return names;
}

export async function regionNames(db: Db | Tx, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await sql<{ code: string; name: string }>`SELECT code, name FROM core_regions WHERE code = ANY(${[...new Set(codes)]}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r.name]));
}

export async function regionExists(db: Db | Tx, code: string): Promise<boolean> {
  return (await sql<{ n: number }>`SELECT 1 AS n FROM core_regions WHERE code = ${code} AND valid_to IS NULL`.execute(db)).rows.length > 0;
}

export async function subjectById(db: Db | Tx, id: string): Promise<{ id: string; kind: string; name: string; region_code: string | null; organisation_id: string | null; user_id: string | null } | undefined> {
  return (await sql<{ id: string; kind: string; name: string; region_code: string | null; organisation_id: string | null; user_id: string | null }>`
    SELECT id, kind, name, region_code, organisation_id, user_id FROM subjects WHERE id = ${id}`.execute(db)).rows[0];
}

/** The people who act for a service provider organisation (its members). */
export async function membersOf(db: Db | Tx, organisationId: string): Promise<string[]> {
  return (await sql<{ user_id: string }>`SELECT user_id FROM identity_memberships WHERE organisation_id = ${organisationId}`.execute(db)).rows.map((r) => r.user_id);
}

export async function userName(db: Db | Tx, id: string): Promise<string> {
  return (await sql<{ display_name: string }>`SELECT display_name FROM identity_users WHERE id = ${id}`.execute(db)).rows[0]?.display_name ?? '';
}

// ---------------------------------------------------------------- accounts

export async function accountByKey(db: Db | Tx, key: string): Promise<string | undefined> {
  return (await t(db).selectFrom('crowd_accounts').select('account_id').where('key', '=', key).executeTakeFirst())?.account_id;
}

/** Records an account under a key; false when another transaction recorded one first. */
export async function insertAccountKey(trx: Tx, key: string, accountId: string): Promise<boolean> {
  const r = await t(trx).insertInto('crowd_accounts').values({ key, account_id: accountId }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  return r !== undefined;
}

// ---------------------------------------------------------------- tasks

export async function insertTask(trx: Tx, row: Omit<TaskRow, 'id' | 'status' | 'search' | 'winning_bid_id' | 'settlement_transaction_id' | 'dispute_reason' | 'outcome_note' | 'decided_by' | 'picked_at' | 'delivered_at' | 'disputed_at' | 'settled_at'> & { id: string }, lexemes: readonly string[]): Promise<void> {
  await sql`INSERT INTO crowd_tasks (id, poster_subject_id, posted_by, title, description, category, reward_fen, bid_deadline, delivery_deadline, region_code, escrow_account_id, deposit_transaction_id, search, created_at)
    VALUES (${row.id}, ${row.poster_subject_id}, ${row.posted_by}, ${row.title}, ${row.description}, ${row.category}, ${row.reward_fen}, ${row.bid_deadline}, ${row.delivery_deadline},
            ${row.region_code}, ${row.escrow_account_id}, ${row.deposit_transaction_id}, ${lexemeVector(lexemes)}, ${row.created_at})`.execute(trx);
}

export async function findTask(db: Db | Tx, id: string): Promise<TaskRow | undefined> {
  return t(db).selectFrom('crowd_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks a task row for the rest of the transaction: the first lock of every task action. */
export async function lockTask(trx: Tx, id: string): Promise<TaskRow | undefined> {
  return t(trx).selectFrom('crowd_tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateTask(trx: Tx, id: string, values: Partial<Omit<TaskRow, 'id' | 'search' | 'reward_fen'>>): Promise<void> {
  await t(trx).updateTable('crowd_tasks').set(values).where('id', '=', id).execute();
}

export interface TaskFilter {
  tsquery?: string | null;
  category?: CrowdCategory | undefined;
  regionPrefix?: string | undefined;
  status?: CrowdTaskStatus | undefined;
  posterSubjectIds?: readonly string[];
  ids?: readonly string[];
  disputedIn?: readonly string[];
  limit: number;
  offset: number;
}

export async function listTasks(db: Db | Tx, f: TaskFilter): Promise<{ rows: (TaskRow & { bid_count: number })[]; total: number }> {
  let q = t(db).selectFrom('crowd_tasks');
  if (f.tsquery) q = q.where(sql<boolean>`search @@ ${f.tsquery}::tsquery`);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.posterSubjectIds) q = f.posterSubjectIds.length ? q.where('poster_subject_id', 'in', f.posterSubjectIds) : q.where(sql<boolean>`false`);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where(sql<boolean>`false`);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .select(sql<number>`(SELECT count(*)::int FROM crowd_bids b WHERE b.task_id = crowd_tasks.id)`.as('bid_count'))
    .orderBy(sql`CASE status WHEN 'open' THEN 0 ELSE 1 END`)
    .orderBy('created_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total };
}

// ---------------------------------------------------------------- bids

export async function insertBid(trx: Tx, row: Omit<BidRow, 'id'>): Promise<BidRow | undefined> {
  return t(trx).insertInto('crowd_bids').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

export async function bidsOf(db: Db | Tx, taskId: string): Promise<BidRow[]> {
  return t(db).selectFrom('crowd_bids').selectAll().where('task_id', '=', taskId).orderBy('created_at').execute();
}

export async function findBid(db: Db | Tx, id: string): Promise<BidRow | undefined> {
  return t(db).selectFrom('crowd_bids').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function bidsByParties(db: Db | Tx, subjectIds: readonly string[], organisationIds: readonly string[]): Promise<BidRow[]> {
  if (!subjectIds.length && !organisationIds.length) return [];
  return t(db)
    .selectFrom('crowd_bids')
    .selectAll()
    .where((eb) => eb.or([...(subjectIds.length ? [eb('bidder_subject_id', 'in', subjectIds)] : []), ...(organisationIds.length ? [eb('bidder_organisation_id', 'in', organisationIds)] : [])]))
    .orderBy('created_at', 'desc')
    .execute();
}

// ---------------------------------------------------------------- deliveries

export async function insertDelivery(trx: Tx, row: { task_id: string; file_id: string; note: string; submitted_by: string; created_at: Date }): Promise<boolean> {
  const r = await t(trx).insertInto('crowd_deliveries').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r !== undefined;
}

export async function deliveriesOf(db: Db | Tx, taskId: string): Promise<{ id: string; file_id: string; note: string; created_at: Date; original_name: string }[]> {
  return (await sql<{ id: string; file_id: string; note: string; created_at: Date; original_name: string }>`
    SELECT d.id, d.file_id, d.note, d.created_at, f.original_name FROM crowd_deliveries d JOIN files f ON f.id = d.file_id WHERE d.task_id = ${taskId} ORDER BY d.created_at`.execute(db)).rows;
}

export async function findDelivery(db: Db | Tx, taskId: string, id: string): Promise<{ file_id: string } | undefined> {
  return t(db).selectFrom('crowd_deliveries').select('file_id').where('task_id', '=', taskId).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------- posts

export async function insertPost(trx: Tx, row: Omit<PostRow, 'id' | 'search' | 'closed_at'>, lexemes: readonly string[]): Promise<string> {
  const r = await sql<{ id: string }>`INSERT INTO crowd_posts (kind, owner_subject_id, owner_organisation_id, created_by, title, body, category, region_code, expires_on, search, created_at)
    VALUES (${row.kind}, ${row.owner_subject_id}, ${row.owner_organisation_id}, ${row.created_by}, ${row.title}, ${row.body}, ${row.category}, ${row.region_code}, ${row.expires_on},
            ${lexemeVector(lexemes)}, ${row.created_at}) RETURNING id`.execute(trx);
  return r.rows[0]!.id;
}

export async function findPost(db: Db | Tx, id: string): Promise<PostRow | undefined> {
  return t(db).selectFrom('crowd_posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockPost(trx: Tx, id: string): Promise<PostRow | undefined> {
  return t(trx).selectFrom('crowd_posts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function closePost(trx: Tx, id: string, at: Date): Promise<void> {
  await t(trx).updateTable('crowd_posts').set({ closed_at: at }).where('id', '=', id).execute();
}

export interface PostFilter {
  tsquery?: string | null;
  kind?: 'supply' | 'demand' | undefined;
  category?: CrowdCategory | undefined;
  regionPrefix?: string | undefined;
  /** Open posts not yet expired on this day (the public list). */
  openOn?: string;
  owners?: { subjectIds: readonly string[]; organisationIds: readonly string[] };
  limit: number;
  offset: number;
}

export async function listPosts(db: Db | Tx, f: PostFilter): Promise<{ rows: PostRow[]; total: number }> {
  let q = t(db).selectFrom('crowd_posts');
  if (f.tsquery) q = q.where(sql<boolean>`search @@ ${f.tsquery}::tsquery`);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.regionPrefix) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.openOn) q = q.where('closed_at', 'is', null).where('expires_on', '>=', f.openOn);
  if (f.owners) {
    const { subjectIds, organisationIds } = f.owners;
    q = q.where((eb) =>
      eb.or([
        ...(subjectIds.length ? [eb('owner_subject_id', 'in', subjectIds)] : []),
        ...(organisationIds.length ? [eb('owner_organisation_id', 'in', organisationIds)] : []),
        eb.val(false),
      ]),
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total };
}

// ---------------------------------------------------------------- threads

export async function threadFor(trx: Tx, postId: string, contactUserId: string, at: Date): Promise<ThreadRow> {
  await t(trx).insertInto('crowd_threads').values({ post_id: postId, contact_user_id: contactUserId, created_at: at }).onConflict((oc) => oc.columns(['post_id', 'contact_user_id']).doNothing()).execute();
  return t(trx).selectFrom('crowd_threads').selectAll().where('post_id', '=', postId).where('contact_user_id', '=', contactUserId).executeTakeFirstOrThrow();
}

export async function findThread(db: Db | Tx, id: string): Promise<ThreadRow | undefined> {
  return t(db).selectFrom('crowd_threads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMessage(trx: Tx, row: { thread_id: string; sender_user_id: string; body: string; created_at: Date }): Promise<void> {
  await t(trx).insertInto('crowd_messages').values(row).execute();
}

export async function messagesOf(db: Db | Tx, threadId: string) {
  return (await sql<{ id: string; sender_user_id: string; display_name: string; body: string; created_at: Date }>`
    SELECT m.id, m.sender_user_id, u.display_name, m.body, m.created_at FROM crowd_messages m JOIN identity_users u ON u.id = m.sender_user_id
    WHERE m.thread_id = ${threadId} ORDER BY m.seq`.execute(db)).rows;
}

/** Threads the user started, and threads on posts of the parties they act for. */
export async function threadsOf(db: Db | Tx, userId: string, subjectIds: readonly string[], organisationIds: readonly string[]) {
  return (await sql<{ id: string; post_id: string; contact_user_id: string; contact_name: string; title: string; kind: 'supply' | 'demand'; owner_subject_id: string | null; owner_organisation_id: string | null; last_at: Date; n: number }>`
    SELECT th.id, th.post_id, th.contact_user_id, u.display_name AS contact_name, p.title, p.kind, p.owner_subject_id, p.owner_organisation_id,
           coalesce(max(m.created_at), th.created_at) AS last_at, count(m.id)::int AS n
    FROM crowd_threads th JOIN crowd_posts p ON p.id = th.post_id JOIN identity_users u ON u.id = th.contact_user_id
    LEFT JOIN crowd_messages m ON m.thread_id = th.id
    WHERE th.contact_user_id = ${userId} OR p.owner_subject_id = ANY(${[...subjectIds]}::uuid[]) OR p.owner_organisation_id = ANY(${[...organisationIds]}::uuid[])
    GROUP BY th.id, u.display_name, p.id
    ORDER BY last_at DESC`.execute(db)).rows;
}
