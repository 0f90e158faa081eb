import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from './database.js';
import type { JobKind, JobKinds } from './module.js';

/**
 * Persisted background jobs: work that outlives a request (population-scale evaluation,
 * matching every subject after a publish). A job is a row in `platform_jobs`; a runner in the
 * app process polls for queued work, claims one job at a time (`FOR UPDATE SKIP LOCKED`, so
 * several app processes on one PostgreSQL server never run the same job), and the handler saves
 * a checkpoint after each chunk. A process that dies mid-job leaves the row `running` with an
 * old heartbeat: another runner (or the same one after a restart) claims it again and the
 * handler resumes from the checkpoint. Tests call `drain()` to run everything deterministically.
 */

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  progress: number;
  checkpoint: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface JobContext<P, C> {
  readonly id: string;
  readonly payload: P;
  /** The checkpoint saved by an earlier attempt, or null on a fresh start. */
  readonly checkpoint: C | null;
  readonly attempt: number;
  /** Commits progress (0..1) and the checkpoint to resume from; throws JobStopped when the runner is stopping. */
  save(progress: number, checkpoint: C): Promise<void>;
}

export type JobHandler<P = unknown, C = unknown, R = unknown> = (ctx: JobContext<P, C>) => Promise<R>;

/** Thrown by `save` when the runner is stopping: the job stays claimable and resumes later. */
export class JobStopped extends Error {
  constructor() {
    super('job runner stopping');
    this.name = 'JobStopped';
  }
}

const MAX_ATTEMPTS = 3;
/** A running job whose heartbeat is older than this is taken to belong to a dead process. */
const STALE_SECONDS = 60;

/**
 * Queues a job inside the caller's transaction (so it exists only if the change commits). The
 * kind is one a manifest declares with its handler (`JobKinds`, `defineJob`), the payload its type.
 */
export async function enqueueJob<K extends JobKind>(db: Db | Tx, kind: K, payload: JobKinds[K]): Promise<string> {
  return enqueueAnyJob(db, kind, payload);
}

/** `enqueueJob` for a kind no manifest declares: the runner's own tests, which register their handlers by hand. */
export async function enqueueAnyJob(db: Db | Tx, kind: string, payload: unknown): Promise<string> {
  const id = randomUUID();
  await sql`INSERT INTO platform_jobs (id, kind, payload) VALUES (${id}, ${kind}, ${JSON.stringify(payload)}::jsonb)`.execute(db);
  return id;
}

/**
 * Queues a job once per `key` (e.g. a day): whoever queues it first wins, later calls with the
 * same kind and key change nothing. True when this call queued it.
 */
async function enqueueJobOnce(db: Db | Tx, kind: string, key: string, payload: unknown): Promise<boolean> {
  const r = await sql<{ id: string }>`INSERT INTO platform_jobs (id, kind, payload, dedupe_key) VALUES (${randomUUID()}, ${kind}, ${JSON.stringify(payload)}::jsonb, ${key})
                                      ON CONFLICT (kind, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`.execute(db);
  return r.rows.length === 1;
}

