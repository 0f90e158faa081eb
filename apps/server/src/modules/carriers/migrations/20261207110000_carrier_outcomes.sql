-- A tenant's outcome recorded by its carrier (挂牌新三板, 入规上户, 大赛获奖) with its evidence (a file)
-- and date. One outcome of each kind per firm and carrier: the rewards it can trigger are once
-- per incubated firm. An outcome never dates from before the firm entered the carrier.
CREATE TABLE carrier_outcomes (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id         uuid NOT NULL REFERENCES carriers(id),
  tenancy_id         uuid NOT NULL REFERENCES carrier_tenancies(id),
  subject_id         uuid NOT NULL REFERENCES subjects(id),
  kind               text NOT NULL CHECK (kind IN ('neeq_listed','above_scale','competition')),
  achieved_on        date NOT NULL,
  competition_level  text CHECK (competition_level IN ('county','city','provincial','national')),
  region_code        text REFERENCES core_regions(code),
  evidence_file_id   uuid NOT NULL REFERENCES files(id),
  recorded_by        uuid NOT NULL REFERENCES identity_users(id),
  recorded_at        timestamptz NOT NULL,
  CONSTRAINT carrier_outcomes_level_for_competitions CHECK ((kind = 'competition') = (competition_level IS NOT NULL)),
  CONSTRAINT carrier_outcomes_region_for_above_scale CHECK ((kind = 'above_scale') = (region_code IS NOT NULL)),
  CONSTRAINT carrier_outcomes_once UNIQUE (carrier_id, subject_id, kind)
);
CREATE INDEX carrier_outcomes_tenancy ON carrier_outcomes (tenancy_id);

-- What the catalogue's items made of an outcome (the engine's verdict, kept once per outcome and
-- item): eligible ones were handed to fulfilment as pending awards for the operator's profile.
CREATE TABLE carrier_outcome_verdicts (
  outcome_id   uuid NOT NULL REFERENCES carrier_outcomes(id),
  item_id      text NOT NULL,
  item_title   jsonb NOT NULL,
  status       text NOT NULL CHECK (status IN ('eligible','ineligible','unknown','near_miss')),
  amount_fen   bigint,
  reasons      jsonb NOT NULL,
  evaluated_on date NOT NULL,
  PRIMARY KEY (outcome_id, item_id)
);
