import { sql, type Selectable } from 'kysely';
import { applicationChannelsChanged } from '../../platform/application-channels.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type {
  ApplicationsTable,
  FulfilmentTables,
  ObjectionsTable,
  PayingDepartmentsTable,
  PayeeAccountsTable,
} from './fulfilment.tables.js';
import type { Status } from './workflow.js';

const t = (db: Db | Tx) => tablesOf<FulfilmentTables>(db);

export type ApplicationRow = Selectable<ApplicationsTable> & { department_name: string; credit_priority: boolean };
export type ObjectionRow = Selectable<ObjectionsTable>;

// ---------------------------------------------------------------- departments and workflows

export async function findDepartment(db: Db | Tx, leadUnit: string, regionCode: string) {
  return t(db)
    .selectFrom('fulfilment_departments as d')
    .innerJoin('identity_organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.organisation_id', 'o.name'])
    .where('d.lead_unit', '=', leadUnit)
    .where('d.region_code', '=', regionCode)
    .executeTakeFirst();
}

/** The organisation a unit (by any of its names) stands for in a region, if the region has mapped it. */
export async function findDepartmentByName(db: Db | Tx, names: readonly string[], regionCode: string): Promise<string | undefined> {
  if (names.length === 0) return undefined;
  const row = await t(db)
    .selectFrom('fulfilment_departments')
    .select('organisation_id')
    .where('lead_unit', 'in', [...names])
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  return row?.organisation_id;
}

/** Every department that accepts applications online: lead unit and region, with the organisation's name. */
export async function allDepartments(db: Db | Tx) {
  return t(db)
    .selectFrom('fulfilment_departments as d')
    .innerJoin('identity_organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.lead_unit', 'd.region_code', 'o.name'])
    .execute();
}

/** The regions whose awards one of the organisations pays (fulfilment_paying_departments). */
export async function regionsPaidBy(db: Db | Tx, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await t(db)
    .selectFrom('fulfilment_paying_departments')
    .select('region_code')
    .where('organisation_id', 'in', [...organisationIds])
    .execute();
  return rows.map((r) => r.region_code);
}

/** The department that pays awarded money in a region, if one is set. */
export async function payingDepartmentOf(db: Db | Tx, regionCode: string): Promise<string | undefined> {
  return (
    await t(db)
      .selectFrom('fulfilment_paying_departments')
      .select('organisation_id')
      .where('region_code', '=', regionCode)
      .executeTakeFirst()
  )?.organisation_id;
}

export async function upsertPayingDepartment(
  trx: Tx,
  row: Selectable<PayingDepartmentsTable>,
): Promise<void> {
  await t(trx)
    .insertInto('fulfilment_paying_departments')
    .values(row)
    .onConflict((oc) =>
      oc.column('region_code').doUpdateSet({ organisation_id: row.organisation_id, note: row.note }),
    )
    .execute();
}

// ---------------------------------------------------------------- awards without an amount

/** Records an award approved without money; false when a live grant holds the same once-key. */
export async function insertGrantWithoutAmount(
  trx: Tx,
  row: {
    application_id: string;
    item_id: string;
    subject_id: string;
    product_key: string | null;
    once_key: string | null;
    granted_on: string;
  },
): Promise<boolean> {
  const r = await t(trx)
    .insertInto('fulfilment_grants_without_amount')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('application_id')
    .execute();
  return r.length === 1;
}

export async function releaseGrantWithoutAmount(trx: Tx, applicationId: string): Promise<void> {
  await t(trx)
    .updateTable('fulfilment_grants_without_amount')
    .set({ released: true })
    .where('application_id', '=', applicationId)
    .execute();
}

export async function liveGrantsWithoutAmountOf(db: Db | Tx, subjectId: string) {
  return t(db)
    .selectFrom('fulfilment_grants_without_amount')
    .select(['item_id', 'granted_on', 'product_key'])
    .where('subject_id', '=', subjectId)
    .where('released', '=', false)
    .execute();
}

/** Users who hold one of `roles` in one of the organisations. */
export async function membersWithAnyRole(
  db: Db | Tx,
  organisationIds: readonly string[],
  roles: readonly string[],
): Promise<string[]> {
  if (organisationIds.length === 0 || roles.length === 0) return [];
  const r = await sql<{ user_id: string }>`SELECT DISTINCT user_id FROM identity_memberships
                                            WHERE organisation_id = ANY(${[...organisationIds]}::uuid[]) AND roles && ${[...roles]}::text[]`.execute(
    db,
  );
  return r.rows.map((x) => x.user_id);
}

