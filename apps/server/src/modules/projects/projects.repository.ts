/** The only SQL on the project library's tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { ProjectAdoptionsTable, ProjectsTable, ProjectTables } from './projects.tables.js';

const t = (db: Db | Tx) => tablesOf<ProjectTables>(db);

export type ProjectRow = Omit<Selectable<ProjectsTable>, 'search'> & {
  poster_name: string;
  poster_kind: string;
  keeper_name: string | null;
  attachment_name: string | null;
  adoptions: number;
};
export type AdoptionRow = Selectable<ProjectAdoptionsTable> & {
  project_title: string;
  poster_subject_id: string;
  poster_user_id: string;
  poster_name: string;
  project_region: string;
  keeper_id: string | null;
  adopter_name: string;
  evidence_name: string | null;
};

const projectSelect = sql`
  SELECT p.id, p.poster_user_id, p.poster_subject_id, p.title, p.kind, p.summary, p.industry, p.region_code, p.offers,
         p.attachment_file_id, p.keeper_id, p.status, p.return_reason, p.decided_by, p.decided_at, p.admitted_on::text AS admitted_on,
         p.created_at, p.updated_at,
         s.name AS poster_name, s.kind AS poster_kind, k.name AS keeper_name, f.original_name AS attachment_name,
         (SELECT count(*) FROM project_adoptions a WHERE a.project_id = p.id AND a.status IN ('accepted','succeeded','verified'))::int AS adoptions
    FROM projects p JOIN subjects s ON s.id = p.poster_subject_id
    LEFT JOIN identity_organisations k ON k.id = p.keeper_id
    LEFT JOIN files f ON f.id = p.attachment_file_id`;

export async function insertProject(trx: Tx, row: Omit<Insertable<ProjectsTable>, 'search' | 'offers'> & { offers: readonly string[] }, lexemes: readonly string[]): Promise<string> {
  return (
    await t(trx)
      .insertInto('projects')
      .values({ ...row, offers: sql`${[...row.offers]}::text[]` as never, search: sql<string>`array_to_tsvector(${[...lexemes]}::text[])` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateProject(
  trx: Tx,
  id: string,
  set: Pick<Selectable<ProjectsTable>, 'title' | 'kind' | 'summary' | 'industry' | 'region_code' | 'attachment_file_id' | 'keeper_id' | 'updated_at'> & { offers: readonly string[] },
  lexemes: readonly string[],
): Promise<void> {
  await t(trx)
    .updateTable('projects')
    .set({ ...set, offers: sql`${[...set.offers]}::text[]` as never, search: sql<string>`array_to_tsvector(${[...lexemes]}::text[])`, status: 'submitted', return_reason: null, decided_by: null, decided_at: null })
    .where('id', '=', id)
    .execute();
}

export async function setProjectDecision(trx: Tx, id: string, set: { status: 'admitted' | 'returned'; return_reason: string | null; decided_by: string; decided_at: Date; admitted_on: string | null }): Promise<void> {
  await t(trx).updateTable('projects').set(set).where('id', '=', id).execute();
}

export async function projectById(db: Db | Tx, id: string, lock = false): Promise<ProjectRow | undefined> {
  if (lock) await sql`SELECT id FROM projects WHERE id = ${id} FOR UPDATE`.execute(db);
  return (await sql<ProjectRow>`${projectSelect} WHERE p.id = ${id}`.execute(db)).rows[0];
}

export async function searchProjects(db: Db | Tx, f: { tsquery: string | null; kind: string | null; industry: string | null; regionPrefix: string | null }): Promise<ProjectRow[]> {
  return (
    await sql<ProjectRow>`${projectSelect}
      WHERE p.status = 'admitted'
        AND (${f.tsquery}::text IS NULL OR p.search @@ ${f.tsquery ?? ''}::tsquery)
        AND (${f.kind}::text IS NULL OR p.kind = ${f.kind})
        AND (${f.industry}::text IS NULL OR p.industry LIKE ${(f.industry ?? '') + '%'})
        AND (${f.regionPrefix}::text IS NULL OR p.region_code LIKE ${(f.regionPrefix ?? '') + '%'})
      ORDER BY p.admitted_on DESC, p.title`.execute(db)
  ).rows;
}

export async function projectsPostedBy(db: Db | Tx, subjectIds: readonly string[]): Promise<ProjectRow[]> {
  if (subjectIds.length === 0) return [];
  return (await sql<ProjectRow>`${projectSelect} WHERE p.poster_subject_id = ANY(${[...subjectIds]}::uuid[]) ORDER BY p.created_at DESC`.execute(db)).rows;
}

export async function projectsAwaiting(db: Db | Tx): Promise<ProjectRow[]> {
  return (await sql<ProjectRow>`${projectSelect} WHERE p.status = 'submitted' ORDER BY p.created_at`.execute(db)).rows;
}

const adoptionSelect = sql`
  SELECT a.id, a.project_id, a.adopter_subject_id, a.requested_by, a.plan, a.status, a.answered_at, a.answer_note,
         a.succeeded_on::text AS succeeded_on, a.evidence_file_id, a.success_note, a.recorded_by, a.recorded_at, a.return_note,
         a.verified_by, a.verified_at, a.verified_on::text AS verified_on, a.reward_fen, a.created_at,
         p.title AS project_title, p.poster_subject_id, p.poster_user_id, ps.name AS poster_name, p.region_code AS project_region, p.keeper_id,
         s.name AS adopter_name, f.original_name AS evidence_name
    FROM project_adoptions a JOIN projects p ON p.id = a.project_id JOIN subjects ps ON ps.id = p.poster_subject_id
    JOIN subjects s ON s.id = a.adopter_subject_id LEFT JOIN files f ON f.id = a.evidence_file_id`;

export async function adoptionById(db: Db | Tx, id: string, lock = false): Promise<AdoptionRow | undefined> {
  if (lock) await sql`SELECT id FROM project_adoptions WHERE id = ${id} FOR UPDATE`.execute(db);
  return (await sql<AdoptionRow>`${adoptionSelect} WHERE a.id = ${id}`.execute(db)).rows[0];
}

export async function adoptionsOf(db: Db | Tx, f: { projectIds?: readonly string[]; adopterSubjectIds?: readonly string[]; status?: string }): Promise<AdoptionRow[]> {
  return (
    await sql<AdoptionRow>`${adoptionSelect}
      WHERE (${f.projectIds ? sql`a.project_id = ANY(${[...f.projectIds]}::uuid[])` : sql`true`})
        AND (${f.adopterSubjectIds ? sql`a.adopter_subject_id = ANY(${[...f.adopterSubjectIds]}::uuid[])` : sql`true`})
        AND (${f.status ?? null}::text IS NULL OR a.status = ${f.status ?? ''})
      ORDER BY a.created_at DESC`.execute(db)
  ).rows;
}

export async function insertAdoption(trx: Tx, row: Insertable<ProjectAdoptionsTable>): Promise<string> {
  return (await t(trx).insertInto('project_adoptions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setAdoption(trx: Tx, id: string, set: Partial<Omit<Selectable<ProjectAdoptionsTable>, 'id' | 'project_id' | 'adopter_subject_id' | 'created_at'>>): Promise<void> {
  await t(trx).updateTable('project_adoptions').set(set).where('id', '=', id).execute();
}

export async function verdictsOf(db: Db | Tx, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return t(db).selectFrom('project_reward_verdicts').selectAll().where('project_id', 'in', [...projectIds]).orderBy('item_id').execute();
}

export async function verdictStatus(trx: Tx, projectId: string): Promise<Map<string, { status: string; handed: boolean }>> {
  const rows = await t(trx).selectFrom('project_reward_verdicts').select(['item_id', 'status', 'handed']).where('project_id', '=', projectId).execute();
  return new Map(rows.map((r) => [r.item_id, { status: r.status, handed: r.handed }]));
}

export async function putVerdict(trx: Tx, row: { project_id: string; item_id: string; item_title: unknown; status: string; amount_fen: number | null; reasons: unknown; handed: boolean; evaluated_on: string }): Promise<void> {
  const set = { item_title: JSON.stringify(row.item_title), status: row.status as never, amount_fen: row.amount_fen, reasons: JSON.stringify(row.reasons), handed: row.handed, evaluated_on: row.evaluated_on };
  await t(trx)
    .insertInto('project_reward_verdicts')
    .values({ project_id: row.project_id, item_id: row.item_id, ...set })
    .onConflict((oc) => oc.columns(['project_id', 'item_id']).doUpdateSet(set))
    .execute();
}

/** The provider or person profile, with what the poster may be: only these post projects. */
export async function subjectById(db: Db | Tx, id: string) {
  return (await sql<{ id: string; kind: string; name: string; organisation_id: string | null; user_id: string | null }>`SELECT id, kind, name, organisation_id, user_id FROM subjects WHERE id = ${id}`.execute(db)).rows[0];
}
