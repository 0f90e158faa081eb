import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => `${regionPrefix(q.regionCode)}%`;

/** Entries from the region's enterprises within the period. */
async function entries(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM competition_entries
     WHERE region_code LIKE ${inRegion(q)} AND (entered_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Winners from the region's enterprises among results published within the period. */
async function winners(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM competition_entries e JOIN competition_calls c ON c.id = e.call_id
     WHERE e.winner AND e.region_code LIKE ${inRegion(q)} AND (c.published_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Distinct judges seated on panels of the region's competitions within the period. */
async function judges(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT j.expert_id)::int AS n FROM competition_judges j JOIN competition_calls c ON c.id = j.call_id
     WHERE c.region_code LIKE ${inRegion(q)} AND (j.assigned_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Judges kept off entries for a conflict of interest (judge × entry × round) within the period. */
async function exclusions(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT (x.round, x.entry_id, x.expert_id))::int AS n FROM competition_exclusions x JOIN competition_calls c ON c.id = x.call_id
     WHERE c.region_code LIKE ${inRegion(q)} AND (x.recorded_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

const N = { zh: '个', en: 'entries' };
export const competitionsStatistics: StatisticDefinition[] = [
  { name: 'competitions.entries', public: true, label: { zh: '大赛参赛项目', en: 'Competition entries' }, unit: N, compute: entries },
  { name: 'competitions.winners', public: true, label: { zh: '大赛获奖项目', en: 'Competition winners' }, unit: N, compute: winners },
  { name: 'competitions.judges', label: { zh: '大赛评委', en: 'Competition judges' }, unit: { zh: '人', en: 'judges' }, compute: judges },
  { name: 'competitions.conflicts_excluded', label: { zh: '因利益冲突回避的评审', en: 'Judges excluded for a conflict of interest' }, unit: { zh: '人次', en: 'exclusions' }, compute: exclusions },
];
