/**
 * Carriers (双创载体): maker spaces, incubators, accelerators and bases — the public registry,
 * recognitions (认定) over time, and the tenants an operator records (entering, leaving,
 * graduating). Areas in whole square metres; dates YYYY-MM-DD.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';


export const CARRIER_KINDS = ['maker_space', 'incubator', 'accelerator', 'nursery', 'student_base', 'micro_park', 'ecommerce_base', 'incubation_building'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];
export const CARRIER_KIND_LABELS: Record<CarrierKind, { zh: string; en: string }> = {
  maker_space: { zh: '众创空间', en: 'Maker space' },
  incubator: { zh: '孵化器', en: 'Incubator' },
  accelerator: { zh: '加速器', en: 'Accelerator' },
  nursery: { zh: '创业苗圃', en: 'Start-up nursery' },
  student_base: { zh: '大学生创业基地', en: 'Student start-up base' },
  micro_park: { zh: '小微企业创业园', en: 'Small business park' },
  ecommerce_base: { zh: '电商基地', en: 'E-commerce base' },
  incubation_building: { zh: '孵化楼宇/社区/小镇', en: 'Incubation building, community or town' },
};

export const RECOGNITION_LEVELS = ['national', 'provincial', 'city', 'district'] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];
export const RECOGNITION_LEVEL_LABELS: Record<RecognitionLevel, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  city: { zh: '市级', en: 'City' },
  district: { zh: '区县级', en: 'District' },
};

export const GRADUATION_REASONS = ['grew_out', 'acquired', 'listed', 'moved'] as const;
export type GraduationReason = (typeof GRADUATION_REASONS)[number];
export const GRADUATION_REASON_LABELS: Record<GraduationReason, { zh: string; en: string }> = {
  grew_out: { zh: '发展壮大迁出', en: 'Grew out of the space' },
  acquired: { zh: '被兼并收购', en: 'Acquired' },
  listed: { zh: '上市或挂牌', en: 'Listed' },
  moved: { zh: '迁往他处', en: 'Moved elsewhere' },
};

// Unions of literals the type providers read (the same values as the lists above).
const KindSchema = Type.Union([Type.Literal('maker_space'), Type.Literal('incubator'), Type.Literal('accelerator'), Type.Literal('nursery'), Type.Literal('student_base'), Type.Literal('micro_park'), Type.Literal('ecommerce_base'), Type.Literal('incubation_building')]);
const LevelSchema = Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('city'), Type.Literal('district')]);
const ReasonSchema = Type.Union([Type.Literal('grew_out'), Type.Literal('acquired'), Type.Literal('listed'), Type.Literal('moved')]);
const ExitSchema = Type.Union([Type.Literal('left'), Type.Literal('graduated')]);
/** Compile-time checks that the literal unions are exactly the lists. */
export const carrierKindsMatch: [Static<typeof KindSchema>] extends [CarrierKind] ? ([CarrierKind] extends [Static<typeof KindSchema>] ? true : never) : never = true;
export const recognitionLevelsMatch: [Static<typeof LevelSchema>] extends [RecognitionLevel] ? ([RecognitionLevel] extends [Static<typeof LevelSchema>] ? true : never) : never = true;
export const graduationReasonsMatch: [Static<typeof ReasonSchema>] extends [GraduationReason] ? ([GraduationReason] extends [Static<typeof ReasonSchema>] ? true : never) : never = true;

const Area = Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'm²' });

export const CarrierBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    kind: KindSchema,
    address: Type.String({ minLength: 2, maxLength: 200 }),
    regionCode: RegionCode,
    areaTotalM2: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'm²' }),
    areaTenantM2: Area,
    areaPublicM2: Area,
    services: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CarrierBody = Static<typeof CarrierBody>;

export const RecognitionBody = Type.Object(
  {
    level: LevelSchema,
    issuer: Type.String({ minLength: 2, maxLength: 100, description: 'The recognising authority, e.g. 江西省科学技术厅' }),
    issuerRegionCode: Type.Union([RegionCode, Type.Null()], { description: "The issuer's region; null for a national authority" }),
    recognisedOn: IsoDate,
    validUntil: Type.Union([IsoDate, Type.Null()]),
  },
  { additionalProperties: false },
);
export type RecognitionBody = Static<typeof RecognitionBody>;

export const Recognition = Type.Object({
  id: Uuid,
  level: LevelSchema,
  issuer: Type.String(),
  recognisedOn: IsoDate,
  validUntil: Type.Union([IsoDate, Type.Null()]),
  current: Type.Boolean(),
});
export type Recognition = Static<typeof Recognition>;

export const CarrierSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: KindSchema,
  operatorName: Type.String(),
  address: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  areaTotalM2: Type.Integer(),
  areaTenantM2: Type.Integer(),
  areaPublicM2: Type.Integer(),
  services: Type.String(),
  level: Type.Union([LevelSchema, Type.Null()], { description: 'The highest current recognition' }),
  tenants: Type.Integer({ description: 'Current tenants' }),
  graduates: Type.Integer(),
});
export type CarrierSummary = Static<typeof CarrierSummary>;

