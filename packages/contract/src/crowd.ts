import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';
import { SERVICE_CATEGORIES } from './services.js';

/**
 * Crowd (众包 and 供需对接): tasks whose reward is held in escrow, bids, delivery, acceptance or
 * dispute and arbitration; public supply and demand posts with contact through the platform.
 * Categories are the marketplace's service categories, plus 'other' (其他) for tasks and posts
 * outside them.
 */
export const CROWD_CATEGORIES = [...SERVICE_CATEGORIES, 'other'] as const;
export type CrowdCategory = (typeof CROWD_CATEGORIES)[number];
export const CROWD_OTHER_LABEL = { zh: '其他', en: 'Other' };
// Written out literal by literal: TypeBox types a union built from an array as never.
export const CrowdCategorySchema = Type.Union(
  [Type.Literal('management'), Type.Literal('finance'), Type.Literal('marketing'), Type.Literal('hr'), Type.Literal('legal'), Type.Literal('ip'), Type.Literal('testing'), Type.Literal('logistics'), Type.Literal('design'), Type.Literal('software'), Type.Literal('training'), Type.Literal('other')],
  { description: `A category: ${CROWD_CATEGORIES.join(', ')}` },
);

export const CROWD_TASK_STATUSES = ['open', 'awarded', 'delivered', 'disputed', 'completed', 'refunded', 'cancelled'] as const;
export type CrowdTaskStatus = (typeof CROWD_TASK_STATUSES)[number];
export const CROWD_TASK_STATUS_LABELS: Record<CrowdTaskStatus, { zh: string; en: string }> = {
  open: { zh: '征集中', en: 'Open for bids' },
  awarded: { zh: '已选定', en: 'Awarded' },
  delivered: { zh: '已交付待验收', en: 'Delivered, awaiting acceptance' },
  disputed: { zh: '争议仲裁中', en: 'In dispute' },
  completed: { zh: '已完成', en: 'Completed' },
  refunded: { zh: '已退款', en: 'Refunded' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
const TaskStatus = Type.Union([Type.Literal('open'), Type.Literal('awarded'), Type.Literal('delivered'), Type.Literal('disputed'), Type.Literal('completed'), Type.Literal('refunded'), Type.Literal('cancelled')]);

/** Who acts: a subject the person acts for (an enterprise or themselves) or a service provider organisation they belong to. */
export const CrowdPartyKind = Type.Union([Type.Literal('subject'), Type.Literal('organisation')]);
export const CrowdParty = Type.Object({ kind: CrowdPartyKind, id: Uuid, name: Type.String(), regionCode: Type.Union([RegionCode, Type.Null()]), isPerson: Type.Boolean() });
export type CrowdParty = Static<typeof CrowdParty>;
export const CrowdParties = Type.Object({ items: Type.Array(CrowdParty) });
export type CrowdParties = Static<typeof CrowdParties>;

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const CreateCrowdTaskBody = Type.Object(
  {
    posterSubjectId: Uuid,
    title: Text(100, 2),
    description: Text(5000),
    category: CrowdCategorySchema,
    rewardFen: Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'Reward in fen, held in escrow; more than 0 (the service names the rule)' }),
    bidDeadline: IsoDate,
    deliveryDeadline: IsoDate,
    regionCode: RegionCode,
  },
  { additionalProperties: false },
);
export type CreateCrowdTaskBody = Static<typeof CreateCrowdTaskBody>;

export const CrowdTaskSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  category: CrowdCategorySchema,
  rewardFen: Fen,
  bidDeadline: IsoDate,
  deliveryDeadline: IsoDate,
  regionCode: RegionCode,
  regionName: Type.String(),
  posterName: Type.String(),
  status: TaskStatus,
  bidCount: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
});
export type CrowdTaskSummary = Static<typeof CrowdTaskSummary>;
export const CrowdTaskList = Type.Object({ items: Type.Array(CrowdTaskSummary), total: Type.Integer({ minimum: 0 }) });
export type CrowdTaskList = Static<typeof CrowdTaskList>;

