-- The two-person rule over budgets themselves. A budget's amount, second-approval threshold and
-- finance department (owner) bind the finance officers who pay from it, so none of them changes
-- them alone: one finance officer proposes a change, a different finance officer of the
-- department that will own the budget approves it, and only then does it take effect.
--   * one open (pending) change per budget;
--   * the approver is never the proposer (CHECK);
--   * the budget row refuses a change of amount, threshold or owner unless an approved change
--     with exactly those values was decided in the same transaction (trigger), so no code path,
--     not even a wrong one, changes them alone.
CREATE TABLE budget_changes (
  id                                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id                          uuid NOT NULL REFERENCES budget_budgets(id),
  amount_fen                         bigint NOT NULL CHECK (amount_fen >= 0),
  second_approval_threshold_fen      bigint NOT NULL CHECK (second_approval_threshold_fen >= 0),
  finance_department_id              uuid NOT NULL REFERENCES identity_organisations(id),
  from_amount_fen                    bigint NOT NULL,
  from_second_approval_threshold_fen bigint NOT NULL,
  from_finance_department_id         uuid REFERENCES identity_organisations(id),
  status                             text NOT NULL CHECK (status IN ('pending','approved','rejected','withdrawn')),
  proposed_by                        uuid NOT NULL REFERENCES identity_users(id),
  proposed_at                        timestamptz NOT NULL,
  decided_by                         uuid REFERENCES identity_users(id),
  decided_at                         timestamptz,
  decided_txid                       bigint,
  CONSTRAINT budget_change_second_person CHECK (status <> 'approved' OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX budget_changes_one_pending ON budget_changes (budget_id) WHERE status = 'pending';
CREATE INDEX budget_changes_budget ON budget_changes (budget_id);

CREATE FUNCTION budget_change_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM budget_changes c
    WHERE c.budget_id = NEW.id AND c.status = 'approved' AND c.decided_txid = txid_current()
      AND c.amount_fen = NEW.amount_fen
      AND c.second_approval_threshold_fen = NEW.second_approval_threshold_fen
      AND c.finance_department_id IS NOT DISTINCT FROM NEW.finance_department_id
  ) THEN
    RAISE EXCEPTION 'budget_change_second_person: a budget''s amount, threshold or owner changes only through a change approved by a second finance officer'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER budget_change_two_person BEFORE UPDATE OF amount_fen, second_approval_threshold_fen, finance_department_id ON budget_budgets
  FOR EACH ROW
  WHEN (OLD.amount_fen IS DISTINCT FROM NEW.amount_fen
     OR OLD.second_approval_threshold_fen IS DISTINCT FROM NEW.second_approval_threshold_fen
     OR OLD.finance_department_id IS DISTINCT FROM NEW.finance_department_id)
  EXECUTE FUNCTION budget_change_guard();
