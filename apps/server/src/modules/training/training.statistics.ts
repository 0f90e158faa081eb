import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';
const PEOPLE = { zh: '人', en: 'people' };

/** Persons enrolled (not withdrawn) within the period in courses held in the region. */
async function trainees(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT e.subject_id)::int AS n FROM training_enrolments e JOIN training_courses c ON c.id = e.course_id
     WHERE c.region_code LIKE ${inRegion(q)} AND e.status <> 'withdrawn'
       AND (e.enrolled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Completions (结业) within the period in the region's courses. */
async function completions(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM training_enrolments e JOIN training_courses c ON c.id = e.course_id
     WHERE c.region_code LIKE ${inRegion(q)} AND e.status = 'completed' AND e.completed_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Follow-ups recorded within the period: started a business or found work (of `outcomes`). */
async function followedUp(db: Db | Tx, q: StatisticQuery, outcomes: readonly string[]): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM training_follow_ups f JOIN training_enrolments e ON e.id = f.enrolment_id JOIN training_courses c ON c.id = e.course_id
     WHERE c.region_code LIKE ${inRegion(q)} AND f.outcome = ANY(${[...outcomes]}::text[])
       AND (f.recorded_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export const trainingStatistics: StatisticDefinition[] = [
  { name: 'training.trainees', public: true, label: { zh: '创业培训学员', en: 'Start-up trainees' }, unit: PEOPLE, compute: trainees },
  { name: 'training.completions', public: true, label: { zh: '创业培训结业', en: 'Start-up training completions' }, unit: PEOPLE, compute: completions },
  { name: 'training.started_business', label: { zh: '结业半年回访：已创业', en: 'Follow-up at six months: started a business' }, unit: PEOPLE, compute: (db, q) => followedUp(db, q, ['started_business']) },
  { name: 'training.employment', label: { zh: '结业半年回访：已创业或就业', en: 'Follow-up at six months: in business or in work' }, unit: PEOPLE, compute: (db, q) => followedUp(db, q, ['started_business', 'employed']) },
];
