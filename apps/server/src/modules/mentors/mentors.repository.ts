/** The only SQL on the mentors' tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { MentorPairingsTable, MentorsTable, MentorSessionsTable, MentorTables } from './mentors.tables.js';

const t = (db: Db | Tx) => tablesOf<MentorTables>(db);

export type MentorRow = Selectable<MentorsTable> & { active_pairings: number; rating: number | null; username: string | null };
export type PairingRow = Selectable<MentorPairingsTable> & { mentor_name: string; mentor_user_id: string | null; founder_name: string };
export type SessionRow = Selectable<MentorSessionsTable>;

export async function mentors(db: Db | Tx, f: { ids?: readonly string[]; userId?: string; regionPrefixes?: readonly string[] } = {}): Promise<MentorRow[]> {
  const r = await sql<MentorRow>`
    SELECT m.*, u.username,
           (SELECT count(*) FROM mentor_pairings p WHERE p.mentor_id = m.id AND p.status IN ('requested','accepted'))::int AS active_pairings,
           (SELECT avg(r.stars)::float FROM mentor_ratings r JOIN mentor_pairings p ON p.id = r.pairing_id WHERE p.mentor_id = m.id AND r.side = 'founder') AS rating
      FROM mentors m LEFT JOIN identity_users u ON u.id = m.user_id
     WHERE (${f.ids ? sql`m.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
       AND (${f.userId ?? null}::uuid IS NULL OR m.user_id = ${f.userId ?? null}::uuid)
       AND (${f.regionPrefixes ? sql`m.region_code LIKE ANY(${f.regionPrefixes.map((p) => p + '%')}::text[])` : sql`true`})
     ORDER BY m.region_code, m.name`.execute(db);
  return r.rows;
}

export async function insertMentor(trx: Tx, row: Insertable<MentorsTable>): Promise<string> {
  return (await t(trx).insertInto('mentors').values({ ...row, fields: sql`${row.fields}::text[]` as never, industries: sql`${row.industries}::text[]` as never }).returning('id').executeTakeFirstOrThrow()).id;
}

export const lockMentor = (trx: Tx, id: string) => sql`SELECT id FROM mentors WHERE id = ${id} FOR UPDATE`.execute(trx);

export async function updateMentor(trx: Tx, id: string, row: Omit<Insertable<MentorsTable>, 'created_by' | 'created_at'>): Promise<void> {
  await t(trx)
    .updateTable('mentors')
    .set({ ...row, fields: sql`${row.fields}::text[]` as never, industries: sql`${row.industries}::text[]` as never })
    .where('id', '=', id)
    .execute();
}

export const userNamed = (db: Db | Tx, username: string) =>
  sql<{ id: string }>`SELECT id FROM identity_users WHERE username = ${username}`.execute(db).then((r) => r.rows[0]);

export async function insertPairing(trx: Tx, row: Omit<Insertable<MentorPairingsTable>, 'fields' | 'terms'> & { fields: readonly string[]; terms: unknown }): Promise<string> {
  return (
    await t(trx)
      .insertInto('mentor_pairings')
      .values({ ...row, fields: sql`${[...row.fields]}::text[]` as never, terms: JSON.stringify(row.terms) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const pairingSelect = sql`
  SELECT p.*, m.name AS mentor_name, m.user_id AS mentor_user_id, s.name AS founder_name
    FROM mentor_pairings p JOIN mentors m ON m.id = p.mentor_id JOIN subjects s ON s.id = p.subject_id`;

export async function pairingsFor(db: Db | Tx, f: { userId: string; subjectIds: readonly string[] }): Promise<PairingRow[]> {
  return (
    await sql<PairingRow>`${pairingSelect}
      WHERE m.user_id = ${f.userId}::uuid OR p.subject_id = ANY(${[...f.subjectIds]}::uuid[])
      ORDER BY p.created_at DESC`.execute(db)
  ).rows;
}

export async function pairingById(db: Db | Tx, id: string, lock = false): Promise<PairingRow | undefined> {
  if (lock) await sql`SELECT id FROM mentor_pairings WHERE id = ${id} FOR UPDATE`.execute(db);
  return (await sql<PairingRow>`${pairingSelect} WHERE p.id = ${id}`.execute(db)).rows[0];
}

export const setPairingStatus = (trx: Tx, id: string, set: Partial<Pick<Selectable<MentorPairingsTable>, 'status' | 'decided_at' | 'decision_note' | 'ended_at' | 'ended_by' | 'end_reason'>>) =>
  t(trx).updateTable('mentor_pairings').set(set).where('id', '=', id).execute();

export async function sessionsOf(db: Db | Tx, pairingIds: readonly string[]): Promise<SessionRow[]> {
  if (pairingIds.length === 0) return [];
  return (await sql<SessionRow>`SELECT id, pairing_id, held_on::text AS held_on, mode, place, mentor_record, mentor_confirmed_at, founder_record, founder_confirmed_at, booked_by, created_at FROM mentor_sessions WHERE pairing_id = ANY(${[...pairingIds]}::uuid[]) ORDER BY held_on`.execute(db)).rows;
}

export async function insertSession(trx: Tx, row: Insertable<MentorSessionsTable>): Promise<string> {
  return (await t(trx).insertInto('mentor_sessions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const confirmSession = (trx: Tx, id: string, side: 'mentor' | 'founder', record: string, at: Date) =>
  side === 'mentor'
    ? t(trx).updateTable('mentor_sessions').set({ mentor_record: record, mentor_confirmed_at: at }).where('id', '=', id).execute()
    : t(trx).updateTable('mentor_sessions').set({ founder_record: record, founder_confirmed_at: at }).where('id', '=', id).execute();

export async function ratingsOf(db: Db | Tx, pairingIds: readonly string[]) {
  if (pairingIds.length === 0) return [];
  return t(db).selectFrom('mentor_ratings').selectAll().where('pairing_id', 'in', [...pairingIds]).execute();
}

export const upsertRating = (trx: Tx, row: { pairing_id: string; side: 'mentor' | 'founder'; stars: number; comment: string; rated_at: Date }) =>
  t(trx)
    .insertInto('mentor_ratings')
    .values(row)
    .onConflict((oc) => oc.columns(['pairing_id', 'side']).doUpdateSet({ stars: row.stars, comment: row.comment, rated_at: row.rated_at }))
    .execute();

/** Each mentor of the region with the year's sessions: confirmed by both sides, and booked. */
export async function commitments(db: Db | Tx, regionPrefixes: readonly string[], year: number) {
  return (
    await sql<{ mentor_id: string; name: string; organisation: string; region_code: string; yearly_sessions: number; confirmed: number; booked: number }>`
      SELECT m.id AS mentor_id, m.name, m.organisation, m.region_code, m.yearly_sessions,
             count(s.id) FILTER (WHERE s.mentor_confirmed_at IS NOT NULL AND s.founder_confirmed_at IS NOT NULL)::int AS confirmed,
             count(s.id)::int AS booked
        FROM mentors m
        LEFT JOIN mentor_pairings p ON p.mentor_id = m.id
        LEFT JOIN mentor_sessions s ON s.pairing_id = p.id AND extract(year FROM s.held_on) = ${year}
       WHERE m.region_code LIKE ANY(${regionPrefixes.map((r) => r + '%')}::text[])
       GROUP BY m.id ORDER BY m.name`.execute(db)
  ).rows;
}
