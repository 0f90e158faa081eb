-- Budgets on the ledger (ledger/migrations/…_ledger.sql). Each budget has three ledger accounts in fen:
--   * its budget account (kind budget, floor 0): balance = amount − paid, held = committed, so
--     available = amount − committed − paid never goes below zero (the ledger's floor);
--   * its appropriation account (no floor): −amount, the other side of every change of amount;
--   * its disbursed account (no floor): paid, the other side of every payment.
-- An approved award is a hold on the budget account (counter-account: disbursed); a release
-- voids it; a payment posts it. The budget row keeps its totals (amount, committed, paid) and
-- budget_ledger_entries keeps the journal of commitments, releases and payments per award, as
-- the API and reports read them; at COMMIT the database checks that the row agrees with its
-- accounts, so neither can move without the other.
ALTER TABLE budget_budgets
  ADD COLUMN account_id               uuid UNIQUE,
  ADD COLUMN appropriation_account_id uuid UNIQUE,
  ADD COLUMN disbursed_account_id     uuid UNIQUE;
-- The hold that reserves a grant's amount (none for grants released before this migration:
-- nothing ever moved for them).
ALTER TABLE budget_grants ADD COLUMN hold_id uuid UNIQUE;

CREATE FUNCTION budget_check_matches_ledger(budget uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b budget_budgets%ROWTYPE;
BEGIN
  SELECT * INTO b FROM budget_budgets WHERE id = budget;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF b.account_id IS NULL OR b.appropriation_account_id IS NULL OR b.disbursed_account_id IS NULL
     OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = b.account_id AND a.owner_module = 'budgets' AND a.kind = 'budget'
                      AND a.unit = 'fen' AND a.floor_amount = 0 AND a.held = b.committed_fen AND a.balance = b.amount_fen - b.paid_fen)
     OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = b.appropriation_account_id AND a.owner_module = 'budgets'
                      AND a.kind = 'budget_appropriation' AND a.unit = 'fen' AND a.held = 0 AND a.balance = -b.amount_fen)
     OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = b.disbursed_account_id AND a.owner_module = 'budgets'
                      AND a.kind = 'budget_disbursed' AND a.unit = 'fen' AND a.held = 0 AND a.balance = b.paid_fen) THEN
    RAISE EXCEPTION 'budget_matches_ledger: budget % (amount %, committed %, paid %) does not agree with its ledger accounts', b.id, b.amount_fen, b.committed_fen, b.paid_fen
      USING ERRCODE = 'check_violation';
  END IF;
END $$;

-- ---------------------------------------------------------------- existing budgets → the ledger

DO $$
DECLARE
  b record;
  g record;
  budget_account uuid;
  appropriation uuid;
  disbursed uuid;
  x uuid;
  h uuid;
  settled timestamptz;
BEGIN
  FOR b IN SELECT * FROM budget_budgets ORDER BY created_at, id LOOP
    INSERT INTO ledger_accounts (owner_module, kind, unit, floor_amount, reference, created_at)
      VALUES ('budgets', 'budget', 'fen', 0, 'budget:' || b.id, b.created_at) RETURNING id INTO budget_account;
    INSERT INTO ledger_accounts (owner_module, kind, unit, floor_amount, reference, created_at)
      VALUES ('budgets', 'budget_appropriation', 'fen', NULL, 'budget:' || b.id, b.created_at) RETURNING id INTO appropriation;
    INSERT INTO ledger_accounts (owner_module, kind, unit, floor_amount, reference, created_at)
      VALUES ('budgets', 'budget_disbursed', 'fen', NULL, 'budget:' || b.id, b.created_at) RETURNING id INTO disbursed;
    UPDATE budget_budgets SET account_id = budget_account, appropriation_account_id = appropriation, disbursed_account_id = disbursed WHERE id = b.id;
    -- The amount as it stands today, as one appropriation.
    IF b.amount_fen > 0 THEN
      INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, memo, reference, created_at)
        VALUES ('budgets', 'appropriation:' || b.id, 'migrated', 'appropriation', 'budget:' || b.id, b.created_at) RETURNING id INTO x;
      INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (x, appropriation, -b.amount_fen), (x, budget_account, b.amount_fen);
    END IF;
    -- Paid grants first (each a hold, posted), then the committed ones (pending holds): the
    -- budget account never passes its floor on the way, as the budget row never did.
    FOR g IN SELECT gr.*, p.paid_at FROM budget_grants gr LEFT JOIN budget_payments p ON p.award_id = gr.award_id AND p.status = 'paid'
              WHERE gr.budget_id = b.id AND gr.state IN ('paid', 'committed')
              ORDER BY (gr.state = 'paid') DESC, gr.created_at, gr.award_id LOOP
      INSERT INTO ledger_holds (account_id, counter_account_id, amount, status, scope, idempotency_key, fingerprint, memo, reference, created_at)
        VALUES (budget_account, disbursed, g.amount_fen, 'pending', 'budgets', 'grant:' || g.award_id, 'migrated', 'commitment', 'award:' || g.award_id, g.created_at)
        RETURNING id INTO h;
      UPDATE budget_grants SET hold_id = h WHERE award_id = g.award_id;
      IF g.state = 'paid' THEN
        settled := coalesce(g.paid_at, g.created_at);
        INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, memo, reference, created_at)
          VALUES ('budgets', 'hold:' || h, 'migrated', 'commitment', 'award:' || g.award_id, settled) RETURNING id INTO x;
        UPDATE ledger_holds SET status = 'posted', settled_at = settled, transaction_id = x WHERE id = h;
        INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (x, budget_account, -g.amount_fen), (x, disbursed, g.amount_fen);
      END IF;
    END LOOP;
    PERFORM budget_check_matches_ledger(b.id);
  END LOOP;
END $$;

-- ---------------------------------------------------------------- the row agrees with the ledger, at COMMIT

CREATE FUNCTION budget_matches_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM budget_check_matches_ledger(NEW.id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER budget_matches_ledger AFTER INSERT OR UPDATE ON budget_budgets
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION budget_matches_ledger();

-- A budget's accounts, once set, stay its accounts.
CREATE FUNCTION budget_accounts_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.account_id IS NOT NULL AND NEW.account_id IS DISTINCT FROM OLD.account_id)
     OR (OLD.appropriation_account_id IS NOT NULL AND NEW.appropriation_account_id IS DISTINCT FROM OLD.appropriation_account_id)
     OR (OLD.disbursed_account_id IS NOT NULL AND NEW.disbursed_account_id IS DISTINCT FROM OLD.disbursed_account_id) THEN
    RAISE EXCEPTION 'budget_accounts_fixed: a budget''s ledger accounts never change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER budget_accounts_fixed BEFORE UPDATE OF account_id, appropriation_account_id, disbursed_account_id ON budget_budgets
  FOR EACH ROW EXECUTE FUNCTION budget_accounts_fixed();
