/**
 * The ledger: the money and quota primitive other modules share (budgets; later vouchers,
 * interest subsidies, instrument billing). Accounts (owner module, kind, unit fen or count, an
 * optional floor), balanced transactions of postings, and holds that reserve an amount until
 * they are posted, voided or expire. The invariants are the database's (ledger/migrations/…_ledger.sql):
 * transactions balance at COMMIT, no account goes below its floor (balance or available),
 * balances move only through postings and holds, holds move only from pending, idempotency keys
 * are unique per scope. Every operation takes the caller's transaction (`Tx`), locks the
 * accounts it touches in id order, and appends nothing to the audit chain, so a caller keeps its
 * own lock order (its business rows, then the ledger's accounts, then the audit chain last).
 * No routes: modules expose the ledger through their own APIs.
 */
export type { LedgerTables, LedgerUnit, HoldStatus } from './ledger.tables.js';
export {
  accountOf,
  breachesFloor,
  expireDueHolds,
  holdByKey,
  holdOf,
  holdsOf,
  ledgerProblem,
  lockAccounts,
  openAccount,
  placeHold,
  postHold,
  postTransaction,
  setAccountFloor,
  statementOf,
  transactionByKey,
  transactionOf,
  voidHold,
  type AccountInput,
  type AccountView,
  type HoldInput,
  type HoldView,
  type PostingView,
  type TransactionInput,
  type TransactionView,
  type Written,
} from './ledger.service.js';
export { ledgerManifest } from './ledger.manifest.js';
