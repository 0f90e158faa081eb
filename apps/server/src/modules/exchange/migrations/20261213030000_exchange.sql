-- Exchange (互联互通): consent to a named platform reading an enterprise's verified profile
-- (append-only: the live consent is each subject's and client's latest event), the reads made,
-- the districts' indicator reports received by the city, and the pushes a district made.
-- Client ids are the interconnect core's machine clients (another instance's, so no foreign key
-- for upstream ids on the pushing side).
CREATE TABLE exchange_consent_events (
  id                bigserial PRIMARY KEY,
  subject_id        uuid NOT NULL REFERENCES subjects(id),
  client_id         text NOT NULL,
  platform_name     text NOT NULL,
  organisation_name text NOT NULL,
  action            text NOT NULL CHECK (action IN ('granted', 'revoked')),
  scope             text NOT NULL,
  by_user_id        uuid NOT NULL REFERENCES identity_users(id),
  by_name           text NOT NULL,
  at                timestamptz NOT NULL
);
CREATE INDEX exchange_consent_events_subject ON exchange_consent_events (subject_id, client_id, id DESC);

CREATE TABLE exchange_profile_reads (
  id                bigserial PRIMARY KEY,
  subject_id        uuid NOT NULL REFERENCES subjects(id),
  client_id         text NOT NULL,
  platform_name     text NOT NULL,
  organisation_name text NOT NULL,
  with_consent      boolean NOT NULL,
  at                timestamptz NOT NULL
);
CREATE INDEX exchange_profile_reads_subject ON exchange_profile_reads (subject_id, id DESC);

CREATE TABLE exchange_indicator_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id       text NOT NULL,
  platform_name   text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  region_code     text NOT NULL,
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  version         integer NOT NULL CHECK (version >= 1),
  indicators      jsonb NOT NULL,
  digest          text NOT NULL,
  late            boolean NOT NULL,
  received_at     timestamptz NOT NULL,
  UNIQUE (client_id, period, version)
);
CREATE INDEX exchange_indicator_reports_period ON exchange_indicator_reports (period_from, period_to);

CREATE TABLE exchange_indicator_pushes (
  id          bigserial PRIMARY KEY,
  upstream_id text NOT NULL,
  period      text NOT NULL,
  version     integer NOT NULL,
  indicators  jsonb NOT NULL,
  status      integer NOT NULL,
  pushed_by   uuid NOT NULL REFERENCES identity_users(id),
  at          timestamptz NOT NULL
);
CREATE INDEX exchange_indicator_pushes_upstream ON exchange_indicator_pushes (upstream_id, period, version DESC);
