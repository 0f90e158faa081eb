import type { ColumnType, Generated } from 'kysely';

export interface InterconnectClientsTable {
  id: string;
  client_id: string;
  organisation_id: string;
  name: string;
  scopes: string[];
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_valid_until: Date | null;
  rate_per_minute: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}
export interface InterconnectKeysTable {
  kid: string;
  private_jwk: string;
  public_jwk: ColumnType<Record<string, string>, string, string>;
  created_at: Date;
  retired_at: Date | null;
}
export interface InterconnectCallsTable {
  id: Generated<string>;
  client_id: string;
  at: Date;
  method: string;
  path: string;
  status: number;
}
export interface InterconnectUpstreamsTable {
  id: string;
  organisation_id: string;
  name: string;
  base_url: string;
  client_id: string;
  client_secret: string;
  created_by: string;
  created_at: Date;
  removed_at: Date | null;
}
export interface InterconnectTables {
  interconnect_clients: InterconnectClientsTable;
  interconnect_keys: InterconnectKeysTable;
  interconnect_calls: InterconnectCallsTable;
  interconnect_upstreams: InterconnectUpstreamsTable;
}
