import { sql, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { BudgetChangesTable, BudgetTables, BudgetsTable, GrantsTable, LedgerEntriesTable, PaymentsTable } from './budgets.tables.js';

const t = (db: Db | Tx) => tablesOf<BudgetTables>(db);

export type BudgetRow = Selectable<BudgetsTable>;
export type GrantRow = Selectable<GrantsTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type BudgetChangeRow = Selectable<BudgetChangesTable>;

export async function findBudget(db: Db | Tx, itemId: string, year: number): Promise<BudgetRow | undefined> {
  return t(db).selectFrom('budget_budgets').selectAll().where('item_id', '=', itemId).where('year', '=', year).executeTakeFirst();
}

export async function findBudgetById(db: Db | Tx, id: string): Promise<BudgetRow | undefined> {
  return t(db).selectFrom('budget_budgets').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks a budget row for the rest of the transaction. Every money transaction takes it before
 * it appends to the audit chain (whose advisory lock is always the last lock taken), so
 * approvals, payments, releases and budget changes on one budget queue in one order and never
 * deadlock. FOR NO KEY UPDATE: the same strength the ledger trigger's update takes, so inserts
 * that only reference the budget (a payment, a grant) are not blocked by it.
 */
export async function lockBudget(trx: Tx, id: string): Promise<BudgetRow | undefined> {
  return t(trx).selectFrom('budget_budgets').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

/**
 * Budgets, optionally of one year, limited to those a reader may see: the finance departments
 * they belong to, and those whose department lies in a region they supervise (by GB/T 2260
 * prefix, read from the core organisations table). No scope given means every budget.
 */
export async function listBudgets(
  db: Db | Tx,
  filter: { id?: string; year?: number | undefined; scope?: { financeDepartmentIds: readonly string[]; regionPrefixes: readonly string[] } | undefined },
): Promise<BudgetRow[]> {
  let q = t(db).selectFrom('budget_budgets').selectAll();
  if (filter.id) q = q.where('id', '=', filter.id);
  if (filter.year) q = q.where('year', '=', filter.year);
  const scope = filter.scope;
  if (scope) {
    if (scope.financeDepartmentIds.length === 0 && scope.regionPrefixes.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(scope.financeDepartmentIds.length ? [eb('finance_department_id', 'in', [...scope.financeDepartmentIds])] : []),
        ...scope.regionPrefixes.map((prefix) =>
          sql<boolean>`EXISTS (SELECT 1 FROM identity_organisations o WHERE o.id = budget_budgets.finance_department_id AND o.region_code LIKE ${`${prefix}%`})`,
        ),
      ]),
    );
  }
  return q.orderBy('year', 'desc').orderBy('item_id').execute();
}

/**
 * Creates an item's budget for a year unless one exists (then nothing is written: an existing
 * budget's amount, threshold or owner change only through an approved change). Returns the id of
 * the new budget, or null when the year's budget was already there.
 */
export async function insertBudgetIfAbsent(trx: Tx, row: { item_id: string; year: number; finance_department_id: string; amount_fen: number; second_approval_threshold_fen: number }): Promise<string | null> {
  const r = await t(trx).insertInto('budget_budgets').values(row).onConflict((oc) => oc.columns(['item_id', 'year']).doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}

/** Records the ledger accounts of a budget created in this transaction (the database refuses changing them later). */
export async function setBudgetAccounts(trx: Tx, id: string, accounts: { account_id: string; appropriation_account_id: string; disbursed_account_id: string }): Promise<void> {
  await t(trx).updateTable('budget_budgets').set(accounts).where('id', '=', id).execute();
}

/** Applies an approved change (the database's trigger checks that it was approved in this transaction). */
export async function applyBudgetChange(trx: Tx, budgetId: string, change: { amount_fen: number; second_approval_threshold_fen: number; finance_department_id: string }): Promise<BudgetRow> {
  return t(trx).updateTable('budget_budgets').set(change).where('id', '=', budgetId).returningAll().executeTakeFirstOrThrow();
}

/** A government organisation and its region (identity_organisations is a core table: read only). */
export async function governmentDepartment(db: Db | Tx, id: string): Promise<{ id: string; name: string; region_code: string } | undefined> {
  const r = await sql<{ id: string; name: string; region_code: string }>`
    SELECT id, name, region_code FROM identity_organisations WHERE id = ${id} AND kind = 'government'`.execute(db);
  return r.rows[0];
}

export async function insertBudgetChange(trx: Tx, row: Omit<BudgetChangeRow, 'id' | 'decided_by' | 'decided_at' | 'decided_txid' | 'status'>): Promise<BudgetChangeRow> {
  return t(trx).insertInto('budget_changes').values({ ...row, status: 'pending' }).returningAll().executeTakeFirstOrThrow();
}

export async function pendingChangeOf(db: Db | Tx, budgetId: string): Promise<BudgetChangeRow | undefined> {
  return t(db).selectFrom('budget_changes').selectAll().where('budget_id', '=', budgetId).where('status', '=', 'pending').executeTakeFirst();
}

export async function findBudgetChange(db: Db | Tx, id: string): Promise<BudgetChangeRow | undefined> {
  return t(db).selectFrom('budget_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockBudgetChange(trx: Tx, id: string): Promise<BudgetChangeRow | undefined> {
  return t(trx).selectFrom('budget_changes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideBudgetChange(trx: Tx, id: string, status: 'approved' | 'rejected' | 'withdrawn', decidedBy: string, at: Date): Promise<BudgetChangeRow> {
  return t(trx)
    .updateTable('budget_changes')
    .set({ status, decided_by: decidedBy, decided_at: at, decided_txid: status === 'approved' ? sql<number>`txid_current()` : null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes whose budget belongs to, or would move to, one of the departments; newest first. */
export async function listBudgetChanges(db: Db | Tx, filter: { departmentIds: readonly string[]; status?: BudgetChangeRow['status'] | undefined; budgetId?: string | undefined }): Promise<(BudgetChangeRow & { item_id: string; year: number })[]> {
  if (filter.departmentIds.length === 0) return [];
  const ids = [...filter.departmentIds];
  let q = t(db)
    .selectFrom('budget_changes as c')
    .innerJoin('budget_budgets as b', 'b.id', 'c.budget_id')
    .selectAll('c')
    .select(['b.item_id', 'b.year'])
    .where((eb) => eb.or([eb('b.finance_department_id', 'in', ids), eb('c.finance_department_id', 'in', ids)]));
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.budgetId) q = q.where('c.budget_id', '=', filter.budgetId);
  return q.orderBy('c.proposed_at', 'desc').orderBy('c.id').limit(200).execute();
}

export async function insertGrant(trx: Tx, row: Omit<GrantRow, 'created_at'>): Promise<void> {
  await t(trx).insertInto('budget_grants').values(row).execute();
}

export async function findGrant(db: Db | Tx, awardId: string): Promise<GrantRow | undefined> {
  return t(db).selectFrom('budget_grants').selectAll().where('award_id', '=', awardId).executeTakeFirst();
}

export async function setGrantState(trx: Tx, awardId: string, state: GrantRow['state']): Promise<void> {
  await t(trx).updateTable('budget_grants').set({ state }).where('award_id', '=', awardId).execute();
}

export async function liveGrantsOf(db: Db | Tx, subjectId: string): Promise<GrantRow[]> {
  return t(db).selectFrom('budget_grants').selectAll().where('subject_id', '=', subjectId).where('state', '<>', 'released').execute();
}

/** Adds to a subject's yearly total for an item; the row's CHECK refuses passing the cap. */
export async function addToSubjectYear(trx: Tx, row: { item_id: string; subject_id: string; year: number; cap_fen: number; amount_fen: number }): Promise<void> {
  await sql`
    INSERT INTO budget_subject_year_totals (item_id, subject_id, year, cap_fen, granted_fen)
    VALUES (${row.item_id}, ${row.subject_id}, ${row.year}, ${row.cap_fen}, ${row.amount_fen})
    ON CONFLICT (item_id, subject_id, year)
    DO UPDATE SET granted_fen = budget_subject_year_totals.granted_fen + EXCLUDED.granted_fen, cap_fen = EXCLUDED.cap_fen`.execute(trx);
}

export async function subtractFromSubjectYear(trx: Tx, row: { item_id: string; subject_id: string; year: number; amount_fen: number }): Promise<void> {
  await sql`
    UPDATE budget_subject_year_totals SET granted_fen = granted_fen - ${row.amount_fen}
    WHERE item_id = ${row.item_id} AND subject_id = ${row.subject_id} AND year = ${row.year}`.execute(trx);
}

export async function insertLedgerEntry(trx: Tx, row: Omit<Selectable<LedgerEntriesTable>, 'id'>): Promise<void> {
  await t(trx).insertInto('budget_ledger_entries').values(row).execute();
}

export async function ledgerOf(db: Db | Tx, budgetId: string) {
  return t(db).selectFrom('budget_ledger_entries').selectAll().where('budget_id', '=', budgetId).orderBy('id').execute();
}

export async function insertPayment(trx: Tx, row: Omit<PaymentRow, 'id'>): Promise<PaymentRow> {
  return t(trx).insertInto('budget_payments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPaymentByKey(db: Db | Tx, key: string): Promise<PaymentRow | undefined> {
  return t(db).selectFrom('budget_payments').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findPaymentOfAward(db: Db | Tx, awardId: string): Promise<PaymentRow | undefined> {
  return t(db).selectFrom('budget_payments').selectAll().where('award_id', '=', awardId).executeTakeFirst();
}

export async function lockPayment(trx: Tx, id: string): Promise<PaymentRow | undefined> {
  return t(trx).selectFrom('budget_payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markPaymentPaid(trx: Tx, id: string, approvedBy: string | null, at: Date): Promise<PaymentRow> {
  return t(trx).updateTable('budget_payments').set({ status: 'paid', approved_by: approvedBy, paid_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function paymentsOfAwards(db: Db | Tx, awardIds: readonly string[]): Promise<PaymentRow[]> {
  if (awardIds.length === 0) return [];
  return t(db).selectFrom('budget_payments').selectAll().where('award_id', 'in', [...awardIds]).execute();
}

export async function findPaymentById(db: Db | Tx, id: string): Promise<PaymentRow | undefined> {
  return t(db).selectFrom('budget_payments').selectAll().where('id', '=', id).executeTakeFirst();
}
