import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const budgetStatistics: StatisticDefinition[] = [
  {
    name: 'budgets.paid_fen', public: true,
    label: { zh: '已拨付金额', en: 'Amount paid' },
    unit: { zh: '分', en: 'fen' },
    // The region is that of the finance department paying from the budget.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string | null }>`SELECT sum(p.amount_fen) AS n FROM budget_payments p
                                           JOIN budget_budgets b ON b.id = p.budget_id
                                           JOIN identity_organisations o ON o.id = b.finance_department_id
                                          WHERE p.status = 'paid' AND ${inRegion('o.region_code', q)} AND ${inPeriod('p.paid_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];

/** Budgets of the years `fromYear`–`toYear` whose finance department is inside `scopeRegion`: amount, committed, paid (fen). */
export async function budgetFigures(db: Db | Tx, q: { scopeRegion: string; fromYear: number; toYear: number }) {
  const r = await sql<{ id: string; item_id: string; year: number; amount_fen: string; committed_fen: string; paid_fen: string }>`
    SELECT b.id, b.item_id, b.year, b.amount_fen, b.committed_fen, b.paid_fen
      FROM budget_budgets b JOIN identity_organisations o ON o.id = b.finance_department_id
     WHERE ${inRegion('o.region_code', { regionCode: q.scopeRegion, from: '', to: '' })} AND b.year BETWEEN ${q.fromYear} AND ${q.toYear}
     ORDER BY b.year, b.item_id`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    itemId: x.item_id,
    year: Number(x.year),
    amountFen: asNumber(x.amount_fen),
    committedFen: asNumber(x.committed_fen),
    paidFen: asNumber(x.paid_fen),
  }));
}

/** The awards a budget holds (committed or paid; released ones are no longer on it). */
export async function budgetAwardIds(db: Db | Tx, budgetId: string): Promise<string[]> {
  const r = await sql<{ award_id: string }>`SELECT award_id FROM budget_grants WHERE budget_id::text = ${budgetId} AND state <> 'released'`.execute(db);
  return r.rows.map((x) => x.award_id);
}

/** Budgets by item and year, for naming them (the audit log). */
export async function budgetsById(db: Db | Tx, ids: readonly string[]): Promise<Map<string, { itemId: string; year: number }>> {
  const wanted = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map();
  const r = await sql<{ id: string; item_id: string; year: number }>`SELECT id, item_id, year FROM budget_budgets WHERE id::text = ANY(${wanted}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, { itemId: x.item_id, year: Number(x.year) }]));
}

/** The award each payment pays (the audit log names a payment by its award). */
export async function paymentAwards(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map();
  const r = await sql<{ id: string; award_id: string }>`SELECT id, award_id FROM budget_payments WHERE id::text = ANY(${wanted}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.award_id]));
}
