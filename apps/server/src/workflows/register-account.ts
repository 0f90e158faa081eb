import { creditCodeProblem, Problem, RegisterBody, SignedIn, type RegisterBody as RegisterInput } from '@seedbed/contract';
import { auditContextOf, type AppDeps, type AppInstance } from '../platform/http.js';
import { fieldError, invalid } from '../platform/problems.js';
import type { AuditContext } from '../modules/audit/index.js';
import { createOrganisation, createUser, login, loginRateLimit, setMembership, setSessionCookie } from '../modules/identity/index.js';
import { createEnterpriseSubject, createOrganisationSubject, createPersonSubject, creditCodeError } from '../modules/subjects/index.js';

/**
 * Registration spans identity and subjects: the account, for an enterprise its organisation and
 * owner membership, and the profile (一企一档) all commit together or not at all. A service
 * provider, an instrument owner, a carrier's operator or an investor gets its organisation (credit
 * code checked as an enterprise's) and owner membership.
 */
export async function registerAccount(deps: AppDeps, ctx: AuditContext, input: RegisterInput): Promise<string> {
  if (input.accountType !== 'person') {
    if (!input.enterprise) {
      throw invalid([fieldError('enterprise', 'required', '企业或机构注册需要填写机构信息', 'is required to register an enterprise or an organisation')]);
    }
    const problem = creditCodeProblem(input.enterprise.creditCode);
    if (problem) throw invalid([creditCodeError('enterprise.creditCode', problem)]);
  } else if (input.enterprise) {
    throw invalid([fieldError('enterprise', 'not_allowed', '个人注册不需要企业信息', 'is only for enterprise accounts')]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, deps, ctx, { username: input.username, displayName: input.displayName, password: input.password });
    const actor = { ...ctx, actorUserId: userId, actor: input.username };
    if (input.accountType === 'enterprise' && input.enterprise) {
      const e = input.enterprise;
      const organisationId = await createOrganisation(
        trx,
        deps,
        actor,
        { name: e.name, kind: 'enterprise', regionCode: e.regionCode, creditCode: e.creditCode },
        'enterprise.',
      );
      await setMembership(trx, deps, actor, organisationId, userId, ['owner']);
      await createEnterpriseSubject(trx, deps, actor, { organisationId, name: e.name, creditCode: e.creditCode, regionCode: e.regionCode });
    } else if (input.accountType !== 'person' && input.enterprise) {
      // A service provider (第三方专业服务机构, certified in the marketplace), an instrument owner
      // (仪器共享), a carrier's operator (双创载体) or an investor (天使、创投、基金; its directory entry,
      // written on its desk, awaits the finance office's verification): its organisation and owner.
      // Providers and instrument owners get their 服务机构 profile (policies reward them too); an
      // operator's profiles are its carriers', made as it registers each; an investor has none.
      const e = input.enterprise;
      const organisationId = await createOrganisation(trx, deps, actor, { name: e.name, kind: input.accountType, regionCode: e.regionCode, creditCode: e.creditCode }, 'enterprise.');
      await setMembership(trx, deps, actor, organisationId, userId, ['owner']);
      await createOrganisationSubject(trx, deps, actor, { organisationId, organisationKind: input.accountType, name: e.name, regionCode: e.regionCode });
    } else {
      await createPersonSubject(trx, deps, actor, { userId, name: input.displayName });
    }
    return userId;
  });
}

export function registerAccountRoute(app: AppInstance): void {
  app.post(
    '/api/v1/auth/register',
    {
      config: { permission: 'public', rateLimit: loginRateLimit(app) },
      schema: {
        tags: ['auth'],
        summary: '注册 / Register as an entrepreneur (person), an enterprise, a service provider, an instrument owner, a carrier operator or an investor, and log in',
        body: RegisterBody,
        response: { 201: SignedIn, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await registerAccount(app.deps, auditContextOf(request), request.body);
      // A new account holds no government role, so logging in needs no second factor.
      const outcome = await login(app.deps, auditContextOf(request), request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (outcome.status !== 'ok') throw new Error('a newly registered account cannot need a second factor');
      setSessionCookie(app, reply, outcome.sessionToken);
      return reply.code(201).send({ status: 'ok' as const, user: outcome.user });
    },
  );
}
