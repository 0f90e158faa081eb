-- Awards approved without money (a priority, a voucher, a service; or an amount approved at 0):
-- the budget ledger holds only grants with an amount, so these are recorded here. They count in
-- the benefit history (once per subject / product counts grants, not fen), and the database
-- refuses a second live grant under the same once-key, as budget_grants does for money.
CREATE TABLE fulfilment_grants_without_amount (
  application_id uuid PRIMARY KEY REFERENCES fulfilment_applications(id),
  item_id        text NOT NULL,
  subject_id     uuid NOT NULL REFERENCES subjects(id),
  product_key    text,
  once_key       text,
  granted_on     date NOT NULL,
  released       boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX fulfilment_grants_without_amount_once ON fulfilment_grants_without_amount(item_id, subject_id, once_key)
  WHERE once_key IS NOT NULL AND NOT released;
CREATE INDEX fulfilment_grants_without_amount_subject ON fulfilment_grants_without_amount(subject_id);
