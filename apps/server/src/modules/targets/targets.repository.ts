import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { MilestonesTable, ReportsTable, SnapshotsTable, TargetsTable, TargetsTables } from './targets.tables.js';

const t = tablesOf<TargetsTables>;
export type TargetRow = Selectable<TargetsTable>;
export type ReportRow = Selectable<ReportsTable>;
export type MilestoneRow = Selectable<MilestonesTable>;

export const insertTarget = (trx: Tx, row: Insertable<TargetsTable>) => t(trx).insertInto('targets_targets').values(row).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
export const updateTarget = (trx: Tx, id: string, set: Updateable<TargetsTable>) => t(trx).updateTable('targets_targets').set(set).where('id', '=', id).execute();
export const findTarget = (db: Db | Tx, id: string) => t(db).selectFrom('targets_targets').selectAll().where('id', '=', id).executeTakeFirst();

/** Targets whose region starts with one of the prefixes (a region covers its districts). */
export async function targetsIn(db: Db | Tx, regionPrefixes: readonly string[]): Promise<TargetRow[]> {
  if (regionPrefixes.length === 0) return [];
  return t(db)
    .selectFrom('targets_targets')
    .selectAll()
    .where((eb) => eb.or(regionPrefixes.map((p) => eb('region_code', 'like', `${p}%`))))
    .orderBy('kind')
    .orderBy('period_to')
    .orderBy('title_zh')
    .execute();
}

/** Targets one of the organisations leads or supports. */
export async function targetsOfUnits(db: Db | Tx, organisationIds: readonly string[]): Promise<TargetRow[]> {
  if (organisationIds.length === 0) return [];
  return t(db)
    .selectFrom('targets_targets')
    .selectAll()
    .where((eb) => eb.or([eb('lead_org_id', 'in', [...organisationIds]), sql<boolean>`supporting_org_ids && ${[...organisationIds]}::uuid[]`]))
    .orderBy('kind')
    .orderBy('period_to')
    .orderBy('title_zh')
    .execute();
}

export const allTargets = (db: Db | Tx) => t(db).selectFrom('targets_targets').selectAll().execute();
export const partsOf = (db: Db | Tx, parentId: string) => t(db).selectFrom('targets_targets').selectAll().where('parent_id', '=', parentId).orderBy('region_code').orderBy('title_zh').execute();

