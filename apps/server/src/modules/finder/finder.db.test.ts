import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../../test/test-app.js';
import type { JobContext } from '../../platform/jobs.js';
import { simulateJob, type SimulationPayload } from './finder.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await testApp({ demo: true });
}, 180_000);
afterAll(async () => t?.close());

it('resumes a simulation from its checkpoint with the same totals as an uninterrupted run', async () => {
  const payload: SimulationPayload = { simulationId: 'x', itemId: 'nn.fee-cancellation-suspension', version: 1, baseVersion: 1, date: '2026-11-20' };
  // Enough registered enterprises in both id slices.
  await sql`INSERT INTO identity_organisations (id, name, kind, region_code)
            SELECT md5('ro' || g)::uuid, 'resume-' || g, 'enterprise', '450103' FROM generate_series(1, 40) g`.execute(t.deps.db);
  await sql`INSERT INTO subjects (id, kind, name, region_code, organisation_id)
            SELECT md5('rs' || g)::uuid, 'enterprise', 'resume-' || g, '450103', md5('ro' || g)::uuid FROM generate_series(1, 40) g`.execute(t.deps.db);
  await sql`INSERT INTO subject_facts (subject_id, variable, value, source, verified)
            SELECT md5('rs' || g)::uuid, 'region', to_jsonb('450103'::text), 'declared', false FROM generate_series(1, 40) g`.execute(t.deps.db);
  const ctx = (checkpoint: unknown, save: JobContext<SimulationPayload, never>['save']) =>
    ({ id: 'j', payload, checkpoint, attempt: 1, save }) as unknown as JobContext<SimulationPayload, never>;
  let wholeChunks = 0;
  const whole = (await simulateJob(t.deps, ctx(null, async () => void wholeChunks++))) as { rows: number; draft: { total: unknown } };
  let saved: unknown = null;
  let saves = 0;
  await expect(
    simulateJob(
      t.deps,
      ctx(null, async (_p, c) => {
        saved = c;
        if (++saves === 1) throw new Error('process killed');
      }),
    ),
  ).rejects.toThrow('process killed');
  let resumedChunks = 0;
  const resumed = (await simulateJob(t.deps, ctx(saved, async () => void resumedChunks++))) as { rows: number; draft: { total: unknown } };
  // Only what was left was read again.
  expect(wholeChunks).toBe(2);
  expect(resumedChunks).toBe(1);
  expect(whole.rows).toBeGreaterThanOrEqual(40);
  expect(resumed.rows).toBe(whole.rows);
  expect(resumed.draft.total).toEqual(whole.draft.total);
  expect((saved as { rows: number }).rows).toBeLessThan(whole.rows);
});
