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
 *
 * A chunked job (`registerChunked`) is split, by the first runner that claims it, into parts
 * (rows of `platform_job_chunks`, e.g. slices of the subject id space) that every runner of
 * every process claims one at a time (`FOR UPDATE SKIP LOCKED`), heartbeats while it runs, and
 * finishes by storing the part's result with its done status in ONE transaction: a part whose
 * runner died is claimed again once its heartbeat is stale, and a late result of a runner that
 * lost its claim is discarded, so each part's result counts exactly once. The transaction that
 * finishes the last part merges the parts' results into the job's result. A job split into one
 * part (every population job on PGlite, one process) is run by the runner that split it, as
 * one job, without rows of parts: the same run, commit and merge, in the transaction that marks the
 * job done.
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

/** One part of a chunked job, as its runner sees it. */
export interface ChunkContext<P, S> {
  readonly jobId: string;
  readonly payload: P;
  /** The part's number (0-based) and what `split` said it covers. */
  readonly seq: number;
  readonly spec: S;
  readonly attempt: number;
  /** Renews the part's claim (the runner also does so on a timer while the part runs). */
  heartbeat(): Promise<void>;
}

/**
 * A job split into parts. `split` runs once (the first claim); `run` once per part and, when a
 * runner dies mid-part, again on another runner; `merge` once, inside the transaction that
 * stores the last part's result (so it may write with `trx`), with the parts' results in order.
 */
export interface ChunkedJob<P = unknown, S = unknown, R = unknown, M = unknown> {
  split(job: { id: string; payload: P }): Promise<S[]>;
  run(ctx: ChunkContext<P, S>): Promise<R>;
  /**
   * Writes what the part found (e.g. matches and notifications) in the transaction that marks it
   * done, and returns the result to store; skipped when this runner lost its claim on the part.
   */
  commit?(trx: Tx, ctx: ChunkContext<P, S>, result: R): Promise<R>;
  merge(job: { id: string; payload: P; startedAt: Date; trx: Tx }, parts: R[]): Promise<M>;
}

export interface JobChunkRow {
  job_id: string;
  seq: number;
  spec: unknown;
  status: JobStatus;
  result: unknown;
  error: string | null;
  attempts: number;
  completions: number;
}

/** The parts of a chunked job in order (none for a job that is not split, or not yet). */
export async function getJobChunks(db: Db | Tx, jobId: string): Promise<JobChunkRow[]> {
  const r = await sql<JobChunkRow>`SELECT job_id, seq, spec, status, result, error, attempts, completions FROM platform_job_chunks WHERE job_id = ${jobId} ORDER BY seq`.execute(db);
  return r.rows;
}

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
 * Queues a job unless one of the kind is queued already (not yet claimed): for work that catches
 * up with every change before it, such as a refresh, where one queued run covers them all. Two
 * transactions that do this at once may each queue one; the second then finds little to do.
 * True when this call queued it.
 */
