-- Shared instruments, second part: a no-show fee of its own (it was the late-cancellation fee),
-- test services (测试项目) priced per sample for internal and external users and requested with
-- samples, and photos of an instrument (uploads of the files module).

ALTER TABLE instruments_instruments ADD COLUMN no_show_fee_fen integer NOT NULL DEFAULT 0 CHECK (no_show_fee_fen >= 0);
UPDATE instruments_instruments SET no_show_fee_fen = cancel_fee_fen;
ALTER TABLE instruments_instruments ALTER COLUMN no_show_fee_fen DROP DEFAULT;

-- Each service gains its internal per-sample price (until now: one price for everyone).
UPDATE instruments_instruments
   SET services = coalesce((SELECT jsonb_agg(s || jsonb_build_object('internalPricePerSampleFen', s -> 'pricePerSampleFen') ORDER BY n)
                              FROM jsonb_array_elements(services) WITH ORDINALITY AS e(s, n)), '[]'::jsonb);

-- A request of a test service with N samples: the owner accepts or declines it (with a reason),
-- then records the result (a PDF report) and the samples actually tested; the bill is per sample.
CREATE TABLE instruments_test_requests (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id         uuid NOT NULL REFERENCES instruments_instruments(id),
  service_name          text NOT NULL CHECK (length(service_name) BETWEEN 1 AND 100),
  user_id               uuid NOT NULL REFERENCES identity_users(id),
  subject_id            uuid REFERENCES subjects(id),
  samples               integer NOT NULL CHECK (samples BETWEEN 1 AND 1000),
  note                  text NOT NULL CHECK (length(note) <= 1000),
  status                text NOT NULL CHECK (status IN ('requested','accepted','declined','cancelled','completed')),
  external              boolean NOT NULL,
  price_per_sample_fen  integer NOT NULL CHECK (price_per_sample_fen >= 0),
  estimate_fen          bigint NOT NULL CHECK (estimate_fen >= 0),
  voucher_id            uuid,
  -- the order id under which the voucher part is held now (instrument-test:<id>[:result])
  voucher_order_id      text,
  samples_tested        integer CHECK (samples_tested BETWEEN 0 AND 1000),
  bill_fen              bigint CHECK (bill_fen >= 0),
  report_file_id        uuid REFERENCES files(id),
  reason                text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  completed_at          timestamptz,
  CHECK ((status = 'completed') = (bill_fen IS NOT NULL AND samples_tested IS NOT NULL AND report_file_id IS NOT NULL AND completed_at IS NOT NULL)),
  CHECK ((status = 'declined') <= (reason IS NOT NULL)),
  CHECK ((voucher_id IS NULL) = (voucher_order_id IS NULL))
);
CREATE INDEX instruments_test_requests_instrument ON instruments_test_requests (instrument_id, status);
CREATE INDEX instruments_test_requests_user ON instruments_test_requests (user_id);

CREATE TABLE instruments_photos (
  instrument_id  uuid NOT NULL REFERENCES instruments_instruments(id) ON DELETE CASCADE,
  file_id        uuid NOT NULL REFERENCES files(id),
  added_at       timestamptz NOT NULL,
  PRIMARY KEY (instrument_id, file_id)
);
