/**
 * Budgets and the money ledger: a budget per item per year; a ledger of commitments (at
 * approval), releases and payments in integer fen; grants per award with the per-subject yearly
 * cap and once-per-subject/product rules; payments with idempotency keys and a second finance
 * officer's approval above the budget's threshold. The invariants are the database's (CHECK
 * constraints and unique keys), so they hold under concurrency. Fulfilment drives it through
 * the workflows in src/workflows/.
 */
export type { BudgetTables } from './budgets.tables.js';
export {
  approvePayment,
  benefitHistoryOf,
  budgetsOfItems,
  budgetView,
  commitGrant,
  findBudgetById,
  findPayment,
  grantOf,
  ledgerOf,
  listBudgetViews,
  moneyProblem,
  paymentByKey,
  paymentOfAward,
  paymentsOf,
  paymentView,
  releaseGrant,
  requestPayment,
  setBudget,
  type BudgetDeps,
  type BudgetView,
  type GrantInput,
  type PaymentView,
} from './budgets.service.js';
export { budgetRoutes } from './budgets.routes.js';
