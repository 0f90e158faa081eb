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

/** Statuses the dashboard counts: qualifies now, or may qualify (nothing in the profile rules it out; the item asks more). */
type Current = 'eligible' | 'unknown';

/** Subjects in the region by item and current status (their latest evaluation). */
export async function matchCounts(db: Db | Tx, regionCode: string): Promise<{ itemId: string; status: Current; n: number }[]> {
  const r = await sql<{ item_id: string; status: Current; n: string }>`
    SELECT m.item_id, m.status, count(*) AS n FROM finder_matches m JOIN subjects s ON s.id = m.subject_id
     WHERE m.status IN ('eligible','unknown') AND ${inRegion('s.region_code', { regionCode, from: '', to: '' })}
     GROUP BY m.item_id, m.status`.execute(db);
  return r.rows.map((x) => ({ itemId: x.item_id, status: x.status, n: asNumber(x.n) }));
}

/** The current status of given (item, subject) pairs, keyed "item subject". */
export async function matchStatuses(db: Db | Tx, pairs: readonly { itemId: string; subjectId: string }[]): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const r = await sql<{ item_id: string; subject_id: string; status: string }>`
    SELECT m.item_id, m.subject_id, m.status FROM finder_matches m
     WHERE (m.item_id, m.subject_id::text) IN (SELECT * FROM unnest(${pairs.map((p) => p.itemId)}::text[], ${pairs.map((p) => p.subjectId)}::text[]))`.execute(db);
  return new Map(r.rows.map((x) => [`${x.item_id} ${x.subject_id}`, x.status]));
}

/** Subjects in the region that qualify or may qualify for an item now, with their name and district. */
export async function matchedSubjects(db: Db | Tx, regionCode: string, itemId: string): Promise<{ subjectId: string; subjectName: string; regionCode: string | null; status: Current; amountFen: number | null }[]> {
  const r = await sql<{ subject_id: string; name: string; region_code: string | null; status: Current; amount_fen: string | null }>`
    SELECT m.subject_id, s.name, s.region_code, m.status, m.amount_fen FROM finder_matches m JOIN subjects s ON s.id = m.subject_id
     WHERE m.item_id = ${itemId} AND m.status IN ('eligible','unknown') AND ${inRegion('s.region_code', { regionCode, from: '', to: '' })}
     ORDER BY m.status, s.name LIMIT 20000`.execute(db);
  return r.rows.map((x) => ({ subjectId: x.subject_id, subjectName: x.name, regionCode: x.region_code, status: x.status, amountFen: x.amount_fen === null ? null : asNumber(x.amount_fen) }));
}
