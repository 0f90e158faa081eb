import { addDays } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { workingCalendar } from './calendar.service.js';

/** Working days from `from` to `to`, both included, on the holiday arrangement entered (the same everywhere). */
export async function workingDaysIn(db: Db | Tx, q: StatisticQuery): Promise<number> {
  if (q.to < q.from) return 0;
  let days = 0;
  for (let day = q.from; day <= q.to; day = addDays(day, 1)) days++;
  const calendar = await workingCalendar(db, q.from, days);
  let working = 0;
  for (let day = q.from; day <= q.to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) working++;
  return working;
}

export const calendarStatistics: StatisticDefinition[] = [
  { name: 'calendar.working_days', label: { zh: '工作日数', en: 'Working days' }, unit: { zh: '天', en: 'days' }, compute: workingDaysIn },
];
