import type { Generated } from 'kysely';

export interface FilesTable {
  id: Generated<string>;
  owner_user_id: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Generated<Date>;
}

export interface FileTables {
  files: FilesTable;
}
