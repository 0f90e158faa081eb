import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { VoucherBatchesTable, VoucherPayablesTable, VoucherSchemesTable, VoucherTables, VoucherUsesTable, VouchersTable } from './vouchers.tables.js';

const t = (db: Db | Tx) => tablesOf<VoucherTables>(db);

export type SchemeRow = Selectable<VoucherSchemesTable>;
export type VoucherRow = Selectable<VouchersTable>;
export type PayableRow = Selectable<VoucherPayablesTable>;
export type UseRow = Selectable<VoucherUsesTable>;
export type BatchRow = Selectable<VoucherBatchesTable>;

// ---------------------------------------------------------------- schemes

export async function insertScheme(trx: Tx, row: Insertable<VoucherSchemesTable>): Promise<SchemeRow | undefined> {
  return t(trx)
    .insertInto('voucher_schemes')
    .values(row)
    .onConflict((oc) => oc.columns(['item_id', 'year']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findScheme(db: Db | Tx, id: string): Promise<SchemeRow | undefined> {
  return t(db).selectFrom('voucher_schemes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSchemeOfItem(db: Db | Tx, itemId: string, year: number): Promise<SchemeRow | undefined> {
  return t(db).selectFrom('voucher_schemes').selectAll().where('item_id', '=', itemId).where('year', '=', year).executeTakeFirst();
}

/** Locks a scheme row: issuing, new payees and settlement of one scheme queue here (before the ledger's accounts and the audit chain). */
export async function lockScheme(trx: Tx, id: string): Promise<SchemeRow | undefined> {
  return t(trx).selectFrom('voucher_schemes').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export async function listSchemes(db: Db | Tx): Promise<SchemeRow[]> {
  return t(db).selectFrom('voucher_schemes').selectAll().orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export async function setSchemeStatus(trx: Tx, id: string, status: 'active' | 'suspended'): Promise<SchemeRow> {
  return t(trx).updateTable('voucher_schemes').set({ status }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface SchemeFigures {
  vouchers: number;
  issued_fen: number;
  redeemed_fen: number;
  settled_fen: number;
}

export async function schemeFigures(db: Db | Tx, schemeIds: readonly string[]): Promise<Map<string, SchemeFigures>> {
  if (schemeIds.length === 0) return new Map();
  const r = await sql<{ scheme_id: string; vouchers: string; issued_fen: string | null; redeemed_fen: string | null; settled_fen: string | null }>`
    SELECT v.scheme_id, count(*) AS vouchers, sum(v.face_value_fen) AS issued_fen,
           (SELECT sum(u.voucher_pays_fen) FROM voucher_uses u JOIN vouchers w ON w.id = u.voucher_id WHERE w.scheme_id = v.scheme_id AND u.status IN ('redeemed','settled')) AS redeemed_fen,
           (SELECT sum(u.voucher_pays_fen) FROM voucher_uses u JOIN vouchers w ON w.id = u.voucher_id WHERE w.scheme_id = v.scheme_id AND u.status = 'settled') AS settled_fen
      FROM vouchers v WHERE v.scheme_id = ANY(${[...schemeIds]}::uuid[]) GROUP BY v.scheme_id`.execute(db);
  return new Map(
    r.rows.map((x) => [x.scheme_id, { vouchers: Number(x.vouchers), issued_fen: Number(x.issued_fen ?? 0), redeemed_fen: Number(x.redeemed_fen ?? 0), settled_fen: Number(x.settled_fen ?? 0) }]),
  );
}

/** A government department's name and region (the core organisations table). */
export async function organisation(db: Db | Tx, id: string): Promise<{ id: string; name: string; kind: string; region_code: string } | undefined> {
  const r = await sql<{ id: string; name: string; kind: string; region_code: string }>`SELECT id, name, kind, region_code FROM identity_organisations WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export { organisationNames, userNames } from '../identity/index.js';

export async function subject(db: Db | Tx, id: string): Promise<{ id: string; name: string; kind: string; region_code: string | null } | undefined> {
  const r = await sql<{ id: string; name: string; kind: string; region_code: string | null }>`SELECT id, name, kind, region_code FROM subjects WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export async function subjectNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

// ---------------------------------------------------------------- vouchers

export async function insertVoucher(trx: Tx, row: Insertable<VouchersTable>): Promise<VoucherRow | undefined> {
  return t(trx)
    .insertInto('vouchers')
    .values(row)
    .onConflict((oc) => oc.columns(['scheme_id', 'subject_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findVoucher(db: Db | Tx, id: string): Promise<VoucherRow | undefined> {
  return t(db).selectFrom('vouchers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVoucherOf(db: Db | Tx, schemeId: string, subjectId: string): Promise<VoucherRow | undefined> {
  return t(db).selectFrom('vouchers').selectAll().where('scheme_id', '=', schemeId).where('subject_id', '=', subjectId).executeTakeFirst();
}

/** Subjects of a scheme that already hold its voucher, among `subjectIds`. */
export async function holdersAmong(db: Db | Tx, schemeId: string, subjectIds: readonly string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await t(db).selectFrom('vouchers').select('subject_id').where('scheme_id', '=', schemeId).where('subject_id', 'in', [...subjectIds]).execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** Locks a voucher row: every use of one voucher queues here, before the ledger's accounts. */
export async function lockVoucher(trx: Tx, id: string): Promise<VoucherRow | undefined> {
  return t(trx).selectFrom('vouchers').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export async function vouchersOfScheme(db: Db | Tx, schemeId: string): Promise<VoucherRow[]> {
  return t(db).selectFrom('vouchers').selectAll().where('scheme_id', '=', schemeId).orderBy('created_at', 'desc').limit(5000).execute();
}

export async function vouchersOfSubjects(db: Db | Tx, subjectIds: readonly string[]): Promise<VoucherRow[]> {
  if (subjectIds.length === 0) return [];
  return t(db).selectFrom('vouchers').selectAll().where('subject_id', 'in', [...subjectIds]).orderBy('expires_on', 'asc').execute();
}

/** Active vouchers whose last valid day is before `day`. */
export async function dueVouchers(db: Db | Tx, day: string, limit: number): Promise<VoucherRow[]> {
  return t(db).selectFrom('vouchers').selectAll().where('status', '=', 'active').where('expires_on', '<', day).orderBy('id').limit(limit).execute();
}

export async function expireVoucher(trx: Tx, id: string, at: Date): Promise<void> {
  await t(trx).updateTable('vouchers').set({ status: 'expired', expired_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- payables

export async function findPayable(db: Db | Tx, schemeId: string, payee: { kind: 'provider'; organisationId: string } | { kind: 'enterprise'; subjectId: string }): Promise<PayableRow | undefined> {
  let q = t(db).selectFrom('voucher_payables').selectAll().where('scheme_id', '=', schemeId).where('payee_kind', '=', payee.kind);
  q = payee.kind === 'provider' ? q.where('organisation_id', '=', payee.organisationId) : q.where('subject_id', '=', payee.subjectId);
  return q.executeTakeFirst();
}

export async function insertPayable(trx: Tx, row: Insertable<VoucherPayablesTable>): Promise<PayableRow> {
  return t(trx).insertInto('voucher_payables').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function payablesById(db: Db | Tx, ids: readonly string[]): Promise<Map<string, PayableRow>> {
  if (ids.length === 0) return new Map();
  const rows = await t(db).selectFrom('voucher_payables').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function payablesOf(db: Db | Tx, who: { organisationIds: readonly string[]; subjectIds: readonly string[] }): Promise<PayableRow[]> {
  if (who.organisationIds.length === 0 && who.subjectIds.length === 0) return [];
  return t(db)
    .selectFrom('voucher_payables')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(who.organisationIds.length ? [eb.and([eb('payee_kind', '=', 'provider'), eb('organisation_id', 'in', [...who.organisationIds])])] : []),
        ...(who.subjectIds.length ? [eb.and([eb('payee_kind', '=', 'enterprise'), eb('subject_id', 'in', [...who.subjectIds])])] : []),
      ]),
    )
    .execute();
}

// ---------------------------------------------------------------- uses

export async function findUse(db: Db | Tx, orderId: string): Promise<UseRow | undefined> {
  return t(db).selectFrom('voucher_uses').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

export async function lockUse(trx: Tx, orderId: string): Promise<UseRow | undefined> {
  return t(trx).selectFrom('voucher_uses').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}

export async function insertUse(trx: Tx, row: Insertable<VoucherUsesTable>): Promise<UseRow> {
  return t(trx).insertInto('voucher_uses').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function setUseStatus(trx: Tx, orderId: string, patch: Partial<Pick<UseRow, 'status' | 'redeemed_at' | 'released_at' | 'settled_at'>>): Promise<UseRow> {
  return t(trx).updateTable('voucher_uses').set(patch).where('order_id', '=', orderId).returningAll().executeTakeFirstOrThrow();
}

export async function usesOfOrders(db: Db | Tx, orderIds: readonly string[]): Promise<UseRow[]> {
  if (orderIds.length === 0) return [];
  return t(db).selectFrom('voucher_uses').selectAll().where('order_id', 'in', [...orderIds]).execute();
}

export async function usesOfVouchers(db: Db | Tx, voucherIds: readonly string[]): Promise<UseRow[]> {
  if (voucherIds.length === 0) return [];
  return t(db).selectFrom('voucher_uses').selectAll().where('voucher_id', 'in', [...voucherIds]).orderBy('held_at', 'desc').execute();
}

export async function heldUsesOfVoucher(trx: Tx, voucherId: string): Promise<UseRow[]> {
  return t(trx).selectFrom('voucher_uses').selectAll().where('voucher_id', '=', voucherId).where('status', '=', 'held').orderBy('order_id').forUpdate().execute();
}

export async function usesOfPayables(db: Db | Tx, payableIds: readonly string[]): Promise<(UseRow & { in_batch: boolean })[]> {
  if (payableIds.length === 0) return [];
  const r = await sql<UseRow & { in_batch: boolean }>`
    SELECT u.*, EXISTS (SELECT 1 FROM voucher_batch_lines l WHERE l.order_id = u.order_id AND l.live) AS in_batch
      FROM voucher_uses u WHERE u.payable_id = ANY(${[...payableIds]}::uuid[])`.execute(db);
  return r.rows;
}

/** A scheme's redemptions (redeemed, not settled) not yet in a live batch. */
export async function unsettledOfScheme(db: Db | Tx, schemeId: string): Promise<UseRow[]> {
  const r = await sql<UseRow>`
    SELECT u.* FROM voucher_uses u JOIN vouchers v ON v.id = u.voucher_id
     WHERE v.scheme_id = ${schemeId} AND u.status = 'redeemed'
       AND NOT EXISTS (SELECT 1 FROM voucher_batch_lines l WHERE l.order_id = u.order_id AND l.live)
     ORDER BY u.redeemed_at, u.order_id`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- batches

export async function insertBatch(trx: Tx, row: Insertable<VoucherBatchesTable>): Promise<BatchRow> {
  return t(trx).insertInto('voucher_batches').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertLines(trx: Tx, batchId: string, lines: readonly { orderId: string; amountFen: number }[]): Promise<void> {
  await t(trx)
    .insertInto('voucher_batch_lines')
    .values(lines.map((l) => ({ batch_id: batchId, order_id: l.orderId, amount_fen: l.amountFen })))
    .execute();
}

export async function findBatch(db: Db | Tx, id: string): Promise<BatchRow | undefined> {
  return t(db).selectFrom('voucher_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockBatch(trx: Tx, id: string): Promise<BatchRow | undefined> {
  return t(trx).selectFrom('voucher_batches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideBatch(trx: Tx, id: string, status: 'paid' | 'rejected', by: string, at: Date): Promise<BatchRow> {
  return t(trx).updateTable('voucher_batches').set({ status, decided_by: by, decided_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function linesOf(db: Db | Tx, batchIds: readonly string[]) {
  if (batchIds.length === 0) return [];
  return t(db).selectFrom('voucher_batch_lines').selectAll().where('batch_id', 'in', [...batchIds]).orderBy('order_id').execute();
}

export async function giveUpLines(trx: Tx, batchId: string): Promise<void> {
  await t(trx).updateTable('voucher_batch_lines').set({ live: false }).where('batch_id', '=', batchId).execute();
}

export async function markLinePaid(trx: Tx, batchId: string, orderId: string, transactionId: string): Promise<void> {
  await t(trx).updateTable('voucher_batch_lines').set({ paid_transaction_id: transactionId }).where('batch_id', '=', batchId).where('order_id', '=', orderId).execute();
}

export async function batchesOfSchemes(db: Db | Tx, schemeIds: readonly string[]): Promise<BatchRow[]> {
  if (schemeIds.length === 0) return [];
  return t(db).selectFrom('voucher_batches').selectAll().where('scheme_id', 'in', [...schemeIds]).orderBy('proposed_at', 'desc').limit(200).execute();
}
