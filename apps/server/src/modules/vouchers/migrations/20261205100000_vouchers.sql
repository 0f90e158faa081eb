-- Service vouchers (创新券, 创业券, 小微企业服务代金券): schemes, vouchers, their uses by marketplace
-- orders, and settlement batches. The money is on the ledger (modules/ledger): per scheme an
-- appropriation, a budget account (floor 0) and a disbursed account; per voucher an account
-- (floor 0) funded from the scheme's budget account; per scheme and payee a payable account
-- (floor 0). The invariants below are the database's:
--   * one scheme per catalogue item and year; one voucher per scheme and subject;
--   * a voucher's money never exceeds the scheme's budget (the scheme account's floor), a use
--     never exceeds the voucher's balance (the voucher account's floor);
--   * one use per order; a use's amounts add up; its status moves forward only;
--   * a redemption is in at most one live settlement batch, paid once (unique line per use and
--     the ledger's idempotency key per use), and a batch is approved by a second person.
CREATE TABLE voucher_schemes (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id                  text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 200),
  year                     integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  department_id            uuid NOT NULL REFERENCES identity_organisations(id),
  face_value_fen           bigint NOT NULL CHECK (face_value_fen > 0),
  categories               text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 20),
  share_bp                 integer NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
  settlement               text NOT NULL CHECK (settlement IN ('provider_redeems','reimbursed')),
  valid_until              date,
  valid_days               integer CHECK (valid_days BETWEEN 1 AND 3660),
  budget_fen               bigint NOT NULL CHECK (budget_fen > 0),
  status                   text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
  source_note              text NOT NULL DEFAULT '' CHECK (length(source_note) <= 2000),
  account_id               uuid NOT NULL,
  appropriation_account_id uuid NOT NULL,
  disbursed_account_id     uuid NOT NULL,
  created_by               uuid REFERENCES identity_users(id),
  created_at               timestamptz NOT NULL,
  CONSTRAINT voucher_scheme_per_item_year UNIQUE (item_id, year),
  CONSTRAINT voucher_scheme_validity CHECK ((valid_until IS NULL) <> (valid_days IS NULL))
);

CREATE TABLE vouchers (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id      uuid NOT NULL REFERENCES voucher_schemes(id),
  subject_id     uuid NOT NULL REFERENCES subjects(id),
  face_value_fen bigint NOT NULL CHECK (face_value_fen > 0),
  issued_on      date NOT NULL,
  expires_on     date NOT NULL CHECK (expires_on >= issued_on),
  account_id     uuid NOT NULL UNIQUE,
  origin         text NOT NULL CHECK (origin IN ('award','bulk','platform')),
  application_id uuid,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active','expired')),
  expired_at     timestamptz,
  created_at     timestamptz NOT NULL,
  CONSTRAINT voucher_once_per_subject UNIQUE (scheme_id, subject_id),
  CONSTRAINT voucher_expired_when CHECK ((status = 'expired') = (expired_at IS NOT NULL))
);
CREATE INDEX vouchers_subject ON vouchers (subject_id);
CREATE INDEX vouchers_due ON vouchers (expires_on) WHERE status = 'active';

-- Who is owed a scheme's money: the provider that redeemed (通兑), or the enterprise reimbursed (通用).
CREATE TABLE voucher_payables (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id       uuid NOT NULL REFERENCES voucher_schemes(id),
  payee_kind      text NOT NULL CHECK (payee_kind IN ('provider','enterprise')),
  organisation_id uuid REFERENCES identity_organisations(id),
  subject_id      uuid REFERENCES subjects(id),
  account_id      uuid NOT NULL UNIQUE,
  CONSTRAINT voucher_payable_one_payee CHECK ((payee_kind = 'provider') = (organisation_id IS NOT NULL) AND (payee_kind = 'enterprise') = (subject_id IS NOT NULL))
);
CREATE UNIQUE INDEX voucher_payables_provider ON voucher_payables (scheme_id, organisation_id) WHERE payee_kind = 'provider';
CREATE UNIQUE INDEX voucher_payables_enterprise ON voucher_payables (scheme_id, subject_id) WHERE payee_kind = 'enterprise';

