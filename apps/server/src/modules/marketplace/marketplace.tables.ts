import type { ColumnType, Generated } from 'kysely';

export interface CertificationsTable {
  id: Generated<string>;
  organisation_id: string;
  categories: string[];
  regions: string[];
  qualifications: string;
  file_ids: string[];
  status: 'pending' | 'certified' | 'rejected' | 'suspended' | 'revoked';
  valid_from: string | null;
  valid_to: string | null;
  reason: string | null;
  applied_by: string;
  applied_at: ColumnType<Date, Date, Date>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null, Date | null>;
}

export interface ListingsTable {
  id: Generated<string>;
  organisation_id: string;
  title: string;
  description: string;
  category: string;
  price_min_fen: number;
  price_max_fen: number;
  delivery_days: number;
  regions: string[];
  voucher_payable: boolean;
  active: Generated<boolean>;
  search: unknown;
  created_at: ColumnType<Date, Date, Date>;
}

export type OrderStatus = 'quote_requested' | 'quoted' | 'placed' | 'confirmed' | 'delivered' | 'accepted' | 'disputed' | 'cancelled';

export interface OrdersTable {
  id: Generated<string>;
  listing_id: string;
  provider_organisation_id: string;
  subject_id: string;
  ordered_by: string;
  category: string;
  title: string;
  note: string;
  price_fen: number | null;
  status: OrderStatus;
  voucher_id: string | null;
  voucher_pays_fen: number | null;
  delivery_file_id: string | null;
  delivery_note: string | null;
  dispute_reason: string | null;
  dispute_decision: 'provider' | 'enterprise' | null;
  decision_reason: string | null;
  cancel_reason: string | null;
  decided_by: string | null;
  created_at: ColumnType<Date, Date, Date>;
  updated_at: ColumnType<Date, Date, Date>;
  accepted_at: ColumnType<Date | null, Date | null, Date | null>;
}

export interface RatingsTable {
  order_id: string;
  dimension: 'quality' | 'timeliness' | 'price';
  score: number;
  provider_organisation_id: string;
  rated_by: string;
  comment: string;
  created_at: ColumnType<Date, Date, Date>;
}

export interface RatingRepliesTable {
  order_id: string;
  text: string;
  replied_by: string;
  replied_at: ColumnType<Date, Date, Date>;
}

export interface FlagsTable {
  id: Generated<string>;
  kind: 'related_parties' | 'round_amounts' | 'rating_without_delivery';
  provider_organisation_id: string;
  subject_id: string | null;
  order_id: string | null;
  detail: string;
  status: Generated<'open' | 'dismissed' | 'acted'>;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: ColumnType<Date | null, Date | null, Date | null>;
  created_at: ColumnType<Date, Date, Date>;
}

export interface GradesTable {
  organisation_id: string;
  year: number;
  stars: number;
  points: number;
  terms: ColumnType<unknown, string, string>;
  computed_by: string;
  computed_at: ColumnType<Date, Date, Date>;
}

export interface MarketplaceTables {
  marketplace_certifications: CertificationsTable;
  marketplace_listings: ListingsTable;
  marketplace_orders: OrdersTable;
  marketplace_ratings: RatingsTable;
  marketplace_rating_replies: RatingRepliesTable;
  marketplace_flags: FlagsTable;
  marketplace_grades: GradesTable;
}
