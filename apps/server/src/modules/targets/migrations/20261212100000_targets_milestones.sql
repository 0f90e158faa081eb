-- Milestones (里程碑) the programme office sets on a target: what should stand by a day, with an
-- optional figure in the target's unit. The lead unit (or the office) marks one reached, with the
-- day and a note; an "at least" target's milestone with a figure counts as reached once the
-- target's figure meets it (computed on read, never stored).
CREATE TABLE targets_milestones (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id   uuid NOT NULL REFERENCES targets_targets(id),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on      date NOT NULL,
  value       numeric,
  reached_on  date,
  reached_by  uuid REFERENCES identity_users(id),
  note        text CHECK (note IS NULL OR length(note) <= 500),
  created_by  uuid NOT NULL REFERENCES identity_users(id),
  created_at  timestamptz NOT NULL,
  CHECK ((reached_on IS NULL) = (reached_by IS NULL))
);
CREATE INDEX targets_milestones_target ON targets_milestones(target_id, due_on);

-- The lead unit's report of a period consolidates (汇总) its supporting units' reports of that
-- period: their ids, kept with the lead's report.
ALTER TABLE targets_reports ADD COLUMN consolidates uuid[] NOT NULL DEFAULT '{}';
