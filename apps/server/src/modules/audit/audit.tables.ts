import type { Generated, JSONColumnType } from 'kysely';

export interface AuditLogTable {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: Generated<string> | string;
}

/** Core tables the log's readers name people and objects from (read only). */
interface CoreUsers {
  id: string;
  username: string;
  display_name: string;
}
interface CoreNamed {
  id: string;
  name: string;
}
interface CoreFiles {
  id: string;
  original_name: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  identity_users: CoreUsers;
  identity_organisations: CoreNamed;
  subjects: CoreNamed;
  files: CoreFiles;
}
