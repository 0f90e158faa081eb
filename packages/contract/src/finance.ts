/**
 * Finance (金融服务): financial institutions' products (kind, amount, annual rate, term, collateral,
 * and who may apply as a rule of the rules engine over the profile's variables), the match of each
 * product against an enterprise's profile with the engine's explanation, enterprises' financing
 * needs sent to products' institutions, answered within a deadline in working days (an offer, or a
 * refusal with a structured reason), overdue answers escalated to the finance office (金融办).
 * Money is integer fen; annual rates are basis points (1% = 100).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, Uuid } from './common.js';
import { Verdict } from './fulfilment.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PRODUCT_KINDS = ['credit', 'guarantee', 'ip_pledge', 'startup_guaranteed', 'equity'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_KIND_LABELS: Record<ProductKind, { zh: string; en: string }> = {
  credit: { zh: '信用贷款', en: 'Credit loan' },
  guarantee: { zh: '担保贷款', en: 'Guaranteed loan' },
  ip_pledge: { zh: '知识产权质押', en: 'IP-pledge loan' },
  startup_guaranteed: { zh: '创业担保贷款', en: 'Start-up guaranteed loan' },
  equity: { zh: '股权融资', en: 'Equity financing' },
};

export const PRODUCT_STATUSES = ['active', 'paused', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const PRODUCT_STATUS_LABELS: Record<ProductStatus, { zh: string; en: string }> = {
  active: { zh: '受理中', en: 'Open' },
  paused: { zh: '暂停受理', en: 'Paused' },
  withdrawn: { zh: '已下架', en: 'Withdrawn' },
};

export const REFUSAL_REASONS = ['credit_record', 'collateral', 'cash_flow', 'outside_scope', 'materials', 'amount', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABELS: Record<RefusalReason, { zh: string; en: string }> = {
  credit_record: { zh: '信用记录不足', en: 'Insufficient credit record' },
  collateral: { zh: '抵押或担保不足', en: 'Insufficient collateral or guarantee' },
  cash_flow: { zh: '经营现金流不足以还款', en: 'Cash flow too weak to repay' },
  outside_scope: { zh: '不在本产品支持范围', en: 'Outside the product’s scope' },
  materials: { zh: '材料不全或不实', en: 'Materials incomplete or inaccurate' },
  amount: { zh: '申请金额超出可贷额度', en: 'Amount above what can be lent' },
  other: { zh: '其他原因', en: 'Other' },
};

export const REQUEST_ORIGINS = ['applied', 'matched', 'referred'] as const;
export type RequestOrigin = (typeof REQUEST_ORIGINS)[number];
export const REQUEST_ORIGIN_LABELS: Record<RequestOrigin, { zh: string; en: string }> = {
  applied: { zh: '企业申请本产品', en: 'Applied to this product' },
  matched: { zh: '平台按需求匹配', en: 'Matched to the need' },
  referred: { zh: '他行拒绝后经企业同意推送', en: 'Referred after another refusal, with consent' },
};

export const REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待答复', en: 'Awaiting the answer' },
  accepted: { zh: '已同意', en: 'Offered' },
  refused: { zh: '已拒绝', en: 'Refused' },
};

/** A need's state, from its requests: waiting for answers, offered (one institution agreed), refused by all, or no product matched. */
export const NEED_STATUSES = ['waiting', 'offered', 'refused', 'unmatched'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, { zh: string; en: string }> = {
  waiting: { zh: '等待机构答复', en: 'Awaiting answers' },
  offered: { zh: '已获授信意向', en: 'Offer received' },
  refused: { zh: '均未获同意', en: 'Refused' },
  unmatched: { zh: '暂无匹配产品', en: 'No matching product' },
};

const KindSchema = Type.Union([Type.Literal('credit'), Type.Literal('guarantee'), Type.Literal('ip_pledge'), Type.Literal('startup_guaranteed'), Type.Literal('equity')]);
const StatusSchema = Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('withdrawn')]);
const ReasonSchema = Type.Union([Type.Literal('credit_record'), Type.Literal('collateral'), Type.Literal('cash_flow'), Type.Literal('outside_scope'), Type.Literal('materials'), Type.Literal('amount'), Type.Literal('other')]);
const OriginSchema = Type.Union([Type.Literal('applied'), Type.Literal('matched'), Type.Literal('referred')]);
const RequestStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('refused')]);
const NeedStatusSchema = Type.Union([Type.Literal('waiting'), Type.Literal('offered'), Type.Literal('refused'), Type.Literal('unmatched')]);
/** Compile-time checks that the literal unions are exactly the lists. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const financeUnionsMatch: [Same<Static<typeof KindSchema>, ProductKind>, Same<Static<typeof StatusSchema>, ProductStatus>, Same<Static<typeof ReasonSchema>, RefusalReason>, Same<Static<typeof OriginSchema>, RequestOrigin>, Same<Static<typeof RequestStatusSchema>, RequestStatus>, Same<Static<typeof NeedStatusSchema>, NeedStatus>] = [true, true, true, true, true, true];
const BasisPoints = Type.Integer({ minimum: 0, maximum: 10_000, description: 'annual rate in basis points (1% = 100)' });
const Months = Type.Integer({ minimum: 1, maximum: 360, description: 'months' });
const Money = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'fen' });

/** One condition of who may apply: a rule of the rules engine (checked JSON Logic over the registry's variables). */
export const EligibilityCriterion = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 }),
    label: Type.Object({ zh: Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    rule: Type.Unknown({ description: 'JSON Logic (the rule file format, packages/rules/FORMAT.md §3)' }),
  },
  { additionalProperties: false },
);
export type EligibilityCriterion = Static<typeof EligibilityCriterion>;

