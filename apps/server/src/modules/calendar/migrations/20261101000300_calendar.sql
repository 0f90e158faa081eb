-- The working calendar: each year's State Council holiday arrangement (放假调休), entered by the
-- programme office. A row is a weekday off ('holiday') or a weekend day worked in exchange
-- ('workday'); every other Monday–Friday is a working day. Deadlines in working days count on it.
CREATE TABLE core_calendar_days (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name       text NOT NULL DEFAULT '',
  CHECK ((kind = 'holiday') = (extract(isodow FROM day) < 6))
);

-- Where each year's arrangement comes from, and who entered it when.
CREATE TABLE core_calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source     text NOT NULL,
  updated_by uuid REFERENCES identity_users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
