-- Publishing above a threshold of affected subjects or cost needs a second officer's approval:
-- the draft waits as 'awaiting_approval' (still the item's one open draft) until another officer
-- of the same department approves it, which publishes it. The approver is never the author.
ALTER TABLE policy_versions DROP CONSTRAINT policy_versions_status_check;
ALTER TABLE policy_versions ADD CONSTRAINT policy_versions_status_check
  CHECK (status IN ('draft','awaiting_approval','published','superseded','discarded'));
DROP INDEX policy_versions_one_draft;
CREATE UNIQUE INDEX policy_versions_one_draft ON policy_versions (item_id) WHERE status IN ('draft','awaiting_approval');
ALTER TABLE policy_versions
  ADD COLUMN submitted_by uuid REFERENCES identity_users(id),
  ADD COLUMN submitted_at timestamptz,
  ADD COLUMN approval_department uuid REFERENCES identity_organisations(id),
  ADD COLUMN approved_by uuid REFERENCES identity_users(id),
  ADD COLUMN impact jsonb;
ALTER TABLE policy_versions ADD CONSTRAINT policy_versions_second_person
  CHECK (approved_by IS NULL OR (approved_by <> submitted_by AND (created_by IS NULL OR approved_by <> created_by)));
ALTER TABLE policy_versions ADD CONSTRAINT policy_versions_awaiting_submitted
  CHECK (status <> 'awaiting_approval' OR (submitted_by IS NOT NULL AND approval_department IS NOT NULL));