export async function getJob(db: Db | Tx, id: string): Promise<JobRow | undefined> {
  const r = await sql<JobRow>`SELECT id, kind, payload, status, progress, checkpoint, result, error, attempts, created_at, started_at, finished_at FROM platform_jobs WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export interface JobRunnerOptions {
  pollMs?: number;
  /** PGlite is one process: every `running` row at start belongs to a previous run of it. */
  singleProcess?: boolean;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler<never, never>>();
  private readonly dailies: { kind: JobKind; today: () => string; payload: (day: string) => unknown; queued: string | null }[] = [];
  private readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly options: JobRunnerOptions = {},
  ) {}

  register<P, C, R>(kind: string, handler: JobHandler<P, C, R>): void {
    if (this.handlers.has(kind)) throw new Error(`job kind "${kind}" is registered twice`);
    this.handlers.set(kind, handler as unknown as JobHandler<never, never>);
  }

  /** The kinds this runner has a handler for (it claims no other). */
  registeredKinds(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * A job of `kind` (registered with `register`) once a day: while the runner polls, it queues the
   * day's job when `today()` changes (once across processes: the day is the job's dedupe key).
   */
  daily<K extends JobKind>(kind: K, today: () => string, payload: (day: string) => JobKinds[K]): void {
    if (!this.handlers.has(kind)) throw new Error(`daily job "${kind}" has no handler: register it first`);
    this.dailies.push({ kind, today, payload, queued: null });
  }

  /** Queues each daily job for its day if not queued yet (the polling runner calls it before each drain). */
  async queueDailies(): Promise<void> {
    for (const d of this.dailies) {
      const day = d.today();
      if (d.queued === day) continue;
      await enqueueJobOnce(this.db, d.kind, day, d.payload(day));
      d.queued = day;
    }
  }

  /** Starts polling. Jobs left `running` by a previous run of a single-process database are resumed. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    if (this.options.singleProcess) {
      await sql`UPDATE platform_jobs SET status = 'queued', locked_by = NULL, updated_at = now() WHERE status = 'running'`.execute(this.db);
    }
    const tick = () => {
      if (this.stopping) return;
      this.running = this.queueDailies()
        .then(() => this.drain())
        .then(() => undefined)
        .catch((e: unknown) => this.options.log?.('job runner error', { error: String(e) }))
        .finally(() => {
          this.running = null;
          if (!this.stopping) this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling; a job in progress stops at its next checkpoint and stays resumable. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.started = false;
  }

  /** Runs queued jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    while (!this.stopping) {
      if (!(await this.runOne())) break;
      n++;
    }
    return n;
  }

  private async claim(): Promise<JobRow | undefined> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return undefined;
    const r = await sql<JobRow>`
      UPDATE platform_jobs SET status = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
             heartbeat_at = now(), started_at = coalesce(started_at, now()), updated_at = now()
       WHERE id = (
         SELECT id FROM platform_jobs
          WHERE kind = ANY(${kinds}::text[])
            AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ${STALE_SECONDS})))
          ORDER BY created_at
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, status, progress, checkpoint, result, error, attempts, created_at, started_at, finished_at`.execute(this.db);
    return r.rows[0];
  }

  /** Claims and runs one job; false when there was nothing to do. */
  async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const handler = this.handlers.get(job.kind)!;
    const ctx: JobContext<unknown, unknown> = {
      id: job.id,
      payload: job.payload,
      checkpoint: job.checkpoint ?? null,
      attempt: job.attempts,
      save: async (progress, checkpoint) => {
        const p = Math.max(0, Math.min(1, progress));
        await sql`UPDATE platform_jobs SET progress = ${p}, checkpoint = ${JSON.stringify(checkpoint)}::jsonb, heartbeat_at = now(), updated_at = now()
                   WHERE id = ${job.id} AND locked_by = ${this.workerId}`.execute(this.db);
        if (this.stopping) throw new JobStopped();
      },
    };
    try {
      const result = await (handler as JobHandler<unknown, unknown>)(ctx);
      await sql`UPDATE platform_jobs SET status = 'done', progress = 1, result = ${JSON.stringify(result ?? null)}::jsonb, error = NULL,
                       locked_by = NULL, finished_at = now(), updated_at = now() WHERE id = ${job.id}`.execute(this.db);
    } catch (e) {
      if (e instanceof JobStopped) {
        await sql`UPDATE platform_jobs SET status = 'queued', locked_by = NULL, attempts = greatest(attempts - 1, 0), updated_at = now() WHERE id = ${job.id}`.execute(this.db);
        return true;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.options.log?.('job failed', { id: job.id, kind: job.kind, attempt: job.attempts, error: message });
      const final = job.attempts >= MAX_ATTEMPTS;
      await sql`UPDATE platform_jobs SET status = ${final ? 'failed' : 'queued'}, error = ${message.slice(0, 2000)}, locked_by = NULL,
                       finished_at = ${final ? sql`now()` : sql`NULL`}, updated_at = now() WHERE id = ${job.id}`.execute(this.db);
    }
    return true;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The persisted-job runner (started by main.ts; tests call `drain()`). */
    jobs: JobRunner;
  }
}
