-- Investors (投融资对接): the investors and funds directory and the project roadshow.
-- An investor (天使投资人/机构, 创投机构, 政府引导基金) is an organisation of the new kind 'investor'
-- whose people keep its directory entry; the finance office (金融办) verifies it before it is
-- listed, and a change sends it back for verification. Stages and sectors are fixed lists kept as
-- JSON arrays; ticket sizes are fen. The contact is stored here and shown only to the entry's own
-- people, the finance office and the firms that accepted its interest.
-- A roadshow project is posted by an enterprise (its subject), published or returned by the
-- finance office; an investor expresses interest once per project, the firm accepts or declines once.
ALTER TABLE identity_organisations DROP CONSTRAINT identity_organisations_kind_check;
ALTER TABLE identity_organisations ADD CONSTRAINT identity_organisations_kind_check
  CHECK (kind IN ('government','enterprise','service_provider','carrier_operator','financial_institution','instrument_owner','investor'));

CREATE TABLE investors (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL UNIQUE REFERENCES identity_organisations(id),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  kind             text NOT NULL CHECK (kind IN ('angel','venture','guidance_fund')),
  stages           jsonb NOT NULL CHECK (jsonb_typeof(stages) = 'array' AND jsonb_array_length(stages) >= 1),
  sectors          jsonb NOT NULL CHECK (jsonb_typeof(sectors) = 'array' AND jsonb_array_length(sectors) >= 1),
  ticket_min_fen   bigint NOT NULL CHECK (ticket_min_fen >= 0),
  ticket_max_fen   bigint NOT NULL,
  region_code      text NOT NULL REFERENCES core_regions(code),
  intro            text NOT NULL,
  contact_name     text NOT NULL CHECK (length(contact_name) >= 1),
  contact_phone    text NOT NULL CHECK (length(contact_phone) >= 5),
  contact_email    text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected')),
  review_note      text NOT NULL DEFAULT '',
  verified_by      uuid REFERENCES identity_users(id),
  verified_at      timestamptz,
  search           tsvector NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT investors_ticket CHECK (ticket_min_fen <= ticket_max_fen AND ticket_max_fen > 0),
  CONSTRAINT investors_verified CHECK (status = 'pending' OR (verified_by IS NOT NULL AND verified_at IS NOT NULL))
);
CREATE INDEX investors_search ON investors USING gin (search);

CREATE TABLE investors_projects (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id       uuid NOT NULL REFERENCES subjects(id),
  region_code      text NOT NULL REFERENCES core_regions(code),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  sector           text NOT NULL,
  stage            text NOT NULL,
  amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
  use_of_funds     text NOT NULL CHECK (length(use_of_funds) >= 4),
  summary          text NOT NULL CHECK (length(summary) >= 10),
  deck_file_id     uuid REFERENCES files(id),
  contact_name     text NOT NULL CHECK (length(contact_name) >= 1),
  contact_phone    text NOT NULL CHECK (length(contact_phone) >= 5),
  contact_email    text NOT NULL,
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','published','returned')),
  review_note      text NOT NULL DEFAULT '',
  decided_by       uuid REFERENCES identity_users(id),
  decided_at       timestamptz,
  posted_by        uuid NOT NULL REFERENCES identity_users(id),
  posted_at        timestamptz NOT NULL,
  CONSTRAINT investors_project_decided CHECK (status = 'submitted' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX investors_projects_subject ON investors_projects (subject_id);

CREATE TABLE investors_interests (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id       uuid NOT NULL REFERENCES investors_projects(id),
  investor_id      uuid NOT NULL REFERENCES investors(id),
  message          text NOT NULL CHECK (length(message) BETWEEN 2 AND 500),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined')),
  created_by       uuid NOT NULL REFERENCES identity_users(id),
  created_at       timestamptz NOT NULL,
  decided_by       uuid REFERENCES identity_users(id),
  decided_at       timestamptz,
  CONSTRAINT investors_interest_once UNIQUE (project_id, investor_id),
  CONSTRAINT investors_interest_decided CHECK ((status = 'pending') = (decided_at IS NULL) AND (status = 'pending') = (decided_by IS NULL))
);

-- The firm answers an interest once.
CREATE FUNCTION investors_interest_answer_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'interest % is already answered', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'investors_interest_answer_once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER investors_interest_answer_once BEFORE UPDATE ON investors_interests FOR EACH ROW EXECUTE FUNCTION investors_interest_answer_once();
