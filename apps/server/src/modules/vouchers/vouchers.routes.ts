import { Type } from '@sinclair/typebox';
import {
  BulkIssueJob,
  BulkIssueResult,
  IdParams,
  IssuedVoucher,
  MyVoucher,
  ProposeBatchBody,
  Receivable,
  SettlementBatch,
  SettlementOverview,
  VoucherItem,
  VoucherScheme,
  VoucherSchemeBody,
} from '@seedbed/contract';
import type { Tx } from '../../platform/database.js';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { bulkIssueStatus, requestBulkIssue } from './vouchers.jobs.js';
import { voucherProblem } from './vouchers.problems.js';
import { createScheme, issuedVouchers, listSchemes, myVouchers, setSchemeStatus, voucherItems } from './vouchers.service.js';
import { approveBatch, proposeBatch, receivables, rejectBatch, settlementOverview } from './vouchers.settlement.js';

export function voucherRoutes(app: AppInstance): void {
  /** One transaction; a refusal by the database is a 409 problem naming the rule, never a 500. */
  const inTransaction = <T>(work: (trx: Tx) => Promise<T>): Promise<T> =>
    app.deps.db
      .transaction()
      .execute(work)
      .catch((error: unknown) => {
        throw voucherProblem(error);
      });

  app.get(
    '/api/v1/vouchers/items',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags: ['vouchers'], summary: '服务券类政策 / The catalogue\'s voucher items in the regions my departments cover', response: { 200: Type.Object({ items: Type.Array(VoucherItem) }) } },
    },
    async (request) => ({ items: await voucherItems(app.deps.db, requirePrincipal(request), app.deps.clock.today()) }),
  );

  app.get(
    '/api/v1/vouchers/schemes',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags: ['vouchers'], summary: '服务券方案 / Voucher schemes in the regions my departments cover, with budget used and left', response: { 200: Type.Object({ items: Type.Array(VoucherScheme) }) } },
    },
    async (request) => ({ items: await listSchemes(app.deps.db, requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/vouchers/schemes',
    {
      config: { permission: 'vouchers.manage' },
      schema: {
        tags: ['vouchers'],
        summary: '设立服务券方案 / Create a voucher scheme for a catalogue voucher item and a year, with its budget (appropriated on the ledger)',
        body: VoucherSchemeBody,
        response: { 201: VoucherScheme },
      },
    },
    async (request, reply) => {
      const scheme = await inTransaction((trx) => createScheme(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.body));
      return reply.code(201).send(scheme);
    },
  );

  app.post(
    '/api/v1/vouchers/schemes/:id/status',
    {
      config: { permission: 'vouchers.manage' },
      schema: {
        tags: ['vouchers'],
        summary: '暂停或恢复方案 / Suspend a scheme (its vouchers pay for nothing) or put it back in force',
        params: IdParams,
        body: Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]) }, { additionalProperties: false }),
        response: { 200: VoucherScheme },
      },
    },
    async (request) => inTransaction((trx) => setSchemeStatus(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.status)),
  );

  app.get(
    '/api/v1/vouchers/schemes/:id/vouchers',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags: ['vouchers'], summary: '已发放的服务券 / The vouchers a scheme issued, with what is left on each', params: IdParams, response: { 200: Type.Object({ items: Type.Array(IssuedVoucher) }) } },
    },
    async (request) => ({ items: await issuedVouchers(app.deps.db, requirePrincipal(request), request.params.id) }),
  );

  app.post(
    '/api/v1/vouchers/schemes/:id/issue',
    {
      config: { permission: 'vouchers.manage' },
      schema: {
        tags: ['vouchers'],
        summary: '批量发放 / Issue the scheme\'s voucher to every eligible registered subject: a background job (202); it stops when the budget is used up',
        params: IdParams,
        response: { 202: BulkIssueResult },
      },
    },
    async (request, reply) => {
      const jobId = await inTransaction((trx) => requestBulkIssue(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id));
      return reply.code(202).send({ jobId });
    },
  );

  app.get(
    '/api/v1/vouchers/jobs/:id',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags: ['vouchers'], summary: '发放进度 / Progress of a bulk issue: issued, already held, left out for lack of budget', params: IdParams, response: { 200: BulkIssueJob } },
    },
    async (request) => bulkIssueStatus(app.deps.db, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/api/v1/vouchers/mine',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['vouchers'], summary: '我的服务券 / The vouchers of the subjects I act for: left, held, categories, expiry, uses', response: { 200: Type.Object({ items: Type.Array(MyVoucher) }) } },
    },
    async (request) => ({ items: await myVouchers(app.deps.db, requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/vouchers/receivables',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['vouchers'],
        summary: '应收服务券款 / What my service provider (通兑) or my enterprise (通用, reimbursed) is owed per scheme: held, redeemed, in a batch, paid',
        response: { 200: Type.Object({ items: Type.Array(Receivable) }) },
      },
    },
    async (request) => ({ items: await receivables(app.deps.db, requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/vouchers/settlement',
    {
      config: { permission: 'vouchers.settle' },
      schema: { tags: ['vouchers'], summary: '服务券结算 / Schemes I settle: unsettled redemptions and settlement batches', response: { 200: SettlementOverview } },
    },
    async (request) => settlementOverview(app.deps.db, requirePrincipal(request)),
  );

  app.post(
    '/api/v1/vouchers/batches',
    {
      config: { permission: 'vouchers.settle' },
      schema: { tags: ['vouchers'], summary: '提出结算批次 / Propose a batch of a scheme\'s unsettled redemptions; a second finance officer approves it', body: ProposeBatchBody, response: { 201: SettlementBatch } },
    },
    async (request, reply) => {
      const batch = await inTransaction((trx) => proposeBatch(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.body.schemeId));
      return reply.code(201).send(batch);
    },
  );

  app.post(
    '/api/v1/vouchers/batches/:id/approve',
    {
      config: { permission: 'vouchers.settle' },
      schema: {
        tags: ['vouchers'],
        summary: '批准结算 / A second finance officer (never the proposer) approves a batch: each redemption is paid once; approving again pays nothing',
        params: IdParams,
        response: { 200: Type.Object({ batch: SettlementBatch, paidFen: Type.Integer({ minimum: 0 }) }) },
      },
    },
    async (request) => inTransaction((trx) => approveBatch(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/vouchers/batches/:id/reject',
    {
      config: { permission: 'vouchers.settle' },
      schema: { tags: ['vouchers'], summary: '驳回或撤回结算批次 / Reject (another finance officer) or withdraw (its proposer) a proposed batch', params: IdParams, response: { 200: SettlementBatch } },
    },
    async (request) => inTransaction((trx) => rejectBatch(trx, app.deps, requirePrincipal(request), auditContextOf(request), request.params.id)),
  );
}
