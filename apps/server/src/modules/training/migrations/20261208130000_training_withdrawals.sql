-- Withdrawal before a course starts: the enrolment keeps its row (the provider sees who withdrew
-- and when), its status becomes 'withdrawn' and the count trigger frees the seat. Enrolling
-- again turns the same row back to 'enrolled' (one row per person and course), under the capacity.
ALTER TABLE training_enrolments ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE training_enrolments ADD CONSTRAINT training_enrolments_withdrawn_at CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL));
