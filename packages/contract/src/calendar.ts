/**
 * The working calendar: the State Council's yearly holiday arrangement (放假调休), entered by the
 * programme office. Working days are Monday to Friday, except the listed holidays, plus the
 * listed weekend days worked in exchange (调休上班). Deadlines in working days count on it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Instant } from './time.js';

export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type CalendarYearParams = Static<typeof CalendarYearParams>;

export const CalendarDay = Type.Object(
  {
    day: Type.String({ description: 'YYYY-MM-DD, within the year' }),
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')], { description: 'holiday: a weekday off; workday: a weekend day worked in exchange (调休上班)' }),
    name: Type.String({ maxLength: 40, description: 'e.g. 春节, 国庆节' }),
  },
  { additionalProperties: false },
);
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYearBody = Type.Object(
  {
    days: Type.Array(CalendarDay, { maxItems: 120 }),
    source: Type.String({ minLength: 1, maxLength: 300, description: 'the notice the arrangement comes from, e.g. 国务院办公厅关于2026年部分节假日安排的通知' }),
  },
  { additionalProperties: false },
);
export type CalendarYearBody = Static<typeof CalendarYearBody>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  days: Type.Array(CalendarDay, { description: 'sorted by day' }),
  source: Type.String({ description: 'empty while the year has no arrangement entered' }),
  updatedAt: Type.Union([Instant, Type.Null()]),
});
export type CalendarYear = Static<typeof CalendarYear>;
