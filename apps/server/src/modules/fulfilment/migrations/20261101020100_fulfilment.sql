-- Policy fulfilment (政策兑现): applications and pending awards moving through a workflow that
-- is data. The statuses and the transitions between them are rows; a trigger refuses any change
-- of status that is not a listed transition, whatever code or SQL attempts it.

-- Which government organisation acts for a catalogue unit (牵头单位) in a region. Catalogue units
-- are written as the documents name them (市科技局, 市工信委); organisations are today's names.
CREATE TABLE fulfilment_departments (
  lead_unit       text NOT NULL,
  region_code     text NOT NULL REFERENCES core_regions(code),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  note            text,
  PRIMARY KEY (lead_unit, region_code)
);

-- Per-item workflow overrides (stages, deadlines, assessors, publicity days); absent = defaults by mode.
CREATE TABLE fulfilment_workflows (
  item_id    text PRIMARY KEY,
  definition jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fulfilment_statuses (
  status   text PRIMARY KEY,
  terminal boolean NOT NULL,
  label_zh text NOT NULL,
  label_en text NOT NULL
);
INSERT INTO fulfilment_statuses VALUES
  ('acceptance',    false, '待受理', 'Awaiting acceptance'),
  ('first_review',  false, '初审',   'First review'),
  ('expert_review', false, '专家评审', 'Expert review'),
  ('approval',      false, '待批复', 'Awaiting approval'),
  ('publicity',     false, '公示中', 'In publicity'),
  ('payment',       false, '待拨付', 'Awaiting payment'),
  ('returned',      false, '已退回待补正', 'Returned for amendment'),
  ('withdrawn',     true,  '已撤回', 'Withdrawn'),
  ('rejected',      true,  '不予支持', 'Rejected'),
  ('closed',        true,  '已办结', 'Closed');

CREATE TABLE fulfilment_transitions (
  from_status text NOT NULL REFERENCES fulfilment_statuses(status),
  action      text NOT NULL,
  to_status   text NOT NULL REFERENCES fulfilment_statuses(status),
  PRIMARY KEY (from_status, action, to_status)
);
INSERT INTO fulfilment_transitions VALUES
  ('acceptance',    'accept',   'first_review'),
  ('acceptance',    'accept',   'expert_review'),
  ('acceptance',    'accept',   'approval'),
  ('acceptance',    'return',   'returned'),
  ('acceptance',    'reject',   'rejected'),
  ('acceptance',    'withdraw', 'withdrawn'),
  ('first_review',  'pass',     'expert_review'),
  ('first_review',  'pass',     'approval'),
  ('first_review',  'return',   'returned'),
  ('first_review',  'reject',   'rejected'),
  ('first_review',  'withdraw', 'withdrawn'),
  ('expert_review', 'pass',     'approval'),
  ('expert_review', 'return',   'returned'),
  ('expert_review', 'reject',   'rejected'),
  ('expert_review', 'withdraw', 'withdrawn'),
  ('returned',      'resubmit', 'acceptance'),
  ('returned',      'withdraw', 'withdrawn'),
  ('approval',      'approve',  'publicity'),
  ('approval',      'return',   'returned'),
  ('approval',      'reject',   'rejected'),
  ('publicity',     'conclude', 'payment'),
  ('publicity',     'conclude', 'closed'),
  ('publicity',     'revoke',   'rejected'),
  ('payment',       'pay',      'closed');

CREATE TABLE fulfilment_applications (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference          text NOT NULL UNIQUE,
  origin             text NOT NULL CHECK (origin IN ('application','automatic')),
  item_id            text NOT NULL,
  item_version       integer NOT NULL CHECK (item_version >= 1),
  item_title         jsonb NOT NULL,
  subject_id         uuid NOT NULL REFERENCES subjects(id),
  subject_name       text NOT NULL,
  applicant_user_id  uuid REFERENCES identity_users(id),
  department_id      uuid NOT NULL REFERENCES identity_organisations(id),
  region_code        text NOT NULL REFERENCES core_regions(code),
  status             text NOT NULL REFERENCES fulfilment_statuses(status),
  stage_entered_at   timestamptz NOT NULL,
  stage_due_on       date,
  review_round       integer NOT NULL DEFAULT 1 CHECK (review_round >= 1),
  answers            jsonb NOT NULL DEFAULT '{}'::jsonb,
  product_key        text CHECK (product_key IS NULL OR length(product_key) BETWEEN 1 AND 100),
  verdict            jsonb NOT NULL,
  evaluated_on       date NOT NULL,
  amount_fen         bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  approved_fen       bigint CHECK (approved_fen IS NULL OR approved_fen >= 0),
  approved_on        date,
  publicity_from     date,
  publicity_until    date,
  row_version        integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK (origin = 'automatic' OR applicant_user_id IS NOT NULL),
  CHECK (publicity_until IS NULL OR publicity_until >= publicity_from)
);
CREATE INDEX fulfilment_applications_subject ON fulfilment_applications(subject_id);
CREATE INDEX fulfilment_applications_department ON fulfilment_applications(department_id, status);
-- One open application (or pending award) per subject, item and product at a time.
CREATE UNIQUE INDEX fulfilment_applications_open ON fulfilment_applications(item_id, subject_id, coalesce(product_key, ''))
  WHERE status NOT IN ('withdrawn','rejected','closed');

CREATE FUNCTION fulfilment_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (NEW.origin = 'application' AND NEW.status <> 'acceptance') OR (NEW.origin = 'automatic' AND NEW.status <> 'approval') THEN
      RAISE EXCEPTION 'fulfilment: a new % cannot start in status %', NEW.origin, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
    SELECT 1 FROM fulfilment_transitions t WHERE t.from_status = OLD.status AND t.to_status = NEW.status
  ) THEN
    RAISE EXCEPTION 'fulfilment: illegal transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fulfilment_applications_transition BEFORE INSERT OR UPDATE ON fulfilment_applications
  FOR EACH ROW EXECUTE FUNCTION fulfilment_check_transition();

