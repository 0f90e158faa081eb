import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';

export interface NotificationRow {
  id: string;
  user_id: string;
  subject_id: string | null;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/**
 * Who acts for a subject: the person's own account, or the members of the enterprise's
 * organisation. Reads the core subject and membership tables (shared core tables, DESIGN.md §3).
 */
export async function usersOfSubject(db: Db | Tx, subjectId: string): Promise<string[]> {
  const r = await sql<{ user_id: string }>`
    SELECT s.user_id FROM subjects s WHERE s.id = ${subjectId} AND s.user_id IS NOT NULL
    UNION
    SELECT m.user_id FROM subjects s JOIN identity_memberships m ON m.organisation_id = s.organisation_id WHERE s.id = ${subjectId}`.execute(db);
  return r.rows.map((x) => x.user_id);
}

export async function disabledKinds(db: Db | Tx, userIds: string[], kind: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const r = await sql<{ user_id: string }>`SELECT user_id FROM notification_preferences WHERE kind = ${kind} AND enabled = false AND user_id = ANY(${userIds}::uuid[])`.execute(db);
  return new Set(r.rows.map((x) => x.user_id));
}

export async function insert(
  trx: Db | Tx,
  row: { user_id: string; subject_id: string | null; kind: string; title: unknown; body: unknown; link: string | null; dedupe_key: string | null; created_at: Date },
): Promise<boolean> {
  const r = await sql`INSERT INTO notifications (user_id, subject_id, kind, title, body, link, dedupe_key, created_at)
      VALUES (${row.user_id}, ${row.subject_id}, ${row.kind}, ${JSON.stringify(row.title)}::jsonb, ${JSON.stringify(row.body)}::jsonb, ${row.link}, ${row.dedupe_key}, ${row.created_at})
      ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function inbox(db: Db, userId: string, limit: number, offset: number, unreadOnly: boolean): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const rows = await sql<NotificationRow>`SELECT id, user_id, subject_id, kind, title, body, link, created_at, read_at FROM notifications
      WHERE user_id = ${userId} ${unreadOnly ? sql`AND read_at IS NULL` : sql``} ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const counts = await sql<{ total: number; unread: number }>`SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE user_id = ${userId}`.execute(db);
  return { rows: rows.rows, total: counts.rows[0]?.total ?? 0, unread: counts.rows[0]?.unread ?? 0 };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  const r =
    ids === 'all'
      ? await sql`UPDATE notifications SET read_at = ${at} WHERE user_id = ${userId} AND read_at IS NULL`.execute(db)
      : await sql`UPDATE notifications SET read_at = ${at} WHERE user_id = ${userId} AND read_at IS NULL AND id = ANY(${ids}::uuid[])`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function preferences(db: Db, userId: string): Promise<Map<string, boolean>> {
  const r = await sql<{ kind: string; enabled: boolean }>`SELECT kind, enabled FROM notification_preferences WHERE user_id = ${userId}`.execute(db);
  return new Map(r.rows.map((x) => [x.kind, x.enabled]));
}

export async function setPreference(trx: Tx, userId: string, kind: string, enabled: boolean): Promise<void> {
  await sql`INSERT INTO notification_preferences (user_id, kind, enabled) VALUES (${userId}, ${kind}, ${enabled})
      ON CONFLICT (user_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled`.execute(trx);
}
