import { Type } from '@sinclair/typebox';
import { IdParams, ProfileVariableList, SubjectProfile, SubjectSummary, UpdateFactsBody, VerifyFactsBody } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { profileVariableList } from './subject-variables.js';
import { declareFacts, getProfile, listMine, verifyFacts } from './subjects.service.js';

export function subjectRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  app.get(
    '/api/v1/subjects/mine',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['subjects'],
        summary: '我的档案 / The profiles I can act for (my person profile, my enterprises)',
        response: { 200: Type.Object({ items: Type.Array(SubjectSummary) }) },
      },
    },
    async (request) => ({ items: await listMine(app.deps.db, requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/subjects/variables',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['subjects'],
        summary: '档案字段 / The facts a profile holds: type, bounds, values and labels from the registry',
        response: { 200: ProfileVariableList },
      },
    },
    async () => profileVariableList(),
  );

  app.get(
    '/api/v1/subjects/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['subjects'],
        summary: '主体档案 / A subject profile (一企一档): facts with source and date',
        params: IdParams,
        response: { 200: SubjectProfile },
      },
    },
    async (request) => getProfile(deps(), requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/api/v1/subjects/:id/facts',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['subjects'],
        summary: '申报档案信息 / Declare facts of my profile (verified facts are read-only)',
        params: IdParams,
        body: UpdateFactsBody,
        response: { 200: SubjectProfile },
      },
    },
    async (request) =>
      declareFacts(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/subjects/:id/verified-facts',
    {
      config: { permission: 'subjects.verify' },
      schema: {
        tags: ['subjects'],
        summary: '登记核验信息 / Record facts confirmed by a registry (officers)',
        params: IdParams,
        body: VerifyFactsBody,
        response: { 200: SubjectProfile },
      },
    },
    async (request) =>
      verifyFacts(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
