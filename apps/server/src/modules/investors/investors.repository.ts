import { sql } from 'kysely';
import type { InterestStatus, InvestmentSector, InvestmentStage, InvestorKind, InvestorStatus, RoadshowStatus } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';

export interface InvestorRow {
  id: string;
  organisation_id: string;
  name: string;
  kind: InvestorKind;
  stages: InvestmentStage[];
  sectors: InvestmentSector[];
  ticket_min_fen: string;
  ticket_max_fen: string;
  region_code: string;
  intro: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: InvestorStatus;
  review_note: string;
}

export const investors = (
  db: Db | Tx,
  f: { id?: string; organisationIds?: readonly string[]; status?: InvestorStatus; regionPrefixes?: readonly string[]; kind?: string | undefined; stage?: string | undefined; sector?: string | undefined; tsquery?: string | null },
) =>
  sql<InvestorRow>`
    SELECT i.id, i.organisation_id, i.name, i.kind, i.stages, i.sectors, i.ticket_min_fen, i.ticket_max_fen, i.region_code, i.intro,
           i.contact_name, i.contact_phone, i.contact_email, i.status, i.review_note
      FROM investors i
     WHERE (${f.id ?? null}::uuid IS NULL OR i.id = ${f.id ?? null}::uuid)
       AND (${f.organisationIds ? sql`i.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
       AND (${f.regionPrefixes ? sql`i.region_code LIKE ANY(${f.regionPrefixes.map((p) => `${p}%`)}::text[])` : sql`true`})
       AND (${f.status ?? null}::text IS NULL OR i.status = ${f.status ?? ''})
       AND (${f.kind ?? null}::text IS NULL OR i.kind = ${f.kind ?? ''})
       AND (${f.stage ?? null}::text IS NULL OR i.stages ? ${f.stage ?? ''})
       AND (${f.sector ?? null}::text IS NULL OR i.sectors ? ${f.sector ?? ''})
       AND (${f.tsquery ?? null}::text IS NULL OR i.search @@ ${f.tsquery ?? ''}::tsquery)
     ORDER BY ${f.tsquery ? sql`ts_rank(i.search, ${f.tsquery}::tsquery) DESC,` : sql``} i.kind, i.name, i.id`
    .execute(db)
    .then((r) => r.rows);

export interface ProjectRow {
  id: string;
  subject_id: string;
  firm: string;
  region_code: string;
  name: string;
  sector: InvestmentSector;
  stage: InvestmentStage;
  amount_fen: string;
  use_of_funds: string;
  summary: string;
  deck_file_id: string | null;
  deck_name: string | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: RoadshowStatus;
  review_note: string;
  posted_at: Date;
  interests: number;
}

export const projects = (db: Db | Tx, f: { id?: string; subjectIds?: readonly string[]; status?: RoadshowStatus; regionPrefixes?: readonly string[] }) =>
  sql<ProjectRow>`
    SELECT p.id, p.subject_id, s.name AS firm, p.region_code, p.name, p.sector, p.stage, p.amount_fen, p.use_of_funds, p.summary, p.deck_file_id,
           f.original_name AS deck_name, p.contact_name, p.contact_phone, p.contact_email, p.status, p.review_note, p.posted_at,
           (SELECT count(*)::int FROM investors_interests x WHERE x.project_id = p.id) AS interests
      FROM investors_projects p JOIN subjects s ON s.id = p.subject_id LEFT JOIN files f ON f.id = p.deck_file_id
     WHERE (${f.id ?? null}::uuid IS NULL OR p.id = ${f.id ?? null}::uuid)
       AND (${f.subjectIds ? sql`p.subject_id = ANY(${[...f.subjectIds]}::uuid[])` : sql`true`})
       AND (${f.regionPrefixes ? sql`p.region_code LIKE ANY(${f.regionPrefixes.map((x) => `${x}%`)}::text[])` : sql`true`})
       AND (${f.status ?? null}::text IS NULL OR p.status = ${f.status ?? ''})
     ORDER BY p.posted_at DESC, p.id`
    .execute(db)
    .then((r) => r.rows);

export interface InterestRow {
  id: string;
  project_id: string;
  project_name: string;
  subject_id: string;
  firm: string;
  investor_id: string;
  investor: string;
  investor_kind: InvestorKind;
  investor_organisation_id: string;
  message: string;
  status: InterestStatus;
  created_at: Date;
  decided_at: Date | null;
  p_contact_name: string;
  p_contact_phone: string;
  p_contact_email: string;
  i_contact_name: string;
  i_contact_phone: string;
  i_contact_email: string;
}

export const interests = (db: Db | Tx, f: { id?: string; projectIds?: readonly string[]; investorIds?: readonly string[] }) =>
  sql<InterestRow>`
    SELECT x.id, x.project_id, p.name AS project_name, p.subject_id, s.name AS firm, x.investor_id, i.name AS investor, i.kind AS investor_kind,
           i.organisation_id AS investor_organisation_id, x.message, x.status, x.created_at, x.decided_at,
           p.contact_name AS p_contact_name, p.contact_phone AS p_contact_phone, p.contact_email AS p_contact_email,
           i.contact_name AS i_contact_name, i.contact_phone AS i_contact_phone, i.contact_email AS i_contact_email
      FROM investors_interests x JOIN investors_projects p ON p.id = x.project_id JOIN subjects s ON s.id = p.subject_id JOIN investors i ON i.id = x.investor_id
     WHERE (${f.id ?? null}::uuid IS NULL OR x.id = ${f.id ?? null}::uuid)
       AND (${f.projectIds ? sql`x.project_id = ANY(${[...f.projectIds]}::uuid[])` : sql`true`})
       AND (${f.investorIds ? sql`x.investor_id = ANY(${[...f.investorIds]}::uuid[])` : sql`true`})
     ORDER BY x.created_at DESC, x.id`
    .execute(db)
    .then((r) => r.rows);

/** Whether one of the subjects accepted this investor's interest in one of its projects. */
export const acceptedBetween = async (db: Db | Tx, investorId: string, subjectIds: readonly string[]) =>
  subjectIds.length > 0 &&
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM investors_interests x JOIN investors_projects p ON p.id = x.project_id
                              WHERE x.investor_id = ${investorId} AND x.status = 'accepted' AND p.subject_id = ANY(${[...subjectIds]}::uuid[])`.execute(db)
  ).rows[0]!.n > 0;

