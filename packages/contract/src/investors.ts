/**
 * Investors (投融资对接): a directory of investors and funds (天使投资人/机构, 创投机构, 政府引导基金)
 * kept by each investor's own account and verified by the finance office (金融办), and a project
 * roadshow (项目路演/股权众筹项目): an enterprise posts a project, the finance office publishes it,
 * an investor expresses interest with a message, the enterprise accepts or declines contact; on
 * acceptance each side sees the other's contact. Money is integer fen.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, Uuid } from './common.js';
import { Instant } from './time.js';

type Label = { zh: string; en: string };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const INVESTOR_KINDS = ['angel', 'venture', 'guidance_fund'] as const;
export type InvestorKind = (typeof INVESTOR_KINDS)[number];
export const INVESTOR_KIND_LABELS: Record<InvestorKind, Label> = {
  angel: { zh: '天使投资人/机构', en: 'Angel investor' },
  venture: { zh: '创投机构', en: 'Venture capital firm' },
  guidance_fund: { zh: '政府引导基金', en: 'Government guidance fund' },
};

export const INVESTMENT_STAGES = ['seed', 'angel', 'series_a', 'series_b', 'growth', 'pre_ipo'] as const;
export type InvestmentStage = (typeof INVESTMENT_STAGES)[number];
export const INVESTMENT_STAGE_LABELS: Record<InvestmentStage, Label> = {
  seed: { zh: '种子期', en: 'Seed' },
  angel: { zh: '天使轮', en: 'Angel round' },
  series_a: { zh: 'A 轮', en: 'Series A' },
  series_b: { zh: 'B 轮', en: 'Series B' },
  growth: { zh: '成长期', en: 'Growth' },
  pre_ipo: { zh: '拟上市', en: 'Pre-IPO' },
};

export const INVESTMENT_SECTORS = ['digital', 'biomedicine', 'manufacturing', 'new_energy', 'new_materials', 'agriculture', 'consumer', 'culture', 'other'] as const;
export type InvestmentSector = (typeof INVESTMENT_SECTORS)[number];
export const INVESTMENT_SECTOR_LABELS: Record<InvestmentSector, Label> = {
  digital: { zh: '新一代信息技术', en: 'Digital technology' },
  biomedicine: { zh: '生物医药', en: 'Biomedicine' },
  manufacturing: { zh: '先进制造', en: 'Advanced manufacturing' },
  new_energy: { zh: '新能源', en: 'New energy' },
  new_materials: { zh: '新材料', en: 'New materials' },
  agriculture: { zh: '现代农业', en: 'Modern agriculture' },
  consumer: { zh: '消费与服务', en: 'Consumer and services' },
  culture: { zh: '文化创意', en: 'Culture and creative' },
  other: { zh: '其他', en: 'Other' },
};

export const INVESTOR_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type InvestorStatus = (typeof INVESTOR_STATUSES)[number];
export const INVESTOR_STATUS_LABELS: Record<InvestorStatus, Label> = {
  pending: { zh: '待金融办核实', en: 'Awaiting verification' },
  verified: { zh: '已核实', en: 'Verified' },
  rejected: { zh: '未通过核实', en: 'Not verified' },
};

export const ROADSHOW_STATUSES = ['submitted', 'published', 'returned'] as const;
export type RoadshowStatus = (typeof ROADSHOW_STATUSES)[number];
export const ROADSHOW_STATUS_LABELS: Record<RoadshowStatus, Label> = {
  submitted: { zh: '待金融办发布', en: 'Awaiting publication' },
  published: { zh: '路演中', en: 'On the roadshow' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const INTEREST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];
export const INTEREST_STATUS_LABELS: Record<InterestStatus, Label> = {
  pending: { zh: '待企业答复', en: 'Awaiting the firm' },
  accepted: { zh: '已同意交换联系方式', en: 'Contact accepted' },
  declined: { zh: '企业已婉拒', en: 'Declined' },
};

const KindSchema = Type.Union([Type.Literal('angel'), Type.Literal('venture'), Type.Literal('guidance_fund')]);
const StageSchema = Type.Union([Type.Literal('seed'), Type.Literal('angel'), Type.Literal('series_a'), Type.Literal('series_b'), Type.Literal('growth'), Type.Literal('pre_ipo')]);
const SectorSchema = Type.Union([Type.Literal('digital'), Type.Literal('biomedicine'), Type.Literal('manufacturing'), Type.Literal('new_energy'), Type.Literal('new_materials'), Type.Literal('agriculture'), Type.Literal('consumer'), Type.Literal('culture'), Type.Literal('other')]);
const InvestorStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('rejected')]);
const RoadshowStatusSchema = Type.Union([Type.Literal('submitted'), Type.Literal('published'), Type.Literal('returned')]);
const InterestStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined')]);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const investorsUnionsMatch: [Same<Static<typeof KindSchema>, InvestorKind>, Same<Static<typeof StageSchema>, InvestmentStage>, Same<Static<typeof SectorSchema>, InvestmentSector>, Same<Static<typeof InvestorStatusSchema>, InvestorStatus>, Same<Static<typeof RoadshowStatusSchema>, RoadshowStatus>, Same<Static<typeof InterestStatusSchema>, InterestStatus>] = [true, true, true, true, true, true];

/** How to reach someone: shown only to the other side after an accepted contact. */
export const Contact = Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() });
export type Contact = Static<typeof Contact>;

