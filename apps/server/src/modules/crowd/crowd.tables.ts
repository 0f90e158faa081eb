import type { ColumnType, Generated } from 'kysely';
import type { CrowdCategory, CrowdTaskStatus } from '@seedbed/contract';

export interface CrowdAccountsTable {
  key: string;
  account_id: string;
}
export interface CrowdTasksTable {
  id: Generated<string>;
  poster_subject_id: string;
  posted_by: string;
  title: string;
  description: string;
  category: CrowdCategory;
  reward_fen: ColumnType<number, number, never>;
  bid_deadline: string;
  delivery_deadline: string;
  region_code: string;
  status: Generated<CrowdTaskStatus>;
  escrow_account_id: string;
  deposit_transaction_id: string;
  winning_bid_id: string | null;
  settlement_transaction_id: string | null;
  dispute_reason: string | null;
  outcome_note: string | null;
  decided_by: string | null;
  search: ColumnType<string, never, never>;
  created_at: Date;
  picked_at: Date | null;
  delivered_at: Date | null;
  disputed_at: Date | null;
  settled_at: Date | null;
}
export interface CrowdBidsTable {
  id: Generated<string>;
  task_id: string;
  bidder_subject_id: string | null;
  bidder_organisation_id: string | null;
  submitted_by: string;
  price_fen: number;
  delivery_days: number;
  message: string;
  created_at: Date;
}
export interface CrowdDeliveriesTable {
  id: Generated<string>;
  task_id: string;
  file_id: string;
  note: string;
  submitted_by: string;
  created_at: Date;
}
export interface CrowdPostsTable {
  id: Generated<string>;
  kind: 'supply' | 'demand';
  owner_subject_id: string | null;
  owner_organisation_id: string | null;
  created_by: string;
  title: string;
  body: string;
  category: CrowdCategory;
  region_code: string;
  expires_on: string;
  closed_at: Date | null;
  search: ColumnType<string, never, never>;
  created_at: Date;
}
export interface CrowdThreadsTable {
  id: Generated<string>;
  post_id: string;
  contact_user_id: string;
  created_at: Date;
}
export interface CrowdMessagesTable {
  id: Generated<string>;
  thread_id: string;
  sender_user_id: string;
  body: string;
  created_at: Date;
}
export interface CrowdTables {
  crowd_accounts: CrowdAccountsTable;
  crowd_tasks: CrowdTasksTable;
  crowd_bids: CrowdBidsTable;
  crowd_deliveries: CrowdDeliveriesTable;
  crowd_posts: CrowdPostsTable;
  crowd_threads: CrowdThreadsTable;
  crowd_messages: CrowdMessagesTable;
}
