import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const budgetStatistics: StatisticDefinition[] = [
  {
    name: 'budgets.paid_fen',
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