/** Members of government organisations holding one of `roles`, with their organisation's region. */
export async function governmentMembersWithAnyRole(
  db: Db | Tx,
  roles: readonly string[],
): Promise<{ user_id: string; region_code: string }[]> {
  if (roles.length === 0) return [];
  const r = await sql<{
    user_id: string;
    region_code: string;
  }>`SELECT DISTINCT m.user_id, o.region_code FROM identity_memberships m JOIN identity_organisations o ON o.id = m.organisation_id
      WHERE o.kind = 'government' AND m.roles && ${[...roles]}::text[]`.execute(db);
  return r.rows;
}

export async function upsertDepartment(
  trx: Tx,
  row: { lead_unit: string; region_code: string; organisation_id: string; note: string | null },
): Promise<void> {
  await t(trx)
    .insertInto('fulfilment_departments')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['lead_unit', 'region_code'])
        .doUpdateSet({ organisation_id: row.organisation_id, note: row.note }),
    )
    .execute();
  // The ways to apply that the finder and the library show read departments afresh.
  applicationChannelsChanged();
}

export async function storedWorkflow(db: Db | Tx, itemId: string): Promise<unknown> {
  const row = await t(db)
    .selectFrom('fulfilment_workflows')
    .select('definition')
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row?.definition ?? null;
}

export async function upsertWorkflow(trx: Tx, itemId: string, definition: unknown): Promise<void> {
  const json = JSON.stringify(definition);
  await t(trx)
    .insertInto('fulfilment_workflows')
    .values({ item_id: itemId, definition: json })
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ definition: json }))
    .execute();
}

// ---------------------------------------------------------------- applications

