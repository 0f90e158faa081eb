import { Type } from '@sinclair/typebox';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { ledgerOf, listBudgetViews, setBudget } from './budgets.service.js';
import { findBudgetById } from './budgets.repository.js';
import { forbidden, notFound } from '../../platform/problems.js';
import { IdParams } from '@seedbed/contract';

const BudgetSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  year: Type.Integer(),
  financeDepartmentId: Type.Union([Type.String(), Type.Null()]),
  amountFen: Type.Integer(),
  committedFen: Type.Integer(),
  paidFen: Type.Integer(),
  leftFen: Type.Integer(),
  secondApprovalThresholdFen: Type.Integer(),
});

export function budgetRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/budgets',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '预算 / Budgets of my finance department: amount, committed, paid, left',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(BudgetSchema) }) },
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
        body: Type.Object(
          {
            itemId: Type.String({ minLength: 3, maxLength: 100 }),
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            amountFen: Type.Integer({ minimum: 0, maximum: 1e15 }),
            secondApprovalThresholdFen: Type.Integer({ minimum: 0, maximum: 1e15 }),
            financeDepartmentId: Type.String({ format: 'uuid' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: BudgetSchema },
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
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.Integer(), awardId: Type.String(), kind: Type.String(), amountFen: Type.Integer(), at: Type.String() })),
          }),
        },
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
