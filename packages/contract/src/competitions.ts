/**
 * Competitions (创新创业大赛): a call with tracks, rules, dates and a scoring rubric; entries by
 * enterprises (team, project, pitch deck); two rounds (preliminary, final) judged by a panel from
 * the expert pool, conflicts of interest excluded automatically with their reason; ranking with
 * published tie-breaks; results with anonymised score distributions.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const COMPETITION_STAGES = ['open', 'preliminary', 'final', 'published'] as const;
export type CompetitionStage = (typeof COMPETITION_STAGES)[number];
const StageSchema = Type.Union([Type.Literal('open'), Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('published')]);
export const COMPETITION_STAGE_LABELS: Record<CompetitionStage, { zh: string; en: string }> = {
  open: { zh: '报名中', en: 'Open for entries' },
  preliminary: { zh: '初赛评审', en: 'Preliminary round' },
  final: { zh: '决赛评审', en: 'Final round' },
  published: { zh: '结果已公布', en: 'Results published' },
};

export const EXCLUSION_REASONS = ['same_organisation', 'related_enterprise', 'declared'] as const;
export type ExclusionReasonCode = (typeof EXCLUSION_REASONS)[number];
const ReasonSchema = Type.Union([Type.Literal('same_organisation'), Type.Literal('related_enterprise'), Type.Literal('declared')]);
export const EXCLUSION_REASON_LABELS: Record<ExclusionReasonCode, { zh: string; en: string }> = {
  same_organisation: { zh: '同一单位', en: 'Same organisation' },
  related_enterprise: { zh: '关联企业', en: 'Related enterprise' },
  declared: { zh: '本人声明', en: 'Declared by the judge' },
};

export const TIE_RELATIONS = ['legal_representative', 'shareholder', 'director', 'relative', 'employer_related'] as const;
export type TieRelationCode = (typeof TIE_RELATIONS)[number];
const RelationSchema = Type.Union([Type.Literal('legal_representative'), Type.Literal('shareholder'), Type.Literal('director'), Type.Literal('relative'), Type.Literal('employer_related')]);

export const CallBody = Type.Object(
  {
    title: Type.String({ minLength: 4, maxLength: 100 }),
    rules: Type.String({ minLength: 10, maxLength: 5000 }),
    regionCode: RegionCode,
    tracks: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 10 }),
    criteria: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), max: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
    opensOn: IsoDate,
    closesOn: IsoDate,
    finalOn: IsoDate,
    finalists: Type.Integer({ minimum: 1, maximum: 100 }),
    prizes: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type CallBody = Static<typeof CallBody>;

export const CompetitionCriterion = Type.Object({ id: Type.String(), label: Text, max: Type.Integer() });
export type CompetitionCriterion = Static<typeof CompetitionCriterion>;

export const CallSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  regionName: Type.String(),
  stage: StageSchema,
  opensOn: IsoDate,
  closesOn: IsoDate,
  finalOn: IsoDate,
  tracks: Type.Array(Type.String()),
  entries: Type.Integer(),
});
export type CallSummary = Static<typeof CallSummary>;

export const CompetitionResult = Type.Object({
  rank: Type.Integer(),
  project: Type.String(),
  entrantName: Type.String(),
  track: Type.String(),
  mean: Type.Union([Type.Number(), Type.Null()]),
  median: Type.Union([Type.Number(), Type.Null()]),
  /** What decided the place against the entry above, when the means were equal. */
  decidedBy: Type.Union([Type.Literal('median'), Type.Literal('top_criterion'), Type.Literal('entered_at'), Type.Null()]),
  winner: Type.Boolean(),
  /** The final round's totals, lowest first: no judge named. */
  totals: Type.Array(Type.Integer()),
});
export type CompetitionResult = Static<typeof CompetitionResult>;

export const MyEntry = Type.Object({ id: Uuid, project: Type.String(), track: Type.String(), enteredAt: Instant, finalist: Type.Boolean(), rank: Type.Union([Type.Integer(), Type.Null()]), winner: Type.Boolean() });
export type MyEntry = Static<typeof MyEntry>;

export const CallPage = Type.Intersect([
  CallSummary,
  Type.Object({
    rules: Type.String(),
    criteria: Type.Array(CompetitionCriterion),
    finalists: Type.Integer(),
    prizes: Type.Integer(),
    tieBreakRule: Text,
    results: Type.Array(CompetitionResult),
    /** The enterprises the reader may enter for (their own, not yet entered), while the call is open. */
    mayEnterFor: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String() })),
    myEntries: Type.Array(MyEntry),
    mayManage: Type.Boolean(),
  }),
]);
export type CallPage = Static<typeof CallPage>;

