import { Type } from '@sinclair/typebox';
import { CallBody, CallManagement, CallPage, CallSummary, EntryBody, EntryReviewBody, Expert, ExpertBody, IdParams, JudgingItem, PanelBody, RoundParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { openFileBytes, sendStoredFile } from '../files/index.js';
import * as s from './competitions.service.js';

const tags = ['competitions'];
const Empty = Type.Object({}, { additionalProperties: false });

export function competitionsRoutes(app: AppInstance): void {
  const d = app.deps;

  // ------------------------------------------------------------ public
  app.get(
    '/api/v1/competitions',
    { config: { permission: 'public' }, schema: { tags, summary: '创新创业大赛 / Competitions: calls, stages, entries', response: { 200: Type.Array(CallSummary) } } },
    async () => s.listCalls(d),
  );
  app.get(
    '/api/v1/competitions/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '大赛详情 / A call: rules, tracks, rubric, the ranking rule and, once published, the results with anonymised score distributions', params: IdParams, response: { 200: CallPage } } },
    async (request) => s.callPage(d, request.principal ?? undefined, request.params.id),
  );

  // ------------------------------------------------------------ entrants
  app.post(
    '/api/v1/competitions/:id/entries',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '报名参赛 / Enter the competition for one\'s enterprise (team, project, pitch deck PDF)', params: IdParams, body: EntryBody, response: { 201: CallPage } } },
    async (request, reply) => reply.code(201).send(await s.enter(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/competition-entries/:id/deck',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '路演材料 / The pitch deck (entrant, programme office, the entry\'s judges)', params: IdParams } },
    async (request, reply) => {
      const file = await s.deckOf(d, requirePrincipal(request), request.params.id);
      return sendStoredFile(reply, file, openFileBytes(d.config, file.id));
    },
  );

  // ------------------------------------------------------------ judges
  app.get(
    '/api/v1/competitions-judging',
    { config: { permission: 'competitions.judge' }, schema: { tags, summary: '我的评审任务 / The entries I judge in rounds being judged (conflicts excluded)', response: { 200: Type.Array(JudgingItem) } } },
    async (request) => s.judging(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/competition-entries/:id/review',
    { config: { permission: 'competitions.judge' }, schema: { tags, summary: '评分或声明利益冲突 / Score an entry against the rubric, or declare a conflict of interest', params: IdParams, body: EntryReviewBody, response: { 200: Type.Array(JudgingItem) } } },
    async (request) => s.reviewEntry(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ programme office
  app.post(
    '/api/v1/competitions',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '发布大赛 / Publish a call: tracks, rules, dates, rubric, finalists and prizes', body: CallBody, response: { 201: CallPage } } },
    async (request, reply) => reply.code(201).send(await s.createCall(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/competitions/:id/manage',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '大赛管理 / Entries, panels, exclusions with reasons, scores with outliers', params: IdParams, response: { 200: CallManagement } } },
    async (request) => s.management(d, requirePrincipal(request), request.params.id),
  );
  app.post(
    '/api/v1/competitions/:id/rounds/:round/panel',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '指派评委 / Assign judges to a round; conflicts of interest are excluded automatically', params: RoundParams, body: PanelBody, response: { 200: CallManagement } } },
    async (request) => s.assignPanel(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.round, request.body),
  );
  app.post(
    '/api/v1/competitions/:id/advance',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '结束初赛 / Close the preliminary round: the best entries go to the final', params: IdParams, body: Empty, response: { 200: CallManagement } } },
    async (request) => s.advance(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post(
    '/api/v1/competitions/:id/publish',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '公布结果 / Publish the final ranking; winners\' profiles record the prize', params: IdParams, body: Empty, response: { 200: CallManagement } } },
    async (request) => s.publish(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.get(
    '/api/v1/competition-experts',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '评审专家库 / The expert pool with employers and related enterprises', response: { 200: Type.Array(Expert) } } },
    async (request) => s.listExperts(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/competition-experts',
    { config: { permission: 'competitions.manage' }, schema: { tags, summary: '纳入专家库 / Add an expert (the expert role in a department) with employer and related enterprises', body: ExpertBody, response: { 201: Type.Array(Expert) } } },
    async (request, reply) => reply.code(201).send(await s.addExpert(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
}
