import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../../test/test-app.js';
import { enqueueJob, getJob, getJobChunks, JobRunner } from '../../platform/jobs.js';
import { SIMULATION_PARTS, simulationJob, type SimulationPayload } from './finder.service.js';
import { rulesWithVersion } from '../policies/index.js';

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

it('simulates a draft as it is now, though the same runner simulated it before it was edited', async () => {
  const item = 'nn.fee-cancellation-suspension';
  const { version, spec } = (await sql<{ version: number; spec: Record<string, unknown> }>`
    SELECT version, spec FROM policy_versions WHERE item_id = ${item} ORDER BY version DESC LIMIT 1`.execute(t.deps.db)).rows[0]!;
  const draft = version + 1;
  await sql`INSERT INTO policy_versions (item_id, version, status, spec, meta, note)
            SELECT item_id, ${draft}, 'draft', spec, meta, 'edited in place' FROM policy_versions WHERE item_id = ${item} AND version = ${version}`.execute(t.deps.db);
  const runner = new JobRunner(t.deps.db);
  runner.registerChunked('finder.simulate', simulationJob(t.deps));
  const simulate = async (simulationId: string) => {
    const id = await enqueueJob(t.deps.db, 'finder.simulate', { simulationId, itemId: item, version: draft, baseVersion: version, date: '2026-11-20' });
    await runner.drain();
    const job = (await getJob(t.deps.db, id))!;
    expect(job.status).toBe('done');
    return (job.result as { draft: { total: { eligible: number } } }).draft.total.eligible;
  };
  const before = await simulate('first');
  expect(before).toBeGreaterThan(0);
  // The catalogue with the draft put in is compiled once while nothing changes.
  const compiled = await rulesWithVersion(t.deps.db, item, draft);
  expect(await rulesWithVersion(t.deps.db, item, draft)).toBe(compiled);
  // The officer edits the draft (same version number): nobody has a billion employees.
  const edited = { ...spec, criteria: [...(spec.criteria as unknown[]), { id: 'huge', label: { zh: '从业人员十亿以上', en: 'A billion employees' }, rule: { '>=': [{ var: 'employees' }, 1_000_000_000] } }] };
  await sql`UPDATE policy_versions SET spec = ${JSON.stringify(edited)}::jsonb WHERE item_id = ${item} AND version = ${draft}`.execute(t.deps.db);
  expect(await simulate('second')).toBe(0);
  const recompiled = await rulesWithVersion(t.deps.db, item, draft);
  expect(recompiled).not.toBe(compiled);
  expect(recompiled.items.get(item)!.spec.criteria.map((c) => c.id)).toContain('huge');
  // A publish elsewhere in the catalogue is seen too.
  const other = (await sql<{ item_id: string }>`SELECT item_id FROM policy_versions WHERE status = 'published' AND item_id <> ${item} LIMIT 1`.execute(t.deps.db)).rows[0]!.item_id;
  await sql`UPDATE policy_versions SET published_at = now() + interval '1 day' WHERE item_id = ${other} AND status = 'published'`.execute(t.deps.db);
  expect(await rulesWithVersion(t.deps.db, item, draft)).not.toBe(recompiled);
});
