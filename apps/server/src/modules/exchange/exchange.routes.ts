import { Readable } from 'node:stream';
import {
  DataSharing,
  DistrictReports,
  DistrictReportsQuery,
  ExchangeCreditCodeParams,
  ExchangedProfile,
  ExchangeSubjectParams,
  ImportSubjectBody,
  ImportSubjectResult,
  IndicatorList,
  IndicatorReceipt,
  IndicatorReportBody,
  PushIndicatorsBody,
  PushIndicatorsResult,
  SharingConsentBody,
  ExchangeUpstreamList,
} from '@seedbed/contract';
import type { FastifyRequest } from 'fastify';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { unauthenticated } from '../../platform/problems.js';
import { INDICATORS, statisticName } from './exchange.indicators.js';
import { listUpstreams, type ApiClient } from './exchange.interconnect.js';
import { checkDigest, declaredDigest, districtReports, pushIndicators, receiveReport, sha256 } from './exchange.reports.js';
import { changeConsent, dataSharing, importSubject, profileForClient } from './exchange.service.js';

/** The sha-256 of each machine request's body as it arrived (read before parsing). */
const bodyDigests = new WeakMap<FastifyRequest, string>();

function apiClientOf(request: FastifyRequest): ApiClient {
  const client = request.apiClient;
  if (!client) throw unauthenticated();
  return client;
}

export function exchangeRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  // ---------------------------------------------------------------- consent (the enterprise)

  app.get(
    '/api/v1/exchange/sharing/:subjectId',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['exchange'], summary: '数据共享授权 / My data-sharing consents, their history and who read my profile (enterprise members)', params: ExchangeSubjectParams, response: { 200: DataSharing } },
    },
    async (request) => dataSharing(deps(), requirePrincipal(request), request.params.subjectId),
  );

  app.post(
    '/api/v1/exchange/sharing/:subjectId/grant',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['exchange'], summary: '授权平台读取核验档案 / Consent to a platform reading my verified profile', params: ExchangeSubjectParams, body: SharingConsentBody, response: { 200: DataSharing } },
    },
    async (request) => changeConsent(deps(), requirePrincipal(request), auditContextOf(request), request.params.subjectId, request.body.clientId, 'granted'),
  );

  app.post(
    '/api/v1/exchange/sharing/:subjectId/revoke',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['exchange'], summary: '撤回授权 / Revoke a platform\'s consent (at once)', params: ExchangeSubjectParams, body: SharingConsentBody, response: { 200: DataSharing } },
    },
    async (request) => changeConsent(deps(), requirePrincipal(request), auditContextOf(request), request.params.subjectId, request.body.clientId, 'revoked'),
  );

  // ---------------------------------------------------------------- machine routes (another platform)

  app.get(
    '/api/v1/exchange/subjects/:creditCode',
    {
      config: { permission: 'interconnect.client', clientScope: 'subjects:exchange', csrf: false },
      schema: {
        tags: ['exchange'],
        summary: '读取企业档案 / An enterprise\'s profile for a platform: verified facts with a live consent, else public data only (machine clients, scope subjects:exchange)',
        params: ExchangeCreditCodeParams,
        response: { 200: ExchangedProfile },
      },
    },
    async (request) => profileForClient(deps(), apiClientOf(request), auditContextOf(request), request.params.creditCode),
  );

  app.post(
    '/api/v1/exchange/indicators',
    {
      config: { permission: 'interconnect.client', clientScope: 'reports:push', csrf: false },
      schema: {
        tags: ['exchange'],
        summary: '区县报送指标 / A district reports its indicators for a period (machine clients, scope reports:push; Content-Digest: sha-256 of the body required; idempotent per period and version)',
        body: IndicatorReportBody,
        response: { 200: IndicatorReceipt, 201: IndicatorReceipt },
      },
      // The digest is of the bytes as sent: read them before the JSON parser does.
      preParsing: async (request, _reply, payload) => {
        const chunks: Buffer[] = [];
        for await (const chunk of payload) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
        const bytes = Buffer.concat(chunks);
        bodyDigests.set(request, sha256(bytes));
        return Readable.from([bytes]);
      },
    },
    async (request, reply) => {
      const digest = bodyDigests.get(request) ?? sha256('');
      checkDigest(declaredDigest(request.headers), digest);
      const { status, receipt } = await receiveReport(deps(), apiClientOf(request), auditContextOf(request), request.body, digest);
      return reply.code(status).send(receipt);
    },
  );

  // ---------------------------------------------------------------- the district side

  app.get(
    '/api/v1/exchange/upstreams',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['exchange'], summary: '上级平台 / The upstream platforms this platform may read from and report to', response: { 200: ExchangeUpstreamList } },
    },
    async () => ({ items: (await listUpstreams(app.deps.db)).map((u) => ({ id: u.id, name: u.name, baseUrl: u.baseUrl })) }),
  );

  app.post(
    '/api/v1/exchange/import-subject',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['exchange'],
        summary: '从上级平台导入企业档案 / Import an enterprise\'s verified profile from an upstream platform (its member, or an officer verifying in its region)',
        body: ImportSubjectBody,
        response: { 200: ImportSubjectResult },
      },
    },
    async (request) => importSubject(deps(), requirePrincipal(request), auditContextOf(request), request.body),
  );

  app.get(
    '/api/v1/exchange/indicator-list',
    {
      config: { permission: 'public' },
      schema: { tags: ['exchange'], summary: '报送指标 / The indicators districts report, with units and the statistics they feed', response: { 200: IndicatorList } },
    },
    async () => ({ items: INDICATORS.map((d) => ({ name: d.name, label: d.label, unit: d.unit, kind: d.kind, statistic: statisticName(d.name), localStatistic: d.local })) }),
  );

  app.post(
    '/api/v1/exchange/push-indicators',
    {
      config: { permission: 'exchange.report' },
      schema: {
        tags: ['exchange'],
        summary: '向上级平台报送指标 / Push this district\'s indicators for a period to the city (from its statistics, or as typed)',
        body: PushIndicatorsBody,
        response: { 200: PushIndicatorsResult },
      },
    },
    async (request) => pushIndicators(deps(), requirePrincipal(request), auditContextOf(request), request.body),
  );

  app.get(
    '/api/v1/exchange/district-reports',
    {
      config: { permission: 'exchange.oversee' },
      schema: { tags: ['exchange'], summary: '区县报送 / Which districts reported a period (received, late, missing) and each indicator\'s sum with their shares', querystring: DistrictReportsQuery, response: { 200: DistrictReports } },
    },
    async (request) => districtReports(deps(), requirePrincipal(request), request.query),
  );
}

