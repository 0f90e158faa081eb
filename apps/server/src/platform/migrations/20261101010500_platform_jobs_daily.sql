-- Jobs queued once per key (a daily job queued by every app process exists once per day).
ALTER TABLE platform_jobs ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX platform_jobs_dedupe ON platform_jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL;
