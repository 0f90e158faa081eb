-- The ledger: accounts, balanced transactions of postings, and holds, shared by the modules that
-- keep money or quotas (budgets, and later vouchers, interest subsidies, instrument billing).
-- Amounts are integers in the account's unit (fen, or a count). The database keeps the
-- invariants, so no code path, not even raw SQL, breaks them:
--   * every transaction balances: its postings sum to zero, in one unit, checked at COMMIT
--     (deferred constraint triggers), and it has at least two postings;
--   * an account's balance and its available amount (balance − pending holds) never go below
--     its floor, when it has one (CHECK on the account row, which every posting and hold
--     updates under that row's lock, so concurrent writers queue and the check sees the truth);
--   * balance and held move only through postings and holds (trigger), postings and
--     transactions are append-only;
--   * a hold moves only from pending to posted, voided or expired, once; a posted hold names the
--     transaction that moved its amount to its counter-account (checked at COMMIT); it expires
--     only at or after its expiry and is never posted after it;
--   * an idempotency key is used once per scope (unique keys); the content it was first used
--     with is kept as a fingerprint, so the service can tell a retry from a reuse.
CREATE TABLE ledger_accounts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_module text NOT NULL CHECK (owner_module ~ '^[a-z][a-z0-9_]{0,39}$'),
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
  unit         text NOT NULL CHECK (unit IN ('fen','count')),
  -- The lowest the balance and the available amount may be; NULL: no floor (a source account).
  floor_amount bigint,
  balance      bigint NOT NULL DEFAULT 0,
  held         bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
  reference    text CHECK (length(reference) BETWEEN 1 AND 200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ledger_account_floor CHECK (floor_amount IS NULL OR (balance >= floor_amount AND balance - held >= floor_amount))
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_module, kind);

CREATE TABLE ledger_transactions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scope           text NOT NULL CHECK (length(scope) BETWEEN 1 AND 200),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  fingerprint     text NOT NULL,
  memo            text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
  reference       text CHECK (length(reference) BETWEEN 1 AND 200),
  created_at      timestamptz NOT NULL,
  CONSTRAINT ledger_transactions_key UNIQUE (scope, idempotency_key)
);

CREATE TABLE ledger_postings (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
  account_id     uuid NOT NULL REFERENCES ledger_accounts(id),
  amount         bigint NOT NULL CHECK (amount <> 0),
  CONSTRAINT ledger_postings_one_per_account UNIQUE (transaction_id, account_id)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id);

CREATE TABLE ledger_holds (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id         uuid NOT NULL REFERENCES ledger_accounts(id),
  counter_account_id uuid NOT NULL REFERENCES ledger_accounts(id),
  amount             bigint NOT NULL CHECK (amount > 0),
  status             text NOT NULL CHECK (status IN ('pending','posted','voided','expired')),
  expires_at         timestamptz,
  scope              text NOT NULL CHECK (length(scope) BETWEEN 1 AND 200),
  idempotency_key    text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  fingerprint        text NOT NULL,
  memo               text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
  reference          text CHECK (length(reference) BETWEEN 1 AND 200),
  created_at         timestamptz NOT NULL,
  settled_at         timestamptz,
  transaction_id     uuid REFERENCES ledger_transactions(id),
  CONSTRAINT ledger_holds_key UNIQUE (scope, idempotency_key),
  CONSTRAINT ledger_hold_two_accounts CHECK (account_id <> counter_account_id),
  CONSTRAINT ledger_hold_posted_has_transaction CHECK ((status = 'posted') = (transaction_id IS NOT NULL)),
  CONSTRAINT ledger_hold_settled CHECK ((status = 'pending') = (settled_at IS NULL)),
  CONSTRAINT ledger_hold_expiry CHECK (
    (status <> 'expired' OR (expires_at IS NOT NULL AND settled_at >= expires_at))
    AND (status <> 'posted' OR expires_at IS NULL OR settled_at < expires_at))
);
CREATE INDEX ledger_holds_pending ON ledger_holds (account_id, expires_at) WHERE status = 'pending';

-- ---------------------------------------------------------------- the maintained balance row

-- balance and held change only inside the ledger's own triggers (trigger depth ≥ 2: the
-- posting's or hold's trigger, then this one); owner, kind and unit never change.
CREATE FUNCTION ledger_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_module IS DISTINCT FROM OLD.owner_module OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.unit IS DISTINCT FROM OLD.unit THEN
    RAISE EXCEPTION 'ledger_account_fixed: an account''s owner, kind and unit never change' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.balance IS DISTINCT FROM OLD.balance OR NEW.held IS DISTINCT FROM OLD.held) AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_balance_by_postings: an account''s balance and held amount change only through postings and holds' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_account_guard BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_account_guard();