CREATE TABLE voucher_uses (
  order_id                 text PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 200),
  voucher_id               uuid NOT NULL REFERENCES vouchers(id),
  payable_id               uuid NOT NULL REFERENCES voucher_payables(id),
  provider_organisation_id uuid NOT NULL,
  category                 text NOT NULL,
  price_fen                bigint NOT NULL CHECK (price_fen > 0),
  voucher_pays_fen         bigint NOT NULL CHECK (voucher_pays_fen > 0),
  enterprise_pays_fen      bigint NOT NULL CHECK (enterprise_pays_fen >= 0),
  settlement               text NOT NULL CHECK (settlement IN ('provider_redeems','reimbursed')),
  hold_id                  uuid NOT NULL UNIQUE,
  status                   text NOT NULL CHECK (status IN ('held','redeemed','released','settled')),
  held_at                  timestamptz NOT NULL,
  redeemed_at              timestamptz,
  released_at              timestamptz,
  settled_at               timestamptz,
  CONSTRAINT voucher_use_adds_up CHECK (voucher_pays_fen + enterprise_pays_fen = price_fen),
  CONSTRAINT voucher_use_redeemed_when CHECK ((status IN ('redeemed','settled')) = (redeemed_at IS NOT NULL)),
  CONSTRAINT voucher_use_settled_when CHECK ((status = 'settled') = (settled_at IS NOT NULL)),
  CONSTRAINT voucher_use_released_when CHECK ((status = 'released') = (released_at IS NOT NULL))
);
CREATE INDEX voucher_uses_voucher ON voucher_uses (voucher_id);
CREATE INDEX voucher_uses_payable ON voucher_uses (payable_id, status);

-- A use moves only held → redeemed → settled, or held → released.
CREATE FUNCTION voucher_use_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'held' AND NEW.status IN ('redeemed','released'))
    OR (OLD.status = 'redeemed' AND NEW.status = 'settled')) THEN
    RAISE EXCEPTION 'voucher_use_transition: a voucher use moves only held → redeemed → settled or held → released (not % → %)', OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.order_id, NEW.voucher_id, NEW.payable_id, NEW.price_fen, NEW.voucher_pays_fen, NEW.hold_id)
     IS DISTINCT FROM (OLD.order_id, OLD.voucher_id, OLD.payable_id, OLD.price_fen, OLD.voucher_pays_fen, OLD.hold_id) THEN
    RAISE EXCEPTION 'voucher_use_transition: only a use''s status and its times change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER voucher_use_transition BEFORE UPDATE ON voucher_uses
  FOR EACH ROW EXECUTE FUNCTION voucher_use_transition();

CREATE TABLE voucher_batches (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id   uuid NOT NULL REFERENCES voucher_schemes(id),
  status      text NOT NULL CHECK (status IN ('proposed','paid','rejected')),
  total_fen   bigint NOT NULL CHECK (total_fen > 0),
  proposed_by uuid NOT NULL REFERENCES identity_users(id),
  proposed_at timestamptz NOT NULL,
  decided_by  uuid REFERENCES identity_users(id),
  decided_at  timestamptz,
  CONSTRAINT voucher_batch_second_person CHECK (status <> 'paid' OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
  CONSTRAINT voucher_batch_decided CHECK ((status = 'proposed') = (decided_at IS NULL))
);
CREATE INDEX voucher_batches_scheme ON voucher_batches (scheme_id, status);

-- One line per redemption, ever in one live batch (a rejected batch gives its lines up).
CREATE TABLE voucher_batch_lines (
  batch_id  uuid NOT NULL REFERENCES voucher_batches(id),
  order_id  text NOT NULL REFERENCES voucher_uses(order_id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  live      boolean NOT NULL DEFAULT true,
  paid_transaction_id uuid,
  PRIMARY KEY (batch_id, order_id)
);
CREATE UNIQUE INDEX voucher_batch_lines_once ON voucher_batch_lines (order_id) WHERE live;