export const InvestorBody = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    kind: KindSchema,
    stages: Type.Array(StageSchema, { maxItems: INVESTMENT_STAGES.length, uniqueItems: true }),
    sectors: Type.Array(SectorSchema, { maxItems: INVESTMENT_SECTORS.length, uniqueItems: true }),
    ticketMinFen: Fen,
    ticketMaxFen: Fen,
    regionCode: Type.String({ maxLength: 6 }),
    intro: Type.String({ maxLength: 1000 }),
    contact: Type.Object({ name: Type.String({ maxLength: 40 }), phone: Type.String({ maxLength: 30 }), email: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type InvestorBody = Static<typeof InvestorBody>;

export const InvestorQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(KindSchema), stage: Type.Optional(StageSchema), sector: Type.Optional(SectorSchema) },
  { additionalProperties: false },
);
export type InvestorQuery = Static<typeof InvestorQuery>;

export const InvestorSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: KindSchema,
  stages: Type.Array(StageSchema),
  sectors: Type.Array(SectorSchema),
  ticketMinFen: Type.Integer(),
  ticketMaxFen: Type.Integer(),
  regionName: Type.String(),
  status: InvestorStatusSchema,
});
export type InvestorSummary = Static<typeof InvestorSummary>;

export const InvestorPage = Type.Composite([
  InvestorSummary,
  Type.Object({
    intro: Type.String(),
    regionCode: Type.String(),
    /** Shown to its own people, the finance office, and firms that accepted its interest. */
    contact: Nullable(Contact),
    reviewNote: Type.String(),
    mine: Type.Boolean(),
  }),
]);
export type InvestorPage = Static<typeof InvestorPage>;

export const VerifyInvestorBody = Type.Object({ decision: Type.Union([Type.Literal('verified'), Type.Literal('rejected')]), note: Type.String({ maxLength: 300 }) }, { additionalProperties: false });
export type VerifyInvestorBody = Static<typeof VerifyInvestorBody>;

