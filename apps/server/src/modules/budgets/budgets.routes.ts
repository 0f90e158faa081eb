import { Type } from '@sinclair/typebox';
import { Budget, BudgetableItem, BudgetBody, BudgetChange, BudgetChangeDecision, BudgetChangeQuery, BudgetLedgerEntry, BudgetQuery, IdParams } from '@seedbed/contract';
import type { Tx } from '../../platform/database.js';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { approveBudgetChange, budgetableItems, journalWithBalances, ledgerOf, listBudgetChanges, listBudgetViews, mayReadBudget, moneyProblem, rejectBudgetChange, setBudget } from './budgets.service.js';
import { findBudgetById } from './budgets.repository.js';
import { forbidden, notFound } from '../../platform/problems.js';

export function budgetRoutes(app: AppInstance): void {
  /** One transaction; a refusal by the database is a 409 problem naming the rule, never a 500. */
  const inTransaction = <T>(work: (trx: Tx) => Promise<T>): Promise<T> =>
    app.deps.db
      .transaction()
      .execute(work)
      .catch((error: unknown) => {
        throw moneyProblem(error);
      });

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

  app.get(
    '/api/v1/budgets/items',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '可安排预算的事项 / The catalogue items my finance departments may open a budget for (those in the regions they cover)',
        response: { 200: Type.Object({ items: Type.Array(BudgetableItem) }) },
      },
    },
    async (request) => ({ items: await budgetableItems(app.deps.db, requirePrincipal(request)) }),
  );

  app.put(
    '/api/v1/budgets',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '设置预算 / Set an item\'s budget for a year: created at once the first time (201); for an existing budget a different amount, threshold or finance department is a proposed change (202) that takes effect when a second finance officer approves it; the same values change nothing (200)',
        description:
          '预算只能为政策目录中的事项设立，且财政部门的地区须覆盖事项所在地区；金额不能低于已批复与已拨付之和。 / A budget exists only for a catalogue item whose region the finance department covers; never below what is committed and paid. Two-person rule: the officer bound by a budget never changes its amount, threshold or owner alone.',
        body: BudgetBody,
        response: { 200: Budget, 201: Budget, 202: BudgetChange },
      },
    },
    async (request, reply) => {
      const result = await inTransaction((trx) => setBudget(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.body));
      if (result.outcome === 'proposed') return reply.code(202).send(result.change);
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result.budget);
    },
  );

  app.get(
    '/api/v1/budgets/changes',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '预算调整 / Changes of the budgets my finance department holds or would receive (newest first)',
        querystring: BudgetChangeQuery,
        response: { 200: Type.Object({ items: Type.Array(BudgetChange) }) },
      },
    },
    async (request) => ({ items: await listBudgetChanges(app.deps.db, requirePrincipal(request), request.query) }),
  );

  app.post(
    '/api/v1/budgets/changes/:id/approve',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '批准预算调整 / A second finance officer (of the department that will hold the budget, never the proposer) approves a change; it then takes effect',
        params: IdParams,
        response: { 200: BudgetChangeDecision },
      },
    },
    async (request) => inTransaction((trx) => approveBudgetChange(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/budgets/changes/:id/reject',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '驳回或撤回预算调整 / Reject a pending change (a finance officer of the department), or withdraw it (its proposer); the budget stays as it is',
        params: IdParams,
        response: { 200: BudgetChange },
      },
    },
    async (request) => inTransaction((trx) => rejectBudgetChange(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/budgets/:id/ledger',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '预算台账 / The journal of one budget: commitments, releases and payments in fen, each with the balances after it',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(BudgetLedgerEntry) }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const budget = await findBudgetById(app.deps.db, request.params.id);
      if (!budget) throw notFound({ zh: '该预算', en: 'Budget' });
      if (!(await mayReadBudget(app.deps.db, principal, budget.id))) throw forbidden();
      return { items: journalWithBalances(budget.amount_fen, await ledgerOf(app.deps.db, budget.id)) };
    },
  );
}
