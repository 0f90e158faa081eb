import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { BriefingsTable, TargetsTables } from './targets.tables.js';

const t = tablesOf<TargetsTables>;
export type BriefingRow = Selectable<BriefingsTable>;

export const insertBriefing = (trx: Tx, row: Insertable<BriefingsTable>) => t(trx).insertInto('targets_briefings').values(row).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
export const updateBriefing = (trx: Tx, id: string, set: Updateable<BriefingsTable>) => t(trx).updateTable('targets_briefings').set(set).where('id', '=', id).execute();
export const findBriefing = (db: Db | Tx, id: string, lock = false) => {
  const q = t(db).selectFrom('targets_briefings').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

/** Briefings of regions starting with one of the prefixes, issued ones by number, newest first. */
export async function briefingsIn(db: Db | Tx, regionPrefixes: readonly string[]): Promise<BriefingRow[]> {
  if (regionPrefixes.length === 0) return [];
  return t(db)
    .selectFrom('targets_briefings')
    .selectAll()
    .where((eb) => eb.or(regionPrefixes.map((p) => eb('region_code', 'like', `${p}%`))))
    .orderBy('created_at', 'desc')
    .execute();
}

/** The next number (期号) of a region's briefings in a year; the caller holds the region-year lock. */
export async function nextNumber(trx: Tx, regionCode: string, year: number): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`targets-briefing:${regionCode}:${year}`}))`.execute(trx);
  const r = await t(trx).selectFrom('targets_briefings').select((eb) => eb.fn.max('number').as('n')).where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}
