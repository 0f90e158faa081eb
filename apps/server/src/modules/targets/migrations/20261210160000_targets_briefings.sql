-- Briefings (工作简报) of the programme office: a draft holds the figures taken from the targets
-- when it was drafted or refreshed (figures, jsonb) and the text the office edits; issuing gives it
-- the next number (期号) of its region and year and freezes it.
CREATE TABLE targets_briefings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   text NOT NULL,
  state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','issued')),
  year          integer,
  number        integer CHECK (number > 0),
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  masthead      text NOT NULL CHECK (length(masthead) BETWEEN 1 AND 40),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  issuer        text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 60),
  summary       text NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  next_steps    text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 4000),
  distribution  text NOT NULL DEFAULT '' CHECK (length(distribution) <= 400),
  figures       jsonb NOT NULL,
  issued_on     date,
  issued_by     uuid REFERENCES identity_users(id),
  created_by    uuid NOT NULL REFERENCES identity_users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to),
  CHECK ((state = 'issued') = (number IS NOT NULL AND year IS NOT NULL AND issued_on IS NOT NULL))
);
CREATE UNIQUE INDEX targets_briefings_number ON targets_briefings (region_code, year, number) WHERE number IS NOT NULL;
CREATE INDEX targets_briefings_region ON targets_briefings (region_code, created_at DESC);
