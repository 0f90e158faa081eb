-- In-platform notifications (inbox) and what each user wants to be told about.
CREATE TABLE notifications (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  subject_id uuid REFERENCES subjects(id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]*$'),
  title      jsonb NOT NULL,
  body       jsonb NOT NULL,
  link       text,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
-- The same event never notifies a user twice (a re-run job, a repeated publish of the same version).
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE notification_preferences (
  user_id  uuid NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
  kind     text NOT NULL,
  enabled  boolean NOT NULL,
  PRIMARY KEY (user_id, kind)
);
