/** The only SQL on the training tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { TrainingCoursesTable, TrainingEnrolmentsTable, TrainingTables } from './training.tables.js';

const t = (db: Db | Tx) => tablesOf<TrainingTables>(db);

export type CourseRow = Selectable<TrainingCoursesTable> & { provider_name: string; starts_on: string; ends_on: string; hours: number; withdrawn: number };
export type EnrolmentRow = Selectable<TrainingEnrolmentsTable> & { trainee_name: string; attended_hours: number };

const courseSelect = sql`
  SELECT c.*, o.name AS provider_name,
         (SELECT min(s.held_on) FROM training_sessions s WHERE s.course_id = c.id)::text AS starts_on,
         (SELECT max(s.held_on) FROM training_sessions s WHERE s.course_id = c.id)::text AS ends_on,
         (SELECT coalesce(sum(s.hours), 0) FROM training_sessions s WHERE s.course_id = c.id)::int AS hours,
         (SELECT count(*) FROM training_enrolments e WHERE e.course_id = c.id AND e.status = 'withdrawn')::int AS withdrawn
    FROM training_courses c JOIN identity_organisations o ON o.id = c.organisation_id`;

export async function courses(db: Db | Tx, f: { ids?: readonly string[]; organisationIds?: readonly string[]; regionPrefix?: string | null }): Promise<CourseRow[]> {
  const r = await sql<CourseRow>`
    ${courseSelect}
     WHERE (${f.ids ? sql`c.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
       AND (${f.organisationIds ? sql`c.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`true`})
       AND (${f.regionPrefix ?? null}::text IS NULL OR c.region_code LIKE ${(f.regionPrefix ?? '') + '%'})
     ORDER BY starts_on DESC, c.title`.execute(db);
  return r.rows;
}

export const lockCourse = (trx: Tx, id: string) => sql`SELECT id FROM training_courses WHERE id = ${id} FOR UPDATE`.execute(trx);

export async function insertCourse(trx: Tx, row: Insertable<TrainingCoursesTable>): Promise<string> {
  return (await t(trx).insertInto('training_courses').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertSessions(trx: Tx, courseId: string, sessions: readonly { held_on: string; hours: number; topic: string }[]): Promise<void> {
  await t(trx).insertInto('training_sessions').values(sessions.map((s) => ({ ...s, course_id: courseId }))).execute();
}

export async function sessionsOf(db: Db | Tx, courseId: string) {
  return sql<{ id: string; held_on: string; hours: number; topic: string; recorded: boolean }>`
    SELECT s.id, s.held_on::text AS held_on, s.hours, s.topic,
           EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = s.id) AS recorded
      FROM training_sessions s WHERE s.course_id = ${courseId} ORDER BY s.held_on`
    .execute(db)
    .then((r) => r.rows);
}

export const markCompleted = (trx: Tx, courseId: string, at: Date) => t(trx).updateTable('training_courses').set({ completed_at: at }).where('id', '=', courseId).execute();

const enrolmentSelect = sql`
  SELECT e.id, e.course_id, e.subject_id, e.user_id, e.status, e.enrolled_at, e.completed_on::text AS completed_on, e.withdrawn_at, su.name AS trainee_name,
         (SELECT coalesce(sum(s.hours), 0) FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
           WHERE a.enrolment_id = e.id AND a.present)::int AS attended_hours
    FROM training_enrolments e JOIN subjects su ON su.id = e.subject_id`;

export async function enrolmentsOf(db: Db | Tx, courseId: string): Promise<EnrolmentRow[]> {
  return (await sql<EnrolmentRow>`${enrolmentSelect} WHERE e.course_id = ${courseId} ORDER BY e.enrolled_at, e.id`.execute(db)).rows;
}

export async function enrolmentsOfSubjects(db: Db | Tx, subjectIds: readonly string[]): Promise<EnrolmentRow[]> {
  if (subjectIds.length === 0) return [];
  return (await sql<EnrolmentRow>`${enrolmentSelect} WHERE e.subject_id = ANY(${[...subjectIds]}::uuid[]) ORDER BY e.enrolled_at DESC`.execute(db)).rows;
}

export async function enrolmentById(db: Db | Tx, id: string): Promise<EnrolmentRow | undefined> {
  return (await sql<EnrolmentRow>`${enrolmentSelect} WHERE e.id = ${id}`.execute(db)).rows[0];
}

export async function insertEnrolment(trx: Tx, row: Insertable<TrainingEnrolmentsTable>): Promise<string> {
  return (await t(trx).insertInto('training_enrolments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const setEnrolmentStatus = (trx: Tx, id: string, status: TrainingEnrolmentsTable['status'], completedOn: string | null) =>
  t(trx).updateTable('training_enrolments').set({ status, completed_on: completedOn }).where('id', '=', id).execute();

/** Withdraws an enrolment (the count trigger frees the seat). */
export const withdrawEnrolment = (trx: Tx, id: string, at: Date) => t(trx).updateTable('training_enrolments').set({ status: 'withdrawn', withdrawn_at: at }).where('id', '=', id).where('status', '=', 'enrolled').execute();

