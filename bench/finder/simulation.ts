/**
 * Benchmark: an officer's what-if simulation over 1,000,000 registered enterprises on the
 * PostgreSQL server (BENCH_DB=pglite: over 100,000 on in-memory PGlite). A scratch database is filled with generate_series (organisations, subjects
 * and seven facts each, spread over seven districts), a new version of a Nanning 免申即享 item is
 * drafted (criteria on size class, age and region; an amount per employee; an annual cap), and the
 * persisted 'finder.simulate' job runs it against the current version to completion.
 * Prints time, rows/s and peak RSS (target: < 30 s, < 2 GB), then the pure engine pass over the same
 * rows (the draft and the current version evaluated over the same populations, already in memory)
 * and the ratio of the two (issue #23: ≤ 3×).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_SUBJECTS=1000000 node --import tsx bench/finder/simulation.ts
 *   BENCH_DB=pglite BENCH_SUBJECTS=100000 node --import tsx bench/finder/simulation.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../apps/server/src/platform/database.js';
import { fixedClock } from '../../apps/server/src/platform/clock.js';
import { EventBus } from '../../apps/server/src/platform/events.js';
import { noBenefitHistory } from '../../apps/server/src/platform/benefit-history.js';
import { applicationChannelsOf } from '../../apps/server/src/modules/fulfilment/index.js';
import { JobRunner, enqueueJob, getJob } from '../../apps/server/src/platform/jobs.js';
import { readConfig } from '../../apps/server/src/platform/config.js';
import { assembleModules } from '../../apps/server/src/platform/module.js';
import { MODULES } from '../../apps/server/src/manifests.js';
import { BLOCKS, blockCache, blockColumns, chunkPopulation, finderManifest, variablesRead } from '../../apps/server/src/modules/finder/index.js';
import { rulesWithVersion } from '../../apps/server/src/modules/policies/index.js';
import { compilePopulation } from '@seedbed/rules';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PGLITE = process.env.BENCH_DB === 'pglite';
const N = Number(process.env.BENCH_SUBJECTS ?? (PGLITE ? 100_000 : 1_000_000));
const NAME = 'seedbed_bench_finder';
const ITEM = 'nn.fee-cancellation-suspension';

// BENCH_REUSE=1 runs again on the database a BENCH_KEEP_DB=1 run left behind.
const REUSE = !PGLITE && !!process.env.BENCH_REUSE;
if (!PGLITE && !REUSE) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
}
const url = new URL(SERVER);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: PGLITE ? undefined : url.toString(), dataDir: 'memory://' });
await database.migrate();
const modules = assembleModules(MODULES);
for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
const db = database.db;

const t = performance.now();
if (REUSE) await sql`DELETE FROM policy_versions WHERE item_id = ${ITEM} AND version = 2`.execute(db);
const districts = "ARRAY['450102','450103','450105','450107','450108','450109','450110']";
// One statement at a time (PGlite prepares each query and takes only one command).
if (!REUSE) for (const statement of `
  INSERT INTO identity_organisations (id, name, kind, region_code)
  SELECT md5('o' || g)::uuid, 'bench-' || g, 'enterprise', (${districts})[1 + g % 7] FROM generate_series(1, ${N}) g;
  INSERT INTO subjects (id, kind, name, region_code, organisation_id)
  SELECT md5('s' || g)::uuid, 'enterprise', 'bench-' || g, (${districts})[1 + g % 7], md5('o' || g)::uuid FROM generate_series(1, ${N}) g;
  INSERT INTO subject_facts (subject_id, variable, value, source, verified)
  SELECT md5('s' || g)::uuid, v.variable, v.value, 'declared', false
    FROM generate_series(1, ${N}) g
    CROSS JOIN LATERAL (VALUES
      ('region', to_jsonb((${districts})[1 + g % 7])),
      ('industry', to_jsonb((ARRAY['I65','C30','F52','M73','C34','E47'])[1 + g % 6])),
      ('employees', to_jsonb(1 + (g::bigint * 7919) % 400)),
      ('revenue', to_jsonb(((g::bigint * 104729) % 50000) * 100000::bigint)),
      ('total_assets', to_jsonb(((g::bigint * 1299709) % 40000) * 100000::bigint)),
      ('founded_on', to_jsonb((date '2010-01-01' + ((g::bigint * 37) % 6000)::int)::text)),
      ('is_tech_sme', to_jsonb(g % 3 = 0))
    ) AS v(variable, value)
   WHERE NOT (v.variable = 'revenue' AND g % 10 = 0);
  ANALYZE subjects; ANALYZE subject_facts; ANALYZE finder_subject_rows;
`.split(';').map((x) => x.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
if (!REUSE) console.log(`generated ${N.toLocaleString('en-US')} enterprises with ${(N * 7 - N / 10).toLocaleString('en-US')} facts in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// The draft: small and micro firms founded within 5 years, 100 元 per employee, at most 5,000 元 a year.
const v1 = (await sql<{ spec: Record<string, unknown> }>`SELECT spec FROM policy_versions WHERE item_id = ${ITEM} AND version = 1`.execute(db)).rows[0]!.spec;
const draft = {
  ...v1,
  criteria: [
    ...(v1.criteria as unknown[]),
    { id: 'small_or_micro', label: { zh: '小型或微型企业', en: 'Small or micro enterprise' }, rule: { in: [{ var: 'size_class' }, ['small', 'micro']] } },
    { id: 'young', label: { zh: '成立不满5年', en: 'Founded less than 5 years ago' }, rule: { within_years: [{ var: 'founded_on' }, 5] } },
  ],
  amount: { formula: { '*': [{ var: 'employees' }, 10000] } },
  caps: [{ per: 'subject_year', amount: 500000 }],
};
await sql`INSERT INTO policy_versions (item_id, version, status, spec, meta, note)
          SELECT item_id, 2, 'draft', ${JSON.stringify(draft)}::jsonb, meta, 'bench draft' FROM policy_versions WHERE item_id = ${ITEM} AND version = 1`.execute(db);

const config = readConfig({ NODE_ENV: 'test', SEEDBED_DATA_DIR: '/nonexistent/pglite' });
const deps = { db, dbKind: database.kind, config, clock: fixedClock('2026-11-20T02:00:00Z'), events: new EventBus(modules.events), dataKey: randomBytes(32), benefitHistory: noBenefitHistory, applicationChannels: applicationChannelsOf, modules };
const runner = new JobRunner(db);
for (const job of finderManifest.jobs) job.register(runner, deps);
type SimResult = { rows: number; draft: { total: Record<string, number>; byDistrict: Record<string, unknown> }; current: { total: Record<string, number> } };
async function simulate(): Promise<{ seconds: number; result: SimResult }> {
  const jobId = await enqueueJob(db, 'finder.simulate', { simulationId: randomUUID(), itemId: ITEM, version: 2, baseVersion: 1, date: '2026-11-20' });
  const t0 = performance.now();
  await runner.drain();
  const seconds = (performance.now() - t0) / 1000;
  const job = await getJob(db, jobId);
  if (job?.status !== 'done') throw new Error(`simulation ${job?.status}: ${job?.error}`);
  return { seconds, result: job.result as SimResult };
}
const rssBefore = process.memoryUsage().rss;
// 1. Cold: the stored column blocks of the variables the item reads are built on the way (once).
const cold = await simulate();
const result = cold.result;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`draft   v2: ${JSON.stringify(result.draft.total)}`);
console.log(`current v1: ${JSON.stringify(result.current.total)}`);
console.log(`districts: ${Object.keys(result.draft.byDistrict).length}`);
console.log(`first simulation (column blocks built) over ${result.rows.toLocaleString('en-US')} enterprises: ${cold.seconds.toFixed(1)} s, ${Math.round(result.rows / cold.seconds).toLocaleString('en-US')} rows/s, peak RSS ${peakMb.toFixed(0)} MB (before the job ${(rssBefore / 1048576).toFixed(0)} MB)`);
console.log(`target < 30 s and < 2048 MB: ${cold.seconds < 30 && peakMb < 2048 ? 'PASS' : 'FAIL'}`);
// 2. Warm: an officer's next what-if, nothing changed since (best of seven: at PGlite's 30 ms a
// single spell of this machine's half speed decides a best of three).
/** The best of `rounds` simulations, each agreeing with the first (`before` runs ahead of each). */
async function bestOf(rounds: number, what: string, before?: () => void): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    before?.();
    const run = await simulate();
    if (JSON.stringify(run.result.draft.total) !== JSON.stringify(result.draft.total)) throw new Error(`${what} disagrees with the first`);
    best = Math.min(best, run.seconds);
  }
  return best;
}
const seconds = await bestOf(7, 'a warm simulation');
console.log(`simulation again, column blocks current: ${seconds < 0.1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`}, ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s (this process keeps ${blockCache(db).size} chunks, ${(blockCache(db).bytes / 1048576).toFixed(1)} MB)`);
// 2b. The same in a process that has not read these blocks yet (its column cache empty): every
// chunk decoded from the stored blocks (best of three).
const uncached = await bestOf(3, 'a simulation with the cache emptied', () => blockCache(db).clear());
console.log(`simulation again, this process's column cache emptied (read from the stored blocks): ${uncached.toFixed(2)} s`);
// 3. After 1% of the profiles changed (spread over every block): those blocks are rebuilt first.
const changed = Math.max(1, Math.round(N / 100));
await sql.raw(`UPDATE subject_facts SET value = to_jsonb((value #>> '{}')::int + 1) WHERE variable = 'employees' AND superseded_at IS NULL
                AND subject_id IN (SELECT md5('s' || g)::uuid FROM generate_series(1, ${N}, 100) g)`).execute(db);
