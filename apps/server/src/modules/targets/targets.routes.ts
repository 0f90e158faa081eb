import { Type } from '@sinclair/typebox';
import { BriefingCreateBody, BriefingList, BriefingUpdateBody, BriefingView, IdParams, RegionCode, TargetCreateBody, TargetDashboard, TargetDetail, TargetList, TargetLoadBody, TargetLoadResult, TargetMilestoneBody, TargetMilestoneReachBody, TargetOptions, TargetQuery, TargetRecords, TargetReportBody, TargetUpdateBody, Uuid } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader, openFileBytes, sendStoredFile } from '../files/index.js';
import * as b from './targets.briefings.js';
import { targetsDashboard } from './targets.dashboard.js';
import * as ms from './targets.milestones.js';
import * as s from './targets.service.js';
import { supervisionRoutes } from './targets.supervision.routes.js';

const tags = ['targets'];

export function targetsRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get('/api/v1/targets', { config: { permission: 'authenticated' }, schema: { tags, summary: '目标任务与工作台账 / Targets with their figures and traffic lights (the office: its region; a unit: those it leads or supports)', querystring: TargetQuery, response: { 200: TargetList } } }, async (request) =>
    s.listTargets(d, requirePrincipal(request), request.query),
  );
  app.get('/api/v1/targets/options', { config: { permission: 'targets.manage' }, schema: { tags, summary: '可绑定的统计指标、可指派的单位、可载入的文件 / Statistics to bind, departments to assign, documents to load', querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }), response: { 200: TargetOptions } } }, async (request) =>
    s.targetOptions(d, requirePrincipal(request), request.query.regionCode),
  );
  app.get('/api/v1/targets/dashboard', { config: { permission: 'targets.manage' }, schema: { tags, summary: '目标任务领导看板 / The dashboard: targets by lead unit, by region (districts rolled up) and the lights\' weekly trend', querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }), response: { 200: TargetDashboard } } }, async (request) =>
    targetsDashboard(d, requirePrincipal(request), request.query.regionCode),
  );
  app.get('/api/v1/targets/ledger.xlsx', { config: { permission: 'targets.manage' }, schema: { tags, summary: '导出工作台账（Excel）/ The ledger as .xlsx: 总表 and one sheet per unit with its latest reports', querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }) } }, async (request, reply) => {
    const { buffer, fileName } = await s.ledgerWorkbook(d, requirePrincipal(request), request.query.regionCode);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentHeader(fileName)).send(buffer);
  });
  app.post('/api/v1/targets/load', { config: { permission: 'targets.manage' }, schema: { tags, summary: '载入文件的目标任务 / Load a catalogue document\'s targets for its region (idempotent)', body: TargetLoadBody, response: { 200: TargetLoadResult } } }, async (request) =>
    s.loadDocument(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post('/api/v1/targets', { config: { permission: 'targets.manage' }, schema: { tags, summary: '新增本地目标任务或分解目标 / Add a local target, or a part of one (parentId)', body: TargetCreateBody, response: { 201: TargetDetail } } }, async (request, reply) =>
    reply.code(201).send(await s.createTarget(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get('/api/v1/targets/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '目标任务详情 / A target: figure, parts, reports, reports due', params: IdParams, response: { 200: TargetDetail } } }, async (request) =>
    s.targetDetail(d, requirePrincipal(request), request.params.id),
  );
  app.patch('/api/v1/targets/:id', { config: { permission: 'targets.manage' }, schema: { tags, summary: '修改目标任务：单位、指标绑定、基数、期限 / Assign units, bind a statistic, set the baseline or period', params: IdParams, body: TargetUpdateBody, response: { 200: TargetDetail } } }, async (request) =>
    s.updateTarget(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/targets/:id/records', { config: { permission: 'authenticated' }, schema: { tags, summary: '指标数据明细 / The records behind a computed figure (its bound statistic\'s), newest first', params: IdParams, response: { 200: TargetRecords } } }, async (request) =>
    s.targetRecords(d, requirePrincipal(request), request.params.id),
  );
  app.get('/api/v1/targets/:id/reports/:reportId/attachments/:fileId', { config: { permission: 'authenticated' }, schema: { tags, summary: '进展报送附件 / An attachment of a progress report (the target\'s units and the office)', params: Type.Object({ id: Uuid, reportId: Uuid, fileId: Uuid }, { additionalProperties: false }), response: { 200: Type.Any() } } }, async (request, reply) => {
    const file = await s.reportAttachment(d, requirePrincipal(request), request.params.id, request.params.reportId, request.params.fileId);
    return sendStoredFile(reply, file, openFileBytes(d.config, file.id));
  });
  app.post('/api/v1/targets/:id/reports', { config: { permission: 'authenticated' }, schema: { tags, summary: '报送进展 / A lead or supporting unit reports progress for a month or quarter', params: IdParams, body: TargetReportBody, response: { 200: TargetDetail } } }, async (request) =>
    s.reportProgress(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  const milestoneParams = Type.Object({ id: Uuid, milestoneId: Uuid }, { additionalProperties: false });
  app.post('/api/v1/targets/:id/milestones', { config: { permission: 'targets.manage' }, schema: { tags, summary: '设置里程碑 / Set a milestone on a target: what should stand by a day, optionally a figure', params: IdParams, body: TargetMilestoneBody, response: { 200: TargetDetail } } }, async (request) =>
    ms.addMilestone(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/targets/:id/milestones/:milestoneId/reach', { config: { permission: 'authenticated' }, schema: { tags, summary: '确认里程碑达成 / The lead unit (or the office) marks a milestone reached', params: milestoneParams, body: TargetMilestoneReachBody, response: { 200: TargetDetail } } }, async (request) =>
    ms.reachMilestone(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.milestoneId, request.body),
  );
  app.delete('/api/v1/targets/:id/milestones/:milestoneId', { config: { permission: 'targets.manage' }, schema: { tags, summary: '删除未达成的里程碑 / Remove a milestone not yet reached', params: milestoneParams, response: { 200: TargetDetail } } }, async (request) =>
    ms.removeMilestone(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.milestoneId),
  );
  supervisionRoutes(app);
  briefingsRoutes(app);
}

function briefingsRoutes(app: AppInstance): void {
  const d = app.deps;
  const manage = { permission: 'targets.manage' } as const;
  app.get('/api/v1/targets/briefings', { config: manage, schema: { tags, summary: '工作简报 / The office\'s briefings, newest first', response: { 200: BriefingList } } }, async (request) => b.listBriefings(d, requirePrincipal(request)));
  app.post('/api/v1/targets/briefings', { config: manage, schema: { tags, summary: '起草简报 / Draft a briefing for a period: the figures are taken from the targets now', body: BriefingCreateBody, response: { 201: BriefingView } } }, async (request, reply) =>
    reply.code(201).send(await b.createBriefing(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get('/api/v1/targets/briefings/:id', { config: manage, schema: { tags, summary: '简报 / One briefing with its figures', params: IdParams, response: { 200: BriefingView } } }, async (request) => b.briefingDetail(d, requirePrincipal(request), request.params.id));
  app.patch('/api/v1/targets/briefings/:id', { config: manage, schema: { tags, summary: '编辑简报 / Edit a draft\'s text (masthead, title, issuer, summary, next steps, distribution)', params: IdParams, body: BriefingUpdateBody, response: { 200: BriefingView } } }, async (request) =>
    b.updateBriefing(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/targets/briefings/:id/refresh', { config: manage, schema: { tags, summary: '更新简报数据 / Take a draft\'s figures again', params: IdParams, response: { 200: BriefingView } } }, async (request) =>
    b.refreshBriefing(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post('/api/v1/targets/briefings/:id/issue', { config: manage, schema: { tags, summary: '印发简报 / Issue a draft: the next number of its region and year; frozen from then on', params: IdParams, response: { 200: BriefingView } } }, async (request) =>
    b.issueBriefing(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.get('/api/v1/targets/briefings/:id/briefing.docx', { config: manage, schema: { tags, summary: '简报 Word 文档 / The briefing as an editable .docx', params: IdParams } }, async (request, reply) => {
    const { buffer, fileName } = await b.briefingDocument(d, requirePrincipal(request), request.params.id, 'docx');
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', attachmentHeader(fileName)).send(buffer);
  });
  app.get('/api/v1/targets/briefings/:id/briefing.pdf', { config: manage, schema: { tags, summary: '简报 PDF / The briefing as a PDF', params: IdParams } }, async (request, reply) => {
    const { buffer, fileName } = await b.briefingDocument(d, requirePrincipal(request), request.params.id, 'pdf');
    return reply.type('application/pdf').header('content-disposition', attachmentHeader(fileName, true)).send(buffer);
  });
}
