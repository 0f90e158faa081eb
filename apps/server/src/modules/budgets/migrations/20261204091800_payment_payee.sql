-- The account a payment went to, as it stood when the payment was requested (masked: the full
-- number stays encrypted with the application). Payments before this release have none.
ALTER TABLE budget_payments ADD COLUMN payee_bank text, ADD COLUMN payee_name text, ADD COLUMN payee_account_masked text;
