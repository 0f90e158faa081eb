import { Type } from '@sinclair/typebox';
import {
  AcceptBody,
  ConsentBody,
  FinanceDashboard,
  FinanceDashboardQuery,
  FinanceOversight,
  IdParams,
  IncomingRequest,
  FinanceMatchQuery,
  Need,
  FinanceNeedBody,
  ProductBody,
  ProductMatches,
  ProductPage,
  ProductQuery,
  ProductStatusBody,
  ProductSummary,
  RefuseBody,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { dashboard } from './finance.dashboard.js';
import * as s from './finance.service.js';

const tags = ['finance'];

export function financeRoutes(app: AppInstance): void {
  const d = app.deps;
  // ------------------------------------------------------------ products
  app.get('/api/v1/public/finance/products', { config: { permission: 'public' }, schema: { tags, summary: '金融产品 / Open products, searched in words or pinyin, by kind and amount', querystring: ProductQuery, response: { 200: Type.Array(ProductSummary) } } }, async (request) =>
    s.searchProducts(d, request.query),
  );
  app.get('/api/v1/finance/products/:id', { config: { permission: 'public' }, schema: { tags, summary: '产品详情 / A product, with who may apply in the rules engine’s words', params: IdParams, response: { 200: ProductPage } } }, async (request) =>
    s.productPage(d, request.principal ?? undefined, request.params.id),
  );
  app.get('/api/v1/finance/products-mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '本机构产品 / My institution’s products, paused and withdrawn included', response: { 200: Type.Array(ProductSummary) } } }, async (request) =>
    s.myProducts(d, requirePrincipal(request)),
  );
  app.post('/api/v1/finance/products', { config: { permission: 'authenticated' }, schema: { tags, summary: '发布产品 / Publish a product (financial institutions)', body: ProductBody, response: { 201: ProductPage } } }, async (request, reply) =>
    reply.code(201).send(await s.createProduct(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.put('/api/v1/finance/products/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '修改产品 / Change a product', params: IdParams, body: ProductBody, response: { 200: ProductPage } } }, async (request) =>
    s.updateProduct(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/finance/products/:id/status', { config: { permission: 'authenticated' }, schema: { tags, summary: '暂停、恢复或下架 / Pause, resume or withdraw a product', params: IdParams, body: ProductStatusBody, response: { 200: ProductPage } } }, async (request) =>
    s.setProductStatus(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  // ------------------------------------------------------------ enterprises
  app.get('/api/v1/finance/matches', { config: { permission: 'authenticated' }, schema: { tags, summary: '产品匹配 / Every open product evaluated on my enterprise’s profile, with the engine’s reasons', querystring: FinanceMatchQuery, response: { 200: ProductMatches } } }, async (request) =>
    s.matches(d, requirePrincipal(request), request.query.subjectId),
  );
  app.post('/api/v1/finance/needs', { config: { permission: 'authenticated' }, schema: { tags, summary: '提出融资需求 / Post a financing need, or apply to a product', body: FinanceNeedBody, response: { 201: Need } } }, async (request, reply) =>
    reply.code(201).send(await s.postNeed(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get('/api/v1/finance/needs-mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的融资需求 / My enterprises’ needs with each institution’s answer', response: { 200: Type.Array(Need) } } }, async (request) =>
    s.myNeeds(d, requirePrincipal(request)),
  );
  app.post('/api/v1/finance/needs/:id/consent', { config: { permission: 'authenticated' }, schema: { tags, summary: '同意推送 / Consent (or not) to offer a refused need to other matching products', params: IdParams, body: ConsentBody, response: { 200: Need } } }, async (request) =>
    s.setConsent(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.consentToShare),
  );
  // ------------------------------------------------------------ institutions
  app.get('/api/v1/finance/requests-incoming', { config: { permission: 'authenticated' }, schema: { tags, summary: '收到的融资申请 / Requests to my institution, with due dates', response: { 200: Type.Array(IncomingRequest) } } }, async (request) =>
    s.incoming(d, requirePrincipal(request)),
  );
  app.get('/api/v1/finance/requests/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '融资申请 / A request (its institution, the enterprise, the finance office)', params: IdParams, response: { 200: IncomingRequest } } }, async (request) =>
    s.requestPage(d, requirePrincipal(request), request.params.id),
  );
  app.post('/api/v1/finance/requests/:id/accept', { config: { permission: 'authenticated' }, schema: { tags, summary: '同意 / Accept with an offer (amount, annual rate, term)', params: IdParams, body: AcceptBody, response: { 200: IncomingRequest } } }, async (request) =>
    s.accept(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/finance/requests/:id/refuse', { config: { permission: 'authenticated' }, schema: { tags, summary: '拒绝 / Refuse with a reason from the list (and a note)', params: IdParams, body: RefuseBody, response: { 200: IncomingRequest } } }, async (request) =>
    s.refuse(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  // ------------------------------------------------------------ the finance office
  app.get('/api/v1/finance/oversight', { config: { permission: 'finance.supervise' }, schema: { tags, summary: '金融监管 / Overdue requests and each institution’s record in my region', response: { 200: FinanceOversight } } }, async (request) =>
    s.oversight(d, requirePrincipal(request)),
  );
  app.get('/api/v1/finance/dashboard', { config: { permission: 'finance.supervise' }, schema: { tags, summary: '金融看板 / Needs, answers in time, amounts offered; guaranteed loans and subsidies by bank and district, for a region and period', querystring: FinanceDashboardQuery, response: { 200: FinanceDashboard } } }, async (request) =>
    dashboard(d, requirePrincipal(request), request.query),
  );
}
