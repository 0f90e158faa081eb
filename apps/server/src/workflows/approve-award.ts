import { ApplicationApprovalBody, ApplicationView as ApplicationViewSchema, IdParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppDeps, type AppInstance } from '../platform/http.js';
import type { Principal } from '../platform/access.js';
import type { AuditContext } from '../modules/audit/index.js';
import { commitGrant, moneyProblem } from '../modules/budgets/index.js';
import { completeApproval, getApplication, preloadApplication, prepareApproval, type ApplicationView } from '../modules/fulfilment/index.js';

/**
 * Approval (批复) spans fulfilment and budgets: the application moves to publicity and the
 * approved amount is committed against the item's budget for the year, in one transaction. The
 * budget is written first, so concurrent approvals queue on the budget row and the ledger's floor
 * on the budget's account refuses the hold that would overdraw it; then nothing of that approval
 * is kept. Locks in the money path's one order: the application, the budget row and its ledger
 * accounts (commitGrant), the audit chain last
 * (completeApproval). A refusal by the database is a 409 naming the rule (moneyProblem).
 */
export async function approveAward(deps: AppDeps, principal: Principal, ctx: AuditContext, id: string, input: { amountFen?: number | undefined; note?: string | undefined }): Promise<ApplicationView> {
  const loaded = await preloadApplication(deps, id);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const prepared = await prepareApproval(trx, deps, principal, id, input.amountFen, loaded);
      if (prepared.grant) await commitGrant(trx, deps.clock, { ...prepared.grant, awardId: id, actorUserId: principal.userId });
      await completeApproval(trx, deps, ctx, prepared, input.note?.trim() || null);
    });
  } catch (error) {
    throw moneyProblem(error);
  }
  return getApplication(deps, principal, id);
}

export function approveAwardRoute(app: AppInstance): void {
  app.post(
    '/api/v1/fulfilment/applications/:id/approve',
    {
      config: { permission: 'fulfilment.review' },
      schema: {
        tags: ['fulfilment'],
        summary: '批复 / Approve an award: commits the amount to the budget and starts publicity',
        params: IdParams,
        body: ApplicationApprovalBody,
        response: { 200: ApplicationViewSchema },
      },
    },
    async (request) => approveAward(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
