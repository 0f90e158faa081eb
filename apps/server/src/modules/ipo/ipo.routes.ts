import { IdParams, IpoApplyBody, IpoDecisionBody, IpoEnrolBody, IpoEntry, IpoPool, IpoPoolQuery, IpoStageBody, IpoVerifyBody, MyIpo } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { sendStoredFile } from '../files/index.js';
import * as s from './ipo.service.js';

const tags = ['ipo'];

export function ipoRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get(
    '/api/v1/ipo/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的上市培育 / My enterprises\' pool entries, stages and rewards, and the enterprises I may apply for', response: { 200: MyIpo } } },
    async (request) => s.myIpo(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/ipo/entries',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '申请入库 / An enterprise applies to enter the pre-IPO pool (target board, current stage)', body: IpoApplyBody, response: { 201: IpoEntry } } },
    async (request, reply) => reply.code(201).send(await s.applyToPool(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post(
    '/api/v1/ipo/entries/:id/stages',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记阶段 / The enterprise records a stage reached with its evidence (a PDF) and the date', params: IdParams, body: IpoStageBody, response: { 201: IpoEntry } } },
    async (request, reply) => reply.code(201).send(await s.recordStage(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/ipo/pool',
    { config: { permission: 'ipo.manage' }, schema: { tags, summary: '后备上市企业资源库 / The pool for the finance office (by region, stage, board), stage counts, stages awaiting verification', querystring: IpoPoolQuery, response: { 200: IpoPool } } },
    async (request) => s.pool(d, requirePrincipal(request), request.query),
  );
  app.post(
    '/api/v1/ipo/pool/enrolments',
    { config: { permission: 'ipo.manage' }, schema: { tags, summary: '金融办直接入库 / The finance office enrols an enterprise by its credit code', body: IpoEnrolBody, response: { 201: IpoEntry } } },
    async (request, reply) => reply.code(201).send(await s.enrol(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.post(
    '/api/v1/ipo/entries/:id/decision',
    { config: { permission: 'ipo.manage' }, schema: { tags, summary: '入库审核 / Admit an enterprise into the pool, or refuse it with a reason', params: IdParams, body: IpoDecisionBody, response: { 200: IpoEntry } } },
    async (request) => s.decide(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/ipo/stage-records/:id/verification',
    { config: { permission: 'ipo.manage' }, schema: { tags, summary: '核实阶段 / Verify a recorded stage (its facts and the catalogue\'s rewards follow), or send it back', params: IdParams, body: IpoVerifyBody, response: { 200: IpoEntry } } },
    async (request) => s.verifyStage(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/ipo/stage-records/:id/evidence',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '阶段证明材料 / A stage\'s evidence (the enterprise, the finance office)', params: IdParams } },
    async (request, reply) => {
      const { file, stream } = await s.evidence(d, requirePrincipal(request), request.params.id);
      return sendStoredFile(reply, file, stream);
    },
  );
}
