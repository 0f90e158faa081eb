import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

export interface WebhooksSubscriptionsTable {
  id: string;
  client_id: string;
  organisation_id: string;
  url: string;
  topics: Json<string[]>;
  secret: string;
  active: boolean;
  created_at: Date;
}

/** A subscription as read. */
export type SubscriptionRow = Omit<WebhooksSubscriptionsTable, 'topics'> & { topics: string[] };

export interface WebhooksEventsTable {
  id: string;
  topic: string;
  occurred_at: Date;
  data: Json<unknown>;
}

export interface WebhooksDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  replay_of: string | null;
  created_at: Date;
}

export interface WebhooksAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: Date;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhooksTables {
  webhooks_subscriptions: WebhooksSubscriptionsTable;
  webhooks_events: WebhooksEventsTable;
  webhooks_deliveries: WebhooksDeliveriesTable;
  webhooks_attempts: WebhooksAttemptsTable;
}
