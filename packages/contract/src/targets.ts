/**
 * Targets (目标任务) and the work ledger (工作台账): a region's goals from the catalogue's documents or
 * added locally, split into parts per district or department, each with a lead unit and supporting
 * units, measured by a module's declared statistic or by the lead unit's reports, and a traffic
 * light from progress against the time elapsed. Dates YYYY-MM-DD; figures in the target's unit.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const TARGET_COMPARISONS = ['at_least', 'more_than', 'at_most', 'less_than', 'exactly', 'increase_by'] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];
export const TARGET_COMPARISON_LABELS: Record<TargetComparison, { zh: string; en: string }> = {
  at_least: { zh: '不少于', en: 'at least' },
  more_than: { zh: '多于', en: 'more than' },
  at_most: { zh: '不超过', en: 'at most' },
  less_than: { zh: '少于', en: 'less than' },
  exactly: { zh: '达到', en: 'reach' },
  increase_by: { zh: '增长', en: 'grow by' },
};

export const TARGET_STATUSES = ['not_started', 'on_track', 'at_risk', 'behind', 'met', 'missed', 'no_figure'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, { zh: string; en: string }> = {
  not_started: { zh: '未开始', en: 'Not started' },
  on_track: { zh: '正常推进', en: 'On track' },
  at_risk: { zh: '预警', en: 'At risk' },
  behind: { zh: '滞后', en: 'Behind' },
  met: { zh: '已达标', en: 'Met' },
  missed: { zh: '未达标', en: 'Missed' },
  no_figure: { zh: '待报数据', en: 'Awaiting figures' },
};

/** The lights' colours in charts, pages and printed briefings alike. */
export const TARGET_STATUS_COLOURS: Record<TargetStatus, string> = {
  not_started: '#8c8c8c',
  on_track: '#52c41a',
  at_risk: '#faad14',
  behind: '#ff4d4f',
  met: '#1677ff',
  missed: '#d4380d',
  no_figure: '#bfbfbf',
};

export const TARGET_REPORTING = ['monthly', 'quarterly'] as const;
export type TargetReporting = (typeof TARGET_REPORTING)[number];

// Views: the value's type; bodies: literal unions (so that an optional field stays typed).
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Comparison = oneOf(TARGET_COMPARISONS);
const Status = oneOf(TARGET_STATUSES);
const Reporting = oneOf(TARGET_REPORTING);
const ComparisonIn = literals(TARGET_COMPARISONS);
const ReportingIn = literals(TARGET_REPORTING);
const Figure = Type.Number({ minimum: -1e12, maximum: 1e12 });
const ReportingPeriod = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'YYYY-MM (monthly) or YYYY-Qn (quarterly)' });

export const TargetUnit = Type.Object({ organisationId: Uuid, name: Type.String() });
export type TargetUnit = Static<typeof TargetUnit>;

export const TargetReportView = Type.Object({
  id: Uuid,
  organisation: TargetUnit,
  period: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  progress: Type.String(),
  reportedBy: Type.String(),
  reportedAt: Instant,
  revisedAt: Type.Union([Instant, Type.Null()]),
  /** Evidence the reporter attached (downloaded through the target's report). */
  attachments: Type.Array(Type.Object({ id: Uuid, name: Type.String(), contentType: Type.String() })),
  /** A lead unit's report: the supporting units' reports of the period it consolidates (汇总). */
  consolidates: Type.Array(Type.Object({ id: Uuid, organisationName: Type.String() })),
  /** A supporting unit's report: the lead unit's report that consolidated it (null: not yet). */
  consolidatedBy: Type.Union([Type.Object({ id: Uuid, organisationName: Type.String(), reportedAt: Instant }), Type.Null()]),
});
export type TargetReportView = Static<typeof TargetReportView>;

export const TARGET_MILESTONE_STATES = ['reached', 'upcoming', 'overdue'] as const;
export type TargetMilestoneState = (typeof TARGET_MILESTONE_STATES)[number];
export const TARGET_MILESTONE_STATE_LABELS: Record<TargetMilestoneState, { zh: string; en: string }> = {
  reached: { zh: '已达成', en: 'Reached' },
  upcoming: { zh: '未到期', en: 'Upcoming' },
  overdue: { zh: '逾期未达成', en: 'Overdue' },
};

/**
 * A milestone (里程碑) the office sets on a target: what should stand by a date, optionally a
 * figure. Reached when the lead unit (or the office) marks it, or — for an "at least" goal —
 * when the target's figure meets its figure; overdue when its date passed unreached.
 */
