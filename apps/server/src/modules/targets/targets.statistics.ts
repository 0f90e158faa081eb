import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

const TARGETS = { zh: '项', en: 'targets' };
const REPORTS = { zh: '份', en: 'reports' };

export const targetsStatistics: StatisticDefinition[] = [
  {
    name: 'targets.targets',
    label: { zh: '目标任务（不含分解）', en: 'Targets (parts not counted)' },
    unit: TARGETS,
    // Targets whose period overlaps the period asked for.
    compute: async (db, q) =>
      asNumber(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM targets_targets WHERE parent_id IS NULL AND period_from <= ${q.to}::date AND period_to >= ${q.from}::date AND ${inRegion('region_code', q)}`.execute(db)).rows[0]?.n,
      ),
  },
  {
    name: 'targets.reports',
    label: { zh: '工作台账进展报送', en: 'Progress reports filed' },
    unit: REPORTS,
    compute: async (db, q) =>
      asNumber(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM targets_reports r JOIN targets_targets g ON g.id = r.target_id WHERE ${inPeriod('r.reported_at', q)} AND ${inRegion('g.region_code', q)}`.execute(db)).rows[0]?.n,
      ),
  },
  {
    name: 'targets.escalations',
    label: { zh: '逾期未报送、已报送领导', en: 'Late reports escalated' },
    unit: REPORTS,
    compute: async (db, q) =>
      asNumber(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM targets_chases c JOIN targets_targets g ON g.id = c.target_id WHERE c.stage = 'escalated' AND c.on_day BETWEEN ${q.from}::date AND ${q.to}::date AND ${inRegion('g.region_code', q)}`.execute(db)).rows[0]?.n,
      ),
  },
];
