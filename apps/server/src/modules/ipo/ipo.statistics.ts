import { IPO_STAGES, IPO_STAGE_LABELS, type IpoStage } from '@seedbed/contract';
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';

/** Enterprises of the region in the pool at the end of the period (admitted by then). */
async function inPool(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ipo_entries WHERE region_code LIKE ${inRegion(q)} AND status = 'admitted' AND admitted_on <= ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Enterprises of the region admitted into the pool within the period. */
async function admitted(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ipo_entries WHERE region_code LIKE ${inRegion(q)} AND status = 'admitted' AND admitted_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Stages (股改, 辅导备案, 申报受理, 挂牌/上市) the office verified within the period. */
async function stagesReached(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ipo_stage_records s JOIN ipo_entries e ON e.id = s.entry_id
     WHERE e.region_code LIKE ${inRegion(q)} AND s.status = 'verified' AND s.verified_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Listings (挂牌/上市) verified within the period. */
async function listings(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ipo_stage_records s JOIN ipo_entries e ON e.id = s.entry_id
     WHERE e.region_code LIKE ${inRegion(q)} AND s.stage = 'listed' AND s.status = 'verified' AND s.verified_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Stage rewards handed to fulfilment as pending awards within the period. */
async function rewards(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ipo_reward_verdicts v JOIN ipo_entries e ON e.id = v.entry_id
     WHERE e.region_code LIKE ${inRegion(q)} AND v.handed AND v.evaluated_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Enterprises of the region in the pool at the end of the period whose furthest stage is `stage` (as of today's records). */
const inPoolAt =
  (stage: IpoStage) =>
  async (db: Db | Tx, q: StatisticQuery): Promise<number> => {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ipo_entries WHERE region_code LIKE ${inRegion(q)} AND status = 'admitted' AND admitted_on <= ${q.to}::date AND stage = ${stage}`.execute(db);
    return r.rows[0]?.n ?? 0;
  };

export const ipoStatistics: StatisticDefinition[] = [
  { name: 'ipo.in_pool', public: true, label: { zh: '后备上市资源库在库企业', en: 'Enterprises in the pre-IPO pool' }, unit: { zh: '家', en: 'enterprises' }, compute: inPool },
  ...IPO_STAGES.map(
    (stage): StatisticDefinition => ({
      name: `ipo.in_pool_${stage}`,
      public: true,
      label: { zh: `在库企业：${IPO_STAGE_LABELS[stage].zh}`, en: `Enterprises in the pool: ${IPO_STAGE_LABELS[stage].en}` },
      unit: { zh: '家', en: 'enterprises' },
      compute: inPoolAt(stage),
    }),
  ),
  { name: 'ipo.admitted', public: true, label: { zh: '新入库的后备上市企业', en: 'Enterprises admitted into the pre-IPO pool' }, unit: { zh: '家', en: 'enterprises' }, compute: admitted },
  { name: 'ipo.stages_reached', public: true, label: { zh: '核实的上市进程阶段', en: 'Listing stages verified' }, unit: { zh: '个', en: 'stages' }, compute: stagesReached },
  { name: 'ipo.listings', public: true, label: { zh: '核实的挂牌/上市', en: 'Listings verified' }, unit: { zh: '家', en: 'listings' }, compute: listings },
  { name: 'ipo.rewards', public: true, label: { zh: '移交兑现的上市阶段奖励', en: 'Listing-stage rewards handed to fulfilment' }, unit: { zh: '笔', en: 'awards' }, compute: rewards },
];
