-- Core tables every module may reference by foreign key: regions, users, organisations,
-- memberships, sessions, the audit log.

CREATE TABLE core_regions (
  code        text PRIMARY KEY CHECK (code ~ '^\d{6}$'),
  name        text NOT NULL,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_code text REFERENCES core_regions(code),
  valid_from  date NOT NULL,
  valid_to    date,
  source      text NOT NULL
);
CREATE INDEX core_regions_parent ON core_regions(parent_code);

CREATE TABLE identity_users (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username         text NOT NULL,
  display_name     text NOT NULL,
  password_hash    text NOT NULL,
  is_platform_admin boolean NOT NULL DEFAULT false,
  mfa_secret       text,
  mfa_enabled      boolean NOT NULL DEFAULT false,
  mfa_last_step    bigint,
  failed_logins    integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX identity_users_username ON identity_users (lower(username));

CREATE TABLE identity_organisations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('government','enterprise','service_provider','carrier_operator','financial_institution','instrument_owner')),
  region_code text NOT NULL REFERENCES core_regions(code),
  parent_id   uuid REFERENCES identity_organisations(id),
  credit_code text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX identity_organisations_name ON identity_organisations (region_code, name);

CREATE TABLE identity_memberships (
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  roles           text[] NOT NULL CHECK (cardinality(roles) > 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX identity_memberships_user ON identity_memberships(user_id);

-- Session tokens and second-factor tickets are stored as SHA-256 of the secret handed out.
CREATE TABLE identity_sessions (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip          text,
  user_agent  text
);
CREATE INDEX identity_sessions_user ON identity_sessions(user_id);

CREATE TABLE identity_login_tickets (
  ticket_hash text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose IN ('mfa','mfa_enrol')),
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0
);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash || canonical record).
CREATE TABLE audit_log (
  id            bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_user_id uuid,
  actor         text,
  action        text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     text,
  data          jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id    text,
  ip            text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
