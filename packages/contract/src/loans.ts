/**
 * Guaranteed start-up loans (创业担保贷款): a person requests a loan under a catalogue item, the
 * human-resources bureau reviews eligibility, the guarantee fund guarantees it and names the
 * lending bank, the bank grants it (principal, rate, start, term, method → the repayment
 * schedule); each quarter's interest subsidy is computed from the schedule and the item's rule
 * and paid through fulfilment; defaults draw on the bad-debt reserve. Money integer fen, rates
 * basis points (435 = 4.35 %), dates YYYY-MM-DD.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

export const LOAN_STATUSES = ['requested', 'refused', 'approved', 'guaranteed', 'granted', 'repaid', 'defaulted'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const LOAN_STATUS_LABELS: Record<LoanStatus, { zh: string; en: string }> = {
  requested: { zh: '待人社部门审核', en: 'Awaiting the HR bureau' },
  refused: { zh: '未通过审核', en: 'Refused' },
  approved: { zh: '待担保基金担保', en: 'Awaiting the guarantee' },
  guaranteed: { zh: '待银行放款', en: 'Awaiting the bank' },
  granted: { zh: '还款中', en: 'Being repaid' },
  repaid: { zh: '已结清', en: 'Repaid' },
  defaulted: { zh: '已代偿（违约）', en: 'Defaulted' },
};

export const LOAN_METHODS = ['equal_principal', 'equal_instalment', 'interest_only'] as const;
export type LoanMethod = (typeof LOAN_METHODS)[number];
export const LOAN_METHOD_LABELS: Record<LoanMethod, { zh: string; en: string }> = {
  equal_principal: { zh: '等额本金', en: 'Equal principal' },
  equal_instalment: { zh: '等额本息', en: 'Equal instalments' },
  interest_only: { zh: '按季付息、到期还本', en: 'Interest quarterly, principal at the end' },
};

/** The levels that fund a subsidy, in the order of `weights` and `sharesFen`. */
export const FUNDING_LEVEL_LABELS = [
  { zh: '省级', en: 'Province' },
  { zh: '市级', en: 'City' },
  { zh: '县（区）级', en: 'County' },
] as const;

const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const Title = Type.Object({ zh: Type.String(), en: Type.String() });

/** Who may borrow under an item: a person, or a small or micro enterprise (小微企业). */
export const LOAN_BORROWER_KINDS = ['person', 'enterprise'] as const;
export type LoanBorrowerKind = (typeof LOAN_BORROWER_KINDS)[number];

/**
 * A loan item; for a signed-in user, one row per item and borrower they may request it for (their
 * own person profile, or an enterprise they act for), `subjectId` naming the borrower.
 */
export const LoanItem = Type.Object({
  id: Type.String(),
  title: Title,
  regionName: Type.String(),
  maxFen: Type.Union([Type.Integer(), Type.Null()]),
  subsidyTitle: Title,
  borrowerKind: oneOf(LOAN_BORROWER_KINDS),
  subjectId: Type.Union([Uuid, Type.Null()]),
  borrowerName: Type.Union([Type.String(), Type.Null()]),
});
export type LoanItem = Static<typeof LoanItem>;

export const LoanRequestBody = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 100 }),
    /** The borrower: an enterprise the user acts for; left out, the user's own person profile. */
    subjectId: Type.Optional(Uuid),
    amountFen: Type.Integer({ minimum: 100, maximum: 1_000_000_000 }),
    termMonths: Type.Integer({ minimum: 1, maximum: 60 }),
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type LoanRequestBody = Static<typeof LoanRequestBody>;

export const LoanReviewBody = Type.Object(
  { decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]), reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type LoanReviewBody = Static<typeof LoanReviewBody>;

export const LoanGuaranteeBody = Type.Object(
  { decision: Type.Union([Type.Literal('guarantee'), Type.Literal('refuse')]), bankOrganisationId: Type.Union([Uuid, Type.Null()]), reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type LoanGuaranteeBody = Static<typeof LoanGuaranteeBody>;

export const LoanGrantBody = Type.Object(
  {
    principalFen: Type.Integer({ minimum: 100, maximum: 1_000_000_000 }),
    annualRateBp: Type.Integer({ minimum: 0, maximum: 2400 }),
    startOn: IsoDate,
    method: Type.Union([Type.Literal('equal_principal'), Type.Literal('equal_instalment'), Type.Literal('interest_only')]),
  },
  { additionalProperties: false },
);
export type LoanGrantBody = Static<typeof LoanGrantBody>;

export const PrepaymentBody = Type.Object(
  { afterPeriod: Type.Integer({ minimum: 1, maximum: 60 }), principalFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) },
  { additionalProperties: false },
);
export type PrepaymentBody = Static<typeof PrepaymentBody>;

export const DefaultBody = Type.Object({ lossFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), defaultedOn: IsoDate }, { additionalProperties: false });
export type DefaultBody = Static<typeof DefaultBody>;

