import { Type } from '@sinclair/typebox';
import {
  IdParams,
  InterestAnswerBody,
  InterestBody,
  InvestorBody,
  InvestorPage,
  InvestorQuery,
  InvestorsReview,
  InvestorSummary,
  MyInvestorDesk,
  MyRoadshow,
  RoadshowBody,
  RoadshowDecisionBody,
  RoadshowPage,
  RoadshowSummary,
  VerifyInvestorBody,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { sendStoredFile } from '../files/index.js';
import * as s from './investors.service.js';

const tags = ['investors'];

export function investorsRoutes(app: AppInstance): void {
  const d = app.deps;
  // ------------------------------------------------------------ the directory
  app.get('/api/v1/public/investors', { config: { permission: 'public' }, schema: { tags, summary: '投资机构名录 / Verified investors and funds, searched in words or pinyin, by kind, stage and sector', querystring: InvestorQuery, response: { 200: Type.Array(InvestorSummary) } } }, async (request) =>
    s.directory(d, request.query),
  );
  app.get('/api/v1/investors/desk', { config: { permission: 'authenticated' }, schema: { tags, summary: '投资机构工作台 / My investor organisations’ entries and expressions of interest', response: { 200: MyInvestorDesk } } }, async (request) =>
    s.myDesk(d, requirePrincipal(request)),
  );
  app.get('/api/v1/investors/review', { config: { permission: 'investors.manage' }, schema: { tags, summary: '投资机构核实与路演发布 / The finance office’s entries to verify and projects to publish', response: { 200: InvestorsReview } } }, async (request) =>
    s.review(d, requirePrincipal(request)),
  );
  app.get('/api/v1/investors/:id', { config: { permission: 'public' }, schema: { tags, summary: '投资机构 / An investor; its contact only for its people, the finance office and firms that accepted its interest', params: IdParams, response: { 200: InvestorPage } } }, async (request) =>
    s.investor(d, request.principal ?? undefined, request.params.id),
  );
  app.put('/api/v1/investors/organisations/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '维护名录信息 / Write my investor organisation’s entry (verified again after each change)', params: IdParams, body: InvestorBody, response: { 200: InvestorPage } } }, async (request) =>
    s.saveInvestor(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/investors/:id/verify', { config: { permission: 'investors.manage' }, schema: { tags, summary: '核实 / Verify an entry, or not (with the reason)', params: IdParams, body: VerifyInvestorBody, response: { 200: InvestorPage } } }, async (request) =>
    s.verifyInvestor(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  // ------------------------------------------------------------ the roadshow
  app.get('/api/v1/public/roadshow', { config: { permission: 'public' }, schema: { tags, summary: '项目路演 / Published roadshow projects', response: { 200: Type.Array(RoadshowSummary) } } }, async () => s.roadshow(d));
  app.get('/api/v1/roadshow/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的路演项目 / My enterprises’ projects with the interests received', response: { 200: MyRoadshow } } }, async (request) =>
    s.myRoadshow(d, requirePrincipal(request)),
  );
  app.get('/api/v1/roadshow/:id', { config: { permission: 'public' }, schema: { tags, summary: '路演项目 / A project (published; or its firm’s and the finance office’s view)', params: IdParams, response: { 200: RoadshowPage } } }, async (request) =>
    s.project(d, request.principal ?? undefined, request.params.id),
  );
  app.get('/api/v1/roadshow/:id/deck', { config: { permission: 'public' }, schema: { tags, summary: '路演材料 / The project’s pitch deck (PDF)', params: IdParams } }, async (request, reply) => {
    const { file, stream } = await s.deck(d, request.principal ?? undefined, request.params.id);
    return sendStoredFile(reply, file, stream);
  });
  app.post('/api/v1/roadshow', { config: { permission: 'authenticated' }, schema: { tags, summary: '提交路演项目 / Post a project for the roadshow (an enterprise’s people)', body: RoadshowBody, response: { 201: RoadshowPage } } }, async (request, reply) =>
    reply.code(201).send(await s.postProject(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post('/api/v1/roadshow/:id/decide', { config: { permission: 'investors.manage' }, schema: { tags, summary: '发布或退回 / Publish a project, or return it with the reason', params: IdParams, body: RoadshowDecisionBody, response: { 200: RoadshowPage } } }, async (request) =>
    s.decideProject(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/roadshow/:id/interests', { config: { permission: 'authenticated' }, schema: { tags, summary: '表达投资意向 / Express interest with a message (a verified investor, once)', params: IdParams, body: InterestBody, response: { 200: RoadshowPage } } }, async (request) =>
    s.expressInterest(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.message),
  );
  app.post('/api/v1/roadshow/interests/:id/answer', { config: { permission: 'authenticated' }, schema: { tags, summary: '同意或婉拒 / Accept or decline contact (the project’s firm, once)', params: IdParams, body: InterestAnswerBody, response: { 200: RoadshowPage } } }, async (request) =>
    s.answerInterest(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
