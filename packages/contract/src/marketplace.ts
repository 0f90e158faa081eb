/**
 * The service marketplace (服务超市): certified third-party service providers, their listings,
 * orders (optionally paid in part with a service voucher), ratings from settled orders, the star
 * grade (星级评选) with its published formula, and misuse flags for officers. Money in fen.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { ServiceCategorySchema } from './services.js';
import { Instant } from './time.js';

/** A union of string literals whose static type stays the union (Type.Union over a mapped array would widen it). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {}));

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Reason = Type.String({ minLength: 1, maxLength: 1000 });
const Regions = Type.Array(RegionCode, { minItems: 1, maxItems: 20, uniqueItems: true });

export const CERTIFICATION_STATUSES = ['pending', 'certified', 'rejected', 'suspended', 'revoked'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
export const CERTIFICATION_STATUS_LABELS: Record<CertificationStatus, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'Pending' },
  certified: { zh: '已认证', en: 'Certified' },
  rejected: { zh: '未通过', en: 'Rejected' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

export const ORDER_STATUSES = ['quote_requested', 'quoted', 'placed', 'confirmed', 'delivered', 'accepted', 'disputed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, { zh: string; en: string }> = {
  quote_requested: { zh: '待报价', en: 'Quote requested' },
  quoted: { zh: '已报价', en: 'Quoted' },
  placed: { zh: '待确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '服务中', en: 'In progress' },
  delivered: { zh: '待验收', en: 'Delivered' },
  accepted: { zh: '已验收', en: 'Accepted' },
  disputed: { zh: '争议中', en: 'Disputed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const RATING_DIMENSIONS = ['quality', 'timeliness', 'price'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];
export const RATING_DIMENSION_LABELS: Record<RatingDimension, { zh: string; en: string }> = {
  quality: { zh: '服务质量', en: 'Quality' },
  timeliness: { zh: '及时性', en: 'Timeliness' },
  price: { zh: '价格', en: 'Price' },
};

export const FLAG_KINDS = ['related_parties', 'round_amounts', 'rating_without_delivery'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const FLAG_KIND_LABELS: Record<FlagKind, { zh: string; en: string }> = {
  related_parties: { zh: '关联交易（同一方在订单两侧）', en: 'Related parties on both sides' },
  round_amounts: { zh: '同一对象反复整数金额订单', en: 'Repeated round-amount orders' },
  rating_without_delivery: { zh: '未交付即评价', en: 'Rating without delivery' },
};

// ------------------------------------------------------------------ certification

export const CertificationApplyBody = Type.Object(
  {
    categories: Type.Array(ServiceCategorySchema, { minItems: 1, maxItems: 11, uniqueItems: true }),
    regions: Regions,
    qualifications: Type.String({ minLength: 1, maxLength: 4000, description: '资质说明：资格证书、人员、业绩' }),
    fileIds: Type.Array(Uuid, { maxItems: 10, uniqueItems: true, description: 'uploaded qualification documents (files module)' }),
  },
  { additionalProperties: false },
);
export type CertificationApplyBody = Static<typeof CertificationApplyBody>;

export const CertificationFile = Type.Object({ id: Uuid, name: Type.String() });

export const Certification = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  providerName: Type.String(),
  providerRegionCode: Type.String(),
  providerRegionName: Type.String(),
  categories: Type.Array(ServiceCategorySchema),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  qualifications: Type.String(),
  files: Type.Array(CertificationFile),
  status: oneOf(CERTIFICATION_STATUSES),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validTo: Type.Union([IsoDate, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  appliedAt: Instant,
  decidedAt: Type.Union([Instant, Type.Null()]),
});
export type Certification = Static<typeof Certification>;

export const ReviewCriterion = Type.Object({ id: Type.String(), label: Text, max: Type.Integer() });
export const CertificationReviewEntry = Type.Object({
  assessorName: Type.String(),
  conflict: Type.Boolean(),
  conflictNote: Type.Union([Type.String(), Type.Null()]),
  scores: Type.Record(Type.String(), Type.Integer()),
  total: Type.Union([Type.Integer(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  outlier: Type.Boolean(),
  mine: Type.Boolean(),
  sealed: Type.Boolean(),
});
export const CertificationCase = Type.Object({
  certification: Certification,
  review: Type.Object({
    criteria: Type.Array(ReviewCriterion),
    minAssessors: Type.Integer(),
    entries: Type.Array(CertificationReviewEntry),
    scored: Type.Integer(),
    complete: Type.Boolean(),
  }),
  mayReview: Type.Boolean(),
  mayDecide: Type.Boolean(),
});
export type CertificationCase = Static<typeof CertificationCase>;

export const CertificationReviewBody = Type.Object(
  {
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]+$' }), Type.Integer({ minimum: 0, maximum: 100 }))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CertificationReviewBody = Static<typeof CertificationReviewBody>;

export const CertificationDecideBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('certify'), Type.Literal('reject')]),
    validFrom: Type.Optional(IsoDate),
    validTo: Type.Optional(IsoDate),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type CertificationDecideBody = Static<typeof CertificationDecideBody>;

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBody>;

export const CertificationQuery = Type.Object(
  { status: Type.Optional(oneOf(CERTIFICATION_STATUSES)) },
  { additionalProperties: false },
);
export type CertificationQuery = Static<typeof CertificationQuery>;

// ------------------------------------------------------------------ listings and search

export const ListingBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ maxLength: 2000 }),
    category: ServiceCategorySchema,
    priceMinFen: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }),
    priceMaxFen: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }),
    deliveryDays: Type.Integer({ minimum: 1, maximum: 365 }),
    regions: Regions,
    voucherPayable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ListingBody = Static<typeof ListingBody>;

export const GradeTerm = Type.Object({
  term: Type.String(),
  label: Text,
  value: Type.String({ description: 'the measured value, as text (e.g. 4.6, 12, certified)' }),
  points: Type.Number(),
  max: Type.Number(),
});
export const Grade = Type.Object({
  year: Type.Integer(),
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  points: Type.Number(),
  terms: Type.Array(GradeTerm),
  provisional: Type.Boolean({ description: 'true: the current year so far, moving with each rating; false: computed by the programme office' }),
});
export type Grade = Static<typeof Grade>;

export const Listing = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  providerName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  category: ServiceCategorySchema,
  priceMinFen: Fen,
  priceMaxFen: Fen,
  deliveryDays: Type.Integer(),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  voucherPayable: Type.Boolean(),
  active: Type.Boolean(),
  stars: Type.Integer(),
  averageRating: Type.Union([Type.Number(), Type.Null()]),
  settledOrders: Type.Integer(),
});
export type Listing = Static<typeof Listing>;

export const ListingQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(ServiceCategorySchema),
    region: Type.Optional(RegionCode),
    minPriceFen: Type.Optional(Type.Integer({ minimum: 0 })),
    maxPriceFen: Type.Optional(Type.Integer({ minimum: 0 })),
    voucherPayable: Type.Optional(Type.Boolean()),
    minStars: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  },
  { additionalProperties: false },
);
export type ListingQuery = Static<typeof ListingQuery>;

export const ProviderSummary = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  regionName: Type.String(),
  categories: Type.Array(ServiceCategorySchema),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validTo: Type.Union([IsoDate, Type.Null()]),
  status: oneOf(CERTIFICATION_STATUSES),
  qualifications: Type.String(),
  stars: Type.Integer(),
  averageRating: Type.Union([Type.Number(), Type.Null()]),
  settledOrders: Type.Integer(),
});
export type ProviderSummary = Static<typeof ProviderSummary>;

export const RatingView = Type.Object({
  orderId: Uuid,
  orderTitle: Type.String(),
  scores: Type.Record(Type.String(), Type.Integer()),
  comment: Type.String(),
  ratedAt: Instant,
  reply: Type.Union([Type.String(), Type.Null()]),
});
export type RatingView = Static<typeof RatingView>;

export const ProviderPage = Type.Object({
  provider: ProviderSummary,
  grade: Grade,
  annualGrades: Type.Array(Grade),
  listings: Type.Array(Listing),
  ratings: Type.Array(RatingView),
});
export type ProviderPage = Static<typeof ProviderPage>;

export const GradeFormula = Type.Object({
  terms: Type.Array(Type.Object({ term: Type.String(), label: Text, rule: Text, max: Type.Number() })),
  stars: Type.Array(Type.Object({ stars: Type.Integer(), minPoints: Type.Number() })),
});
export type GradeFormula = Static<typeof GradeFormula>;

// ------------------------------------------------------------------ orders

export const OrderBody = Type.Object(
  {
    listingId: Uuid,
    subjectId: Uuid,
    priceFen: Type.Union([Type.Integer({ minimum: 0, maximum: 2_000_000_000 }), Type.Null()], { description: 'null: ask the provider for a quote' }),
    voucherId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type OrderBody = Static<typeof OrderBody>;

export const VoucherQuoteBody = Type.Object(
  { listingId: Uuid, subjectId: Uuid, priceFen: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }), voucherId: Uuid },
  { additionalProperties: false },
);
export type VoucherQuoteBody = Static<typeof VoucherQuoteBody>;

export const VoucherQuoteView = Type.Object({
  voucherPaysFen: Fen,
  enterprisePaysFen: Fen,
  settlement: Type.Union([Type.Literal('provider_redeems'), Type.Literal('reimbursed')]),
});
export type VoucherQuoteView = Static<typeof VoucherQuoteView>;

export const QuoteBody = Type.Object({ priceFen: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }) }, { additionalProperties: false });
export type QuoteBody = Static<typeof QuoteBody>;
export const AcceptQuoteBody = Type.Object({ voucherId: Type.Optional(Uuid) }, { additionalProperties: false });
export type AcceptQuoteBody = Static<typeof AcceptQuoteBody>;
export const DeliverBody = Type.Object({ fileId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type DeliverBody = Static<typeof DeliverBody>;
export const CancelBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export type CancelBody = Static<typeof CancelBody>;
export const DisputeDecisionBody = Type.Object(
  { decision: Type.Union([Type.Literal('provider'), Type.Literal('enterprise')]), reason: Reason },
  { additionalProperties: false },
);
export type DisputeDecisionBody = Static<typeof DisputeDecisionBody>;

const Score = Type.Integer({ minimum: 1, maximum: 5 });
export const RateBody = Type.Object(
  { quality: Score, timeliness: Score, price: Score, comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBody>;
export const ReplyBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export type ReplyBody = Static<typeof ReplyBody>;

export const Order = Type.Object({
  id: Uuid,
  listingId: Uuid,
  title: Type.String(),
  category: ServiceCategorySchema,
  providerOrganisationId: Uuid,
  providerName: Type.String(),
  subjectId: Uuid,
  enterpriseName: Type.String(),
  note: Type.String(),
  priceFen: Type.Union([Fen, Type.Null()]),
  priceMinFen: Fen,
  priceMaxFen: Fen,
  /** Whether the listing ordered accepts vouchers (so a quote can be accepted with one). */
  voucherPayable: Type.Boolean(),
  status: oneOf(ORDER_STATUSES),
  voucher: Type.Union([
    Type.Object({ voucherPaysFen: Fen, enterprisePaysFen: Fen, status: Type.String() }),
    Type.Null(),
  ]),
  deliveryFile: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
  deliveryNote: Type.Union([Type.String(), Type.Null()]),
  disputeReason: Type.Union([Type.String(), Type.Null()]),
  disputeDecision: Type.Union([Type.Literal('provider'), Type.Literal('enterprise'), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  rated: Type.Boolean(),
  ratings: Type.Record(Type.String(), Type.Integer()),
  reply: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Order = Static<typeof Order>;

export const OrderQuery = Type.Object(
  { status: Type.Optional(oneOf(ORDER_STATUSES)) },
  { additionalProperties: false },
);
export type OrderQuery = Static<typeof OrderQuery>;

// ------------------------------------------------------------------ provider workbench

export const ProviderWorkbench = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  regionCode: Type.String(),
  certification: Type.Union([Certification, Type.Null()]),
  history: Type.Array(Certification),
  listings: Type.Array(Listing),
  orders: Type.Array(Order),
  ratings: Type.Array(RatingView),
  grade: Grade,
});
export type ProviderWorkbench = Static<typeof ProviderWorkbench>;

// ------------------------------------------------------------------ misuse flags

export const Flag = Type.Object({
  id: Uuid,
  kind: oneOf(FLAG_KINDS),
  providerOrganisationId: Uuid,
  providerName: Type.String(),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  orderTitle: Type.Union([Type.String(), Type.Null()]),
  detail: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('dismissed'), Type.Literal('acted')]),
  resolution: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type Flag = Static<typeof Flag>;

export const FlagResolveBody = Type.Object(
  { action: Type.Union([Type.Literal('dismiss'), Type.Literal('revoke')]), note: Reason },
  { additionalProperties: false },
);
export type FlagResolveBody = Static<typeof FlagResolveBody>;

export const GradeYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type GradeYearParams = Static<typeof GradeYearParams>;
export const GradeRun = Type.Object({ year: Type.Integer(), providers: Type.Integer(), byStars: Type.Record(Type.String(), Type.Integer()) });
export type GradeRun = Static<typeof GradeRun>;
