import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabase } from '../../test/test-app.js';
import type { Database } from './database.js';
import { enqueueAnyJob as enqueueJob, getJob, getJobChunks, JobRunner } from './jobs.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database?.close());

it('runs a job chunk by chunk and resumes from the last checkpoint after a crash', async () => {
  const id = await enqueueJob(database.db, 'test.count', { upTo: 5 });
  const seen: number[] = [];
  // First process: dies after saving the checkpoint of chunk 2.
  const first = new JobRunner(database.db);
  first.register<{ upTo: number }, { next: number }, unknown>('test.count', async (ctx) => {
    for (let i = ctx.checkpoint?.next ?? 0; i < ctx.payload.upTo; i++) {
      seen.push(i);
      await ctx.save((i + 1) / ctx.payload.upTo, { next: i + 1 });
      if (i === 2) throw new Error('process killed');
    }
    return { total: seen.length };
  });
  expect(await first.runOne()).toBe(true);
  const halfway = await getJob(database.db, id);
  expect(halfway).toMatchObject({ status: 'queued', checkpoint: { next: 3 }, attempts: 1 });
  expect(halfway!.progress).toBeCloseTo(0.6);
  // A new process picks it up where it stopped.
  const second = new JobRunner(database.db);
  second.register<{ upTo: number }, { next: number }, unknown>('test.count', async (ctx) => {
    for (let i = ctx.checkpoint?.next ?? 0; i < ctx.payload.upTo; i++) {
      seen.push(i);
      await ctx.save((i + 1) / ctx.payload.upTo, { next: i + 1 });
    }
    return { resumedAt: ctx.checkpoint?.next };
  });
  expect(await second.drain()).toBe(1);
  expect(seen).toEqual([0, 1, 2, 3, 4]);
  expect(await getJob(database.db, id)).toMatchObject({ status: 'done', progress: 1, result: { resumedAt: 3 }, attempts: 2 });
});

it('gives up after three failed attempts and keeps the error', async () => {
  const id = await enqueueJob(database.db, 'test.fail', {});
  const runner = new JobRunner(database.db);
  runner.register('test.fail', async () => {
    throw new Error('always broken');
  });
  expect(await runner.drain()).toBe(3);
  expect(await getJob(database.db, id)).toMatchObject({ status: 'failed', error: 'always broken', attempts: 3 });
});

