/**
 * Job chunks across app processes (issue #23, point 3), on the PostgreSQL server only
 * (SEEDBED_PG_TESTS=1): PGlite is one process. Two real child processes (fixtures/job-runner-process.ts)
 * run one what-if simulation split into parts; each part is done exactly once and the merged
 * result is a single process's. Then a process is killed in the middle of a part: another
 * process takes the part over once its heartbeat is stale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { enqueueJob, getJob, getJobChunks, JobRunner } from '../src/platform/jobs.js';
import { SIMULATION_PARTS, simulationJob } from '../src/modules/finder/index.js';
import { assembleModules } from '../src/platform/module.js';
import { MODULES } from '../src/manifests.js';
import type { SimulationPayload } from '../src/modules/finder/finder.service.js';
import { testDatabase } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const SCRIPT = fileURLToPath(new URL('./fixtures/job-runner-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ITEM = 'nn.fee-cancellation-suspension';

describe.runIf(onServer)('job chunks shared by two app processes (PostgreSQL server)', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let single: { rows: number; affected: number; draft: unknown; current: unknown };
  const payload = (): SimulationPayload => ({ simulationId: randomUUID(), itemId: ITEM, version: 1, baseVersion: 1, date: '2026-11-20' });

  /** Starts a runner process; resolves once it is ready, with a promise of its exit. */
  function start(jobId: string, mode?: string): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null }> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, database.url!, jobId, ...(mode ? [mode] : [])], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve({ child, exited });
      });
      child.on('exit', (code) => reject(new Error(`runner process exited (${code}) before it was ready`)));
    });
  }
  const runs = async (jobId: string) =>
    (await sql<{ seq: number; pid: number }>`SELECT seq, pid FROM test_part_runs WHERE job_id = ${jobId} ORDER BY id`.execute(database.db)).rows;

  beforeAll(async () => {
    database = await testDatabase();
    const modules = assembleModules(MODULES);
    for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
    const districts = "ARRAY['450102','450103','450105','450107']";
    await sql.raw(`
      INSERT INTO identity_organisations (id, name, kind, region_code)
      SELECT md5('o' || g)::uuid, 'chunks-' || g, 'enterprise', (${districts})[1 + g % 4] FROM generate_series(1, 3000) g;
      INSERT INTO subjects (id, kind, name, region_code, organisation_id)
      SELECT md5('s' || g)::uuid, 'enterprise', 'chunks-' || g, (${districts})[1 + g % 4], md5('o' || g)::uuid FROM generate_series(1, 3000) g;
      INSERT INTO subject_facts (subject_id, variable, value, source, verified)
      SELECT md5('s' || g)::uuid, v.variable, v.value, 'declared', false FROM generate_series(1, 3000) g
        CROSS JOIN LATERAL (VALUES ('region', to_jsonb((${districts})[1 + g % 4])), ('employees', to_jsonb(1 + g % 300)), ('industry', to_jsonb('I65'::text))) AS v(variable, value);
      CREATE TABLE test_part_runs (id serial PRIMARY KEY, job_id uuid NOT NULL, seq int NOT NULL, pid int NOT NULL);
    `).execute(database.db);
    // The same simulation in this one process: what the two processes must arrive at.
    const runner = new JobRunner(database.db);
    runner.registerChunked('finder.simulate', simulationJob({ db: database.db }));
    const id = await enqueueJob(database.db, 'finder.simulate', payload());
    await runner.drain();
    const job = (await getJob(database.db, id))!;
    expect(job.status).toBe('done');
    single = job.result as typeof single;
    expect(single.rows).toBe(3000);
  }, 120_000);
  afterAll(async () => database?.close());

  const comparable = (r: typeof single) => ({ rows: r.rows, affected: r.affected, draft: r.draft, current: r.current });

  it('two processes share the parts of one job, each part done exactly once', async () => {
    const id = await enqueueJob(database.db, 'finder.simulate', payload());
    const [a, b] = await Promise.all([start(id), start(id)]);
    a.child.stdin!.write('go\n');
    b.child.stdin!.write('go\n');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
    const job = (await getJob(database.db, id))!;
    expect(job.status).toBe('done');
    const parts = await getJobChunks(database.db, id);
    expect(parts).toHaveLength(SIMULATION_PARTS);
    expect(parts.map((p) => [p.status, p.completions, p.attempts])).toEqual(Array(SIMULATION_PARTS).fill(['done', 1, 1]));
    const started = await runs(id);
    expect(started.map((r) => r.seq).sort((x, y) => x - y)).toEqual([...Array(SIMULATION_PARTS).keys()]);
    // Both processes worked on it.
    expect(new Set(started.map((r) => r.pid))).toEqual(new Set([a.child.pid, b.child.pid]));
    expect(comparable(job.result as typeof single)).toEqual(comparable(single));
  }, 180_000);

  it('a part whose process was killed is taken over by another process once its heartbeat is stale', async () => {
    const id = await enqueueJob(database.db, 'finder.simulate', payload());
    const crashing = await start(id, 'crash');
    crashing.child.stdin!.write('go\n');
    expect((await crashing.exited).signal).toBe('SIGKILL');
    const before = await getJobChunks(database.db, id);
    const stuck = before.filter((p) => p.status === 'running');
    expect(stuck.length).toBeGreaterThan(0);
    expect(before.every((p) => p.status !== 'done')).toBe(true);
    const survivor = await start(id, 'resume');
    survivor.child.stdin!.write('go\n');
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
    const job = (await getJob(database.db, id))!;
    expect(job.status).toBe('done');
    const parts = await getJobChunks(database.db, id);
    expect(parts.every((p) => p.status === 'done' && p.completions === 1)).toBe(true);
    for (const s of stuck) expect(parts[s.seq]!.attempts).toBe(2);
    const started = await runs(id);
    // The killed process started the stuck parts; the survivor did every part once.
    expect(started.filter((r) => r.pid === crashing.child.pid).map((r) => r.seq).sort()).toEqual(stuck.map((s) => s.seq).sort());
    expect(started.filter((r) => r.pid === survivor.child.pid).map((r) => r.seq).sort((x, y) => x - y)).toEqual([...Array(SIMULATION_PARTS).keys()]);
    expect(comparable(job.result as typeof single)).toEqual(comparable(single));
  }, 180_000);
});
