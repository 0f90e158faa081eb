import type { Generated } from 'kysely';

export type LedgerUnit = 'fen' | 'count';
export type HoldStatus = 'pending' | 'posted' | 'voided' | 'expired';

/** An account; balance and held are maintained by the database's triggers, never written here. */
export interface LedgerAccountsTable {
  id: Generated<string>;
  owner_module: string;
  kind: string;
  unit: LedgerUnit;
  floor_amount: number | null;
  balance: Generated<number>;
  held: Generated<number>;
  reference: string | null;
  created_at: Generated<Date>;
}

export interface LedgerTransactionsTable {
  id: Generated<string>;
  scope: string;
  idempotency_key: string;
  fingerprint: string;
  memo: string;
  reference: string | null;
  created_at: Date;
}

export interface LedgerPostingsTable {
  id: Generated<number>;
  transaction_id: string;
  account_id: string;
  amount: number;
}

export interface LedgerHoldsTable {
  id: Generated<string>;
  account_id: string;
  counter_account_id: string;
  amount: number;
  status: HoldStatus;
  expires_at: Date | null;
  scope: string;
  idempotency_key: string;
  fingerprint: string;
  memo: string;
  reference: string | null;
  created_at: Date;
  settled_at: Date | null;
  transaction_id: string | null;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_postings: LedgerPostingsTable;
  ledger_holds: LedgerHoldsTable;
}
