-- A progress report's attachments (evidence: PDF or images the reporter uploaded), kept by file id.
ALTER TABLE targets_reports ADD COLUMN attachment_ids uuid[] NOT NULL DEFAULT '{}';