export const TargetMilestone = Type.Object({
  id: Uuid,
  title: Type.String(),
  dueOn: IsoDate,
  value: Type.Union([Type.Number(), Type.Null()]),
  state: Type.Unsafe<TargetMilestoneState>(Type.Union(TARGET_MILESTONE_STATES.map((v) => Type.Literal(v)))),
  reachedOn: Type.Union([IsoDate, Type.Null()]),
  reachedBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  /** Reached because the figure met the milestone's figure (nobody marked it). */
  byFigure: Type.Boolean(),
});
export type TargetMilestone = Static<typeof TargetMilestone>;

/** A unit's report for the period now due: in, late (reminded / escalated) or not yet due. */
export const TargetDue = Type.Object({
  organisation: TargetUnit,
  period: Type.String(),
  dueOn: IsoDate,
  reported: Type.Boolean(),
  chase: Type.Union([Type.Literal('reminded'), Type.Literal('escalated'), Type.Null()]),
});
export type TargetDue = Static<typeof TargetDue>;

export const TargetView = Type.Object({
  id: Uuid,
  regionCode: RegionCode,
  regionName: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  /** A target with its indicator, or a task (工作任务) whose indicator is its completion in %. */
  kind: Type.Unsafe<'target' | 'task'>(Type.Union([Type.Literal('target'), Type.Literal('task')])),
  /** The catalogue's document and clause it comes from (null: a local target). */
  source: Type.Union([Type.Object({ document: Type.String(), documentTitle: Type.String(), clause: Type.Union([Type.String(), Type.Null()]), quote: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  title: Text,
  indicator: Text,
  comparison: Comparison,
  value: Type.Number(),
  unit: Type.String(),
  baseline: Type.Union([Type.Number(), Type.Null()]),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** The module statistic the figure is computed from (null: reported by the lead unit). */
  statistic: Type.Union([Type.Object({ name: Type.String(), label: Text, unit: Text }), Type.Null()]),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  lead: Type.Union([TargetUnit, Type.Null()]),
  supporting: Type.Array(TargetUnit),
  reporting: Reporting,
  /** The figure now and where it comes from. */
  figure: Type.Union([Type.Number(), Type.Null()]),
  figureSource: Type.Union([Type.Literal('statistic'), Type.Literal('reports'), Type.Literal('parts'), Type.Null()]),
  figureAsOf: Type.Union([IsoDate, Type.Null()]),
  progress: Type.Union([Type.Number(), Type.Null()]),
  elapsed: Type.Number(),
  status: Status,
  parts: Type.Integer({ minimum: 0 }),
  /** Its milestones: how many, reached, overdue. */
  milestones: Type.Object({ total: Type.Integer({ minimum: 0 }), reached: Type.Integer({ minimum: 0 }), overdue: Type.Integer({ minimum: 0 }) }),
  /** Whether the principal may report on it (a member of its lead or a supporting unit). */
  canReport: Type.Boolean(),
  canManage: Type.Boolean(),
});
export type TargetView = Static<typeof TargetView>;

export const TargetList = Type.Object({
  asOf: IsoDate,
  items: Type.Array(TargetView),
  byStatus: Type.Array(Type.Object({ status: Status, count: Type.Integer() })),
});
export type TargetList = Static<typeof TargetList>;

export const TargetDetail = Type.Object({
  target: TargetView,
  parts: Type.Array(TargetView),
  reports: Type.Array(TargetReportView),
  due: Type.Array(TargetDue),
  milestones: Type.Array(TargetMilestone),
  /** Whether the principal is a member of the lead unit (who consolidates and marks milestones). */
  isLead: Type.Boolean(),
});
export type TargetDetail = Static<typeof TargetDetail>;

export const TargetQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    mine: Type.Optional(Type.Boolean({ description: '只看本单位牵头或配合的 / Only those the principal\'s units lead or support' })),
  },
  { additionalProperties: false },
);
export type TargetQuery = Static<typeof TargetQuery>;

/** A catalogue document whose targets the office may load, with how many are loaded. */
export const TargetDocument = Type.Object({
  key: Type.String(),
  title: Type.String(),
  regionCode: RegionCode,
  targets: Type.Integer(),
  tasks: Type.Integer(),
  /** Targets and tasks loaded for the region. */
  loaded: Type.Integer(),
});
export type TargetDocument = Static<typeof TargetDocument>;

export const TargetLoadBody = Type.Object(
  {
    document: Type.String({ minLength: 1, maxLength: 80 }),
    /** The period to pursue them in; absent: the document's own where it still runs, else this calendar year. */
    periodFrom: Type.Optional(IsoDate),
    periodTo: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type TargetLoadBody = Static<typeof TargetLoadBody>;

export const TargetLoadResult = Type.Object({ loaded: Type.Integer(), alreadyLoaded: Type.Integer(), unassigned: Type.Integer() });
export type TargetLoadResult = Static<typeof TargetLoadResult>;

export const TargetCreateBody = Type.Object(
  {
    /** A part of this target (per district or department). */
    parentId: Type.Optional(Uuid),
    regionCode: Type.Optional(RegionCode),
    /**
     * A target (default) or a task (工作任务), tracked by its completion (完成进度 at least 100 %):
     * a task takes no indicator, requirement, value or unit. A part is what it splits.
     */
    kind: Type.Optional(literals(['target', 'task'] as const)),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    /** Required for a target. */
    indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    comparison: Type.Optional(ComparisonIn),
    value: Type.Optional(Figure),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    baseline: Type.Optional(Type.Union([Figure, Type.Null()])),
    periodFrom: IsoDate,
    periodTo: IsoDate,
    leadOrganisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    supportingOrganisationIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    statistic: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
    reporting: Type.Optional(ReportingIn),
  },
  { additionalProperties: false },
);
export type TargetCreateBody = Static<typeof TargetCreateBody>;

export const TargetUpdateBody = Type.Object(
  {
    value: Type.Optional(Figure),
    baseline: Type.Optional(Type.Union([Figure, Type.Null()])),
    periodFrom: Type.Optional(IsoDate),
    periodTo: Type.Optional(IsoDate),
    leadOrganisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    supportingOrganisationIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    statistic: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
    reporting: Type.Optional(ReportingIn),
  },
  { additionalProperties: false },
);
export type TargetUpdateBody = Static<typeof TargetUpdateBody>;

export const TargetReportBody = Type.Object(
  {
    period: ReportingPeriod,
    value: Type.Optional(Type.Union([Figure, Type.Null()])),
    progress: Type.String({ minLength: 1, maxLength: 2000 }),
    /** Files the reporter uploaded (POST /api/v1/files): PDF, JPEG or PNG; a revision replaces them. */
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 5, uniqueItems: true })),
    /** The lead unit only: the supporting units' reports of the same period this report consolidates. */
    consolidates: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type TargetReportBody = Static<typeof TargetReportBody>;

export const TargetMilestoneBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    dueOn: IsoDate,
    /** The figure that should stand by then (in the target's unit); absent: marked by the lead unit. */
    value: Type.Optional(Type.Union([Figure, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TargetMilestoneBody = Static<typeof TargetMilestoneBody>;

export const TargetMilestoneReachBody = Type.Object(
  {
    /** The day it was reached (default today; not in the future). */
    reachedOn: Type.Optional(IsoDate),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type TargetMilestoneReachBody = Static<typeof TargetMilestoneReachBody>;

/** What a target can be bound to and assigned to: the statistics the modules declare, the region's departments. */
export const TargetOptions = Type.Object({
  statistics: Type.Array(Type.Object({ name: Type.String(), label: Text, unit: Text })),
  units: Type.Array(TargetUnit),
  documents: Type.Array(TargetDocument),
});
export type TargetOptions = Static<typeof TargetOptions>;

const StatusCounts = Type.Array(Type.Object({ status: Status, count: Type.Integer() }));

/**
 * The leadership dashboard of a region's targets: by lead unit (its top-level targets, as the
 * ledger lists them), by region (the region's own targets and each district's, parts included:
 * a city view that rolls up its districts), and the trend of the lights by week from the daily
 * evaluations, ending with today's (the ledger's counts).
 */
export const TargetDashboard = Type.Object({
  asOf: IsoDate,
  regionCode: RegionCode,
  regionName: Type.String(),
  byUnit: Type.Array(Type.Object({ unit: Type.String(), organisationId: Type.Union([Uuid, Type.Null()]), counts: StatusCounts })),
  byRegion: Type.Array(Type.Object({ regionCode: RegionCode, regionName: Type.String(), counts: StatusCounts })),
  trend: Type.Array(Type.Object({ day: IsoDate, counts: StatusCounts })),
});
export type TargetDashboard = Static<typeof TargetDashboard>;

/** The records behind a target's computed figure (its bound statistic's, newest first). */
export const TargetRecords = Type.Object({
  /** Whether the bound statistic offers its records (some figures are sums of many sources). */
  available: Type.Boolean(),
  records: Type.Array(Type.Object({ label: Type.String(), date: IsoDate, link: Type.Union([Type.String(), Type.Null()]) })),
  /** More records than listed (the list stops at its limit). */
  more: Type.Boolean(),
});
export type TargetRecords = Static<typeof TargetRecords>;
