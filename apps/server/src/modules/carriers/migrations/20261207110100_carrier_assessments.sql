-- A carrier's yearly assessment (评估/考核): opened by the programme office covering it, scored by
-- experts through the review module (owner `carriers.assessment`, case = this row), closed with
-- the mean of the experts' totals and its grade. One round per carrier and year.
CREATE TABLE carrier_assessments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id  uuid NOT NULL REFERENCES carriers(id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status      text NOT NULL CHECK (status IN ('open','closed')),
  score       numeric(4,1) CHECK (score BETWEEN 0 AND 100),
  grade       text CHECK (grade IN ('excellent','good','pass','fail')),
  opened_by   uuid NOT NULL REFERENCES identity_users(id),
  opened_at   timestamptz NOT NULL,
  closed_by   uuid REFERENCES identity_users(id),
  closed_at   timestamptz,
  CONSTRAINT carrier_assessments_closed_with_result CHECK ((status = 'closed') = (score IS NOT NULL AND grade IS NOT NULL AND closed_at IS NOT NULL)),
  CONSTRAINT carrier_assessments_once UNIQUE (carrier_id, year)
);
