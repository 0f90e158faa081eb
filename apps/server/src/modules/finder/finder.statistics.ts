import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const finderStatistics: StatisticDefinition[] = [
  {
    name: 'finder.eligible_matches',
    label: { zh: '符合条件的政策匹配', en: 'Eligible policy matches' },
    unit: { zh: '项', en: 'matches' },
    // A subject and an item it qualifies for, as last evaluated within the period (a later evaluation replaces the row).
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM finder_matches m JOIN subjects s ON s.id = m.subject_id
                                    WHERE m.status = 'eligible' AND ${inRegion('s.region_code', q)}
                                      AND m.evaluated_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db)
        ).rows[0]?.n,
      ),
  },
  {
    name: 'finder.simulations_run',
    label: { zh: '政策模拟测算次数', en: 'Policy simulations run' },
    unit: { zh: '次', en: 'simulations' },
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM finder_simulations f JOIN policy_items i ON i.id = f.item_id
                                    WHERE ${inRegion('i.region_code', q)} AND ${inPeriod('f.created_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];

/** Subjects in the region that qualify for an item now (their latest evaluation), with their name and district. */
export async function eligibleMatches(db: Db | Tx, regionCode: string): Promise<{ itemId: string; subjectId: string; subjectName: string; regionCode: string | null; amountFen: number | null }[]> {
  const r = await sql<{ item_id: string; subject_id: string; name: string; region_code: string | null; amount_fen: string | null }>`
    SELECT m.item_id, m.subject_id, s.name, s.region_code, m.amount_fen FROM finder_matches m JOIN subjects s ON s.id = m.subject_id
     WHERE m.status = 'eligible' AND ${inRegion('s.region_code', { regionCode, from: '', to: '' })}`.execute(db);
  return r.rows.map((x) => ({ itemId: x.item_id, subjectId: x.subject_id, subjectName: x.name, regionCode: x.region_code, amountFen: x.amount_fen === null ? null : asNumber(x.amount_fen) }));
}
