import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  mfa_secret: string | null;
  mfa_enabled: Generated<boolean>;
  mfa_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  region_code: string;
  parent_id: string | null;
  credit_code: string | null;
  created_at: Generated<Date>;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  roles: string[];
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginTicketsTable {
  ticket_hash: string;
  user_id: string;
  purpose: 'mfa' | 'mfa_enrol';
  expires_at: Date;
  attempts: Generated<number>;
}

export interface IdentityTables {
  identity_users: UsersTable;
  identity_organisations: OrganisationsTable;
  identity_memberships: MembershipsTable;
  identity_sessions: SessionsTable;
  identity_login_tickets: LoginTicketsTable;
}
