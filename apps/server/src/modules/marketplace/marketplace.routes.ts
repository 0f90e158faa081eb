import { Type } from '@sinclair/typebox';
import {
  AcceptQuoteBody,
  CancelBody,
  Certification,
  CertificationApplyBody,
  CertificationCase,
  CertificationDecideBody,
  CertificationQuery,
  CertificationReviewBody,
  DeliverBody,
  DisputeDecisionBody,
  Flag,
  FlagResolveBody,
  GradeFormula,
  GradeRun,
  GradeYearParams,
  IdParams,
  Listing,
  ListingBody,
  ListingQuery,
  Ok,
  Order,
  OrderBody,
  OrderQuery,
  ProviderPage,
  ProviderSummary,
  ProviderWorkbench,
  QuoteBody,
  RateBody,
  ReasonBody,
  ReplyBody,
  Uuid,
  VoucherQuoteBody,
  VoucherQuoteView,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { getFile, openFileBytes, sendStoredFile } from '../files/index.js';
import { GRADE_FORMULA } from './marketplace.grade.js';
import * as s from './marketplace.service.js';

const tags = ['marketplace'];
const CertFileParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false });

export function marketplaceRoutes(app: AppInstance): void {
  const d = app.deps;

  // ------------------------------------------------------------ public
  app.get('/api/v1/marketplace/providers', { config: { permission: 'public' }, schema: { tags, summary: '认证服务机构名录 / The certified providers (scope, validity, qualifications, star grade)', response: { 200: Type.Array(ProviderSummary) } } }, async () =>
    s.certifiedProviders(d),
  );
  app.get('/api/v1/marketplace/providers/:id', { config: { permission: 'public' }, schema: { tags, summary: '服务机构主页 / A provider: certification, grade explained, listings, ratings', params: IdParams, response: { 200: ProviderPage } } }, async (request) =>
    s.providerPage(d, request.params.id),
  );
  app.get('/api/v1/marketplace/listings', { config: { permission: 'public' }, schema: { tags, summary: '搜索服务 / Search listings (Chinese, pinyin; filters)', querystring: ListingQuery, response: { 200: Type.Array(Listing) } } }, async (request) =>
    s.searchListings(d, request.query),
  );
  app.get('/api/v1/marketplace/grade-formula', { config: { permission: 'public' }, schema: { tags, summary: '星级评选公式 / The star grade formula', response: { 200: GradeFormula } } }, async () => GRADE_FORMULA);

  // ------------------------------------------------------------ provider
  app.get('/api/v1/marketplace/provider', { config: { permission: 'authenticated' }, schema: { tags, summary: '服务机构工作台 / The provider workbench', response: { 200: ProviderWorkbench } } }, async (request) =>
    s.workbench(d, requirePrincipal(request)),
  );
  app.post('/api/v1/marketplace/certifications', { config: { permission: 'authenticated' }, schema: { tags, summary: '申请认证 / Apply for certification (the provider’s owner)', body: CertificationApplyBody, response: { 200: Certification } } }, async (request) =>
    s.applyForCertification(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post('/api/v1/marketplace/listings', { config: { permission: 'authenticated' }, schema: { tags, summary: '发布服务 / Publish a listing (certified provider, certified category)', body: ListingBody, response: { 200: Listing } } }, async (request) =>
    s.createListing(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post('/api/v1/marketplace/listings/:id/withdraw', { config: { permission: 'authenticated' }, schema: { tags, summary: '下架服务 / Withdraw a listing', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await s.withdrawListing(d, requirePrincipal(request), auditContextOf(request), request.params.id);
    return { ok: true as const };
  });
  app.post('/api/v1/marketplace/orders/:id/quote', { config: { permission: 'authenticated' }, schema: { tags, summary: '报价 / Quote a price (provider)', params: IdParams, body: QuoteBody, response: { 200: Order } } }, async (request) =>
    s.quoteOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.priceFen),
  );
  app.post('/api/v1/marketplace/orders/:id/confirm', { config: { permission: 'authenticated' }, schema: { tags, summary: '确认订单 / Confirm an order (provider; a voucher part is held)', params: IdParams, response: { 200: Order } } }, async (request) =>
    s.confirmOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post('/api/v1/marketplace/orders/:id/decline', { config: { permission: 'authenticated' }, schema: { tags, summary: '拒绝或取消订单 / Decline or cancel an order (provider)', params: IdParams, body: CancelBody, response: { 200: Order } } }, async (request) =>
    s.cancelOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id, 'provider', request.body.reason),
  );
  app.post('/api/v1/marketplace/orders/:id/deliver', { config: { permission: 'authenticated' }, schema: { tags, summary: '交付 / Deliver the result (an uploaded file)', params: IdParams, body: DeliverBody, response: { 200: Order } } }, async (request) =>
    s.deliverOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.fileId, request.body.note),
  );
  app.post('/api/v1/marketplace/orders/:id/reply', { config: { permission: 'authenticated' }, schema: { tags, summary: '回复评价 / Reply once to an order’s rating (provider)', params: IdParams, body: ReplyBody, response: { 200: Order } } }, async (request) =>
    s.replyToRating(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.text),
  );

  // ------------------------------------------------------------ enterprise
  app.get('/api/v1/marketplace/orders', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的订单 / The orders of the enterprises I act for', querystring: OrderQuery, response: { 200: Type.Array(Order) } } }, async (request) =>
    s.myOrders(d, requirePrincipal(request), request.query.status as string | undefined),
  );
  app.post('/api/v1/marketplace/orders', { config: { permission: 'authenticated' }, schema: { tags, summary: '下单或询价 / Order a listing (a price in range, or ask for a quote)', body: OrderBody, response: { 200: Order } } }, async (request) =>
    s.placeOrder(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post('/api/v1/marketplace/voucher-quote', { config: { permission: 'authenticated' }, schema: { tags, summary: '服务券试算 / What a voucher would pay of a price', body: VoucherQuoteBody, response: { 200: VoucherQuoteView } } }, async (request) =>
    s.quoteVoucher(d, requirePrincipal(request), request.body),
  );
  app.post('/api/v1/marketplace/orders/:id/accept-quote', { config: { permission: 'authenticated' }, schema: { tags, summary: '接受报价 / Accept the quote (optionally with a voucher)', params: IdParams, body: AcceptQuoteBody, response: { 200: Order } } }, async (request) =>
    s.acceptQuote(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/marketplace/orders/:id/cancel', { config: { permission: 'authenticated' }, schema: { tags, summary: '取消订单 / Cancel before delivery (enterprise)', params: IdParams, body: CancelBody, response: { 200: Order } } }, async (request) =>
    s.cancelOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id, 'enterprise', request.body.reason),
  );
  app.post('/api/v1/marketplace/orders/:id/accept', { config: { permission: 'authenticated' }, schema: { tags, summary: '验收 / Accept the delivery (settles the order)', params: IdParams, response: { 200: Order } } }, async (request) =>
    s.acceptDelivery(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post('/api/v1/marketplace/orders/:id/dispute', { config: { permission: 'authenticated' }, schema: { tags, summary: '提出争议 / Dispute the delivery', params: IdParams, body: ReasonBody, response: { 200: Order } } }, async (request) =>
    s.disputeDelivery(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.reason),
  );
  app.post('/api/v1/marketplace/orders/:id/rate', { config: { permission: 'authenticated' }, schema: { tags, summary: '评价 / Rate an accepted order (quality, timeliness, price)', params: IdParams, body: RateBody, response: { 200: Order } } }, async (request) =>
    s.rateOrder(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/marketplace/orders/:id/delivery', { config: { permission: 'authenticated' }, schema: { tags, summary: '下载交付文件 / Download the delivery', params: IdParams } }, async (request, reply) => {
    const fileId = await s.deliveryFileOf(d, requirePrincipal(request), request.params.id);
    return sendStoredFile(reply, await getFile(d.db, fileId), openFileBytes(d.config, fileId));
  });

  // ------------------------------------------------------------ officers
  app.get('/api/v1/marketplace/certifications', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '认证申请与认证 / Certifications in my regions', querystring: CertificationQuery, response: { 200: Type.Array(Certification) } } }, async (request) =>
    s.listCertificationsFor(d, requirePrincipal(request), request.query.status as string | undefined),
  );
  app.get('/api/v1/marketplace/certifications/:id', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '认证案卷 / A certification with its review', params: IdParams, response: { 200: CertificationCase } } }, async (request) =>
    s.getCertificationCase(d, requirePrincipal(request), request.params.id),
  );
  app.get('/api/v1/marketplace/certifications/:id/files/:fileId', { config: { permission: 'authenticated' }, schema: { tags, summary: '资质文件 / A qualification document', params: CertFileParams } }, async (request, reply) => {
    const fileId = await s.certificationFileOf(d, requirePrincipal(request), request.params.id, request.params.fileId);
    return sendStoredFile(reply, await getFile(d.db, fileId), openFileBytes(d.config, fileId));
  });
  app.post('/api/v1/marketplace/certifications/:id/review', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '评审 / Score the application against the rubric', params: IdParams, body: CertificationReviewBody, response: { 200: CertificationCase } } }, async (request) =>
    s.reviewCertification(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/marketplace/certifications/:id/decide', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '认证决定 / Certify (with validity) or reject (with a reason)', params: IdParams, body: CertificationDecideBody, response: { 200: CertificationCase } } }, async (request) =>
    s.decideCertification(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  for (const action of ['suspend', 'revoke', 'reinstate'] as const) {
    app.post(`/api/v1/marketplace/certifications/:id/${action}`, { config: { permission: 'marketplace.certify' }, schema: { tags, summary: `${{ suspend: '暂停认证', revoke: '撤销认证', reinstate: '恢复认证' }[action]} / ${action} a certification (with a reason)`, params: IdParams, body: ReasonBody, response: { 200: CertificationCase } } }, async (request) =>
      s.changeStanding(d, requirePrincipal(request), auditContextOf(request), request.params.id, action, request.body.reason),
    );
  }
  app.get('/api/v1/marketplace/disputes', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '待裁定争议 / Disputes to decide in my regions', response: { 200: Type.Array(Order) } } }, async (request) =>
    s.disputes(d, requirePrincipal(request)),
  );
  app.post('/api/v1/marketplace/orders/:id/decide-dispute', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '裁定争议 / Decide a dispute', params: IdParams, body: DisputeDecisionBody, response: { 200: Order } } }, async (request) =>
    s.decideDispute(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.decision, request.body.reason),
  );
  app.get('/api/v1/marketplace/flags', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '违规线索 / Misuse flags in my regions', response: { 200: Type.Array(Flag) } } }, async (request) => s.flags(d, requirePrincipal(request)));
  app.post('/api/v1/marketplace/flags/:id/resolve', { config: { permission: 'marketplace.certify' }, schema: { tags, summary: '处理线索 / Dismiss a flag or revoke the provider', params: IdParams, body: FlagResolveBody, response: { 200: Ok } } }, async (request) => {
    await s.resolveFlag(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body);
    return { ok: true as const };
  });
  app.post('/api/v1/marketplace/grades/:year', { config: { permission: 'marketplace.grade' }, schema: { tags, summary: '年度星级评选 / Compute a year’s star grades (programme office)', params: GradeYearParams, response: { 200: GradeRun } } }, async (request) =>
    s.computeAnnualGrades(d, requirePrincipal(request), auditContextOf(request), request.params.year),
  );
}
