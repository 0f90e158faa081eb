-- The public credit inquiry (信用查询): each lookup by a signed-in officer of a government
-- organisation, one row per enterprise (credit code) the lookup showed, so the enterprise can see
-- which organisation looked at its file and when. The audit log holds the lookup too (with the
-- query); this table is the enterprise's view of it.
CREATE TABLE credit_inquiries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code     text NOT NULL CHECK (length(credit_code) = 18),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  user_id         uuid NOT NULL REFERENCES identity_users(id),
  at              timestamptz NOT NULL
);
CREATE INDEX credit_inquiries_code ON credit_inquiries(credit_code, at DESC);
