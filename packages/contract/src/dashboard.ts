import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode } from './common.js';
import { LocalisedText } from './problem.js';

/**
 * The programme office's dashboard: figures over the applications, budgets, stage times and
 * matches of a region (the office's own subtree) and a period; each figure drills down to a list
 * and exports to .xlsx.
 */
export const DashboardQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

export const DashboardFigureName = Type.Union([
  Type.Literal('stages'),
  Type.Literal('departments'),
  Type.Literal('budgets'),
  Type.Literal('processing'),
  Type.Literal('matches'),
]);
export type DashboardFigureName = Static<typeof DashboardFigureName>;

/** A figure's list (drill-down) or the figure itself as a table: `key` names the bar clicked; without it, the figure's own rows. */
export const DashboardTableQuery = Type.Object(
  {
    figure: DashboardFigureName,
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    regionCode: Type.Optional(RegionCode),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type DashboardTableQuery = Static<typeof DashboardTableQuery>;

const bar = { key: Type.String(), label: LocalisedText };

export const DashboardView = Type.Object({
  region: Type.Object({ code: RegionCode, name: Type.String() }),
  /** The regions the office may choose: its own and the districts inside it. */
  regions: Type.Array(Type.Object({ code: RegionCode, name: Type.String(), parentCode: Type.Union([RegionCode, Type.Null()]) })),
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  /** Applications submitted in the period, by their current stage. */
  stages: Type.Array(Type.Object({ ...bar, count: Type.Integer({ minimum: 0 }) })),
  /** Applications submitted in the period, by lead department: all and still open. */
  departments: Type.Array(Type.Object({ ...bar, count: Type.Integer({ minimum: 0 }), open: Type.Integer({ minimum: 0 }) })),
  /** Budgets of the years the period touches: amount, committed (approved, not yet paid) and paid, in fen. */
  budgets: Type.Array(Type.Object({ ...bar, year: Type.Integer(), amountFen: Type.Integer(), committedFen: Type.Integer(), paidFen: Type.Integer() })),
  /** Stays in each stage that ended in the period: mean and median working days; applications overdue at the stage today. */
  processing: Type.Array(
    Type.Object({
      ...bar,
      stays: Type.Integer({ minimum: 0 }),
      meanWorkingDays: Type.Union([Type.Number(), Type.Null()]),
      medianWorkingDays: Type.Union([Type.Number(), Type.Null()]),
      overdue: Type.Integer({ minimum: 0 }),
    }),
  ),
  /**
   * Items applied for online: subjects that applied (any outcome), and of the others those that
   * qualify now and those that may qualify (nothing in their profile rules them out; the item asks
   * more), from the finder's current matches.
   */
  matches: Type.Array(
    Type.Object({
      ...bar,
      applied: Type.Integer({ minimum: 0 }),
      eligibleNotApplied: Type.Integer({ minimum: 0 }),
      possibleNotApplied: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type DashboardView = Static<typeof DashboardView>;

export const DashboardColumn = Type.Object({
  key: Type.String(),
  label: LocalisedText,
  /** `money` values are fen (shown and exported in 元); `days` may have a decimal. */
  type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('money'), Type.Literal('date'), Type.Literal('days')]),
});
export type DashboardColumn = Static<typeof DashboardColumn>;

export const DashboardTable = Type.Object({
  title: LocalisedText,
  columns: Type.Array(DashboardColumn),
  rows: Type.Array(
    Type.Object({
      /** Text in both languages where it has two (a stage, an item's title), else as stored. */
      cells: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null(), LocalisedText])),
      /** Where the row opens (an application's page), when it has one. */
      link: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type DashboardTable = Static<typeof DashboardTable>;
