-- Crowd (众包 and 供需对接, source 002 §4–6): tasks with a reward held in escrow on the ledger,
-- bids, deliveries, acceptance or dispute and arbitration; public supply and demand posts with
-- contact through the platform. Money moves only on the ledger (modules/ledger); these rows say
-- which ledger accounts and transactions belong to which task, and the database keeps the task's
-- status honest: a settled task (completed, refunded, cancelled) names exactly one settlement
-- transaction and never changes again, so escrow is released or refunded exactly once.

-- The module's ledger accounts by name: 'deposits' (money posters paid in off-platform), and one
-- payable account per party paid out of escrow ('subject:<id>' or 'organisation:<id>').
CREATE TABLE crowd_accounts (
  key        text PRIMARY KEY CHECK (key = 'deposits' OR key ~ '^(subject|organisation):[0-9a-f-]{36}$'),
  account_id uuid NOT NULL UNIQUE
);

CREATE TABLE crowd_tasks (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  poster_subject_id         uuid NOT NULL REFERENCES subjects(id),
  posted_by                 uuid NOT NULL REFERENCES identity_users(id),
  title                     text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 100),
  description               text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 5000),
  category                  text NOT NULL CHECK (category IN ('management','finance','marketing','hr','legal','ip','testing','logistics','design','software','training','other')),
  reward_fen                bigint NOT NULL CHECK (reward_fen > 0 AND reward_fen <= 100000000000),
  bid_deadline              date NOT NULL,
  delivery_deadline         date NOT NULL,
  region_code               text NOT NULL REFERENCES core_regions(code),
  status                    text NOT NULL DEFAULT 'open' CHECK (status IN ('open','awarded','delivered','disputed','completed','refunded','cancelled')),
  escrow_account_id         uuid NOT NULL UNIQUE,
  deposit_transaction_id    uuid NOT NULL UNIQUE,
  winning_bid_id            uuid,
  settlement_transaction_id uuid UNIQUE,
  dispute_reason            text,
  outcome_note              text,
  decided_by                uuid REFERENCES identity_users(id),
  search                    tsvector NOT NULL,
  created_at                timestamptz NOT NULL,
  picked_at                 timestamptz,
  delivered_at              timestamptz,
  disputed_at               timestamptz,
  settled_at                timestamptz,
  CHECK (delivery_deadline > bid_deadline),
  -- Settled exactly when a settlement transaction is named; a pick names a winner.
  CHECK ((status IN ('completed','refunded','cancelled')) = (settlement_transaction_id IS NOT NULL AND settled_at IS NOT NULL)),
  CHECK ((status IN ('open','cancelled')) = (winning_bid_id IS NULL)),
  CHECK (status <> 'disputed' OR dispute_reason IS NOT NULL)
);
CREATE INDEX crowd_tasks_status ON crowd_tasks(status, region_code);
CREATE INDEX crowd_tasks_poster ON crowd_tasks(poster_subject_id);
CREATE INDEX crowd_tasks_search ON crowd_tasks USING gin (search);

-- The only moves a task's status makes; a settled task never changes its status or settlement.
CREATE FUNCTION crowd_task_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.settlement_transaction_id IS NOT NULL AND NEW.settlement_transaction_id IS DISTINCT FROM OLD.settlement_transaction_id THEN
    RAISE EXCEPTION 'crowd task % is already settled', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'crowd_task_settled_once';
  END IF;
  IF NEW.status = OLD.status THEN RETURN NEW; END IF;
  IF NOT ((OLD.status = 'open' AND NEW.status IN ('awarded','cancelled'))
       OR (OLD.status = 'awarded' AND NEW.status IN ('delivered','disputed'))
       OR (OLD.status = 'delivered' AND NEW.status IN ('completed','disputed'))
       OR (OLD.status = 'disputed' AND NEW.status IN ('completed','refunded'))) THEN
    RAISE EXCEPTION 'crowd task % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = '23514', CONSTRAINT = 'crowd_task_transition';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER crowd_task_transition BEFORE UPDATE ON crowd_tasks FOR EACH ROW EXECUTE FUNCTION crowd_task_transition();

