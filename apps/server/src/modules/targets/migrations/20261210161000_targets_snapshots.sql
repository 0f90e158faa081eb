-- The light and figure of every target as the daily evaluation found them, one row per target and
-- day: the leadership dashboard's trend reads them (the current day is computed live).
CREATE TABLE targets_snapshots (
  target_id  uuid NOT NULL REFERENCES targets_targets(id) ON DELETE CASCADE,
  day        date NOT NULL,
  status     text NOT NULL,
  figure     numeric,
  progress   numeric,
  PRIMARY KEY (target_id, day)
);
CREATE INDEX targets_snapshots_day ON targets_snapshots (day);
