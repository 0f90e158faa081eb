import { Type } from '@sinclair/typebox';
import {
  ApplicationActionBody,
  ApplicationAssessmentBody,
  ApplicationForm,
  ApplicationObjectionBody,
  ApplicationPreviewBody,
  ApplicationResubmitBody,
  ApplicationSummary,
  ApplicationView,
  ApplicationWithdrawalBody,
  ApplyBody,
  BatchActionBody,
  BatchActionResult,
  FulfilmentInboxEntry,
  Workbench,
  IdParams,
  PayeeAccountBody,
  PublicityEntry,
  Verdict,
} from '@seedbed/contract';
import { auditContextOf, publicReader, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader, openFileBytes, sendStoredFile } from '../files/index.js';
import { applicationPdf, cjkFont, publicityListXlsx } from './fulfilment.exports.js';
import {
  actOn,
  assess,
  concludePublicity,
  fileObjection,
  resubmit,
  givePayee,
  submitApplication,
  withdraw,
} from './fulfilment.actions.js';
import { applicationForm, previewVerdict } from './fulfilment.answers.js';
import {
  getApplication,
  inbox,
  materialFile,
  myApplications,
  overdueWork,
  publicityList,
} from './fulfilment.views.js';
import { acceptMany, workbench } from './fulfilment.workbench.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ItemId = Type.String({ pattern: '^[a-z0-9]+\\.[a-z0-9.-]+$', maxLength: 100 });
const MaterialParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), materialId: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }) },
  { additionalProperties: false },
);

/**
 * HTTP for fulfilment. Approval, payment and objection resolution span modules and live in
 * src/workflows/. Pending awards from the finder arrive through the 'award.pending' event
 * (handled in fulfilment.manifest.ts).
 */