const refreshed = await simulate();
console.log(`simulation after ${changed.toLocaleString('en-US')} profiles changed (their blocks rebuilt on the way): ${refreshed.seconds.toFixed(2)} s`);
await sql.raw(`UPDATE subject_facts SET value = to_jsonb((value #>> '{}')::int - 1) WHERE variable = 'employees' AND superseded_at IS NULL
                AND subject_id IN (SELECT md5('s' || g)::uuid FROM generate_series(1, ${N}, 100) g)`).execute(db);
// 3b. The change undone, and the changed blocks refreshed in the background first (the job profile
// changes queue), as an officer's next what-if finds them.
const tr = performance.now();
await enqueueJob(db, 'finder.refresh_blocks', {});
await runner.drain();
const refreshSeconds = (performance.now() - tr) / 1000;
const again = await simulate();
if (JSON.stringify(again.result.draft.total) !== JSON.stringify(result.draft.total)) throw new Error('the simulation after the change was undone disagrees with the first');
console.log(`the change undone: the blocks refreshed in the background in ${refreshSeconds.toFixed(2)} s, then the simulation ${again.seconds.toFixed(2)} s`);

// The pure engine pass over the same rows: the populations read once more (not timed), then both
// versions evaluated over them as the job does (each chunk once, with its districts tallied by
// the evaluator), best of seven as the warm simulation.
const draftCatalog = await rulesWithVersion(db, ITEM, 2);
const currentCatalog = await rulesWithVersion(db, ITEM, 1);
const draftEv = compilePopulation(draftCatalog, [ITEM]);
const currentEv = compilePopulation(currentCatalog, [ITEM]);
const a = variablesRead(draftCatalog, [ITEM]);
const b = variablesRead(currentCatalog, [ITEM]);
const rule = [...new Set([...a.rule, ...b.rule])];
const stored = [...new Set([...a.stored, ...b.stored])];
const populations = [];
// Read as the job reads them: the stored column blocks, 64 at a time, without ids.
for (let lo = 0; lo < BLOCKS; lo += 64) {
  const chunk = await blockColumns(db, 'enterprise', draftCatalog, stored, lo, Math.min(BLOCKS, lo + 64), { withIds: false });
  if (chunk.size > 0) populations.push(chunkPopulation(draftCatalog, chunk, rule));
}
let engine = Infinity;
let eligible = 0;
for (let round = 0; round < 7; round++) {
  const t0 = performance.now();
  eligible = 0;
  for (const { population, districts, groupOf } of populations) {
    const options = { collectEligible: true, groups: districts.length, groupOf };
    eligible += draftEv.evaluate(population, '2026-11-20', options).items[0]!.eligible;
    currentEv.evaluate(population, '2026-11-20', options);
  }
  engine = Math.min(engine, (performance.now() - t0) / 1000);
}
if (eligible !== result.draft.total.eligible) throw new Error(`engine pass found ${eligible} eligible, the simulation ${result.draft.total.eligible}`);
const ratio = seconds / engine;
console.log(`engine pass over the same ${result.rows.toLocaleString('en-US')} rows (draft and current): ${engine < 0.1 ? `${(engine * 1000).toFixed(1)} ms` : `${engine.toFixed(2)} s`}`);
console.log(`first simulation / engine pass: ${(cold.seconds / engine).toFixed(1)}×; with the column cache emptied: ${(uncached / engine).toFixed(1)}×; after 1% changed: ${(refreshed.seconds / engine).toFixed(1)}×, refreshed in the background: ${(again.seconds / engine).toFixed(1)}× (diagnostic)`);
console.log(`simulation (column blocks current) / engine pass on ${PGLITE ? 'PGlite' : 'the PostgreSQL server'}: ${ratio.toFixed(1)}× (target ≤ 3×: ${ratio <= 3 ? 'PASS' : 'FAIL'})`);
await database.close();
if (!PGLITE && !process.env.BENCH_KEEP_DB) {
  const dropper = new pg.Client({ connectionString: SERVER });
  await dropper.connect();
  await dropper.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await dropper.end();
}
