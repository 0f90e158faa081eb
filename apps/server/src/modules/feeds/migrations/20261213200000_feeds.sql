-- The policy feed this instance publishes: one row per published item version, in the order
-- the feed first saw it (the cursor). Filled from policy_versions when the feed is read, so every
-- version published by any path (catalogue import, an officer's publish) gets a place once.
CREATE TABLE feeds_policy_log (
  seq        bigserial PRIMARY KEY,
  item_id    text NOT NULL,
  version    integer NOT NULL,
  logged_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, version)
);

-- Another platform's policy feed this instance follows (the upstream is the interconnect core's).
CREATE TABLE feeds_subscriptions (
  id               uuid PRIMARY KEY,
  organisation_id  uuid NOT NULL,
  upstream_id      uuid NOT NULL UNIQUE,
  -- How the library labels its items: 上级政策 (the city's, the province's) or 区级政策 (a district's).
  origin_level     text NOT NULL DEFAULT 'upstream' CHECK (origin_level IN ('upstream', 'district')),
  interval_minutes integer NOT NULL DEFAULT 5 CHECK (interval_minutes BETWEEN 1 AND 1440),
  active           boolean NOT NULL DEFAULT true,
  cursor           text,
  last_pull_at     timestamptz,
  last_success_at  timestamptz,
  last_error       text,
  last_error_at    timestamptz,
  items_received   integer NOT NULL DEFAULT 0,
  created_by       uuid,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- The current version of every item an upstream publishes: never copied into policy_items.
CREATE TABLE feeds_upstream_items (
  subscription_id uuid NOT NULL REFERENCES feeds_subscriptions(id) ON DELETE CASCADE,
  item_id         text NOT NULL,
  version         integer NOT NULL,
  cursor          text NOT NULL,
  payload         jsonb NOT NULL,
  -- Why the item cannot be evaluated here (a variable this platform does not know), else null.
  compile_error   text,
  received_at     timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, item_id)
);

-- Every pull: when, what came, what went wrong.
CREATE TABLE feeds_pulls (
  id              uuid PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES feeds_subscriptions(id) ON DELETE CASCADE,
  at              timestamptz NOT NULL,
  status          integer,
  received        integer NOT NULL DEFAULT 0,
  error           text,
  duration_ms     integer NOT NULL DEFAULT 0
);
CREATE INDEX feeds_pulls_subscription ON feeds_pulls (subscription_id, at DESC);
