/**
 * Guaranteed start-up loans (创业担保贷款), the whole lifecycle: a person's request under a
 * catalogue loan item, the human-resources bureau's eligibility review, the guarantee fund's
 * decision naming the lending bank, the bank's loan and its repayment schedule
 * (loans.schedule.ts), early repayments, and each quarter's interest subsidy computed once from
 * the schedule and the item's rule, written as a verified fact on the borrower's profile and
 * handed to fulfilment as a pending award; its split between the funding levels is posted to the
 * ledger when paid; defaults draw on the bad-debt reserve (风险准备金) kept on the ledger.
 */
export type { LoansTables } from './loans.tables.js';
export { loansManifest } from './loans.manifest.js';
export { loanFigures, type LoanFigures } from './loans.figures.js';