export const EntryBody = Type.Object(
  {
    subjectId: Uuid,
    track: Type.String({ minLength: 1, maxLength: 40 }),
    project: Type.String({ minLength: 2, maxLength: 100 }),
    summary: Type.String({ minLength: 10, maxLength: 2000 }),
    team: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), role: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 15 }),
    deckFileId: Uuid,
  },
  { additionalProperties: false },
);
export type EntryBody = Static<typeof EntryBody>;

export const ExpertTie = Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }), enterpriseName: Type.String({ minLength: 2, maxLength: 100 }), relation: RelationSchema }, { additionalProperties: false });
export type ExpertTie = Static<typeof ExpertTie>;

export const ExpertBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    employerName: Type.String({ minLength: 2, maxLength: 100 }),
    employerCreditCode: Type.Union([Type.String({ minLength: 18, maxLength: 18 }), Type.Null()]),
    fields: Type.String({ maxLength: 500 }),
    ties: Type.Array(ExpertTie, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type ExpertBody = Static<typeof ExpertBody>;

export const Expert = Type.Object({ id: Uuid, name: Type.String(), employerName: Type.String(), fields: Type.String(), ties: Type.Array(Type.Object({ enterpriseName: Type.String(), relation: RelationSchema })) });
export type Expert = Static<typeof Expert>;

export const PanelBody = Type.Object({ expertIds: Type.Array(Uuid, { minItems: 2, maxItems: 15 }) }, { additionalProperties: false });
export type PanelBody = Static<typeof PanelBody>;
export const RoundParams = Type.Object({ id: Uuid, round: Type.Integer({ minimum: 1, maximum: 2 }) }, { additionalProperties: false });
export type RoundParams = Static<typeof RoundParams>;

export const JudgeReview = Type.Object({ judgeName: Type.String(), conflict: Type.Boolean(), total: Type.Union([Type.Integer(), Type.Null()]), scores: Type.Record(Type.String(), Type.Integer()), outlier: Type.Boolean() });

export const ManagedEntry = Type.Object({
  id: Uuid,
  project: Type.String(),
  entrantName: Type.String(),
  regionName: Type.String(),
  track: Type.String(),
  enteredAt: Instant,
  finalist: Type.Boolean(),
  rank: Type.Union([Type.Integer(), Type.Null()]),
  winner: Type.Boolean(),
  /** The current round's reviews (officials see who scored what), outliers flagged. */
  reviews: Type.Array(JudgeReview),
  judgesExpected: Type.Integer(),
});
export type ManagedEntry = Static<typeof ManagedEntry>;

export const ExclusionView = Type.Object({ round: Type.Integer(), project: Type.String(), entrantName: Type.String(), judgeName: Type.String(), reason: ReasonSchema, detail: Text });
export type ExclusionView = Static<typeof ExclusionView>;

export const CallManagement = Type.Object({
  call: CallPage,
  round: Type.Union([Type.Integer(), Type.Null()]),
  entries: Type.Array(ManagedEntry),
  panel: Type.Array(Type.Object({ round: Type.Integer(), expertId: Uuid, name: Type.String() })),
  exclusions: Type.Array(ExclusionView),
  experts: Type.Array(Expert),
  /** Whether every entry of the round has at least the rubric's minimum of scored reviews. */
  roundComplete: Type.Boolean(),
  minJudges: Type.Integer(),
});
export type CallManagement = Static<typeof CallManagement>;

export const JudgingItem = Type.Object({
  entryId: Uuid,
  callId: Uuid,
  callTitle: Type.String(),
  round: Type.Integer(),
  project: Type.String(),
  track: Type.String(),
  summary: Type.String(),
  team: Type.Array(Type.Object({ name: Type.String(), role: Type.String() })),
  criteria: Type.Array(CompetitionCriterion),
  reviewed: Type.Boolean(),
});
export type JudgingItem = Static<typeof JudgingItem>;

export const EntryReviewBody = Type.Object(
  {
    round: Type.Integer({ minimum: 1, maximum: 2 }),
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(Type.String({ maxLength: 20 }), Type.Integer({ minimum: 0, maximum: 100 }))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type EntryReviewBody = Static<typeof EntryReviewBody>;
