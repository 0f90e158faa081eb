import type { Generated } from 'kysely';
import type { LoanMethod, LoanStatus } from '@seedbed/contract';

export interface LoanRequestsTable {
  id: Generated<string>;
  subject_id: string;
  user_id: string;
  item_id: string;
  subsidy_item_id: string;
  region_code: string;
  amount_fen: number;
  term_months: number;
  purpose: string;
  status: LoanStatus;
  refusal_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  guaranteed_by: string | null;
  guaranteed_at: Date | null;
  bank_org_id: string | null;
  principal_fen: number | null;
  annual_rate_bp: number | null;
  start_on: string | null;
  method: LoanMethod | null;
  granted_by: string | null;
  granted_at: Date | null;
  default_loss_fen: number | null;
  defaulted_on: string | null;
  created_at: Date;
}
export interface LoanPrepaymentsTable {
  loan_id: string;
  after_period: number;
  principal_fen: number;
  recorded_by: string;
  recorded_at: Date;
}
export interface LoanSubsidyRulesTable {
  item_id: string;
  year: number;
  rate_cap_bp: number | null;
  share_bp: number;
  weights: number[];
  set_by: string | null;
  set_at: Date;
}
export interface LoanSubsidiesTable {
  loan_id: string;
  year: number;
  quarter: number;
  periods: number[];
  subsidy_fen: number;
  rate_cap_bp: number | null;
  share_bp: number;
  weights: number[];
  shares_fen: number[];
  status: 'pending' | 'paid' | 'nil';
  paid_fen: number | null;
  computed_at: Date;
  paid_at: Date | null;
}
export interface LoansTables {
  loan_requests: LoanRequestsTable;
  loan_prepayments: LoanPrepaymentsTable;
  loan_subsidy_rules: LoanSubsidyRulesTable;
  loan_subsidies: LoanSubsidiesTable;
  loan_accounts: { region_code: string; purpose: string; account_id: string };
}
