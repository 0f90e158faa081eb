-- The demo's synthetic population: registered subjects without an account or organisation,
-- marked `demo` so that nothing real (statistics, matching, notifications) counts them. Only the
-- demo seed writes such rows (never in production: main.ts seeds demo data only when config.demo).
ALTER TABLE subjects ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE subjects DROP CONSTRAINT subjects_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_check
  CHECK (demo OR (kind = 'enterprise' AND organisation_id IS NOT NULL) OR (kind = 'person' AND user_id IS NOT NULL));
CREATE INDEX subjects_demo ON subjects (kind, id) WHERE demo;
