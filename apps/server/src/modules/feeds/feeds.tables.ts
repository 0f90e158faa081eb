import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface FeedsPolicyLogTable {
  seq: ColumnType<string, never, never>;
  item_id: string;
  version: number;
  logged_at: ColumnType<Date, Date | undefined, never>;
}

export type OriginLevel = 'upstream' | 'district';

export interface FeedsSubscriptionsTable {
  id: string;
  organisation_id: string;
  upstream_id: string;
  origin_level: OriginLevel;
  interval_minutes: number;
  active: boolean;
  cursor: string | null;
  last_pull_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  items_received: number;
  created_by: string | null;
  created_at: Date;
}

export interface FeedsUpstreamItemsTable {
  subscription_id: string;
  item_id: string;
  version: number;
  cursor: string;
  payload: Json<unknown>;
  compile_error: string | null;
  received_at: Date;
}

export interface FeedsPullsTable {
  id: string;
  subscription_id: string;
  at: Date;
  status: number | null;
  received: number;
  error: string | null;
  duration_ms: number;
}

export interface FeedsTables {
  feeds_policy_log: FeedsPolicyLogTable;
  feeds_subscriptions: FeedsSubscriptionsTable;
  feeds_upstream_items: FeedsUpstreamItemsTable;
  feeds_pulls: FeedsPullsTable;
}
