-- Start-up mentors (创业导师): the library, founders' requests (pairings) with the score that
-- suggested the mentor, sessions that count once both sides confirmed them, and ratings.

CREATE TABLE mentors (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid UNIQUE REFERENCES identity_users(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 2 AND 40),
  organisation    text NOT NULL CHECK (length(organisation) BETWEEN 2 AND 100),
  title           text NOT NULL CHECK (length(title) <= 100),
  region_code     text NOT NULL REFERENCES core_regions(code),
  fields          text[] NOT NULL CHECK (cardinality(fields) >= 1),
  industries      text[] NOT NULL,
  availability    text NOT NULL CHECK (length(availability) BETWEEN 2 AND 200),
  yearly_sessions integer NOT NULL CHECK (yearly_sessions BETWEEN 1 AND 200),
  bio             text NOT NULL CHECK (length(bio) <= 1000),
  created_by      uuid NOT NULL REFERENCES identity_users(id),
  created_at      timestamptz NOT NULL
);

CREATE TABLE mentor_pairings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mentor_id     uuid NOT NULL REFERENCES mentors(id),
  subject_id    uuid NOT NULL REFERENCES subjects(id),
  requested_by  uuid NOT NULL REFERENCES identity_users(id),
  need          text NOT NULL CHECK (length(need) BETWEEN 5 AND 1000),
  fields        text[] NOT NULL,
  score         integer NOT NULL,
  terms         jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('requested','accepted','declined','ended')),
  decided_at    timestamptz,
  decision_note text,
  ended_at      timestamptz,
  ended_by      uuid REFERENCES identity_users(id),
  end_reason    text,
  created_at    timestamptz NOT NULL,
  CONSTRAINT mentor_pairings_ended CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
-- One live request or pairing per founder and mentor.
CREATE UNIQUE INDEX mentor_pairings_live ON mentor_pairings (mentor_id, subject_id) WHERE status IN ('requested','accepted');

CREATE TABLE mentor_sessions (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pairing_id           uuid NOT NULL REFERENCES mentor_pairings(id),
  held_on              date NOT NULL,
  mode                 text NOT NULL CHECK (mode IN ('in_person','online','phone')),
  place                text NOT NULL CHECK (length(place) <= 200),
  mentor_record        text,
  mentor_confirmed_at  timestamptz,
  founder_record       text,
  founder_confirmed_at timestamptz,
  booked_by            uuid NOT NULL REFERENCES identity_users(id),
  created_at           timestamptz NOT NULL,
  CONSTRAINT mentor_sessions_mentor_record CHECK ((mentor_record IS NULL) = (mentor_confirmed_at IS NULL)),
  CONSTRAINT mentor_sessions_founder_record CHECK ((founder_record IS NULL) = (founder_confirmed_at IS NULL)),
  CONSTRAINT mentor_sessions_one_a_day UNIQUE (pairing_id, held_on)
);

CREATE TABLE mentor_ratings (
  pairing_id  uuid NOT NULL REFERENCES mentor_pairings(id),
  side        text NOT NULL CHECK (side IN ('founder','mentor')),
  stars       integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment     text NOT NULL CHECK (length(comment) <= 500),
  rated_at    timestamptz NOT NULL,
  PRIMARY KEY (pairing_id, side)
);
