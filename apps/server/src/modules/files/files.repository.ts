import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { FileTables } from './files.tables.js';

export interface FileRow {
  id: string;
  owner_user_id: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

export async function insertFile(trx: Tx, row: Omit<FileRow, 'created_at'> & { created_at: Date }): Promise<void> {
  await tablesOf<FileTables>(trx).insertInto('files').values(row).execute();
}

export async function findFile(db: Db | Tx, id: string): Promise<FileRow | undefined> {
  return tablesOf<FileTables>(db).selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFiles(db: Db | Tx, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return tablesOf<FileTables>(db).selectFrom('files').selectAll().where('id', 'in', [...ids]).execute();
}
