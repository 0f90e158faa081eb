import { isCalendarDate, type CalendarYear, type CalendarYearBody } from '@seedbed/contract';
import type { FieldError } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { addDays, type Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './calendar.repository.js';

/** Which days count as working days (deadlines in working days are counted on one). */
export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
}

/** 1 (Monday) … 7 (Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Monday to Friday, with no holiday arrangement entered. */
export const WEEKDAYS: WorkingCalendar = { isWorkingDay: (day) => isoWeekday(day) < 6 };

/**
 * The working calendar from `from` on (the arrangement entered for the coming `horizonDays`):
 * Monday–Friday except the listed holidays, plus the listed weekend days worked in exchange.
 * Read in the caller's transaction, so a deadline is counted on the calendar as it is.
 */
export async function workingCalendar(db: Db | Tx, from: string, horizonDays = 400): Promise<WorkingCalendar> {
  const rows = await repo.daysBetween(db, from, addDays(from, horizonDays));
  if (rows.length === 0) return WEEKDAYS;
  const listed = new Map(rows.map((r) => [r.day, r.kind]));
  return {
    isWorkingDay: (day) => {
      const kind = listed.get(day);
      return kind === 'holiday' ? false : kind === 'workday' ? true : isoWeekday(day) < 6;
    },
  };
}

export async function getYear(db: Db, year: number): Promise<CalendarYear> {
  const [days, meta] = await Promise.all([repo.daysBetween(db, `${year}-01-01`, `${year}-12-31`), repo.year(db, year)]);
  return { year, days, source: meta?.source ?? '', updatedAt: meta ? instantOut(meta.updated_at) : null };
}

/** Every problem with a year's arrangement, each naming its row and field. */
function check(year: number, body: CalendarYearBody): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.days.forEach((d, i) => {
    const field = `days.${i}`;
    if (!isCalendarDate(d.day)) {
      errors.push(fieldError(`${field}.day`, 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD'));
      return;
    }
    if (!d.day.startsWith(`${year}-`)) errors.push(fieldError(`${field}.day`, 'in_year', `应在${year}年内`, `must lie in ${year}`));
    if (seen.has(d.day)) errors.push(fieldError(`${field}.day`, 'unique', '同一日期只能列一次', 'is listed more than once'));
    seen.add(d.day);
    const weekend = isoWeekday(d.day) >= 6;
    if (d.kind === 'holiday' && weekend)
      errors.push(fieldError(`${field}.kind`, 'holiday_on_weekday', '放假日应为周一至周五（周末本就休息）', 'a holiday must be a Monday to Friday (weekends are off anyway)'));
    if (d.kind === 'workday' && !weekend)
      errors.push(fieldError(`${field}.kind`, 'workday_on_weekend', '调休上班日应为周六或周日', 'a day worked in exchange must be a Saturday or Sunday'));
  });
  if (body.source.trim() === '') errors.push(fieldError('source', 'required', '应注明依据的通知', 'must name the notice the arrangement comes from'));
  return errors;
}

/** Replaces a year's holiday arrangement (the programme office, from the State Council's notice). */
export async function setYear(deps: { db: Db; clock: Clock }, principal: Principal, ctx: AuditContext, year: number, body: CalendarYearBody): Promise<CalendarYear> {
  const errors = check(year, body);
  if (errors.length > 0) throw invalid(errors);
  const days = body.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name.trim() })).sort((a, b) => (a.day < b.day ? -1 : 1));
  await deps.db.transaction().execute(async (trx) => {
    await repo.replaceYear(trx, year, days, body.source.trim(), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, {
      action: 'calendar.year_set',
      entityType: 'calendar_year',
      entityId: String(year),
      data: { holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length, source: body.source.trim() },
    });
  });
  return getYear(deps.db, year);
}
