import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const listsStatistics: StatisticDefinition[] = [
  {
    name: 'lists.complaints_filed', public: true,
    label: { zh: '乱收费投诉', en: 'Complaints of fees not on the list' },
    unit: { zh: '件', en: 'complaints' },
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM lists_complaints x JOIN identity_organisations o ON o.id = x.organisation_id
                                    WHERE ${inRegion('o.region_code', q)} AND ${inPeriod('x.filed_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];
