import { Type } from '@sinclair/typebox';
import { AssessmentOpenBody, AssessmentReviewBody, Assessments, AnnualBody, AnnualParams, AnnualReport, AnnualReviewBody, AnnualYearParams, CarrierBody, CarrierPage, CarrierQuery, CarrierSummary, IdParams, Outcome, OutcomeBody, RecognitionBody, Tenancy, TenancyBody, TenancyExitBody, TenancyParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader } from '../files/index.js';
import { annualReport, annualXlsx, fileAnnual, reviewAnnual } from './carriers.annual.js';
import { closeAssessment, listAssessments, openAssessment, reviewAssessment } from './carriers.assessment.js';
import { listOutcomes, recordOutcome } from './carriers.outcomes.js';
import { carrierById } from './carriers.repository.js';
import * as s from './carriers.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tags = ['carriers'];

export function carriersRoutes(app: AppInstance): void {
  const d = app.deps;

  // ------------------------------------------------------------ public
  app.get(
    '/api/v1/carriers',
    { config: { permission: 'public' }, schema: { tags, summary: '双创载体名录 / The carriers registry (search in Chinese or pinyin; by district and kind)', querystring: CarrierQuery, response: { 200: Type.Array(CarrierSummary) } } },
    async (request) => s.searchCarriers(d, request.query),
  );
  app.get(
    '/api/v1/carriers/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '双创载体详情 / A carrier: kind, operator, areas, services, recognitions', params: IdParams, response: { 200: CarrierPage } } },
    async (request) => s.carrierPage(d, request.principal ?? undefined, request.params.id),
  );

  // ------------------------------------------------------------ operator
  app.get(
    '/api/v1/carriers-mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我运营的载体 / The carriers my organisation runs', response: { 200: Type.Array(CarrierSummary) } } },
    async (request) => s.myCarriers(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/carriers',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记载体 / Register a carrier (its operator)', body: CarrierBody, response: { 201: CarrierPage } } },
    async (request, reply) => reply.code(201).send(await s.createCarrier(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/carriers/:id/tenancies',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '在孵企业 / The tenants (the operator; departments covering the carrier)', params: IdParams, response: { 200: Type.Array(Tenancy) } } },
    async (request) => s.listTenancies(d, requirePrincipal(request), request.params.id),
  );
  app.post(
    '/api/v1/carriers/:id/tenancies',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记入驻 / Record a firm entering (by credit code)', params: IdParams, body: TenancyBody, response: { 201: Type.Array(Tenancy) } } },
    async (request, reply) => reply.code(201).send(await s.enterTenancy(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/carriers/:id/tenancies/:tenancyId/exit',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记离开或毕业 / Record a firm leaving or graduating', params: TenancyParams, body: TenancyExitBody, response: { 200: Type.Array(Tenancy) } } },
    async (request) => s.exitTenancy(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.tenancyId, request.body),
  );

  // ------------------------------------------------------------ tenants' outcomes (and the rewards they trigger)
  const oversees = async (principal: Parameters<typeof s.mayRecognise>[0], id: string) => {
    const c = await carrierById(d.db, id);
    return c !== undefined && s.mayRecognise(principal, c.region_code);
  };
  app.get(
    '/api/v1/carriers/:id/outcomes',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '在孵企业成果 / Tenants\' outcomes and the awards they triggered (the operator; departments covering the carrier)', params: IdParams, response: { 200: Type.Array(Outcome) } } },
    async (request) => {
      const principal = requirePrincipal(request);
      return listOutcomes(d, principal, request.params.id, await oversees(principal, request.params.id));
    },
  );
  app.post(
    '/api/v1/carriers/:id/outcomes',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记在孵企业成果 / Record a tenant\'s outcome (NEEQ listing, above-scale, competition prize) with its evidence; eligible rewards become pending awards', params: IdParams, body: OutcomeBody, response: { 201: Type.Array(Outcome) } } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      return reply.code(201).send(await recordOutcome(d, principal, auditContextOf(request), request.params.id, request.body, await oversees(principal, request.params.id)));
    },
  );

  // ------------------------------------------------------------ yearly assessment (评估/考核)
  app.get(
    '/api/v1/carriers/:id/assessments',
    { config: { permission: 'public' }, schema: { tags, summary: '年度考核 / The yearly assessments: results for everyone, the experts\' reviews for the office and experts covering the carrier', params: IdParams, response: { 200: Assessments } } },
    async (request) => listAssessments(d, request.principal ?? undefined, request.params.id),
  );
  app.post(
    '/api/v1/carriers/:id/assessments',
    { config: { permission: 'carriers.assessment' }, schema: { tags, summary: '开启年度考核 / Open the year\'s assessment (the programme office covering the carrier)', params: IdParams, body: AssessmentOpenBody, response: { 201: Assessments } } },
    async (request, reply) => reply.code(201).send(await openAssessment(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.year)),
  );
  app.post(
    '/api/v1/carriers/:id/assessments/:year/review',
    { config: { permission: 'carriers.assess' }, schema: { tags, summary: '考核评分 / An expert scores the indicators or declares a conflict of interest', params: AnnualParams, body: AssessmentReviewBody, response: { 200: Assessments } } },
    async (request) => reviewAssessment(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.year, request.body),
  );
  app.post(
    '/api/v1/carriers/:id/assessments/:year/close',
    { config: { permission: 'carriers.assessment' }, schema: { tags, summary: '结束考核 / Close the round: the mean of the experts\' totals and its grade', params: AnnualParams, response: { 200: Assessments } } },
    async (request) => closeAssessment(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.year),
  );

  // ------------------------------------------------------------ officials
  app.post(
    '/api/v1/carriers/:id/recognitions',
    { config: { permission: 'carriers.recognise' }, schema: { tags, summary: '登记认定 / Record a recognition (the level the issuing authority grants)', params: IdParams, body: RecognitionBody, response: { 201: CarrierPage } } },
    async (request, reply) => reply.code(201).send(await s.addRecognition(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );

  // ------------------------------------------------------------ annual statistics (火炬统计)
  app.get(
    '/api/v1/carriers/:id/annual/:year',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '年度统计 / A carrier\'s annual statistics: computed from the records, and as filed', params: AnnualParams, response: { 200: AnnualReport } } },
    async (request) => annualReport(d, requirePrincipal(request), request.params.id, request.params.year),
  );
  app.put(
    '/api/v1/carriers/:id/annual/:year',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '报送年度统计 / File the annual statistics (the operator; again once returned)', params: AnnualParams, body: AnnualBody, response: { 200: AnnualReport } } },
    async (request) => fileAnnual(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.year, request.body),
  );
  app.post(
    '/api/v1/carriers/:id/annual/:year/review',
    { config: { permission: 'carriers.recognise' }, schema: { tags, summary: '审核年度统计 / Accept or return (with reason) the annual statistics', params: AnnualParams, body: AnnualReviewBody, response: { 200: AnnualReport } } },
    async (request) => reviewAnnual(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.year, request.body),
  );
  app.get(
    '/api/v1/carriers-annual/:year/statistics.xlsx',
    { config: { permission: 'carriers.recognise' }, schema: { tags, summary: '年度统计导出（Excel）/ A year\'s statistics of the carriers one\'s departments cover, as .xlsx', params: AnnualYearParams } },
    async (request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachmentHeader(`双创载体年度统计-${request.params.year}.xlsx`))
        .send(await annualXlsx(d, requirePrincipal(request), request.params.year)),
  );
}
