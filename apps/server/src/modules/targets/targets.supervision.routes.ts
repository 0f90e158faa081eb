import { SupervisionIssueBody, SupervisionItemParams, SupervisionItemView, SupervisionList, SupervisionQuery, SupervisionTextBody } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import * as s from './targets.supervision.js';

const tags = ['targets'];

/** Supervision items (督办件): the office issues, closes and returns; the responsible unit answers. */
export function supervisionRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get('/api/v1/targets/supervision-items', { config: { permission: 'authenticated' }, schema: { tags, summary: '督办件 / Supervision items: the office\'s region\'s, and those of the principal\'s units; by target and status (overdue: past the deadline, not closed)', querystring: SupervisionQuery, response: { 200: SupervisionList } } }, async (request) =>
    s.listSupervision(d, requirePrincipal(request), request.query),
  );
  app.post('/api/v1/targets/supervision-items', { config: { permission: 'targets.manage' }, schema: { tags, summary: '交办督办件 / Issue a supervision item on a target to its lead (default) or a supporting unit', body: SupervisionIssueBody, response: { 201: SupervisionItemView } } }, async (request, reply) =>
    reply.code(201).send(await s.issueSupervision(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get('/api/v1/targets/supervision-items/:itemId', { config: { permission: 'authenticated' }, schema: { tags, summary: '督办件详情与办理记录 / A supervision item with its history', params: SupervisionItemParams, response: { 200: SupervisionItemView } } }, async (request) =>
    s.supervisionItem(d, requirePrincipal(request), request.params.itemId),
  );
  app.post('/api/v1/targets/supervision-items/:itemId/answer', { config: { permission: 'authenticated' }, schema: { tags, summary: '承办单位答复 / The responsible unit answers (an open or returned item)', params: SupervisionItemParams, body: SupervisionTextBody, response: { 200: SupervisionItemView } } }, async (request) =>
    s.answerSupervision(d, requirePrincipal(request), auditContextOf(request), request.params.itemId, request.body),
  );
  app.post('/api/v1/targets/supervision-items/:itemId/close', { config: { permission: 'targets.manage' }, schema: { tags, summary: '办结（结案意见）/ The office closes an answered item with its closing record', params: SupervisionItemParams, body: SupervisionTextBody, response: { 200: SupervisionItemView } } }, async (request) =>
    s.decideSupervision(d, requirePrincipal(request), auditContextOf(request), request.params.itemId, 'close', request.body),
  );
  app.post('/api/v1/targets/supervision-items/:itemId/return', { config: { permission: 'targets.manage' }, schema: { tags, summary: '退回（退回理由）/ The office returns an answered item with a reason; the unit answers again', params: SupervisionItemParams, body: SupervisionTextBody, response: { 200: SupervisionItemView } } }, async (request) =>
    s.decideSupervision(d, requirePrincipal(request), auditContextOf(request), request.params.itemId, 'return', request.body),
  );
}
