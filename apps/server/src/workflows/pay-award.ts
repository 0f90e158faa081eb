import { Type } from '@sinclair/typebox';
import { IdParams, Payment, PaymentRequestBody, PaymentRequestResult } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppDeps, type AppInstance } from '../platform/http.js';
import { membershipsGranting, type Principal } from '../platform/access.js';
import { conflict, notFound } from '../platform/problems.js';
import type { AuditContext } from '../modules/audit/index.js';
import { approvePayment, findPayment, moneyProblem, paymentByKey, paymentOfAward, paymentView, requestPayment, type PaymentView } from '../modules/budgets/index.js';
import { assertPayable, lockAward, payeeOf, recordPaymentStep } from '../modules/fulfilment/index.js';

/**
 * Payment (拨付) spans budgets and fulfilment: the payment, its ledger entry and the award's
 * closing commit together. A request carries an idempotency key: a retry with the same key
 * (even concurrently) returns the first payment and pays nothing again; the award row lock
 * queues concurrent requests, and unique keys (per award, per idempotency key) are the last word.
 * Locks are taken in the money path's one order: the award, the payment, the budget row, its ledger accounts, and the
 * audit chain last (budgets.service locks the budget before anything is recorded), so payments
 * and approvals on one budget never deadlock. A refusal by the database is a 409 (moneyProblem).
 */
const financeDepartmentOf = (principal: Principal): string | null => membershipsGranting(principal, 'fulfilment.pay')[0]?.organisationName ?? null;

export async function requestAwardPayment(deps: AppDeps, principal: Principal, ctx: AuditContext, input: { awardId: string; idempotencyKey: string }): Promise<{ payment: PaymentView; replayed: boolean }> {
  const replay = (p: Awaited<ReturnType<typeof paymentByKey>>) => {
    if (!p) return null;
    if (p.award_id !== input.awardId) throw conflict('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一笔拨付', 'This idempotency key was already used for another payment');
    return { payment: paymentView(p), replayed: true };
  };
  const prior = replay(await paymentByKey(deps.db, input.idempotencyKey));
  if (prior) return prior;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const award = await lockAward(trx, input.awardId);
      const again = replay(await paymentByKey(trx, input.idempotencyKey));
      if (again) return again;
      assertPayable(award);
      const payment = await requestPayment(trx, deps, principal, ctx, input, await payeeOf(trx, award.id));
      const dept = financeDepartmentOf(principal);
      await recordPaymentStep(trx, deps, ctx, award, 'requested', payment.amount_fen, payment.needs_second_approval, dept);
      if (payment.status === 'paid') await recordPaymentStep(trx, deps, ctx, award, 'paid', payment.amount_fen, false, dept);
      return { payment: paymentView(payment), replayed: false };
    });
  } catch (error) {
    throw moneyProblem(error);
  }
}

export async function approveAwardPayment(deps: AppDeps, principal: Principal, ctx: AuditContext, paymentId: string): Promise<PaymentView> {
  const found = await findPayment(deps.db, paymentId);
  if (!found) throw notFound({ zh: '该拨付', en: 'Payment' });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const award = await lockAward(trx, found.award_id);
      const paid = await approvePayment(trx, deps, principal, ctx, paymentId);
      await recordPaymentStep(trx, deps, ctx, award, 'paid', paid.amount_fen, false, financeDepartmentOf(principal));
      return paymentView(paid);
    });
  } catch (error) {
    throw moneyProblem(error);
  }
}

export function payAwardRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/budgets/awards/:id/payment',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '奖补的拨付 / The payment of an award, if one was requested',
        params: IdParams,
        response: { 200: Type.Object({ payment: Type.Union([Payment, Type.Null()]) }) },
      },
    },
    async (request) => {
      const found = await paymentOfAward(app.deps.db, request.params.id);
      return { payment: found ? paymentView(found) : null };
    },
  );

  app.post(
    '/api/v1/budgets/payments',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '申请拨付 / Pay an award (idempotent by key; above the threshold it waits for a second finance officer)',
        body: PaymentRequestBody,
        response: { 200: PaymentRequestResult, 201: PaymentRequestResult },
      },
    },
    async (request, reply) => {
      const result = await requestAwardPayment(app.deps, requirePrincipal(request), auditContextOf(request), request.body);
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    '/api/v1/budgets/payments/:id/approve',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['budgets'],
        summary: '拨付复核 / Second finance officer approves a payment above the threshold (must not be the requester)',
        params: IdParams,
        response: { 200: Payment },
      },
    },
    async (request) => approveAwardPayment(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
}
