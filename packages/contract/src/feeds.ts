/**
 * Interconnection (互联互通): each platform publishes its policies as a versioned feed that other
 * platforms subscribe to, and sends webhooks of what happens to the systems that ask for them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ItemOrigin } from './finder.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Day = Type.String({ description: 'YYYY-MM-DD' });

// ---------------------------------------------------------------- the policy feed (machine route)

export const PolicyFeedQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'the cursor of the last entry already read (absent: from the start)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type PolicyFeedQuery = Static<typeof PolicyFeedQuery>;

export const PolicyFeedEntry = Type.Object({
  cursor: Type.String({ description: 'monotonic: the order in which versions were published here' }),
  itemId: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean({ description: 'false: a later version (or the item\'s withdrawal) has replaced this one' }),
  withdrawn: Type.Boolean({ description: 'the item has no published version any more' }),
  publishedAt: Type.Union([Instant, Type.Null()]),
  title: Text,
  entity: Type.String(),
  benefit: Type.String(),
  mode: Type.Union([Type.Literal('apply'), Type.Literal('automatic')]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  effective: Type.Object({ from: Day, to: Type.Union([Day, Type.Null()]) }),
  document: Type.Object({
    key: Type.String(),
    title: Text,
    issuer: Text,
    number: Type.Union([Type.String(), Type.Null()]),
    region: Type.Union([Type.String(), Type.Null()]),
    issuedOn: Type.Union([Type.String(), Type.Null()]),
  }),
  citation: Type.Object({ clause: Type.Union([Type.String(), Type.Null()]), quote: Type.String() }),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  rule: Type.Unknown({ description: 'the item\'s rule as the catalogue keeps it (criteria, amount, caps: the rules engine\'s item spec)' }),
  parameters: Type.Record(Type.String(), Type.Unknown(), { description: 'parameter overrides published with this version' }),
});
export type PolicyFeedEntry = Static<typeof PolicyFeedEntry>;

export const PolicyFeed = Type.Object({
  feedVersion: Type.Literal(1),
  items: Type.Array(PolicyFeedEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `after` for the next page; null when the feed is empty' }),
  hasMore: Type.Boolean(),
});
export type PolicyFeed = Static<typeof PolicyFeed>;

// ---------------------------------------------------------------- subscriptions to upstream feeds

export const FeedSubscriptionBody = Type.Object(
  {
    upstreamId: Type.String({ format: 'uuid', description: 'an upstream registered in the interconnect core' }),
    originLevel: Type.Optional(Type.Union([Type.Literal('upstream'), Type.Literal('district')], { description: 'upstream: 上级政策 (default); district: 区级政策' })),
    intervalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, description: 'how often to pull (default 5)' })),
  },
  { additionalProperties: false },
);
export type FeedSubscriptionBody = Static<typeof FeedSubscriptionBody>;

export const FeedSubscriptionPatch = Type.Object(
  {
    active: Type.Optional(Type.Boolean()),
    intervalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    originLevel: Type.Optional(Type.Union([Type.Literal('upstream'), Type.Literal('district')])),
  },
  { additionalProperties: false },
);
export type FeedSubscriptionPatch = Static<typeof FeedSubscriptionPatch>;

export const FeedPull = Type.Object({ at: Instant, status: Type.Union([Type.Integer(), Type.Null()]), received: Type.Integer(), error: Type.Union([Type.String(), Type.Null()]), durationMs: Type.Integer() });

export const FeedSubscription = Type.Object({
  id: Type.String(),
  upstreamId: Type.String(),
  upstreamName: Type.String(),
  originLevel: Type.Union([Type.Literal('upstream'), Type.Literal('district')]),
  intervalMinutes: Type.Integer(),
  active: Type.Boolean(),
  lastPullAt: Type.Union([Instant, Type.Null()]),
  lastSuccessAt: Type.Union([Instant, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastErrorAt: Type.Union([Instant, Type.Null()]),
  itemsReceived: Type.Integer({ description: 'feed entries received so far' }),
  itemsHeld: Type.Integer({ description: 'current upstream items held (ended and withdrawn ones left out)' }),
  recentPulls: Type.Array(FeedPull),
});
export type FeedSubscription = Static<typeof FeedSubscription>;

export const FeedPullResult = Type.Object({ received: Type.Integer(), status: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]) });
export type FeedPullResult = Static<typeof FeedPullResult>;

// ---------------------------------------------------------------- the library's upstream items

export const UpstreamPolicyQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    entity: Type.Optional(Type.String({ maxLength: 40 })),
    benefit: Type.Optional(Type.String({ maxLength: 40 })),
    open: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpstreamPolicyQuery = Static<typeof UpstreamPolicyQuery>;

export const UpstreamPolicy = Type.Object({
  id: Type.String({ description: 'namespaced: never the id of a local item' }),
  version: Type.Integer(),
  title: Text,
  entity: Type.String(),
  benefit: Type.String(),
  mode: Type.Union([Type.Literal('apply'), Type.Literal('automatic')]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  effective: Type.Object({ from: Day, to: Type.Union([Day, Type.Null()]) }),
  open: Type.Boolean(),
  document: Type.Object({ title: Text, number: Type.Union([Type.String(), Type.Null()]), issuer: Text }),
  origin: ItemOrigin,
  receivedAt: Instant,
});
export type UpstreamPolicy = Static<typeof UpstreamPolicy>;

export const UpstreamPolicyList = Type.Object({ total: Type.Integer(), items: Type.Array(UpstreamPolicy) });
export type UpstreamPolicyList = Static<typeof UpstreamPolicyList>;

// ---------------------------------------------------------------- webhooks

export const WEBHOOK_TOPICS = ['policy.published', 'award.published', 'indicator.updated'] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];
export const WebhookTopicSchema = Type.Union(WEBHOOK_TOPICS.map((t) => Type.Literal(t)));

export const WebhookSubscriptionBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 500, description: 'http(s) URL the events are POSTed to' }),
    topics: Type.Array(WebhookTopicSchema, { minItems: 1, maxItems: WEBHOOK_TOPICS.length, uniqueItems: true }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200, description: 'the signing secret (absent: one is generated and shown once)' })),
  },
  { additionalProperties: false },
);
export type WebhookSubscriptionBody = Static<typeof WebhookSubscriptionBody>;

export const WebhookSubscription = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  url: Type.String(),
  topics: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Instant,
  delivered: Type.Integer(),
  failing: Type.Integer({ description: 'deliveries retrying or given up' }),
  secret: Type.Optional(Type.String({ description: 'shown once, at registration' })),
});
export type WebhookSubscription = Static<typeof WebhookSubscription>;

export const WebhookAttempt = Type.Object({ attempt: Type.Integer(), at: Instant, status: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]), durationMs: Type.Integer() });

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  topic: Type.String(),
  occurredAt: Instant,
  status: Type.Union([Type.Literal('pending'), Type.Literal('retrying'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Instant, Type.Null()]),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Instant, Type.Null()]),
  replayOf: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  attemptLog: Type.Array(WebhookAttempt),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryList = Type.Object({ items: Type.Array(WebhookDelivery) });
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

export const WebhookReplayQuery = Type.Object({ since: Instant }, { additionalProperties: false });
export type WebhookReplayQuery = Static<typeof WebhookReplayQuery>;

export const WebhookReplayResult = Type.Object({ replayed: Type.Integer() });
export type WebhookReplayResult = Static<typeof WebhookReplayResult>;
