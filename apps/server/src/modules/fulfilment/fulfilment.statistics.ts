import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const fulfilmentStatistics: StatisticDefinition[] = [
  {
    name: 'fulfilment.applications_submitted',
    label: { zh: '提交的兑现申请', en: 'Applications submitted' },
    unit: { zh: '件', en: 'applications' },
    // Applications only: pending awards of no-application items (免申即享) are nobody's submission.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM fulfilment_applications
                                    WHERE origin = 'application' AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
  {
    name: 'fulfilment.approved_fen',
    label: { zh: '批复兑现金额', en: 'Amount approved' },
    unit: { zh: '分', en: 'fen' },
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string | null }>`SELECT sum(approved_fen) AS n FROM fulfilment_applications
                                           WHERE approved_on BETWEEN ${q.from}::date AND ${q.to}::date AND ${inRegion('region_code', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
  {
    name: 'fulfilment.applications_decided',
    label: { zh: '办结的兑现申请', en: 'Applications decided' },
    unit: { zh: '件', en: 'applications' },
    // Decided in the period: approved (the approval date) or not supported (the day of the decision); applications and pending awards alike.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM fulfilment_applications
                                    WHERE ${inRegion('region_code', q)}
                                      AND ((approved_on BETWEEN ${q.from}::date AND ${q.to}::date) OR (status = 'rejected' AND ${inPeriod('updated_at', q)}))`.execute(db)
        ).rows[0]?.n,
      ),
  },
];