-- A bid: by a subject the bidder acts for (an enterprise or a person) or a service provider
-- organisation; one bid per party per task; the price never above the task's reward.
CREATE TABLE crowd_bids (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id                uuid NOT NULL REFERENCES crowd_tasks(id),
  bidder_subject_id      uuid REFERENCES subjects(id),
  bidder_organisation_id uuid REFERENCES identity_organisations(id),
  submitted_by           uuid NOT NULL REFERENCES identity_users(id),
  price_fen              bigint NOT NULL CHECK (price_fen > 0),
  delivery_days          integer NOT NULL CHECK (delivery_days BETWEEN 1 AND 365),
  message                text NOT NULL CHECK (length(message) <= 2000),
  created_at             timestamptz NOT NULL,
  CHECK ((bidder_subject_id IS NULL) <> (bidder_organisation_id IS NULL))
);
CREATE UNIQUE INDEX crowd_bids_subject ON crowd_bids(task_id, bidder_subject_id) WHERE bidder_subject_id IS NOT NULL;
CREATE UNIQUE INDEX crowd_bids_organisation ON crowd_bids(task_id, bidder_organisation_id) WHERE bidder_organisation_id IS NOT NULL;

CREATE FUNCTION crowd_bid_within_reward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.price_fen > (SELECT reward_fen FROM crowd_tasks WHERE id = NEW.task_id) THEN
    RAISE EXCEPTION 'a bid above the task reward' USING ERRCODE = '23514', CONSTRAINT = 'crowd_bid_within_reward';
  END IF;
  IF NEW.bidder_subject_id IS NOT NULL AND NEW.bidder_subject_id = (SELECT poster_subject_id FROM crowd_tasks WHERE id = NEW.task_id) THEN
    RAISE EXCEPTION 'a bid on one''s own task' USING ERRCODE = '23514', CONSTRAINT = 'crowd_bid_not_own';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER crowd_bid_within_reward BEFORE INSERT OR UPDATE ON crowd_bids FOR EACH ROW EXECUTE FUNCTION crowd_bid_within_reward();

ALTER TABLE crowd_tasks ADD CONSTRAINT crowd_tasks_winning_bid FOREIGN KEY (winning_bid_id) REFERENCES crowd_bids(id);

CREATE TABLE crowd_deliveries (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id      uuid NOT NULL REFERENCES crowd_tasks(id),
  file_id      uuid NOT NULL REFERENCES files(id),
  note         text NOT NULL CHECK (length(note) <= 2000),
  submitted_by uuid NOT NULL REFERENCES identity_users(id),
  created_at   timestamptz NOT NULL,
  UNIQUE (task_id, file_id)
);

-- Supply and demand posts (产品/需求): public, searchable, until they expire or the owner closes them.
CREATE TABLE crowd_posts (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                  text NOT NULL CHECK (kind IN ('supply','demand')),
  owner_subject_id      uuid REFERENCES subjects(id),
  owner_organisation_id uuid REFERENCES identity_organisations(id),
  created_by            uuid NOT NULL REFERENCES identity_users(id),
  title                 text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 100),
  body                  text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
  category              text NOT NULL CHECK (category IN ('management','finance','marketing','hr','legal','ip','testing','logistics','design','software','training','other')),
  region_code           text NOT NULL REFERENCES core_regions(code),
  expires_on            date NOT NULL,
  closed_at             timestamptz,
  search                tsvector NOT NULL,
  created_at            timestamptz NOT NULL,
  CHECK ((owner_subject_id IS NULL) <> (owner_organisation_id IS NULL))
);
CREATE INDEX crowd_posts_kind ON crowd_posts(kind, category, region_code);
CREATE INDEX crowd_posts_search ON crowd_posts USING gin (search);

-- Contact through the platform: one thread per (post, person who got in touch).
CREATE TABLE crowd_threads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id         uuid NOT NULL REFERENCES crowd_posts(id),
  contact_user_id uuid NOT NULL REFERENCES identity_users(id),
  created_at      timestamptz NOT NULL,
  UNIQUE (post_id, contact_user_id)
);

CREATE TABLE crowd_messages (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  thread_id      uuid NOT NULL REFERENCES crowd_threads(id),
  sender_user_id uuid NOT NULL REFERENCES identity_users(id),
  body           text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  created_at     timestamptz NOT NULL
);
CREATE INDEX crowd_messages_thread ON crowd_messages(thread_id, seq);
