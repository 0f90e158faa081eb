-- Review: independent assessment of a case (an application today; a competition entry, a
-- provider's certification, a carrier's annual assessment or a credit-repair request later)
-- against a rubric. Each assessor either declares a conflict of interest or scores every
-- criterion, once per round. `owner` names the module and kind of case; the case itself lives
-- in the owner's tables (no foreign key across modules).
CREATE TABLE review_scores (
  owner            text NOT NULL CHECK (owner ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$'),
  case_id          uuid NOT NULL,
  round            integer NOT NULL CHECK (round >= 1),
  assessor_user_id uuid NOT NULL REFERENCES identity_users(id),
  conflict         boolean NOT NULL,
  conflict_note    text CHECK (conflict_note IS NULL OR length(conflict_note) BETWEEN 1 AND 1000),
  scores           jsonb NOT NULL DEFAULT '{}'::jsonb,
  total            integer CHECK (total IS NULL OR total >= 0),
  comment          text CHECK (comment IS NULL OR length(comment) <= 2000),
  submitted_at     timestamptz NOT NULL,
  PRIMARY KEY (owner, case_id, round, assessor_user_id),
  -- a conflict carries a note and no scores; a score carries a total and no note
  CHECK (conflict = (total IS NULL)),
  CHECK (conflict = (conflict_note IS NOT NULL))
);
CREATE INDEX review_scores_assessor ON review_scores (owner, case_id, assessor_user_id);

-- A review is written once: corrections are a new round, never an edit.
CREATE FUNCTION review_scores_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review scores are append-only' USING ERRCODE = '55000';
END $$;
CREATE TRIGGER review_scores_append_only BEFORE UPDATE ON review_scores
  FOR EACH ROW EXECUTE FUNCTION review_scores_append_only();

-- Fulfilment's expert reviews move here, as they were.
INSERT INTO review_scores (owner, case_id, round, assessor_user_id, conflict, conflict_note, scores, total, comment, submitted_at)
SELECT 'fulfilment.application', application_id, round, assessor_user_id, conflict,
       CASE WHEN conflict THEN coalesce(nullif(conflict_note, ''), '（未说明）') END,
       scores, total, comment, submitted_at
  FROM fulfilment_assessments;
DROP TABLE fulfilment_assessments;
