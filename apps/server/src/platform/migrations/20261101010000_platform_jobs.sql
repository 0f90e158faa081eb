-- Persisted background jobs (platform/jobs.ts): work that outlives a request and survives a
-- restart. A runner claims queued jobs (FOR UPDATE SKIP LOCKED on PostgreSQL), saves a
-- checkpoint after every chunk, and a restart resumes from the last checkpoint.
CREATE TABLE platform_jobs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]*$'),
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress     real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  checkpoint   jsonb,
  result       jsonb,
  error        text,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  locked_by    text,
  heartbeat_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_jobs_pending ON platform_jobs (created_at) WHERE status IN ('queued','running');
