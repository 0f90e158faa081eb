-- Finance (金融服务), part one: financial institutions' products and enterprises' financing needs.
-- A product belongs to an organisation of kind financial_institution; who may apply is a rule of
-- the rules engine (criteria in the rule file format, checked on save). Money is fen, annual rates
-- basis points (1% = 100), terms months. A need is posted by an enterprise (its subject) and sent
-- to products as requests, one per institution: applied to a product, matched by the platform, or
-- referred after a refusal with the firm's consent. Each request is due on a day counted in
-- working days; the answer is an offer or a refusal with a reason from a fixed list, once.
-- Later parts (guaranteed start-up loans, the pre-IPO pool) hang on these rows: a product may
-- name the catalogue item it serves (catalogue_item_id), and a loan will point at the accepted
-- request it comes from.
CREATE TABLE finance_products (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL REFERENCES identity_organisations(id),
  name               text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  kind               text NOT NULL CHECK (kind IN ('credit','guarantee','ip_pledge','startup_guaranteed','equity')),
  region_code        text NOT NULL REFERENCES core_regions(code),
  amount_min_fen     bigint NOT NULL CHECK (amount_min_fen >= 0),
  amount_max_fen     bigint NOT NULL,
  rate_min_bp        integer NOT NULL CHECK (rate_min_bp >= 0),
  rate_max_bp        integer NOT NULL CHECK (rate_max_bp <= 10000),
  term_min_months    integer NOT NULL CHECK (term_min_months >= 1),
  term_max_months    integer NOT NULL CHECK (term_max_months <= 360),
  collateral         text NOT NULL,
  description        text NOT NULL,
  eligibility        jsonb NOT NULL CHECK (jsonb_typeof(eligibility) = 'array'),
  catalogue_item_id  text,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active','paused','withdrawn')),
  search             tsvector NOT NULL,
  created_by         uuid NOT NULL REFERENCES identity_users(id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CONSTRAINT finance_product_amounts CHECK (amount_min_fen <= amount_max_fen AND amount_max_fen > 0),
  CONSTRAINT finance_product_rates CHECK (rate_min_bp <= rate_max_bp),
  CONSTRAINT finance_product_terms CHECK (term_min_months <= term_max_months)
);
CREATE INDEX finance_products_search ON finance_products USING gin (search);
CREATE INDEX finance_products_organisation ON finance_products (organisation_id);

-- A withdrawn product stays withdrawn.
CREATE FUNCTION finance_product_withdrawn_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'withdrawn' THEN
    RAISE EXCEPTION 'product % is withdrawn', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'finance_product_withdrawn_final';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER finance_product_withdrawn_final BEFORE UPDATE ON finance_products FOR EACH ROW EXECUTE FUNCTION finance_product_withdrawn_final();

CREATE TABLE finance_needs (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id        uuid NOT NULL REFERENCES subjects(id),
  region_code       text NOT NULL REFERENCES core_regions(code),
  amount_fen        bigint NOT NULL CHECK (amount_fen > 0),
  term_months       integer NOT NULL CHECK (term_months BETWEEN 1 AND 360),
  purpose           text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 500),
  collateral        text NOT NULL,
  consent_to_share  boolean NOT NULL,
  posted_by         uuid NOT NULL REFERENCES identity_users(id),
  posted_at         timestamptz NOT NULL
);
CREATE INDEX finance_needs_subject ON finance_needs (subject_id);

CREATE TABLE finance_requests (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  need_id            uuid NOT NULL REFERENCES finance_needs(id),
  product_id         uuid NOT NULL REFERENCES finance_products(id),
  organisation_id    uuid NOT NULL REFERENCES identity_organisations(id),
  origin             text NOT NULL CHECK (origin IN ('applied','matched','referred')),
  sent_at            timestamptz NOT NULL,
  due_on             date NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','refused')),
  offer_amount_fen   bigint CHECK (offer_amount_fen > 0),
  offer_rate_bp      integer CHECK (offer_rate_bp BETWEEN 0 AND 10000),
  offer_term_months  integer CHECK (offer_term_months BETWEEN 1 AND 360),
  refusal_reason     text CHECK (refusal_reason IN ('credit_record','collateral','cash_flow','outside_scope','materials','amount','other')),
  note               text NOT NULL DEFAULT '',
  answered_by        uuid REFERENCES identity_users(id),
  answered_at        timestamptz,
  answered_on        date,
  escalated_on       date,
  -- one request per need and institution: a need is not sent twice to one bank
  CONSTRAINT finance_request_once UNIQUE (need_id, organisation_id),
  CONSTRAINT finance_request_answer CHECK (
    (status = 'pending' AND answered_at IS NULL AND answered_on IS NULL AND answered_by IS NULL AND offer_amount_fen IS NULL AND refusal_reason IS NULL)
    OR (status = 'accepted' AND answered_at IS NOT NULL AND answered_on IS NOT NULL AND answered_by IS NOT NULL AND offer_amount_fen IS NOT NULL AND offer_rate_bp IS NOT NULL AND offer_term_months IS NOT NULL AND refusal_reason IS NULL)
    OR (status = 'refused' AND answered_at IS NOT NULL AND answered_on IS NOT NULL AND answered_by IS NOT NULL AND refusal_reason IS NOT NULL AND offer_amount_fen IS NULL
        AND (refusal_reason <> 'other' OR length(btrim(note)) >= 2))
  )
);
CREATE INDEX finance_requests_organisation ON finance_requests (organisation_id, status, due_on);
CREATE INDEX finance_requests_need ON finance_requests (need_id);

-- An answer is given once; an escalation is recorded once.
CREATE FUNCTION finance_request_answer_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.answered_at IS DISTINCT FROM OLD.answered_at OR NEW.offer_amount_fen IS DISTINCT FROM OLD.offer_amount_fen OR NEW.refusal_reason IS DISTINCT FROM OLD.refusal_reason) THEN
    RAISE EXCEPTION 'request % is already answered', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'finance_request_answer_once';
  END IF;
  IF OLD.escalated_on IS NOT NULL AND NEW.escalated_on IS DISTINCT FROM OLD.escalated_on THEN
    RAISE EXCEPTION 'request % is already escalated', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'finance_request_escalated_once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER finance_request_answer_once BEFORE UPDATE ON finance_requests FOR EACH ROW EXECUTE FUNCTION finance_request_answer_once();