export async function nextReference(trx: Tx, year: string): Promise<string> {
  const r = await sql<{ n: number }>`SELECT nextval('fulfilment_reference_seq')::int AS n`.execute(trx);
  return `ZC${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

export type NewApplication = Omit<
  Selectable<ApplicationsTable>,
  'id' | 'review_round' | 'row_version' | 'answers' | 'verdict' | 'item_title'
> & {
  answers: Record<string, unknown>;
  verdict: unknown;
  item_title: { zh: string; en: string };
};

/** Inserts unless an open application for the same subject, item and product exists (then undefined). */
export async function insertApplication(trx: Tx, row: NewApplication): Promise<string | undefined> {
  const r = await sql<{ id: string }>`
    INSERT INTO fulfilment_applications (reference, origin, item_id, item_version, item_title, subject_id, subject_name,
      applicant_user_id, department_id, region_code, status, stage_entered_at, stage_due_on, answers, product_key, verdict,
      evaluated_on, amount_fen, approved_fen, approved_on, publicity_from, publicity_until, created_at, updated_at)
    VALUES (${row.reference}, ${row.origin}, ${row.item_id}, ${row.item_version}, ${JSON.stringify(row.item_title)}, ${row.subject_id},
      ${row.subject_name}, ${row.applicant_user_id}, ${row.department_id}, ${row.region_code}, ${row.status}, ${row.stage_entered_at},
      ${row.stage_due_on}, ${JSON.stringify(row.answers)}, ${row.product_key}, ${JSON.stringify(row.verdict)}, ${row.evaluated_on},
      ${row.amount_fen}, ${row.approved_fen}, ${row.approved_on}, ${row.publicity_from}, ${row.publicity_until}, ${row.created_at}, ${row.updated_at})
    ON CONFLICT (item_id, subject_id, coalesce(product_key, '')) WHERE status NOT IN ('withdrawn','rejected','closed') DO NOTHING
    RETURNING id`.execute(trx);
  return r.rows[0]?.id;
}

/**
 * 守信优先 (joint rewards, 守信激励): the applicant's profile holds the credit registry's verified
 * rating A (`credit_rating`, written by the credit module) and it is not on the serious-violation
 * list. Read from the profile's current facts, so the mark follows the rating as it moves.
 */
const creditPriority = sql<boolean>`(
  EXISTS (SELECT 1 FROM subject_facts f WHERE f.subject_id = a.subject_id AND f.variable = 'credit_rating' AND f.superseded_at IS NULL AND f.verified AND f.value = '"A"'::jsonb)
  AND NOT EXISTS (SELECT 1 FROM subject_facts f WHERE f.subject_id = a.subject_id AND f.variable = 'on_serious_violation_list' AND f.superseded_at IS NULL AND f.value = 'true'::jsonb))`;

const withDepartment = (db: Db | Tx) =>
  t(db)
    .selectFrom('fulfilment_applications as a')
    .innerJoin('identity_organisations as o', 'o.id', 'a.department_id')
    .selectAll('a')
    .select('o.name as department_name')
    .select(creditPriority.as('credit_priority'));

export async function findApplication(db: Db | Tx, id: string): Promise<ApplicationRow | undefined> {
  return withDepartment(db).where('a.id', '=', id).executeTakeFirst() as Promise<ApplicationRow | undefined>;
}

/** Locks the application row for the rest of the transaction (actions on one application queue up). */
export async function lockApplication(trx: Tx, id: string): Promise<ApplicationRow | undefined> {
  await t(trx)
    .selectFrom('fulfilment_applications')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return findApplication(trx, id);
}

export interface ApplicationPatch {
  status?: Status;
  stage_entered_at?: Date;
  stage_due_on?: string | null;
  review_round?: number;
  answers?: Record<string, unknown>;
  product_key?: string | null;
  verdict?: unknown;
  evaluated_on?: string;
  amount_fen?: number | null;
  approved_fen?: number | null;
  approved_on?: string | null;
  publicity_from?: string | null;
  publicity_until?: string | null;
}

export async function updateApplication(
  trx: Tx,
  id: string,
  patch: ApplicationPatch,
  now: Date,
): Promise<void> {
  const { answers, verdict, ...rest } = patch;
  await t(trx)
    .updateTable('fulfilment_applications')
    .set({
      ...rest,
      ...(answers !== undefined ? { answers: JSON.stringify(answers) } : {}),
      ...(verdict !== undefined ? { verdict: JSON.stringify(verdict) } : {}),
      updated_at: now,
      row_version: sql<number>`row_version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export async function listForSubjects(db: Db | Tx, subjectIds: readonly string[]): Promise<ApplicationRow[]> {
  if (subjectIds.length === 0) return [];
  return withDepartment(db)
    .where('a.subject_id', 'in', [...subjectIds])
    .orderBy('a.created_at', 'desc')
    .execute() as Promise<ApplicationRow[]>;
}

/**
 * Whose applications an official sees: those of their departments, those in the regions where
 * they pay (exact codes), and those inside the regions they supervise (codes starting with the
region's significant prefix: 4501 for 450100 and its districts).
 * An application in any of them is listed; an empty scope lists nothing.
 */
export interface ListScope {
  departmentIds: readonly string[];
  regionCodes: readonly string[];
  regionPrefixes: readonly string[];
}

export interface ListFilter {
  scope?: ListScope;
  departmentIds?: readonly string[];
  regionCodes?: readonly string[];
  statuses?: readonly Status[];
  overdueOn?: string;
  limit?: number;
}

export async function listApplications(db: Db | Tx, f: ListFilter): Promise<ApplicationRow[]> {
  let q = withDepartment(db);
  if (f.scope) {
    const { departmentIds, regionCodes, regionPrefixes } = f.scope;
    if (departmentIds.length + regionCodes.length + regionPrefixes.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(departmentIds.length ? [eb('a.department_id', 'in', [...departmentIds])] : []),
        ...(regionCodes.length ? [eb('a.region_code', 'in', [...regionCodes])] : []),
        ...regionPrefixes.map((prefix) => eb('a.region_code', 'like', `${prefix}%`)),
      ]),
    );
  }
  if (f.departmentIds) {
    if (f.departmentIds.length === 0) return [];
    q = q.where('a.department_id', 'in', [...f.departmentIds]);
  }
  if (f.regionCodes) {
    if (f.regionCodes.length === 0) return [];
    q = q.where('a.region_code', 'in', [...f.regionCodes]);
  }
  if (f.statuses) q = q.where('a.status', 'in', [...f.statuses]);
  if (f.overdueOn) q = q.where('a.stage_due_on', '<', f.overdueOn);
  return q
    .orderBy('a.stage_due_on', 'asc')
    .orderBy('a.created_at', 'asc')
    .limit(f.limit ?? 500)
    .execute() as Promise<ApplicationRow[]>;
}

// ---------------------------------------------------------------- materials

export async function putMaterials(
  trx: Tx,
  applicationId: string,
  materials: Record<string, string>,
  now: Date,
): Promise<void> {
  for (const [materialId, fileId] of Object.entries(materials)) {
    await t(trx)
      .insertInto('fulfilment_materials')
      .values({ application_id: applicationId, material_id: materialId, file_id: fileId, added_at: now })
      .onConflict((oc) =>
        oc.columns(['application_id', 'material_id']).doUpdateSet({ file_id: fileId, added_at: now }),
      )
      .execute();
  }
}

export async function materialsOf(db: Db | Tx, applicationId: string) {
  return t(db)
    .selectFrom('fulfilment_materials')
    .selectAll()
    .where('application_id', '=', applicationId)
    .execute();
}

