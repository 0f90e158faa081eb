import { Type } from '@sinclair/typebox';
import { Adoption, AdoptionAnswerBody, AdoptionBody, AdoptionSuccessBody, AdoptionVerifyBody, IdParams, MyProjects, ProjectBody, ProjectDecisionBody, ProjectDetail, ProjectQuery, ProjectReviewQueue, ProjectSummary } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { sendStoredFile } from '../files/index.js';
import * as s from './projects.service.js';

const tags = ['projects'];

export function projectsRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get(
    '/api/v1/projects',
    { config: { permission: 'public' }, schema: { tags, summary: '创业项目库 / The public start-up project library (search in Chinese or pinyin; by kind, industry, region)', querystring: ProjectQuery, response: { 200: Type.Array(ProjectSummary) } } },
    async (request) => s.searchProjects(d, request.query),
  );
  app.get(
    '/api/v1/projects/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的项目 / Projects I posted, adoptions I asked for, and the profiles I may post or adopt for', response: { 200: MyProjects } } },
    async (request) => s.myProjects(d, requirePrincipal(request)),
  );
  app.get(
    '/api/v1/projects/review',
    { config: { permission: 'projects.admit' }, schema: { tags, summary: '项目库审核 / Projects awaiting admission and successes awaiting verification (the bureau keeping the library)', response: { 200: ProjectReviewQueue } } },
    async (request) => s.reviewQueue(d, requirePrincipal(request)),
  );
  app.get(
    '/api/v1/projects/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '项目详情 / A project (in the library; or the poster\'s and the bureau\'s own view)', params: IdParams, response: { 200: ProjectDetail } } },
    async (request) => s.getProject(d, request.principal, request.params.id),
  );
  app.get(
    '/api/v1/projects/:id/attachment',
    { config: { permission: 'public' }, schema: { tags, summary: '项目附件 / The project\'s PDF attachment', params: IdParams } },
    async (request, reply) => {
      const { file, stream } = await s.attachment(d, request.principal, request.params.id);
      return sendStoredFile(reply, file, stream);
    },
  );
  app.post(
    '/api/v1/projects',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '发布项目 / Post a project (a person, or a service organisation\'s member for its provider profile)', body: ProjectBody, response: { 201: ProjectDetail } } },
    async (request, reply) => reply.code(201).send(await s.postProject(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.put(
    '/api/v1/projects/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '修改并重新提交 / Change a project awaiting admission or returned (it goes back to admission)', params: IdParams, body: ProjectBody, response: { 200: ProjectDetail } } },
    async (request) => s.editProject(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/projects/:id/decision',
    { config: { permission: 'projects.admit' }, schema: { tags, summary: '入库审核 / Admit a project into the public library, or return it with the reason', params: IdParams, body: ProjectDecisionBody, response: { 200: ProjectDetail } } },
    async (request) => s.decideProject(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/projects/:id/adoptions',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '申请采用 / Ask to adopt a project (for an enterprise one acts for)', params: IdParams, body: AdoptionBody, response: { 201: ProjectDetail } } },
    async (request, reply) => reply.code(201).send(await s.askToAdopt(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/project-adoptions/:id/answer',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '答复采用申请 / The poster accepts or declines', params: IdParams, body: AdoptionAnswerBody, response: { 200: Adoption } } },
    async (request) => s.answerAdoption(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/project-adoptions/:id/success',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记成功创业 / The adopter records its successful start-up with evidence (a PDF) and the date', params: IdParams, body: AdoptionSuccessBody, response: { 200: Adoption } } },
    async (request) => s.recordSuccess(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/project-adoptions/:id/verification',
    { config: { permission: 'projects.admit' }, schema: { tags, summary: '核定成功创业 / The bureau verifies the success and fixes the reward (or sends it back)', params: IdParams, body: AdoptionVerifyBody, response: { 200: Adoption } } },
    async (request) => s.verifySuccess(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/project-adoptions/:id/evidence',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '成功创业证明材料 / The evidence of a successful start-up (adopter, poster, the bureau)', params: IdParams } },
    async (request, reply) => {
      const { file, stream } = await s.evidence(d, requirePrincipal(request), request.params.id);
      return sendStoredFile(reply, file, stream);
    },
  );
}
