-- The start-up project library (创业项目库): projects posted by persons and service organisations,
-- admitted into the public library by the human-resources bureau (or returned with a reason);
-- enterprises' adoptions (asked, answered by the poster, success recorded with evidence, verified
-- with the reward fixed by the bureau); what the catalogue made of a verified success.

CREATE TABLE projects (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  poster_user_id     uuid NOT NULL REFERENCES identity_users(id),
  poster_subject_id  uuid NOT NULL REFERENCES subjects(id),
  title              text NOT NULL CHECK (length(title) BETWEEN 4 AND 60),
  kind               text NOT NULL CHECK (kind IN ('patent','research','idea')),
  summary            text NOT NULL CHECK (length(summary) BETWEEN 20 AND 2000),
  industry           text NOT NULL CHECK (length(industry) BETWEEN 1 AND 5),
  region_code        text NOT NULL REFERENCES core_regions(code),
  offers             text[] NOT NULL CHECK (cardinality(offers) BETWEEN 1 AND 4 AND offers <@ ARRAY['transfer','licence','cooperation','free']),
  attachment_file_id uuid REFERENCES files(id),
  -- The department keeping the library in the project's city (the catalogue item's lead unit there), when mapped.
  keeper_id          uuid REFERENCES identity_organisations(id),
  status             text NOT NULL CHECK (status IN ('submitted','admitted','returned')),
  return_reason      text,
  decided_by         uuid REFERENCES identity_users(id),
  decided_at         timestamptz,
  admitted_on        date,
  search             tsvector NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CONSTRAINT projects_returned_reason CHECK ((status = 'returned') = (return_reason IS NOT NULL)),
  CONSTRAINT projects_admitted_on CHECK ((status = 'admitted') = (admitted_on IS NOT NULL)),
  -- The title names the project as the product an award is once per: one title per poster.
  CONSTRAINT projects_title_per_poster UNIQUE (poster_subject_id, title)
);
CREATE INDEX projects_search ON projects USING gin (search);
CREATE INDEX projects_status ON projects (status, region_code);

CREATE TABLE project_adoptions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id        uuid NOT NULL REFERENCES projects(id),
  adopter_subject_id uuid NOT NULL REFERENCES subjects(id),
  requested_by      uuid NOT NULL REFERENCES identity_users(id),
  plan              text NOT NULL CHECK (length(plan) BETWEEN 10 AND 1000),
  status            text NOT NULL CHECK (status IN ('requested','accepted','declined','succeeded','verified')),
  answered_at       timestamptz,
  answer_note       text,
  succeeded_on      date,
  evidence_file_id  uuid REFERENCES files(id),
  success_note      text,
  recorded_by       uuid REFERENCES identity_users(id),
  recorded_at       timestamptz,
  return_note       text,
  verified_by       uuid REFERENCES identity_users(id),
  verified_at       timestamptz,
  verified_on       date,
  reward_fen        bigint CHECK (reward_fen IS NULL OR reward_fen > 0),
  created_at        timestamptz NOT NULL,
  CONSTRAINT project_adoptions_success CHECK ((status IN ('succeeded','verified')) <= (succeeded_on IS NOT NULL AND evidence_file_id IS NOT NULL)),
  CONSTRAINT project_adoptions_verified CHECK ((status = 'verified') = (verified_at IS NOT NULL))
);
-- One live adoption per project and enterprise.
CREATE UNIQUE INDEX project_adoptions_live ON project_adoptions (project_id, adopter_subject_id) WHERE status IN ('requested','accepted','succeeded');
-- A project earns its reward once: one verified successful adoption per project.
CREATE UNIQUE INDEX project_adoptions_one_reward ON project_adoptions (project_id) WHERE status = 'verified' AND reward_fen IS NOT NULL;

CREATE TABLE project_reward_verdicts (
  project_id   uuid NOT NULL REFERENCES projects(id),
  item_id      text NOT NULL,
  item_title   jsonb NOT NULL,
  status       text NOT NULL CHECK (status IN ('eligible','ineligible','unknown','near_miss','not_payable')),
  amount_fen   bigint,
  reasons      jsonb NOT NULL,
  handed       boolean NOT NULL,
  evaluated_on date NOT NULL,
  PRIMARY KEY (project_id, item_id)
);
