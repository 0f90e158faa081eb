import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const identityStatistics: StatisticDefinition[] = [
  {
    name: 'identity.enterprises_registered', public: true,
    label: { zh: '新注册企业', en: 'Enterprises registered' },
    unit: { zh: '家', en: 'enterprises' },
    compute: async (db: Db | Tx, q) => {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM identity_organisations
                                          WHERE kind = 'enterprise' AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)}`.execute(db);
      return asNumber(r.rows[0]?.n);
    },
  },
];