-- One file per required material; amending replaces it.
CREATE TABLE fulfilment_materials (
  application_id uuid NOT NULL REFERENCES fulfilment_applications(id) ON DELETE CASCADE,
  material_id    text NOT NULL,
  file_id        uuid NOT NULL REFERENCES files(id),
  added_at       timestamptz NOT NULL,
  PRIMARY KEY (application_id, material_id)
);

-- Expert / third-party review: each assessor declares conflicts of interest and scores per criterion.
CREATE TABLE fulfilment_assessments (
  application_id   uuid NOT NULL REFERENCES fulfilment_applications(id) ON DELETE CASCADE,
  round            integer NOT NULL,
  assessor_user_id uuid NOT NULL REFERENCES identity_users(id),
  conflict         boolean NOT NULL,
  conflict_note    text,
  scores           jsonb NOT NULL DEFAULT '{}'::jsonb,
  total            integer CHECK (total IS NULL OR total >= 0),
  comment          text,
  submitted_at     timestamptz NOT NULL,
  PRIMARY KEY (application_id, round, assessor_user_id),
  CHECK (conflict = (total IS NULL))
);

CREATE TABLE fulfilment_objections (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES fulfilment_applications(id),
  filed_at       timestamptz NOT NULL,
  filer_name     text NOT NULL CHECK (length(filer_name) BETWEEN 1 AND 100),
  filer_contact  text NOT NULL CHECK (length(filer_contact) BETWEEN 3 AND 100),
  text           text NOT NULL CHECK (length(text) BETWEEN 5 AND 2000),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open','upheld','dismissed')),
  resolution     text,
  resolved_by    uuid REFERENCES identity_users(id),
  resolved_at    timestamptz,
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  CHECK (status = 'open' OR (resolution IS NOT NULL AND resolved_by IS NOT NULL))
);
CREATE INDEX fulfilment_objections_application ON fulfilment_objections(application_id);

CREATE SEQUENCE fulfilment_reference_seq;
