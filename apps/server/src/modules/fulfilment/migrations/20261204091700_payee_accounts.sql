-- The bank account an award is paid to (收款账户), given by the applicant with the application
-- (and changed when a returned one is amended). The number is personal or financial data: it is
-- stored encrypted with the data key, beside a masked form (first four and last four digits) that
-- lists, pages and payments show.
CREATE TABLE fulfilment_payee_accounts (
  application_id uuid PRIMARY KEY REFERENCES fulfilment_applications(id),
  bank           text NOT NULL CHECK (length(bank) BETWEEN 2 AND 100),
  holder         text NOT NULL CHECK (length(holder) BETWEEN 2 AND 200),
  number_enc     text NOT NULL,
  number_masked  text NOT NULL,
  given_at       timestamptz NOT NULL
);
