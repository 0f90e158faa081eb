import { Type } from '@sinclair/typebox';
import { FeedPullResult, FeedSubscription, FeedSubscriptionBody, FeedSubscriptionPatch, IdParams, PolicyFeed, PolicyFeedQuery, UpstreamPolicyList, UpstreamPolicyQuery } from '@seedbed/contract';
import { requirePrincipal, type AppInstance } from '../../platform/http.js';
import { getSubscription, listSubscriptions, patchSubscription, policyFeed, pullNow, subscribe, upstreamPolicies } from './feeds.service.js';

export function feedsRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  app.get(
    '/api/v1/feed/policies',
    {
      config: { permission: 'interconnect.client', clientScope: 'policies:read', csrf: false },
      schema: {
        tags: ['interconnect'],
        summary: '政策订阅源 / The policy feed: every published item version after a cursor (documents, citations, rules, regions, effective dates), for other platforms',
        description: 'Machine clients with scope policies:read. Entries come in the order their versions were published here; pass the last `cursor` as `after`. `feedVersion` is the format version (1).',
        querystring: PolicyFeedQuery,
        response: { 200: PolicyFeed },
      },
    },
    async (request) => policyFeed(app.deps.db, request.query),
  );

  app.get(
    '/api/v1/upstream-policies',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['interconnect'],
        summary: '上级政策 / Policies of the platforms this one subscribes to (the city\'s, a district\'s), with their origin: applied for there',
        querystring: UpstreamPolicyQuery,
        response: { 200: UpstreamPolicyList },
      },
    },
    async (request) => upstreamPolicies(deps(), request.query),
  );

  app.get(
    '/api/v1/interconnect/feed-subscriptions',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags: ['interconnect'], summary: '政策订阅 / The upstream policy feeds my organisation subscribes to, with their status', response: { 200: Type.Object({ items: Type.Array(FeedSubscription) }) } },
    },
    async (request) => listSubscriptions(deps(), requirePrincipal(request)),
  );

  app.post(
    '/api/v1/interconnect/feed-subscriptions',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags: ['interconnect'], summary: '订阅上级平台政策 / Subscribe the policy feed of a registered upstream platform', body: FeedSubscriptionBody, response: { 200: FeedSubscription } },
    },
    async (request) => subscribe(deps(), requirePrincipal(request), request.body),
  );

  app.get(
    '/api/v1/interconnect/feed-subscriptions/:id',
    { config: { permission: 'interconnect.manage' }, schema: { tags: ['interconnect'], summary: '政策订阅状态 / A feed subscription: last pull, items received, errors', params: IdParams, response: { 200: FeedSubscription } } },
    async (request) => getSubscription(deps(), requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/api/v1/interconnect/feed-subscriptions/:id',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags: ['interconnect'], summary: '修改政策订阅 / Pause, resume or re-time a feed subscription', params: IdParams, body: FeedSubscriptionPatch, response: { 200: FeedSubscription } },
    },
    async (request) => patchSubscription(deps(), requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/interconnect/feed-subscriptions/:id/pull',
    { config: { permission: 'interconnect.manage' }, schema: { tags: ['interconnect'], summary: '立即拉取 / Pull the feed now', params: IdParams, response: { 200: FeedPullResult } } },
    async (request) => pullNow(deps(), requirePrincipal(request), request.params.id),
  );
}