it('resumes a job left running by a previous run of a single-process database on start', async () => {
  const id = await enqueueJob(database.db, 'test.stale', {});
  const dead = new JobRunner(database.db);
  dead.register('test.stale', async (ctx) => {
    await ctx.save(0.5, { half: true });
    // Never finishes in this "process": simulate the crash by leaving the row running.
    await new Promise(() => undefined);
  });
  void dead.runOne();
  await new Promise((r) => setTimeout(r, 200));
  expect((await getJob(database.db, id))!.status).toBe('running');
  const restarted = new JobRunner(database.db, { singleProcess: true, pollMs: 20 });
  let resumedFrom: unknown = null;
  restarted.register<unknown, { half: boolean }, unknown>('test.stale', async (ctx) => {
    resumedFrom = ctx.checkpoint;
    return 'ok';
  });
  await restarted.start();
  for (let i = 0; i < 100 && (await getJob(database.db, id))!.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
  await restarted.stop();
  expect(resumedFrom).toEqual({ half: true });
});

it('splits a chunked job into parts, merges their results once, and fails it when a part fails three times', async () => {
  const runner = new JobRunner(database.db, { concurrency: 3 });
  const ran: number[] = [];
  runner.registerChunked<{ upTo: number; broken?: number }, { from: number; to: number }, number, { sum: number; parts: number }>('test.sum', {
    split: async ({ payload }) => [0, 1, 2, 3].map((k) => ({ from: (k * payload.upTo) / 4, to: ((k + 1) * payload.upTo) / 4 })),
    run: async ({ seq, spec, payload }) => {
      ran.push(seq);
      if (seq === payload.broken) throw new Error('part broken');
      let s = 0;
      for (let i = spec.from; i < spec.to; i++) s += i;
      return s;
    },
    merge: async (_job, parts) => ({ sum: parts.reduce((a, b) => a + b, 0), parts: parts.length }),
  });
  const id = await enqueueJob(database.db, 'test.sum', { upTo: 100 });
  // The split, then four parts.
  expect(await runner.drain()).toBe(5);
  expect(ran.sort()).toEqual([0, 1, 2, 3]);
  expect(await getJob(database.db, id)).toMatchObject({ status: 'done', progress: 1, result: { sum: 4950, parts: 4 } });
  expect((await getJobChunks(database.db, id)).map((c) => [c.status, c.completions])).toEqual(Array(4).fill(['done', 1]));

  const broken = await enqueueJob(database.db, 'test.sum', { upTo: 100, broken: 2 });
  await runner.drain();
  expect(await getJob(database.db, broken)).toMatchObject({ status: 'failed', error: 'part 3: part broken' });
  expect((await getJobChunks(database.db, broken))[2]).toMatchObject({ status: 'failed', attempts: 3, completions: 0 });
});

it('runs a job split into one part as the job itself: no rows of parts, the commit and merge once, and a runner that lost the job writes nothing', async () => {
  const runner = new JobRunner(database.db, { staleSeconds: 1 });
  // A runner that never heartbeats in this test (its beat is every 20 minutes).
  const stalling = new JobRunner(database.db, { staleSeconds: 3600 });
  const committed: number[] = [];
  let hold: Promise<void> | undefined;
  const def: Parameters<typeof runner.registerChunked<{ upTo: number; broken?: boolean }, { to: number }, number, { sum: number; parts: number }>>[1] = {
    split: async ({ payload }) => [{ to: payload.upTo }],
    run: async ({ spec, payload, seq }) => {
      expect(seq).toBe(0);
      await hold;
      if (payload.broken) throw new Error('the only part broke');
      let s = 0;
      for (let i = 0; i < spec.to; i++) s += i;
      return s;
    },
    commit: async (_trx, _ctx, found) => {
      committed.push(found);
      return found;
    },
    merge: async (_job, parts) => ({ sum: parts.reduce((a, b) => a + b, 0), parts: parts.length }),
  };
  runner.registerChunked('test.one', def);
  stalling.registerChunked('test.one', def);
  const id = await enqueueJob(database.db, 'test.one', { upTo: 10 });
  // One claim: the split and its only part.
  expect(await runner.drain()).toBe(1);
  expect(await getJob(database.db, id)).toMatchObject({ status: 'done', progress: 1, result: { sum: 45, parts: 1 } });
  expect(await getJobChunks(database.db, id)).toEqual([]);
  expect(committed).toEqual([45]);

  // It fails as a job does: three attempts, then failed with the part's error.
  const broken = await enqueueJob(database.db, 'test.one', { upTo: 10, broken: true });
  await runner.drain();
  expect(await getJob(database.db, broken)).toMatchObject({ status: 'failed', attempts: 3, error: 'the only part broke' });

  // A runner stalls in the part past its claim (no heartbeat for over a second); another claims
  // the job again, runs and merges it; the late runner's result is not committed.
  const late = await enqueueJob(database.db, 'test.one', { upTo: 4 });
  let release: () => void = () => undefined;
  hold = new Promise<void>((r) => (release = r));
  const stalled = stalling.runOne();
  await new Promise((r) => setTimeout(r, 1300));
  expect((await getJob(database.db, late))!.status).toBe('running');
  hold = undefined;
  const other = new JobRunner(database.db, { staleSeconds: 1 });
  other.registerChunked('test.one', {
    split: async () => [{ to: 4 }],
    run: async () => 100,
    merge: async (_job, parts: number[]) => ({ sum: parts[0], parts: parts.length }),
  });
  expect(await other.runOne()).toBe(true);
  release();
  await stalled;
  expect(await getJob(database.db, late)).toMatchObject({ status: 'done', result: { sum: 100, parts: 1 } });
  expect(committed).toEqual([45]);

  // The same, but the late runner's part fails: the job the other runner finished stays done.
  const lateFail = await enqueueJob(database.db, 'test.one', { upTo: 4, broken: true });
  hold = new Promise<void>((r) => (release = r));
  const failing = stalling.runOne();
  await new Promise((r) => setTimeout(r, 1300));
  hold = undefined;
  expect(await other.runOne()).toBe(true);
  release();
  await failing;
  expect(await getJob(database.db, lateFail)).toMatchObject({ status: 'done', result: { sum: 100, parts: 1 }, error: null });
});
