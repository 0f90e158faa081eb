-- Credit (信用): records about enterprises from the departments that decided them, and repairs.
-- The record's publication window follows from its severity and decision day (credit.windows.ts);
-- `repaired_on` is set once, when a repair is approved. One record per source department and
-- decision number: re-importing a file finds the rows it already holds.
CREATE TABLE credit_records (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code     text NOT NULL CHECK (length(credit_code) = 18),
  subject_name    text NOT NULL CHECK (length(subject_name) BETWEEN 1 AND 200),
  subject_id      uuid REFERENCES subjects(id),
  kind            text NOT NULL CHECK (kind IN ('administrative_penalty','serious_violation_list','abnormal_operation','tax_credit_grade','court_judgement','honour')),
  severity        text CHECK (severity IN ('minor','ordinary','serious')),
  source_org_id   uuid NOT NULL REFERENCES identity_organisations(id),
  decision_number text NOT NULL CHECK (length(decision_number) BETWEEN 1 AND 100),
  decided_on      date NOT NULL,
  legal_basis     text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
  content         text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  origin          text NOT NULL CHECK (origin IN ('entered','imported')),
  repaired_on     date,
  recorded_by     uuid NOT NULL REFERENCES identity_users(id),
  recorded_at     timestamptz NOT NULL,
  -- Honours carry no severity; everything else does; the serious-violation list is serious.
  CHECK ((kind = 'honour') = (severity IS NULL)),
  CHECK (kind <> 'serious_violation_list' OR severity = 'serious'),
  CHECK (repaired_on IS NULL OR severity IN ('ordinary','serious')),
  UNIQUE (source_org_id, decision_number)
);
CREATE INDEX credit_records_subject ON credit_records(subject_id);
CREATE INDEX credit_records_code ON credit_records(credit_code);

CREATE TABLE credit_repairs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id        uuid NOT NULL REFERENCES credit_records(id),
  applied_by       uuid NOT NULL REFERENCES identity_users(id),
  reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  evidence_file_id uuid NOT NULL REFERENCES files(id),
  status           text NOT NULL CHECK (status IN ('applied','approved','refused')),
  applied_at       timestamptz NOT NULL,
  decided_by       uuid REFERENCES identity_users(id),
  decided_at       timestamptz,
  decision_reason  text,
  CHECK ((status = 'applied') = (decided_at IS NULL)),
  CHECK (status <> 'refused' OR length(decision_reason) >= 2)
);
-- One repair under review or approved per record.
CREATE UNIQUE INDEX credit_repairs_live ON credit_repairs(record_id) WHERE status IN ('applied','approved');
