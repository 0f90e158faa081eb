import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ReviewScoresTable {
  owner: string;
  case_id: string;
  round: number;
  assessor_user_id: string;
  conflict: boolean;
  conflict_note: string | null;
  scores: Json<Record<string, number>>;
  total: number | null;
  comment: string | null;
  submitted_at: Date;
}

/** The core users table, read for assessors' display names. */
interface CoreUsers {
  id: string;
  display_name: string;
}

export interface ReviewTables {
  review_scores: ReviewScoresTable;
  identity_users: CoreUsers;
}
