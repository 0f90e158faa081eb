-- Subjects (一企一档): one profile per enterprise and per person, made of dated facts with
-- their source. A fact is never overwritten: a new value supersedes the old row.

CREATE TABLE subjects (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind            text NOT NULL CHECK (kind IN ('enterprise','person')),
  name            text NOT NULL,
  region_code     text REFERENCES core_regions(code),
  organisation_id uuid UNIQUE REFERENCES identity_organisations(id),
  user_id         uuid UNIQUE REFERENCES identity_users(id),
  credit_code     text UNIQUE,
  id_number_hash  text UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'enterprise' AND organisation_id IS NOT NULL) OR (kind = 'person' AND user_id IS NOT NULL))
);

CREATE TABLE subject_facts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id    uuid NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
  variable      text NOT NULL CHECK (variable ~ '^[a-z][a-z0-9_]*$'),
  value         jsonb,
  source        text NOT NULL CHECK (source = 'declared' OR source ~ '^registry:[a-z][a-z0-9_]*$'),
  verified      boolean NOT NULL DEFAULT false,
  as_of         date,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  recorded_by   uuid REFERENCES identity_users(id),
  superseded_at timestamptz,
  CHECK (verified = (source <> 'declared'))
);
CREATE UNIQUE INDEX subject_facts_current ON subject_facts(subject_id, variable) WHERE superseded_at IS NULL;
