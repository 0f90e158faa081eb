-- The service marketplace (服务超市): certified third-party service providers (第三方专业服务机构),
-- their listings, orders from enterprises (optionally paid in part by a service voucher through
-- the vouchers module's seam), ratings from settled orders only, star grades and misuse flags.
-- Money is integer fen. The voucher itself lives in the vouchers module (no foreign key to it).

-- A provider's application for certification, and its standing once decided. One open
-- application or live certification per provider at a time (pending, certified or suspended).
CREATE TABLE marketplace_certifications (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL REFERENCES identity_organisations(id),
  categories        text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 11
                      AND categories <@ ARRAY['management','finance','marketing','hr','legal','ip','testing','logistics','design','software','training']),
  regions           text[] NOT NULL CHECK (cardinality(regions) BETWEEN 1 AND 20),
  qualifications    text NOT NULL CHECK (length(qualifications) BETWEEN 1 AND 4000),
  file_ids          uuid[] NOT NULL DEFAULT '{}',
  status            text NOT NULL CHECK (status IN ('pending','certified','rejected','suspended','revoked')),
  valid_from        date,
  valid_to          date,
  reason            text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000),
  applied_by        uuid NOT NULL REFERENCES identity_users(id),
  applied_at        timestamptz NOT NULL,
  decided_by        uuid REFERENCES identity_users(id),
  decided_at        timestamptz,
  -- certified (and suspended) carry their validity; a refusal, suspension or revocation its reason
  CHECK (status IN ('pending','rejected') OR (valid_from IS NOT NULL AND valid_to IS NOT NULL AND valid_from <= valid_to)),
  CHECK (status IN ('pending','certified') OR reason IS NOT NULL),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX marketplace_certifications_live ON marketplace_certifications (organisation_id)
  WHERE status IN ('pending','certified','suspended');

-- A service a certified provider offers: a fixed price (min = max) or a range, in fen.
CREATE TABLE marketplace_listings (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL REFERENCES identity_organisations(id),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description       text NOT NULL CHECK (length(description) <= 2000),
  category          text NOT NULL CHECK (category IN ('management','finance','marketing','hr','legal','ip','testing','logistics','design','software','training')),
  price_min_fen    integer NOT NULL CHECK (price_min_fen >= 0),
  price_max_fen    integer NOT NULL,
  delivery_days     integer NOT NULL CHECK (delivery_days BETWEEN 1 AND 365),
  regions           text[] NOT NULL CHECK (cardinality(regions) BETWEEN 1 AND 20),
  voucher_payable   boolean NOT NULL,
  active            boolean NOT NULL DEFAULT true,
  search            tsvector NOT NULL,
  created_at        timestamptz NOT NULL,
  CHECK (price_max_fen >= price_min_fen)
);
CREATE INDEX marketplace_listings_search ON marketplace_listings USING gin (search);
CREATE INDEX marketplace_listings_provider ON marketplace_listings (organisation_id);

