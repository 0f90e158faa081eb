import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

/** Content published in the period by departments of the region (withdrawn ones still counted as published then). */
export const contentStatistics: StatisticDefinition[] = [
  {
    name: 'content.items_published', public: true,
    label: { zh: '发布的资讯', en: 'Content items published' },
    unit: { zh: '篇', en: 'items' },
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM content_items c JOIN identity_organisations o ON o.id = c.organisation_id
                                    WHERE c.status IN ('published','withdrawn') AND ${inRegion('o.region_code', q)} AND ${inPeriod('c.publish_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];