export function fulfilmentRoutes(app: AppInstance): void {
  const deps = () => app.deps;
  app.get(
    '/api/v1/fulfilment/form',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary:
          '申请表 / The application form of an item for one of my profiles: questions, materials, verdict, stages',
        querystring: Type.Object(
          { itemId: ItemId, subjectId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 200: ApplicationForm },
      },
    },
    async (request) =>
      applicationForm(deps(), requirePrincipal(request), request.query.itemId, request.query.subjectId),
  );

  app.post(
    '/api/v1/fulfilment/verdict',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '资格预判 / The eligibility verdict for my answers, before submitting (changes nothing)',
        body: ApplicationPreviewBody,
        response: { 200: Verdict },
      },
    },
    async (request) => previewVerdict(deps(), requirePrincipal(request), request.body),
  );

  app.post(
    '/api/v1/fulfilment/applications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '提交申请 / Submit an application',
        body: ApplyBody,
        response: { 201: ApplicationView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitApplication(deps(), requirePrincipal(request), auditContextOf(request), request.body),
        ),
  );

  app.get(
    '/api/v1/fulfilment/applications/mine',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '我的申请 / My applications and pending awards',
        response: { 200: Type.Object({ items: Type.Array(ApplicationSummary) }) },
      },
    },
    async (request) => ({ items: await myApplications(deps(), requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/fulfilment/applications/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '申请详情与办理时间线 / An application with its timeline',
        params: IdParams,
        response: { 200: ApplicationView },
      },
    },
    async (request) => getApplication(deps(), requirePrincipal(request), request.params.id),
  );

  app.get(
    '/api/v1/fulfilment/applications/:id/materials/:materialId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '下载申报材料 / Download a material of an application',
        params: MaterialParams,
      },
    },
    async (request, reply) => {
      const file = await materialFile(
        deps(),
        requirePrincipal(request),
        request.params.id,
        request.params.materialId,
      );
      return sendStoredFile(reply, file, openFileBytes(deps().config, file.id));
    },
  );

  app.get(
    '/api/v1/fulfilment/applications/:id/print.pdf',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '打印申请表（PDF）/ The application as a printable PDF',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const view = await getApplication(deps(), requirePrincipal(request), request.params.id);
      const pdf = await applicationPdf(
        view,
        deps().clock.now().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
        cjkFont(deps().config.cjkFont),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(`${view.reference}.pdf`, true))
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/fulfilment/applications/:id/withdraw',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '撤回申请 / Withdraw my application',
        params: IdParams,
        body: ApplicationWithdrawalBody,
        response: { 200: ApplicationView },
      },
    },
    async (request) =>
      withdraw(
        deps(),
        requirePrincipal(request),
        auditContextOf(request),
        request.params.id,
        request.body.reason?.trim() || null,
      ),
  );

  app.post(
    '/api/v1/fulfilment/applications/:id/resubmit',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '补正后重新提交 / Amend a returned application and resubmit it',
        params: IdParams,
        body: ApplicationResubmitBody,
        response: { 200: ApplicationView },
      },
    },
    async (request) =>
      resubmit(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/v1/fulfilment/applications/:id/payee-account',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['fulfilment'],
        summary: '申请人填写或更正收款账户（含无需申请的待批奖补） / The applicant gives or corrects the payee account (pending awards included)',
        params: IdParams,
        body: PayeeAccountBody,
        response: { 200: ApplicationView },
      },
    },
    async (request) => givePayee(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/fulfilment/inbox',
    {
      config: { permission: 'fulfilment.review' },
      schema: {
        tags: ['fulfilment'],
        summary: '待办 / What I can act on now, with deadlines',
        response: { 200: Type.Object({ items: Type.Array(FulfilmentInboxEntry) }) },
      },
    },
    async (request) => ({ items: await inbox(deps(), requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/fulfilment/workbench',
    {
      config: { permission: 'fulfilment.work' },
      schema: {
        tags: ['fulfilment'],
        summary:
          '工作台 / My workbench: 待办 (what I may act on now, with deadlines; awards in publicity once it ends or while an objection waits) and 已办 (applications I acted on, newest first)',
        response: { 200: Workbench },
      },
    },
    async (request) => workbench(deps(), requirePrincipal(request)),
  );

  app.post(
    '/api/v1/fulfilment/applications/batch-actions',
    {
      config: { permission: 'fulfilment.handle' },
      schema: {
        tags: ['fulfilment'],
        summary:
          '批量受理 / Accept several applications at once: each in its own transaction with all the checks of one acceptance; the answer gives each one\'s result',
        body: BatchActionBody,
        response: { 200: BatchActionResult },
      },
    },
    async (request) =>
      acceptMany(deps(), requirePrincipal(request), auditContextOf(request), request.body.ids),
  );

  app.get(
    '/api/v1/fulfilment/payables',
    {
      config: { permission: 'fulfilment.pay' },
      schema: {
        tags: ['fulfilment'],
        summary: '待拨付 / Awards awaiting payment in my region',
        response: { 200: Type.Object({ items: Type.Array(FulfilmentInboxEntry) }) },
      },
    },
    async (request) => ({ items: await inbox(deps(), requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/fulfilment/overdue',
    {
      config: { permission: 'fulfilment.supervise' },
      schema: {
        tags: ['fulfilment'],
        summary: '超期督办 / Overdue work (the programme office sees every department)',
        response: { 200: Type.Object({ items: Type.Array(ApplicationSummary) }) },
      },
    },
    async (request) => ({ items: await overdueWork(deps(), requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/fulfilment/applications/:id/actions',
    {
      config: { permission: 'fulfilment.review' },
      schema: {
        tags: ['fulfilment'],
        summary:
          '受理、审核通过、退回、不予支持 / Accept, pass, return or reject (a reason is required to return or reject)',
        params: IdParams,
        body: ApplicationActionBody,
        response: { 200: ApplicationView },
      },
    },
    async (request) =>
      actOn(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/fulfilment/applications/:id/assessments',
    {
      config: { permission: 'fulfilment.assess' },
      schema: {
        tags: ['fulfilment'],
        summary: '专家评分 / Score an application, or declare a conflict of interest',
        params: IdParams,
        body: ApplicationAssessmentBody,
        response: { 200: ApplicationView },
      },
    },
    async (request) =>
      assess(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/fulfilment/applications/:id/conclude-publicity',
    {
      config: { permission: 'fulfilment.review' },
      schema: {
        tags: ['fulfilment'],
        summary: '公示期满 / Conclude publicity (after its end, with no open objection)',
        params: IdParams,
        response: { 200: ApplicationView },
      },
    },
    async (request) =>
      concludePublicity(deps(), requirePrincipal(request), auditContextOf(request), request.params.id),
  );

  // ------------------------------------------------------------ public

  app.get(
    '/api/v1/public/publicity',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['fulfilment'],
        summary: '公示 / Awards in publicity now (public)',
        response: { 200: Type.Object({ items: Type.Array(PublicityEntry) }) },
      },
    },
    async (request) => ({ items: await publicityList({ ...deps(), db: publicReader(app, request).db }) }),
  );

  app.get(
    '/api/v1/public/publicity.xlsx',
    {
      config: { permission: 'public' },
      schema: { tags: ['fulfilment'], summary: '公示名单（Excel）/ The publicity list as .xlsx (public)' },
    },
    async (_request, reply) => {
      const buffer = await publicityListXlsx(await publicityList(deps()));
      return reply
        .type(XLSX)
        .header('content-disposition', attachmentHeader(`公示名单-${deps().clock.today()}.xlsx`))
        .send(buffer);
    },
  );

  app.post(
    '/api/v1/public/publicity/:id/objections',
    {
      config: { permission: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['fulfilment'],
        summary:
          '提出异议 / File an objection to an award in publicity (anyone; the contact is seen only by the officers)',
        params: IdParams,
        body: ApplicationObjectionBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await fileObjection(deps(), auditContextOf(request), request.params.id, request.body)),
  );
}
