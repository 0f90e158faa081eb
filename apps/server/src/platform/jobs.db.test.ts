import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabase } from '../../test/test-app.js';
import type { Database } from './database.js';
import { enqueueAnyJob as enqueueJob, getJob, JobRunner } from './jobs.js';

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
