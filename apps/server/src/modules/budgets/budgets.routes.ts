import { Type } from '@sinclair/typebox';
import { Budget, BudgetBody, BudgetLedgerEntry, BudgetQuery, IdParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { ledgerOf, listBudgetViews, setBudget } from './budgets.service.js';
import { findBudgetById } from './budgets.repository.js';
import { forbidden, notFound } from '../../platform/problems.js';

export function budgetRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/budgets',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '预算 / Budgets of my finance department: amount, committed, paid, left',
        querystring: BudgetQuery,
        response: { 200: Type.Object({ items: Type.Array(Budget) }) },
      },
    },
    async (request) => ({ items: await listBudgetViews(app.deps.db, requirePrincipal(request), request.query.year) }),
  );

  app.put(
    '/api/v1/budgets',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '设置预算 / Set an item\'s budget for a year (never below what is committed and paid)',
        body: BudgetBody,
        response: { 200: Budget },
      },
    },
    async (request) => app.deps.db.transaction().execute((trx) => setBudget(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.body)),
  );

  app.get(
    '/api/v1/budgets/:id/ledger',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '预算台账 / The ledger of one budget: commitments, releases and payments in fen',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(BudgetLedgerEntry) }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const budget = await findBudgetById(app.deps.db, request.params.id);
      if (!budget) throw notFound({ zh: '该预算', en: 'Budget' });
      const mine = principal.isPlatformAdmin || principal.permissions.has('fulfilment.supervise') || principal.memberships.some((m) => m.organisationId === budget.finance_department_id);
      if (!mine) throw forbidden();
      const rows = await ledgerOf(app.deps.db, budget.id);
      return { items: rows.map((r) => ({ id: r.id, awardId: r.award_id, kind: r.kind, amountFen: r.amount_fen, at: r.at.toISOString() })) };
    },
  );
}
