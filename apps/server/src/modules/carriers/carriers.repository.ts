import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { CarrierRecognitionsTable, CarriersTable, CarrierTables, CarrierTenanciesTable } from './carriers.tables.js';

const t = (db: Db | Tx) => tablesOf<CarrierTables>(db);

export type CarrierRow = Omit<Selectable<CarriersTable>, 'search'> & { operator_name: string; tenants: number; graduates: number };
export type RecognitionRow = Selectable<CarrierRecognitionsTable>;
export type TenancyRow = Selectable<CarrierTenanciesTable> & { tenant_name: string };

export async function insertCarrier(trx: Tx, row: Omit<Insertable<CarriersTable>, 'search'>, lexemes: readonly string[]): Promise<string> {
  const r = await t(trx)
    .insertInto('carriers')
    .values({ ...row, search: sql<string>`array_to_tsvector(${[...lexemes]}::text[])` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const carrierNamed = (db: Db | Tx, regionCode: string, name: string) =>
  t(db).selectFrom('carriers').select('id').where('region_code', '=', regionCode).where('name', '=', name).executeTakeFirst();

/** Carriers with their operator's name and today's tenant and graduate counts, filtered. */
export async function searchCarriers(
  db: Db | Tx,
  f: { ids?: readonly string[]; tsquery?: string | null; regionPrefix?: string | null; kind?: string | null; today: string },
): Promise<CarrierRow[]> {
  const rows = await sql<CarrierRow>`
    SELECT c.id, c.organisation_id, c.name, c.kind, c.address, c.region_code, c.area_total_m2, c.area_tenant_m2, c.area_public_m2,
           c.services, c.created_by, c.created_at, o.name AS operator_name,
           (SELECT count(*) FROM carrier_tenancies x WHERE x.carrier_id = c.id AND x.entered_on <= ${f.today}::date AND (x.left_on IS NULL OR x.left_on > ${f.today}::date))::int AS tenants,
           (SELECT count(*) FROM carrier_tenancies x WHERE x.carrier_id = c.id AND x.exit = 'graduated')::int AS graduates
      FROM carriers c JOIN identity_organisations o ON o.id = c.organisation_id
     WHERE (${f.ids ? sql`c.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
       AND (${f.tsquery ?? null}::text IS NULL OR c.search @@ ${f.tsquery ?? ''}::tsquery)
       AND (${f.regionPrefix ?? null}::text IS NULL OR c.region_code LIKE ${(f.regionPrefix ?? '') + '%'})
       AND (${f.kind ?? null}::text IS NULL OR c.kind = ${f.kind ?? ''})
     ORDER BY c.region_code, c.name`.execute(db);
  return rows.rows;
}

export const recognitionsOf = (db: Db | Tx, carrierIds: readonly string[]): Promise<RecognitionRow[]> =>
  carrierIds.length === 0
    ? Promise.resolve([])
    : t(db).selectFrom('carrier_recognitions').selectAll().where('carrier_id', 'in', [...carrierIds]).orderBy('recognised_on', 'desc').execute();

export async function insertRecognition(trx: Tx, row: Insertable<CarrierRecognitionsTable>): Promise<string> {
  return (await t(trx).insertInto('carrier_recognitions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Locks the carrier row: tenancy changes of one carrier run one after another. */
export const lockCarrier = (trx: Tx, id: string) =>
  t(trx).selectFrom('carriers').select(['id', 'organisation_id', 'region_code', 'name', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst();

export const carrierById = (db: Db | Tx, id: string) =>
  t(db).selectFrom('carriers').select(['id', 'organisation_id', 'region_code', 'name', 'kind']).where('id', '=', id).executeTakeFirst();

export async function tenanciesOf(db: Db | Tx, carrierId: string): Promise<TenancyRow[]> {
  const rows = await sql<TenancyRow>`
    SELECT x.*, s.name AS tenant_name FROM carrier_tenancies x JOIN subjects s ON s.id = x.subject_id
     WHERE x.carrier_id = ${carrierId} ORDER BY x.left_on IS NULL DESC, x.entered_on DESC`.execute(db);
  return rows.rows;
}

export const tenancyById = (trx: Tx, carrierId: string, id: string) =>
  t(trx).selectFrom('carrier_tenancies').selectAll().where('carrier_id', '=', carrierId).where('id', '=', id).forUpdate().executeTakeFirst();

/** A stay of the subject in the carrier that overlaps [from, to) (to null: open-ended). */
export const overlapping = (trx: Tx, carrierId: string, subjectId: string, from: string, to: string | null) =>
  sql<{ id: string; entered_on: string; left_on: string | null }>`
    SELECT id, entered_on, left_on FROM carrier_tenancies
     WHERE carrier_id = ${carrierId} AND subject_id = ${subjectId}
       AND daterange(entered_on, left_on, '[)') && daterange(${from}::date, ${to}::date, '[)') LIMIT 1`
    .execute(trx)
    .then((r) => r.rows[0]);

export async function insertTenancy(trx: Tx, row: Insertable<CarrierTenanciesTable>): Promise<string> {
  return (await t(trx).insertInto('carrier_tenancies').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function closeTenancy(trx: Tx, id: string, leftOn: string, exit: 'left' | 'graduated', reason: CarrierTenanciesTable['graduation_reason']): Promise<void> {
  await t(trx).updateTable('carrier_tenancies').set({ left_on: leftOn, exit, graduation_reason: reason }).where('id', '=', id).execute();
}

/** The subject's stays on `day` with whether the carrier holds a recognition valid that day. */
export const staysOn = (db: Db | Tx, subjectId: string, day: string) =>
  sql<{ carrier_id: string; entered_on: string; recognised: boolean }>`
    SELECT x.carrier_id, x.entered_on,
           EXISTS (SELECT 1 FROM carrier_recognitions r WHERE r.carrier_id = x.carrier_id AND r.recognised_on <= ${day}::date
                     AND (r.valid_until IS NULL OR r.valid_until >= ${day}::date)) AS recognised
      FROM carrier_tenancies x
     WHERE x.subject_id = ${subjectId} AND x.entered_on <= ${day}::date AND (x.left_on IS NULL OR x.left_on > ${day}::date)
     ORDER BY x.entered_on`
    .execute(db)
    .then((r) => r.rows);

/** The subject's latest graduation from any carrier, or null. */
export const lastGraduation = (db: Db | Tx, subjectId: string) =>
  sql<{ day: string | null }>`SELECT max(left_on)::text AS day FROM carrier_tenancies WHERE subject_id = ${subjectId} AND exit = 'graduated'`
    .execute(db)
    .then((r) => r.rows[0]?.day ?? null);

/** The subjects staying in a carrier on `day`. */
export const currentTenants = (db: Db | Tx, carrierId: string, day: string) =>
  sql<{ subject_id: string }>`
    SELECT DISTINCT subject_id FROM carrier_tenancies
     WHERE carrier_id = ${carrierId} AND entered_on <= ${day}::date AND (left_on IS NULL OR left_on > ${day}::date)`
    .execute(db)
    .then((r) => r.rows.map((x) => x.subject_id));

/** The enterprise profile with this credit code (a core table: read, never written here). */
export const enterpriseByCreditCode = (db: Db | Tx, creditCode: string) =>
  sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE kind = 'enterprise' AND credit_code = ${creditCode}`.execute(db).then((r) => r.rows[0]);

/** A region's level (1 province, 2 city, 3 district) and whether it is current (a core table). */
export const regionLevel = (db: Db | Tx, code: string) =>
  sql<{ level: number }>`SELECT level FROM core_regions WHERE code = ${code} AND valid_to IS NULL`.execute(db).then((r) => r.rows[0]?.level);
