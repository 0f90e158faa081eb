import { Type } from '@sinclair/typebox';
import { IdParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { CheckBody, CheckResult, MatchQuery, Simulation, SimulationBody, SubjectMatches, VariableList } from '@seedbed/contract';
import { assertOfficer, check, createSimulation, getSimulation, listSimulations, subjectMatches, variables } from './finder.service.js';


export function finderRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  app.post(
    '/api/v1/eligibility/check',
    {
      // Anonymous and cookie-free: other platforms call it; no session, so no CSRF token.
      config: { permission: 'public', csrf: false },
      schema: {
        tags: ['finder'],
        summary: '政策计算器（匿名）/ Eligibility check: every policy item for a profile — status, explained criteria, amount with computation, near-miss gaps, what is missing',
        description:
          'Stable contract for other platforms. Unknown variables, wrong types, dates out of range and regions that do not exist are 400 problems naming the field (`profile.<name>`, `region`, `date`). ' +
          'An item that cannot be decided is `unknown` with the variables it needs, never `ineligible`.',
        body: CheckBody,
        response: { 200: CheckResult },
      },
    },
    // Already serialised (memoised per item); the schema above documents the shape and a test checks it.
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await check(deps(), request.body)) as never),
  );

  app.get(
    '/api/v1/eligibility/variables',
    { config: { permission: 'public' }, schema: { tags: ['finder'], summary: '计算器变量 / The catalogue variables a profile may state', response: { 200: VariableList } } },
    async () => variables(app.deps.db),
  );

  app.get(
    '/api/v1/finder/subjects/:id/matches',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['finder'],
        summary: '我的政策匹配 / Every policy item for my saved profile (一企一档), with reasons, amounts and what is missing',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: SubjectMatches },
      },
    },
    async (request) => subjectMatches(deps(), requirePrincipal(request), request.params.id, request.query.date),
  );

  app.post(
    '/api/v1/finder/simulations',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['finder'],
        summary: '发布前模拟测算 / What-if simulation of a policy version over all registered subjects (a background job)',
        body: SimulationBody,
        response: { 200: Simulation },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertOfficer(principal);
      return createSimulation(deps(), principal, auditContextOf(request), request.body);
    },
  );

  app.get(
    '/api/v1/finder/simulations/:id',
    { config: { permission: 'policies.manage' }, schema: { tags: ['finder'], summary: '模拟测算结果 / A simulation: progress, then counts and cost per district, against the current version', params: IdParams, response: { 200: Simulation } } },
    async (request) => getSimulation(app.deps, request.params.id),
  );

  app.get(
    '/api/v1/finder/simulations',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['finder'],
        summary: '某政策的模拟测算 / Recent simulations of a policy item',
        querystring: Type.Object({ itemId: Type.String({ maxLength: 120 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Simulation) }) },
      },
    },
    async (request) => listSimulations(app.deps, request.query.itemId),
  );

}
