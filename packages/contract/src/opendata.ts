import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode } from './common.js';
import { LocalisedText } from './problem.js';

/**
 * Open statistics (数据开放): the statistics the modules declare public, for a region and a
 * period, grouped by module, with the breakdowns the public page draws and downloads as CSV and
 * .xlsx. No sign-in.
 */

/** A year (2026), a quarter (2026-Q1) or a month (2026-03). */
export const OpenPeriod = Type.String({
  pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$',
  description: 'A year (2026), a quarter (2026-Q1) or a month (2026-03); absent: this year up to today',
});
export type OpenPeriod = Static<typeof OpenPeriod>;

export const OpenStatisticsQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenStatisticsQuery = Static<typeof OpenStatisticsQuery>;

export const OpenStatisticsRegion = Type.Object({
  /** null: the whole platform (every region). */
  code: Type.Union([RegionCode, Type.Null()]),
  name: Type.String(),
});
export type OpenStatisticsRegion = Static<typeof OpenStatisticsRegion>;

export const OpenStatisticsPeriod = Type.Object({
  key: OpenPeriod,
  kind: Type.Union([Type.Literal('year'), Type.Literal('quarter'), Type.Literal('month')]),
  label: LocalisedText,
  from: IsoDate,
  /** The period's last day, or today while the period runs. */
  to: IsoDate,
});
export type OpenStatisticsPeriod = Static<typeof OpenStatisticsPeriod>;

export const OpenFigure = Type.Object({
  /** The statistic's declared name (`<module>.<name>`), to ask for its breakdown. */
  name: Type.String(),
  label: LocalisedText,
  unit: LocalisedText,
  /** In the declared unit (money in fen). */
  value: Type.Number(),
});
export type OpenFigure = Static<typeof OpenFigure>;

export const OpenStatisticGroup = Type.Object({
  /** The declaring module's name (to download the group). */
  group: Type.String(),
  label: LocalisedText,
  figures: Type.Array(OpenFigure),
});
export type OpenStatisticGroup = Static<typeof OpenStatisticGroup>;

export const OpenStatisticsView = Type.Object({
  asOf: IsoDate,
  region: OpenStatisticsRegion,
  period: OpenStatisticsPeriod,
  groups: Type.Array(OpenStatisticGroup),
});
export type OpenStatisticsView = Static<typeof OpenStatisticsView>;

export const OpenBreakdownQuery = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'a public statistic (`<module>.<name>`)' }),
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenBreakdownQuery = Static<typeof OpenBreakdownQuery>;

export const OpenBreakdown = Type.Object({
  figure: OpenFigure,
  region: OpenStatisticsRegion,
  period: OpenStatisticsPeriod,
  /** The region's child regions (the whole platform: the provinces with a value), same period. */
  byRegion: Type.Array(Type.Object({ code: RegionCode, name: Type.String(), value: Type.Number() })),
  /** Month by month from January of the period's year to the period's end, same region. */
  byMonth: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }), from: IsoDate, to: IsoDate, value: Type.Number() })),
});
export type OpenBreakdown = Static<typeof OpenBreakdown>;

export const OpenExportQuery = Type.Object(
  {
    group: Type.String({ minLength: 1, maxLength: 50, description: 'the group to download (a module with public statistics)' }),
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenExportQuery = Static<typeof OpenExportQuery>;