export const CrowdTaskQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(CrowdCategorySchema),
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(TaskStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type CrowdTaskQuery = Static<typeof CrowdTaskQuery>;

export const CrowdBid = Type.Object({
  id: Uuid,
  bidderName: Type.String(),
  priceFen: Fen,
  deliveryDays: Type.Integer(),
  message: Type.String(),
  createdAt: Instant,
  won: Type.Boolean(),
  mine: Type.Boolean(),
});
export type CrowdBid = Static<typeof CrowdBid>;

export const CrowdDelivery = Type.Object({ id: Uuid, fileName: Type.String(), note: Type.String(), createdAt: Instant });
export type CrowdDelivery = Static<typeof CrowdDelivery>;

export const CrowdTask = Type.Object({
  ...CrowdTaskSummary.properties,
  description: Type.String(),
  /** Bids: every bid for the poster and arbitrating officers; one's own otherwise; prices of others are not public. */
  bids: Type.Array(CrowdBid),
  deliveries: Type.Array(CrowdDelivery),
  winnerName: Type.Union([Type.String(), Type.Null()]),
  winningPriceFen: Type.Union([Fen, Type.Null()]),
  disputeReason: Type.Union([Type.String(), Type.Null()]),
  outcomeNote: Type.Union([Type.String(), Type.Null()]),
  settledAt: Type.Union([Instant, Type.Null()]),
  /** What the signed-in person may do now. */
  can: Type.Object({ bid: Type.Boolean(), pick: Type.Boolean(), cancel: Type.Boolean(), deliver: Type.Boolean(), accept: Type.Boolean(), dispute: Type.Boolean(), arbitrate: Type.Boolean() }),
  role: Type.Union([Type.Literal('poster'), Type.Literal('winner'), Type.Literal('bidder'), Type.Literal('arbitrator'), Type.Literal('visitor')]),
});
export type CrowdTask = Static<typeof CrowdTask>;

export const CreateCrowdBidBody = Type.Object(
  {
    partyKind: CrowdPartyKind,
    partyId: Uuid,
    priceFen: Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'Price in fen: more than 0 and at most the reward' }),
    deliveryDays: Type.Integer({ minimum: 1, maximum: 365 }),
    message: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateCrowdBidBody = Static<typeof CreateCrowdBidBody>;

export const PickCrowdBidBody = Type.Object({ bidId: Uuid }, { additionalProperties: false });
export type PickCrowdBidBody = Static<typeof PickCrowdBidBody>;
export const CrowdDeliverBody = Type.Object({ fileId: Uuid, note: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export type CrowdDeliverBody = Static<typeof CrowdDeliverBody>;
export const CrowdDisputeBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export type CrowdDisputeBody = Static<typeof CrowdDisputeBody>;
export const CrowdArbitrateBody = Type.Object(
  { decision: Type.Union([Type.Literal('release'), Type.Literal('refund')]), note: Text(2000) },
  { additionalProperties: false },
);
export type CrowdArbitrateBody = Static<typeof CrowdArbitrateBody>;
export const CrowdEmptyBody = Type.Object({}, { additionalProperties: false });

export const CrowdDeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid }, { additionalProperties: false });

export const CrowdMine = Type.Object({
  tasks: Type.Array(CrowdTaskSummary),
  bids: Type.Array(Type.Object({ task: CrowdTaskSummary, priceFen: Fen, won: Type.Boolean(), bidderName: Type.String() })),
});
export type CrowdMine = Static<typeof CrowdMine>;

// ---------------------------------------------------------------- supply and demand

export const CrowdPostKind = Type.Union([Type.Literal('supply'), Type.Literal('demand')]);
export type CrowdPostKind = Static<typeof CrowdPostKind>;
export const CROWD_POST_KIND_LABELS: Record<CrowdPostKind, { zh: string; en: string }> = {
  supply: { zh: '产品供给', en: 'Supply' },
  demand: { zh: '需求', en: 'Demand' },
};

export const CreateCrowdPostBody = Type.Object(
  {
    kind: CrowdPostKind,
    partyKind: CrowdPartyKind,
    partyId: Uuid,
    title: Text(100, 2),
    body: Text(5000),
    category: CrowdCategorySchema,
    regionCode: RegionCode,
    expiresOn: IsoDate,
  },
  { additionalProperties: false },
);
export type CreateCrowdPostBody = Static<typeof CreateCrowdPostBody>;

export const CrowdPost = Type.Object({
  id: Uuid,
  kind: CrowdPostKind,
  title: Type.String(),
  body: Type.String(),
  category: CrowdCategorySchema,
  regionCode: RegionCode,
  regionName: Type.String(),
  ownerName: Type.String(),
  expiresOn: IsoDate,
  open: Type.Boolean(),
  mine: Type.Boolean(),
  createdAt: Instant,
});
export type CrowdPost = Static<typeof CrowdPost>;
export const CrowdPostList = Type.Object({ items: Type.Array(CrowdPost), total: Type.Integer({ minimum: 0 }) });
export type CrowdPostList = Static<typeof CrowdPostList>;

export const CrowdPostQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(CrowdPostKind),
    category: Type.Optional(CrowdCategorySchema),
    regionCode: Type.Optional(RegionCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type CrowdPostQuery = Static<typeof CrowdPostQuery>;

export const CrowdMessageBody = Type.Object({ body: Text(2000) }, { additionalProperties: false });
export type CrowdMessageBody = Static<typeof CrowdMessageBody>;

export const CrowdMessage = Type.Object({ id: Uuid, fromMe: Type.Boolean(), senderName: Type.String(), body: Type.String(), createdAt: Instant });
export type CrowdMessage = Static<typeof CrowdMessage>;

export const CrowdThreadSummary = Type.Object({
  id: Uuid,
  postId: Uuid,
  postTitle: Type.String(),
  postKind: CrowdPostKind,
  /** The other side as the reader sees it: the post's owner, or the person who got in touch. */
  counterpartName: Type.String(),
  asOwner: Type.Boolean(),
  lastMessageAt: Instant,
  messageCount: Type.Integer({ minimum: 0 }),
});
export type CrowdThreadSummary = Static<typeof CrowdThreadSummary>;
export const CrowdThreadList = Type.Object({ items: Type.Array(CrowdThreadSummary) });
export type CrowdThreadList = Static<typeof CrowdThreadList>;
export const CrowdThread = Type.Object({ ...CrowdThreadSummary.properties, messages: Type.Array(CrowdMessage) });
export type CrowdThread = Static<typeof CrowdThread>;

// The written-out unions stay the lists above: this does not compile when they part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const crowdSchemasMatchTheirLists: [Same<CrowdCategory, Static<typeof CrowdCategorySchema>>, Same<CrowdTaskStatus, Static<typeof TaskStatus>>] = [true, true];
