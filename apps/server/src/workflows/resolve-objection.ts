import { ObjectionResolutionBody, ApplicationView as ApplicationViewSchema, IdParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppDeps, type AppInstance } from '../platform/http.js';
import type { Principal } from '../platform/access.js';
import type { AuditContext } from '../modules/audit/index.js';
import { moneyProblem, releaseGrant } from '../modules/budgets/index.js';
import { completeObjectionResolution, getApplication, prepareObjectionResolution, type ApplicationView } from '../modules/fulfilment/index.js';

/**
 * Resolving an objection raised during publicity. Dismissed: the award stays in publicity. Upheld:
 * the award is revoked and its committed amount goes back to the budget, in one transaction.
 * Locks in the money path's one order: the objection and the application, the budget row
 * (releaseGrant, before anything is recorded), the audit chain last.
 */
export async function resolveObjection(deps: AppDeps, principal: Principal, ctx: AuditContext, objectionId: string, input: { outcome: 'upheld' | 'dismissed'; resolution: string }): Promise<ApplicationView> {
  const applicationId = await deps.db
    .transaction()
    .execute(async (trx) => {
      const prepared = await prepareObjectionResolution(trx, deps, principal, objectionId, input.outcome, input.resolution);
      if (input.outcome === 'upheld') await releaseGrant(trx, deps.clock, prepared.application.id, principal.userId);
      await completeObjectionResolution(trx, deps, principal, ctx, prepared);
      return prepared.application.id;
    })
    .catch((error: unknown) => {
      throw moneyProblem(error);
    });
  return getApplication(deps, principal, applicationId);
}

export function resolveObjectionRoute(app: AppInstance): void {
  app.post(
    '/api/v1/fulfilment/objections/:id/resolve',
    {
      config: { permission: 'fulfilment.review' },
      schema: {
        tags: ['fulfilment'],
        summary: '处理公示异议 / Resolve an objection (upheld revokes the award and releases its budget)',
        params: IdParams,
        body: ObjectionResolutionBody,
        response: { 200: ApplicationViewSchema },
      },
    },
    async (request) => resolveObjection(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
