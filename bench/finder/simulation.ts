/**
 * Benchmark: an officer's what-if simulation over 1,000,000 registered enterprises on the
 * PostgreSQL server. A scratch database is filled with generate_series (organisations, subjects
 * and seven facts each, spread over seven districts), a new version of a Nanning 免申即享 item is
 * drafted (criteria on size class, age and region; an amount per employee; an annual cap), and the
 * persisted 'finder.simulate' job runs it against the current version to completion.
 * Prints time, rows/s and peak RSS. Target: < 30 s, < 2 GB.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_SUBJECTS=1000000 node --import tsx bench/finder/simulation.ts
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
import { finderManifest } from '../../apps/server/src/modules/finder/index.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_SUBJECTS ?? 1_000_000);
const NAME = 'seedbed_bench_finder';
const ITEM = 'nn.fee-cancellation-suspension';

// BENCH_REUSE=1 runs again on the database a BENCH_KEEP_DB=1 run left behind.
const REUSE = !!process.env.BENCH_REUSE;
if (!REUSE) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
}
const url = new URL(SERVER);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
await database.migrate();
const modules = assembleModules(MODULES);
for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
const db = database.db;

let t = performance.now();
if (REUSE) await sql`DELETE FROM policy_versions WHERE item_id = ${ITEM} AND version = 2`.execute(db);
const districts = "ARRAY['450102','450103','450105','450107','450108','450109','450110']";
if (!REUSE) await sql.raw(`
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
  ANALYZE subjects; ANALYZE subject_facts;
`).execute(db);
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
const jobId = await enqueueJob(db, 'finder.simulate', { simulationId: randomUUID(), itemId: ITEM, version: 2, baseVersion: 1, date: '2026-11-20' });
const rssBefore = process.memoryUsage().rss;
t = performance.now();
await runner.drain();
const seconds = (performance.now() - t) / 1000;
const job = await getJob(db, jobId);
if (job?.status !== 'done') throw new Error(`simulation ${job?.status}: ${job?.error}`);
const result = job.result as { rows: number; draft: { total: Record<string, number>; byDistrict: Record<string, unknown> }; current: { total: Record<string, number> } };
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`draft   v2: ${JSON.stringify(result.draft.total)}`);
console.log(`current v1: ${JSON.stringify(result.current.total)}`);
console.log(`districts: ${Object.keys(result.draft.byDistrict).length}`);
console.log(`simulation over ${result.rows.toLocaleString('en-US')} enterprises: ${seconds.toFixed(1)} s, ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s, peak RSS ${peakMb.toFixed(0)} MB (before the job ${(rssBefore / 1048576).toFixed(0)} MB)`);
console.log(`target < 30 s and < 2048 MB: ${seconds < 30 && peakMb < 2048 ? 'PASS' : 'FAIL'}`);
await database.close();
if (!process.env.BENCH_KEEP_DB) {
  const dropper = new pg.Client({ connectionString: SERVER });
  await dropper.connect();
  await dropper.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await dropper.end();
}