export const ProductBody = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    kind: KindSchema,
    amountMinFen: Money,
    amountMaxFen: Money,
    rateMinBp: BasisPoints,
    rateMaxBp: BasisPoints,
    termMinMonths: Months,
    termMaxMonths: Months,
    collateral: Type.String({ maxLength: 300, description: '担保方式 / what the institution asks as collateral or guarantee' }),
    description: Type.String({ maxLength: 2000 }),
    eligibility: Type.Array(EligibilityCriterion, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type ProductBody = Static<typeof ProductBody>;

export const ProductStatusBody = Type.Object({ status: StatusSchema, note: Type.String({ maxLength: 300 }) }, { additionalProperties: false });
export type ProductStatusBody = Static<typeof ProductStatusBody>;

export const ProductQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(KindSchema),
    amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'products lending this amount' })),
  },
  { additionalProperties: false },
);
export type ProductQuery = Static<typeof ProductQuery>;

export const ProductSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: KindSchema,
  status: StatusSchema,
  institution: Type.String(),
  regionName: Type.String(),
  amountMinFen: Fen,
  amountMaxFen: Fen,
  rateMinBp: Type.Integer(),
  rateMaxBp: Type.Integer(),
  termMinMonths: Type.Integer(),
  termMaxMonths: Type.Integer(),
  collateral: Type.String(),
});
export type ProductSummary = Static<typeof ProductSummary>;

/** A criterion of who may apply, in the engine's words. */
export const CriterionText = Type.Object({ label: Text, text: Text });
export type CriterionText = Static<typeof CriterionText>;

export const ProductPage = Type.Composite([
  ProductSummary,
  Type.Object({
    description: Type.String(),
    criteria: Type.Array(CriterionText),
    /** The institution's own: the rule as stored, to edit. */
    eligibility: Nullable(Type.Array(EligibilityCriterion)),
    mayManage: Type.Boolean(),
    updatedAt: Instant,
  }),
]);
export type ProductPage = Static<typeof ProductPage>;