export async function loadedCatalogueIds(db: Db | Tx, regionCode: string, periodFrom: string): Promise<Set<string>> {
  const rows = await t(db).selectFrom('targets_targets').select('catalogue_id').where('region_code', '=', regionCode).where('period_from', '=', periodFrom).where('parent_id', 'is', null).where('catalogue_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.catalogue_id!));
}

export async function loadedCountsByDocument(db: Db | Tx, regionPrefixes: readonly string[]): Promise<Map<string, number>> {
  if (regionPrefixes.length === 0) return new Map();
  const rows = await t(db)
    .selectFrom('targets_targets')
    .select(['document_key', (eb) => eb.fn.count<number>('catalogue_id').distinct().as('n')])
    .where('parent_id', 'is', null)
    .where('document_key', 'is not', null)
    .where((eb) => eb.or(regionPrefixes.map((p) => eb('region_code', 'like', `${p}%`))))
    .groupBy('document_key')
    .execute();
  return new Map(rows.map((r) => [r.document_key!, Number(r.n)]));
}

export const reportsOf = (db: Db | Tx, targetIds: readonly string[]) =>
  targetIds.length === 0
    ? Promise.resolve([] as ReportRow[])
    : t(db).selectFrom('targets_reports').selectAll().where('target_id', 'in', [...targetIds]).orderBy('period', 'desc').orderBy('reported_at', 'desc').execute();

export async function upsertReport(trx: Tx, row: Insertable<ReportsTable>): Promise<'created' | 'revised'> {
  const existing = await t(trx).selectFrom('targets_reports').select('id').where('target_id', '=', row.target_id).where('organisation_id', '=', row.organisation_id).where('period', '=', row.period).forUpdate().executeTakeFirst();
  if (existing) {
    await t(trx).updateTable('targets_reports').set({ value: row.value ?? null, progress: row.progress, reported_by: row.reported_by, revised_at: row.reported_at, attachment_ids: row.attachment_ids ?? [], consolidates: row.consolidates ?? [] }).where('id', '=', existing.id).execute();
    return 'revised';
  }
  await t(trx).insertInto('targets_reports').values(row).execute();
  return 'created';
}

export const chasesOf = (db: Db | Tx, targetIds: readonly string[]) =>
  targetIds.length === 0 ? Promise.resolve([]) : t(db).selectFrom('targets_chases').selectAll().where('target_id', 'in', [...targetIds]).execute();

/** Marks a chase stage once; false when it was already marked. */
export const markChase = (trx: Tx, row: { target_id: string; organisation_id: string; period: string; stage: 'reminded' | 'escalated'; on_day: string }) =>
  t(trx).insertInto('targets_chases').values(row).onConflict((oc) => oc.doNothing()).returning('target_id').executeTakeFirst().then((r) => r !== undefined);

/** Government organisations (departments) in the regions, with their names. */
export async function departmentsIn(db: Db | Tx, regionPrefixes: readonly string[]): Promise<{ id: string; name: string; region_code: string }[]> {
  if (regionPrefixes.length === 0) return [];
  const likes = regionPrefixes.map((p) => `${p}%`);
  const r = await sql<{ id: string; name: string; region_code: string }>`
    SELECT id, name, region_code FROM identity_organisations
     WHERE kind = 'government' AND region_code LIKE ANY(${likes}::text[]) ORDER BY region_code, name`.execute(db);
  return r.rows;
}

export { governmentMembersWithAnyRole, membersOfOrganisations as membersOf, organisationNames, userNames } from '../identity/index.js';

/** Keeps the day's light and figure of a target (the last evaluation of the day wins). */
export const upsertSnapshot = (trx: Tx, row: Insertable<SnapshotsTable>) =>
  t(trx)
    .insertInto('targets_snapshots')
    .values(row)
    .onConflict((oc) => oc.columns(['target_id', 'day']).doUpdateSet({ status: row.status, figure: row.figure ?? null, progress: row.progress ?? null }))
    .execute();

/** The snapshots of the targets from a day on, oldest first. */
export const snapshotsSince = (db: Db | Tx, targetIds: readonly string[], from: string) =>
  targetIds.length === 0 ? Promise.resolve([]) : t(db).selectFrom('targets_snapshots').selectAll().where('target_id', 'in', [...targetIds]).where('day', '>=', from).orderBy('day').execute();

/** The milestones of the targets, by due day. */
export const milestonesOf = (db: Db | Tx, targetIds: readonly string[]) =>
  targetIds.length === 0 ? Promise.resolve([] as MilestoneRow[]) : t(db).selectFrom('targets_milestones').selectAll().where('target_id', 'in', [...targetIds]).orderBy('due_on').orderBy('created_at').execute();

export const insertMilestone = (trx: Tx, row: Insertable<MilestonesTable>) => t(trx).insertInto('targets_milestones').values(row).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
export const findMilestone = (db: Db | Tx, targetId: string, id: string) => t(db).selectFrom('targets_milestones').selectAll().where('target_id', '=', targetId).where('id', '=', id).executeTakeFirst();
/** Marks a milestone reached once; false when it was already reached. */
export const reachMilestone = (trx: Tx, id: string, set: { reached_on: string; reached_by: string; note: string | null }) =>
  t(trx).updateTable('targets_milestones').set(set).where('id', '=', id).where('reached_on', 'is', null).returning('id').executeTakeFirst().then((r) => r !== undefined);
/** Removes an unreached milestone; false when it was reached meanwhile. */
export const deleteMilestone = (trx: Tx, id: string) => t(trx).deleteFrom('targets_milestones').where('id', '=', id).where('reached_on', 'is', null).returning('id').executeTakeFirst().then((r) => r !== undefined);
