import type { ColumnType } from 'kysely';
import type { ProductKind, ProductStatus, RefusalReason, RequestOrigin, RequestStatus } from '@seedbed/contract';

type Id = ColumnType<string, string | undefined, never>;
type Money = ColumnType<string, number, number>;

export interface FinanceProductsTable {
  id: Id;
  organisation_id: string;
  name: string;
  kind: ProductKind;
  region_code: string;
  amount_min_fen: Money;
  amount_max_fen: Money;
  rate_min_bp: number;
  rate_max_bp: number;
  term_min_months: number;
  term_max_months: number;
  collateral: string;
  description: string;
  eligibility: ColumnType<unknown[], string, string>;
  catalogue_item_id: string | null;
  status: ColumnType<ProductStatus, ProductStatus | undefined, ProductStatus>;
  search: unknown;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}
export interface FinanceNeedsTable {
  id: Id;
  subject_id: string;
  region_code: string;
  amount_fen: ColumnType<string, number, never>;
  term_months: number;
  purpose: string;
  collateral: string;
  consent_to_share: boolean;
  posted_by: string;
  posted_at: Date;
}
export interface FinanceRequestsTable {
  id: Id;
  need_id: string;
  product_id: string;
  organisation_id: string;
  origin: RequestOrigin;
  sent_at: Date;
  due_on: string;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  offer_amount_fen: ColumnType<string | null, number | null | undefined, number | null>;
  offer_rate_bp: number | null;
  offer_term_months: number | null;
  refusal_reason: RefusalReason | null;
  note: ColumnType<string, string | undefined, string>;
  answered_by: string | null;
  answered_at: Date | null;
  answered_on: string | null;
  escalated_on: string | null;
}
export interface FinanceTables {
  finance_products: FinanceProductsTable;
  finance_needs: FinanceNeedsTable;
  finance_requests: FinanceRequestsTable;
}
