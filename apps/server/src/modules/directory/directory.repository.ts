import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';

/**
 * The only SQL on the directory's tables. The public columns of a listed enterprise are its
 * organisation's name and district and its profile's current `industry` fact (read from the
 * core tables), beside the introduction and products it wrote here: nothing else is selected.
 */

export interface ListedRow {
  organisation_id: string;
  name: string;
  region_code: string;
  industry: string | null;
  introduction: string;
  listed_at: Date;
}

export interface ProductRow {
  organisation_id: string;
  name: string;
  description: string;
}

const LISTED = sql`
  SELECT e.organisation_id, o.name, o.region_code, e.introduction, e.listed_at,
         (SELECT f.value #>> '{}' FROM subjects s JOIN subject_facts f ON f.subject_id = s.id AND f.variable = 'industry' AND f.superseded_at IS NULL
           WHERE s.organisation_id = o.id LIMIT 1) AS industry
    FROM directory_enterprises e JOIN identity_organisations o ON o.id = e.organisation_id AND o.kind = 'enterprise'`;

export interface ListedFilter {
  tsquery?: string | null;
  regionPrefix?: string | null;
  ids?: readonly string[];
  limit: number;
  offset: number;
}

function where(f: ListedFilter) {
  return sql`(${f.tsquery ?? null}::text IS NULL OR e.search @@ ${f.tsquery ?? ''}::tsquery
              OR EXISTS (SELECT 1 FROM directory_products p WHERE p.organisation_id = e.organisation_id AND p.search @@ ${f.tsquery ?? ''}::tsquery))
         AND (${f.regionPrefix ?? null}::text IS NULL OR o.region_code LIKE ${`${f.regionPrefix ?? ''}%`})
         AND (${f.ids ? sql`e.organisation_id = ANY(${[...f.ids]}::uuid[])` : sql`true`})`;
}

/** Listed enterprises matching (their own words or a product's), best first, then newest. */
export async function listed(db: Db | Tx, f: ListedFilter): Promise<{ total: number; rows: ListedRow[] }> {
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM directory_enterprises e JOIN identity_organisations o ON o.id = e.organisation_id AND o.kind = 'enterprise' WHERE ${where(f)}`.execute(db);
  const rows = await sql<ListedRow>`${LISTED} WHERE ${where(f)}
     ORDER BY ${f.tsquery ? sql`ts_rank(e.search, ${f.tsquery}::tsquery) DESC,` : sql``} e.listed_at DESC, e.organisation_id
     LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  return { total: total.rows[0]?.n ?? 0, rows: rows.rows };
}

export async function productsOf(db: Db | Tx, organisationIds: readonly string[]): Promise<ProductRow[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<ProductRow>`SELECT organisation_id, name, description FROM directory_products WHERE organisation_id = ANY(${[...organisationIds]}::uuid[]) ORDER BY organisation_id, position`.execute(db);
  return r.rows;
}

/** Products of listed enterprises matching, with their enterprise's name and district. */
export async function matchingProducts(db: Db | Tx, f: { tsquery: string; regionPrefix: string | null; limit: number; offset: number }) {
  const cond = sql`p.search @@ ${f.tsquery}::tsquery AND (${f.regionPrefix}::text IS NULL OR o.region_code LIKE ${`${f.regionPrefix ?? ''}%`})`;
  const from = sql`FROM directory_products p JOIN identity_organisations o ON o.id = p.organisation_id AND o.kind = 'enterprise'`;
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n ${from} WHERE ${cond}`.execute(db);
  const rows = await sql<{ id: string; organisation_id: string; name: string; description: string; enterprise: string; region_code: string }>`
    SELECT p.id, p.organisation_id, p.name, p.description, o.name AS enterprise, o.region_code ${from} WHERE ${cond}
     ORDER BY ts_rank(p.search, ${f.tsquery}::tsquery) DESC, p.name, p.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  return { total: total.rows[0]?.n ?? 0, rows: rows.rows };
}

/** The enterprises a person acts for (member of), with their listing if any. */
export async function enterprisesOf(db: Db | Tx, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  const r = await sql<{ organisation_id: string; subject_id: string | null; name: string; region_code: string; industry: string | null; introduction: string | null }>`
    SELECT o.id AS organisation_id, o.name, o.region_code, e.introduction,
           (SELECT s.id FROM subjects s WHERE s.organisation_id = o.id AND s.kind = 'enterprise' LIMIT 1) AS subject_id,
           (SELECT f.value #>> '{}' FROM subjects s JOIN subject_facts f ON f.subject_id = s.id AND f.variable = 'industry' AND f.superseded_at IS NULL
             WHERE s.organisation_id = o.id LIMIT 1) AS industry
      FROM identity_organisations o LEFT JOIN directory_enterprises e ON e.organisation_id = o.id
     WHERE o.id = ANY(${[...organisationIds]}::uuid[]) AND o.kind = 'enterprise'
     ORDER BY o.name`.execute(db);
  return r.rows;
}

/** Locks the organisation row: one listing change of an enterprise at a time. */
export async function lockOrganisation(trx: Tx, organisationId: string) {
  const r = await sql<{ id: string; kind: string }>`SELECT id, kind FROM identity_organisations WHERE id = ${organisationId} FOR SHARE`.execute(trx);
  return r.rows[0];
}

const tsvector = (lexemes: readonly string[]) => sql`array_to_tsvector(${[...lexemes]}::text[])`;

export async function upsertListing(trx: Tx, row: { organisationId: string; introduction: string; by: string; at: Date }, lexemes: readonly string[]): Promise<void> {
  await sql`INSERT INTO directory_enterprises (organisation_id, introduction, listed_by, listed_at, updated_at, search)
            VALUES (${row.organisationId}, ${row.introduction}, ${row.by}, ${row.at}, ${row.at}, ${tsvector(lexemes)})
            ON CONFLICT (organisation_id) DO UPDATE SET introduction = EXCLUDED.introduction, updated_at = EXCLUDED.updated_at, search = EXCLUDED.search`.execute(trx);
}

export async function replaceProducts(trx: Tx, organisationId: string, products: readonly { name: string; description: string; lexemes: readonly string[] }[]): Promise<void> {
  await sql`DELETE FROM directory_products WHERE organisation_id = ${organisationId}`.execute(trx);
  for (const [position, p] of products.entries()) {
    await sql`INSERT INTO directory_products (organisation_id, position, name, description, search)
              VALUES (${organisationId}, ${position}, ${p.name}, ${p.description}, ${tsvector(p.lexemes)})`.execute(trx);
  }
}

/** Opting out: the listing and its products go at once. True when there was one. */
export async function deleteListing(trx: Tx, organisationId: string): Promise<boolean> {
  const r = await sql`DELETE FROM directory_enterprises WHERE organisation_id = ${organisationId}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Re-indexes a listing's own words (its name or industry changed). */
export async function reindexListing(trx: Tx, organisationId: string, lexemes: readonly string[]): Promise<void> {
  await sql`UPDATE directory_enterprises SET search = ${tsvector(lexemes)} WHERE organisation_id = ${organisationId}`.execute(trx);
}

export async function organisationOfSubject(db: Db | Tx, subjectId: string): Promise<string | null> {
  const r = await sql<{ organisation_id: string | null }>`SELECT organisation_id FROM subjects WHERE id = ${subjectId}`.execute(db);
  return r.rows[0]?.organisation_id ?? null;
}
