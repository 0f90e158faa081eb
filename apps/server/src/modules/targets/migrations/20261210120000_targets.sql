-- Targets (目标任务): the programme's goals for a region, loaded from the catalogue's documents or
-- added locally, split into parts per district or department (parent_id), assigned to a lead
-- unit and supporting units, and measured by a module's declared statistic (statistic) or by the
-- lead unit's reports. status/previous_status: the traffic light of the last evaluation and the
-- one before it (a red target turns yellow only when its shortfall is made up).
CREATE TABLE targets_targets (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code             text NOT NULL,
  parent_id               uuid REFERENCES targets_targets(id),
  catalogue_id            text,
  document_key            text,
  clause                  text,
  quote                   text,
  title_zh                text NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  title_en                text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 300),
  indicator_zh            text NOT NULL CHECK (length(indicator_zh) BETWEEN 1 AND 200),
  indicator_en            text NOT NULL CHECK (length(indicator_en) BETWEEN 1 AND 300),
  comparison              text NOT NULL CHECK (comparison IN ('at_least','more_than','at_most','less_than','exactly','increase_by')),
  value                   numeric NOT NULL,
  unit                    text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
  baseline                numeric,
  period_from             date NOT NULL,
  period_to               date NOT NULL,
  statistic               text,
  lead_unit_name          text,
  lead_org_id             uuid REFERENCES identity_organisations(id),
  supporting_org_ids      uuid[] NOT NULL DEFAULT '{}',
  reporting               text NOT NULL DEFAULT 'monthly' CHECK (reporting IN ('monthly','quarterly')),
  status                  text,
  previous_status         text,
  evaluated_on            date,
  created_by              uuid NOT NULL REFERENCES identity_users(id),
  created_at              timestamptz NOT NULL,
  CHECK (period_to >= period_from),
  CHECK (comparison <> 'increase_by' OR value > 0)
);
-- A document's target is loaded once per region and period.
CREATE UNIQUE INDEX targets_catalogue_once ON targets_targets(region_code, catalogue_id, period_from) WHERE catalogue_id IS NOT NULL AND parent_id IS NULL;
CREATE INDEX targets_region ON targets_targets(region_code);
CREATE INDEX targets_parent ON targets_targets(parent_id);

-- A unit's progress report for a reporting period (YYYY-MM or YYYY-Qn): its figure (when the
-- target is reported rather than computed) and what was done. One per unit and period; a later
-- report for the same period replaces the text and figure (revised_at).
CREATE TABLE targets_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id       uuid NOT NULL REFERENCES targets_targets(id),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  value           numeric,
  progress        text NOT NULL CHECK (length(progress) BETWEEN 1 AND 2000),
  reported_by     uuid NOT NULL REFERENCES identity_users(id),
  reported_at     timestamptz NOT NULL,
  revised_at      timestamptz,
  UNIQUE (target_id, organisation_id, period)
);

-- Chasing a late report: reminded (the unit), then escalated (the programme office), once each.
CREATE TABLE targets_chases (
  target_id       uuid NOT NULL REFERENCES targets_targets(id),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  period          text NOT NULL,
  stage           text NOT NULL CHECK (stage IN ('reminded','escalated')),
  on_day          date NOT NULL,
  PRIMARY KEY (target_id, organisation_id, period, stage)
);