-- An enterprise's order of a listing. A price is fixed when placed (within the listing's range)
-- or quoted by the provider on request. The voucher's part is held on confirmation, redeemed on
-- acceptance, released on cancellation (the vouchers module's rows; here only what it said).
CREATE TABLE marketplace_orders (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  listing_id        uuid NOT NULL REFERENCES marketplace_listings(id),
  provider_organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  subject_id        uuid NOT NULL REFERENCES subjects(id),
  ordered_by        uuid NOT NULL REFERENCES identity_users(id),
  category          text NOT NULL,
  title             text NOT NULL,
  note              text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  price_fen        integer CHECK (price_fen IS NULL OR price_fen >= 0),
  status            text NOT NULL CHECK (status IN ('quote_requested','quoted','placed','confirmed','delivered','accepted','disputed','cancelled')),
  voucher_id        uuid,
  voucher_pays_fen integer CHECK (voucher_pays_fen IS NULL OR voucher_pays_fen >= 0),
  delivery_file_id  uuid REFERENCES files(id),
  delivery_note     text CHECK (delivery_note IS NULL OR length(delivery_note) <= 2000),
  dispute_reason    text CHECK (dispute_reason IS NULL OR length(dispute_reason) BETWEEN 1 AND 1000),
  dispute_decision  text CHECK (dispute_decision IS NULL OR dispute_decision IN ('provider','enterprise')),
  decision_reason   text CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 1 AND 1000),
  cancel_reason     text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 1000),
  decided_by        uuid REFERENCES identity_users(id),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  accepted_at       timestamptz,
  -- every order past the quote has a price; delivered and later ones a result; accepted ones a date
  CHECK (status IN ('quote_requested','cancelled') OR price_fen IS NOT NULL),
  CHECK (status NOT IN ('delivered','accepted','disputed') OR delivery_file_id IS NOT NULL),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
  CHECK (voucher_pays_fen IS NULL OR (voucher_id IS NOT NULL AND voucher_pays_fen <= price_fen))
);
CREATE INDEX marketplace_orders_provider ON marketplace_orders (provider_organisation_id, status);
CREATE INDEX marketplace_orders_subject ON marketplace_orders (subject_id, status);

-- Ratings: one per order per dimension, 1 to 5, only on an accepted (settled) order.
CREATE TABLE marketplace_ratings (
  order_id          uuid NOT NULL REFERENCES marketplace_orders(id),
  dimension         text NOT NULL CHECK (dimension IN ('quality','timeliness','price')),
  score             integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  provider_organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  rated_by          uuid NOT NULL REFERENCES identity_users(id),
  comment           text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (order_id, dimension)
);
CREATE INDEX marketplace_ratings_provider ON marketplace_ratings (provider_organisation_id);

CREATE FUNCTION marketplace_ratings_settled_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'marketplace ratings are written once' USING ERRCODE = '55000';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM marketplace_orders o WHERE o.id = NEW.order_id AND o.status = 'accepted'
                   AND o.provider_organisation_id = NEW.provider_organisation_id) THEN
    RAISE EXCEPTION 'a rating needs an accepted order of that provider' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER marketplace_ratings_settled_only BEFORE INSERT OR UPDATE OR DELETE ON marketplace_ratings
  FOR EACH ROW EXECUTE FUNCTION marketplace_ratings_settled_only();

-- The provider's one reply to an order's ratings.
CREATE TABLE marketplace_rating_replies (
  order_id          uuid PRIMARY KEY REFERENCES marketplace_orders(id),
  text              text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  replied_by        uuid NOT NULL REFERENCES identity_users(id),
  replied_at        timestamptz NOT NULL
);

-- Possible misuse flagged to officers.
CREATE TABLE marketplace_flags (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind              text NOT NULL CHECK (kind IN ('related_parties','round_amounts','rating_without_delivery')),
  provider_organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  subject_id        uuid REFERENCES subjects(id),
  order_id          uuid REFERENCES marketplace_orders(id),
  detail            text NOT NULL CHECK (length(detail) BETWEEN 1 AND 1000),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open','dismissed','acted')),
  resolution        text CHECK (resolution IS NULL OR length(resolution) BETWEEN 1 AND 1000),
  resolved_by       uuid REFERENCES identity_users(id),
  resolved_at       timestamptz,
  created_at        timestamptz NOT NULL,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE UNIQUE INDEX marketplace_flags_once ON marketplace_flags (kind, order_id) WHERE order_id IS NOT NULL;

-- The star grade of a year as the programme office computed it (the formula's terms kept).
CREATE TABLE marketplace_grades (
  organisation_id   uuid NOT NULL REFERENCES identity_organisations(id),
  year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  stars             integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  points            integer NOT NULL CHECK (points BETWEEN 0 AND 100),
  terms             jsonb NOT NULL,
  computed_by       uuid NOT NULL REFERENCES identity_users(id),
  computed_at       timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, year)
);
