import type { Generated } from 'kysely';

export interface BudgetsTable {
  id: Generated<string>;
  item_id: string;
  year: number;
  finance_department_id: string | null;
  amount_fen: number;
  committed_fen: Generated<number>;
  paid_fen: Generated<number>;
  second_approval_threshold_fen: number;
  created_at: Generated<Date>;
  /** The budget's ledger accounts (migrations/…_budgets_on_ledger.sql); set in the transaction that creates it. */
  account_id: string | null;
  appropriation_account_id: string | null;
  disbursed_account_id: string | null;
}

export interface GrantsTable {
  award_id: string;
  budget_id: string;
  item_id: string;
  subject_id: string;
  year: number;
  product_key: string | null;
  once_key: string | null;
  amount_fen: number;
  state: 'committed' | 'paid' | 'released';
  granted_on: string;
  created_at: Generated<Date>;
  /** The ledger hold reserving the amount (null only for grants released before budgets moved onto the ledger). */
  hold_id: string | null;
}

export interface SubjectYearTotalsTable {
  item_id: string;
  subject_id: string;
  year: number;
  cap_fen: number;
  granted_fen: number;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  budget_id: string;
  award_id: string;
  kind: 'commitment' | 'release' | 'payment';
  amount_fen: number;
  at: Date;
  actor_user_id: string | null;
}

export interface PaymentsTable {
  id: Generated<string>;
  award_id: string;
  budget_id: string;
  amount_fen: number;
  idempotency_key: string;
  needs_second_approval: boolean;
  status: 'awaiting_second_approval' | 'paid';
  requested_by: string;
  requested_at: Date;
  approved_by: string | null;
  paid_at: Date | null;
  /** The payee as it stood when the payment was requested (masked account number). */
  payee_bank: string | null;
  payee_name: string | null;
  payee_account_masked: string | null;
}

/** A proposed change of a budget's amount, threshold or owner; it takes effect when a second finance officer approves it. */
export interface BudgetChangesTable {
  id: Generated<string>;
  budget_id: string;
  amount_fen: number;
  second_approval_threshold_fen: number;
  finance_department_id: string;
  from_amount_fen: number;
  from_second_approval_threshold_fen: number;
  from_finance_department_id: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  proposed_by: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decided_txid: number | null;
}

export interface BudgetTables {
  budget_changes: BudgetChangesTable;
  budget_budgets: BudgetsTable;
  budget_grants: GrantsTable;
  budget_subject_year_totals: SubjectYearTotalsTable;
  budget_ledger_entries: LedgerEntriesTable;
  budget_payments: PaymentsTable;
}
