-- The policy finder: what each registered subject last matched (so that only a change to
-- "eligible" notifies), and officers' what-if simulations (each run as a persisted job).
CREATE TABLE finder_matches (
  subject_id    uuid NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
  item_id       text NOT NULL,
  item_version  integer NOT NULL,
  status        text NOT NULL CHECK (status IN ('eligible','ineligible','unknown','near_miss')),
  amount_fen    bigint,
  evaluated_on  date NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_id, item_id)
);
CREATE INDEX finder_matches_item ON finder_matches (item_id, status);

CREATE TABLE finder_simulations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id       text NOT NULL,
  item_version  integer NOT NULL,
  base_version  integer,
  evaluated_on  date NOT NULL,
  job_id        uuid NOT NULL REFERENCES platform_jobs(id),
  created_by    uuid REFERENCES identity_users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX finder_simulations_item ON finder_simulations (item_id, created_at DESC);
