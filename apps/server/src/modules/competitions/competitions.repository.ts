import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CompetitionCallsTable, CompetitionEntriesTable, CompetitionExclusionsTable, CompetitionExpertsTable, CompetitionExpertTiesTable, CompetitionTables } from './competitions.tables.js';

const t = (db: Db | Tx) => tablesOf<CompetitionTables>(db);

export type CallRow = Selectable<CompetitionCallsTable> & { entries: number };
export type EntryRow = Selectable<CompetitionEntriesTable> & { entrant_name: string; credit_code: string | null };
export type ExpertRow = Selectable<CompetitionExpertsTable> & { name: string };
export type TieRow = Selectable<CompetitionExpertTiesTable>;

const callSelect = (db: Db | Tx) =>
  t(db)
    .selectFrom('competition_calls as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('competition_entries as e').whereRef('e.call_id', '=', 'c.id').select(sql<number>`count(*)::int`.as('n')).as('entries'));

export async function insertCall(trx: Tx, row: Omit<Insertable<CompetitionCallsTable>, 'tracks' | 'rubric'> & { tracks: string[]; rubric: unknown }): Promise<string> {
  return (await t(trx).insertInto('competition_calls').values({ ...row, tracks: JSON.stringify(row.tracks), rubric: JSON.stringify(row.rubric) }).returning('id').executeTakeFirstOrThrow()).id;
}

export const callNamed = (db: Db | Tx, regionCode: string, title: string) =>
  t(db).selectFrom('competition_calls').select('id').where('region_code', '=', regionCode).where('title', '=', title).executeTakeFirst();

export async function listCalls(db: Db | Tx): Promise<CallRow[]> {
  return (await callSelect(db).orderBy('c.opens_on', 'desc').orderBy('c.title').execute()) as CallRow[];
}

export async function callById(db: Db | Tx, id: string): Promise<CallRow | undefined> {
  return (await callSelect(db).where('c.id', '=', id).executeTakeFirst()) as CallRow | undefined;
}

/** Locks the call: its stage changes, panels and entries run one after another. */
export const lockCall = (trx: Tx, id: string) => t(trx).selectFrom('competition_calls').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const updateCall = (trx: Tx, id: string, patch: { stage: CompetitionCallsTable['stage']; published_at?: Date }) =>
  t(trx).updateTable('competition_calls').set(patch).where('id', '=', id).execute();

export async function insertEntry(trx: Tx, row: Omit<Insertable<CompetitionEntriesTable>, 'team'> & { team: { name: string; role: string }[] }): Promise<string | undefined> {
  const r = await t(trx)
    .insertInto('competition_entries')
    .values({ ...row, team: JSON.stringify(row.team) })
    .onConflict((oc) => oc.columns(['call_id', 'subject_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

const entrySelect = (db: Db | Tx) =>
  t(db)
    .selectFrom('competition_entries as e')
    .innerJoin('subjects as s', 's.id', 'e.subject_id')
    .selectAll('e')
    .select(['s.name as entrant_name', 's.credit_code']);

export async function entriesOf(db: Db | Tx, callId: string): Promise<EntryRow[]> {
  return (await entrySelect(db).where('e.call_id', '=', callId).orderBy('e.entered_at').orderBy('e.id').execute()) as EntryRow[];
}

export async function entryById(db: Db | Tx, id: string): Promise<EntryRow | undefined> {
  return (await entrySelect(db).where('e.id', '=', id).executeTakeFirst()) as EntryRow | undefined;
}

export async function entriesBySubjects(db: Db | Tx, subjectIds: readonly string[]): Promise<EntryRow[]> {
  if (subjectIds.length === 0) return [];
  return (await entrySelect(db).where('e.subject_id', 'in', [...subjectIds]).execute()) as EntryRow[];
}

export const setFinalists = (trx: Tx, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve() : t(trx).updateTable('competition_entries').set({ finalist: true }).where('id', 'in', [...ids]).execute().then(() => undefined);

export const setRank = (trx: Tx, id: string, rank: number, winner: boolean) => t(trx).updateTable('competition_entries').set({ rank, winner }).where('id', '=', id).execute();

// ---------------------------------------------------------------- the expert pool

export async function experts(db: Db | Tx, ids?: readonly string[]): Promise<ExpertRow[]> {
  let q = t(db)
    .selectFrom('competition_experts as x')
    .innerJoin('identity_users as u', 'u.id', 'x.user_id')
    .selectAll('x')
    .select('u.display_name as name');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('x.id', 'in', [...ids]);
  }
  return (await q.orderBy('u.display_name').execute()) as ExpertRow[];
}

export const expertByUser = (db: Db | Tx, userId: string) => t(db).selectFrom('competition_experts').selectAll().where('user_id', '=', userId).executeTakeFirst();

export async function tiesOf(db: Db | Tx, expertIds: readonly string[]): Promise<TieRow[]> {
  if (expertIds.length === 0) return [];
  return t(db).selectFrom('competition_expert_ties').selectAll().where('expert_id', 'in', [...expertIds]).orderBy('enterprise_name').execute();
}

export async function insertExpert(trx: Tx, row: Insertable<CompetitionExpertsTable>, ties: Omit<Insertable<CompetitionExpertTiesTable>, 'expert_id'>[]): Promise<string | undefined> {
  const r = await t(trx).insertInto('competition_experts').values(row).onConflict((oc) => oc.column('user_id').doNothing()).returning('id').executeTakeFirst();
  if (!r) return undefined;
  if (ties.length) await t(trx).insertInto('competition_expert_ties').values(ties.map((x) => ({ ...x, expert_id: r.id }))).execute();
  return r.id;
}

/** A user by username with whether they hold the expert role in a department (core tables, read only). */
export const expertUser = (db: Db | Tx, username: string) =>
  sql<{ id: string; display_name: string; region_code: string | null }>`
    SELECT u.id, u.display_name,
           (SELECT o.region_code FROM identity_memberships m JOIN identity_organisations o ON o.id = m.organisation_id
             WHERE m.user_id = u.id AND o.kind = 'government' AND 'expert' = ANY(m.roles) LIMIT 1) AS region_code
      FROM identity_users u WHERE u.username = ${username}`
    .execute(db)
    .then((r) => r.rows[0]);

// ---------------------------------------------------------------- panels and exclusions

export const panelsOf = (db: Db | Tx, callId: string) =>
  t(db).selectFrom('competition_judges').select(['round', 'expert_id']).where('call_id', '=', callId).orderBy('round').execute();

export async function insertPanel(trx: Tx, callId: string, round: number, expertIds: readonly string[], by: string, at: Date): Promise<void> {
  await t(trx).insertInto('competition_judges').values(expertIds.map((expert_id) => ({ call_id: callId, round, expert_id, assigned_by: by, assigned_at: at }))).execute();
}

export async function insertExclusions(trx: Tx, rows: Insertable<CompetitionExclusionsTable>[]): Promise<void> {
  if (rows.length) await t(trx).insertInto('competition_exclusions').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export const exclusionsOf = (db: Db | Tx, callId: string) => t(db).selectFrom('competition_exclusions').selectAll().where('call_id', '=', callId).orderBy('round').orderBy('recorded_at').execute();

/** The judging work of an expert: the rounds of calls they sit on that are being judged now. */
export const judgingOf = (db: Db | Tx, expertId: string) =>
  t(db)
    .selectFrom('competition_judges as j')
    .innerJoin('competition_calls as c', 'c.id', 'j.call_id')
    .select(['c.id as call_id', 'j.round'])
    .where('j.expert_id', '=', expertId)
    .where(sql<boolean>`((c.stage = 'preliminary' AND j.round = 1) OR (c.stage = 'final' AND j.round = 2))`)
    .execute();

/** The organisation an enterprise profile belongs to (a core table: read, never written here). */
export const organisationOfSubject = (db: Db | Tx, subjectId: string) =>
  t(db).selectFrom('subjects').select('organisation_id').where('id', '=', subjectId).executeTakeFirst().then((r) => r?.organisation_id ?? null);