export async function enqueueJobUnlessQueued<K extends JobKind>(db: Db | Tx, kind: K, payload: JobKinds[K]): Promise<boolean> {
  const r = await sql<{ id: string }>`INSERT INTO platform_jobs (id, kind, payload)
                                      SELECT ${randomUUID()}, ${kind}, ${JSON.stringify(payload)}::jsonb
                                       WHERE NOT EXISTS (SELECT 1 FROM platform_jobs WHERE kind = ${kind} AND status = 'queued')
                                      RETURNING id`.execute(db);
  return r.rows.length === 1;
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
  /**
   * How many jobs or parts this runner works on at once (default 1). The lanes are async, in
   * this process: they overlap the database's work (each part's reads run on their own
   * PostgreSQL backend) with evaluation, but evaluation itself shares this process's one thread.
   * CPU parallelism comes from more app processes (or more runner processes) on the same queue:
   * each is a full runner with its own pool, catalogue snapshot and compiled evaluators, which a
   * worker thread would have to rebuild (it shares no module state and would need its own pool
   * and a handler loaded by path), and PGlite, one process, has a single connection anyway.
   * bench/jobs measures 1 against 2 such processes.
   */
  concurrency?: number;
  /** A claimed job or part whose heartbeat is older than this belongs to a dead runner (default 60 s). */
  staleSeconds?: number;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler<never, never>>();
  private readonly chunked = new Map<string, ChunkedJob<never, never, never, never>>();
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
    if (this.handlers.has(kind) || this.chunked.has(kind)) throw new Error(`job kind "${kind}" is registered twice`);
    this.handlers.set(kind, handler as unknown as JobHandler<never, never>);
  }

  /** A job of `kind` split into parts that any runner of any process works on (see the top of this file). */
  registerChunked<P, S, R, M>(kind: string, job: ChunkedJob<P, S, R, M>): void {
    if (this.handlers.has(kind) || this.chunked.has(kind)) throw new Error(`job kind "${kind}" is registered twice`);
    this.chunked.set(kind, job as unknown as ChunkedJob<never, never, never, never>);
  }

  /** The kinds this runner has a handler for (it claims no other). */
  registeredKinds(): string[] {
    return [...this.handlers.keys(), ...this.chunked.keys()];
  }

  private get staleSeconds(): number {
    return this.options.staleSeconds ?? STALE_SECONDS;
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
      await sql`UPDATE platform_jobs SET status = 'queued', locked_by = NULL, updated_at = now() WHERE status = 'running' AND chunks IS NULL`.execute(this.db);
      await sql`UPDATE platform_job_chunks SET status = 'queued', locked_by = NULL, updated_at = now() WHERE status = 'running'`.execute(this.db);
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

  /**
   * Runs queued jobs and parts until none is left; returns how many ran (a chunked job counts
   * once for its split and once per part this runner ran). With `concurrency` N, N lanes claim
   * work; an idle lane waits while another may still split a job into parts for it.
   */
  async drain(): Promise<number> {
    let n = 0;
    let busy = 0;
    const lane = async () => {
      while (!this.stopping) {
        busy++;
        const ran = await (async () => (await this.runChunk()) || (await this.runOne()))().finally(() => busy--);
        if (ran) n++;
        else if (busy === 0) return;
        else await sleep(20);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 1) }, lane));
    return n;
  }

  private async claim(): Promise<JobRow | undefined> {
    const kinds = this.registeredKinds();
    if (kinds.length === 0) return undefined;
    const r = await sql<JobRow>`
      UPDATE platform_jobs SET status = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
             heartbeat_at = now(), started_at = coalesce(started_at, now()), updated_at = now()
       WHERE id = (
         SELECT id FROM platform_jobs
          WHERE kind = ANY(${kinds}::text[])
            AND (status = 'queued' OR (status = 'running' AND chunks IS NULL AND heartbeat_at < now() - make_interval(secs => ${this.staleSeconds})))
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
    const chunked = this.chunked.get(job.kind);
    if (chunked) return this.split(job, chunked as unknown as ChunkedJob);
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
      await this.markDone(this.db, job.id, result);
    } catch (e) {
      if (e instanceof JobStopped) {
        await sql`UPDATE platform_jobs SET status = 'queued', locked_by = NULL, attempts = greatest(attempts - 1, 0), updated_at = now()
                   WHERE id = ${job.id} AND locked_by = ${this.workerId}`.execute(this.db);
        return true;
      }
      await this.failed(job, e);
    }
    return true;
  }

  /** Splits a claimed chunked job into its parts (in one transaction: the parts exist once the job says so). */
  private async split(job: JobRow, def: ChunkedJob): Promise<true> {
    let specs: unknown[];
    try {
      specs = await def.split({ id: job.id, payload: job.payload });
    } catch (e) {
      await this.failed(job, e);
      return true;
    }
    if (specs.length === 1) return this.runWhole(job, def, specs[0]);
    try {
      await this.db.transaction().execute(async (trx) => {
        if (specs.length === 0) {
          await this.mergeDone(trx, job, def, [], true);
          return;
        }
        const mine = await sql`UPDATE platform_jobs SET chunks = ${specs.length}, progress = 0, locked_by = NULL, heartbeat_at = now(), updated_at = now()
                                WHERE id = ${job.id} AND locked_by = ${this.workerId} AND chunks IS NULL RETURNING id`.execute(trx);
        // Another runner took the job over (this one looked dead): it splits it.
        if (mine.rows.length === 0) return;
        // All parts in one statement per thousand: a split into 10,000 parts is ten round trips, not 10,000.
        for (let from = 0; from < specs.length; from += 1000) {
          const batch = specs.slice(from, from + 1000);
          const seqs = batch.map((_, k) => from + k);
          const texts = batch.map((spec) => JSON.stringify(spec ?? null));
          await sql`INSERT INTO platform_job_chunks (job_id, seq, spec)
                    SELECT ${job.id}, s, p::jsonb FROM unnest(${seqs}::int[], ${texts}::text[]) AS t(s, p)`.execute(trx);
        }
      });
    } catch (e) {
      await this.failed(job, e);
    }
    return true;
  }

  /**
   * Runs a chunked job's only part as the job itself, under the job's claim: its heartbeat is the
   * job's, a runner that dies leaves the job to be claimed (and split) again, and the part's
   * commit, the merge and the done status are one transaction, written only while this runner
   * still holds the job.
   */
  private async runWhole(job: JobRow, def: ChunkedJob, spec: unknown): Promise<true> {
    const heartbeat = async () => {
      await sql`UPDATE platform_jobs SET heartbeat_at = now() WHERE id = ${job.id} AND locked_by = ${this.workerId}`.execute(this.db);
    };
    const beat = this.beat(heartbeat);
    try {
      const ctx: ChunkContext<unknown, unknown> = { jobId: job.id, payload: job.payload, seq: 0, spec, attempt: job.attempts, heartbeat };
      const found = await def.run(ctx);
      clearInterval(beat);
      await this.db.transaction().execute(async (trx) => {
        const held = await sql`SELECT id FROM platform_jobs WHERE id = ${job.id} AND locked_by = ${this.workerId} AND status = 'running' FOR UPDATE`.execute(trx);
        if (held.rows.length === 0) return;
        await this.mergeDone(trx, job, def, [def.commit ? await def.commit(trx, ctx, found) : found]);
      });
    } catch (e) {
      clearInterval(beat);
      await this.failed(job, e);
    }
    return true;
  }

  /** Marks a job done with its result (only while this runner holds it, with `onlyIfMine`). */
  private async markDone(db: Db | Tx, jobId: string, result: unknown, onlyIfMine = false): Promise<void> {
    await sql`UPDATE platform_jobs SET status = 'done', progress = 1, result = ${JSON.stringify(result ?? null)}::jsonb, error = NULL,
                     locked_by = NULL, finished_at = now(), updated_at = now() WHERE id = ${jobId}${onlyIfMine ? sql` AND locked_by = ${this.workerId}` : sql``}`.execute(db);
  }

  /** Merges a chunked job's part results, in order, and marks it done with the merged result: in the caller's transaction. */
  private async mergeDone(trx: Tx, job: Pick<JobRow, 'id' | 'payload' | 'started_at'>, def: ChunkedJob, parts: unknown[], onlyIfMine = false): Promise<void> {
    const merged = await def.merge({ id: job.id, payload: job.payload, startedAt: job.started_at ?? new Date(), trx }, parts);
    await this.markDone(trx, job.id, merged, onlyIfMine);
  }

  /** Renews a claim on a timer (three times per `staleSeconds`) while a job or part runs; clearInterval stops it. */
  private beat(heartbeat: () => Promise<void>): ReturnType<typeof setInterval> {
    return setInterval(() => void heartbeat().catch(() => undefined), Math.max(200, (this.staleSeconds * 1000) / 3));
  }

  private async failed(job: JobRow, e: unknown): Promise<void> {
    const message = e instanceof Error ? e.message : String(e);
    this.options.log?.('job failed', { id: job.id, kind: job.kind, attempt: job.attempts, error: message });
    const final = job.attempts >= MAX_ATTEMPTS;
    // Only while this runner holds the job: one that lost it (another claimed it when this one
    // looked dead) must not put back in the queue, or fail, what the other is running or has done.
    await sql`UPDATE platform_jobs SET status = ${final ? 'failed' : 'queued'}, error = ${message.slice(0, 2000)}, locked_by = NULL,
                     finished_at = ${final ? sql`now()` : sql`NULL`}, updated_at = now() WHERE id = ${job.id} AND locked_by = ${this.workerId}`.execute(this.db);
  }

  /** Claims one part of a split job: a queued one, or one whose runner stopped heartbeating. */
  private async claimChunk(): Promise<(JobChunkRow & { kind: string; payload: unknown }) | undefined> {
    const kinds = [...this.chunked.keys()];
    if (kinds.length === 0) return undefined;
    const r = await sql<JobChunkRow & { kind: string; payload: unknown }>`
      UPDATE platform_job_chunks c SET status = 'running', attempts = c.attempts + 1, locked_by = ${this.workerId}, heartbeat_at = now(), updated_at = now()
        FROM (SELECT c2.job_id, c2.seq, j.kind, j.payload FROM platform_job_chunks c2 JOIN platform_jobs j ON j.id = c2.job_id
               WHERE j.kind = ANY(${kinds}::text[]) AND j.status = 'running'
                 AND (c2.status = 'queued' OR (c2.status = 'running' AND c2.heartbeat_at < now() - make_interval(secs => ${this.staleSeconds})))
               ORDER BY j.created_at, c2.seq
               LIMIT 1
               FOR UPDATE OF c2 SKIP LOCKED) pick
       WHERE c.job_id = pick.job_id AND c.seq = pick.seq
      RETURNING c.job_id, c.seq, c.spec, c.status, c.result, c.error, c.attempts, c.completions, pick.kind, pick.payload`.execute(this.db);
    return r.rows[0];
  }

  /** Claims and runs one part of a split job; false when there was none to claim. */
  async runChunk(): Promise<boolean> {
    const chunk = await this.claimChunk();
    if (!chunk) return false;
    const def = this.chunked.get(chunk.kind)! as unknown as ChunkedJob;
    const mine = sql`job_id = ${chunk.job_id} AND seq = ${chunk.seq} AND locked_by = ${this.workerId} AND status = 'running'`;
    const heartbeat = async () => {
      await sql`UPDATE platform_job_chunks SET heartbeat_at = now() WHERE ${mine}`.execute(this.db);
    };
    const beat = this.beat(heartbeat);
    try {
      const ctx: ChunkContext<unknown, unknown> = { jobId: chunk.job_id, payload: chunk.payload, seq: chunk.seq, spec: chunk.spec, attempt: chunk.attempts, heartbeat };
      const result = await def.run(ctx);
      clearInterval(beat);
      await this.finishChunk(ctx, def, result);
    } catch (e) {
      clearInterval(beat);
      const message = e instanceof Error ? e.message : String(e);
      this.options.log?.('job chunk failed', { id: chunk.job_id, seq: chunk.seq, kind: chunk.kind, attempt: chunk.attempts, error: message });
      const final = chunk.attempts >= MAX_ATTEMPTS;
      await this.db.transaction().execute(async (trx) => {
        const r = await sql`UPDATE platform_job_chunks SET status = ${final ? 'failed' : 'queued'}, error = ${message.slice(0, 2000)}, locked_by = NULL, updated_at = now()
                             WHERE ${mine} RETURNING seq`.execute(trx);
        if (final && r.rows.length === 1)
          await sql`UPDATE platform_jobs SET status = 'failed', error = ${`part ${chunk.seq + 1}: ${message}`.slice(0, 2000)}, finished_at = now(), updated_at = now()
                     WHERE id = ${chunk.job_id} AND status = 'running'`.execute(trx);
      });
    }
    return true;
  }

  /**
   * Stores a part's result with its done status and, for the last part, merges the job's result:
   * one transaction, in four round trips for a part that is not the last (each round trip waits
   * for the database to be scheduled when the runners keep every core busy).
   */
  private async finishChunk(chunk: ChunkContext<unknown, unknown>, def: ChunkedJob, found: unknown): Promise<void> {
    const mine = sql`job_id = ${chunk.jobId} AND seq = ${chunk.seq} AND locked_by = ${this.workerId} AND status = 'running'`;
    await this.db.transaction().execute(async (trx) => {
      // The part's row first: a runner that lost its claim (another took the part over when this
      // one looked dead) writes nothing, and the other's result is the one that counts.
      let result = found;
      if (def.commit) {
        const claimed = await sql`SELECT seq FROM platform_job_chunks WHERE ${mine} FOR UPDATE`.execute(trx);
        if (claimed.rows.length === 0) return;
        result = await def.commit(trx, chunk, found);
      }
      const stored = await sql`UPDATE platform_job_chunks SET status = 'done', result = ${JSON.stringify(result ?? null)}::jsonb, error = NULL, completions = completions + 1,
                                      locked_by = NULL, finished_at = now(), updated_at = now() WHERE ${mine} RETURNING seq`.execute(trx);
      if (stored.rows.length === 0) return;
      // Then the job row: finishing parts queue on its lock, and the count that follows (a new
      // statement, so a new snapshot) sees every part committed before, so exactly one part sees
      // none left.
      const job = (await sql<JobRow>`SELECT id, payload, status, started_at FROM platform_jobs WHERE id = ${chunk.jobId} FOR UPDATE`.execute(trx)).rows[0];
      if (!job || job.status !== 'running') throw new Error('the job is no longer running');
      const left = await sql<{ n: number }>`
        UPDATE platform_jobs j SET progress = (j.chunks - c.n)::real / j.chunks, heartbeat_at = now(), updated_at = now()
          FROM (SELECT count(*)::int AS n FROM platform_job_chunks WHERE job_id = ${chunk.jobId} AND status <> 'done') c
         WHERE j.id = ${chunk.jobId} RETURNING c.n`.execute(trx);
      if ((left.rows[0]?.n ?? 0) > 0) return;
      const parts = await sql<{ result: unknown }>`SELECT result FROM platform_job_chunks WHERE job_id = ${chunk.jobId} ORDER BY seq`.execute(trx);
      await this.mergeDone(trx, job, def, parts.rows.map((p) => p.result));
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The persisted-job runner (started by main.ts; tests call `drain()`). */
    jobs: JobRunner;
  }
}
