import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';

/** Mentors of the region in the library by the period's end. */
async function mentors(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM mentors WHERE region_code LIKE ${inRegion(q)} AND created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Sessions held within the period by the region's mentors and confirmed by both sides. */
async function sessions(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM mentor_sessions s JOIN mentor_pairings p ON p.id = s.pairing_id JOIN mentors m ON m.id = p.mentor_id
     WHERE m.region_code LIKE ${inRegion(q)} AND s.mentor_confirmed_at IS NOT NULL AND s.founder_confirmed_at IS NOT NULL
       AND s.held_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Founders the region's mentors took on (accepted) within the period. */
async function mentored(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT p.subject_id)::int AS n FROM mentor_pairings p JOIN mentors m ON m.id = p.mentor_id
     WHERE m.region_code LIKE ${inRegion(q)} AND p.decided_at IS NOT NULL AND p.status IN ('accepted','ended') AND p.decision_note IS DISTINCT FROM 'declined'
       AND (p.decided_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export const mentorsStatistics: StatisticDefinition[] = [
  { name: 'mentors.mentors', public: true, label: { zh: '创业导师', en: 'Mentors' }, unit: { zh: '人', en: 'people' }, compute: mentors },
  { name: 'mentors.sessions', public: true, label: { zh: '导师辅导（双方确认）', en: 'Mentoring sessions (confirmed by both)' }, unit: { zh: '次', en: 'sessions' }, compute: sessions },
  { name: 'mentors.founders', public: true, label: { zh: '接受导师辅导的创业者', en: 'Founders mentored' }, unit: { zh: '个', en: 'founders' }, compute: mentored },
];
