-- Webhook subscriptions of machine clients (scope webhooks:manage): where to POST which topics.
CREATE TABLE webhooks_subscriptions (
  id              uuid PRIMARY KEY,
  client_id       text NOT NULL,
  organisation_id uuid NOT NULL,
  url             text NOT NULL,
  topics          jsonb NOT NULL,
  -- The signing secret, encrypted with the data key (shown once at registration).
  secret          text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL
);
CREATE INDEX webhooks_subscriptions_client ON webhooks_subscriptions (client_id);

-- What happened (one row per event, whatever the number of subscribers).
CREATE TABLE webhooks_events (
  id          uuid PRIMARY KEY,
  topic       text NOT NULL,
  occurred_at timestamptz NOT NULL,
  data        jsonb NOT NULL
);

-- One event to one subscription; a replay is a new delivery of the same event.
CREATE TABLE webhooks_deliveries (
  id              uuid PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhooks_subscriptions(id) ON DELETE CASCADE,
  event_id        uuid NOT NULL REFERENCES webhooks_events(id),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  -- When the next attempt is due (null: at once).
  next_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz,
  replay_of       uuid,
  created_at      timestamptz NOT NULL
);
CREATE INDEX webhooks_deliveries_due ON webhooks_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX webhooks_deliveries_subscription ON webhooks_deliveries (subscription_id, created_at DESC);

-- Every attempt: status code, error, how long it took.
CREATE TABLE webhooks_attempts (
  id          uuid PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhooks_deliveries(id) ON DELETE CASCADE,
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL,
  status      integer,
  error       text,
  duration_ms integer NOT NULL
);
CREATE INDEX webhooks_attempts_delivery ON webhooks_attempts (delivery_id, attempt);
