import { sql } from 'kysely';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

/** Orders by the region of the ordering enterprise; instants in the period's days (Asia/Shanghai). */
const inPeriod = (q: StatisticQuery) => ({ from: new Date(`${q.from}T00:00:00+08:00`), to: new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000) });

async function ordersAccepted(db: Db | Tx, q: StatisticQuery, what: 'count' | 'fen'): Promise<number> {
  const { from, to } = inPeriod(q);
  const r = await sql<{ n: number }>`
    SELECT ${what === 'count' ? sql`count(*)` : sql`coalesce(sum(o.price_fen), 0)`}::bigint AS n
      FROM marketplace_orders o JOIN subjects s ON s.id = o.subject_id
     WHERE o.status = 'accepted' AND o.accepted_at >= ${from} AND o.accepted_at < ${to}
       AND s.region_code LIKE ${regionPrefix(q.regionCode) + '%'}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function ordersPlaced(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const { from, to } = inPeriod(q);
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM marketplace_orders o JOIN subjects s ON s.id = o.subject_id
     WHERE o.created_at >= ${from} AND o.created_at < ${to} AND s.region_code LIKE ${regionPrefix(q.regionCode) + '%'}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The mean rating (1–5, every dimension) of orders accepted in the period, of providers in the region; 0 without ratings. */
async function averageRating(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const { from, to } = inPeriod(q);
  const r = await sql<{ avg: string | null }>`
    SELECT avg(r.score)::text AS avg FROM marketplace_ratings r
      JOIN marketplace_orders o ON o.id = r.order_id JOIN identity_organisations p ON p.id = o.provider_organisation_id
     WHERE o.accepted_at >= ${from} AND o.accepted_at < ${to} AND p.region_code LIKE ${regionPrefix(q.regionCode) + '%'}`.execute(db);
  const avg = r.rows[0]?.avg;
  return avg ? Math.round(Number(avg) * 100) / 100 : 0;
}

/** Providers in the region with `stars` in the annual grade of the period's last year. */
async function providersWithStars(db: Db | Tx, q: StatisticQuery, stars: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM marketplace_grades g JOIN identity_organisations p ON p.id = g.organisation_id
     WHERE g.year = ${Number(q.to.slice(0, 4))} AND g.stars = ${stars} AND p.region_code LIKE ${regionPrefix(q.regionCode) + '%'}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Providers in the region whose certification covers `category` and is in force on the period's last day. */
async function certifiedIn(db: Db | Tx, q: StatisticQuery, category: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM marketplace_certifications c JOIN identity_organisations p ON p.id = c.organisation_id
     WHERE c.status = 'certified' AND c.valid_from <= ${q.to}::date AND c.valid_to >= ${q.to}::date
       AND ${category} = ANY(c.categories) AND p.region_code LIKE ${regionPrefix(q.regionCode) + '%'}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export const marketplaceStatistics: StatisticDefinition[] = [
  { name: 'marketplace.orders_placed', public: true, label: { zh: '服务订单数', en: 'Service orders placed' }, unit: { zh: '单', en: 'orders' }, compute: ordersPlaced },
  { name: 'marketplace.orders_accepted', public: true, label: { zh: '已验收服务订单数', en: 'Service orders accepted' }, unit: { zh: '单', en: 'orders' }, compute: (db, q) => ordersAccepted(db, q, 'count') },
  { name: 'marketplace.orders_accepted_fen', public: true, label: { zh: '已验收服务订单金额', en: 'Value of accepted service orders' }, unit: { zh: '分', en: 'fen' }, compute: (db, q) => ordersAccepted(db, q, 'fen') },
  { name: 'marketplace.average_rating', public: true, label: { zh: '服务平均评分', en: 'Average service rating' }, unit: { zh: '分（1–5）', en: 'points (1–5)' }, compute: averageRating },
  ...[1, 2, 3, 4, 5].map(
    (n): StatisticDefinition => ({
      name: `marketplace.providers_${n}_stars`, public: true,
      label: { zh: `${n}星级服务机构数`, en: `Providers graded ${n} star${n > 1 ? 's' : ''}` },
      unit: { zh: '家', en: 'providers' },
      compute: (db, q) => providersWithStars(db, q, n),
    }),
  ),
  ...SERVICE_CATEGORIES.map(
    (c): StatisticDefinition => ({
      name: `marketplace.certified_${c}`, public: true,
      label: { zh: `认证服务机构数（${SERVICE_CATEGORY_LABELS[c].zh}）`, en: `Certified providers (${SERVICE_CATEGORY_LABELS[c].en})` },
      unit: { zh: '家', en: 'providers' },
      compute: (db, q) => certifiedIn(db, q, c),
    }),
  ),
];
