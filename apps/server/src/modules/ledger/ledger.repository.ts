import type { Insertable, Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { LedgerAccountsTable, LedgerHoldsTable, LedgerPostingsTable, LedgerTables, LedgerTransactionsTable } from './ledger.tables.js';

const t = (db: Db | Tx) => tablesOf<LedgerTables>(db);

export type AccountRow = Selectable<LedgerAccountsTable>;
export type TransactionRow = Selectable<LedgerTransactionsTable>;
export type PostingRow = Selectable<LedgerPostingsTable>;
export type HoldRow = Selectable<LedgerHoldsTable>;

export async function insertAccount(trx: Tx, row: Insertable<LedgerAccountsTable>): Promise<AccountRow> {
  return t(trx).insertInto('ledger_accounts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAccount(db: Db | Tx, id: string): Promise<AccountRow | undefined> {
  return t(db).selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccounts(db: Db | Tx, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return t(db).selectFrom('ledger_accounts').selectAll().where('id', 'in', [...ids]).execute();
}

/**
 * Locks accounts in id order, so two transactions touching the same accounts always wait in the
 * same order. FOR NO KEY UPDATE: the strength the triggers' balance updates take.
 */
export async function lockAccounts(trx: Tx, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return t(trx).selectFrom('ledger_accounts').selectAll().where('id', 'in', [...ids]).orderBy('id').forNoKeyUpdate().execute();
}

export async function setFloor(trx: Tx, id: string, floor: number | null): Promise<AccountRow> {
  return t(trx).updateTable('ledger_accounts').set({ floor_amount: floor }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Inserts a transaction unless its key is taken in its scope (then waits for the holder to finish and returns undefined). */
export async function insertTransactionIfNew(trx: Tx, row: Insertable<LedgerTransactionsTable>): Promise<TransactionRow | undefined> {
  return t(trx)
    .insertInto('ledger_transactions')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findTransactionByKey(db: Db | Tx, scope: string, key: string): Promise<TransactionRow | undefined> {
  return t(db).selectFrom('ledger_transactions').selectAll().where('scope', '=', scope).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findTransaction(db: Db | Tx, id: string): Promise<TransactionRow | undefined> {
  return t(db).selectFrom('ledger_transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** All of a transaction's postings in one statement (the balance is checked at COMMIT). */
export async function insertPostings(trx: Tx, rows: readonly Insertable<LedgerPostingsTable>[]): Promise<void> {
  await t(trx).insertInto('ledger_postings').values([...rows]).execute();
}

export async function postingsOf(db: Db | Tx, transactionIds: readonly string[]): Promise<PostingRow[]> {
  if (transactionIds.length === 0) return [];
  return t(db).selectFrom('ledger_postings').selectAll().where('transaction_id', 'in', [...transactionIds]).orderBy('id').execute();
}

export async function postingsOfAccount(db: Db | Tx, accountId: string): Promise<(PostingRow & { created_at: Date; memo: string; reference: string | null })[]> {
  return t(db)
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_transactions as x', 'x.id', 'p.transaction_id')
    .selectAll('p')
    .select(['x.created_at', 'x.memo', 'x.reference'])
    .where('p.account_id', '=', accountId)
    .orderBy('p.id')
    .execute();
}

export async function insertHoldIfNew(trx: Tx, row: Insertable<LedgerHoldsTable>): Promise<HoldRow | undefined> {
  return t(trx)
    .insertInto('ledger_holds')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findHoldByKey(db: Db | Tx, scope: string, key: string): Promise<HoldRow | undefined> {
  return t(db).selectFrom('ledger_holds').selectAll().where('scope', '=', scope).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findHold(db: Db | Tx, id: string): Promise<HoldRow | undefined> {
  return t(db).selectFrom('ledger_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockHold(trx: Tx, id: string): Promise<HoldRow | undefined> {
  return t(trx).selectFrom('ledger_holds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function settleHold(trx: Tx, id: string, change: { status: 'posted' | 'voided' | 'expired'; settled_at: Date; transaction_id: string | null }): Promise<HoldRow> {
  return t(trx).updateTable('ledger_holds').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Pending holds past their expiry, optionally of some accounts, oldest first, locked. */
export async function lockDueHolds(trx: Tx, at: Date, accountIds?: readonly string[]): Promise<HoldRow[]> {
  let q = t(trx).selectFrom('ledger_holds').selectAll().where('status', '=', 'pending').where('expires_at', '<=', at);
  if (accountIds) {
    if (accountIds.length === 0) return [];
    q = q.where('account_id', 'in', [...accountIds]);
  }
  return q.orderBy('expires_at').orderBy('id').forUpdate().execute();
}

/** The accounts that have pending holds past their expiry (read without locks: the caller locks them next). */
export async function accountsWithDueHolds(db: Db | Tx, at: Date): Promise<string[]> {
  const rows = await t(db).selectFrom('ledger_holds').select('account_id').distinct().where('status', '=', 'pending').where('expires_at', '<=', at).execute();
  return rows.map((r) => r.account_id);
}

export async function holdsOfAccount(db: Db | Tx, accountId: string, status?: HoldRow['status']): Promise<HoldRow[]> {
  let q = t(db).selectFrom('ledger_holds').selectAll().where('account_id', '=', accountId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('created_at').orderBy('id').execute();
}
