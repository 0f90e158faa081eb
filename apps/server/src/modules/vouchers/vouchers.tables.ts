import type { ColumnType, Generated } from 'kysely';

export type Settlement = 'provider_redeems' | 'reimbursed';
export type UseStatus = 'held' | 'redeemed' | 'released' | 'settled';

export interface VoucherSchemesTable {
  id: Generated<string>;
  item_id: string;
  year: number;
  department_id: string;
  face_value_fen: ColumnType<number, number, never>;
  categories: string[];
  share_bp: number;
  settlement: Settlement;
  valid_until: string | null;
  valid_days: number | null;
  budget_fen: number;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined, 'active' | 'suspended'>;
  source_note: string;
  account_id: string;
  appropriation_account_id: string;
  disbursed_account_id: string;
  created_by: string | null;
  created_at: Date;
}

export interface VouchersTable {
  id: Generated<string>;
  scheme_id: string;
  subject_id: string;
  face_value_fen: number;
  issued_on: string;
  expires_on: string;
  account_id: string;
  origin: 'award' | 'bulk' | 'platform';
  application_id: string | null;
  status: ColumnType<'active' | 'expired', 'active' | 'expired' | undefined, 'active' | 'expired'>;
  expired_at: Date | null;
  created_at: Date;
}

export interface VoucherPayablesTable {
  id: Generated<string>;
  scheme_id: string;
  payee_kind: 'provider' | 'enterprise';
  organisation_id: string | null;
  subject_id: string | null;
  account_id: string;
}

export interface VoucherUsesTable {
  order_id: string;
  voucher_id: string;
  payable_id: string;
  provider_organisation_id: string;
  category: string;
  price_fen: number;
  voucher_pays_fen: number;
  enterprise_pays_fen: number;
  settlement: Settlement;
  hold_id: string;
  status: UseStatus;
  held_at: Date;
  redeemed_at: Date | null;
  released_at: Date | null;
  settled_at: Date | null;
}

export interface VoucherBatchesTable {
  id: Generated<string>;
  scheme_id: string;
  status: 'proposed' | 'paid' | 'rejected';
  total_fen: number;
  proposed_by: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface VoucherBatchLinesTable {
  batch_id: string;
  order_id: string;
  amount_fen: number;
  live: ColumnType<boolean, boolean | undefined, boolean>;
  paid_transaction_id: string | null;
}

export interface VoucherTables {
  voucher_schemes: VoucherSchemesTable;
  vouchers: VouchersTable;
  voucher_payables: VoucherPayablesTable;
  voucher_uses: VoucherUsesTable;
  voucher_batches: VoucherBatchesTable;
  voucher_batch_lines: VoucherBatchLinesTable;
}
