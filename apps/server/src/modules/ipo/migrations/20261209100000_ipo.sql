-- The pre-IPO pool (后备上市企业资源库): an enterprise's entry (applied by the firm or enrolled by the
-- finance office; admitted or refused with a reason from a fixed list), the stages it records with
-- evidence and the office verifies, and what the catalogue made of each verified stage.

CREATE TABLE ipo_entries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id       uuid NOT NULL REFERENCES subjects(id),
  region_code      text NOT NULL REFERENCES core_regions(code),
  board            text NOT NULL CHECK (board IN ('neeq','bse','chinext','star','main','overseas')),
  -- The furthest stage: declared on entry, moved on by each verified stage record.
  stage            text NOT NULL CHECK (stage IN ('cultivation','reform','coaching','filed','listed')),
  status           text NOT NULL CHECK (status IN ('applied','admitted','refused')),
  note             text NOT NULL CHECK (length(note) <= 1000),
  enrolled_by_office boolean NOT NULL,
  applied_by       uuid NOT NULL REFERENCES identity_users(id),
  applied_at       timestamptz NOT NULL,
  refusal_reason   text CHECK (refusal_reason IN ('outside_region','not_ready','incomplete','compliance','other')),
  refusal_note     text,
  decided_by       uuid REFERENCES identity_users(id),
  decided_at       timestamptz,
  admitted_on      date,
  CONSTRAINT ipo_entries_refusal CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
  CONSTRAINT ipo_entries_other_note CHECK (refusal_reason IS DISTINCT FROM 'other' OR length(coalesce(refusal_note, '')) >= 2),
  CONSTRAINT ipo_entries_admitted_on CHECK ((status = 'admitted') = (admitted_on IS NOT NULL))
);
-- One live entry per enterprise (a refused one may apply again).
CREATE UNIQUE INDEX ipo_entries_live ON ipo_entries (subject_id) WHERE status IN ('applied','admitted');
CREATE INDEX ipo_entries_region ON ipo_entries (status, region_code);

CREATE TABLE ipo_stage_records (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id         uuid NOT NULL REFERENCES ipo_entries(id),
  stage            text NOT NULL CHECK (stage IN ('cultivation','reform','coaching','filed','listed')),
  reached_on       date NOT NULL,
  evidence_file_id uuid NOT NULL REFERENCES files(id),
  note             text NOT NULL CHECK (length(note) <= 1000),
  status           text NOT NULL CHECK (status IN ('recorded','verified','returned')),
  recorded_by      uuid NOT NULL REFERENCES identity_users(id),
  recorded_at      timestamptz NOT NULL,
  return_note      text,
  verified_by      uuid REFERENCES identity_users(id),
  verified_at      timestamptz,
  verified_on      date,
  CONSTRAINT ipo_stage_records_verified CHECK ((status = 'verified') = (verified_on IS NOT NULL)),
  CONSTRAINT ipo_stage_records_returned CHECK ((status = 'returned') = (return_note IS NOT NULL))
);
-- A stage is recorded and verified once per entry: a second record of it waits for or follows the first.
CREATE UNIQUE INDEX ipo_stage_records_live ON ipo_stage_records (entry_id, stage) WHERE status IN ('recorded','verified');

CREATE TABLE ipo_reward_verdicts (
  entry_id     uuid NOT NULL REFERENCES ipo_entries(id),
  subject_id   uuid NOT NULL REFERENCES subjects(id),
  stage        text NOT NULL CHECK (stage IN ('cultivation','reform','coaching','filed','listed')),
  item_id      text NOT NULL,
  product_key  text NOT NULL,
  item_title   jsonb NOT NULL,
  status       text NOT NULL,
  amount_fen   bigint,
  up_to        boolean NOT NULL,
  reasons      jsonb NOT NULL,
  handed       boolean NOT NULL,
  evaluated_on date NOT NULL,
  PRIMARY KEY (entry_id, stage, item_id)
);
-- Handed to fulfilment once per enterprise, item and product (board and stage).
CREATE UNIQUE INDEX ipo_reward_verdicts_handed ON ipo_reward_verdicts (subject_id, item_id, product_key) WHERE handed;