CREATE FUNCTION ledger_account_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_append_only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_account_no_delete BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_account_no_delete();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_account_no_delete();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_account_no_delete();
CREATE TRIGGER ledger_holds_no_delete BEFORE DELETE ON ledger_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_account_no_delete();

-- A posting moves its account's balance at once, under the account row's lock; the row's CHECK
-- refuses going below the floor.
CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_posting_apply AFTER INSERT ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_posting();

-- ---------------------------------------------------------------- balanced transactions, at COMMIT

CREATE FUNCTION ledger_check_balanced(tx uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  n integer;
  units integer;
BEGIN
  SELECT coalesce(sum(p.amount), 0), count(*), count(DISTINCT a.unit) INTO total, n, units
    FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
   WHERE p.transaction_id = tx;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'ledger_transaction_balanced: transaction % has % postings summing to %; it needs at least two, summing to zero', tx, n, total
      USING ERRCODE = 'check_violation';
  END IF;
  IF units <> 1 THEN
    RAISE EXCEPTION 'ledger_transaction_one_unit: transaction % posts to accounts of different units', tx USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_check_balanced(NEW.id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_transaction_balanced AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced();

CREATE FUNCTION ledger_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_check_balanced(NEW.transaction_id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balanced();

-- ---------------------------------------------------------------- holds

CREATE FUNCTION ledger_hold_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'pending' OR NEW.transaction_id IS NOT NULL OR NEW.settled_at IS NOT NULL THEN
    RAISE EXCEPTION 'ledger_hold_transition: a hold starts pending' USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT unit FROM ledger_accounts WHERE id = NEW.account_id) IS DISTINCT FROM (SELECT unit FROM ledger_accounts WHERE id = NEW.counter_account_id) THEN
    RAISE EXCEPTION 'ledger_transaction_one_unit: a hold''s account and counter-account have different units' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_hold_insert BEFORE INSERT ON ledger_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_hold_insert();

-- A pending hold reserves its amount on the account (the row's CHECK refuses going below the
-- floor); settling it, whichever way, gives the reservation back.
CREATE FUNCTION ledger_hold_reserve() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE ledger_accounts SET held = held + NEW.amount WHERE id = NEW.account_id;
  ELSIF OLD.status = 'pending' AND NEW.status <> 'pending' THEN
    UPDATE ledger_accounts SET held = held - OLD.amount WHERE id = OLD.account_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_hold_reserve AFTER INSERT OR UPDATE ON ledger_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_hold_reserve();

-- Only pending → posted | voided | expired, once; nothing but the status, its time and the
-- transaction changes.
CREATE FUNCTION ledger_hold_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' OR NEW.status NOT IN ('posted','voided','expired') THEN
    RAISE EXCEPTION 'ledger_hold_transition: a hold moves only from pending to posted, voided or expired (not % → %)', OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.account_id, NEW.counter_account_id, NEW.amount, NEW.expires_at, NEW.scope, NEW.idempotency_key, NEW.fingerprint, NEW.memo, NEW.reference, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.account_id, OLD.counter_account_id, OLD.amount, OLD.expires_at, OLD.scope, OLD.idempotency_key, OLD.fingerprint, OLD.memo, OLD.reference, OLD.created_at) THEN
    RAISE EXCEPTION 'ledger_hold_transition: only a hold''s status changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_hold_transition BEFORE UPDATE ON ledger_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_hold_transition();

-- A posted hold's transaction moves exactly its amount from its account to its counter-account.
CREATE FUNCTION ledger_hold_posted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'posted' AND (
       NOT EXISTS (SELECT 1 FROM ledger_postings WHERE transaction_id = NEW.transaction_id AND account_id = NEW.account_id AND amount = -NEW.amount)
    OR NOT EXISTS (SELECT 1 FROM ledger_postings WHERE transaction_id = NEW.transaction_id AND account_id = NEW.counter_account_id AND amount = NEW.amount)
    OR (SELECT count(*) FROM ledger_postings WHERE transaction_id = NEW.transaction_id) <> 2) THEN
    RAISE EXCEPTION 'ledger_hold_posted: hold % is posted by a transaction that does not move its amount to its counter-account', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_hold_posted AFTER UPDATE ON ledger_holds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_hold_posted();
