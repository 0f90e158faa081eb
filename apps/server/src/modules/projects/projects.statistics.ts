import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';
const day = (column: string) => sql.raw(`(${column} AT TIME ZONE 'Asia/Shanghai')::date`);

/** Projects of the region posted within the period. */
async function posted(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM projects WHERE region_code LIKE ${inRegion(q)} AND ${day('created_at')} BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Projects of the region admitted into the public library within the period. */
async function admitted(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM projects WHERE region_code LIKE ${inRegion(q)} AND status = 'admitted' AND admitted_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Adoptions of the region's projects the posters accepted within the period. */
async function adoptions(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM project_adoptions a JOIN projects p ON p.id = a.project_id
     WHERE p.region_code LIKE ${inRegion(q)} AND a.status IN ('accepted','succeeded','verified') AND ${day('a.answered_at')} BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Successful adoptions the bureau verified within the period. */
async function successes(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM project_adoptions a JOIN projects p ON p.id = a.project_id
     WHERE p.region_code LIKE ${inRegion(q)} AND a.status = 'verified' AND a.verified_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Rewards handed to fulfilment as pending awards within the period. */
async function rewards(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM project_reward_verdicts v JOIN projects p ON p.id = v.project_id
     WHERE p.region_code LIKE ${inRegion(q)} AND v.handed AND v.evaluated_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export const projectsStatistics: StatisticDefinition[] = [
  { name: 'projects.posted', public: true, label: { zh: '发布的创业项目', en: 'Projects posted' }, unit: { zh: '个', en: 'projects' }, compute: posted },
  { name: 'projects.admitted', public: true, label: { zh: '入库的创业项目', en: 'Projects admitted into the library' }, unit: { zh: '个', en: 'projects' }, compute: admitted },
  { name: 'projects.adoptions', public: true, label: { zh: '项目采用', en: 'Adoptions' }, unit: { zh: '次', en: 'adoptions' }, compute: adoptions },
  { name: 'projects.successes', public: true, label: { zh: '采用后成功创业（已核定）', en: 'Successful adoptions (verified)' }, unit: { zh: '次', en: 'adoptions' }, compute: successes },
  { name: 'projects.rewards', public: true, label: { zh: '移交兑现的项目奖励', en: 'Rewards handed to fulfilment' }, unit: { zh: '笔', en: 'awards' }, compute: rewards },
];
