import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const subjectStatistics: StatisticDefinition[] = [
  {
    name: 'subjects.profiles_created',
    label: { zh: '新建档案（一企一档）', en: 'Profiles created' },
    unit: { zh: '份', en: 'profiles' },
    // The demo's synthetic population is not a profile anyone created.
    compute: async (db, q) =>
      asNumber((await sql<{ n: string }>`SELECT count(*) AS n FROM subjects WHERE NOT demo AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)}`.execute(db)).rows[0]?.n),
  },
];