export const membersOf = async (db: Db | Tx, organisationId: string) =>
  (await sql<{ user_id: string }>`SELECT user_id FROM identity_memberships WHERE organisation_id = ${organisationId}`.execute(db)).rows.map((r) => r.user_id);

export const lockRow = async (trx: Tx, table: 'investors' | 'investors_projects' | 'investors_interests', id: string) =>
  (await sql<{ status: string }>`SELECT status FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(trx)).rows[0];

export const tsvector = (lexemes: readonly string[]) => sql`array_to_tsvector(${[...lexemes]}::text[])`;

export async function insertInvestor(
  trx: Tx,
  row: { organisation_id: string; name: string; kind: InvestorKind; stages: string; sectors: string; ticket_min_fen: number; ticket_max_fen: number; region_code: string; intro: string; contact_name: string; contact_phone: string; contact_email: string; created_at: Date; updated_at: Date },
  lexemes: readonly string[],
): Promise<string> {
  return (
    await sql<{ id: string }>`
      INSERT INTO investors (organisation_id, name, kind, stages, sectors, ticket_min_fen, ticket_max_fen, region_code, intro, contact_name, contact_phone, contact_email, search, created_at, updated_at)
      VALUES (${row.organisation_id}, ${row.name}, ${row.kind}, ${row.stages}::jsonb, ${row.sectors}::jsonb, ${row.ticket_min_fen}, ${row.ticket_max_fen}, ${row.region_code}, ${row.intro},
              ${row.contact_name}, ${row.contact_phone}, ${row.contact_email}, ${tsvector(lexemes)}, ${row.created_at}, ${row.updated_at})
      RETURNING id`.execute(trx)
  ).rows[0]!.id;
}

export async function updateInvestor(
  trx: Tx,
  id: string,
  row: { name: string; kind: InvestorKind; stages: string; sectors: string; ticket_min_fen: number; ticket_max_fen: number; region_code: string; intro: string; contact_name: string; contact_phone: string; contact_email: string },
  lexemes: readonly string[],
  at: Date,
): Promise<void> {
  await sql`
    UPDATE investors SET name = ${row.name}, kind = ${row.kind}, stages = ${row.stages}::jsonb, sectors = ${row.sectors}::jsonb, ticket_min_fen = ${row.ticket_min_fen},
           ticket_max_fen = ${row.ticket_max_fen}, region_code = ${row.region_code}, intro = ${row.intro}, contact_name = ${row.contact_name},
           contact_phone = ${row.contact_phone}, contact_email = ${row.contact_email}, search = ${tsvector(lexemes)},
           status = 'pending', review_note = '', verified_by = NULL, verified_at = NULL, updated_at = ${at}
     WHERE id = ${id}`.execute(trx);
}

export async function decideInvestor(trx: Tx, id: string, status: InvestorStatus, note: string, by: string, at: Date): Promise<void> {
  await sql`UPDATE investors SET status = ${status}, review_note = ${note}, verified_by = ${by}, verified_at = ${at} WHERE id = ${id}`.execute(trx);
}

export async function insertProject(
  trx: Tx,
  row: { subject_id: string; region_code: string; name: string; sector: InvestmentSector; stage: InvestmentStage; amount_fen: number; use_of_funds: string; summary: string; deck_file_id: string | null; contact_name: string; contact_phone: string; contact_email: string; posted_by: string; posted_at: Date },
): Promise<string> {
  return (
    await sql<{ id: string }>`
      INSERT INTO investors_projects (subject_id, region_code, name, sector, stage, amount_fen, use_of_funds, summary, deck_file_id, contact_name, contact_phone, contact_email, posted_by, posted_at)
      VALUES (${row.subject_id}, ${row.region_code}, ${row.name}, ${row.sector}, ${row.stage}, ${row.amount_fen}, ${row.use_of_funds}, ${row.summary}, ${row.deck_file_id},
              ${row.contact_name}, ${row.contact_phone}, ${row.contact_email}, ${row.posted_by}, ${row.posted_at})
      RETURNING id`.execute(trx)
  ).rows[0]!.id;
}

export async function decideProject(trx: Tx, id: string, status: RoadshowStatus, note: string, by: string, at: Date): Promise<void> {
  await sql`UPDATE investors_projects SET status = ${status}, review_note = ${note}, decided_by = ${by}, decided_at = ${at} WHERE id = ${id}`.execute(trx);
}

export async function insertInterest(trx: Tx, row: { project_id: string; investor_id: string; message: string; created_by: string; created_at: Date }): Promise<string> {
  return (
    await sql<{ id: string }>`
      INSERT INTO investors_interests (project_id, investor_id, message, created_by, created_at)
      VALUES (${row.project_id}, ${row.investor_id}, ${row.message}, ${row.created_by}, ${row.created_at}) RETURNING id`.execute(trx)
  ).rows[0]!.id;
}

export async function answerInterest(trx: Tx, id: string, status: InterestStatus, by: string, at: Date): Promise<void> {
  await sql`UPDATE investors_interests SET status = ${status}, decided_by = ${by}, decided_at = ${at} WHERE id = ${id}`.execute(trx);
}
