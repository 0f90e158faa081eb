import { Type } from '@sinclair/typebox';
import { ApplicantPayment, IdParams } from '@seedbed/contract';
import { requirePrincipal, type AppInstance } from '../platform/http.js';
import { paymentOfAward, paymentView } from '../modules/budgets/index.js';
import { getApplication } from '../modules/fulfilment/index.js';

/**
 * The applicant's read-only view of the payment of their award (budgets owns payments,
 * fulfilment decides who may read the application): what was paid, when, and into which account
 * (when the payment records one). Whoever may read the application may read this.
 */
export function applicantPaymentRoute(app: AppInstance): void {
  app.get(
    '/api/v1/fulfilment/applications/:id/payment',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '拨付情况 / The payment of my award: amount, when, into which account (read-only)',
        params: IdParams,
        response: { 200: Type.Object({ payment: Type.Union([ApplicantPayment, Type.Null()]) }) },
      },
    },
    async (request) => {
      // Refuses (404) whoever may not read the application.
      await getApplication(app.deps, requirePrincipal(request), request.params.id);
      const found = await paymentOfAward(app.deps.db, request.params.id);
      if (!found) return { payment: null };
      const view = paymentView(found);
      return { payment: { status: view.status, amountFen: view.amountFen, paidAt: view.paidAt, payeeAccount: accountText((view as { payeeAccount?: unknown }).payeeAccount) } };
    },
  );
}

/** The payee account as one line, whatever shape the payment keeps it in (a text, or its parts). */
function accountText(account: unknown): string | null {
  if (typeof account === 'string') return account.trim() || null;
  if (account && typeof account === 'object') {
    const parts = Object.values(account as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return parts.length ? parts.join(' · ') : null;
  }
  return null;
}