/** Enrols again on a withdrawn enrolment (the count trigger takes the seat, under the capacity). */
export const reEnrol = (trx: Tx, id: string, at: Date) =>
  t(trx).updateTable('training_enrolments').set({ status: 'enrolled', withdrawn_at: null, enrolled_at: at }).where('id', '=', id).where('status', '=', 'withdrawn').execute();

export async function presentAt(db: Db | Tx, courseId: string): Promise<{ session_id: string; enrolment_id: string }[]> {
  return (
    await sql<{ session_id: string; enrolment_id: string }>`
      SELECT a.session_id, a.enrolment_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
       WHERE s.course_id = ${courseId} AND a.present`.execute(db)
  ).rows;
}

/** Replaces a session's attendance: each live enrolment present or absent. */
export async function writeAttendance(trx: Tx, sessionId: string, rows: readonly { enrolment_id: string; present: boolean }[], by: string, at: Date): Promise<void> {
  await t(trx).deleteFrom('training_attendance').where('session_id', '=', sessionId).execute();
  if (rows.length === 0) return;
  await t(trx)
    .insertInto('training_attendance')
    .values(rows.map((r) => ({ session_id: sessionId, enrolment_id: r.enrolment_id, present: r.present, recorded_by: by, recorded_at: at })))
    .execute();
}

/** A person's own subject (kind person) for an account. */
export async function personSubjectOf(db: Db | Tx, userId: string): Promise<{ id: string; name: string } | undefined> {
  return (await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE user_id = ${userId} AND kind = 'person' LIMIT 1`.execute(db)).rows[0];
}

export const regionLevel = (db: Db | Tx, code: string) =>
  sql<{ level: number }>`SELECT level FROM core_regions WHERE code = ${code}`.execute(db).then((r) => r.rows[0]?.level);

// ---------------------------------------------------------------- follow-ups

/** Completions reaching six months by `today` without a follow-up: one row each, due then. */
export async function createDueFollowUps(trx: Tx, today: string): Promise<number> {
  const r = await sql`
    INSERT INTO training_follow_ups (enrolment_id, due_on)
    SELECT e.id, (e.completed_on + interval '6 months')::date FROM training_enrolments e
     WHERE e.status = 'completed' AND (e.completed_on + interval '6 months')::date <= ${today}::date
       AND NOT EXISTS (SELECT 1 FROM training_follow_ups f WHERE f.enrolment_id = e.id)
    ON CONFLICT DO NOTHING`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export type FollowUpRow = {
  enrolment_id: string;
  trainee_name: string;
  course_title: string;
  provider_name: string;
  organisation_id: string;
  region_code: string;
  completed_on: string;
  due_on: string;
  outcome: TrainingTables['training_follow_ups']['outcome'];
  recorded_at: Date | null;
};

export async function followUps(db: Db | Tx, f: { organisationIds?: readonly string[]; regionPrefixes?: readonly string[]; enrolmentId?: string }): Promise<FollowUpRow[]> {
  const r = await sql<FollowUpRow>`
    SELECT f.enrolment_id, su.name AS trainee_name, c.title AS course_title, o.name AS provider_name, c.organisation_id, c.region_code,
           e.completed_on::text AS completed_on, f.due_on::text AS due_on, f.outcome, f.recorded_at
      FROM training_follow_ups f JOIN training_enrolments e ON e.id = f.enrolment_id JOIN training_courses c ON c.id = e.course_id
      JOIN subjects su ON su.id = e.subject_id JOIN identity_organisations o ON o.id = c.organisation_id
     WHERE (${f.enrolmentId ?? null}::uuid IS NULL OR f.enrolment_id = ${f.enrolmentId ?? null}::uuid)
       AND (${f.organisationIds ? sql`c.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql`false`}
            OR ${f.regionPrefixes && f.regionPrefixes.length > 0 ? sql`c.region_code LIKE ANY(${f.regionPrefixes.map((p) => p + '%')}::text[])` : sql`false`})
     ORDER BY f.outcome IS NOT NULL, f.due_on, su.name`.execute(db);
  return r.rows;
}

export const recordFollowUp = (trx: Tx, enrolmentId: string, outcome: NonNullable<TrainingTables['training_follow_ups']['outcome']>, note: string, by: string, at: Date) =>
  t(trx).updateTable('training_follow_ups').set({ outcome, note, recorded_by: by, recorded_at: at }).where('enrolment_id', '=', enrolmentId).execute();
