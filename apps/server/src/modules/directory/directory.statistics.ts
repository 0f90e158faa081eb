import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { inRegion } from '../../platform/statistics.js';

/** Enterprises of the region listed in the directory at the period's end (opting out removes them). */
export const directoryStatistics: readonly StatisticDefinition[] = [
  {
    name: 'directory.enterprises_listed',
    public: true,
    label: { zh: '公开展示的企业', en: 'Enterprises listed in the directory' },
    unit: { zh: '家', en: 'enterprises' },
    async compute(db, q) {
      const r = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM directory_enterprises e JOIN identity_organisations o ON o.id = e.organisation_id
         WHERE ${inRegion('o.region_code', q)} AND e.listed_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`.execute(db);
      return r.rows[0]?.n ?? 0;
    },
  },
];
