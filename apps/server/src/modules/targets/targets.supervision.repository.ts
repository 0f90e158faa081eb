import type { Insertable, Selectable, Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { SupervisionItemsTable, SupervisionStepsTable, SupervisionTables } from './targets.supervision.tables.js';

const t = tablesOf<SupervisionTables>;
export type SupervisionItemRow = Selectable<SupervisionItemsTable>;
export type SupervisionStepRow = Selectable<SupervisionStepsTable>;

export const insertItem = (trx: Tx, row: Insertable<SupervisionItemsTable>) => t(trx).insertInto('targets_supervision_items').values(row).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
export const insertStep = (trx: Tx, row: Insertable<SupervisionStepsTable>) => t(trx).insertInto('targets_supervision_steps').values(row).execute();
export const updateItem = (trx: Tx, id: string, set: Updateable<SupervisionItemsTable>) => t(trx).updateTable('targets_supervision_items').set(set).where('id', '=', id).execute();
export const findItem = (db: Db | Tx, id: string) => t(db).selectFrom('targets_supervision_items').selectAll().where('id', '=', id).executeTakeFirst();
/** The item locked for a change of status. */
export const lockItem = (trx: Tx, id: string) => t(trx).selectFrom('targets_supervision_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Items on the targets in the regions (prefix match) or of the units, newest first. */
export async function itemsWhere(db: Db | Tx, f: { regionPrefixes?: readonly string[]; organisationIds?: readonly string[]; targetId?: string }): Promise<SupervisionItemRow[]> {
  let q = t(db).selectFrom('targets_supervision_items as s').innerJoin('targets_targets as g', 'g.id', 's.target_id').selectAll('s');
  if (f.targetId) q = q.where('s.target_id', '=', f.targetId);
  const regions = f.regionPrefixes ?? [];
  const units = f.organisationIds ?? [];
  if (regions.length === 0 && units.length === 0) return [];
  q = q.where((eb) => eb.or([...regions.map((p) => eb('g.region_code', 'like', `${p}%`)), ...(units.length ? [eb('s.organisation_id', 'in', [...units])] : [])]));
  return q.orderBy('s.issued_at', 'desc').execute();
}

export const stepsOf = (db: Db | Tx, itemIds: readonly string[]) =>
  itemIds.length === 0 ? Promise.resolve([] as SupervisionStepRow[]) : t(db).selectFrom('targets_supervision_steps').selectAll().where('item_id', 'in', [...itemIds]).orderBy('id').execute();

/** Items awaiting the unit's answer whose deadline is before the day and that were not escalated yet. */
export const overdueUnescalated = (db: Db | Tx, day: string) =>
  t(db).selectFrom('targets_supervision_items').selectAll().where('status', 'in', ['open', 'returned']).where('deadline', '<', day).where('escalated_on', 'is', null).execute();

/** Marks an item escalated once; false when it already was (or was answered meanwhile). */
export const markEscalated = (trx: Tx, id: string, day: string) =>
  t(trx).updateTable('targets_supervision_items').set({ escalated_on: day }).where('id', '=', id).where('escalated_on', 'is', null).where('status', 'in', ['open', 'returned']).returning('id').executeTakeFirst().then((r) => r !== undefined);