/** Who took each stage action on the application, from its audit entries (the stage it left, the action). */
export async function stageActorsOf(
  db: Db | Tx,
  applicationId: string,
): Promise<{ userId: string; action: string; from: string | null }[]> {
  const rows = await t(db)
    .selectFrom('audit_log')
    .select(['actor_user_id', 'action', sql<string | null>`data->>'from'`.as('from_stage')])
    .where('entity_type', '=', 'application')
    .where('entity_id', '=', applicationId)
    .where('actor_user_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ userId: r.actor_user_id!, action: r.action, from: r.from_stage }));
}

// ---------------------------------------------------------------- objections

export async function insertObjection(
  trx: Tx,
  row: { application_id: string; filed_at: Date; filer_name: string; filer_contact: string; text: string },
): Promise<string> {
  const r = await t(trx)
    .insertInto('fulfilment_objections')
    .values({ ...row, status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function objectionsOf(db: Db | Tx, applicationId: string): Promise<ObjectionRow[]> {
  return t(db)
    .selectFrom('fulfilment_objections')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('filed_at')
    .execute();
}

export async function lockObjection(trx: Tx, id: string): Promise<ObjectionRow | undefined> {
  return t(trx)
    .selectFrom('fulfilment_objections')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function resolveObjection(
  trx: Tx,
  id: string,
  status: 'upheld' | 'dismissed',
  resolution: string,
  by: string,
  at: Date,
): Promise<void> {
  await t(trx)
    .updateTable('fulfilment_objections')
    .set({ status, resolution, resolved_by: by, resolved_at: at })
    .where('id', '=', id)
    .execute();
}

export async function openObjectionCounts(
  db: Db | Tx,
  applicationIds: readonly string[],
): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await t(db)
    .selectFrom('fulfilment_objections')
    .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('application_id', 'in', [...applicationIds])
    .where('status', '=', 'open')
    .groupBy('application_id')
    .execute();
  return new Map(rows.map((r) => [r.application_id, Number(r.n)]));
}

// ---------------------------------------------------------------- reading core tables

/** The audit entries of one application, oldest first: the applicant's timeline is built from them. */
export async function auditEntriesOf(db: Db | Tx, applicationId: string) {
  return t(db)
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'data'])
    .where('entity_type', '=', 'application')
    .where('entity_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function userNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await t(db)
    .selectFrom('identity_users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function organisationByName(db: Db | Tx, name: string, regionCode: string) {
  return t(db)
    .selectFrom('identity_organisations')
    .select(['id', 'name'])
    .where('name', '=', name)
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- the workbench's work done

/**
 * The applications a user acted on (their audit entries on applications: accepting, reviewing,
 * scoring, approving, concluding publicity, paying…), each with their latest action, newest first.
 */
export async function actedOnBy(
  db: Db | Tx,
  userId: string,
  limit: number,
): Promise<{ applicationId: string; action: string; at: Date }[]> {
  const r = await sql<{ entity_id: string; action: string; at: Date }>`
    SELECT entity_id, action, at FROM (
      SELECT DISTINCT ON (entity_id) entity_id, action, at, id
        FROM audit_log
       WHERE entity_type = 'application' AND actor_user_id = ${userId} AND entity_id IS NOT NULL
       ORDER BY entity_id, id DESC
    ) latest
    ORDER BY id DESC
    LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ applicationId: x.entity_id, action: x.action, at: new Date(x.at) }));
}

export async function applicationsByIds(db: Db | Tx, ids: readonly string[]): Promise<ApplicationRow[]> {
  if (ids.length === 0) return [];
  return withDepartment(db).where('a.id', 'in', [...ids]).execute() as Promise<ApplicationRow[]>;
}

// ---------------------------------------------------------------- payee accounts

export async function upsertPayee(trx: Tx, row: Selectable<PayeeAccountsTable>): Promise<void> {
  await t(trx)
    .insertInto('fulfilment_payee_accounts')
    .values(row)
    .onConflict((oc) =>
      oc.column('application_id').doUpdateSet({
        bank: row.bank,
        holder: row.holder,
        number_enc: row.number_enc,
        number_masked: row.number_masked,
        given_at: row.given_at,
      }),
    )
    .execute();
}

export async function payeeRow(db: Db | Tx, applicationId: string) {
  return t(db)
    .selectFrom('fulfilment_payee_accounts')
    .select(['bank', 'holder', 'number_masked'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** The latest application per subject, item and product key among `keys` (outcome awards' progress). */
export async function outcomeApplications(db: Db | Tx, keys: readonly { subjectId: string; itemId: string; productKey: string }[]) {
  if (keys.length === 0) return [];
  const rows = await sql<{ subject_id: string; item_id: string; product_key: string; status: string }>`
    SELECT DISTINCT ON (subject_id, item_id, product_key) subject_id, item_id, product_key, status
      FROM fulfilment_applications
     WHERE subject_id = ANY(${[...new Set(keys.map((k) => k.subjectId))]}::uuid[]) AND product_key = ANY(${[...new Set(keys.map((k) => k.productKey))]}::text[])
     ORDER BY subject_id, item_id, product_key, created_at DESC`.execute(db);
  return rows.rows;
}
