import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CalendarDaysTable, CalendarTables } from './calendar.tables.js';

const t = (db: Db | Tx) => tablesOf<CalendarTables>(db);

export async function daysBetween(db: Db | Tx, from: string, to: string): Promise<CalendarDaysTable[]> {
  return t(db).selectFrom('core_calendar_days').select(['day', 'kind', 'name']).where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();
}

export async function year(db: Db | Tx, y: number): Promise<{ source: string; updated_at: Date } | undefined> {
  return t(db).selectFrom('core_calendar_years').select(['source', 'updated_at']).where('year', '=', y).executeTakeFirst();
}

/** Replaces one year's days and records where they come from. */
export async function replaceYear(trx: Tx, y: number, days: CalendarDaysTable[], source: string, by: string, at: Date): Promise<void> {
  await t(trx).deleteFrom('core_calendar_days').where('day', '>=', `${y}-01-01`).where('day', '<=', `${y}-12-31`).execute();
  if (days.length > 0) await t(trx).insertInto('core_calendar_days').values(days).execute();
  await t(trx)
    .insertInto('core_calendar_years')
    .values({ year: y, source, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, updated_by: by, updated_at: at }))
    .execute();
}
