import {
  CreateCrowdBidBody,
  CreateCrowdPostBody,
  CreateCrowdTaskBody,
  CrowdArbitrateBody,
  CrowdDeliverBody,
  CrowdDeliveryParams,
  CrowdDisputeBody,
  CrowdEmptyBody,
  CrowdMessageBody,
  CrowdMine,
  CrowdParties,
  CrowdPost,
  CrowdPostList,
  CrowdPostQuery,
  CrowdTask,
  CrowdTaskList,
  CrowdTaskQuery,
  CrowdThread,
  CrowdThreadList,
  IdParams,
  PickCrowdBidBody,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { openFileBytes, sendStoredFile } from '../files/index.js';
import * as service from './crowd.service.js';

const tags = ['crowd'];

export function crowdRoutes(app: AppInstance): void {
  const deps = app.deps;

  app.get('/api/v1/crowd/parties', { config: { permission: 'authenticated' }, schema: { tags, summary: '我可代表的主体 / The parties I act for (my enterprise, myself, my service provider)', response: { 200: CrowdParties } } }, async (request) => ({
    items: await service.partiesOf(deps.db, requirePrincipal(request)),
  }));

  app.get('/api/v1/crowd/tasks', { config: { permission: 'public' }, schema: { tags, summary: '众包任务 / Crowd tasks (search by Chinese words or pinyin; filters)', querystring: CrowdTaskQuery, response: { 200: CrowdTaskList } } }, async (request) =>
    service.listTasks(deps.db, request.query),
  );

  app.post('/api/v1/crowd/tasks', { config: { permission: 'authenticated' }, schema: { tags, summary: '发布众包任务（赏金托管）/ Post a crowd task; its reward is held in escrow', body: CreateCrowdTaskBody, response: { 201: CrowdTask } } }, async (request, reply) =>
    reply.code(201).send(await service.postTask(deps, requirePrincipal(request), auditContextOf(request), request.body)),
  );

  app.get('/api/v1/crowd/tasks/:id', { config: { permission: 'public' }, schema: { tags, summary: '众包任务详情 / A crowd task (bids shown to the poster and arbitrating officers)', params: IdParams, response: { 200: CrowdTask } } }, async (request) =>
    service.getTask(deps.db, deps.clock, request.principal, request.params.id),
  );

  app.post('/api/v1/crowd/tasks/:id/bids', { config: { permission: 'authenticated' }, schema: { tags, summary: '投标 / Bid on a crowd task (price at most the reward)', params: IdParams, body: CreateCrowdBidBody, response: { 200: CrowdTask } } }, async (request) =>
    service.bid(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.post('/api/v1/crowd/tasks/:id/pick', { config: { permission: 'authenticated' }, schema: { tags, summary: '选定中标方 / The poster picks a bid', params: IdParams, body: PickCrowdBidBody, response: { 200: CrowdTask } } }, async (request) =>
    service.pick(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.bidId),
  );

  app.post('/api/v1/crowd/tasks/:id/cancel', { config: { permission: 'authenticated' }, schema: { tags, summary: '撤销任务（退还赏金）/ Cancel before a pick; the reward is refunded', params: IdParams, body: CrowdEmptyBody, response: { 200: CrowdTask } } }, async (request) =>
    service.cancel(deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );

  app.post('/api/v1/crowd/tasks/:id/deliveries', { config: { permission: 'authenticated' }, schema: { tags, summary: '交付成果 / The winner delivers an uploaded file', params: IdParams, body: CrowdDeliverBody, response: { 200: CrowdTask } } }, async (request) =>
    service.deliver(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.get('/api/v1/crowd/tasks/:id/deliveries/:deliveryId', { config: { permission: 'authenticated' }, schema: { tags, summary: '下载交付成果 / Download a delivered file (poster, winner, arbitrating officers)', params: CrowdDeliveryParams } }, async (request, reply) => {
    const file = await service.deliveryFile(deps.db, deps.clock, requirePrincipal(request), request.params.id, request.params.deliveryId);
    return sendStoredFile(reply, file, openFileBytes(deps.config, file.id));
  });

  app.post('/api/v1/crowd/tasks/:id/accept', { config: { permission: 'authenticated' }, schema: { tags, summary: '验收（赏金支付给中标方，仅一次）/ Accept delivery: the reward is released once', params: IdParams, body: CrowdEmptyBody, response: { 200: CrowdTask } } }, async (request) =>
    service.accept(deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );

  app.post('/api/v1/crowd/tasks/:id/dispute', { config: { permission: 'authenticated' }, schema: { tags, summary: '提出争议 / The poster disputes; an officer arbitrates', params: IdParams, body: CrowdDisputeBody, response: { 200: CrowdTask } } }, async (request) =>
    service.dispute(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.reason),
  );

  app.post('/api/v1/crowd/tasks/:id/arbitrate', { config: { permission: 'crowd.arbitrate' }, schema: { tags, summary: '仲裁：支付中标方或退还发布方 / Arbitrate: release to the winner or refund the poster', params: IdParams, body: CrowdArbitrateBody, response: { 200: CrowdTask } } }, async (request) =>
    service.arbitrate(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.get('/api/v1/crowd/disputes', { config: { permission: 'crowd.arbitrate' }, schema: { tags, summary: '待仲裁的争议 / Disputed tasks in the regions my departments cover', response: { 200: CrowdTaskList } } }, async (request) =>
    service.disputes(deps.db, requirePrincipal(request)),
  );

  app.get('/api/v1/crowd/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的任务和投标 / My tasks and bids', response: { 200: CrowdMine } } }, async (request) => service.myCrowd(deps.db, requirePrincipal(request)));

  app.get('/api/v1/crowd/posts', { config: { permission: 'public' }, schema: { tags, summary: '供需信息 / Supply and demand posts, open and unexpired (search, filters)', querystring: CrowdPostQuery, response: { 200: CrowdPostList } } }, async (request) =>
    service.listPosts(deps.db, deps.clock, request.principal, request.query),
  );

  app.get('/api/v1/crowd/posts/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我发布的供需信息 / My supply and demand posts', response: { 200: CrowdPostList } } }, async (request) =>
    service.listPosts(deps.db, deps.clock, requirePrincipal(request), { mine: true, limit: 100 }),
  );

  app.post('/api/v1/crowd/posts', { config: { permission: 'authenticated' }, schema: { tags, summary: '发布供需信息 / Publish a supply or demand post', body: CreateCrowdPostBody, response: { 201: CrowdPost } } }, async (request, reply) =>
    reply.code(201).send(await service.createPost(deps, requirePrincipal(request), auditContextOf(request), request.body)),
  );

  app.get('/api/v1/crowd/posts/:id', { config: { permission: 'public' }, schema: { tags, summary: '供需信息详情 / A supply or demand post (no contact details: contact through the platform)', params: IdParams, response: { 200: CrowdPost } } }, async (request) =>
    service.getPost(deps.db, deps.clock, request.principal, request.params.id),
  );

  app.post('/api/v1/crowd/posts/:id/close', { config: { permission: 'authenticated' }, schema: { tags, summary: '关闭供需信息 / The owner closes a post', params: IdParams, body: CrowdEmptyBody, response: { 200: CrowdPost } } }, async (request) =>
    service.closePost(deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );

  app.post('/api/v1/crowd/posts/:id/contact', { config: { permission: 'authenticated' }, schema: { tags, summary: '通过平台联系发布者 / Send the owner a message through the platform', params: IdParams, body: CrowdMessageBody, response: { 200: CrowdThread } } }, async (request) =>
    service.contact(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.body),
  );

  app.get('/api/v1/crowd/threads', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的供需会话 / My message threads', response: { 200: CrowdThreadList } } }, async (request) =>
    service.listThreads(deps.db, requirePrincipal(request)),
  );

  app.get('/api/v1/crowd/threads/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '会话 / A message thread (both sides)', params: IdParams, response: { 200: CrowdThread } } }, async (request) =>
    service.getThread(deps.db, requirePrincipal(request), request.params.id),
  );

  app.post('/api/v1/crowd/threads/:id/messages', { config: { permission: 'authenticated' }, schema: { tags, summary: '回复 / Reply in a thread', params: IdParams, body: CrowdMessageBody, response: { 200: CrowdThread } } }, async (request) =>
    service.reply(deps, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.body),
  );
}

