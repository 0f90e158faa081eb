-- Job chunks (platform/jobs.ts): a population job split into parts that any runner of any app
-- process claims (FOR UPDATE SKIP LOCKED), heartbeats while it runs, and finishes by storing its
-- partial result with its done status in one transaction. The parent job completes, merging the
-- parts' results, in the transaction that finishes its last chunk.
ALTER TABLE platform_jobs ADD COLUMN chunks integer CHECK (chunks IS NULL OR chunks > 0);
CREATE TABLE platform_job_chunks (
  job_id       uuid NOT NULL REFERENCES platform_jobs(id) ON DELETE CASCADE,
  seq          integer NOT NULL CHECK (seq >= 0),
  spec         jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  result       jsonb,
  error        text,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- How many times a result of this chunk was committed (1 once done: the exactly-once check).
  completions  integer NOT NULL DEFAULT 0 CHECK (completions >= 0),
  locked_by    text,
  heartbeat_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX platform_job_chunks_pending ON platform_job_chunks (job_id, seq) WHERE status IN ('queued','running');
