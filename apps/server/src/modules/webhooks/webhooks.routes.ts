import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { IdParams, Ok, WebhookDelivery, WebhookDeliveryList, WebhookReplayQuery, WebhookReplayResult, WebhookSubscription, WebhookSubscriptionBody } from '@seedbed/contract';
import { requirePrincipal, type AppInstance } from '../../platform/http.js';
import { unauthenticated } from '../../platform/problems.js';
import { instantIn } from '../../platform/time.js';
import type { ApiClient } from '../interconnect/index.js';
import { cancelSubscription, clientSubscriptions, deliveries, organisationSubscriptions, registerSubscription, replayDelivery, replaySince } from './webhooks.service.js';

const machine = { permission: 'interconnect.client', clientScope: 'webhooks:manage', csrf: false } as const;

function clientOf(request: FastifyRequest): ApiClient {
  if (!request.apiClient) throw unauthenticated();
  return request.apiClient;
}

export function webhooksRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  app.post(
    '/api/v1/webhooks/subscriptions',
    {
      config: machine,
      schema: {
        tags: ['interconnect'],
        summary: '登记 Webhook / Register a webhook subscription (scope webhooks:manage): events of the topics are POSTed to the URL, signed',
        description:
          'Each event is POSTed as JSON `{id, topic, occurredAt, data}` with `Seedbed-Signature: t=<unix>,v1=<hex HMAC-SHA-256 of "<t>.<body>">` under the secret (generated and shown once when not given). ' +
          'Failed deliveries are retried after 10 s, 30 s, 2 min, 10 min, 1 h, 6 h; replays re-send the same event id: de-duplicate by it.',
        body: WebhookSubscriptionBody,
        response: { 200: WebhookSubscription },
      },
    },
    async (request) => registerSubscription(deps(), clientOf(request), request.body),
  );

  app.get(
    '/api/v1/webhooks/subscriptions',
    { config: machine, schema: { tags: ['interconnect'], summary: '我的 Webhook / The calling client\'s webhook subscriptions', response: { 200: Type.Object({ items: Type.Array(WebhookSubscription) }) } } },
    async (request) => clientSubscriptions(deps(), clientOf(request)),
  );

  app.delete(
    '/api/v1/webhooks/subscriptions/:id',
    { config: machine, schema: { tags: ['interconnect'], summary: '取消 Webhook / Cancel a webhook subscription', params: IdParams, response: { 200: Ok } } },
    async (request) => cancelSubscription(deps(), clientOf(request), request.params.id),
  );

  app.get(
    '/api/v1/webhooks/subscriptions/:id/deliveries',
    { config: machine, schema: { tags: ['interconnect'], summary: '投递记录 / Deliveries of a subscription, newest first, with every attempt', params: IdParams, response: { 200: WebhookDeliveryList } } },
    async (request) => deliveries(deps(), { client: clientOf(request) }, request.params.id),
  );

  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    { config: machine, schema: { tags: ['interconnect'], summary: '重新投递 / Send a delivery\'s event again (same event id)', params: IdParams, response: { 200: WebhookDelivery } } },
    async (request) => replayDelivery(deps(), { client: clientOf(request) }, request.params.id),
  );

  app.post(
    '/api/v1/webhooks/subscriptions/:id/replay',
    {
      config: machine,
      schema: { tags: ['interconnect'], summary: '补发 / Send every event since an instant again', params: IdParams, querystring: WebhookReplayQuery, response: { 200: WebhookReplayResult } },
    },
    async (request) => replaySince(deps(), { client: clientOf(request) }, request.params.id, instantIn(request.query.since)),
  );

  // The interconnection page: the organisation's clients' subscriptions (interconnect.manage).
  app.get(
    '/api/v1/interconnect/webhooks',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags: ['interconnect'], summary: 'Webhook 订阅 / The webhook subscriptions of my organisation\'s clients', response: { 200: Type.Object({ items: Type.Array(WebhookSubscription) }) } },
    },
    async (request) => organisationSubscriptions(deps(), requirePrincipal(request)),
  );

  app.get(
    '/api/v1/interconnect/webhooks/:id/deliveries',
    { config: { permission: 'interconnect.manage' }, schema: { tags: ['interconnect'], summary: '投递记录 / A webhook subscription\'s deliveries', params: IdParams, response: { 200: WebhookDeliveryList } } },
    async (request) => deliveries(deps(), { principal: requirePrincipal(request) }, request.params.id),
  );

  app.post(
    '/api/v1/interconnect/webhook-deliveries/:id/replay',
    { config: { permission: 'interconnect.manage' }, schema: { tags: ['interconnect'], summary: '重新投递 / Send a delivery\'s event again', params: IdParams, response: { 200: WebhookDelivery } } },
    async (request) => replayDelivery(deps(), { principal: requirePrincipal(request) }, request.params.id),
  );
}
