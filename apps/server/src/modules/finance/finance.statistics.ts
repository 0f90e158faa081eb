import { sql, type RawBuilder } from 'kysely';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

/** One number (the query's `n`) over the needs of the region: by the need's region, in the period. */
const count =
  (query: (q: StatisticQuery) => RawBuilder<{ n: string }>): StatisticDefinition['compute'] =>
  async (db, q) =>
    asNumber((await query(q).execute(db)).rows[0]?.n);

export const financeStatistics: StatisticDefinition[] = [
  {
    name: 'finance.needs_posted',
    public: true,
    label: { zh: '企业融资需求', en: 'Financing needs posted' },
    unit: { zh: '项', en: 'needs' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM finance_needs n WHERE ${inRegion('n.region_code', q)} AND ${inPeriod('n.posted_at', q)}`),
  },
  {
    name: 'finance.needs_matched',
    public: true,
    label: { zh: '匹配到金融产品的需求', en: 'Needs matched to a product' },
    unit: { zh: '项', en: 'needs' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM finance_needs n WHERE ${inRegion('n.region_code', q)} AND ${inPeriod('n.posted_at', q)} AND EXISTS (SELECT 1 FROM finance_requests r WHERE r.need_id = n.id)`),
  },
  {
    name: 'finance.answered_in_time',
    public: true,
    label: { zh: '按期答复的融资申请', en: 'Requests answered by their due date' },
    unit: { zh: '笔', en: 'requests' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM finance_requests r JOIN finance_needs n ON n.id = r.need_id WHERE ${inRegion('n.region_code', q)} AND ${inPeriod('r.answered_at', q)} AND r.answered_on <= r.due_on`),
  },
  {
    name: 'finance.overdue',
    public: true,
    label: { zh: '超期答复或超期未答复的融资申请', en: 'Requests answered late or overdue' },
    unit: { zh: '笔', en: 'requests' },
    compute: count(
      (q) =>
        sql<{ n: string }>`SELECT count(*) AS n FROM finance_requests r JOIN finance_needs n ON n.id = r.need_id
                            WHERE ${inRegion('n.region_code', q)} AND r.due_on BETWEEN ${q.from}::date AND ${q.to}::date
                              AND (r.answered_on > r.due_on OR (r.answered_on IS NULL AND r.due_on < ${q.to}::date))`,
    ),
  },
  {
    name: 'finance.granted_fen',
    public: true,
    label: { zh: '金融机构同意的融资金额', en: 'Amount institutions offered' },
    unit: { zh: '分', en: 'fen' },
    compute: count((q) => sql<{ n: string }>`SELECT coalesce(sum(r.offer_amount_fen), 0) AS n FROM finance_requests r JOIN finance_needs n ON n.id = r.need_id WHERE ${inRegion('n.region_code', q)} AND ${inPeriod('r.answered_at', q)} AND r.status = 'accepted'`),
  },
];