export const RoadshowBody = Type.Object(
  {
    subjectId: Uuid,
    name: Type.String({ maxLength: 60 }),
    sector: SectorSchema,
    stage: StageSchema,
    amountFen: Fen,
    useOfFunds: Type.String({ maxLength: 1000 }),
    summary: Type.String({ maxLength: 2000 }),
    deckFileId: Nullable(Uuid),
    contact: Type.Object({ name: Type.String({ maxLength: 40 }), phone: Type.String({ maxLength: 30 }), email: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type RoadshowBody = Static<typeof RoadshowBody>;

export const RoadshowSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  firm: Type.String(),
  sector: SectorSchema,
  stage: StageSchema,
  amountFen: Type.Integer(),
  regionName: Type.String(),
  status: RoadshowStatusSchema,
  postedAt: Instant,
  interests: Type.Integer(),
});
export type RoadshowSummary = Static<typeof RoadshowSummary>;

export const Interest = Type.Object({
  id: Uuid,
  projectId: Uuid,
  projectName: Type.String(),
  firm: Type.String(),
  investorId: Uuid,
  investor: Type.String(),
  investorKind: KindSchema,
  message: Type.String(),
  status: InterestStatusSchema,
  createdAt: Instant,
  decidedAt: Nullable(Instant),
  /** After acceptance: the firm's contact (for the investor) and the investor's (for the firm). */
  firmContact: Nullable(Contact),
  investorContact: Nullable(Contact),
});
export type Interest = Static<typeof Interest>;

export const RoadshowPage = Type.Composite([
  RoadshowSummary,
  Type.Object({
    useOfFunds: Type.String(),
    summary: Type.String(),
    deckName: Nullable(Type.String()),
    deckUrl: Nullable(Type.String()),
    reviewNote: Type.String(),
    mine: Type.Boolean(),
    /** The firm's view: every interest; an investor's: its own; otherwise none. */
    interestsShown: Type.Array(Interest),
    /** A verified investor the viewer acts for, who has not yet expressed interest. */
    mayExpressInterest: Type.Boolean(),
    mayPublish: Type.Boolean(),
  }),
]);
export type RoadshowPage = Static<typeof RoadshowPage>;

export const RoadshowDecisionBody = Type.Object({ decision: Type.Union([Type.Literal('published'), Type.Literal('returned')]), note: Type.String({ maxLength: 300 }) }, { additionalProperties: false });
export type RoadshowDecisionBody = Static<typeof RoadshowDecisionBody>;

export const InterestBody = Type.Object({ message: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type InterestBody = Static<typeof InterestBody>;

export const InterestAnswerBody = Type.Object({ decision: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]) }, { additionalProperties: false });
export type InterestAnswerBody = Static<typeof InterestAnswerBody>;

export const MyInvestorDesk = Type.Object({
  /**
   * The investor organisations the user acts for, each with its registered region (the entry
   * form's starting region) and its directory entry (null before the first save).
   */
  organisations: Type.Array(Type.Object({ organisationId: Uuid, organisationName: Type.String(), organisationRegionCode: Type.String(), investor: Nullable(InvestorPage) })),
  interests: Type.Array(Interest),
});
export type MyInvestorDesk = Static<typeof MyInvestorDesk>;

export const MyRoadshow = Type.Object({
  enterprises: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  projects: Type.Array(RoadshowPage),
});
export type MyRoadshow = Static<typeof MyRoadshow>;

export const InvestorsReview = Type.Object({
  regionName: Type.String(),
  investors: Type.Array(InvestorPage),
  projects: Type.Array(RoadshowPage),
});
export type InvestorsReview = Static<typeof InvestorsReview>;

// ------------------------------------------------------------ the finance dashboard (金融办)

export const FinanceDashboardQuery = Type.Object(
  { regionCode: Type.Optional(Type.String({ pattern: '^[1-8]\\d{5}$' })), from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })) },
  { additionalProperties: false },
);
export type FinanceDashboardQuery = Static<typeof FinanceDashboardQuery>;

export const LoanFigureRow = Type.Object({ key: Type.String(), name: Type.String(), loans: Type.Integer(), principalFen: Type.Integer(), subsidyFen: Type.Integer() });
export type LoanFigureRow = Static<typeof LoanFigureRow>;

export const FinanceDashboard = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  needsPosted: Type.Integer(),
  needsMatched: Type.Integer(),
  answeredInTime: Type.Integer(),
  grantedFen: Type.Integer(),
  byBank: Type.Array(LoanFigureRow),
  byDistrict: Type.Array(LoanFigureRow),
});
export type FinanceDashboard = Static<typeof FinanceDashboard>;