export const SubsidyRuleBody = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 100 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    rateCapBp: Type.Union([Type.Integer({ minimum: 0, maximum: 2400 }), Type.Null()]),
    shareBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
    weights: Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { minItems: 3, maxItems: 3 }),
  },
  { additionalProperties: false },
);
export type SubsidyRuleBody = Static<typeof SubsidyRuleBody>;

export const ReserveFundBody = Type.Object({ regionCode: RegionCode, amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }) }, { additionalProperties: false });
export type ReserveFundBody = Static<typeof ReserveFundBody>;

export const QuarterRunBody = Type.Object({ date: IsoDate }, { additionalProperties: false });
export type QuarterRunBody = Static<typeof QuarterRunBody>;

export const SchedulePeriodView = Type.Object({
  n: Type.Integer(),
  dueOn: IsoDate,
  openingFen: Fen,
  interestFen: Fen,
  principalFen: Fen,
  prepaidFen: Fen,
  paymentFen: Fen,
  closingFen: Fen,
  subsidyFen: Fen,
});
export type SchedulePeriodView = Static<typeof SchedulePeriodView>;

export const QuarterSubsidyView = Type.Object({
  year: Type.Integer(),
  quarter: Type.Integer(),
  subsidyFen: Fen,
  weights: Type.Array(Type.Integer()),
  sharesFen: Type.Array(Fen),
  status: Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('nil')]),
  paidFen: Type.Union([Fen, Type.Null()]),
});
export type QuarterSubsidyView = Static<typeof QuarterSubsidyView>;

export const LoanView = Type.Object({
  id: Uuid,
  borrowerName: Type.String(),
  itemTitle: Title,
  subsidyTitle: Title,
  regionName: Type.String(),
  amountFen: Fen,
  termMonths: Type.Integer(),
  purpose: Type.String(),
  status: oneOf(LOAN_STATUSES),
  refusalReason: Type.Union([Type.String(), Type.Null()]),
  requestedAt: Instant,
  bankName: Type.Union([Type.String(), Type.Null()]),
  principalFen: Type.Union([Fen, Type.Null()]),
  annualRateBp: Type.Union([Type.Integer(), Type.Null()]),
  startOn: Type.Union([IsoDate, Type.Null()]),
  method: Type.Union([oneOf(LOAN_METHODS), Type.Null()]),
  nextDueOn: Type.Union([IsoDate, Type.Null()]),
  outstandingFen: Type.Union([Fen, Type.Null()]),
  schedule: Type.Array(SchedulePeriodView),
  subsidies: Type.Array(QuarterSubsidyView),
  mayReview: Type.Boolean(),
  mayGuarantee: Type.Boolean(),
  mayGrant: Type.Boolean(),
  /** Once defaulted: the loss the bad-debt reserve covered, and the day of the default. */
  defaultLossFen: Type.Union([Fen, Type.Null()]),
  defaultedOn: Type.Union([IsoDate, Type.Null()]),
});
export type LoanView = Static<typeof LoanView>;

export const BankOption = Type.Object({ id: Uuid, name: Type.String() });
export type BankOption = Static<typeof BankOption>;

/** A movement of the reserve: funding by the finance bureau, a default's draw (negative), or another posting. */
export const ReserveMovement = Type.Object({ at: Instant, amountFen: Type.Integer(), kind: Type.Union([Type.Literal('funding'), Type.Literal('default'), Type.Literal('other')]) });
export type ReserveMovement = Static<typeof ReserveMovement>;

export const ReserveView = Type.Object({ regionCode: RegionCode, regionName: Type.String(), balanceFen: Type.Integer(), lossesFen: Type.Integer(), movements: Type.Array(ReserveMovement) });
export type ReserveView = Static<typeof ReserveView>;

export const SubsidyRuleView = Type.Object({ year: Type.Integer(), rateCapBp: Type.Union([Type.Integer(), Type.Null()]), shareBp: Type.Integer(), weights: Type.Array(Type.Integer()) });
export type SubsidyRuleView = Static<typeof SubsidyRuleView>;

/** The finance bureau's desk: the regions whose reserve it funds, and the subsidy items whose rules it sets (with the rules set, newest year first). */
export const LoanFinanceView = Type.Object({
  regions: Type.Array(Type.Object({ regionCode: RegionCode, regionName: Type.String() })),
  items: Type.Array(Type.Object({ itemId: Type.String(), title: Title, loanTitle: Title, regionName: Type.String(), regionCode: RegionCode, rules: Type.Array(SubsidyRuleView) })),
});
export type LoanFinanceView = Static<typeof LoanFinanceView>;

export const QuarterRunResult = Type.Object({ computed: Type.Integer() });
export type QuarterRunResult = Static<typeof QuarterRunResult>;
