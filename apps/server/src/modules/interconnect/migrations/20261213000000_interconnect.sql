-- Interconnection: machine clients (OAuth 2.0 client credentials), this platform's signing keys,
-- every machine call, and the upstream platforms this one calls.
CREATE TABLE interconnect_clients (
  id uuid PRIMARY KEY,
  client_id text NOT NULL UNIQUE,
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
  secret_hash text NOT NULL,
  previous_secret_hash text,
  previous_valid_until timestamptz,
  rate_per_minute integer NOT NULL DEFAULT 120 CHECK (rate_per_minute BETWEEN 1 AND 6000),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid
);
CREATE INDEX interconnect_clients_organisation ON interconnect_clients (organisation_id);

CREATE TABLE interconnect_keys (
  kid text PRIMARY KEY,
  private_jwk text NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz
);

CREATE TABLE interconnect_calls (
  id bigserial PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES interconnect_clients(id),
  at timestamptz NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  status integer NOT NULL
);
CREATE INDEX interconnect_calls_client_at ON interconnect_calls (client_id, at DESC);

CREATE TABLE interconnect_upstreams (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  base_url text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  removed_at timestamptz
);