export const CarrierPage = Type.Composite([CarrierSummary, Type.Object({ recognitions: Type.Array(Recognition), mayManage: Type.Boolean(), mayRecognise: Type.Boolean() })]);
export type CarrierPage = Static<typeof CarrierPage>;

export const CarrierQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(RegionCode),
    kind: Type.Optional(KindSchema),
  },
  { additionalProperties: false },
);
export type CarrierQuery = Static<typeof CarrierQuery>;

export const TenancyBody = Type.Object(
  {
    creditCode: Type.String({ minLength: 18, maxLength: 18 }),
    lease: Type.String({ maxLength: 200, description: 'Lease contract reference or note' }),
    areaM2: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    enteredOn: IsoDate,
    leftOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TenancyBody = Static<typeof TenancyBody>;

export const TenancyExitBody = Type.Object(
  {
    leftOn: IsoDate,
    exit: ExitSchema,
    graduationReason: Type.Union([ReasonSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type TenancyExitBody = Static<typeof TenancyExitBody>;

export const Tenancy = Type.Object({
  id: Uuid,
  tenantName: Type.String(),
  lease: Type.String(),
  areaM2: Type.Integer(),
  enteredOn: IsoDate,
  leftOn: Type.Union([IsoDate, Type.Null()]),
  exit: Type.Union([ExitSchema, Type.Null()]),
  graduationReason: Type.Union([ReasonSchema, Type.Null()]),
  recordedAt: Instant,
});
export type Tenancy = Static<typeof Tenancy>;

export const TenancyParams = Type.Object({ id: Uuid, tenancyId: Uuid }, { additionalProperties: false });
export type TenancyParams = Static<typeof TenancyParams>;

// ---------------------------------------------------------------- annual statistics (火炬统计)

export const AnnualParams = Type.Object({ id: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type AnnualParams = Static<typeof AnnualParams>;
export const AnnualYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type AnnualYearParams = Static<typeof AnnualYearParams>;

const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const Yuan = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000, description: 'fen' });

/** What the carrier reports; tenants and graduates come from its tenancy records. */
export const AnnualBody = Type.Object(
  { jobs: Count, revenueFen: Yuan, rdFen: Yuan, ipCount: Count, investmentFen: Yuan },
  { additionalProperties: false },
);
export type AnnualBody = Static<typeof AnnualBody>;

export const ANNUAL_STATUS_LABELS = {
  filed: { zh: '已报送，待审核', en: 'Filed, awaiting review' },
  accepted: { zh: '已通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
} as const;

export const AnnualReport = Type.Object({
  carrierId: Uuid,
  carrierName: Type.String(),
  year: Type.Integer(),
  /** From the records: firms staying at some time in the year, ever entered by its end, graduating in it. */
  computed: Type.Object({ tenants: Type.Integer(), tenantsEver: Type.Integer(), graduates: Type.Integer() }),
  filed: Type.Union([
    Type.Object({
      tenants: Type.Integer(),
      tenantsEver: Type.Integer(),
      graduates: Type.Integer(),
      jobs: Type.Integer(),
      revenueFen: Type.Integer(),
      rdFen: Type.Integer(),
      ipCount: Type.Integer(),
      investmentFen: Type.Integer(),
      status: Type.Union([Type.Literal('filed'), Type.Literal('accepted'), Type.Literal('returned')]),
      returnReason: Type.Union([Type.String(), Type.Null()]),
      filedAt: Instant,
    }),
    Type.Null(),
  ]),
  mayFile: Type.Boolean(),
  mayReview: Type.Boolean(),
});
export type AnnualReport = Static<typeof AnnualReport>;

export const AnnualReviewBody = Type.Object(
  { decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]), reason: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]) },
  { additionalProperties: false },
);
export type AnnualReviewBody = Static<typeof AnnualReviewBody>;

// ---------------------------------------------------------------- tenants' outcomes (the rewards they trigger)

export const OUTCOME_KINDS = ['neeq_listed', 'above_scale', 'competition'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, { zh: string; en: string }> = {
  neeq_listed: { zh: '新三板挂牌', en: 'Listed on the NEEQ' },
  above_scale: { zh: '入规上户（规模以上企业）', en: 'Became an above-scale enterprise' },
  competition: { zh: '创新创业大赛获奖', en: 'Won a prize in an innovation or start-up competition' },
};
export const COMPETITION_LEVELS = ['county', 'city', 'provincial', 'national'] as const;
export type CompetitionLevel = (typeof COMPETITION_LEVELS)[number];
export const COMPETITION_LEVEL_LABELS: Record<CompetitionLevel, { zh: string; en: string }> = {
  county: { zh: '县级', en: 'County' },
  city: { zh: '市级', en: 'City' },
  provincial: { zh: '省级', en: 'Provincial' },
  national: { zh: '国家级', en: 'National' },
};
const OutcomeKindSchema = Type.Union([Type.Literal('neeq_listed'), Type.Literal('above_scale'), Type.Literal('competition')]);
const CompetitionLevelSchema = Type.Union([Type.Literal('county'), Type.Literal('city'), Type.Literal('provincial'), Type.Literal('national')]);
export const outcomeKindsMatch: [Static<typeof OutcomeKindSchema>] extends [OutcomeKind] ? ([OutcomeKind] extends [Static<typeof OutcomeKindSchema>] ? true : never) : never = true;
export const competitionLevelsMatch: [Static<typeof CompetitionLevelSchema>] extends [CompetitionLevel] ? ([CompetitionLevel] extends [Static<typeof CompetitionLevelSchema>] ? true : never) : never = true;

/** The operator records a tenant's outcome with its evidence (an uploaded PDF or image) and date. */
export const OutcomeBody = Type.Object(
  {
    tenancyId: Uuid,
    kind: OutcomeKindSchema,
    achievedOn: IsoDate,
    competitionLevel: Type.Union([CompetitionLevelSchema, Type.Null()], { description: 'For a competition prize only' }),
    regionCode: Type.Union([RegionCode, Type.Null()], { description: 'For an above-scale enterprise only: where it entered the above-scale statistics' }),
    evidenceFileId: Uuid,
  },
  { additionalProperties: false },
);
export type OutcomeBody = Static<typeof OutcomeBody>;

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** What one catalogue item made of the outcome: eligible ones are pending awards for the carrier in fulfilment. */
export const OutcomeAward = Type.Object({
  itemTitle: Text,
  status: Type.Union([Type.Literal('eligible'), Type.Literal('ineligible'), Type.Literal('unknown'), Type.Literal('near_miss')]),
  amountFen: Type.Union([Type.Integer(), Type.Null()]),
  /** The criteria that failed or could not be decided, in words. */
  reasons: Type.Array(Text),
});
export type OutcomeAward = Static<typeof OutcomeAward>;

export const Outcome = Type.Object({
  id: Uuid,
  tenantName: Type.String(),
  kind: OutcomeKindSchema,
  achievedOn: IsoDate,
  competitionLevel: Type.Union([CompetitionLevelSchema, Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  evidenceName: Type.String(),
  recordedAt: Instant,
  awards: Type.Array(OutcomeAward),
});
export type Outcome = Static<typeof Outcome>;

// ---------------------------------------------------------------- yearly assessment (评估/考核) through the review module

/** The indicators experts score a carrier against (out of 100), and the grades a mean total earns. */
export const ASSESSMENT_INDICATORS = [
  { id: 'facilities', label: { zh: '场地与设施', en: 'Premises and facilities' }, max: 20 },
  { id: 'services', label: { zh: '孵化服务', en: 'Incubation services' }, max: 30 },
  { id: 'results', label: { zh: '孵化成效（在孵、毕业、成果）', en: 'Results (tenants, graduates, outcomes)' }, max: 30 },
  { id: 'management', label: { zh: '运营管理', en: 'Management' }, max: 20 },
] as const;
export const ASSESSMENT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, { zh: string; en: string; from: number }> = {
  excellent: { zh: '优秀', en: 'Excellent', from: 90 },
  good: { zh: '良好', en: 'Good', from: 75 },
  pass: { zh: '合格', en: 'Pass', from: 60 },
  fail: { zh: '不合格', en: 'Fail', from: 0 },
};
const GradeSchema = Type.Union([Type.Literal('excellent'), Type.Literal('good'), Type.Literal('pass'), Type.Literal('fail')]);
export const assessmentGradesMatch: [Static<typeof GradeSchema>] extends [AssessmentGrade] ? ([AssessmentGrade] extends [Static<typeof GradeSchema>] ? true : never) : never = true;

export const AssessmentOpenBody = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type AssessmentOpenBody = Static<typeof AssessmentOpenBody>;

/** An expert's review: scores per indicator, or a declared conflict of interest (no scores). */
export const AssessmentReviewBody = Type.Object(
  {
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]+$' }), Type.Integer({ minimum: 0, maximum: 100 }))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AssessmentReviewBody = Static<typeof AssessmentReviewBody>;

export const Assessment = Type.Object({
  year: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  /** The mean of the experts' totals (one decimal), once closed. */
  score: Type.Union([Type.Number(), Type.Null()]),
  grade: Type.Union([GradeSchema, Type.Null()]),
  minAssessors: Type.Integer(),
  scored: Type.Integer(),
  /** The experts' reviews, for the officials and experts covering the carrier (sealed to an expert who has yet to score). */
  entries: Type.Array(
    Type.Object({
      assessorName: Type.String(),
      conflict: Type.Boolean(),
      conflictNote: Type.Union([Type.String(), Type.Null()]),
      scores: Type.Record(Type.String(), Type.Integer()),
      total: Type.Union([Type.Integer(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
      outlier: Type.Boolean(),
      mine: Type.Boolean(),
      sealed: Type.Boolean(),
    }),
  ),
  mayReview: Type.Boolean(),
  mayClose: Type.Boolean(),
});
export type Assessment = Static<typeof Assessment>;

export const Assessments = Type.Object({ items: Type.Array(Assessment), mayOpen: Type.Boolean() });
export type Assessments = Static<typeof Assessments>;
