/**
 * Service vouchers (创新券, 创业券, 小微企业服务代金券): schemes over a catalogue item with
 * `benefit: voucher`, the vouchers issued to subjects, and settlement in batches under the
 * two-person rule. Money is integer fen; shares are basis points (5000 = 50%).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, Uuid } from './common.js';
import { LocalisedText } from './problem.js';
import { ServiceCategorySchema } from './services.js';
import { Instant } from './time.js';


const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const VoucherSettlement = Type.Union([Type.Literal('provider_redeems'), Type.Literal('reimbursed')], {
  description: 'provider_redeems (通兑: the provider is paid the voucher part) or reimbursed (通用: the enterprise pays in full and is reimbursed)',
});
export type VoucherSettlement = Static<typeof VoucherSettlement>;

export const VoucherSchemeBody = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 200, description: 'A catalogue item with benefit voucher' }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    faceValueFen: Type.Integer({ minimum: 1, maximum: 100_000_000_00, description: 'Face value of each voucher, fen' }),
    categories: Type.Array(ServiceCategorySchema, { minItems: 1, maxItems: 11, uniqueItems: true }),
    shareBp: Type.Integer({ minimum: 1, maximum: 10000, description: 'The share of a price the voucher pays, basis points (5000 = 50%)' }),
    settlement: VoucherSettlement,
    validUntil: Type.Optional(IsoDate),
    validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })),
    budgetFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00, description: "The scheme's budget, fen" }),
    sourceNote: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type VoucherSchemeBody = Static<typeof VoucherSchemeBody>;

export const VoucherScheme = Type.Object({
  id: Uuid,
  itemId: Type.String(),
  itemTitle: LocalisedText,
  regionCode: Nullable(Type.String()),
  year: Type.Integer(),
  departmentName: Type.String(),
  faceValueFen: Fen,
  categories: Type.Array(ServiceCategorySchema),
  shareBp: Type.Integer(),
  settlement: VoucherSettlement,
  validUntil: Nullable(IsoDate),
  validDays: Nullable(Type.Integer()),
  budgetFen: Fen,
  /** Issued to vouchers (face values), of which returned on expiry is not counted. */
  issuedFen: Fen,
  leftFen: Fen,
  vouchersIssued: Type.Integer({ minimum: 0 }),
  redeemedFen: Fen,
  settledFen: Fen,
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  sourceNote: Type.String(),
});
export type VoucherScheme = Static<typeof VoucherScheme>;

export const VoucherItem = Type.Object({ id: Type.String(), title: LocalisedText, regionCode: Nullable(Type.String()), inForce: Type.Boolean() });
export type VoucherItem = Static<typeof VoucherItem>;

export const IssuedVoucher = Type.Object({
  id: Uuid,
  subjectName: Type.String(),
  faceValueFen: Fen,
  balanceFen: Type.Integer(),
  heldFen: Fen,
  issuedOn: IsoDate,
  expiresOn: IsoDate,
  origin: Type.Union([Type.Literal('award'), Type.Literal('bulk'), Type.Literal('platform')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired')]),
});
export type IssuedVoucher = Static<typeof IssuedVoucher>;

export const VoucherUseView = Type.Object({
  orderId: Type.String(),
  providerName: Type.String(),
  category: ServiceCategorySchema,
  priceFen: Fen,
  voucherPaysFen: Fen,
  enterprisePaysFen: Fen,
  status: Type.Union([Type.Literal('held'), Type.Literal('redeemed'), Type.Literal('released'), Type.Literal('settled')]),
  at: Instant,
});
export type VoucherUseView = Static<typeof VoucherUseView>;

export const MyVoucher = Type.Object({
  id: Uuid,
  schemeTitle: LocalisedText,
  year: Type.Integer(),
  subjectName: Type.String(),
  faceValueFen: Fen,
  leftFen: Type.Integer(),
  heldFen: Fen,
  categories: Type.Array(ServiceCategorySchema),
  shareBp: Type.Integer(),
  settlement: VoucherSettlement,
  validFrom: IsoDate,
  expiresOn: IsoDate,
  status: Type.Union([Type.Literal('active'), Type.Literal('expired')]),
  uses: Type.Array(VoucherUseView),
});
export type MyVoucher = Static<typeof MyVoucher>;

export const BulkIssueResult = Type.Object({ jobId: Uuid });
export const BulkIssueJob = Type.Object({
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  issued: Type.Integer({ minimum: 0 }),
  alreadyHeld: Type.Integer({ minimum: 0 }),
  leftOut: Type.Integer({ minimum: 0, description: 'Eligible subjects left without a voucher because the budget ran out' }),
  budgetExhausted: Type.Boolean(),
});
export type BulkIssueJob = Static<typeof BulkIssueJob>;

export const Redemption = Type.Object({
  orderId: Type.String(),
  payeeName: Type.String(),
  payeeKind: Type.Union([Type.Literal('provider'), Type.Literal('enterprise')]),
  category: ServiceCategorySchema,
  amountFen: Fen,
  redeemedAt: Instant,
});
export type Redemption = Static<typeof Redemption>;

export const SettlementBatch = Type.Object({
  id: Uuid,
  schemeId: Uuid,
  schemeTitle: LocalisedText,
  year: Type.Integer(),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('paid'), Type.Literal('rejected')]),
  totalFen: Fen,
  lines: Type.Integer({ minimum: 0 }),
  payees: Type.Array(Type.Object({ name: Type.String(), kind: Type.Union([Type.Literal('provider'), Type.Literal('enterprise')]), amountFen: Fen })),
  proposedByName: Type.String(),
  proposedByMe: Type.Boolean(),
  proposedAt: Instant,
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
});
export type SettlementBatch = Static<typeof SettlementBatch>;

export const SettlementOverview = Type.Object({
  schemes: Type.Array(
    Type.Object({ id: Uuid, title: LocalisedText, year: Type.Integer(), unsettledFen: Fen, unsettled: Type.Array(Redemption) }),
  ),
  batches: Type.Array(SettlementBatch),
});
export type SettlementOverview = Static<typeof SettlementOverview>;

export const ProposeBatchBody = Type.Object({ schemeId: Uuid }, { additionalProperties: false });

export const Receivable = Type.Object({
  schemeTitle: LocalisedText,
  year: Type.Integer(),
  payeeName: Type.String(),
  payeeKind: Type.Union([Type.Literal('provider'), Type.Literal('enterprise')]),
  redeemedFen: Fen,
  inBatchFen: Fen,
  paidFen: Fen,
  heldFen: Fen,
});
export type Receivable = Static<typeof Receivable>;
