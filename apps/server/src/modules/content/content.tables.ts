import type { ColumnType } from 'kysely';
import type { ContentCategory, ContentKind, ContentStatus } from '@seedbed/contract';

export interface ContentItemsTable {
  id: ColumnType<string, string | undefined, never>;
  kind: ContentKind;
  category: ContentCategory;
  title: string;
  summary: string;
  body_html: string;
  video_url: string | null;
  organisation_id: string;
  author_id: string;
  status: ColumnType<ContentStatus, ContentStatus | undefined, ContentStatus>;
  publish_at: Date | null;
  reviewer_id: string | null;
  reviewed_at: Date | null;
  return_reason: string | null;
  search: ColumnType<string, string, string>;
  created_at: Date;
  updated_at: Date;
}
export interface ContentItemPoliciesTable {
  content_id: string;
  policy_item_id: string;
}
export interface ContentItemFilesTable {
  content_id: string;
  file_id: string;
  role: 'image' | 'attachment';
  position: number;
}
export interface ContentTables {
  content_items: ContentItemsTable;
  content_item_policies: ContentItemPoliciesTable;
  content_item_files: ContentItemFilesTable;
}
