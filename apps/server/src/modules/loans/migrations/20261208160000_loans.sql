-- Guaranteed start-up loans (创业担保贷款): the request, the human-resources bureau's review, the
-- guarantee fund's decision, the bank's loan, early repayments, the quarters' interest subsidies
-- and the subsidy rules per item and year. Money in fen; rates in basis points.
CREATE TABLE loan_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id      uuid NOT NULL REFERENCES subjects(id),
  user_id         uuid NOT NULL REFERENCES identity_users(id),
  item_id         text NOT NULL,
  subsidy_item_id text NOT NULL,
  region_code     text NOT NULL REFERENCES core_regions(code),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  term_months     int NOT NULL CHECK (term_months BETWEEN 1 AND 60),
  purpose         text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 500),
  status          text NOT NULL CHECK (status IN ('requested','refused','approved','guaranteed','granted','repaid','defaulted')),
  refusal_reason  text,
  reviewed_by     uuid REFERENCES identity_users(id),
  reviewed_at     timestamptz,
  guaranteed_by   uuid REFERENCES identity_users(id),
  guaranteed_at   timestamptz,
  bank_org_id     uuid REFERENCES identity_organisations(id),
  principal_fen   bigint CHECK (principal_fen > 0),
  annual_rate_bp  int CHECK (annual_rate_bp BETWEEN 0 AND 2400),
  start_on        date,
  method          text CHECK (method IN ('equal_principal','equal_instalment','interest_only')),
  granted_by      uuid REFERENCES identity_users(id),
  granted_at      timestamptz,
  default_loss_fen bigint CHECK (default_loss_fen >= 0),
  defaulted_on    date,
  created_at      timestamptz NOT NULL,
  CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
  CHECK (status NOT IN ('granted','repaid','defaulted') OR (principal_fen IS NOT NULL AND annual_rate_bp IS NOT NULL AND start_on IS NOT NULL AND method IS NOT NULL AND bank_org_id IS NOT NULL))
);
-- One live request per person and item.
CREATE UNIQUE INDEX loan_requests_live ON loan_requests(subject_id, item_id) WHERE status IN ('requested','approved','guaranteed','granted');
CREATE INDEX loan_requests_region ON loan_requests(region_code, status);

CREATE TABLE loan_prepayments (
  loan_id       uuid NOT NULL REFERENCES loan_requests(id),
  after_period  int NOT NULL CHECK (after_period >= 1),
  principal_fen bigint NOT NULL CHECK (principal_fen > 0),
  recorded_by   uuid NOT NULL REFERENCES identity_users(id),
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (loan_id, after_period)
);

-- The interest-subsidy rule of an item in a year, set by the finance office: rate cap, share, and
-- the weights of the levels that fund it (province : city : county).
CREATE TABLE loan_subsidy_rules (
  item_id       text NOT NULL,
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  rate_cap_bp   int CHECK (rate_cap_bp >= 0),
  share_bp      int NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
  weights       int[] NOT NULL CHECK (array_length(weights, 1) = 3),
  set_by        uuid REFERENCES identity_users(id),
  set_at        timestamptz NOT NULL,
  PRIMARY KEY (item_id, year)
);

-- A quarter's subsidy of a loan: computed once (the daily job is idempotent on this key),
-- handed to fulfilment, its split between levels posted to the ledger when paid.
CREATE TABLE loan_subsidies (
  loan_id       uuid NOT NULL REFERENCES loan_requests(id),
  year          int NOT NULL,
  quarter       int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  periods       int[] NOT NULL,
  subsidy_fen   bigint NOT NULL CHECK (subsidy_fen >= 0),
  rate_cap_bp   int,
  share_bp      int NOT NULL,
  weights       int[] NOT NULL,
  shares_fen    int[] NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending','paid','nil')),
  paid_fen      bigint,
  computed_at   timestamptz NOT NULL,
  paid_at       timestamptz,
  PRIMARY KEY (loan_id, year, quarter)
);

-- The module's ledger accounts per region: each funding level's subsidy account, the subsidies
-- paid, the bad-debt reserve (风险准备金, floor 0), its funding, and the losses it covered.
CREATE TABLE loan_accounts (
  region_code text NOT NULL REFERENCES core_regions(code),
  purpose     text NOT NULL CHECK (purpose IN ('level_1','level_2','level_3','subsidies_paid','reserve','reserve_funding','default_losses')),
  account_id  uuid NOT NULL UNIQUE,
  PRIMARY KEY (region_code, purpose)
);
