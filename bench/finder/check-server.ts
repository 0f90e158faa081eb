/**
 * One HTTP server for the check benchmark, in its own process: `bare` is a Fastify route that
 * returns a small JSON object (the baseline); `seedbed` is the Seedbed app (embedded database,
 * catalogue imported) serving POST /api/v1/eligibility/check. Prints "PORT <n>" when listening.
 * With BENCH_CATALOG_ITEMS=5000 the database holds that many published items: the imported ones
 * and copies of them under new ids (same documents, criteria, amounts, regions and periods), so
 * the check reads them through its ordinary path (published versions → compiled snapshot).
 */
import Fastify from 'fastify';
import type { Kysely } from 'kysely';

/** Copies of the published items (new ids `<id>-s<k>`) until the catalogue holds `total` items. */
async function syntheticCatalogue(db: Kysely<Record<string, Record<string, unknown>>>, total: number): Promise<void> {
  const items = await db.selectFrom('policy_items').selectAll().where('current_version', 'is not', null).orderBy('id').execute();
  const versions = new Map((await db.selectFrom('policy_versions').selectAll().where('status', '=', 'published').execute()).map((v) => [v.item_id as string, v]));
  const json = (x: unknown): unknown => (x === null || typeof x !== 'object' || x instanceof Date ? x : JSON.stringify(x));
  const newItems: Record<string, unknown>[] = [];
  const newVersions: Record<string, unknown>[] = [];
  for (let k = 1; items.length + newItems.length < total; k++)
    for (const it of items) {
      if (items.length + newItems.length >= total) break;
      const v = versions.get(it.id as string);
      if (!v) continue;
      const id = `${it.id as string}-s${k}`;
      const { updated_at: _u, ...rest } = it;
      newItems.push({ ...rest, id });
      const { created_at: _c, ...vrest } = v;
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(vrest)) copy[key] = key === 'spec' ? JSON.stringify({ ...(value as object), id }) : json(value);
      newVersions.push({ ...copy, item_id: id });
    }
  for (let i = 0; i < newItems.length; i += 500) {
    await db.insertInto('policy_items').values(newItems.slice(i, i + 500)).execute();
    await db.insertInto('policy_versions').values(newVersions.slice(i, i + 500)).execute();
  }
}

process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

const mode = process.argv[2];
if (mode === 'bare') {
  const app = Fastify({ logger: false });
  app.post('/check', async () => ({ ok: true, items: [] as unknown[] }));
  // Diagnostic: a fixed body (set once by the benchmark) served as it is, to show what the client
  // side of the measurement costs for a response of that size and content.
  let fixed = Buffer.from('{}');
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.put('/fixed', { bodyLimit: 64 * 1024 * 1024 }, async (request) => {
    fixed = request.body as Buffer;
    return { bytes: fixed.length };
  });
  app.post('/fixed', async (_request, reply) => reply.type('application/json; charset=utf-8').send(fixed));
  // Diagnostic only: the same trivial handler as the bare server, behind Seedbed's hooks and plugins.
  app.post('/api/v1/bench/noop', { config: { permission: 'public', csrf: false } }, async () => ({ ok: true, items: [] as unknown[] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
} else {
  const { randomBytes } = await import('node:crypto');
  const { buildApp } = await import('../../apps/server/src/app.js');
  const { systemClock } = await import('../../apps/server/src/platform/clock.js');
  const { readConfig } = await import('../../apps/server/src/platform/config.js');
  const { openDatabase } = await import('../../apps/server/src/platform/database.js');
  const { EventBus } = await import('../../apps/server/src/platform/events.js');
  const { noBenefitHistory } = await import('../../apps/server/src/platform/benefit-history.js');
  const { applicationChannelsOf } = await import('../../apps/server/src/modules/fulfilment/index.js');
  const { assembleModules } = await import('../../apps/server/src/platform/module.js');
  const { MODULES } = await import('../../apps/server/src/manifests.js');
  const modules = assembleModules(MODULES);
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
  const items = Number(process.env.BENCH_CATALOG_ITEMS ?? 0);
  if (items > 0) await syntheticCatalogue(database.db as never, items);
  const config = { ...readConfig({ NODE_ENV: 'production', SEEDBED_DATA_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' }), webDist: '/nonexistent' };
  const app = await buildApp({ db: database.db, dbKind: database.kind, clock: systemClock, config, dataKey: randomBytes(32), events: new EventBus(modules.events), benefitHistory: noBenefitHistory, applicationChannels: applicationChannelsOf, modules });
  // Diagnostic only: the same trivial handler as the bare server, behind Seedbed's hooks and plugins.
  app.post('/api/v1/bench/noop', { config: { permission: 'public', csrf: false } }, async () => ({ ok: true, items: [] as unknown[] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
}
