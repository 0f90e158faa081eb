/**
 * Budgets and the money ledger: a budget per item per year; a ledger of commitments (at
 * approval), releases and payments in integer fen; grants per award with the per-subject yearly
 * cap and once-per-subject/product rules; payments with idempotency keys and a second finance
 * officer's approval above the budget's threshold. The budget itself is under the same rule: its
 * amount, threshold and finance department change only when a second finance officer approves a
 * proposed change, and it exists only for a catalogue item whose region its department covers.
 * The money itself is on the ledger (modules/ledger): each budget has a budget account (floor 0),
 * an appropriation and a disbursed account; an approved award is a hold on the budget account, a
 * release voids it, a payment posts it. The budget row's totals and the journal
 * (budget_ledger_entries) stay for the API and reports, and the database checks at COMMIT that
 * they agree with the ledger. Every money transaction locks the budget row, then the ledger's
 * accounts, before it appends to the audit chain. The invariants are the database's (the
 * ledger's floor, CHECK constraints and unique keys), so they hold under concurrency.
 * Fulfilment drives it through the workflows in src/workflows/.
 */
export type { BudgetTables } from './budgets.tables.js';
export {
  approveBudgetChange,
  approvePayment,
  benefitHistoryOf,
  budgetsOfItems,
  budgetChangeView,
  budgetView,
  commitGrant,
  findBudgetById,
  findPayment,
  grantOf,
  ledgerOf,
  listBudgetChanges,
  listBudgetViews,
  moneyProblem,
  openBudget,
  paymentByKey,
  paymentOfAward,
  paymentsOf,
  paymentView,
  rejectBudgetChange,
  releaseGrant,
  requestPayment,
  setBudget,
  type BudgetChangeView,
  type BudgetDeps,
  type BudgetInput,
  type BudgetView,
  type GrantInput,
  type PaymentView,
  type SetBudgetResult,
} from './budgets.service.js';
export { budgetsManifest } from './budgets.manifest.js';
export { budgetFigures, budgetAwardIds, budgetsById, paymentAwards } from './budgets.statistics.js';
