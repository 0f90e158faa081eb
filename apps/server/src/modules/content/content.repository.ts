import { sql, type Insertable, type Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { ContentItemsTable, ContentTables } from './content.tables.js';
import type { ContentCategory, ContentKind, ContentStatus } from '@seedbed/contract';

const t = (db: Db | Tx) => tablesOf<ContentTables>(db);

export interface ContentRow {
  id: string;
  kind: ContentKind;
  category: ContentCategory;
  title: string;
  summary: string;
  body_html: string;
  video_url: string | null;
  organisation_id: string;
  author_id: string;
  status: ContentStatus;
  publish_at: Date | null;
  reviewer_id: string | null;
  reviewed_at: Date | null;
  return_reason: string | null;
  created_at: Date;
  updated_at: Date;
  department: string;
  region_code: string;
  author_name: string;
  reviewer_name: string | null;
}

const SELECT = sql`
  SELECT c.id, c.kind, c.category, c.title, c.summary, c.body_html, c.video_url, c.organisation_id, c.author_id, c.status,
         c.publish_at, c.reviewer_id, c.reviewed_at, c.return_reason, c.created_at, c.updated_at,
         o.name AS department, o.region_code, a.display_name AS author_name, r.display_name AS reviewer_name
    FROM content_items c
    JOIN identity_organisations o ON o.id = c.organisation_id
    JOIN identity_users a ON a.id = c.author_id
    LEFT JOIN identity_users r ON r.id = c.reviewer_id`;

export interface ContentFilter {
  ids?: readonly string[];
  /** public: published and publish_at <= now */
  publicAt?: Date;
  statuses?: readonly ContentStatus[];
  authorId?: string;
  tsquery?: string | null;
  kind?: string | null;
  kinds?: readonly string[];
  category?: string | null;
  policyItem?: string | null;
  limit?: number;
}

export async function findContent(db: Db | Tx, f: ContentFilter): Promise<ContentRow[]> {
  const rows = await sql<ContentRow>`${SELECT}
   WHERE (${f.ids ? sql`c.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
     AND (${f.publicAt ? sql`c.status = 'published' AND c.publish_at <= ${f.publicAt}` : sql`true`})
     AND (${f.statuses ? sql`c.status = ANY(${[...f.statuses]}::text[])` : sql`true`})
     AND (${f.authorId ?? null}::uuid IS NULL OR c.author_id = ${f.authorId ?? null}::uuid)
     AND (${f.tsquery ?? null}::text IS NULL OR c.search @@ ${f.tsquery ?? ''}::tsquery)
     AND (${f.kind ?? null}::text IS NULL OR c.kind = ${f.kind ?? ''})
     AND (${f.kinds ? sql`c.kind = ANY(${[...f.kinds]}::text[])` : sql`true`})
     AND (${f.category ?? null}::text IS NULL OR c.category = ${f.category ?? ''})
     AND (${f.policyItem ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM content_item_policies p WHERE p.content_id = c.id AND p.policy_item_id = ${f.policyItem ?? ''}))
   ORDER BY coalesce(c.publish_at, c.updated_at) DESC, c.created_at DESC
   LIMIT ${f.limit ?? 500}`.execute(db);
  return rows.rows;
}

export async function insertItem(trx: Tx, row: Omit<Insertable<ContentItemsTable>, 'search'>, lexemes: readonly string[]): Promise<string> {
  const r = await t(trx)
    .insertInto('content_items')
    .values({ ...row, search: sql<string>`array_to_tsvector(${[...lexemes]}::text[])` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateItem(trx: Tx, id: string, row: Omit<Updateable<ContentItemsTable>, 'search'>, lexemes?: readonly string[]): Promise<void> {
  await t(trx)
    .updateTable('content_items')
    .set({ ...row, ...(lexemes ? { search: sql<string>`array_to_tsvector(${[...lexemes]}::text[])` } : {}) })
    .where('id', '=', id)
    .execute();
}

export const lockItem = (trx: Tx, id: string) => t(trx).selectFrom('content_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function setPolicies(trx: Tx, id: string, policyItemIds: readonly string[]): Promise<void> {
  await t(trx).deleteFrom('content_item_policies').where('content_id', '=', id).execute();
  if (policyItemIds.length > 0) await t(trx).insertInto('content_item_policies').values(policyItemIds.map((p) => ({ content_id: id, policy_item_id: p }))).execute();
}

export async function setFiles(trx: Tx, id: string, images: readonly string[], attachments: readonly string[]): Promise<void> {
  await t(trx).deleteFrom('content_item_files').where('content_id', '=', id).execute();
  const rows = [
    ...images.map((f, i) => ({ content_id: id, file_id: f, role: 'image' as const, position: i })),
    ...attachments.map((f, i) => ({ content_id: id, file_id: f, role: 'attachment' as const, position: i })),
  ];
  if (rows.length > 0) await t(trx).insertInto('content_item_files').values(rows).execute();
}

/** The policy items an item links (their keys; titles come from the policies module). */
export const policyLinksOf = (db: Db | Tx, id: string) =>
  t(db).selectFrom('content_item_policies').select('policy_item_id').where('content_id', '=', id).orderBy('policy_item_id').execute().then((r) => r.map((x) => x.policy_item_id));

export const attachmentsOf = (db: Db | Tx, id: string) =>
  sql<{ id: string; name: string; size: number }>`
    SELECT f.id, f.original_name AS name, f.size_bytes AS size FROM content_item_files l JOIN files f ON f.id = l.file_id
     WHERE l.content_id = ${id} AND l.role = 'attachment' ORDER BY l.position`
    .execute(db)
    .then((r) => r.rows);

/** Files (core table): owner and type. */
export const filesByIds = (db: Db | Tx, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : sql<{ id: string; owner_user_id: string; content_type: string }>`SELECT id, owner_user_id, content_type FROM files WHERE id = ANY(${[...ids]}::uuid[])`.execute(db).then((r) => r.rows);

/** How a file is used by content: on a public item (published, due), or on any item. */
export const fileUse = (db: Db | Tx, fileId: string, now: Date) =>
  sql<{ public: boolean; used: boolean }>`
    SELECT coalesce(bool_or(c.status = 'published' AND c.publish_at <= ${now}), false) AS public, count(*) > 0 AS used
      FROM content_item_files l JOIN content_items c ON c.id = l.content_id WHERE l.file_id = ${fileId}`
    .execute(db)
    .then((r) => r.rows[0] ?? { public: false, used: false });
