import { Type } from '@sinclair/typebox';
import { AnswerBody, ComplaintBody, DepartmentComplaint, IdParams, ListBody, ListPage, ListSummary, PublicComplaint, RevisionBody } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import * as s from './lists.service.js';

const tags = ['lists'];
const KindQuery = Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('fee'), Type.Literal('power')])) }, { additionalProperties: false });

export function listsRoutes(app: AppInstance): void {
  const d = app.deps;
  // ------------------------------------------------------------ public
  app.get('/api/v1/public/lists', { config: { permission: 'public' }, schema: { tags, summary: '清单 / The published fee lists and power lists', querystring: KindQuery, response: { 200: Type.Array(ListSummary) } } }, async (request) =>
    s.publicLists(d, request.query.kind),
  );
  app.get('/api/v1/lists/:id', { config: { permission: 'public' }, schema: { tags, summary: '清单详情 / A list as it stands, with every revision and its changes field by field', params: IdParams, response: { 200: ListPage } } }, async (request) =>
    s.listPage(d, request.principal ?? undefined, request.params.id),
  );
  app.post('/api/v1/public/complaints', { config: { permission: 'public' }, schema: { tags, summary: '投诉乱收费 / Complain of a fee charged but not on the list (signed in, or with a name and phone)', body: ComplaintBody, response: { 201: PublicComplaint } } }, async (request, reply) =>
    reply.code(201).send(await s.fileComplaint(d, request.principal ?? undefined, request.principal ? auditContextOf(request) : systemActor('visitor'), request.body)),
  );
  app.get('/api/v1/public/complaints', { config: { permission: 'public' }, schema: { tags, summary: '投诉答复公开 / Answered complaints (without the complainants’ personal data)', response: { 200: Type.Array(PublicComplaint) } } }, async () => s.publicComplaints(d));
  // ------------------------------------------------------------ departments
  app.get('/api/v1/lists-mine', { config: { permission: 'lists.manage' }, schema: { tags, summary: '本部门清单 / My department’s lists', response: { 200: Type.Array(ListSummary) } } }, async (request) => s.myLists(d, requirePrincipal(request)));
  app.post('/api/v1/lists', { config: { permission: 'lists.manage' }, schema: { tags, summary: '建立清单 / Start my department’s fee or power list', body: ListBody, response: { 201: ListPage } } }, async (request, reply) =>
    reply.code(201).send(await s.createList(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post('/api/v1/lists/:id/revisions', { config: { permission: 'lists.manage' }, schema: { tags, summary: '发布修订 / Publish a revision (legal basis, change note, the rows as they stand)', params: IdParams, body: RevisionBody, response: { 201: ListPage } } }, async (request, reply) =>
    reply.code(201).send(await s.revise(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.get('/api/v1/lists-complaints', { config: { permission: 'lists.manage' }, schema: { tags, summary: '本部门收到的投诉 / Complaints routed to my department, with due dates', response: { 200: Type.Array(DepartmentComplaint) } } }, async (request) =>
    s.departmentComplaints(d, requirePrincipal(request)),
  );
  app.post('/api/v1/lists-complaints/:id/answer', { config: { permission: 'lists.manage' }, schema: { tags, summary: '答复投诉 / Answer a complaint (published with the answer)', params: IdParams, body: AnswerBody, response: { 200: PublicComplaint } } }, async (request) =>
    s.answer(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
