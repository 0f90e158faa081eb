import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

const ITEMS = { zh: '件', en: 'items' };

/** Supervision items (督办件), internal: issued in the period, and escalated as overdue in it. */
export const supervisionStatistics: StatisticDefinition[] = [
  {
    name: 'targets.supervision_items',
    label: { zh: '交办督办件', en: 'Supervision items issued' },
    unit: ITEMS,
    compute: async (db, q) =>
      asNumber(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM targets_supervision_items s JOIN targets_targets g ON g.id = s.target_id WHERE ${inPeriod('s.issued_at', q)} AND ${inRegion('g.region_code', q)}`.execute(db)).rows[0]?.n,
      ),
  },
  {
    name: 'targets.supervision_overdue',
    label: { zh: '督办件逾期未答复、已报双创办', en: 'Supervision items overdue and escalated' },
    unit: ITEMS,
    compute: async (db, q) =>
      asNumber(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM targets_supervision_items s JOIN targets_targets g ON g.id = s.target_id WHERE s.escalated_on BETWEEN ${q.from}::date AND ${q.to}::date AND ${inRegion('g.region_code', q)}`.execute(db)).rows[0]?.n,
      ),
  },
];
