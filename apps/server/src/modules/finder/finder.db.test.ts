import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../../test/test-app.js';
import { enqueueJob, getJob, getJobChunks, JobRunner } from '../../platform/jobs.js';
import { SIMULATION_PARTS, simulationJob, type SimulationPayload } from './finder.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await testApp({ demo: true });
}, 180_000);
afterAll(async () => t?.close());

it('splits a simulation into parts; a part whose runner died is done by another, with the same totals', async () => {
  const payload: SimulationPayload = { simulationId: 'x', itemId: 'nn.fee-cancellation-suspension', version: 1, baseVersion: 1, date: '2026-11-20' };
  // Enough registered enterprises in both id slices.
  await sql`INSERT INTO identity_organisations (id, name, kind, region_code)
            SELECT md5('ro' || g)::uuid, 'resume-' || g, 'enterprise', '450103' FROM generate_series(1, 40) g`.execute(t.deps.db);
  await sql`INSERT INTO subjects (id, kind, name, region_code, organisation_id)
            SELECT md5('rs' || g)::uuid, 'enterprise', 'resume-' || g, '450103', md5('ro' || g)::uuid FROM generate_series(1, 40) g`.execute(t.deps.db);
  await sql`INSERT INTO subject_facts (subject_id, variable, value, source, verified)
            SELECT md5('rs' || g)::uuid, 'region', to_jsonb('450103'::text), 'declared', false FROM generate_series(1, 40) g`.execute(t.deps.db);
  // (Split as on a PostgreSQL server: PGlite's own default is one part.)
  const jobOf = () => simulationJob(t.deps, SIMULATION_PARTS);
  const whole = new JobRunner(t.deps.db, { concurrency: 2 });
  whole.registerChunked('finder.simulate', jobOf());
  const wholeId = await enqueueJob(t.deps.db, 'finder.simulate', payload);
  await whole.drain();
  const wholeJob = (await getJob(t.deps.db, wholeId))!;
  const result = wholeJob.result as { rows: number; affected: number; draft: { total: unknown } };
  expect(wholeJob.status).toBe('done');
  expect(result.rows).toBeGreaterThanOrEqual(40);
  const parts = await getJobChunks(t.deps.db, wholeId);
  expect(parts).toHaveLength(SIMULATION_PARTS);
  expect(parts.every((p) => p.status === 'done' && p.completions === 1)).toBe(true);
  // The result is the sum of the parts (every subject in exactly one slice).
  expect(parts.reduce((n, p) => n + (p.result as { rows: number }).rows, 0)).toBe(result.rows);
  expect(parts.filter((p) => (p.result as { rows: number }).rows > 0).length).toBeGreaterThan(1);

  // A runner dies in the middle of part 4 (it stops heartbeating); another runner takes that part over.
  const id = await enqueueJob(t.deps.db, 'finder.simulate', payload);
  let release: () => void = () => undefined;
  const dead = new JobRunner(t.deps.db, { staleSeconds: 3600 });
  const normal = jobOf();
  dead.registerChunked('finder.simulate', {
    ...normal,
    run: async (ctx) => {
      if (ctx.seq === 3) await new Promise<void>((r) => (release = r));
      return normal.run(ctx);
    },
  });
  expect(await dead.runOne()).toBe(true);
  for (let i = 0; i < 3; i++) expect(await dead.runChunk()).toBe(true);
  const stuck = dead.runChunk();
  await new Promise((r) => setTimeout(r, 1200));
  expect((await getJob(t.deps.db, id))!.status).toBe('running');
  const resumer = new JobRunner(t.deps.db, { staleSeconds: 1 });
  resumer.registerChunked('finder.simulate', jobOf());
  expect(await resumer.drain()).toBe(SIMULATION_PARTS - 3);
  // The dead runner wakes up late: its result for part 4 is discarded.
  release();
  await stuck;
  const resumed = (await getJob(t.deps.db, id))!;
  expect(resumed.status).toBe('done');
  const after = await getJobChunks(t.deps.db, id);
  expect(after.map((p) => p.completions)).toEqual(Array(SIMULATION_PARTS).fill(1));
  expect(after[3]!.attempts).toBe(2);
  const r = resumed.result as typeof result;
  expect(r.rows).toBe(result.rows);
  expect(r.affected).toBe(result.affected);
  expect(r.draft.total).toEqual(result.draft.total);
});
