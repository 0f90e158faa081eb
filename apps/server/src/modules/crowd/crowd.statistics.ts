import { sql } from 'kysely';
import { CROWD_CATEGORIES, CROWD_OTHER_LABEL, SERVICE_CATEGORY_LABELS, type CrowdCategory } from '@seedbed/contract';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

const COUNT = { zh: '件', en: 'items' };
const FEN = { zh: '分', en: 'fen' };
const label = (c: CrowdCategory) => (c === 'other' ? CROWD_OTHER_LABEL : SERVICE_CATEGORY_LABELS[c]);

const tasks = (what: 'count(*)' | 'sum(reward_fen)', completed: boolean): StatisticDefinition['compute'] => async (db, q) =>
  asNumber(
    (
      await sql<{ n: string | null }>`SELECT ${sql.raw(what)} AS n FROM crowd_tasks
        WHERE ${inRegion('region_code', q)} AND ${completed ? sql`status = 'completed' AND ${inPeriod('settled_at', q)}` : inPeriod('created_at', q)}`.execute(db)
    ).rows[0]?.n,
  );

const posts = (kind: 'supply' | 'demand', category?: CrowdCategory): StatisticDefinition['compute'] => async (db, q) =>
  asNumber(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM crowd_posts
        WHERE kind = ${kind} AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)} ${category ? sql`AND category = ${category}` : sql``}`.execute(db)
    ).rows[0]?.n,
  );

const KIND = { supply: { zh: '产品供给', en: 'supply' }, demand: { zh: '需求', en: 'demand' } } as const;

export const crowdStatistics: StatisticDefinition[] = [
  { name: 'crowd.tasks_posted', public: true, label: { zh: '发布的众包任务', en: 'Crowd tasks posted' }, unit: COUNT, compute: tasks('count(*)', false) },
  { name: 'crowd.tasks_posted_reward_fen', public: true, label: { zh: '发布的众包任务赏金', en: 'Rewards of crowd tasks posted' }, unit: FEN, compute: tasks('sum(reward_fen)', false) },
  { name: 'crowd.tasks_completed', public: true, label: { zh: '完成的众包任务', en: 'Crowd tasks completed' }, unit: COUNT, compute: tasks('count(*)', true) },
  { name: 'crowd.tasks_completed_reward_fen', public: true, label: { zh: '完成的众包任务赏金', en: 'Rewards of crowd tasks completed' }, unit: FEN, compute: tasks('sum(reward_fen)', true) },
  {
    name: 'crowd.escrow_held_fen',
    label: { zh: '托管中的赏金（期末）', en: 'Rewards held in escrow (at the end of the period)' },
    unit: FEN,
    // Tasks posted by the end of the period and not settled by then: their reward was in escrow.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string | null }>`SELECT sum(reward_fen) AS n FROM crowd_tasks
            WHERE ${inRegion('region_code', q)} AND (created_at AT TIME ZONE 'Asia/Shanghai')::date <= ${q.to}::date
              AND (settled_at IS NULL OR (settled_at AT TIME ZONE 'Asia/Shanghai')::date > ${q.to}::date)`.execute(db)
        ).rows[0]?.n,
      ),
  },
  ...(['supply', 'demand'] as const).flatMap((kind): StatisticDefinition[] => [
    { name: `crowd.posts_${kind}`, public: true, label: { zh: `${KIND[kind].zh}信息`, en: `${KIND[kind].en} posts` }, unit: COUNT, compute: posts(kind) },
    ...CROWD_CATEGORIES.map((c) => ({
      name: `crowd.posts_${kind}.${c}`, public: true,
      label: { zh: `${KIND[kind].zh}信息：${label(c).zh}`, en: `${KIND[kind].en} posts: ${label(c).en}` },
      unit: COUNT,
      compute: posts(kind, c),
    })),
  ]),
];
