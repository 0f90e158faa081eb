-- Competitions (创新创业大赛): a call published by a programme office with tracks, rules, dates
-- and a scoring rubric; entries by enterprises (team, project, pitch deck); two rounds
-- (preliminary, final) judged by a panel drawn from the expert pool, each judge excluded from the
-- entries they have a conflict of interest with (recorded with its reason); scores live in the
-- review module (owner 'competitions.entry', round 1 or 2); results published once.

CREATE TABLE competition_calls (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     text NOT NULL REFERENCES core_regions(code),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  title           text NOT NULL CHECK (length(title) BETWEEN 4 AND 100),
  rules           text NOT NULL CHECK (length(rules) BETWEEN 10 AND 5000),
  tracks          jsonb NOT NULL,
  rubric          jsonb NOT NULL,
  opens_on        date NOT NULL,
  closes_on       date NOT NULL,
  final_on        date NOT NULL,
  finalists       integer NOT NULL CHECK (finalists BETWEEN 1 AND 100),
  prizes          integer NOT NULL CHECK (prizes BETWEEN 1 AND 100),
  -- open: entries come in; preliminary / final: a round is judged; published: the results are out
  stage           text NOT NULL CHECK (stage IN ('open','preliminary','final','published')),
  published_at    timestamptz,
  created_by      uuid NOT NULL REFERENCES identity_users(id),
  created_at      timestamptz NOT NULL,
  CONSTRAINT competition_calls_dates CHECK (opens_on <= closes_on AND closes_on <= final_on),
  CONSTRAINT competition_calls_prizes_within_finalists CHECK (prizes <= finalists),
  CONSTRAINT competition_calls_published CHECK ((stage = 'published') = (published_at IS NOT NULL)),
  CONSTRAINT competition_calls_title_unique UNIQUE (region_code, title)
);

CREATE TABLE competition_entries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id         uuid NOT NULL REFERENCES competition_calls(id),
  subject_id      uuid NOT NULL REFERENCES subjects(id),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  track           text NOT NULL,
  project         text NOT NULL CHECK (length(project) BETWEEN 2 AND 100),
  summary         text NOT NULL CHECK (length(summary) BETWEEN 10 AND 2000),
  team            jsonb NOT NULL,
  region_code     text NOT NULL REFERENCES core_regions(code),
  deck_file_id    uuid NOT NULL REFERENCES files(id),
  entered_by      uuid NOT NULL REFERENCES identity_users(id),
  entered_at      timestamptz NOT NULL,
  finalist        boolean NOT NULL DEFAULT false,
  rank            integer CHECK (rank IS NULL OR rank >= 1),
  winner          boolean NOT NULL DEFAULT false,
  CONSTRAINT competition_entries_one_per_entrant UNIQUE (call_id, subject_id),
  CONSTRAINT competition_entries_winner_ranked CHECK (NOT winner OR (finalist AND rank IS NOT NULL))
);
CREATE INDEX competition_entries_call ON competition_entries (call_id);

-- The expert pool: people holding the expert role, their employer and the enterprises they are
-- tied to (legal representative, shareholder, director, relative, or related to their employer).
CREATE TABLE competition_experts (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id              uuid NOT NULL UNIQUE REFERENCES identity_users(id),
  region_code          text NOT NULL REFERENCES core_regions(code),
  employer_name        text NOT NULL CHECK (length(employer_name) BETWEEN 2 AND 100),
  employer_credit_code text CHECK (employer_credit_code IS NULL OR employer_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  fields               text NOT NULL CHECK (length(fields) <= 500),
  created_by           uuid NOT NULL REFERENCES identity_users(id),
  created_at           timestamptz NOT NULL
);
CREATE TABLE competition_expert_ties (
  expert_id       uuid NOT NULL REFERENCES competition_experts(id),
  credit_code     text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  enterprise_name text NOT NULL CHECK (length(enterprise_name) BETWEEN 2 AND 100),
  relation        text NOT NULL CHECK (relation IN ('legal_representative','shareholder','director','relative','employer_related')),
  PRIMARY KEY (expert_id, credit_code)
);

-- A round's panel: the judges assigned to a call's round.
CREATE TABLE competition_judges (
  call_id     uuid NOT NULL REFERENCES competition_calls(id),
  round       integer NOT NULL CHECK (round IN (1, 2)),
  expert_id   uuid NOT NULL REFERENCES competition_experts(id),
  assigned_by uuid NOT NULL REFERENCES identity_users(id),
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (call_id, round, expert_id)
);

-- A judge kept off an entry in a round, with the reason (automatic, or declared by the judge).
CREATE TABLE competition_exclusions (
  call_id     uuid NOT NULL REFERENCES competition_calls(id),
  round       integer NOT NULL CHECK (round IN (1, 2)),
  entry_id    uuid NOT NULL REFERENCES competition_entries(id),
  expert_id   uuid NOT NULL REFERENCES competition_experts(id),
  reason      text NOT NULL CHECK (reason IN ('same_organisation','related_enterprise','declared')),
  detail_zh   text NOT NULL,
  detail_en   text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (round, entry_id, expert_id, reason),
  FOREIGN KEY (call_id, round, expert_id) REFERENCES competition_judges (call_id, round, expert_id)
);
