-- Budgets and the money ledger. Money is integer fen. The database itself keeps the invariants,
-- so they hold under concurrent approvals on a PostgreSQL server:
--   * a budget is never overdrawn: committed + paid <= amount (CHECK on the row every ledger
--     entry updates under its row lock);
--   * a subject never receives more than an item's yearly cap (CHECK on a per-subject-year row,
--     upserted under its row lock);
--   * once per subject / once per product (unique index on live grants);
--   * one payment per award, one payment per idempotency key (unique keys);
--   * a payment above the budget's threshold needs a second, different finance officer (CHECK).
CREATE TABLE budget_budgets (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id                       text NOT NULL,
  year                          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  finance_department_id         uuid REFERENCES identity_organisations(id),
  amount_fen                    bigint NOT NULL CHECK (amount_fen >= 0),
  committed_fen                 bigint NOT NULL DEFAULT 0 CHECK (committed_fen >= 0),
  paid_fen                      bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  second_approval_threshold_fen bigint NOT NULL CHECK (second_approval_threshold_fen >= 0),
  created_at                    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT budget_not_overdrawn CHECK (committed_fen + paid_fen <= amount_fen),
  UNIQUE (item_id, year)
);

-- One grant per award (an approved application or pending award); award ids are fulfilment's.
CREATE TABLE budget_grants (
  award_id    uuid PRIMARY KEY,
  budget_id   uuid NOT NULL REFERENCES budget_budgets(id),
  item_id     text NOT NULL,
  subject_id  uuid NOT NULL REFERENCES subjects(id),
  year        integer NOT NULL,
  product_key text,
  once_key    text,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  state       text NOT NULL CHECK (state IN ('committed','paid','released')),
  granted_on  date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX budget_grants_once ON budget_grants(item_id, subject_id, once_key)
  WHERE once_key IS NOT NULL AND state <> 'released';
CREATE INDEX budget_grants_subject ON budget_grants(subject_id);

CREATE TABLE budget_subject_year_totals (
  item_id     text NOT NULL,
  subject_id  uuid NOT NULL REFERENCES subjects(id),
  year        integer NOT NULL,
  cap_fen     bigint NOT NULL CHECK (cap_fen >= 0),
  granted_fen bigint NOT NULL CHECK (granted_fen >= 0),
  PRIMARY KEY (item_id, subject_id, year),
  CONSTRAINT budget_subject_cap CHECK (granted_fen <= cap_fen)
);

CREATE TABLE budget_ledger_entries (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  budget_id     uuid NOT NULL REFERENCES budget_budgets(id),
  award_id      uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('commitment','release','payment')),
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  at            timestamptz NOT NULL,
  actor_user_id uuid REFERENCES identity_users(id)
);
CREATE INDEX budget_ledger_budget ON budget_ledger_entries(budget_id);

-- The budget's totals move only with a ledger entry, in the same statement's transaction.
CREATE FUNCTION budget_apply_ledger_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'commitment' THEN
    UPDATE budget_budgets SET committed_fen = committed_fen + NEW.amount_fen WHERE id = NEW.budget_id;
  ELSIF NEW.kind = 'release' THEN
    UPDATE budget_budgets SET committed_fen = committed_fen - NEW.amount_fen WHERE id = NEW.budget_id;
  ELSE
    UPDATE budget_budgets SET committed_fen = committed_fen - NEW.amount_fen, paid_fen = paid_fen + NEW.amount_fen WHERE id = NEW.budget_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER budget_ledger_apply AFTER INSERT ON budget_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION budget_apply_ledger_entry();

CREATE FUNCTION budget_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'budget_ledger_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER budget_ledger_no_change BEFORE UPDATE OR DELETE ON budget_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION budget_ledger_append_only();

CREATE TABLE budget_payments (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id               uuid NOT NULL UNIQUE,
  budget_id              uuid NOT NULL REFERENCES budget_budgets(id),
  amount_fen             bigint NOT NULL CHECK (amount_fen > 0),
  idempotency_key        text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  needs_second_approval  boolean NOT NULL,
  status                 text NOT NULL CHECK (status IN ('awaiting_second_approval','paid')),
  requested_by           uuid NOT NULL REFERENCES identity_users(id),
  requested_at           timestamptz NOT NULL,
  approved_by            uuid REFERENCES identity_users(id),
  paid_at                timestamptz,
  CONSTRAINT budget_payment_second_person CHECK (approved_by IS NULL OR approved_by <> requested_by),
  CONSTRAINT budget_payment_approved CHECK (status <> 'paid' OR NOT needs_second_approval OR approved_by IS NOT NULL),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
