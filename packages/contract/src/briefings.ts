/**
 * Briefings (工作简报): the programme office's numbered bulletin on its targets for a period, in the
 * layout Chinese government briefings use (期号, 编发单位, 日期, 报送范围). Its figures are a
 * snapshot taken when it is drafted (or refreshed) from the same computation as the targets
 * dashboard, so an issued briefing never changes; the office edits the text before issuing it,
 * and issuing gives it the next number of its region and year.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';
import { TARGET_STATUSES, type TargetStatus } from './targets.js';

const Status = Type.Unsafe<TargetStatus>(Type.Union(TARGET_STATUSES.map((s) => Type.Literal(s))));

export const BRIEFING_STATES = ['draft', 'issued'] as const;
export type BriefingState = (typeof BRIEFING_STATES)[number];
export const BRIEFING_STATE_LABELS: Record<BriefingState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已印发', en: 'Issued' },
};

/** A target as the briefing lists it (those behind, at risk or missed). */
export const BriefingTarget = Type.Object({
  title: Type.String(),
  lead: Type.String(),
  goal: Type.String(),
  figure: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String(),
  progress: Type.Union([Type.Number(), Type.Null()]),
  elapsed: Type.Number(),
  status: Status,
});
export type BriefingTarget = Static<typeof BriefingTarget>;

/** One lead unit's targets by light, and its progress reports in the period. */
export const BriefingUnit = Type.Object({
  name: Type.String(),
  targets: Type.Integer(),
  byStatus: Type.Array(Type.Object({ status: Status, count: Type.Integer() })),
  reports: Type.Integer(),
  escalated: Type.Integer(),
});
export type BriefingUnit = Static<typeof BriefingUnit>;

/** The figures of a briefing, as of the day they were taken. */
export const BriefingFigures = Type.Object({
  asOf: IsoDate,
  total: Type.Integer(),
  byStatus: Type.Array(Type.Object({ status: Status, count: Type.Integer() })),
  units: Type.Array(BriefingUnit),
  attention: Type.Array(BriefingTarget),
  reportsInPeriod: Type.Integer(),
});
export type BriefingFigures = Static<typeof BriefingFigures>;

export const BriefingView = Type.Object({
  id: Uuid,
  regionCode: RegionCode,
  regionName: Type.String(),
  state: Type.Unsafe<BriefingState>(Type.Union(BRIEFING_STATES.map((s) => Type.Literal(s)))),
  /** 期号: the number within its region and year, given when it is issued. */
  year: Type.Union([Type.Integer(), Type.Null()]),
  number: Type.Union([Type.Integer(), Type.Null()]),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  masthead: Type.String(),
  title: Type.String(),
  issuer: Type.String(),
  summary: Type.String(),
  nextSteps: Type.String(),
  distribution: Type.String(),
  figures: BriefingFigures,
  issuedOn: Type.Union([IsoDate, Type.Null()]),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type BriefingView = Static<typeof BriefingView>;

export const BriefingList = Type.Object({ items: Type.Array(BriefingView) });
export type BriefingList = Static<typeof BriefingList>;

export const BriefingCreateBody = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    periodFrom: IsoDate,
    periodTo: IsoDate,
  },
  { additionalProperties: false },
);
export type BriefingCreateBody = Static<typeof BriefingCreateBody>;

export const BriefingUpdateBody = Type.Object(
  {
    masthead: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    issuer: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    summary: Type.Optional(Type.String({ maxLength: 4000 })),
    nextSteps: Type.Optional(Type.String({ maxLength: 4000 })),
    distribution: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
export type BriefingUpdateBody = Static<typeof BriefingUpdateBody>;
