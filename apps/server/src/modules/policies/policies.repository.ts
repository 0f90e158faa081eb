import { sql, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { PolicyItemsTable, PolicyMeta, PolicyTables, PolicyText, PublishImpact, VersionStatus } from './policies.tables.js';

const t = tablesOf<PolicyTables>;

export interface SearchLexemes {
  A: string[];
  B: string[];
  C: string[];
}

/** A policy item's columns as written and read here (the search vector is derived, the stamp automatic). */
export type ItemRow = Omit<Selectable<PolicyItemsTable>, 'search' | 'updated_at'>;

export interface VersionRow {
  item_id: string;
  version: number;
  status: VersionStatus;
  spec: unknown;
  parameters: Record<string, unknown>;
  meta: PolicyMeta;
  note: string;
  created_by: string | null;
  created_at: Date;
  published_by: string | null;
  published_at: Date | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approval_department: string | null;
  approved_by: string | null;
  impact: PublishImpact | null;
}

export interface DocumentRow {
  key: string;
  title: PolicyText;
  issuer: PolicyText;
  number: string | null;
  region: string;
  issued_on: string | null;
  status: string;
  source: string;
}

export async function existingItemIds(db: Db | Tx): Promise<Set<string>> {
  return new Set((await t(db).selectFrom('policy_items').select('id').execute()).map((r) => r.id));
}

export async function insertDocument(db: Db | Tx, d: DocumentRow): Promise<void> {
  await t(db)
    .insertInto('policy_documents')
    .values({ ...d, title: JSON.stringify(d.title), issuer: JSON.stringify(d.issuer) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function documents(db: Db | Tx): Promise<DocumentRow[]> {
  return (await t(db).selectFrom('policy_documents').selectAll().orderBy('key').execute()) as DocumentRow[];
}

/**
 * A tsvector written out lexeme by lexeme (no parser, no dictionary: identical on PGlite and
 * PostgreSQL), each with a position so that its weight counts in ts_rank (title A, text B, context C).
 */
function searchVector(s: SearchLexemes) {
  const quote = (x: string) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  let pos = 1;
  const parts: string[] = [];
  for (const w of ['A', 'B', 'C'] as const) for (const lx of s[w]) parts.push(`${quote(lx)}:${Math.min(pos++, 16383)}${w}`);
  return sql`${parts.join(' ')}::tsvector`;
}

export async function insertItem(trx: Tx, row: ItemRow, search: SearchLexemes): Promise<void> {
  await sql`INSERT INTO policy_items (id, document_key, current_version, title_zh, title_en, entity, benefit, mode, region_code, lead_unit, effective_from, effective_to, search)
            VALUES (${row.id}, ${row.document_key}, ${row.current_version}, ${row.title_zh}, ${row.title_en}, ${row.entity}, ${row.benefit}, ${row.mode},
                    ${row.region_code}, ${row.lead_unit}, ${row.effective_from}, ${row.effective_to}, ${searchVector(search)})
            ON CONFLICT (id) DO NOTHING`.execute(trx);
}

/** A new item without a published version; false when the id is taken. */
export async function insertNewItem(trx: Tx, row: ItemRow, search: SearchLexemes): Promise<boolean> {
  const r = await sql<{ id: string }>`INSERT INTO policy_items (id, document_key, current_version, title_zh, title_en, entity, benefit, mode, region_code, lead_unit, effective_from, effective_to, search)
            VALUES (${row.id}, ${row.document_key}, NULL, ${row.title_zh}, ${row.title_en}, ${row.entity}, ${row.benefit}, ${row.mode},
                    ${row.region_code}, ${row.lead_unit}, ${row.effective_from}, ${row.effective_to}, ${searchVector(search)})
            ON CONFLICT (id) DO NOTHING RETURNING id`.execute(trx);
  return r.rows.length === 1;
}

export async function updateItem(trx: Tx, row: ItemRow, search: SearchLexemes): Promise<void> {
  await sql`UPDATE policy_items SET current_version = ${row.current_version}, title_zh = ${row.title_zh}, title_en = ${row.title_en}, entity = ${row.entity},
              benefit = ${row.benefit}, mode = ${row.mode}, region_code = ${row.region_code}, lead_unit = ${row.lead_unit},
              effective_from = ${row.effective_from}, effective_to = ${row.effective_to}, search = ${searchVector(search)}, updated_at = now()
            WHERE id = ${row.id}`.execute(trx);
}

export async function insertVersion(
  trx: Tx,
  v: { item_id: string; version: number; status: VersionStatus; spec: unknown; parameters: Record<string, unknown>; meta: PolicyMeta; note: string; created_by: string | null; published_by?: string | null; published_at?: Date | null },
): Promise<void> {
  await t(trx)
    .insertInto('policy_versions')
    .values({
      ...v,
      spec: JSON.stringify(v.spec),
      parameters: JSON.stringify(v.parameters),
      meta: JSON.stringify(v.meta),
    })
    .execute();
}

export async function updateDraft(trx: Tx, itemId: string, version: number, v: { spec: unknown; parameters: Record<string, unknown>; meta: PolicyMeta; note: string }): Promise<void> {
  await t(trx)
    .updateTable('policy_versions')
    .set({ spec: JSON.stringify(v.spec), parameters: JSON.stringify(v.parameters), meta: JSON.stringify(v.meta), note: v.note })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .where('status', 'in', ['draft', 'awaiting_approval'])
    .execute();
  // Changed content withdraws a request for approval: the draft is submitted again.
  await t(trx)
    .updateTable('policy_versions')
    .set({ status: 'draft', submitted_by: null, submitted_at: null, approval_department: null, impact: null })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .where('status', '=', 'awaiting_approval')
    .execute();
}

/** The draft waits for a second officer's approval. */
export async function submitForApproval(trx: Tx, itemId: string, version: number, v: { submittedBy: string; at: Date; department: string; impact: PublishImpact }): Promise<void> {
  await t(trx)
    .updateTable('policy_versions')
    .set({ status: 'awaiting_approval', submitted_by: v.submittedBy, submitted_at: v.at, approval_department: v.department, impact: JSON.stringify(v.impact) })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .execute();
}

/** Back to an ordinary draft (approval refused). */
export async function returnToDraft(trx: Tx, itemId: string, version: number): Promise<void> {
  await t(trx)
    .updateTable('policy_versions')
    .set({ status: 'draft', submitted_by: null, submitted_at: null, approval_department: null })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .where('status', '=', 'awaiting_approval')
    .execute();
}

export async function setApprovedBy(trx: Tx, itemId: string, version: number, approvedBy: string): Promise<void> {
  await t(trx).updateTable('policy_versions').set({ approved_by: approvedBy }).where('item_id', '=', itemId).where('version', '=', version).execute();
}

/** Users holding one of `roles` in the department (to ask them for an approval). */
export async function departmentMembersWithAnyRole(db: Db | Tx, organisationId: string, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const r = await sql<{ user_id: string }>`SELECT DISTINCT user_id FROM identity_memberships
                                            WHERE organisation_id = ${organisationId}::uuid AND roles && ${[...roles]}::text[]`.execute(db);
  return r.rows.map((x) => x.user_id);
}

export async function setVersionStatus(trx: Tx, itemId: string, version: number, status: VersionStatus, publishedBy?: string | null, at?: Date): Promise<void> {
  await t(trx)
    .updateTable('policy_versions')
    .set({ status, ...(status === 'published' ? { published_by: publishedBy ?? null, published_at: at ?? new Date() } : {}) })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .execute();
}

export async function lockItem(trx: Tx, id: string): Promise<ItemRow | undefined> {
  return (await t(trx).selectFrom('policy_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as ItemRow | undefined;
}

export async function item(db: Db | Tx, id: string): Promise<ItemRow | undefined> {
  return (await t(db).selectFrom('policy_items').selectAll().where('id', '=', id).executeTakeFirst()) as ItemRow | undefined;
}

export async function versions(db: Db | Tx, itemId: string): Promise<VersionRow[]> {
  return (await t(db).selectFrom('policy_versions').selectAll().where('item_id', '=', itemId).orderBy('version', 'desc').execute()) as VersionRow[];
}

export async function version(db: Db | Tx, itemId: string, v: number): Promise<VersionRow | undefined> {
  return (await t(db).selectFrom('policy_versions').selectAll().where('item_id', '=', itemId).where('version', '=', v).executeTakeFirst()) as VersionRow | undefined;
}

/** The published catalogue's revision: how many versions are published and the latest publication. */
export interface CatalogRevision {
  published: number;
  publishedAt: Date | null;
}

/** One scan of the published versions for both figures of the revision. */
const PUBLISHED_REVISION = sql`(SELECT count(*)::int AS n, max(published_at) AS at FROM policy_versions WHERE status = 'published')`;

export async function publishedRevision(db: Db | Tx): Promise<CatalogRevision> {
  const r = (await sql<{ n: number; at: Date | null }>`SELECT r.n, r.at FROM ${PUBLISHED_REVISION} r`.execute(db)).rows[0];
  return { published: r?.n ?? 0, publishedAt: r?.at ?? null };
}

/**
 * One version with the published catalogue's revision, in one statement: a what-if's part reads
 * both for the draft and again for the current version.
 */
export async function versionWithRevision(db: Db | Tx, itemId: string, v: number): Promise<{ row: VersionRow; revision: CatalogRevision } | undefined> {
  const r = (
    await sql<VersionRow & { revision_n: number; revision_at: Date | null }>`
      SELECT v.*, r.n AS revision_n, r.at AS revision_at FROM policy_versions v CROSS JOIN ${PUBLISHED_REVISION} r
       WHERE v.item_id = ${itemId} AND v.version = ${v}`.execute(db)
  ).rows[0];
  if (!r) return undefined;
  const { revision_n, revision_at, ...row } = r;
  return { row, revision: { published: revision_n, publishedAt: revision_at } };
}

export async function maxVersion(trx: Tx, itemId: string): Promise<number> {
  const r = await t(trx).selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('v')).where('item_id', '=', itemId).executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Every published version, with its item's document: the catalogue as it stands. */
export async function publishedVersions(db: Db | Tx): Promise<(VersionRow & { document_key: string })[]> {
  return (await t(db)
    .selectFrom('policy_versions as v')
    .innerJoin('policy_items as i', 'i.id', 'v.item_id')
    .selectAll('v')
    .select('i.document_key')
    .where('v.status', '=', 'published')
    .orderBy('v.item_id')
    .execute()) as (VersionRow & { document_key: string })[];
}

export async function drafts(db: Db | Tx): Promise<VersionRow[]> {
  return (await t(db).selectFrom('policy_versions').selectAll().where('status', 'in', ['draft', 'awaiting_approval']).orderBy('created_at', 'desc').execute()) as VersionRow[];
}

export interface ListFilter {
  tsquery: string | null;
  regions: { ancestors: string[]; prefix: string } | null;
  /** Every name of the unit (its aliases included). */
  departments: string[] | null;
  entity: string | null;
  benefit: string | null;
  mode: string | null;
  open: boolean | null;
  today: string;
  limit: number;
  offset: number;
}

export async function search(db: Db | Tx, f: ListFilter): Promise<{ total: number; rows: (ItemRow & { current_version: number; rank: number })[] }> {
  // Only published items: a new item's first draft is the officers' until it is published.
  const where = [sql`i.current_version IS NOT NULL`];
  if (f.tsquery) where.push(sql`i.search @@ ${f.tsquery}::tsquery`);
  if (f.regions) where.push(sql`(i.region_code IS NULL OR i.region_code = ANY(${f.regions.ancestors}::text[]) OR i.region_code LIKE ${`${f.regions.prefix}%`})`);
  if (f.departments) where.push(sql`(i.lead_unit = ANY(${f.departments}::text[]) OR d.issuer->>'zh' = ANY(${f.departments}::text[]) OR d.issuer->>'en' = ANY(${f.departments}::text[]))`);
  if (f.entity) where.push(sql`i.entity = ${f.entity}`);
  if (f.benefit) where.push(sql`i.benefit = ${f.benefit}`);
  if (f.mode) where.push(sql`i.mode = ${f.mode}`);
  if (f.open === true) where.push(sql`(i.effective_from <= ${f.today}::date AND (i.effective_to IS NULL OR i.effective_to >= ${f.today}::date))`);
  if (f.open === false) where.push(sql`(i.effective_from > ${f.today}::date OR i.effective_to < ${f.today}::date)`);
  const cond = sql.join(where, sql` AND `);
  const rank = f.tsquery ? sql`ts_rank(i.search, ${f.tsquery}::tsquery)` : sql`0`;
  const rows = await sql<ItemRow & { current_version: number; rank: number; total: number }>`
    SELECT i.id, i.document_key, i.current_version, i.title_zh, i.title_en, i.entity, i.benefit, i.mode, i.region_code, i.lead_unit,
           i.effective_from, i.effective_to, ${rank}::float8 AS rank, count(*) OVER ()::int AS total
      FROM policy_items i JOIN policy_documents d ON d.key = i.document_key
     WHERE ${cond}
     ORDER BY (i.effective_from <= ${f.today}::date AND (i.effective_to IS NULL OR i.effective_to >= ${f.today}::date)) DESC, rank DESC, i.id
     LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  return { total: rows.rows[0]?.total ?? (f.offset > 0 ? await countOnly(db, cond) : 0), rows: rows.rows };
}

async function countOnly(db: Db | Tx, cond: ReturnType<typeof sql.join>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM policy_items i JOIN policy_documents d ON d.key = i.document_key WHERE ${cond}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Departments that lead or issue at least one item (for the library's filter). */
export async function departments(db: Db | Tx): Promise<{ lead: string[]; issuers: PolicyText[] }> {
  const lead = await sql<{ u: string }>`SELECT DISTINCT lead_unit AS u FROM policy_items WHERE lead_unit IS NOT NULL AND current_version IS NOT NULL ORDER BY 1`.execute(db);
  const issuers = await sql<{ issuer: PolicyText }>`SELECT DISTINCT ON (issuer->>'zh') issuer FROM policy_documents ORDER BY issuer->>'zh'`.execute(db);
  return { lead: lead.rows.map((r) => r.u), issuers: issuers.rows.map((r) => r.issuer) };
}
