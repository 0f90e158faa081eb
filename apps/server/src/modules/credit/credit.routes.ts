import { Type } from '@sinclair/typebox';
import { CreditImportBody, CreditInquiryQuery, CreditInquiryResult, CreditImportResult, CreditRecordBody, CreditRecordView, CreditRepairBody, CreditRepairDecisionBody, CreditRepairReviewBody, CreditWorkView, IdParams, MyCreditView } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader, getFile, openFileBytes, sendStoredFile } from '../files/index.js';
import { templateXlsx } from './credit.import.js';
import * as s from './credit.service.js';

const tags = ['credit'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function creditRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get('/api/v1/credit/template.xlsx', { config: { permission: 'public' }, schema: { tags, summary: '信用信息导入模板 / The import template (.xlsx, with its instructions sheet)' } }, async (_request, reply) =>
    reply.type(XLSX).header('content-disposition', attachmentHeader('信用信息导入模板.xlsx')).send(await templateXlsx()),
  );
  app.get('/api/v1/credit/inquiry', { config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags, summary: '信用查询 / Public inquiry by name or credit code: only what may be published today (10 per page); an officer\'s lookup is audited and shown to the enterprise', querystring: CreditInquiryQuery, response: { 200: CreditInquiryResult } } }, async (request) =>
    s.inquiry(d, request.principal ?? undefined, auditContextOf(request), request.query),
  );
  app.get('/api/v1/credit/work', { config: { permission: 'authenticated' }, schema: { tags, summary: '来源部门的信用记录 / The records of the officer\'s source departments', response: { 200: CreditWorkView } } }, async (request) => s.workView(d, requirePrincipal(request)));
  app.get('/api/v1/credit/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '本企业的信用记录 / The enterprise\'s records, list status and repair', response: { 200: MyCreditView } } }, async (request) => s.myCredit(d, requirePrincipal(request)));
  app.post('/api/v1/credit/records', { config: { permission: 'credit.record' }, schema: { tags, summary: '登记信用记录 / An officer of the source department enters a record', body: CreditRecordBody, response: { 201: CreditRecordView } } }, async (request, reply) =>
    reply.code(201).send(await s.enterRecord(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post('/api/v1/credit/imports', { config: { permission: 'credit.record' }, schema: { tags, summary: '导入信用信息文件 / Import the department\'s .xlsx or .csv file (base64); refused rows with their reasons; idempotent by decision number', body: CreditImportBody, response: { 200: CreditImportResult } } }, async (request) =>
    s.importFile(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post('/api/v1/credit/records/:id/repairs', { config: { permission: 'authenticated' }, schema: { tags, summary: '申请信用修复 / The enterprise applies for repair with PDF evidence', params: IdParams, body: CreditRepairBody, response: { 201: CreditRecordView } } }, async (request, reply) =>
    reply.code(201).send(await s.applyForRepair(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.post('/api/v1/credit/repairs/:id/reviews', { config: { permission: 'credit.repair' }, schema: { tags, summary: '评审信用修复 / A reviewer of the source department scores a repair application against the rubric (the review module), or declares a conflict of interest', params: IdParams, body: CreditRepairReviewBody, response: { 200: CreditRecordView } } }, async (request) =>
    s.reviewRepair(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/credit/repairs/:id/decision', { config: { permission: 'credit.repair' }, schema: { tags, summary: '审核信用修复 / The source department approves or refuses a repair', params: IdParams, body: CreditRepairDecisionBody, response: { 200: CreditRecordView } } }, async (request) =>
    s.decideRepair(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/credit/repairs/:id/evidence', { config: { permission: 'authenticated' }, schema: { tags, summary: '修复证明材料 / A repair\'s evidence (the applicant, the source department)', params: IdParams, response: { 200: Type.Any() } } }, async (request, reply) => {
    const fileId = await s.repairEvidence(d, requirePrincipal(request), request.params.id);
    const file = await getFile(d.db, fileId);
    return sendStoredFile(reply, file, openFileBytes(d.config, file.id));
  });
}