export const ProductMatch = Type.Object({ product: ProductSummary, verdict: Verdict });
export type ProductMatch = Static<typeof ProductMatch>;
export const ProductMatches = Type.Object({
  subject: Type.Object({ id: Uuid, name: Type.String() }),
  eligible: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(ProductMatch),
});
export type ProductMatches = Static<typeof ProductMatches>;
export const FinanceMatchQuery = Type.Object({ subjectId: Type.Optional(Uuid) }, { additionalProperties: false });

export const FinanceNeedBody = Type.Object(
  {
    subjectId: Uuid,
    productId: Nullable(Uuid),
    amountFen: Money,
    termMonths: Months,
    purpose: Type.String({ maxLength: 500 }),
    collateral: Type.String({ maxLength: 300, description: 'what the firm can offer as collateral or guarantee' }),
    consentToShare: Type.Boolean({ description: 'if refused, the need may be offered to other matching products' }),
  },
  { additionalProperties: false },
);
export type FinanceNeedBody = Static<typeof FinanceNeedBody>;

export const ConsentBody = Type.Object({ consentToShare: Type.Boolean() }, { additionalProperties: false });
export type ConsentBody = Static<typeof ConsentBody>;

export const Offer = Type.Object({ amountFen: Fen, rateBp: Type.Integer(), termMonths: Type.Integer(), note: Type.String() });
export type Offer = Static<typeof Offer>;
export const Refusal = Type.Object({ reason: ReasonSchema, note: Type.String() });
export type Refusal = Static<typeof Refusal>;

export const FinanceRequest = Type.Object({
  id: Uuid,
  product: Type.Object({ id: Uuid, name: Type.String(), kind: KindSchema }),
  institution: Type.String(),
  origin: OriginSchema,
  sentAt: Instant,
  dueOn: IsoDate,
  status: RequestStatusSchema,
  overdue: Type.Boolean({ description: 'unanswered after its due date, or answered after it' }),
  escalatedOn: Nullable(IsoDate),
  answeredAt: Nullable(Instant),
  offer: Nullable(Offer),
  refusal: Nullable(Refusal),
});
export type FinanceRequest = Static<typeof FinanceRequest>;

export const Need = Type.Object({
  id: Uuid,
  subjectName: Type.String(),
  regionName: Type.String(),
  amountFen: Fen,
  termMonths: Type.Integer(),
  purpose: Type.String(),
  collateral: Type.String(),
  consentToShare: Type.Boolean(),
  postedAt: Instant,
  status: NeedStatusSchema,
  requests: Type.Array(FinanceRequest),
});
export type Need = Static<typeof Need>;

/** A request as the institution (and the finance office) sees it: the need it answers. */
export const IncomingRequest = Type.Composite([
  FinanceRequest,
  Type.Object({
    needId: Uuid,
    subjectName: Type.String(),
    regionName: Type.String(),
    amountFen: Fen,
    termMonths: Type.Integer(),
    purpose: Type.String(),
    collateral: Type.String(),
    mayAnswer: Type.Boolean(),
  }),
]);
export type IncomingRequest = Static<typeof IncomingRequest>;

export const AcceptBody = Type.Object({ amountFen: Money, rateBp: BasisPoints, termMonths: Months, note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type AcceptBody = Static<typeof AcceptBody>;
export const RefuseBody = Type.Object({ reason: ReasonSchema, note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type RefuseBody = Static<typeof RefuseBody>;

export const InstitutionRecord = Type.Object({
  institution: Type.String(),
  requests: Type.Integer(),
  answered: Type.Integer(),
  answeredInTime: Type.Integer(),
  overdue: Type.Integer({ description: 'answered late or still unanswered past the due date' }),
  grantedFen: Fen,
});
export type InstitutionRecord = Static<typeof InstitutionRecord>;

export const FinanceOversight = Type.Object({
  regionName: Type.String(),
  overdue: Type.Array(IncomingRequest),
  institutions: Type.Array(InstitutionRecord),
});
export type FinanceOversight = Static<typeof FinanceOversight>;
