import type { ColumnType } from 'kysely';

export interface DirectoryEnterprisesTable {
  organisation_id: string;
  introduction: string;
  listed_by: string;
  listed_at: Date;
  updated_at: Date;
  search: ColumnType<string, never, never>;
}

export interface DirectoryProductsTable {
  id: ColumnType<string, string | undefined, never>;
  organisation_id: string;
  position: number;
  name: string;
  description: string;
  search: ColumnType<string, never, never>;
}

export interface DirectoryTables {
  directory_enterprises: DirectoryEnterprisesTable;
  directory_products: DirectoryProductsTable;
}
