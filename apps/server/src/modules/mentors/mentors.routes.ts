import { Type } from '@sinclair/typebox';
import { Commitment, CommitmentParams, DecideBody, EndBody, IdParams, ManagedMentor, Mentor, MentorBody, NeedBody, Pairing, PairingBody, PairingSessionParams, MentorRateBody, SessionBookBody, SessionConfirmBody, Suggestion } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import * as s from './mentors.service.js';

const tags = ['mentors'];

export function mentorsRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get('/api/v1/mentors', { config: { permission: 'public' }, schema: { tags, summary: '创业导师库 / The mentors library', response: { 200: Type.Array(Mentor) } } }, async () => s.listMentors(d));
  app.post(
    '/api/v1/mentors',
    { config: { permission: 'mentors.manage' }, schema: { tags, summary: '登记导师 / Add a mentor (the programme office)', body: MentorBody, response: { 201: Mentor } } },
    async (request, reply) => reply.code(201).send(await s.addMentor(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/mentors/managed',
    { config: { permission: 'mentors.manage' }, schema: { tags, summary: '本辖区导师名册 / The mentors of the office\'s region, with their linked accounts', response: { 200: Type.Array(ManagedMentor) } } },
    async (request) => s.managedMentors(d, requirePrincipal(request)),
  );
  app.put(
    '/api/v1/mentors/:id',
    { config: { permission: 'mentors.manage' }, schema: { tags, summary: '修改导师信息 / Edit a mentor (the programme office of its region)', params: IdParams, body: MentorBody, response: { 200: ManagedMentor } } },
    async (request) => s.updateMentor(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/mentors/suggestions',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '推荐导师 / The best matches for a need, each score term explained', body: NeedBody, response: { 200: Type.Array(Suggestion) } } },
    async (request) => s.suggest(d, request.body),
  );
  app.get(
    '/api/v1/mentors/commitments/:year',
    { config: { permission: 'mentors.manage' }, schema: { tags, summary: '导师年度辅导完成情况 / Confirmed sessions against each mentor\'s yearly commitment', params: CommitmentParams, response: { 200: Type.Array(Commitment) } } },
    async (request) => s.commitments(d, requirePrincipal(request), request.params.year),
  );
  app.get('/api/v1/mentor-pairings', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的导师辅导 / My pairings, as founder or as mentor', response: { 200: Type.Array(Pairing) } } }, async (request) => s.myPairings(d, requirePrincipal(request)));
  app.post(
    '/api/v1/mentor-pairings',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '申请导师 / Ask a mentor (a founder, for themself or their enterprise)', body: PairingBody, response: { 201: Pairing } } },
    async (request, reply) => reply.code(201).send(await s.requestMentor(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post(
    '/api/v1/mentor-pairings/:id/decision',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '答复申请 / The mentor accepts or declines', params: IdParams, body: DecideBody, response: { 200: Pairing } } },
    async (request) => s.decide(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/mentor-pairings/:id/sessions',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '预约辅导 / Book a session (either side)', params: IdParams, body: SessionBookBody, response: { 200: Pairing } } },
    async (request) => s.bookSession(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/mentor-pairings/:id/sessions/:sessionId/confirm',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '确认辅导 / Confirm a session held, with a short record (it counts once both sides confirmed)', params: PairingSessionParams, body: SessionConfirmBody, response: { 200: Pairing } } },
    async (request) => s.confirmSession(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.sessionId, request.body),
  );
  app.post(
    '/api/v1/mentor-pairings/:id/rating',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '评价 / Rate the pairing (either side)', params: IdParams, body: MentorRateBody, response: { 200: Pairing } } },
    async (request) => s.rate(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/mentor-pairings/:id/end',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '结束辅导 / End the pairing (either side, with the reason)', params: IdParams, body: EndBody, response: { 200: Pairing } } },
    async (request) => s.endPairing(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
