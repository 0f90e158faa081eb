import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { RegionSeedRow } from './region-data.js';
import type { RegionTables, RegionsTable } from './regions.tables.js';

export async function count(db: Db): Promise<number> {
  const row = await tablesOf<RegionTables>(db)
    .selectFrom('core_regions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertMissing(db: Db, rows: RegionSeedRow[]): Promise<void> {
  // Parents first: rows arrive ordered province → city → district.
  for (let i = 0; i < rows.length; i += 500) {
    await tablesOf<RegionTables>(db)
      .insertInto('core_regions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function children(db: Db, parent: string | null): Promise<RegionsTable[]> {
  let q = tablesOf<RegionTables>(db).selectFrom('core_regions').selectAll().where('valid_to', 'is', null);
  q = parent === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', parent);
  return q.orderBy('code').execute();
}

export async function byCode(db: Db | Tx, code: string): Promise<RegionsTable | undefined> {
  return tablesOf<RegionTables>(db).selectFrom('core_regions').selectAll().where('code', '=', code).executeTakeFirst();
}
