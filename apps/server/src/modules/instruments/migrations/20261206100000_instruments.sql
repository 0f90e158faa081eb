-- Shared large research instruments (大型科研仪器开放共享): instruments listed by their owner
-- organisations (kind instrument_owner), closures, users' self-operation qualifications,
-- bookings of half-open time ranges kept apart by an exclusion constraint (no double booking,
-- ever), the usage and bill of each booking, and a waiting list for taken slots.
-- Money is integer fen. A voucher part lives in the vouchers module (no foreign key to it).

CREATE TABLE instruments_instruments (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id      uuid NOT NULL REFERENCES identity_organisations(id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  model                text NOT NULL CHECK (length(model) <= 100),
  maker                text NOT NULL CHECK (length(maker) <= 100),
  category             text NOT NULL CHECK (category IN ('analytical','physical','metrology','electronic','medical','special_testing','laser','process','computing','other')),
  location             text NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
  region_code          text NOT NULL REFERENCES core_regions(code),
  original_value_fen   bigint NOT NULL CHECK (original_value_fen >= 0),
  specifications       text NOT NULL CHECK (length(specifications) <= 4000),
  -- 测试项目: [{ name, sampleRequirements, pricePerSampleFen }]
  services             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(services) = 'array'),
  internal_rate_fen    integer NOT NULL CHECK (internal_rate_fen >= 0),
  external_rate_fen    integer NOT NULL CHECK (external_rate_fen >= 0),
  -- opening hours: an array of 7 (Monday … Sunday), each null (closed) or [openMinute, closeMinute]
  opening_hours        jsonb NOT NULL CHECK (jsonb_typeof(opening_hours) = 'array' AND jsonb_array_length(opening_hours) = 7),
  min_minutes          integer NOT NULL CHECK (min_minutes BETWEEN 15 AND 10080),
  max_minutes          integer NOT NULL CHECK (max_minutes BETWEEN 15 AND 10080),
  cancel_cutoff_hours  integer NOT NULL CHECK (cancel_cutoff_hours BETWEEN 0 AND 720),
  cancel_fee_fen       integer NOT NULL CHECK (cancel_fee_fen >= 0),
  max_future_bookings  integer NOT NULL CHECK (max_future_bookings BETWEEN 1 AND 100),
  approval_required    boolean NOT NULL,
  operation            text NOT NULL CHECK (operation IN ('self','staff')),
  qualification        text NOT NULL CHECK (length(qualification) <= 1000),
  search               tsvector NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK (min_minutes <= max_minutes)
);
CREATE INDEX instruments_instruments_search ON instruments_instruments USING gin (search);
CREATE INDEX instruments_instruments_org ON instruments_instruments (organisation_id);

CREATE TABLE instruments_closures (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id  uuid NOT NULL REFERENCES instruments_instruments(id) ON DELETE CASCADE,
  from_day       date NOT NULL,
  to_day         date NOT NULL,
  reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  CHECK (from_day <= to_day)
);
CREATE INDEX instruments_closures_instrument ON instruments_closures (instrument_id);

-- A user's declared qualification to operate an instrument themselves; the owner confirms it.
CREATE TABLE instruments_qualifications (
  instrument_id  uuid NOT NULL REFERENCES instruments_instruments(id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES identity_users(id),
  statement      text NOT NULL CHECK (length(statement) BETWEEN 1 AND 1000),
  status         text NOT NULL CHECK (status IN ('declared','confirmed')),
  declared_at    timestamptz NOT NULL,
  confirmed_by   uuid REFERENCES identity_users(id),
  confirmed_at   timestamptz,
  PRIMARY KEY (instrument_id, user_id),
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
);

-- A booking of [start, end). Live bookings (requested, confirmed, completed, no_show) never
-- overlap on one instrument: the exclusion constraint, not a check in code.
CREATE TABLE instruments_bookings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id    uuid NOT NULL REFERENCES instruments_instruments(id),
  user_id          uuid NOT NULL REFERENCES identity_users(id),
  subject_id       uuid REFERENCES subjects(id),
  during           tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
  status           text NOT NULL CHECK (status IN ('requested','confirmed','completed','no_show','cancelled','rejected')),
  external         boolean NOT NULL,
  rate_fen         integer NOT NULL CHECK (rate_fen >= 0),
  estimate_fen     bigint NOT NULL CHECK (estimate_fen >= 0),
  purpose          text NOT NULL CHECK (length(purpose) <= 500),
  voucher_id       uuid,
  -- the order id under which the voucher part is held now (instrument-booking:<id>[:usage])
  voucher_order_id text,
  actual_start     timestamptz,
  actual_end       timestamptz,
  bill_fen         bigint CHECK (bill_fen >= 0),
  fee_fen          bigint CHECK (fee_fen >= 0),
  reason           text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK (actual_end IS NULL OR (actual_start IS NOT NULL AND actual_end > actual_start)),
  CHECK ((status = 'completed') = (bill_fen IS NOT NULL AND actual_end IS NOT NULL)),
  CHECK ((voucher_id IS NULL) = (voucher_order_id IS NULL)),
  CONSTRAINT instruments_bookings_no_overlap EXCLUDE USING gist (instrument_id WITH =, during WITH &&)
    WHERE (status IN ('requested','confirmed','completed','no_show'))
);
CREATE INDEX instruments_bookings_user ON instruments_bookings (user_id, status);

-- Waiting for a taken slot: told when a booking overlapping it is cancelled or rejected.
CREATE TABLE instruments_waitlist (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id  uuid NOT NULL REFERENCES instruments_instruments(id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES identity_users(id),
  during         tstzrange NOT NULL CHECK (NOT isempty(during)),
  created_at     timestamptz NOT NULL,
  notified_at    timestamptz,
  UNIQUE (instrument_id, user_id, during)
);
