import type { ColumnType } from 'kysely';
import type { ListKind } from '@seedbed/contract';

type Json<T> = ColumnType<T, string, never>;

export interface ListsCataloguesTable {
  id: ColumnType<string, string | undefined, never>;
  kind: ListKind;
  organisation_id: string;
  title: string;
  created_by: string;
  created_at: Date;
}
export interface ListsRevisionsTable {
  catalogue_id: string;
  number: number;
  legal_basis: string;
  change_note: string;
  rows: Json<Record<string, string>[]>;
  published_by: string;
  published_at: Date;
}
export interface ListsComplaintsTable {
  id: ColumnType<string, string | undefined, never>;
  catalogue_id: string;
  organisation_id: string;
  charged_by: string;
  what: string;
  amount_fen: ColumnType<string, number, never>;
  charged_on: string;
  complainant_user_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  filed_at: Date;
  due_on: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
}
export interface ListTables {
  lists_catalogues: ListsCataloguesTable;
  lists_revisions: ListsRevisionsTable;
  lists_complaints: ListsComplaintsTable;
}
