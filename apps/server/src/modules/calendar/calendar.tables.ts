import type { ColumnType } from 'kysely';

export interface CalendarDaysTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}
export interface CalendarYearsTable {
  year: number;
  source: string;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export interface CalendarTables {
  core_calendar_days: CalendarDaysTable;
  core_calendar_years: CalendarYearsTable;
}
